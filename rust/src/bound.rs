//! Markup bounded before the tree builder: the compiled twin of `newsclean/bound.py`.
//!
//! Lexbor's tree builder follows the HTML standard, and some of what the standard
//! asks costs more than linear time on hostile shapes (deep nesting, formatting
//! elements left open before thousands of paragraphs, a tag with 100,000
//! attributes, a `<select>` of 59,000 options). [`bound_markup`] scans the markup
//! once, keeps a model of the open elements and the open formatting elements, and
//! drops the tags that go past the bounds; text is never dropped. The Python
//! module's docstring gives the bounds' reasons; this module must give the same
//! output as it on every input (the parity test in `tests/test_core.py`).
//!
//! The scan reads the markup as the Python one does: a tag is `<name ...>` or
//! `</name ...>` up to the first `>`, a comment opener `<!--`, a declaration
//! `<!...>` or a processing instruction `<?...>`. White space is what Python's
//! `str.isspace` calls white space (Unicode's `White_Space` plus the four
//! information separators U+001C..U+001F), so that both scans cut names alike.

use std::collections::HashMap;

/// Open elements deeper than this are not nested further (their tags are dropped).
pub const MAX_DEPTH: usize = 256;
/// Formatting elements open at once (the standard re-opens them in every new block).
pub const MAX_FORMATTING: usize = 16;
/// Identical formatting elements the standard keeps open at most ("Noah's Ark").
const NOAHS_ARK: usize = 3;
/// Attributes kept per tag.
pub const MAX_ATTRIBUTES: usize = 64;

/// The scan's result: the bounded markup (`None`: the input as it is), its tags, and what was dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bounded {
    pub markup: Option<String>,
    pub tags: usize,
    pub dropped: usize,
}

/// Python's `str.isspace`.
fn py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

fn raw_text(name: &str) -> bool {
    matches!(name, "script" | "style" | "textarea" | "title" | "xmp" | "iframe" | "noembed" | "noframes" | "plaintext")
}

fn void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "keygen"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
            | "image"
            | "frame"
            | "basefont"
            | "bgsound"
    )
}

fn formatting(name: &str) -> bool {
    matches!(
        name,
        "a" | "b" | "big" | "code" | "em" | "font" | "i" | "nobr" | "s" | "small" | "strike" | "strong" | "tt" | "u"
    )
}

fn closes_p(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "details"
            | "div"
            | "dl"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hr"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "table"
            | "ul"
    )
}

/// Elements whose end tag is optional, by group: a start tag of a group closes an open one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Group {
    P,
    Li,
    D,
    Tr,
    Cell,
    Option,
    Optgroup,
    TSection,
    R,
}

const GROUPS: usize = 9;

fn group_of(name: &str) -> Option<Group> {
    Some(match name {
        "p" => Group::P,
        "li" => Group::Li,
        "dt" | "dd" => Group::D,
        "tr" => Group::Tr,
        "td" | "th" => Group::Cell,
        "option" => Group::Option,
        "optgroup" => Group::Optgroup,
        "thead" | "tbody" | "tfoot" => Group::TSection,
        "rb" | "rt" | "rp" => Group::R,
        _ => return None,
    })
}

fn item_scope(name: &str) -> bool {
    matches!(
        name,
        "dl" | "ul"
            | "ol"
            | "table"
            | "td"
            | "th"
            | "caption"
            | "button"
            | "object"
            | "template"
            | "select"
            | "blockquote"
            | "section"
            | "article"
            | "aside"
            | "nav"
            | "header"
            | "footer"
            | "main"
            | "figure"
    )
}

/// Whether an open `name` stops the search for an open element of `group`.
fn stops(group: Group, name: &str) -> bool {
    match group {
        Group::Li => item_scope(name) || matches!(name, "menu" | "fieldset" | "form" | "details"),
        Group::D => item_scope(name),
        Group::Tr | Group::TSection => name == "table",
        Group::Cell => matches!(name, "table" | "tr"),
        Group::Option => matches!(name, "select" | "datalist"),
        Group::Optgroup => name == "select",
        Group::R => name == "ruby",
        Group::P => matches!(
            name,
            "table" | "td" | "th" | "caption" | "button" | "object" | "template" | "marquee" | "applet" | "html"
        ),
    }
}

/// The stack of open elements, with a count per name and per group, so that most
/// tags skip the search down the stack.
#[derive(Default)]
struct OpenElements {
    names: Vec<String>,
    counts: HashMap<String, usize>,
    groups: [usize; GROUPS],
}

impl OpenElements {
    fn push(&mut self, name: &str) {
        self.names.push(name.to_owned());
        self.count(name, true);
    }

    /// Close the element at `depth` and every element opened inside it.
    fn truncate(&mut self, depth: usize) {
        for name in self.names.split_off(depth) {
            self.count(&name, false);
        }
    }

    /// Close the element at `depth` alone.
    fn remove(&mut self, depth: usize) {
        let name = self.names.remove(depth);
        self.count(&name, false);
    }

    fn open(&self, name: &str) -> bool {
        self.counts.get(name).is_some_and(|&n| n > 0)
    }

    fn group_open(&self, group: Group) -> bool {
        self.groups[group as usize] > 0
    }

    fn count(&mut self, name: &str, up: bool) {
        let n = self.counts.entry(name.to_owned()).or_insert(0);
        *n = if up { *n + 1 } else { *n - 1 };
        if let Some(g) = group_of(name) {
            let n = &mut self.groups[g as usize];
            *n = if up { *n + 1 } else { *n - 1 };
        }
    }
}

/// What the tag pattern found at `start..stop`.
#[derive(Debug, Clone, Copy)]
enum Found {
    /// A start or end tag: where its name and its attributes are.
    Tag { end: bool, name: (usize, usize), attrs: (usize, usize) },
    /// `<!--` (alone: where the comment ends is the caller's affair).
    CommentOpen,
    /// `<!...>` or `<?...>`.
    Other,
}

#[derive(Debug, Clone, Copy)]
struct Match {
    start: usize,
    stop: usize,
    found: Found,
}

/// The tag pattern, searched in `s[..end]` (positions are byte offsets).
struct Scanner<'a> {
    s: &'a str,
    end: usize,
    /// One past the last `>` before `end` (0: none): no tag ends after it.
    last_gt: usize,
}

impl<'a> Scanner<'a> {
    fn new(s: &'a str, end: usize) -> Self {
        let last_gt = memchr::memrchr(b'>', &s.as_bytes()[..end]).map_or(0, |i| i + 1);
        Scanner { s, end, last_gt }
    }

    /// The first match at or after `at`.
    fn search(&self, mut at: usize) -> Option<Match> {
        let b = self.s.as_bytes();
        while at < self.end {
            let p = at + memchr::memchr(b'<', &b[at..self.end])?;
            if let Some(m) = self.match_at(p) {
                return Some(m);
            }
            at = p + 1;
        }
        None
    }

    fn gt_after(&self, from: usize) -> Option<usize> {
        if from >= self.last_gt {
            return None;
        }
        memchr::memchr(b'>', &self.s.as_bytes()[from..self.last_gt]).map(|i| from + i)
    }

    fn match_at(&self, p: usize) -> Option<Match> {
        let b = self.s.as_bytes();
        let next = |i: usize| if i < self.end { Some(b[i]) } else { None };
        let (end_tag, first) = match (next(p + 1), next(p + 2)) {
            (Some(b'/'), Some(c)) if c.is_ascii_alphabetic() => (true, p + 2),
            (Some(c), _) if c.is_ascii_alphabetic() => (false, p + 1),
            _ => (false, usize::MAX),
        };
        if first != usize::MAX {
            // The name: the letter, then anything but white space, "/" and ">".
            let rest = &self.s[first + 1..self.end];
            let len = rest.find(|c: char| py_space(c) || c == '/' || c == '>').unwrap_or(rest.len());
            let name_end = first + 1 + len;
            let gt = self.gt_after(name_end)?;
            return Some(Match {
                start: p,
                stop: gt + 1,
                found: Found::Tag { end: end_tag, name: (first, name_end), attrs: (name_end, gt) },
            });
        }
        if self.s[p..self.end].starts_with("<!--") {
            return Some(Match { start: p, stop: p + 4, found: Found::CommentOpen });
        }
        if matches!(next(p + 1), Some(b'!' | b'?')) {
            let gt = self.gt_after(p + 2)?;
            return Some(Match { start: p, stop: gt + 1, found: Found::Other });
        }
        None
    }
}

/// `needle` (ASCII, lower case) in `hay[from..until]`, ASCII letters of any case.
fn find_ascii_ci(hay: &str, needle: &str, from: usize, until: usize) -> Option<usize> {
    let h = &hay.as_bytes()[..until];
    let n = needle.as_bytes();
    let first = n[0];
    let mut at = from;
    while at + n.len() <= h.len() {
        let i = at + memchr::memchr2(first, first.to_ascii_uppercase(), &h[at..])?;
        if i + n.len() <= h.len() && h[i..i + n.len()].eq_ignore_ascii_case(n) {
            return Some(i);
        }
        at = i + 1;
    }
    None
}

/// Python's `str.lower()` of a tag name (ASCII names, the usual case, without an allocation's detour).
fn lower(name: &str) -> String {
    if name.is_ascii() {
        name.to_ascii_lowercase()
    } else {
        name.to_lowercase()
    }
}

/// The attributes of a tag's text after its name, as the Python scan's attribute pattern finds them.
fn attributes(attrs: &str) -> Vec<&str> {
    let special = |c: char| py_space(c) || matches!(c, '"' | '\'' | '=' | '/' | '>');
    let mut out = Vec::new();
    let mut chars = attrs.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        if special(c) {
            chars.next();
            continue;
        }
        let name_end = attrs[i..].find(special).map_or(attrs.len(), |k| i + k);
        let mut stop = name_end;
        let after = attrs[name_end..].trim_start_matches(py_space);
        if let Some(value) = after.strip_prefix('=') {
            let value = value.trim_start_matches(py_space);
            let v = attrs.len() - value.len();
            stop = match value.chars().next() {
                Some(q @ ('"' | '\'')) => value[1..].find(q).map_or(attrs.len(), |k| v + 1 + k + 1),
                _ => value.find(|c: char| py_space(c) || c == '>').map_or(attrs.len(), |k| v + k),
            };
        }
        out.push(&attrs[i..stop]);
        while chars.peek().is_some_and(|&(k, _)| k < stop) {
            chars.next();
        }
    }
    out
}

struct State {
    stack: OpenElements,
    formatting: Vec<(String, String)>,
    skipped: HashMap<String, usize>,
}

impl State {
    /// Model a start tag; false if it goes past a bound (drop it).
    fn start(&mut self, name: &str, attrs: &str) -> bool {
        if closes_p(name) && self.stack.group_open(Group::P) {
            self.close_implied(Group::P);
        }
        if let Some(g) = group_of(name) {
            if g != Group::P && self.stack.group_open(g) {
                self.close_implied(g);
            }
        }
        if formatting(name) {
            let key = attrs.trim_matches(py_space);
            let same: Vec<usize> = self
                .formatting
                .iter()
                .enumerate()
                .filter(|(_, (n, a))| if name == "a" { n == "a" } else { n == name && a == key })
                .map(|(i, _)| i)
                .collect();
            if name == "a" && !same.is_empty() {
                self.formatting.remove(same[same.len() - 1]);
            } else if same.len() >= NOAHS_ARK {
                self.formatting.remove(same[0]);
            } else if self.formatting.len() >= MAX_FORMATTING {
                return false;
            }
            self.formatting.push((name.to_owned(), key.to_owned()));
        }
        if void(name) {
            return true;
        }
        if self.stack.names.len() >= MAX_DEPTH {
            if formatting(name) {
                self.formatting.pop();
            }
            return false;
        }
        self.stack.push(name);
        true
    }

    /// Close the nearest open element of `group`, unless a scope boundary comes first.
    fn close_implied(&mut self, group: Group) {
        for depth in (0..self.stack.names.len()).rev() {
            let other = &self.stack.names[depth];
            if group_of(other) == Some(group) {
                self.stack.truncate(depth);
                return;
            }
            if stops(group, other) {
                return;
            }
        }
    }

    /// Model an end tag; false if its start tag was dropped (drop it too).
    fn end(&mut self, name: &str) -> bool {
        if formatting(name) {
            if let Some(i) = self.formatting.iter().rposition(|(n, _)| n == name) {
                self.formatting.remove(i);
            }
        }
        if self.stack.open(name) {
            let depth = self.stack.names.iter().rposition(|n| n == name).expect("counted as open");
            if formatting(name) {
                self.stack.remove(depth);
            } else {
                self.stack.truncate(depth);
            }
            return true;
        }
        if let Some(n) = self.skipped.get_mut(name) {
            if *n > 0 {
                *n -= 1;
                return false;
            }
        }
        true
    }
}

/// `markup` with the tags past the bounds dropped, and its tag count.
pub fn bound_markup(markup: &str) -> Bounded {
    let n = markup.len();
    let whole = Scanner::new(markup, n);
    // Every tag ends with ">": no search goes past the last one.
    let end = whole.last_gt;
    let scan = Scanner { s: markup, end, last_gt: end };
    // The last "</select" search: where it started and what it found. The scan only moves
    // forward, so a later search that starts before what was found (or after a search that
    // found nothing) has the same answer: 256 unclosed selects cost one search, not 256.
    let mut select_end: Option<(usize, Option<usize>)> = None;
    let mut state = State { stack: OpenElements::default(), formatting: Vec::new(), skipped: HashMap::new() };
    let mut out = String::new();
    let mut changed = false;
    let (mut tags, mut dropped) = (0usize, 0usize);
    let mut pos = 0; // markup[..pos] is decided (copied to `out` or dropped)
    let mut at = 0; // where the next tag is looked for
    while at < end {
        let Some(m) = scan.search(at) else { break };
        at = m.stop;
        let (is_end, name_at, attrs_at) = match m.found {
            Found::CommentOpen => {
                at = markup[at..].find("-->").map_or(n, |i| at + i + 3);
                continue;
            }
            Found::Other => continue,
            Found::Tag { end, name, attrs } => (end, name, attrs),
        };
        tags += 1;
        let raw_name = &markup[name_at.0..name_at.1];
        let name = lower(raw_name);
        let attrs = &markup[attrs_at.0..attrs_at.1];
        let keep = if is_end {
            state.end(&name)
        } else {
            let keep = state.start(&name, attrs);
            if !keep {
                *state.skipped.entry(name.clone()).or_insert(0) += 1;
            }
            keep
        };
        if !keep {
            out.push_str(&markup[pos..m.start]);
            changed = true;
            pos = at;
            dropped += 1;
            continue;
        }
        if is_end {
            continue;
        }
        if attrs.matches('=').count() > MAX_ATTRIBUTES {
            let found = attributes(attrs);
            if found.len() > MAX_ATTRIBUTES {
                // Whole attributes only: a value cut short would leave its quote open.
                out.push_str(&markup[pos..m.start]);
                out.push('<');
                out.push_str(raw_name);
                out.push(' ');
                out.push_str(&found[..MAX_ATTRIBUTES].join(" "));
                out.push('>');
                changed = true;
                pos = at;
                dropped += 1;
            }
        }
        if raw_text(&name) {
            let close = format!("</{name}");
            at = find_ascii_ci(markup, &close, at, n).unwrap_or(n);
        } else if name == "select" {
            let close = match select_end {
                Some((from, found)) if from <= at && found.map_or(true, |c| c >= at) => found,
                _ => find_ascii_ci(markup, "</select", at, n),
            };
            select_end = Some((at, close));
            let again = find_ascii_ci(markup, "<select", at, close.unwrap_or(n));
            let stop = match (close, again) {
                (Some(c), None) => c,
                _ => {
                    // Never closed (or a second one first): only the run of options is its content.
                    let mut stop = n;
                    let mut from = at;
                    while let Some(t) = whole.search(from) {
                        let option = match t.found {
                            Found::Tag { name, .. } => {
                                matches!(lower(&markup[name.0..name.1]).as_str(), "option" | "optgroup")
                            }
                            _ => false,
                        };
                        if !option {
                            stop = t.start;
                            break;
                        }
                        from = t.stop;
                    }
                    stop
                }
            };
            let inner = Scanner::new(&markup[..stop], stop);
            let mut from = at;
            let mut stripped = String::new();
            let mut any = false;
            while let Some(t) = inner.search(from) {
                stripped.push_str(&markup[from..t.start]);
                from = t.stop;
                any = true;
            }
            if any {
                stripped.push_str(&markup[from..stop]);
                out.push_str(&markup[pos..at]);
                out.push_str(&stripped);
                changed = true;
                pos = stop;
                dropped += 1;
            }
            at = stop;
        }
    }
    if !changed {
        return Bounded { markup: None, tags, dropped };
    }
    out.push_str(&markup[pos..]);
    Bounded { markup: Some(out), tags, dropped }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bounded(s: &str) -> String {
        bound_markup(s).markup.unwrap_or_else(|| s.to_owned())
    }

    #[test]
    fn deep_nesting_stops_at_the_bound() {
        let deep = "<div>".repeat(300) + "x" + &"</div>".repeat(300);
        let b = bound_markup(&deep);
        assert_eq!(b.tags, 600);
        let out = b.markup.expect("tags dropped");
        assert_eq!(out.matches("<div>").count(), MAX_DEPTH);
        assert_eq!(out.matches("</div>").count(), MAX_DEPTH);
        assert!(out.contains('x'));
    }

    #[test]
    fn a_page_within_the_bounds_is_returned_as_it_is() {
        let page = "<html><body><p>One <b>two</b></p><ul><li>a<li>b</ul></body></html>";
        assert_eq!(bound_markup(page), Bounded { markup: None, tags: 12, dropped: 0 });
    }

    #[test]
    fn formatting_elements_past_the_bound_are_dropped() {
        let page = "<b class=x>".repeat(3) + &(0..20).map(|i| format!("<i id={i}>")).collect::<String>() + "t";
        let out = bounded(&page);
        assert_eq!(out.matches("<i ").count() + out.matches("<b ").count(), MAX_FORMATTING);
    }

    #[test]
    fn attributes_past_the_bound_are_dropped_whole() {
        let attrs: String = (0..100).map(|i| format!(" a{i}=\"v {i}\"")).collect();
        let out = bounded(&format!("<div{attrs}>x</div>"));
        assert!(out.starts_with("<div a0=\"v 0\" a1="));
        assert_eq!(out.matches('=').count(), MAX_ATTRIBUTES);
        assert!(out.ends_with("a63=\"v 63\">x</div>"));
    }

    #[test]
    fn the_tags_inside_a_select_go() {
        assert_eq!(bounded("<select><option>a<option>b</select>z"), "<select>ab</select>z");
        assert_eq!(bounded("<select><option>a<option>b<p>z"), "<select>ab<p>z");
    }

    #[test]
    fn raw_text_and_comments_hide_their_tags() {
        let b = bound_markup("<script>if (a<b) { x = '<div>'; }</SCRIPT><!-- <p> --><p>t</p>");
        assert_eq!(b.tags, 4);
    }

    #[test]
    fn a_tag_named_like_nothing_else_is_no_crash() {
        assert_eq!(bounded("<p>x</group:p>"), "<p>x</group:p>");
    }

    #[test]
    fn python_white_space_ends_a_name() {
        // U+001F is white space to Python's str.isspace, not to Unicode's White_Space.
        assert_eq!(attributes("\u{1f}a=1\u{1f}b"), vec!["a=1", "b"]);
        assert_eq!(attributes(" a = 'x y' b=\"q c"), vec!["a = 'x y'", "b=\"q c"]);
    }
}

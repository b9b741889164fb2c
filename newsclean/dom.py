"""Stage 0 for HTML: the page's text, one line per block element, and what the DOM says about each line.

A dump loses what the markup knew: that a line was a link, sat in a ``<nav>``
or a ``<footer>``, inside an element whose class names a comment thread or a
"related stories" box, in a ``<figcaption>``. This module walks the DOM once
(selectolax's Lexbor tree) and produces

* the text, one line per *segment*: the text between two block-element
  boundaries, white space collapsed as a browser would (``<pre>`` aside); and
* one row of DOM features per line (:data:`DOM_FEATURE_NAMES`), which the block
  scorer reads beside the text features, so text and HTML input share one
  pipeline, one set of kinds and rule ids, and differ only in the evidence.

Class and id attributes are read through a table of *stems*
(:data:`CLASS_STEMS`): ``comment`` matches ``comment-list`` and
``jsCommentBox`` alike. The stems are English because markup vocabulary is,
whatever the page's language.

The walk is iterative (no recursion limit on deep nesting) and linear in the
number of nodes; pages with more tags than :data:`MAX_DOM_TAGS` never reach it
(see :mod:`newsclean.decode`).
"""

from __future__ import annotations

import dataclasses
import functools
import math
import re
from dataclasses import dataclass
from typing import NamedTuple

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .chars import CELL_SEP, effective_length
from .meta import PageMeta, page_meta
from .pagetype import declared_profile

__all__ = ["DOM_FEATURE_NAMES", "HtmlText", "html_segments"]

#: Elements whose content is never text a reader sees.
DROP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "canvas",
        "iframe",
        "object",
        "head",
        "select",
        "option",
        "button",
        "textarea",
        "input",
        "math",
    }
)
#: Elements that start a new line of text.
BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "tr",
        "caption",
        "blockquote",
        "pre",
        "section",
        "article",
        "header",
        "footer",
        "nav",
        "aside",
        "main",
        "figure",
        "figcaption",
        "form",
        "fieldset",
        "address",
        "hr",
        "title",
        "details",
        "summary",
        "center",
        "legend",
        "body",
        "html",
    }
)
#: Table cells do not start a line: a row is one line, its cells joined by a tab, so that a
#: standings table stays a table (one block per row) instead of a column of one-word lines.
CELL_TAGS = frozenset({"td", "th"})
#: ... unless the row's text so far is this long (characters): a layout table's cell holds a
#: page region (a menu beside the article), which must stay lines of its own.
CELL_JOIN_MAX = 200
#: The tag of a segment's own block element, grouped (anything else: "other").
_OWN_TAG_GROUPS = {
    "p": "p",
    "h1": "h12",
    "h2": "h12",
    "h3": "h36",
    "h4": "h36",
    "h5": "h36",
    "h6": "h36",
    "li": "li",
    "dt": "dl",
    "dd": "dl",
    "tr": "cell",
    "td": "cell",
    "th": "cell",
    "figcaption": "figcaption",
    "caption": "figcaption",
    "blockquote": "quote",
    "pre": "pre",
    "address": "address",
}
_OWN_GROUPS = ("p", "h12", "h36", "li", "dl", "cell", "figcaption", "quote", "pre", "address", "other")
#: Ancestor elements that say where a segment sits.
_ANCESTOR_TAGS = {
    "nav": "nav",
    "header": "header",
    "footer": "footer",
    "aside": "aside",
    "form": "form",
    "figure": "figure",
    "figcaption": "figure",
    "ul": "list",
    "ol": "list",
    "table": "table",
    "article": "article",
    "main": "main",
    "h1": "heading",
    "h2": "heading",
    "h3": "heading",
    "h4": "heading",
    "h5": "heading",
    "h6": "heading",
    "time": "time",
    "label": "form",
}
_ANCESTORS = (
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "figure",
    "list",
    "table",
    "article",
    "main",
    "heading",
    "time",
)
#: Stems of class and id names, by what they say about the element's content.
CLASS_STEMS: dict[str, tuple[str, ...]] = {
    "nav": ("nav", "menu", "breadcrumb", "topbar", "masthead", "skip", "pagination", "pager"),
    "footer": ("footer", "copyright", "legal", "colophon", "bottom"),
    "related": (
        "related",
        "recommend",
        "more",
        "also",
        "trending",
        "popular",
        "mostread",
        "most-read",
        "teaser",
        "promo",
        "outbrain",
        "taboola",
        "recirc",
        "headlines",
        "latest",
        "upnext",
        "up-next",
        "next-",
    ),
    "comment": ("comment", "disqus", "reply", "respond", "discussion", "replies"),
    "share": ("share", "social", "sharing", "follow", "newsletter", "subscribe", "signup", "sign-up", "print", "email"),
    "caption": ("caption", "credit", "figure", "photo", "image", "img", "gallery", "video", "media", "slide"),
    "ad": ("advert", "sponsor", "banner", "dfp", "gpt-", "adslot", "ad-", "-ad", "ads"),
    "sidebar": ("sidebar", "widget", "rail", "aside", "column", "sidecol"),
    "content": ("article", "content", "story", "post", "entry", "body", "text", "prose", "paragraph", "detail", "main"),
    "meta": ("byline", "author", "date", "time", "meta", "dateline", "timestamp", "publish", "updated"),
    "tags": ("tag", "keyword", "topic", "category", "categories", "label"),
    "title": ("title", "headline", "heading", "hed"),
    "hidden": (
        "hidden",
        "hide",
        "sr-only",
        "screen-reader",
        "visually-hidden",
        "offscreen",
        "modal",
        "popup",
        "overlay",
        "cookie",
        "consent",
        "gdpr",
    ),
}
_CATEGORIES = tuple(CLASS_STEMS)
#: Class names that hold a stem but say nothing of what the element is: utility classes of CSS
#: frameworks (``overflow-hidden`` clips an element's overflow and hides nothing of its text).
#: Matched before the stems inside them, they belong to no category.
NEUTRAL_CLASS_NAMES = ("overflow-hidden", "overflow-x-hidden", "overflow-y-hidden")
#: Every stem, longest first, in one pattern; each stem's categories as a bit mask.
_STEM_MASK: dict[str, int] = {}
for _bit, _stems in enumerate(CLASS_STEMS.values()):
    for _stem in _stems:
        _STEM_MASK[_stem] = _STEM_MASK.get(_stem, 0) | 1 << _bit
_STEM_MASK.update(dict.fromkeys(NEUTRAL_CLASS_NAMES, 0))
_STEM_RX = re.compile("|".join(re.escape(s) for s in sorted(_STEM_MASK, key=lambda s: (-len(s), s))))
#: HTML's white space (what a browser collapses): only these five. NBSP, NEL and the
#: other Unicode spaces are text, and often bytes of mojibake (UTF-8 of 제 holds 0xA0)
#: that the repair stage still needs.
_SPACE_RX = re.compile(r"[ \t\n\r\f]+")
_HIDDEN_STYLE_RX = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
#: The id of a streamed server-rendered segment (React's ``<div hidden id="S:0">``): the server sends
#: the page's content late, in a hidden element, and a script moves it into place; a reader sees it.
_STREAMED_SEGMENT_RX = re.compile(r"S:\d{1,6}\Z")
#: A line this long (characters) counts as a paragraph when scoring containers.
_PROSE_CHARS = 60
_CAMEL_RX = re.compile(r"(?<=[a-z])(?=[A-Z])")

#: Feature names, in row order.
DOM_FEATURE_NAMES: tuple[str, ...] = (
    *(f"dom_own_{g}" for g in _OWN_GROUPS),
    *(f"dom_in_{a}" for a in _ANCESTORS),
    *(f"dom_class_{c}" for c in _CATEGORIES),
    *(f"dom_own_class_{c}" for c in ("nav", "related", "comment", "share", "caption", "content", "meta", "title")),
    "dom_link_density",
    "dom_all_link",
    "dom_depth",
    "dom_in_best",
    "dom_in_best_parent",
    "dom_best_share",
    "dom_before_best",
    "dom_after_best",
    "dom_parent_link_density",
    "dom_grandparent_link_density",
    "dom_parent_lines",
    "dom_starts_link",
)
_OWN_INDEX = {g: i for i, g in enumerate(_OWN_GROUPS)}
_ANC_BIT = {a: 1 << i for i, a in enumerate(_ANCESTORS)}
_CAT_BIT = {c: 1 << i for i, c in enumerate(_CATEGORIES)}
_OWN_CATS = ("nav", "related", "comment", "share", "caption", "content", "meta", "title")


@dataclass(frozen=True, slots=True)
class HtmlText:
    """A page's text, one segment per line, and one row of :data:`DOM_FEATURE_NAMES` per line."""

    text: str
    rows: tuple[tuple[float, ...], ...]
    meta: PageMeta | None = None


@functools.lru_cache(maxsize=16384)
def _class_mask(names: str) -> int:
    """Which categories a class/id string belongs to (cached: a page repeats its class names)."""
    mask = 0
    lowered = names.lower()
    # Only names with a capital can have a camel-case boundary to split.
    for stem in _STEM_RX.findall(lowered if lowered == names else _CAMEL_RX.sub("-", names).lower()):
        mask |= _STEM_MASK[stem]
    return mask


def _is_hidden(attrs: dict[str, str | None]) -> bool:
    if "hidden" in attrs and not _STREAMED_SEGMENT_RX.match(attrs.get("id") or ""):
        return True
    if attrs.get("aria-hidden") == "true":
        return True
    style = attrs.get("style")
    return bool(style) and _HIDDEN_STYLE_RX.search(style or "") is not None


class _Context(NamedTuple):
    """What a node inherits from its ancestors (a tuple, so equal contexts share one cache entry)."""

    ancestors: int
    classes: int
    own_classes: int
    own_tag: str
    depth: int
    link: bool
    pre: bool


def _collapse_html(line: str) -> str:
    """HTML's white space collapsed (not NBSP and the other Unicode spaces: see ``_SPACE_RX``);
    a table row keeps its cells apart by one ``CELL_SEP``, empty cells dropped."""
    if CELL_SEP not in line:
        return _SPACE_RX.sub(" ", line).strip(" ")
    cells = (_SPACE_RX.sub(" ", cell).strip(" ") for cell in line.split(CELL_SEP))
    return CELL_SEP.join(c for c in cells if c)


class _Segments:
    """Collects text pieces until a block boundary, then emits a line and its row."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.rows: list[tuple[float, ...]] = []
        #: The open block elements (ids), innermost last, and each element's parent, first and end line.
        self.open: list[int] = [0]
        self.parent: list[int] = [0]
        self.first: list[int] = [0]
        self.end: list[int] = [0]
        self.score: list[float] = [0.0]
        #: Effective characters of all paragraph-sized lines (what the scores are shares of).
        self.prose_total = 0
        #: Characters, link characters and lines under each element (its own and two levels of descendants).
        self.chars: list[int] = [0]
        self.link_chars: list[int] = [0]
        self.segments: list[int] = [0]
        #: Per line: the block element it belongs to, and whether it starts with a link.
        self.owner: list[int] = []
        self.starts_link: list[bool] = []
        self._first_link: bool | None = None
        self._pieces: list[str] = []
        self._link_chars = 0
        self._chars = 0
        self._ctx: _Context | None = None
        self._classes = 0
        self._after_break = False

    def line_break(self, ctx: _Context) -> None:
        """``<br>``: one continues the paragraph (a wrapped line, an address), two end it."""
        if ctx.pre:
            self.add("\n", ctx)
        elif self._after_break:
            self.flush()
        elif self._pieces:
            self._pieces.append(" ")
            self._after_break = True

    def cell(self) -> None:
        """A table cell opens: the next cell of the row's line, or a line of its own after a long one."""
        if not self._pieces:
            return
        if self._chars > CELL_JOIN_MAX:
            self.flush()
        else:
            self._pieces.append(CELL_SEP)

    def add(self, text: str, ctx: _Context) -> None:
        if not text:
            return
        if text.isspace():
            if not ctx.pre:
                if self._pieces:
                    self._pieces.append(" ")
                return
        else:
            self._after_break = False
            if not ctx.pre and not (text.isprintable() and "  " not in text):
                # (Printable text with no double space has no white space to collapse.)
                text = _SPACE_RX.sub(" ", text)
        if self._ctx is None:
            self._ctx = ctx
        if self._first_link is None and not text.isspace():
            self._first_link = ctx.link
        self._classes |= ctx.classes
        self._pieces.append(text)
        n = len(text.strip())
        self._chars += n
        if ctx.link:
            self._link_chars += n

    def flush(self) -> None:
        ctx = self._ctx
        if ctx is None:
            return  # nothing was added since the last flush, which left the state reset
        text = "".join(self._pieces)
        for line in text.split("\n") if ctx.pre else (text,):
            line = _collapse_html(line)
            if line:
                self.lines.append(line)
                self.rows.append(self._row(ctx))
                self.owner.append(self.open[-1])
                self.starts_link.append(bool(self._first_link))
                self._credit(line)
        self._count()
        self._pieces = []
        self._first_link = None
        self._link_chars = self._chars = self._classes = 0
        self._ctx = None
        self._after_break = False

    def open_block(self) -> None:
        self.parent.append(self.open[-1])
        self.open.append(len(self.first))
        self.first.append(len(self.lines))
        self.end.append(len(self.lines))
        self.score.append(0.0)
        self.chars.append(0)
        self.link_chars.append(0)
        self.segments.append(0)

    def _count(self) -> None:
        """Add the segment's characters to its block element, the parent and the grandparent."""
        node = self.open[-1]
        for _ in range(3):
            self.chars[node] += self._chars
            self.link_chars[node] += self._link_chars
            self.segments[node] += 1
            if node == 0:
                break
            node = self.parent[node]

    def close_block(self) -> None:
        self.end[self.open.pop()] = len(self.lines)

    def _credit(self, line: str) -> None:
        """A paragraph-sized line credits its block, the parent and (half) the grandparent:
        the element holding the article's paragraphs collects the most."""
        size = effective_length(line)
        if size < _PROSE_CHARS:
            return
        self.prose_total += size
        node = self.open[-1]
        for share in (1.0, 1.0, 0.5):
            self.score[node] += share * size
            if node == 0:
                break
            node = self.parent[node]

    def container_features(self) -> list[tuple[float, ...]]:
        """Per line: where it stands to the best-scoring container, and what its surroundings look like."""
        n = len(self.lines)
        if n == 0:
            return []
        # Ties go to the deeper element (the later one in document order among equals).
        best = max(range(len(self.score)), key=lambda i: (self.score[i], i))
        total = self.prose_total
        share = min(1.0, self.score[best] / total) if total else 0.0
        first, end, outer = self.first[best], self.end[best], self.parent[best]
        rows: list[tuple[float, ...]] = []
        for i in range(n):
            up = self.parent[self.owner[i]]
            top = self.parent[up]
            rows.append(
                (
                    float(first <= i < end),
                    float(self.first[outer] <= i < self.end[outer]),
                    share,
                    float(i < first),
                    float(i >= end),
                    self.link_chars[up] / self.chars[up] if self.chars[up] else 0.0,
                    self.link_chars[top] / self.chars[top] if self.chars[top] else 0.0,
                    math.log1p(self.segments[up]) / 5,
                    float(self.starts_link[i]),
                )
            )
        return rows

    def _row(self, ctx: _Context) -> tuple[float, ...]:
        density = self._link_chars / self._chars if self._chars else 0.0
        return (
            *_static_row(ctx.own_tag, ctx.ancestors, self._classes, ctx.own_classes),
            density,
            1.0 if density >= 0.99 else 0.0,
            math.log1p(ctx.depth) / 4,
        )


@functools.lru_cache(maxsize=4096)
def _static_row(own_tag: str, ancestors: int, classes: int, own_classes: int) -> tuple[float, ...]:
    """The part of a row that depends only on the tags and class names around a line (cached)."""
    own = [0.0] * len(_OWN_GROUPS)
    own[_OWN_INDEX[_OWN_TAG_GROUPS.get(own_tag, "other")]] = 1.0
    return (
        *own,
        *(1.0 if ancestors & _ANC_BIT[a] else 0.0 for a in _ANCESTORS),
        *(1.0 if classes & _CAT_BIT[c] else 0.0 for c in _CATEGORIES),
        *(1.0 if own_classes & _CAT_BIT[c] else 0.0 for c in _OWN_CATS),
    )


_DROP_SELECTOR = ",".join(sorted(DROP_TAGS))
_DROP_SELECTOR_BUT_NOSCRIPT = ",".join(sorted(DROP_TAGS - {"noscript"}))
#: ``<noscript>`` holding this much text (characters) is the page's content, rendered for readers
#: without scripts (forum engines and script-built pages serve their posts so); less is a notice
#: ("Please enable JavaScript") or a tracking pixel.
NOSCRIPT_CONTENT_CHARS = 2000
#: A page that shows less than REVEAL_MAX_SHOWN characters, and less than HIDDEN_CONTENT_SHARE
#: of its text, while hiding REVEAL_MIN_HIDDEN or more keeps its content in elements a
#: script reveals (``visibility: hidden`` until the page's script runs, as some publishing
#: platforms serve every article): the walk then reads hidden elements too.
REVEAL_MAX_SHOWN = 500
REVEAL_MIN_HIDDEN = 500
HIDDEN_CONTENT_SHARE = 0.25
#: A main landmark holding at least MAIN_REVEAL_MIN_CHARS characters of text that shows
#: less than MAIN_SHOWN_SHARE of them (most of it hidden) hides its content until a script
#: runs (:func:`_reveal_main`).
MAIN_REVEAL_MIN_CHARS = 500
MAIN_SHOWN_SHARE = 0.5


def html_segments(markup: str) -> HtmlText:
    """Walk the body of ``markup`` and return its lines and their DOM features.

    Lexbor's ``traverse`` visits the nodes in document order in C, which is
    several times faster than asking every element for its children; where an
    element ends is found from each node's parent (a stack of open elements).
    """
    tree = LexborHTMLParser(markup)
    # Before the scripts go: JSON-LD lives in them.
    meta = dataclasses.replace(page_meta(tree), profile=declared_profile(tree))
    root = tree.body or tree.root
    if root is None:
        return HtmlText("", (), meta)
    # (A <noscript> whose text still holds markup was kept as raw text by the parser: that is no content.)
    noscript = sum(len(t) for t in (node.text(deep=True) for node in root.css("noscript")) if "<" not in t)
    for node in root.css(_DROP_SELECTOR if noscript < NOSCRIPT_CONTENT_CHARS else _DROP_SELECTOR_BUT_NOSCRIPT):
        node.decompose()
    _reveal_main(root)
    out = _walk(root, reveal=False)
    shown = sum(map(len, out.lines))
    if shown < REVEAL_MAX_SHOWN:
        # Next to nothing is visible: is the content in an element a script reveals?
        hidden = _text_chars(root) - shown
        if hidden >= REVEAL_MIN_HIDDEN and shown < HIDDEN_CONTENT_SHARE * hidden:
            out = _walk(root, reveal=True)
    rows = tuple(r + c for r, c in zip(out.rows, out.container_features(), strict=True))
    return HtmlText("\n".join(out.lines), rows, meta)


def _reveal_main(root: LexborNode) -> None:
    """Show what the page's main landmark hides, when it hides most of its own text.

    A page's ``<main>`` (or ``role="main"``) is where it puts its content; when it
    shows less than :data:`MAIN_SHOWN_SHARE` of its text, the rest waits for a script
    (an age or password gate over a shop's pages, a main element marked
    ``aria-hidden`` while a dialog is open, a description shown on a tab click), and a
    reader who passes it sees that text. Its hidden elements lose what hides them, so
    the walk reads them as shown. Hidden elements outside the landmark stay hidden.
    """
    main = root.css_first("main") or root.css_first('[role="main"]')
    if main is None:
        return
    # (A node that matches two of the selectors is listed twice: one entry per node.)
    found = {n.mem_id: n for n in main.css("[hidden], [aria-hidden], [style]") if _is_hidden(n.attributes)}
    main_hidden = bool(main.attributes) and _is_hidden(main.attributes)
    if not found and not main_hidden:
        return  # most pages: nothing to weigh, and the landmark's text is not read
    total = _text_chars(main)
    if total < MAIN_REVEAL_MIN_CHARS:
        return
    inside = list(found.values())
    if main_hidden:
        inside.append(main)
        hidden = total
    else:  # the text of the outermost hidden elements: each subtree counted once
        hidden = sum(_text_chars(n) for n in _outermost(found, main.mem_id))
    if total - hidden >= MAIN_SHOWN_SHARE * total:
        return
    for node in inside:
        attrs = node.attrs
        for name in ("hidden", "aria-hidden", "style"):
            if name in attrs:
                del attrs[name]


def _outermost(hidden: dict[int, LexborNode], stop: int) -> list[LexborNode]:
    """The elements of ``hidden`` (by node id) that no other element of ``hidden`` holds,
    below the element ``stop``. Each element between is visited once: what is above it is
    remembered, so a page of many nested hidden elements costs linear time."""
    above: dict[int, bool] = {}  # node id -> whether a hidden element holds it
    out = []
    for node in hidden.values():
        path = []
        parent = node.parent
        while parent is not None and parent.mem_id != stop and parent.mem_id not in hidden:
            if parent.mem_id in above:
                break
            path.append(parent.mem_id)
            parent = parent.parent
        # Stopped at a hidden element, or at one whose answer is known; else at the landmark.
        held = parent is not None and parent.mem_id != stop and (parent.mem_id in hidden or above[parent.mem_id])
        for passed in path:
            above[passed] = held
        if not held:
            out.append(node)
    return out


def _text_chars(node: LexborNode) -> int:
    return len(node.text(deep=True, separator="", strip=True))


def _walk(root: LexborNode, *, reveal: bool) -> _Segments:
    """The block walk of :func:`html_segments`; ``reveal`` reads hidden elements as shown."""
    out = _Segments()
    add, flush, open_block, close_block = out.add, out.flush, out.open_block, out.close_block
    entered: dict[tuple[_Context, str, str], _Context] = {}
    # Open elements: (node id, context of its content or None when hidden, is a block);
    # the innermost one's id and context are also kept in locals.
    ctx: _Context | None = _Context(0, 0, 0, "body", 0, False, False)
    top_id = root.mem_id
    open_nodes: list[tuple[int, _Context | None, bool]] = [(top_id, ctx, False)]
    nodes = root.traverse(include_text=True)
    next(nodes, None)  # the root itself
    for node in nodes:
        parent = node.parent
        pid = parent.mem_id if parent is not None else -1
        if pid != top_id:
            while len(open_nodes) > 1 and open_nodes[-1][0] != pid:
                if open_nodes.pop()[2]:
                    flush()
                    close_block()
            top_id, ctx, _ = open_nodes[-1]
        tag = node.tag
        if tag == "-text":
            if ctx is not None:
                add(node.text_content or "", ctx)
            continue
        if ctx is None or tag is None or tag[0] in "_!-":
            if ctx is None and tag is not None and tag[0] not in "_!-":
                top_id = node.mem_id
                open_nodes.append((top_id, None, False))
            continue
        if tag == "br":
            out.line_break(ctx)
            continue
        attrs = node.attributes
        if attrs and not reveal and _is_hidden(attrs):
            # Not rendered: what a reader never sees is not the article.
            top_id, ctx = node.mem_id, None
            open_nodes.append((top_id, None, False))
            continue
        if attrs:
            cls, ident = attrs.get("class"), attrs.get("id")
            names = f"{cls} {ident}" if cls and ident else cls or ident or ""
        else:
            names = ""
        key = (ctx, tag, names)
        inner = entered.get(key)
        if inner is None:
            inner = entered[key] = _enter(names, tag, ctx)
        block = tag in BLOCK_TAGS
        if block:
            flush()
            if tag == "hr":
                continue
            open_block()
        elif tag in CELL_TAGS:
            out.cell()
        top_id, ctx = node.mem_id, inner
        open_nodes.append((top_id, inner, block))
    while len(open_nodes) > 1:
        if open_nodes.pop()[2]:
            out.flush()
            out.close_block()
    out.flush()
    while len(out.open) > 1:
        out.close_block()
    out.end[0] = len(out.lines)
    return out


def _enter(names: str, tag: str, parent: _Context) -> _Context:
    """The context of an element's content, from its tag, class and id names, and its parent's context."""
    own = _class_mask(names) if names else 0
    block = tag in BLOCK_TAGS
    anc = parent.ancestors | _ANC_BIT.get(_ANCESTOR_TAGS.get(tag, ""), 0)
    return _Context(
        ancestors=anc,
        classes=parent.classes | own,
        own_classes=own if block else parent.own_classes | own,
        own_tag=tag if block else parent.own_tag,
        depth=parent.depth + 1 if block else parent.depth,
        link=parent.link or tag == "a",
        pre=parent.pre or tag == "pre",
    )

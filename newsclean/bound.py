"""Before the tree builder: markup bounded so that building its DOM costs linear time.

Lexbor's tree builder does what the HTML standard says, and some of that costs
more than linear time on hostile shapes: every start tag checks the stack of
open elements (deep nesting of any element), every paragraph re-opens the
formatting elements left open before it (``<b>`` x 1,000 then ``<p>`` x 10,000),
a tag with 100,000 attributes checks each new name against the others, and a
``<select>`` with 59,000 options closes each one by a scan. Real pages are far
from all of these: a news page nests a few dozen levels and leaves a handful of
formatting elements open.

:func:`bound_markup` scans the markup once, keeping a model of those
structures, and drops what goes past the bounds:

* a start tag that would nest deeper than :data:`MAX_DEPTH` (and its end tag);
* a formatting start tag while :data:`MAX_FORMATTING` are open (and its end tag);
* attributes past the :data:`MAX_ATTRIBUTES`-th of a tag;
* every tag inside a ``<select>`` (its content is never text a reader sees, and
  the DOM walk drops it whole).

Text is never dropped, only tags. The scan also counts the tags it saw (the
contents of ``<script>``, ``<style>`` and comments are skipped, so a script full
of ``<`` is not a page full of tags).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .core import CORE

__all__ = ["MAX_ATTRIBUTES", "MAX_DEPTH", "MAX_FORMATTING", "Bounded", "bound_markup", "bound_markup_py"]

#: Open elements deeper than this are not nested further (their tags are dropped).
MAX_DEPTH = 256
#: Formatting elements open at once (the standard re-opens them in every new block).
MAX_FORMATTING = 16
#: Identical formatting elements (same tag and attributes) the standard keeps open at most
#: (its "Noah's Ark" clause): a fourth one pushes out the earliest.
_NOAHS_ARK = 3
#: Attributes kept per tag.
MAX_ATTRIBUTES = 64

#: Elements whose content is raw text: no tags inside, skipped to their end tag.
RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"})
#: Elements that never have content (no end tag, no nesting).
VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "keygen",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "image",
        "frame",
        "basefont",
        "bgsound",
    }
)
#: The standard's formatting elements (re-opened by each new block when left open).
FORMATTING = frozenset(
    {"a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u"}
)
#: Elements whose end tag is optional: a start tag of the same group closes an open one.
_IMPLIED_GROUPS = {
    "p": "p",
    "li": "li",
    "dt": "d",
    "dd": "d",
    "tr": "tr",
    "td": "cell",
    "th": "cell",
    "option": "option",
    "optgroup": "optgroup",
    "thead": "tsection",
    "tbody": "tsection",
    "tfoot": "tsection",
    "rb": "r",
    "rt": "r",
    "rp": "r",
}
#: Start tags that close an open ``<p>`` (the block elements).
_CLOSES_P = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "details",
        "div",
        "dl",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "ul",
    }
)
#: What stops the search for an open ``<dd>`` or ``<dt>``; an ``<li>``'s stops are these and a few more.
_ITEM_SCOPE = frozenset(
    {
        "dl",
        "ul",
        "ol",
        "table",
        "td",
        "th",
        "caption",
        "button",
        "object",
        "template",
        "select",
        "blockquote",
        "section",
        "article",
        "aside",
        "nav",
        "header",
        "footer",
        "main",
        "figure",
    }
)
#: Where the search for an implied end stops: an open ``<li>`` is closed by a new
#: one only when no list (or other such element) opened in between, and so on.
_SCOPE_STOPS = {
    "li": _ITEM_SCOPE | {"menu", "fieldset", "form", "details"},
    "d": _ITEM_SCOPE,
    "tr": frozenset({"table"}),
    "cell": frozenset({"table", "tr"}),
    "tsection": frozenset({"table"}),
    "option": frozenset({"select", "datalist"}),
    "optgroup": frozenset({"select"}),
    "r": frozenset({"ruby"}),
    "p": frozenset({"table", "td", "th", "caption", "button", "object", "template", "marquee", "applet", "html"}),
}

_TAG_RX = re.compile(r"<(/?)([A-Za-z][^\s/>]*)([^>]*)>|<!--|<![^>]*>|<\?[^>]*>")
#: Where a ``<select>`` ends or another begins; tag names are ASCII, matched in any case.
_SELECT_END_RX = re.compile("</select", re.IGNORECASE | re.ASCII)
_SELECT_START_RX = re.compile("<select", re.IGNORECASE | re.ASCII)
#: Where each raw-text element ends.
_RAW_END_RX = {name: re.compile("</" + name, re.IGNORECASE | re.ASCII) for name in RAW_TEXT}
_ATTRIBUTE_RX = re.compile(r"""[^\s"'=/>]+(?:\s*=\s*(?:"[^"]*"?|'[^']*'?|[^\s>]*))?""")


class Bounded(NamedTuple):
    """The bounded markup, the tags it has, and how many tags or attributes were dropped."""

    markup: str
    tags: int
    dropped: int


def bound_markup(markup: str) -> Bounded:
    """Return ``markup`` with the tags past the bounds dropped, and its tag count.

    The compiled core (:mod:`newsclean.core`) does it when it is there, the same
    way; :func:`bound_markup_py` is the reference it is tested against.

    >>> bound_markup("<div>" * 300 + "x").tags
    300
    >>> bound_markup("<div>" * 300 + "x").markup.count("<div>") == MAX_DEPTH
    True
    """
    if CORE is not None:
        try:
            bounded, tags, dropped = CORE.bound_markup(markup)
        except UnicodeEncodeError:
            pass  # a lone surrogate: no UTF-8 for the core to read
        else:
            return Bounded(markup if bounded is None else bounded, tags, dropped)
    return bound_markup_py(markup)


def bound_markup_py(markup: str) -> Bounded:
    """:func:`bound_markup` in Python: the reference of the compiled core's.

    The end tags of raw-text elements and of ``<select>`` are looked for in ASCII
    case only (the standard's rule), in the markup itself: a lowered copy's offsets
    are not the markup's once ``str.lower`` lengthens a character (``İ``).
    """
    pieces: list[str] = []
    stack = _OpenElements()
    formatting: list[tuple[str, str]] = []
    skipped: dict[str, int] = {}
    tags = dropped = 0
    pos = 0  # markup[:pos] is decided (copied to pieces or dropped)
    at = 0  # where the next tag is looked for
    n = len(markup)
    # Every tag ends with ">": searching no further than the last one keeps a
    # run of "<!" without any from costing a scan to the end per "<".
    end = markup.rfind(">") + 1
    # The last "</select" search (where it started, what it found): the scan only moves forward,
    # so a search from before what was found, or after a search that found nothing, has its answer.
    select_end: tuple[int, re.Match[str] | None] | None = None
    while at < end:
        m = _TAG_RX.search(markup, at, end)
        if m is None:
            break
        at = m.end()
        name = m.group(2)
        if name is None:
            if m.group() == "<!--":
                close = markup.find("-->", at)
                at = n if close < 0 else close + 3
            continue
        tags += 1
        name = name.lower()
        if m.group(1):  # an end tag
            keep = _end(name, stack, formatting, skipped)
        else:
            keep = _start(name, stack, formatting, m.group(3))
            if not keep:
                skipped[name] = skipped.get(name, 0) + 1
        if not keep:
            pieces.append(markup[pos : m.start()])
            pos = at
            dropped += 1
            continue
        if not m.group(1):
            attrs = m.group(3)
            # (A cheap test first: "=" also appears inside values, such as a URL's query.)
            found = _ATTRIBUTE_RX.findall(attrs) if attrs.count("=") > MAX_ATTRIBUTES else ()
            if len(found) > MAX_ATTRIBUTES:
                # Whole attributes only: a value cut short would leave its quote open.
                pieces.append(markup[pos : m.start()])
                pieces.append(f"<{m.group(2)} {' '.join(found[:MAX_ATTRIBUTES])}>")
                pos = at
                dropped += 1
            if name in RAW_TEXT:
                found_end = _RAW_END_RX[name].search(markup, at)
                at = n if found_end is None else found_end.start()
            elif name == "select":
                if (
                    select_end is not None
                    and select_end[0] <= at
                    and (select_end[1] is None or select_end[1].start() >= at)
                ):
                    closed = select_end[1]
                else:
                    closed = _SELECT_END_RX.search(markup, at)
                select_end = (at, closed)
                again = _SELECT_START_RX.search(markup, at, closed.start() if closed is not None else n)
                if closed is not None and again is None:
                    stop = closed.start()
                else:
                    # Never closed (or a second one first): where the tree builder
                    # leaves it is its own affair; only the run of options is its content.
                    stop = at
                    for tag in _TAG_RX.finditer(markup, at):
                        if (tag.group(2) or "").lower() not in ("option", "optgroup"):
                            stop = tag.start()
                            break
                    else:
                        stop = n
                inner = markup[at:stop]
                stripped = _TAG_RX.sub("", inner)
                if stripped != inner:
                    pieces.append(markup[pos:at])
                    pieces.append(stripped)
                    pos = stop
                    dropped += 1
                at = stop
    if not pieces:
        return Bounded(markup, tags, dropped)
    pieces.append(markup[pos:])
    return Bounded("".join(pieces), tags, dropped)


class _OpenElements:
    """The stack of open elements, with a count per name and per implied-end group.

    The counts let most tags skip the search down the stack: an end tag whose
    element is not open, or a block start tag while no ``<p>`` is open, costs
    one dictionary look-up, so a page nested 200 deep costs no more per tag
    than a flat one.
    """

    __slots__ = ("counts", "groups", "names")

    def __init__(self) -> None:
        self.names: list[str] = []
        self.counts: dict[str, int] = {}
        #: Apart from the names: a tag may be named anything, ``<group:p>`` too.
        self.groups: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self.names)

    def push(self, name: str) -> None:
        self.names.append(name)
        self._count(name, 1)

    def truncate(self, depth: int) -> None:
        """Close the element at ``depth`` and every element opened inside it."""
        for name in self.names[depth:]:
            self._count(name, -1)
        del self.names[depth:]

    def remove(self, depth: int) -> None:
        """Close the element at ``depth`` alone (the elements inside it stay open)."""
        self._count(self.names.pop(depth), -1)

    def open(self, name: str) -> bool:
        """Whether an element of this name is open."""
        return self.counts.get(name, 0) > 0

    def group_open(self, group: str) -> bool:
        """Whether an element of this implied-end group (:data:`_IMPLIED_GROUPS`) is open."""
        return self.groups.get(group, 0) > 0

    def _count(self, name: str, delta: int) -> None:
        self.counts[name] = self.counts.get(name, 0) + delta
        group = _IMPLIED_GROUPS.get(name)
        if group is not None:
            self.groups[group] = self.groups.get(group, 0) + delta


def _start(name: str, stack: _OpenElements, formatting: list[tuple[str, str]], attrs: str) -> bool:
    """Model a start tag; False if it goes past a bound (drop it)."""
    if name in _CLOSES_P and stack.group_open("p"):
        _close_implied("p", stack)
    group = _IMPLIED_GROUPS.get(name)
    if group is not None and group != "p" and stack.group_open(group):
        _close_implied(group, stack)
    if name in FORMATTING:
        key = (name, attrs.strip())
        same = [i for i, k in enumerate(formatting) if (k[0] == "a" if name == "a" else k == key)]
        if name == "a" and same:
            del formatting[same[-1]]  # a new link closes the open one
        elif len(same) >= _NOAHS_ARK:
            del formatting[same[0]]  # the standard keeps three alike: the earliest goes
        elif len(formatting) >= MAX_FORMATTING:
            return False
        formatting.append(key)
    if name in VOID:
        return True
    if len(stack) >= MAX_DEPTH:
        if name in FORMATTING:
            formatting.pop()
        return False
    stack.push(name)
    return True


def _close_implied(group: str, stack: _OpenElements) -> None:
    """Close the nearest open element of ``group`` (an optional end tag), unless a scope boundary comes first."""
    stops = _SCOPE_STOPS[group]
    names = stack.names
    for depth in range(len(names) - 1, -1, -1):
        other = names[depth]
        if _IMPLIED_GROUPS.get(other) == group:
            stack.truncate(depth)
            return
        if other in stops:
            return


def _end(name: str, stack: _OpenElements, formatting: list[tuple[str, str]], skipped: dict[str, int]) -> bool:
    """Model an end tag; False if its start tag was dropped (drop it too)."""
    if name in FORMATTING:
        # The last one opened of that name closes (searched from the end: the list is short).
        for i in range(len(formatting) - 1, -1, -1):
            if formatting[i][0] == name:
                del formatting[i]
                break
    if stack.open(name):
        names = stack.names
        depth = len(names) - 1 - names[::-1].index(name)
        if name in FORMATTING:
            # A misnested formatting end tag (the adoption agency) leaves the
            # blocks opened inside it open: only the element itself goes.
            stack.remove(depth)
        else:
            stack.truncate(depth)
        return True
    if skipped.get(name):
        skipped[name] -= 1
        return False
    return True

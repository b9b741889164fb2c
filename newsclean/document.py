"""The result types: what a cleaned document is made of.

A :class:`Document` keeps everything a caller may want to audit: the kept
paragraphs with their language, every removed block with the *kind* of
boilerplate it was judged to be and the *rule* that decided it, the metadata
the removed blocks carried (dates, bylines, credits) and the Unicode repairs
applied before any of that. Explanation is part of the product: a user who
disagrees with a removal can see which rule made it.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field

__all__ = ["Document", "Kind", "Metadata", "Paragraph", "Removal", "Repair"]


class Kind(str, enum.Enum):
    """The kinds of removed blocks.

    The values are stable strings; they are part of the public API (they appear
    in JSON output and in rule ids).
    """

    NAV = "nav"
    BREADCRUMB = "breadcrumb"
    SECTION = "section"
    LABEL = "label"
    RELATED = "related"
    READ_MORE = "read-more"
    COMMENTS = "comments"
    SHARE = "share"
    SYNDICATION = "syndication"
    COPYRIGHT = "copyright"
    CAPTION = "caption"
    CREDIT = "credit"
    MEDIA = "media"
    BYLINE = "byline"
    DATELINE = "dateline"
    PREV_NEXT = "prev-next"
    BACK_TO_TOP = "back-to-top"
    CONTACT = "contact"
    ADVERTISEMENT = "advertisement"
    COOKIE = "cookie"
    DUPLICATE = "duplicate"
    OUTSIDE = "outside"
    TEMPLATE = "template"
    LANGUAGE = "language"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One kept paragraph of the article.

    ``kind`` is ``"paragraph"``, ``"heading"`` or, with ``keep_captions=True``,
    ``"caption"``. ``line`` is the 1-based line of the repaired input where the
    paragraph starts; ``start``/``end`` are character offsets into it.

    What the page's markup said about the block, where it said it (HTML input;
    plain text leaves the defaults), so that :meth:`Document.to_markdown` can
    write it back: ``level`` is a heading's level, 1 to 6 (0: not a heading
    element); ``marker`` is a list item's marker (``""``: not a list item);
    ``row`` is True for a table row, whose cells the text separates with tabs.
    Today the DOM walk tells ``h1``/``h2`` from ``h3``-``h6`` (levels 2 and 3)
    and not ordered lists from unordered ones (every marker is ``"-"``).
    """

    text: str
    kind: str
    lang: str
    line: int
    start: int
    end: int
    level: int = 0
    marker: str = ""
    row: bool = False


@dataclass(frozen=True, slots=True)
class Removal:
    """One removed block: its text, why it was removed, and where it was."""

    text: str
    kind: Kind
    rule: str
    line: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Repair:
    """One kind of Unicode repair and how many times it applied."""

    name: str
    count: int


@dataclass(frozen=True, slots=True)
class Metadata:
    """Facts the page carried outside its body text.

    For HTML input, what the page declares comes first (JSON-LD, Open Graph
    and other ``<meta>`` tags, ``<link rel="canonical">``, ``<html lang>``; see
    :mod:`newsclean.meta`). Where it declares nothing, and for plain text, the
    fields come from what newsclean found in the text: a removed dateline gives
    ``date`` and often ``source``, a byline ``authors``, photo credits
    ``credits``, the detected title and main language ``title`` and
    ``language``. ``date`` is ISO 8601 or None, never a raw string.
    ``source`` is the site's declared name (``og:site_name``, the JSON-LD
    publisher), else a dateline's source that reads as a name ("Reuters").
    """

    date: str | None = None
    source: str | None = None
    authors: tuple[str, ...] = ()
    credits: tuple[str, ...] = ()
    title: str | None = None
    site_name: str | None = None
    url: str | None = None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """The structured result of :func:`newsclean.clean_document`."""

    text: str
    title: str | None
    paragraphs: tuple[Paragraph, ...]
    removed: tuple[Removal, ...]
    language: str
    metadata: Metadata = field(default_factory=Metadata)
    repairs: tuple[Repair, ...] = ()
    #: True when the page had no prose run and its densest region was kept instead
    #: (a listing, a table, a thread of short posts): the removals around it say ``outside.fallback``;
    #: also when the content standing before a short article run (a product grid, a table) was kept.
    fallback: bool = False

    def to_markdown(self) -> str:
        """The article as Markdown: the title as ``#``, headings at their level
        (below the title's), list items with their markers, table rows as a
        Markdown table, every other paragraph as one.

        Text that Markdown would read as syntax (a paragraph that starts with
        ``# `` or ``1. ``, a ``|`` in a table cell) is escaped, so the Markdown
        renders to the same words as :attr:`text`.

        >>> p = Paragraph("Results", "heading", "en", 1, 0, 7, level=2)
        >>> rows = [Paragraph(t, "paragraph", "en", 2, 8, 20, row=True) for t in ("Team\\tPoints", "Lions\\t3")]
        >>> print(Document("", "Cup final", (p, *rows), (), "en").to_markdown())
        # Cup final
        <BLANKLINE>
        ## Results
        <BLANKLINE>
        | Team | Points |
        | --- | --- |
        | Lions | 3 |
        """
        blocks: list[str] = []
        if self.title:
            blocks.append("# " + _escape_md(self.title))
        lowest = 2 if self.title else 1
        rows: list[str] = []
        items: list[str] = []
        for p in self.paragraphs:
            if rows and not p.row:
                blocks.append(_md_table(rows))
                rows = []
            if items and not p.marker:
                blocks.append("\n".join(items))
                items = []
            if p.row:
                rows.append(p.text)
            elif p.marker:
                items.append(f"{p.marker} {_escape_md(p.text)}")
            elif p.kind == "heading":
                level = min(max(p.level or 2, lowest), 6)
                blocks.append("#" * level + " " + _escape_md(p.text))
            else:
                blocks.append(_escape_md(p.text))
        if rows:
            blocks.append(_md_table(rows))
        if items:
            blocks.append("\n".join(items))
        return "\n\n".join(blocks)

    def removed_by_kind(self) -> dict[str, int]:
        """Count removed blocks per kind, in a stable (sorted) order."""
        counts: dict[str, int] = {}
        for r in self.removed:
            counts[r.kind.value] = counts.get(r.kind.value, 0) + 1
        return dict(sorted(counts.items()))


#: A line start that Markdown reads as syntax: a heading, a quote, a bullet, a numbered item, a rule.
_MD_START_RX = re.compile(r"(#{1,6}(?:\s|$)|>|[-+*](?:\s|$)|\d{1,9}[.)](?:\s|$)|={3,}|-{3,}|\*{3,}|_{3,})")


def _escape_md(text: str) -> str:
    """``text`` with a backslash before a line start Markdown would read as syntax."""
    m = _MD_START_RX.match(text)
    if m is None:
        return text
    digits = len(text) - len(text.lstrip("0123456789"))  # "1999. Year": the dot makes it a list item
    return text[:digits] + "\\" + text[digits:]


def _md_table(rows: list[str]) -> str:
    """Table rows (cells separated by tabs) as a Markdown table, the first row as its header."""
    cells = [[c.strip().replace("|", "\\|") for c in row.split("\t")] for row in rows]
    width = max(len(r) for r in cells)
    lines = ["| " + " | ".join(r + [""] * (width - len(r))) + " |" for r in cells]
    lines.insert(1, "| " + " | ".join(["---"] * width) + " |")
    return "\n".join(lines)

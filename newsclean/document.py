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
    """

    text: str
    kind: str
    lang: str
    line: int
    start: int
    end: int


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
    ``language``. ``date`` is ISO 8601 when the page declared it.
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
    #: (a listing, a table, a thread of short posts): the removals around it say ``outside.fallback``.
    fallback: bool = False

    def removed_by_kind(self) -> dict[str, int]:
        """Count removed blocks per kind, in a stable (sorted) order."""
        counts: dict[str, int] = {}
        for r in self.removed:
            counts[r.kind.value] = counts.get(r.kind.value, 0) + 1
        return dict(sorted(counts.items()))

"""Per-site templates: lines one site repeats on many of its pages.

A crawl of one site carries a signal no single page has: its menus, footers,
widget headers and standing notices come back page after page, in wording no
lexicon knows. :class:`SiteProfile` counts, over many pages of one site, on how
many pages each normalised line occurs; the lines found on at least
``min_share`` of the pages (and on at least ``min_pages`` of them) are the
site's template, and ``clean(..., site_profile=profile)`` removes them as kind
``template`` (rule ``template.site``).

Learning is deterministic and independent of document order: it only counts.
A profile is immutable, and saves to and loads from JSON.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .blocks import split_blocks
from .decode import plain_text
from .errors import ConfigError, InputTypeError
from .lexicon import normalise
from .unicode import repair

__all__ = ["SiteProfile"]

#: Lines longer than this are not counted: a template line is short, and a long
#: paragraph that recurs (a standing disclaimer) is still caught by its first
#: characters being normalised the same way.
_MAX_LINE_CHARS = 400
_FORMAT = "newsclean-site-profile/1"


@dataclass(frozen=True)
class SiteProfile:
    """What one site's pages share. Build it with :meth:`learn`."""

    pages: int = 0
    counts: tuple[tuple[str, int], ...] = ()
    min_share: float = 0.3
    min_pages: int = 3
    templates: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        need = max(self.min_pages, math.ceil(self.min_share * self.pages))
        lines = frozenset(line for line, n in self.counts if n >= need) if self.pages else frozenset()
        object.__setattr__(self, "templates", lines)

    @classmethod
    def learn(cls, documents: Iterable[str | bytes], *, min_share: float = 0.3, min_pages: int = 3) -> SiteProfile:
        """Count the lines of ``documents`` (pages of one site, text or HTML, str or bytes)."""
        if isinstance(min_share, bool) or not isinstance(min_share, (int, float)) or not 0 < min_share <= 1:
            raise ConfigError(f"min_share must be a number in (0, 1], not {min_share!r}")
        if isinstance(documents, (str, bytes, bytearray, memoryview)):
            raise InputTypeError("SiteProfile.learn() takes an iterable of pages, not one page; wrap it in a list")
        counter: Counter[str] = Counter()
        pages = 0
        for raw in documents:
            if not isinstance(raw, (str, bytes, bytearray, memoryview)):
                raise InputTypeError(f"SiteProfile.learn() takes pages as str or bytes, not {type(raw).__name__}")
            pages += 1
            counter.update(_lines(raw))
        counts = tuple(sorted((line, n) for line, n in counter.items() if n >= 2))
        return cls(pages=pages, counts=counts, min_share=min_share, min_pages=min_pages)

    def __contains__(self, norm: object) -> bool:
        return norm in self.templates

    def to_json(self) -> str:
        """The profile as JSON (stable: sorted lines)."""
        return json.dumps(
            {
                "format": _FORMAT,
                "pages": self.pages,
                "min_share": self.min_share,
                "min_pages": self.min_pages,
                "counts": [[line, n] for line, n in self.counts],
            },
            ensure_ascii=False,
            indent=1,
        )

    @classmethod
    def from_json(cls, text: str) -> SiteProfile:
        data = json.loads(text)
        if data.get("format") != _FORMAT:
            raise ConfigError(f"not a newsclean site profile (format {data.get('format')!r})")
        return cls(
            pages=int(data["pages"]),
            counts=tuple((str(a), int(b)) for a, b in data["counts"]),
            min_share=float(data["min_share"]),
            min_pages=int(data["min_pages"]),
        )

    def save(self, path: str | Path) -> None:
        Path(path).write_text(self.to_json() + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> SiteProfile:
        return cls.from_json(Path(path).read_text(encoding="utf-8"))


def _lines(raw: str | bytes) -> set[str]:
    """The distinct normalised block texts of one page (each page counts a line once)."""
    text = plain_text(raw)
    return {normalise(b.text) for b in split_blocks(repair(text)[0]) if len(b.text) <= _MAX_LINE_CHARS} - {""}

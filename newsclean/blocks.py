"""Stage 2, blocks: cut repaired plain text into the units that get classified.

A block is one paragraph as the text lays it out. Dumps use two layouts, and
often both on one page: paragraphs separated by blank lines, and one paragraph
per line with no blank line between (sample 001). So every non-empty line
starts a block, except when it is the continuation of a hard-wrapped paragraph;
then it is joined to the line before (see :func:`_continues`).

Joining is CJK-aware: two lines of Chinese or Japanese join with nothing between
them, because those scripts do not put spaces between words; other scripts join
with one space.

A third layout comes from scrapers that put a line break at *every* tag
boundary (BeautifulSoup's ``get_text("\n")``, lxml's ``itertext``): a link or an
emphasis inside a sentence becomes a line of its own, and the sentence goes on
in the next line with ``", and ..."`` or ``"? Great! ..."``. Such a text is
recognised by those lines (:func:`_is_fragmented`), and in it a line also
continues the one before when the break cuts a sentence: the line before does
not end one, and the line starts with punctuation or in lower case, or the
white space the tag boundary left says the text ran on (see
:func:`_continues_fragment`). In other dumps those signals are as often a menu
laid out with spaces, so they are read only in such a text.
"""

from __future__ import annotations

import itertools
import re
from array import array
from collections.abc import Iterator, Sequence
from typing import NamedTuple, overload

from .chars import collapse_space, effective_length
from .chars import is_cjk as _is_cjk
from .features import CLOSERS, TERMINAL, ends_sentence

__all__ = ["Block", "Blocks", "join_lines", "split_blocks"]

#: A line shorter than this (effective characters) never continues onto the next:
#: a hard-wrapped paragraph's lines are long, a menu's are short. CJK lines
#: need more, because a CJK line that ends without punctuation is often a
#: whole headline or link, not half a sentence.
_MIN_WRAPPED_LINE = 40
_MIN_WRAPPED_CJK_LINE = 150
#: A group of at least this many lines, most of them within 10% of the longest
#: (at least 20 characters), was hard-wrapped at a fixed width.
_MIN_WRAPPED_LINES = 3
_CLAUSE_RX = re.compile(r"[，、,；;]")
_MIN_WRAP_WIDTH = 20
_FULL_LINE = 0.9
_FULL_SHARE = 0.6
#: A line that opens with one of these, after a line that ends no sentence, is the
#: rest of a sentence a tag boundary cut (``"code\n? Great!"``); it joins with no space.
_CONTINUING_PUNCT = ",;:.?!)]}%…’”，、。；：？！）」』"
_FRAGMENT_RX = re.compile(r"[,.;:?!)](?:\s|$)")
#: A text is cut at every tag when at least this many lines, and this share of
#: its lines, are such rests of sentences (the development dumps have at most
#: a handful, in code listings and reference lists).
_MIN_FRAGMENTS = 3
_MIN_FRAGMENT_SHARE = 0.005


class Block(NamedTuple):
    """A paragraph-sized piece of the input and where it came from.

    ``number`` counts blocks from 0; ``line`` is 1-based; ``start`` and ``end``
    are character offsets into the repaired text; ``group`` numbers the
    blank-line separated groups. A named tuple: pages have thousands of blocks.
    """

    number: int
    text: str
    line: int
    start: int
    end: int
    group: int


class Blocks(Sequence[Block]):
    """A page's blocks, stored by column: their texts, and their numbers in machine
    integers. A :class:`Block` is made when one is read.

    An input of a million short lines makes a million blocks; as tuples of Python
    integers each costs about 220 bytes, stored by column about 40 (issue 14's bound
    is a few hundred bytes a line, all stages together).
    """

    __slots__ = ("_end", "_group", "_line", "_start", "_texts")

    def __init__(self) -> None:
        self._texts: list[str] = []
        self._line = array("q")
        self._start = array("q")
        self._end = array("q")
        self._group = array("q")

    def append(self, text: str, line: int, start: int, end: int, group: int) -> None:
        """Add the next block (its number is its position)."""
        self._texts.append(text)
        self._line.append(line)
        self._start.append(start)
        self._end.append(end)
        self._group.append(group)

    def __len__(self) -> int:
        return len(self._texts)

    @overload
    def __getitem__(self, index: int) -> Block: ...
    @overload
    def __getitem__(self, index: slice) -> list[Block]: ...
    def __getitem__(self, index: int | slice) -> Block | list[Block]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        i = index + len(self) if index < 0 else index
        if not 0 <= i < len(self):
            raise IndexError("block index out of range")
        return Block(i, self._texts[i], self._line[i], self._start[i], self._end[i], self._group[i])

    def __iter__(self) -> Iterator[Block]:
        for i, fields in enumerate(zip(self._texts, self._line, self._start, self._end, self._group, strict=True)):
            yield Block(i, *fields)

    @property
    def texts(self) -> Sequence[str]:
        """Every block's text, in order (the stored list, not a copy: do not change it)."""
        return self._texts


def split_blocks(text: str, *, join: bool = True) -> Blocks:
    """Split repaired text into blocks; white space inside a block is collapsed.

    ``join=False`` makes every line a block: for text made from HTML, whose
    lines are already the page's block elements.
    """
    groups: list[list[_Line]] = []
    current: list[_Line] = []
    pos = 0
    for line_no, raw in enumerate(text.split("\n"), start=1):
        start, end = pos, pos + len(raw)
        pos = end + 1
        line = collapse_space(raw)
        if line:
            current.append(_Line(line_no, start, end, line, raw[0].isspace(), raw[-1].isspace()))
        elif current:
            groups.append(current)
            current = []
    if current:
        groups.append(current)

    fragmented = join and _is_fragmented(groups)
    if fragmented:
        groups = _rejoin_groups(groups)
    blocks = Blocks()
    for g, lines in enumerate(groups):
        width = _wrap_width([x.text for x in lines])
        first = 0
        for i in range(1, len(lines) + 1):
            if (
                join
                and i < len(lines)
                and (
                    _continues(lines[i - 1].text, lines[i].text, width)
                    or (fragmented and _continues_fragment(lines[i - 1], lines[i]))
                )
            ):
                continue
            part = lines[first:i]
            blocks.append(join_lines([p.text for p in part]), part[0].number, part[0].start, part[-1].end, g)
            first = i
    return blocks


class _Line(NamedTuple):
    """A non-empty line: where it is, its text (white space collapsed), and whether
    the raw line began or ended with white space."""

    number: int
    start: int
    end: int
    text: str
    open_start: bool
    open_end: bool


def _is_fragmented(groups: list[list[_Line]]) -> bool:
    """Whether the text was cut at every tag boundary: enough lines are the rest
    of a sentence that the line before left unfinished."""
    lines = fragments = 0
    for group in groups:
        lines += len(group)
        for prev, line in itertools.pairwise(group):
            if _FRAGMENT_RX.match(line.text) and not ends_sentence(prev.text):
                fragments += 1
    return fragments >= _MIN_FRAGMENTS and fragments >= _MIN_FRAGMENT_SHARE * lines


def _rejoin_groups(groups: list[list[_Line]]) -> list[list[_Line]]:
    """In a text cut at every tag: groups that a blank line split inside a sentence,
    one again. White space between two tags can leave a blank line where the
    sentence goes on: ``"for the Cleveland Browns"``, blank, ``"’ Week 11 game ..."``."""
    out = [list(groups[0])]
    for group in groups[1:]:
        if _continues_fragment(out[-1][-1], group[0], across_blank=True):
            out[-1].extend(group)  # in place: a text of many such groups stays linear
        else:
            out.append(list(group))
    return out


def _continues_fragment(prev: _Line, line: _Line, *, across_blank: bool = False) -> bool:
    """In a text cut at every tag: whether ``line`` goes on with the sentence ``prev`` left open.

    Across a blank line only the line's first character counts: the white
    space at the two lines' ends is what the blank line left too.
    """
    if ends_sentence(prev.text):
        return False
    first = line.text[0]
    if first in _CONTINUING_PUNCT or first.islower():
        return True
    return not across_blank and (prev.open_end or (line.open_start and first.isalnum() and not first.isupper()))


def _wrap_width(lines: list[str]) -> int | None:
    """The width a group of lines was hard-wrapped at, or None when it was not.

    A wrapped paragraph has most of its lines (all but the last) within a few
    characters of the same, longest width; a menu or a list of one-line
    paragraphs does not.
    """
    if len(lines) < _MIN_WRAPPED_LINES:
        return None
    lengths = [len(line) for line in lines]
    width = max(lengths)
    if width < _MIN_WRAP_WIDTH:
        return None
    full = sum(1 for n in lengths[:-1] if n >= _FULL_LINE * width)
    return width if full >= _FULL_SHARE * (len(lines) - 1) else None


def _continues(prev: str, line: str, width: int | None = None) -> bool:
    """Whether ``line`` continues the hard-wrapped paragraph that ``prev`` ends.

    Only when ``prev`` is long, does not end a sentence, and the join point
    reads as the middle of one: Latin text continuing in lower case, or CJK
    text continuing with a CJK character or digit (``获得了5`` / ``00万元``).
    """
    if width is not None and len(prev) >= _FULL_LINE * width:
        end = prev.rstrip(CLOSERS)[-1:]
        return end not in TERMINAL or line[0].islower()
    if 3 * len(prev) < _MIN_WRAPPED_LINE:
        return False  # too short even if every character were CJK (counted three)
    eff = effective_length(prev)
    if eff < _MIN_WRAPPED_LINE:
        return False
    last = prev.rstrip(CLOSERS)[-1:] if prev.rstrip(CLOSERS) else ""
    if not last or last in TERMINAL or last in ":：" or prev[-1] in CLOSERS:
        return False
    first = line[0]
    if first.islower():
        return last.isalnum() or last in ",-–—"
    if eff >= _MIN_WRAPPED_CJK_LINE and (_is_cjk(last) or last.isdigit()) and _CLAUSE_RX.search(prev):
        # Wrapped CJK prose has clause punctuation; a long menu line does not.
        return (_is_cjk(first) or first.isdigit()) and "|" not in prev and "｜" not in prev
    return False


def join_lines(lines: list[str]) -> str:
    """Join wrapped lines: no space between CJK characters, one space otherwise."""
    parts = [lines[0]]
    for prev, line in itertools.pairwise(lines):
        # Pieces joined once at the end: adding to a growing string is quadratic.
        if (
            _is_cjk(prev[-1])
            or _is_cjk(line[0])
            or (prev[-1].isdigit() and line[0].isdigit())
            or line[0] in _CONTINUING_PUNCT
        ):
            parts.append(line)
        else:
            parts.append(" " + line)
    return "".join(parts)

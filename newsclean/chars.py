"""Character classes shared by the stages: CJK detection, effective length, words, digits.

One definition each, so that "a CJK character", "effective length" and "a
word" mean the same thing in blocks, features, rules, lexicons and the scorer.
"""

from __future__ import annotations

import re

__all__ = ["CELL_SEP", "CJK_RX", "DIGIT_RX", "LETTERS_RX", "collapse_space", "count_cjk", "effective_length", "is_cjk"]

#: Han, Kana and the CJK compatibility ideographs: scripts written without spaces.
CJK_RX = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")
#: A run of letters (no digits, no underscore), in any script.
LETTERS_RX = re.compile(r"[^\W\d_]+")
DIGIT_RX = re.compile(r"\d")


def is_cjk(ch: str) -> bool:
    """Whether ``ch`` is a Han or Kana character."""
    return CJK_RX.match(ch) is not None


def effective_length(text: str) -> int:
    """Length with CJK characters counted three times.

    One CJK character carries about as much text as three Latin characters (an
    English sentence of 100 characters translates to about 35 Chinese ones), so
    one threshold serves every script.
    """
    if text.isascii():
        return len(text)
    return len(text) + 2 * count_cjk(text)


def count_cjk(text: str) -> int:
    """How many Han and Kana characters ``text`` has.

    Counted as what a deletion removes: one new string, not a list of one
    string per match, which on a long CJK text cost more than the scan.
    """
    return len(text) - len(CJK_RX.sub("", text))


#: What separates the cells of a table row inside one line (HTML tables, Markdown pipe tables).
CELL_SEP = "\t"


def collapse_space(line: str) -> str:
    """White space collapsed to single spaces, except the tabs between a table row's cells.

    A row keeps one tab between each two non-empty cells, so a table survives as one block per
    row with its columns still apart; the white space inside each cell is collapsed.

    >>> collapse_space("  Ajax \t 3 \t\t 1 ")
    'Ajax\t3\t1'
    >>> collapse_space(" a  b ")
    'a b'
    """
    if CELL_SEP not in line:
        return " ".join(line.split())
    return CELL_SEP.join(c for c in (" ".join(cell.split()) for cell in line.split(CELL_SEP)) if c)

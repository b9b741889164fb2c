"""What a block looks like: the shape features the rules read.

Everything here is computed from the block's own text, so a block's features do
not change when its neighbours are removed; that is one half of what makes
``clean()`` idempotent (the other half is in :mod:`newsclean.classify`).

Lengths are *effective* lengths: a Han or Kana character counts three, because
one CJK character carries about as much text as three Latin characters (an
English sentence of 100 characters translates to about 35 Chinese ones). With
that, one threshold serves every script.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .chars import CELL_SEP, count_cjk
from .lexicon import PhraseHit, load_lexicon, normalise

__all__ = ["Features", "ends_sentence", "features_of"]

#: Sentence-final punctuation in the scripts we see most (Latin, CJK, Arabic, Devanagari, ...).
TERMINAL = frozenset(".!?。！？｡．…؟۔।॥።")
#: Closing quotes and brackets that may follow the final punctuation: ``"Yes."`` ``「はい。」``.
CLOSERS = "\"'”’»›」』）)]】〕》〉 "
#: Clause punctuation inside a sentence; a long line without any is rarely prose.
_CLAUSE_RX = re.compile(r"[,，、;；:：،؛]")
#: A sentence boundary inside a block: final punctuation, then more text. After a Latin full
#: stop the next sentence starts with a capital; CJK stops need no space after them; the marks
#: of scripts without case (Arabic and Urdu question mark and full stop, Devanagari danda) end
#: a sentence wherever they stand, with a word after them.
_INNER_SENTENCE_RX = re.compile(r"[.!?]\s+[\"'“‘(]?[A-Z]|[。！？][^\s」』”）)]|[؟۔।॥]\s*[^\W\d_]")
_EMAIL_RX = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")
_URL_RX = re.compile(r"(?:https?://|www\.)[^\s]{2,}", re.IGNORECASE)


class Features(NamedTuple):
    """Shape of one block of text (a named tuple: made for every block, read everywhere)."""

    text: str
    norm: str
    eff: int
    cjk_share: float
    words: int
    terminal: bool
    clause_marks: int
    sentences: int
    has_email: bool
    has_url: bool
    hit: PhraseHit | None
    #: Reads like a title or heading: no final punctuation, not too long.
    headline_like: bool
    #: Reads like a paragraph of prose, whatever its context.
    body_like: bool


def _headline_like(eff: int, terminal: bool, sentences: int, text: str) -> bool:
    # A table row (cells apart by CELL_SEP) is a row of data, never a heading or a teaser.
    return (
        not terminal and 4 <= eff <= 360 and sentences == 0 and not text.endswith((":", "：")) and CELL_SEP not in text
    )


def _body_like(eff: int, terminal: bool, sentences: int, clause_marks: int) -> bool:
    if terminal:
        return eff >= 45
    if sentences and eff >= 120:
        return True
    return eff >= 240 and clause_marks >= 2


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends in a sentence's final punctuation (closing quotes and brackets aside)."""
    stripped = text.rstrip(CLOSERS)
    return bool(stripped) and (stripped[-1] in TERMINAL or stripped.endswith("..."))


def features_of(text: str) -> Features:
    """Compute the features of a block (``text`` is one line, white space collapsed)."""
    cjk = 0 if text.isascii() else count_cjk(text)
    n = len(text)
    terminal = ends_sentence(text)
    norm = normalise(text)
    eff = n + 2 * cjk
    clause_marks = len(_CLAUSE_RX.findall(text))
    sentences = len(_INNER_SENTENCE_RX.findall(text))
    # The two judgements every later stage asks for, decided once here.
    return Features(
        text=text,
        norm=norm,
        eff=eff,
        cjk_share=cjk / n if n else 0.0,
        words=len(text.split()) + cjk // 2,
        terminal=terminal,
        clause_marks=clause_marks,
        sentences=sentences,
        has_email="@" in text and _EMAIL_RX.search(text) is not None,
        has_url=("www." in text or "://" in text) and _URL_RX.search(text) is not None,
        hit=load_lexicon().match(norm) if norm else None,
        headline_like=_headline_like(eff, terminal, sentences, text),
        body_like=_body_like(eff, terminal, sentences, clause_marks),
    )


#: A list item's number: "1)", "2.", "3、", "(4)", "5．" at the start of a line,
#: followed by the item (not by more digits: "10.4 million" is no item).
_LIST_NUMBER_RX = re.compile(r"\(?([0-9]{1,3})\s?[.)、．）:：]\)?\s*(?![0-9])")


def list_number(text: str) -> int | None:
    """The number a list item starts with, or None.

    >>> list_number("2) Polistil pista elettrica"), list_number("3、中国艺术史"), list_number("10.4 million")
    (2, 3, None)
    """
    m = _LIST_NUMBER_RX.match(text)
    return int(m.group(1)) if m and m.end() < len(text) else None

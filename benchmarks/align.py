"""Align the blocks of a page dump with its gold text: which blocks are content?

A block counts as content when most of its token trigrams (for short blocks:
its bigrams, or its single tokens) occur in the gold text. Tokens are the
benchmark's own (every CJK character one token), so the labels agree with the
F1 the benchmark reports.

For trafilatura_eval pages the gold is snippets: a block that contains a
"with" snippet is content, one that contains a "without" snippet is not, and
the others are unlabelled (``None``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from benchmarks.metrics import tokens

#: Share of a block's n-grams that must occur in the gold for it to be content.
CONTENT_SHARE = 0.5
_WS = re.compile(r"\s+")


def _ngrams(toks: Sequence[str], n: int) -> list[tuple[str, ...]]:
    return [tuple(toks[i : i + n]) for i in range(len(toks) - n + 1)]


class GoldIndex:
    """The gold text's 1-, 2- and 3-grams, for fast membership tests."""

    def __init__(self, gold: str) -> None:
        toks = [t.lower() for t in tokens(gold)]
        self.grams = {n: set(_ngrams(toks, n)) for n in (1, 2, 3)}

    def share(self, text: str) -> float | None:
        """Share of ``text``'s n-grams found in the gold (None for a block with no tokens)."""
        toks = [t.lower() for t in tokens(text)]
        if not toks:
            return None
        n = 3 if len(toks) >= 3 else len(toks)
        grams = _ngrams(toks, n)
        return sum(1 for g in grams if g in self.grams[n]) / len(grams)


def label_blocks(texts: Sequence[str], gold: str | dict[str, list[str]]) -> list[bool | None]:
    """For each block text: True (content), False (boilerplate) or None (unknown)."""
    if isinstance(gold, str):
        index = GoldIndex(gold)
        out: list[bool | None] = []
        for t in texts:
            share = index.share(t)
            out.append(None if share is None else share >= CONTENT_SHARE)
        return out
    with_ = [_WS.sub(" ", s).strip() for s in gold.get("with", [])]
    without = [_WS.sub(" ", s).strip() for s in gold.get("without", [])]
    labels: list[bool | None] = []
    for t in texts:
        norm = _WS.sub(" ", t)
        if any(s and s in norm for s in with_):
            labels.append(True)
        elif any(s and s in norm for s in without):
            labels.append(False)
        else:
            labels.append(None)
    return labels

"""Quality metrics for the newsclean development benchmark.

Self-contained (stdlib + ``regex``), so the project's tests can use it without the shared
benchmark folder. The definitions are the ones the benchmark README reports with; the benchmark
script checks this module against the shared reference implementation whenever that file exists.

Bag of tokens (``scrapinghub_aeb``, ``readability_moz``, ``chinese_wce``)
    :func:`tokens` splits text into tokens: each Han, Hiragana or Katakana character is a token on
    its own, and every other maximal run of word characters (Latin, Cyrillic, digits, Hangul, ...)
    is one token. :func:`bag_prf` compares the token multisets of gold and prediction. A data set's
    score is the mean of its per-document values (:func:`mean_prf`).

Snippets (``trafilatura_eval``)
    The gold is ``{"with": [...], "without": [...]}``: snippets that must, or must not, appear in
    the output. :func:`snippet_counts` gives one document's TP/FP/FN/TN; :func:`snippet_prf` pools
    the counts of many documents into one precision / recall / F1.

Official scrapinghub metric (``scrapinghub_aeb``)
    :func:`scrapinghub_metric`: ``\\w+`` tokens, 4-gram shingles, precision and recall averaged over
    documents, F1 of the two averages; comparable with the article-extraction-benchmark's table.

>>> tokens("Hello, 世界 of 2024!")
['Hello', '世', '界', 'of', '2024']
>>> bag_prf("a b c d", "a b x")
PRF(precision=0.6666666666666666, recall=0.5, f1=0.5714285714285715)
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple, TypedDict

import regex

__all__ = [
    "PRF",
    "MeanPRF",
    "ScrapinghubScore",
    "SnippetCounts",
    "SnippetScore",
    "bag_prf",
    "has_cjk",
    "mean_prf",
    "normalize_whitespace",
    "scrapinghub_doc_fractions",
    "scrapinghub_metric",
    "snippet_counts",
    "snippet_prf",
    "tokens",
]

# --------------------------------------------------------------------------- tokens

#: Scripts whose characters count one token each (no spaces between words).
_CHAR_TOKEN_SCRIPTS = r"\p{Han}\p{Hiragana}\p{Katakana}"
_TOKEN = regex.compile(rf"[{_CHAR_TOKEN_SCRIPTS}]|[^\W{_CHAR_TOKEN_SCRIPTS}]+", regex.V1)
#: "CJK" for reporting purposes also includes Hangul (Korean), although it is tokenised by words.
_CJK_CHAR = regex.compile(rf"[{_CHAR_TOKEN_SCRIPTS}\p{{Hangul}}]")


def tokens(text: str | None) -> list[str]:
    """Split ``text`` into benchmark tokens (one per CJK character, else one per word run).

    ``None`` is treated as the empty text.
    """
    return _TOKEN.findall(text or "")


def has_cjk(text: str | None) -> bool:
    """True if ``text`` contains any Han, Hiragana, Katakana or Hangul character."""
    return _CJK_CHAR.search(text or "") is not None


# --------------------------------------------------------------------------- bag of tokens


class PRF(NamedTuple):
    """Precision, recall and F1 of one document."""

    precision: float
    recall: float
    f1: float


class MeanPRF(TypedDict):
    """Per-document scores averaged over a data set (``nan`` when there are no documents)."""

    n: int
    precision: float
    recall: float
    f1: float


def bag_prf(gold: str | None, pred: str | None) -> PRF:
    """Bag-of-tokens precision, recall and F1 of ``pred`` against ``gold``.

    Conventions for empty texts (no tokens):

    * both empty: precision 1, recall 1, F1 1 (nothing to find, nothing found);
    * gold empty only: precision 0, recall 1, F1 0;
    * prediction empty only: precision 1, recall 0, F1 0.

    >>> bag_prf("", None)
    PRF(precision=1.0, recall=1.0, f1=1.0)
    >>> bag_prf("", "noise")
    PRF(precision=0.0, recall=1.0, f1=0.0)
    """
    gold_bag = Counter(tokens(gold))
    pred_bag = Counter(tokens(pred))
    n_gold = sum(gold_bag.values())
    n_pred = sum(pred_bag.values())
    if n_gold == 0 and n_pred == 0:
        return PRF(1.0, 1.0, 1.0)
    if n_gold == 0:
        return PRF(0.0, 1.0, 0.0)
    if n_pred == 0:
        return PRF(1.0, 0.0, 0.0)
    overlap = sum((gold_bag & pred_bag).values())
    precision = overlap / n_pred
    recall = overlap / n_gold
    f1 = 2 * precision * recall / (precision + recall) if overlap else 0.0
    return PRF(precision, recall, f1)


def mean_prf(scores: Iterable[Sequence[float]]) -> MeanPRF:
    """Average ``(precision, recall, f1)`` triples over documents (``statistics.fmean``)."""
    rows = list(scores)
    if not rows:
        nan = float("nan")
        return MeanPRF(n=0, precision=nan, recall=nan, f1=nan)
    return MeanPRF(
        n=len(rows),
        precision=statistics.fmean(row[0] for row in rows),
        recall=statistics.fmean(row[1] for row in rows),
        f1=statistics.fmean(row[2] for row in rows),
    )


# --------------------------------------------------------------------------- snippets


class SnippetCounts(NamedTuple):
    """One document's snippet outcome.

    ``tp``: must-have snippets found; ``fp``: must-not snippets found; ``fn``: must-have snippets
    missing; ``tn``: must-not snippets correctly absent.
    """

    tp: int
    fp: int
    fn: int
    tn: int


class SnippetScore(TypedDict):
    """Snippet counts pooled over documents, with the scores derived from them."""

    n: int
    tp: int
    fp: int
    fn: int
    tn: int
    precision: float
    recall: float
    accuracy: float
    f1: float


_WHITESPACE_RUN = re.compile(r"\s+")


def normalize_whitespace(text: str) -> str:
    """Collapse every whitespace run to one space and strip the ends."""
    return _WHITESPACE_RUN.sub(" ", text).strip()


def snippet_counts(gold: Mapping[str, Sequence[str]], pred: str | None) -> SnippetCounts:
    """Match one document's ``gold["with"]`` / ``gold["without"]`` snippets against ``pred``.

    A snippet matches when its whitespace-normalised form is a substring of the
    whitespace-normalised prediction. A ``None`` prediction (extractor gave up) matches nothing.

    >>> snippet_counts({"with": ["a  b"], "without": ["menu"]}, "x a\\nb y")
    SnippetCounts(tp=1, fp=0, fn=0, tn=1)
    """
    must, must_not = gold["with"], gold["without"]
    if pred is None:
        found = found_bad = 0
    else:
        haystack = normalize_whitespace(pred)
        found = sum(normalize_whitespace(snippet) in haystack for snippet in must)
        found_bad = sum(normalize_whitespace(snippet) in haystack for snippet in must_not)
    return SnippetCounts(found, found_bad, len(must) - found, len(must_not) - found_bad)


def _ratio(numerator: float, denominator: float) -> float:
    """``numerator / denominator``, or 0 when the denominator is 0."""
    return numerator / denominator if denominator else 0.0


def snippet_prf(counts: Iterable[Sequence[int]]) -> SnippetScore:
    """Pool ``(tp, fp, fn, tn)`` counts over documents and score the totals.

    Precision, recall, accuracy and F1 are 0 when their denominator is 0.
    """
    n = tp = fp = fn = tn = 0
    for doc in counts:
        n += 1
        tp += doc[0]
        fp += doc[1]
        fn += doc[2]
        tn += doc[3]
    return SnippetScore(
        n=n,
        tp=tp,
        fp=fp,
        fn=fn,
        tn=tn,
        precision=_ratio(tp, tp + fp),
        recall=_ratio(tp, tp + fn),
        accuracy=_ratio(tp + tn, tp + fp + fn + tn),
        f1=_ratio(2 * tp, 2 * tp + fp + fn),
    )


# --------------------------------------------------------------------------- scrapinghub metric


class ScrapinghubScore(TypedDict):
    """The article-extraction-benchmark's summary (``nan`` where no document qualifies)."""

    n: int
    f1: float
    precision: float
    recall: float
    accuracy: float


_SH_WORD = re.compile(r"\w+")
_SH_SHINGLE_SIZE = 4


def _sh_words(text: str | None) -> list[str]:
    return _SH_WORD.findall(text or "")


def _sh_shingles(text: str | None) -> Counter[tuple[str, ...]]:
    """Multiset of word 4-grams; a text shorter than 4 words is one shingle of all its words."""
    words = _sh_words(text)
    n_grams = max(1, len(words) - _SH_SHINGLE_SIZE + 1)
    grams = (tuple(words[i : i + _SH_SHINGLE_SIZE]) for i in range(n_grams))
    return Counter(gram for gram in grams if gram)


def scrapinghub_doc_fractions(gold: str | None, pred: str | None) -> tuple[float, float, float]:
    """One document's shingle TP, FP and FN, each divided by TP + FP + FN (all 0 if both empty)."""
    gold_shingles = _sh_shingles(gold)
    pred_shingles = _sh_shingles(pred)
    tp = float(sum((gold_shingles & pred_shingles).values()))
    fp = float(sum((pred_shingles - gold_shingles).values()))
    fn = float(sum((gold_shingles - pred_shingles).values()))
    total = tp + fp + fn
    if total <= 0:
        return tp, fp, fn
    return tp / total, fp / total, fn / total


def _sh_doc_precision(tp: float, fp: float, fn: float) -> float:
    if fp == 0 and fn == 0:
        return 1.0
    if tp == 0 and fp == 0:
        return 0.0
    return tp / (tp + fp)


def _sh_doc_recall(tp: float, fp: float, fn: float) -> float:
    if fp == 0 and fn == 0:
        return 1.0
    if tp == 0 and fn == 0:
        return 0.0
    return tp / (tp + fn)


def _mean_or_nan(values: Sequence[float]) -> float:
    return statistics.mean(values) if values else float("nan")


def scrapinghub_metric(
    pairs: Iterable[tuple[str | None, str | None]],
) -> ScrapinghubScore:
    """The official scrapinghub metric over ``(gold, prediction)`` pairs.

    Precision is averaged over documents that have predicted shingles, recall over documents
    that have gold shingles; F1 is computed from the two averages (not averaged per document).
    Accuracy is the share of documents whose ``\\w+`` token sequences are identical.
    """
    fractions: list[tuple[float, float, float]] = []
    exact: list[float] = []
    for gold, pred in pairs:
        fractions.append(scrapinghub_doc_fractions(gold, pred))
        exact.append(float(_sh_words(gold) == _sh_words(pred)))
    precision = _mean_or_nan([_sh_doc_precision(*f) for f in fractions if f[0] + f[1] > 0])
    recall = _mean_or_nan([_sh_doc_recall(*f) for f in fractions if f[0] + f[2] > 0])
    denominator = precision + recall
    f1 = 2 * precision * recall / denominator if denominator else 0.0
    return ScrapinghubScore(
        n=len(fractions),
        f1=f1,
        precision=precision,
        recall=recall,
        accuracy=_mean_or_nan(exact),
    )

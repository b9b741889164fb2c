"""A small learned block scorer: how likely is a block to be article text?

The rules in :mod:`newsclean.rules` know the *wording* and *shapes* of
boilerplate; what they cannot see is the gradual evidence a whole page gives:
a sentence-like block surrounded by menus is probably a teaser, a short line
between two long paragraphs probably a heading. This module turns each block
and its neighbourhood into a vector of generic features (lengths, punctuation,
script, position, what the neighbours look like, which rule fired) and scores
it with a logistic model.

The model is data: ``data/scorer.json`` holds the feature names and weights,
trained by ``benchmarks/train_scorer.py`` from the development benchmark. The
features are language-independent by construction (effective lengths, the
punctuation of every script, rule kinds), so the model carries no site names
or wording. Scoring is two small matrix products in numpy.
"""

from __future__ import annotations

import functools
import json
import math
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources

import numpy as np

from .chars import DIGIT_RX, LETTERS_RX
from .document import Kind
from .dom import DOM_FEATURE_NAMES
from .features import CLOSERS, Features
from .language import stopword_index
from .lexicon import load_lexicon
from .rules import MEMO_SIZE, Verdict

__all__ = [
    "DOM_VECTOR_NAMES",
    "FEATURE_NAMES",
    "PAGE_FEATURE_NAMES",
    "STAGE2_NAMES",
    "Model",
    "block_vectors",
    "dom_vectors",
    "load_model",
    "score_blocks",
    "stage2_vectors",
]

_EFF_BINS = (8, 20, 45, 90, 160, 300, 600)
_STOP_SAMPLE = 300
_WINDOWS = (1, 3, 6)
#: Kinds a block rule can give before scoring (the others are decided after it).
_RULE_KINDS = tuple(k for k in Kind if k not in (Kind.OUTSIDE, Kind.LANGUAGE, Kind.TEMPLATE, Kind.DUPLICATE))
_KIND_COLUMN: dict[Kind, int] = {k: i for i, k in enumerate(_RULE_KINDS)}
#: Declared page profiles (:mod:`newsclean.pagetype`) the scorer reads as page features ("article" is the base).
_PAGE_PROFILES = ("thread", "product", "listing")
#: What a page of prose looks like: this many long paragraphs (effective characters each) ...
_PAGE_LONG_EFF = 300
_PAGE_LONG_COUNT = 4
#: ... and a block this short is a fragment the scorer reads differently on a page without them.
_PAGE_SHORT_EFF = 90


def _names() -> tuple[str, ...]:
    own = [
        "bias",
        "log_eff",
        "terminal",
        "headline_like",
        "body_like",
        "sentences",
        "clause_rate",
        "cjk_share",
        "digit_share",
        "title_case",
        "stop_share",
        "has_url",
        "has_email",
        "ends_colon",
        "ends_ellipsis",
        "control_share",
        "repeated",
        "rel_pos",
        "in_span",
        "before_span",
        "after_span",
        "eff_share",
        "log_eff_vs_median",
        "eff_rank",
        "seen_comments",
        "seen_related",
        "seen_footer",
        "seen_comments_near",
    ]
    own += [f"eff_ge_{b}" for b in _EFF_BINS]
    own += [f"rule_{k.value}" for k in _RULE_KINDS]
    ctx = []
    for w in _WINDOWS:
        ctx += [f"w{w}_body", f"w{w}_removed", f"w{w}_log_eff", f"w{w}_headline", f"w{w}_terminal", f"w{w}_stop"]
    ctx += ["prev_body", "next_body", "prev_removed", "next_removed", "prev_log_eff", "next_log_eff"]
    page = [
        "page_long",
        "page_body_log",
        "page_prose_share",
        *(f"page_is_{p}" for p in _PAGE_PROFILES),
        "short_x_no_long",
        "headline_x_no_long",
        "body_x_no_long",
        "short_x_declared",
        "headline_x_declared",
    ]
    return tuple(own + ctx + page)


#: The names of the features, in vector order; the model file must list the same.
FEATURE_NAMES: tuple[str, ...] = _names()
#: The last of them read the whole page (:func:`_page_columns`). The HTML model alone reads them: in
#: plain text, a news article of short paragraphs looks like a page without prose to them, and
#: the text scorer then keeps a promotion among menus that it removed without them.
PAGE_FEATURE_NAMES: tuple[str, ...] = FEATURE_NAMES[FEATURE_NAMES.index("page_long") :]
#: ... so the text model's are the others.
_TEXT_FEATURE_NAMES = FEATURE_NAMES[: -len(PAGE_FEATURE_NAMES)]


def _title_case(text: str) -> float:
    initials = [w[0] for w in text.split() if w[0].isalpha()]
    if len(initials) < 2:
        return 0.0
    return sum(map(str.isupper, initials)) / len(initials)


def _stop_share(text: str) -> float:
    """Share of words that are function words of some language: high in prose, low in menus."""
    words = LETTERS_RX.findall(text[:_STOP_SAMPLE].casefold())
    if not words:
        return 0.0
    return sum(map(stopword_index().__contains__, words)) / len(words)


_ASCII_DIGITS = b"0123456789"


def _digit_share(text: str) -> float:
    if not text:
        return 0.0
    if text.isascii():  # the common case, in C: drop the digits and compare lengths
        return (len(text) - len(text.encode("ascii").translate(None, _ASCII_DIGITS))) / len(text)
    return len(DIGIT_RX.findall(text)) / len(text)


def _own(f: Features) -> tuple[float, ...]:
    """The features a block has by itself, memoised by text: they depend on nothing else,
    and pages (and the second, settling pass over a page's output) repeat their lines."""
    own = _OWN_MEMO.get(f.text)
    if own is None:
        if len(_OWN_MEMO) >= MEMO_SIZE:
            _OWN_MEMO.clear()  # bounded memory: start over rather than track recency
        own = _OWN_MEMO[f.text] = _own_features(f)
    return own


def _own_features(f: Features) -> tuple[float, ...]:
    words = max(f.words, 1)
    return (
        1.0,
        math.log1p(f.eff),
        float(f.terminal),
        float(f.headline_like),
        float(f.body_like),
        min(f.sentences, 5) / 5,
        min(f.clause_marks / words, 1.0),
        f.cjk_share,
        _digit_share(f.text),
        _title_case(f.text),
        _stop_share(f.text),
        float(f.has_url),
        float(f.has_email),
        float(f.text.endswith((":", "："))),
        float(f.text.rstrip(CLOSERS).endswith(("...", "…"))),
        _control_share(f),
    )


def _control_share(f: Features) -> float:
    """Share of a short line's words that are, alone, known menu or control words."""
    if f.eff > _CONTROL_MAX_EFF:
        return 0.0
    words = f.norm.split()
    if not words:
        return 0.0
    exact = load_lexicon().exact
    return sum(1 for w in words if exact.get(w) in _CONTROL_KINDS) / len(words)


_OWN_MEMO: dict[str, tuple[float, ...]] = {}
#: Lines longer than this (effective characters) are never menus of control words.
_CONTROL_MAX_EFF = 120
_CONTROL_KINDS = frozenset(
    {
        Kind.NAV,
        Kind.SHARE,
        Kind.SECTION,
        Kind.LABEL,
        Kind.READ_MORE,
        Kind.COMMENTS,
        Kind.PREV_NEXT,
        Kind.CONTACT,
        Kind.MEDIA,
        Kind.BACK_TO_TOP,
    }
)


def _window_means(values: np.ndarray, w: int) -> np.ndarray:
    """Mean of each element's neighbours within ``w`` on each side (itself excluded).

    ``values`` is one column or a matrix of columns (one prefix sum for all of them).
    The window's ends are slices of the prefix sum, subtracted in place: a large input's
    temporaries are two arrays the size of ``values``, not six.
    """
    n = len(values)
    sums = np.zeros((n + 1, *values.shape[1:]))
    np.cumsum(values, axis=0, out=sums[1:])
    out = np.empty(values.shape)
    inner = max(0, n - w)  # elements whose window ends inside the page
    out[:inner] = sums[w + 1 :]
    out[inner:] = sums[n]
    out[w:] -= sums[:inner]  # the window's start; before w it starts at the page (0)
    out -= values
    del sums
    idx = np.arange(n)
    width = (np.minimum(n, idx + w + 1) - np.maximum(0, idx - w) - 1).astype(float)
    if values.ndim == 2:
        width = width[:, None]
    np.divide(out, width, out=out, where=width > 0)
    out[np.broadcast_to(width == 0, out.shape)] = 0.0
    return out


def block_vectors(
    feats: Sequence[Features], verdicts: Sequence[Verdict | None], profile: str = "article", *, page: bool = True
) -> np.ndarray:
    """One feature vector per block (a row), in :data:`FEATURE_NAMES` order (without
    :data:`PAGE_FEATURE_NAMES` unless ``page``)."""
    if not feats:
        return np.zeros((0, len(FEATURE_NAMES if page else _TEXT_FEATURE_NAMES)))
    parts = _iter_parts(feats, verdicts, profile, page=page)
    matrix: np.ndarray = np.hstack([p if p.ndim == 2 else p[:, None] for p in parts])
    return matrix


def _iter_parts(
    feats: Sequence[Features], verdicts: Sequence[Verdict | None], profile: str = "article", *, page: bool = True
) -> Iterator[np.ndarray]:
    """:func:`block_vectors` as matrices and single columns, in order, made one at a time
    (scoring never needs them glued together): a large input's scorer takes each into its
    products and lets it go, so that the page's full matrix (about 100 columns of 8 bytes a
    block) never stands in memory at once."""
    n = len(feats)
    own = np.array([_own(f) for f in feats])
    kept = np.array([v is None for v in verdicts])
    body = (kept & own[:, 4].astype(bool)).astype(float)
    removed = (~kept).astype(float)
    log_eff = own[:, 1].copy()
    headline = (kept & own[:, 3].astype(bool)).astype(float)
    terminal = (kept & own[:, 2].astype(bool)).astype(float)
    stop = own[:, 10].copy()
    eff = np.array([f.eff for f in feats], dtype=float)
    yield own
    del own  # the columns read later are copies: the block-wide matrix goes now
    counts = Counter(f.norm for f in feats)
    yield np.array([1.0 if counts[f.norm] > 1 else 0.0 for f in feats])
    del counts
    body_idx = np.flatnonzero(body)
    first = body_idx[0] if len(body_idx) else n
    last = body_idx[-1] if len(body_idx) else -1
    del body_idx
    idx = np.arange(n)
    yield idx / n
    yield ((idx >= first) & (idx <= last)).astype(float)
    yield (idx < first).astype(float)
    yield (idx > last).astype(float)
    yield eff / max(1.0, eff.sum())
    yield log_eff - np.median(log_eff)
    yield np.searchsorted(np.sort(eff), eff, side="right") / n
    seen = _seen_before(verdicts)
    for kind in (Kind.COMMENTS, Kind.RELATED, Kind.COPYRIGHT):
        yield np.asarray(seen[kind])
    del seen
    yield (idx - np.array(_last_seen(verdicts, Kind.COMMENTS)) <= _NEAR).astype(float)
    for b in _EFF_BINS:
        yield (eff >= b).astype(float)
    # One column per rule kind, made one at a time (a row has at most one 1, so the
    # products are the same as the matrix's, and a large input never holds 20 columns).
    column_of = np.array([_KIND_COLUMN.get(v.kind, -1) if v is not None else -1 for v in verdicts])
    for column in range(len(_RULE_KINDS)):
        yield (column_of == column).astype(float)
    del column_of
    columns = np.column_stack((body, removed, log_eff, headline, terminal, stop))
    for w in _WINDOWS:
        yield _window_means(columns, w)
    del columns, terminal, stop
    yield np.concatenate([[0.0], body[:-1]])
    yield np.concatenate([body[1:], [0.0]])
    yield np.concatenate([[1.0], removed[:-1]])
    yield np.concatenate([removed[1:], [1.0]])
    yield np.concatenate([[0.0], log_eff[:-1]])
    yield np.concatenate([log_eff[1:], [0.0]])
    if page:
        yield from _page_columns(body, headline, eff, profile)


def _page_columns(body: np.ndarray, headline: np.ndarray, eff: np.ndarray, profile: str) -> list[np.ndarray]:
    """What the whole page is, as columns: the scorer's bar for a short line differs on a page of
    prose (a news article) and on one without long paragraphs (a listing, a thread, a product)."""
    n = len(body)
    long = min(float(((eff >= _PAGE_LONG_EFF) & (body > 0)).sum()) / _PAGE_LONG_COUNT, 1.0)
    body_eff = float((eff * body).sum())
    unlabelled = float(eff.sum()) or 1.0
    declared = [float(profile == p) for p in _PAGE_PROFILES]
    short = (eff < _PAGE_SHORT_EFF).astype(float)
    no_long = 1.0 - long
    other = float(any(declared))
    return [
        np.full(n, long),
        np.full(n, math.log1p(body_eff) / 10),
        np.full(n, body_eff / unlabelled),
        *(np.full(n, d) for d in declared),
        short * no_long,
        headline * no_long,
        body * no_long,
        short * other,
        headline * other,
    ]


def _dot(parts: Sequence[np.ndarray], weights: np.ndarray) -> np.ndarray:
    """``np.hstack(parts) @ weights``.

    A page-sized input is glued into one matrix and multiplied once (each
    numpy call has a fixed cost, and a page has dozens of parts). A large
    page's matrix would be hundreds of megabytes, and copying it would cost
    more than the products: there each part is multiplied on its own.
    """
    n = len(parts[0])
    if n * len(weights) <= _GLUE_MAX_CELLS:
        glued: np.ndarray = np.column_stack(parts) @ weights
        return glued
    out = np.zeros(n)
    col = 0
    for part in parts:
        width = 1 if part.ndim == 1 else part.shape[1]
        _accumulate(out, part, weights[col : col + width])
        col += width
    return out


#: Up to this many matrix cells (blocks x features), :func:`_dot` glues the parts.
_GLUE_MAX_CELLS = 2_000_000


#: DOM features whose neighbourhood means are features too: a link among links is a menu item.
_DOM_CONTEXT = ("dom_link_density", "dom_own_li", "dom_class_content", "dom_in_best", "dom_own_p")
_DOM_CONTEXT_INDEX = tuple(DOM_FEATURE_NAMES.index(n) for n in _DOM_CONTEXT)
#: The HTML model's extra features, appended to :data:`FEATURE_NAMES`.
DOM_VECTOR_NAMES: tuple[str, ...] = (
    *DOM_FEATURE_NAMES,
    *(f"{n}_w{w}" for w in (1, 4) for n in _DOM_CONTEXT),
)


def dom_vectors(rows: np.ndarray) -> np.ndarray:
    """The DOM rows of a page's blocks plus the neighbourhood means of a few of them."""
    if len(rows) == 0:
        return np.zeros((0, len(DOM_VECTOR_NAMES)))
    context = rows[:, list(_DOM_CONTEXT_INDEX)]
    matrix: np.ndarray = np.hstack([rows, *(_window_means(context, w) for w in (1, 4))])
    return matrix


#: Kinds whose appearance earlier on the page changes what follows: comments,
#: related lists and footers (copyright, prev/next, back-to-top, cookie notices).
_FOOTER_KINDS = frozenset({Kind.COPYRIGHT, Kind.PREV_NEXT, Kind.BACK_TO_TOP, Kind.COOKIE})
_NEAR = 8


def _seen_before(verdicts: Sequence[Verdict | None]) -> dict[Kind, list[float]]:
    """For comments, related and footer kinds: whether such a block came earlier."""
    out: dict[Kind, list[float]] = {Kind.COMMENTS: [], Kind.RELATED: [], Kind.COPYRIGHT: []}
    state = {k: 0.0 for k in out}
    for v in verdicts:
        for k in out:
            out[k].append(state[k])
        if v is not None:
            key = Kind.COPYRIGHT if v.kind in _FOOTER_KINDS else v.kind
            if key in state:
                state[key] = 1.0
    return out


def _last_seen(verdicts: Sequence[Verdict | None], kind: Kind) -> list[int]:
    """Index of the last block of ``kind`` before each block (a large negative number if none)."""
    out = []
    last = -(10**9)
    for i, v in enumerate(verdicts):
        out.append(last)
        if v is not None and v.kind is kind:
            last = i
    return out


def _prefix_sums(values: Sequence[float]) -> list[float]:
    out = [0.0]
    for x in values:
        out.append(out[-1] + x)
    return out


#: Windows (blocks on each side) over which stage 2 averages stage-1 scores.
_P_WINDOWS = (1, 2, 4, 8)
#: The names of the stage-2 features, appended to :data:`FEATURE_NAMES`.
STAGE2_NAMES: tuple[str, ...] = (
    "p1",
    *(f"p1_w{w}" for w in _P_WINDOWS),
    "p1_max_before3",
    "p1_max_after3",
    "p1_mean_before",
    "p1_mean_after",
    "p1_minus_page_max",
    "p1_minus_page_mean",
    "p1_rank",
)


def stage2_vectors(probs: Sequence[float] | np.ndarray) -> np.ndarray:
    """What the neighbours' stage-1 scores say about each block (smoothing, learned)."""
    p = np.asarray(probs, dtype=float)
    if not len(p):
        return np.zeros((0, len(STAGE2_NAMES)))
    return np.stack(_stage2_columns(p), axis=1)


def _stage2_columns(p: np.ndarray) -> list[np.ndarray]:
    """:func:`stage2_vectors` as a list of columns (``p`` not empty)."""
    n = len(p)
    idx = np.arange(n)
    sums = np.concatenate([[0.0], np.cumsum(p)])
    cols = [p]
    for w in _P_WINDOWS:
        lo, hi = np.maximum(0, idx - w), np.minimum(n, idx + w + 1)
        width = hi - lo - 1
        cols.append(np.divide(sums[hi] - sums[lo] - p, width, out=np.zeros(n), where=width > 0))
    padded = np.concatenate([np.zeros(3), p, np.zeros(3)])
    cols.append(np.maximum(np.maximum(padded[0:n], padded[1 : 1 + n]), padded[2 : 2 + n]))
    cols.append(np.maximum(np.maximum(padded[4 : 4 + n], padded[5 : 5 + n]), padded[6 : 6 + n]))
    before = np.divide(sums[:-1], idx, out=np.zeros(n), where=idx > 0)
    after_n = n - idx - 1
    after = np.divide(sums[n] - sums[1:], after_n, out=np.zeros(n), where=after_n > 0)
    cols += [before, after]
    live = p[p > 0]
    cols += [p - p.max(), p - (live.mean() if len(live) else 0.0)]
    # Where the block stands among the page's scored blocks (1 = the best).
    cols.append(np.searchsorted(np.sort(live), p, side="right") / len(live) if len(live) else np.zeros(n))
    return cols


@dataclass(frozen=True, slots=True)
class Model:
    """The two stages' weights and the decision threshold."""

    stage1: tuple[float, ...]
    stage2: tuple[float, ...]
    threshold: float


#: The model files: one for text input, one for HTML input (text features plus DOM features).
MODEL_FILES = {"text": "scorer.json", "html": "scorer_html.json"}


def model_features(mode: str) -> tuple[str, ...]:
    """The stage-1 feature names of the model for ``mode`` ("text" or "html")."""
    return FEATURE_NAMES + DOM_VECTOR_NAMES if mode == "html" else _TEXT_FEATURE_NAMES


@functools.cache
def load_model(mode: str = "text") -> Model | None:
    """The model for ``mode`` in ``data/`` (None if the package ships none)."""
    path = resources.files("newsclean") / "data" / MODEL_FILES[mode]
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    if tuple(data["features"]) != model_features(mode) or tuple(data["stage2_features"]) != STAGE2_NAMES:
        raise RuntimeError(f"data/{MODEL_FILES[mode]} was trained on other features; run benchmarks/train_scorer.py")
    return Model(
        tuple(float(w) for w in data["stage1"]), tuple(float(w) for w in data["stage2"]), float(data["threshold"])
    )


def _sigmoid(z: np.ndarray) -> np.ndarray:
    out: np.ndarray = 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))
    return out


def score_blocks(
    feats: Sequence[Features],
    verdicts: Sequence[Verdict | None],
    dom: np.ndarray | None = None,
    profile: str = "article",
) -> list[float] | None:
    """Probability that each block is article text, or None when no model ships.

    ``dom`` (one row of DOM features per block, HTML input only) selects the
    HTML model, which reads those rows beside the text features.
    """
    model = load_model("html" if dom is not None else "text")
    if model is None:
        return None
    if not feats:
        return []
    stage1, stage2 = np.array(model.stage1), np.array(model.stage2)
    parts = _iter_parts(feats, verdicts, profile, page=dom is not None)
    if dom is not None:
        parts = _chain(parts, dom)
    removed = np.array([v is not None for v in verdicts])
    if len(feats) * len(stage1) <= _GLUE_MAX_CELLS:
        every = tuple(parts)
        p1 = np.where(removed, 0.0, _sigmoid(_dot(every, stage1)))
        return [float(p) for p in _sigmoid(_dot((*every, *_stage2_columns(p1)), stage2))]
    # A large input: each part goes into both stages' products as it is made, in the order
    # _dot's unglued path takes them (so the sums are the same), and is let go.
    z1, z2 = np.zeros(len(feats)), np.zeros(len(feats))
    col = 0
    for part in parts:
        width = 1 if part.ndim == 1 else part.shape[1]
        _accumulate(z1, part, stage1[col : col + width])
        _accumulate(z2, part, stage2[col : col + width])
        col += width
        del part  # else it stands beside the next part while that is made
    p1 = np.where(removed, 0.0, _sigmoid(z1))
    for column in _stage2_columns(p1):
        _accumulate(z2, column, stage2[col : col + 1])
        col += 1
    return [float(p) for p in _sigmoid(z2)]


def _chain(parts: Iterator[np.ndarray], dom: np.ndarray) -> Iterator[np.ndarray]:
    """The text parts, then the DOM part, made only when it is reached."""
    yield from parts
    yield dom_vectors(dom)


def _accumulate(out: np.ndarray, part: np.ndarray, weights: np.ndarray) -> None:
    """``out += part @ weights`` (``part`` one column or a matrix of them), in place."""
    if part.ndim == 1:
        out += weights[0] * part
    else:
        out += part @ weights

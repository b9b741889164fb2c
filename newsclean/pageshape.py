"""Whether an HTML page is shaped like a listing, whatever it declares.

Most pages declare nothing useful about what they are (:mod:`newsclean.pagetype`):
12 of the 99 listing pages of the wcxb benchmark declare an ItemList or a
CollectionPage, and most of the rest say ``og:type=article`` or nothing.
:func:`listing_shaped` reads the page's shape instead: a small logistic model
over a few page-wide statistics (how much of the text is prose, how long the
lines are, how much of it is links or list items, how much the scorer keeps),
trained by ``benchmarks/train_pagetype.py`` on the labelled development pages.
A page it finds made of cards, items or short sections (a listing, a
collection, a service page) is cleaned with the listing profile's scorer bar
(:data:`newsclean.classify.PROFILE_SCORER_FACTOR`).
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

import numpy as np

from .dom import DOM_FEATURE_NAMES

if TYPE_CHECKING:
    from .features import Features
    from .rules import Verdict

__all__ = ["SHAPE_NAMES", "ShapeModel", "listing_shaped", "load_shape_model", "page_shape"]


#: The page-wide statistics :func:`page_shape` returns, in order (the model file names them too).
SHAPE_NAMES = (
    "log_blocks",
    "log_chars",
    "prose_char_share",
    "prose_block_share",
    "headline_share",
    "open_share",
    "log_long_paragraphs",
    "log_median_chars",
    "short_share",
    "link_density",
    "in_li",
    "in_best",
    "in_nav",
    "in_p",
    "scored_share",
    "scored_char_share",
)
#: A paragraph this long (effective characters) is long prose; a line under SHAPE_SHORT_EFF is short.
SHAPE_LONG_EFF = 300
SHAPE_SHORT_EFF = 30
#: The model file, written by ``benchmarks/train_pagetype.py``.
SHAPE_MODEL_FILE = "pagetype.json"
_DOM_SHAPE = tuple(
    DOM_FEATURE_NAMES.index(n) for n in ("dom_link_density", "dom_own_li", "dom_in_best", "dom_in_nav", "dom_own_p")
)


@dataclass(frozen=True, slots=True)
class ShapeModel:
    """A logistic model over standardised :data:`SHAPE_NAMES`."""

    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ShapeModel:
        """The model as ``benchmarks/train_pagetype.py`` stores it."""
        if tuple(data["features"]) != SHAPE_NAMES:
            raise RuntimeError(
                f"data/{SHAPE_MODEL_FILE} was trained on other features; run benchmarks/train_pagetype.py"
            )
        return cls(
            tuple(float(v) for v in data["mean"]),
            tuple(float(v) for v in data["scale"]),
            tuple(float(v) for v in data["weights"]),
            float(data["bias"]),
            float(data["threshold"]),
        )

    def calls(self, shapes: np.ndarray) -> np.ndarray:
        """For each row of ``shapes`` (:func:`page_shape` vectors), whether it is listing-shaped."""
        z = ((shapes - np.array(self.mean)) / np.array(self.scale)) @ np.array(self.weights) + self.bias
        calls: np.ndarray = 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0))) >= self.threshold
        return calls


def page_shape(
    feats: Sequence[Features], verdicts: Sequence[Verdict | None], dom: np.ndarray, probs: Sequence[float] | None
) -> np.ndarray:
    """The page's :data:`SHAPE_NAMES`: ``verdicts`` are the rules' (before the scorer), ``dom`` the
    blocks' DOM rows, ``probs`` the scorer's probabilities (None on a page too short to score).
    The DOM shares are weighted by each block's text, so a long menu counts as what it is."""
    n = len(feats)
    eff = np.array([f.eff for f in feats], dtype=float)
    total = float(eff.sum()) or 1.0
    open_ = np.array([v is None for v in verdicts])
    prose = np.array([f.body_like for f in feats]) & open_
    headline = np.array([f.headline_like for f in feats]) & open_
    scored = np.asarray(probs, dtype=float) >= 0.5 if probs is not None else np.zeros(n, dtype=bool)
    shares = [float((dom[:, c] * eff).sum()) / total for c in _DOM_SHAPE]
    return np.array(
        [
            math.log1p(n),
            math.log1p(total),
            float((eff * prose).sum()) / total,
            float(prose.mean()),
            float(headline.mean()),
            float(open_.mean()),
            math.log1p(float((eff[prose] >= SHAPE_LONG_EFF).sum())),
            math.log1p(float(np.median(eff))),
            float((eff < SHAPE_SHORT_EFF).mean()),
            *shares,
            float(scored.mean()),
            float((eff * scored).sum()) / total,
        ]
    )


def listing_shaped(
    feats: Sequence[Features], verdicts: Sequence[Verdict | None], dom: np.ndarray, probs: Sequence[float] | None
) -> bool:
    """Whether the page's shape (:func:`page_shape`) is that of a listing, a collection or a
    service page rather than an article or a thread; False when no model ships or the page is empty."""
    model = load_shape_model()
    if model is None or not feats:
        return False
    return bool(model.calls(page_shape(feats, verdicts, dom, probs)[None, :])[0])


@functools.cache
def load_shape_model() -> ShapeModel | None:
    """The model in ``data/`` (None if the package ships none)."""
    path = resources.files("newsclean") / "data" / SHAPE_MODEL_FILE
    if not path.is_file():
        return None
    return ShapeModel.from_json(json.loads(path.read_text(encoding="utf-8")))

"""The page-shape model: a page that declares itself an article (or nothing) but is made of
cards or items is cleaned with the listing profile's scorer bar."""

from __future__ import annotations

import numpy as np
import pytest

import newsclean
import newsclean.classify
from newsclean.api import prepare
from newsclean.classify import SCORER_MIN_BLOCKS, block_verdicts
from newsclean.config import CleanConfig
from newsclean.features import features_of
from newsclean.pageshape import SHAPE_NAMES, listing_shaped, load_shape_model, page_shape
from newsclean.scorer import score_blocks

ITEMS = [
    "Oak dining table",
    "Linen armchair",
    "Walnut bookcase",
    "Rattan lamp",
    "Wool rug",
    "Glass vase",
    "Pine bench",
    "Clay planter",
    "Steel stool",
    "Cedar chest",
    "Birch desk",
    "Brass mirror",
]
MENU = "".join(f"<li><a href='/{w}'>{w}</a></li>" for w in ("Living", "Dining", "Bedroom", "Outdoor", "Sale", "About"))
CARDS = "".join(
    f"<li class='card'><a href='/p/{i}'><h3>{name}</h3></a><p>${20 + i * 7}.00</p><p>Ships in {i % 3 + 2} days</p></li>"
    for i, name in enumerate(ITEMS)
)
GRID = (
    f"<html><body><header><nav><ul>{MENU}</ul></nav></header><main><h1>Furniture</h1>"
    f"<p>Pieces made by small workshops, chosen for everyday use.</p><ul class='grid'>{CARDS}</ul></main>"
    "<footer><p>© 2026 Shop</p></footer></body></html>"
)
PROSE = [
    "The city council approved the new transport plan on Monday after months of debate among residents, and"
    " the mayor called it the most important decision of her term so far, one that would shape the city.",
    "Officials said the first changes would arrive in spring, starting with the busiest bus routes downtown,"
    " where waiting times have doubled over the last five years according to the authority's own figures.",
    "Critics argued the plan did too little for cyclists, and several groups promised to keep campaigning"
    " until protected lanes reach every district, as they have in neighbouring cities that changed course.",
]
ARTICLE = (
    f"<html><body><header><nav><ul>{MENU}</ul></nav></header><article><h1>Council approves plan</h1>"
    + "".join(f"<p>{p}</p>" for p in PROSE * 3)
    + "</article><footer><p>© 2026 News</p></footer></body></html>"
)


def _shape(html: str) -> tuple[np.ndarray, bool]:
    _, _, blocks, dom, _ = prepare(html, CleanConfig())
    assert dom is not None
    feats = [features_of(b.text) for b in blocks]
    verdicts = block_verdicts(feats)
    probs = score_blocks(feats, verdicts, dom) if len(feats) >= SCORER_MIN_BLOCKS else None
    return page_shape(feats, verdicts, dom, probs), listing_shaped(feats, verdicts, dom, probs)


def test_the_shape_reads_how_much_of_the_page_is_prose() -> None:
    grid, grid_listing = _shape(GRID)
    article, article_listing = _shape(ARTICLE)
    col = {n: i for i, n in enumerate(SHAPE_NAMES)}
    assert len(grid) == len(article) == len(SHAPE_NAMES)
    assert grid[col["prose_char_share"]] < 0.5 < article[col["prose_char_share"]]
    assert grid[col["short_share"]] > article[col["short_share"]]
    assert grid[col["link_density"]] > article[col["link_density"]]
    assert article[col["in_best"]] > 0.9
    assert all(0.0 <= grid[col[n]] <= 1.0 for n in SHAPE_NAMES if n.endswith("share") or n.startswith("in_"))
    assert grid_listing and not article_listing


@pytest.mark.parametrize(
    ("shaped", "profile", "kept"), [(False, "article", False), (True, "article", True), (True, "thread", True)]
)
def test_a_listing_shaped_page_gets_the_listing_bar(
    monkeypatch: pytest.MonkeyPatch, shaped: bool, profile: str, kept: bool
) -> None:
    """Short lines the scorer rates below the article bar but above the listing bar are kept on a
    page the model calls listing-shaped (and on a declared thread, whatever the model says)."""
    _, _, blocks, dom, _ = prepare(GRID, CleanConfig())
    feats = [features_of(b.text) for b in blocks]
    verdicts = block_verdicts(feats)
    rules = list(verdicts)
    bar = newsclean.classify._threshold(True)
    probs = [0.95 if f.body_like else 0.8 * bar for f in feats]
    monkeypatch.setattr(newsclean.classify, "score_blocks", lambda *_: probs)
    monkeypatch.setattr(newsclean.classify, "listing_shaped", lambda *_: shaped)
    newsclean.classify._apply_scorer(feats, verdicts, dom, profile)
    short = [i for i, f in enumerate(feats) if not f.body_like and rules[i] is None]
    assert short
    assert all((verdicts[i] is None) == kept for i in short)


def test_the_shipped_model_reads_the_features_it_was_trained_on() -> None:
    model = load_shape_model()
    assert model is not None
    assert len(model.mean) == len(model.scale) == len(model.weights) == len(SHAPE_NAMES)
    assert all(s > 0 for s in model.scale) and 0.0 < model.threshold < 1.0

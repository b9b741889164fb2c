"""Train the page-shape model (``newsclean/data/pagetype.json``): is an HTML page a listing,
a collection or a service page, whatever it declares?

The labels are the manifest's ``page_type`` (wcxb); every page of the other data sets is an
article or a thread, and so is a negative. Each page is read as ``clean()`` reads it (the
blocks, their DOM rows, the rules' verdicts and the scorer's probabilities), reduced to
:data:`newsclean.pageshape.SHAPE_NAMES`, and a logistic regression is fitted, every page
weighing the same (weighing the data sets equally would let the 35 zh_wce pages outweigh
wcxb's 381 positives). Before fitting on every page
the script prints a five-fold cross-validation (folds by a hash of the page id): recall on
the positive types and the share of articles and threads taken for listings. Which pages
the model should catch was measured first: giving the true type of wcxb's collection,
listing and service pages the listing profile's scorer bar gained wcxb 0.826 -> 0.839
in-sample, product and forum pages lost, so they are negatives.

    .venv/bin/python benchmarks/train_pagetype.py            # writes newsclean/data/pagetype.json
    .venv/bin/python benchmarks/train_pagetype.py --dry-run  # only the cross-validation
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.train_scorer import fit  # noqa: E402
from newsclean.api import prepare  # noqa: E402
from newsclean.classify import SCORER_MIN_BLOCKS, block_verdicts  # noqa: E402
from newsclean.config import CleanConfig  # noqa: E402
from newsclean.features import features_of  # noqa: E402
from newsclean.pageshape import SHAPE_MODEL_FILE, SHAPE_NAMES, ShapeModel, page_shape  # noqa: E402
from newsclean.scorer import score_blocks  # noqa: E402

#: The page types the model calls listing-shaped.
POSITIVE = frozenset({"collection", "listing", "service"})
DATASETS = ("scrapinghub_aeb", "readability_moz", "chinese_wce", "wcxb", "magic_html")
FOLDS = 5
L2 = 1.0
THRESHOLD = 0.5


def load(bench: Path) -> tuple[np.ndarray, np.ndarray, list[str], list[str], list[int]]:
    """Shape vectors, labels, page ids, page types and folds of the HTML pages with a DOM."""
    config = CleanConfig(input_format="html")
    xs, ys, ids, types, folds = [], [], [], [], []
    for line in (bench / "manifest.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        if row["dataset"] not in DATASETS:
            continue
        _, _, blocks, dom, declared = prepare(gzip.decompress((bench / row["html"]).read_bytes()), config)
        if dom is None or not blocks:
            continue
        feats = [features_of(b.text) for b in blocks]
        verdicts = block_verdicts(feats)
        profile = declared.profile if declared is not None else "article"
        probs = score_blocks(feats, verdicts, dom, profile) if len(feats) >= SCORER_MIN_BLOCKS else None
        page_type = row.get("page_type") or ""
        xs.append(page_shape(feats, verdicts, dom, probs))
        ys.append(float(page_type in POSITIVE))
        ids.append(row["id"])
        types.append(page_type or row["dataset"])
        folds.append(int(hashlib.sha1(row["id"].encode()).hexdigest(), 16) % FOLDS)
    return np.array(xs), np.array(ys), ids, types, folds


def train(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> dict[str, Any]:
    """Standardise, fit, and return the model as it is stored."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    beta = fit(np.hstack([np.ones((len(x), 1)), (x - mean) / scale]), y, w, L2)
    return {
        "features": list(SHAPE_NAMES),
        "mean": [round(float(v), 8) for v in mean],
        "scale": [round(float(v), 8) for v in scale],
        "weights": [round(float(v), 8) for v in beta[1:]],
        "bias": round(float(beta[0]), 8),
        "threshold": THRESHOLD,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bench", type=Path, default=ROOT.parent / "shared" / "bench")
    ap.add_argument("--dry-run", action="store_true", help="print the cross-validation, write no model")
    ap.add_argument("--held-out", type=Path, help="write each page's held-out call here ({page id: 0 or 1})")
    args = ap.parse_args()
    x, y, ids, types, folds = load(args.bench)
    w = np.ones(len(y))
    held = np.zeros(len(y), dtype=bool)
    fold_of = np.array(folds)
    for k in range(FOLDS):
        test = fold_of == k
        held[test] = ShapeModel.from_json(train(x[~test], y[~test], w[~test])).calls(x[test])
    print(f"{FOLDS}-fold cross-validation, share of pages called listing-shaped:")
    for t in sorted(set(types)):
        mask = np.array([u == t for u in types])
        print(f"  {t:<20} {int(mask.sum()):>5}  {held[mask].mean():.3f}")
    if args.held_out:
        calls = {page: int(call) for page, call in zip(ids, held, strict=True)}
        args.held_out.write_text(json.dumps(calls, sort_keys=True), encoding="utf-8")
    if args.dry_run:
        return
    out = ROOT / "newsclean" / "data" / SHAPE_MODEL_FILE
    out.write_text(json.dumps(train(x, y, w), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

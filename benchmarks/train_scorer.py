"""Train the block scorer (``newsclean/data/scorer.json``) from the development benchmark.

Every page's dump is cut into blocks exactly as ``newsclean.clean`` cuts it;
each block that no rule removes gets its feature vector
(``newsclean.scorer.block_vectors``) and a label from the alignment with the
gold text (``benchmarks/align.py``; trafilatura_eval's snippets label only the
blocks they touch). A logistic regression with an L2 penalty is fitted by
Newton's method in numpy, each block weighted by the square root of its token
count (the benchmark's F1 counts tokens, but a few huge blocks must not decide
everything).

Five folds over pages (by a hash of the page id) give out-of-fold scores; the
script prints block-level precision, recall and F1 per data set for those, so
the figure is not a training-set figure. The final model is fitted on all pages.

Usage::

    .venv/bin/python benchmarks/train_scorer.py [--bench PATH] [--l2 1.0] [--dry-run]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import numpy as np

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from benchmarks.align import label_blocks  # noqa: E402
from benchmarks.metrics import tokens  # noqa: E402
from newsclean.blocks import split_blocks  # noqa: E402
from newsclean.classify import block_verdicts  # noqa: E402
from newsclean.features import features_of  # noqa: E402
from newsclean.scorer import FEATURE_NAMES, block_vectors  # noqa: E402
from newsclean.unicode import repair  # noqa: E402

DEFAULT_BENCH = REPO_ROOT.parent / "shared" / "bench"
MODEL_PATH = REPO_ROOT / "newsclean" / "data" / "scorer.json"
FOLDS = 5


def page_rows(bench: Path) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """X, y, sample weight, fold, dataset per labelled block."""
    xs, ys, ws, folds, datasets = [], [], [], [], []
    for line in (bench / "manifest.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        dump = (bench / row["dump"]).read_text(encoding="utf-8")
        gold_text = (bench / row["gold"]).read_text(encoding="utf-8")
        gold = json.loads(gold_text) if row["gold"].endswith(".json") else gold_text
        blocks = split_blocks(repair(dump)[0])
        feats = [features_of(b.text) for b in blocks]
        verdicts = block_verdicts(feats)
        vectors = block_vectors(feats, verdicts)
        labels = label_blocks([b.text for b in blocks], gold)
        fold = int(hashlib.sha1(row["id"].encode()).hexdigest(), 16) % FOLDS
        for vec, label, verdict, b in zip(vectors, labels, verdicts, blocks, strict=True):
            if label is None or verdict is not None:
                continue
            xs.append(vec)
            ys.append(1.0 if label else 0.0)
            ws.append(max(1.0, len(tokens(b.text))) ** 0.5)
            folds.append(fold)
            datasets.append(row["dataset"])
    return np.array(xs), np.array(ys), np.array(ws), np.array(folds), datasets


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, l2: float, iterations: int = 25) -> np.ndarray:
    """Weighted L2-penalised logistic regression by Newton's method (the bias is not penalised)."""
    beta = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ beta, -30, 30)))
        grad = x.T @ (w * (p - y)) + penalty * beta
        hess = (x * (w * p * (1 - p))[:, None]).T @ x + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.max(np.abs(step)) < 1e-7:
            break
    return beta


def prf(y: np.ndarray, pred: np.ndarray, w: np.ndarray) -> tuple[float, float, float]:
    tp = float(np.sum(w * (pred == 1) * (y == 1)))
    fp = float(np.sum(w * (pred == 1) * (y == 0)))
    fn = float(np.sum(w * (pred == 0) * (y == 1)))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--dry-run", action="store_true", help="report cross-validation only; write nothing")
    args = ap.parse_args()

    x, y, w, folds, datasets = page_rows(args.bench)
    ds = np.array(datasets)
    print(f"{len(y)} labelled blocks, {int(y.sum())} content; {x.shape[1]} features")
    oof = np.zeros(len(y))
    for k in range(FOLDS):
        train = folds != k
        beta = fit(x[train], y[train], w[train], args.l2)
        oof[~train] = 1.0 / (1.0 + np.exp(-np.clip(x[~train] @ beta, -30, 30)))
    best_t, best_f = 0.5, -1.0
    for t in np.arange(0.2, 0.81, 0.05):
        f = prf(y, (oof >= t).astype(int), w * (ds != "trafilatura_eval"))[2]
        if f > best_f:
            best_t, best_f = float(t), f
    print(f"out-of-fold, threshold {best_t:.2f}:")
    for name in sorted(set(datasets)):
        m = ds == name
        p, r, f = prf(y[m], (oof[m] >= best_t).astype(int), w[m])
        print(f"  {name:18s} blocks={int(m.sum()):6d}  P={p:.3f} R={r:.3f} F1={f:.3f}")
    beta = fit(x, y, w, args.l2)
    if args.dry_run:
        return
    model = {
        "about": "Block scorer of newsclean; trained by benchmarks/train_scorer.py on the development benchmark.",
        "features": list(FEATURE_NAMES),
        "weights": [round(float(b), 6) for b in beta],
        "threshold": round(best_t, 2),
        "training": {"blocks": len(y), "content_blocks": int(y.sum()), "l2": args.l2,
                     "out_of_fold_block_f1": round(best_f, 4)},
    }
    MODEL_PATH.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {MODEL_PATH}")
    for name, b in sorted(zip(FEATURE_NAMES, beta, strict=True), key=lambda nb: -abs(nb[1]))[:15]:
        print(f"  {b:+.3f}  {name}")


if __name__ == "__main__":
    main()

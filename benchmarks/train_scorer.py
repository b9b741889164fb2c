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
import gzip
import hashlib
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from benchmarks.align import label_blocks  # noqa: E402
from benchmarks.metrics import tokens  # noqa: E402
from newsclean.api import prepare  # noqa: E402
from newsclean.blocks import Block  # noqa: E402
from newsclean.classify import block_verdicts  # noqa: E402
from newsclean.config import CleanConfig  # noqa: E402
from newsclean.dom import DOM_FEATURE_NAMES  # noqa: E402
from newsclean.features import features_of  # noqa: E402
from newsclean.scorer import (  # noqa: E402
    MODEL_FILES,
    STAGE2_NAMES,
    block_vectors,
    dom_vectors,
    model_features,
    stage2_vectors,
)

DEFAULT_BENCH = REPO_ROOT.parent / "shared" / "bench"
DATA_DIR = REPO_ROOT / "newsclean" / "data"
FOLDS = 5
DEFAULT_WEIGHTS = {"text": "sqrt", "html": "page"}


@dataclass(eq=False)
class Page:
    """One page's blocks: stage-1 vectors, rule verdict mask, labels and weights."""

    dataset: str
    fold: int
    x1: np.ndarray  # (blocks, stage-1 features)
    removed: np.ndarray  # bool: a rule removed the block
    y: np.ndarray  # 1 content, 0 boilerplate, nan unknown
    w: np.ndarray  # sample weight (sqrt of tokens)
    x2: np.ndarray | None = None  # stage-1 vectors plus stage-2 context, from out-of-fold stage-1 scores
    page_type: str = ""  # the manifest's page_type (wcxb, magic_html), for held-out groups


def load_pages(bench: Path, mode: str, weights: str) -> list[Page]:
    """Every page's blocks as ``clean()`` cuts them: the dump in text mode, the raw HTML bytes in HTML mode."""
    pages = []
    config = CleanConfig(input_format=mode)
    for line in (bench / "manifest.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        raw: str | bytes
        if mode == "html":
            raw = gzip.decompress((bench / row["html"]).read_bytes())
        else:
            raw = (bench / row["dump"]).read_text(encoding="utf-8")
        gold_text = (bench / row["gold"]).read_text(encoding="utf-8")
        gold = json.loads(gold_text) if row["gold"].endswith(".json") else gold_text
        _, _, blocks, dom, declared = prepare(raw, config)
        if not blocks:
            continue
        feats = [features_of(b.text) for b in blocks]
        verdicts = block_verdicts(feats)
        labels = label_blocks([b.text for b in blocks], gold)
        profile = declared.profile if declared is not None else "article"
        x1 = np.array(block_vectors(feats, verdicts, profile, page=mode == "html"))
        if mode == "html":
            rows = dom if dom is not None else np.zeros((len(blocks), len(DOM_FEATURE_NAMES)))
            x1 = np.hstack([x1, dom_vectors(rows)])
        pages.append(
            Page(
                dataset=row["dataset"],
                fold=int(hashlib.sha1(row["id"].encode()).hexdigest(), 16) % FOLDS,
                x1=x1,
                removed=np.array([v is not None for v in verdicts]),
                y=np.array([np.nan if lab is None else float(lab) for lab in labels]),
                w=_weights(blocks, weights),
                page_type=row.get("page_type") or "",
            )
        )
    return pages


def balance_datasets(pages: list[Page]) -> None:
    """Scale the block weights so every data set weighs the same in all.

    The development data sets differ tenfold in size (wcxb has 1,497 pages and
    a block count of all the others together): unbalanced, the scorer would
    learn wcxb's pages and lose the news sites it was built for.
    """
    totals: dict[str, float] = {}
    for p in pages:
        totals[p.dataset] = totals.get(p.dataset, 0.0) + float(p.w.sum())
    mean = sum(totals.values()) / len(totals)
    for p in pages:
        p.w = p.w * (mean / totals[p.dataset])


def _weights(blocks: Sequence[Block], scheme: str) -> np.ndarray:
    """Per-block training weights.

    ``sqrt``: the square root of the block's tokens (the metric counts tokens,
    but a few huge blocks must not decide everything). ``page``: the block's
    share of its page's tokens, so every page weighs the same, as in the
    benchmark's per-page mean F1; that serves HTML input better (its pages
    have many more small blocks), the square root serves text input better.
    """
    n = np.array([max(1.0, len(tokens(b.text))) for b in blocks])
    return n / n.sum() * 100.0 if scheme == "page" else np.sqrt(n)


def _sig(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def _training_rows(pages: list[Page], x_of: Callable[[Page], np.ndarray]) -> tuple[np.ndarray, ...]:
    xs, ys, ws = [], [], []
    for p in pages:
        keep = ~p.removed & ~np.isnan(p.y)
        xs.append(x_of(p)[keep])
        ys.append(p.y[keep])
        ws.append(p.w[keep])
    return np.vstack(xs), np.concatenate(ys), np.concatenate(ws)


def stage1_probs(page: Page, beta: np.ndarray) -> np.ndarray:
    return np.where(page.removed, 0.0, _sig(page.x1 @ beta))


def _x2(page: Page) -> np.ndarray:
    if page.x2 is None:
        raise ValueError("stage-2 vectors are made from out-of-fold stage-1 scores first")
    return page.x2


def x2_of(page: Page, p1: np.ndarray) -> np.ndarray:
    return np.hstack([page.x1, stage2_vectors(p1)])


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
    ap.add_argument(
        "--mode",
        choices=("text", "html"),
        default="text",
        help="train the model for plain-text dumps or for raw HTML (DOM features)",
    )
    ap.add_argument(
        "--weights",
        choices=("sqrt", "page"),
        default=None,
        help="block weights (default: sqrt for text, page for html; see _weights)",
    )
    ap.add_argument("--dry-run", action="store_true", help="report cross-validation only; write nothing")
    ap.add_argument(
        "--threshold",
        type=float,
        default=None,
        help="decision threshold to ship (default: the best out-of-fold block-level F1; check a change with "
        "benchmarks/cv_eval.py, which measures page-level metrics under cross-validation)",
    )
    ap.add_argument(
        "--no-balance",
        action="store_true",
        help="weigh data sets by their size instead of equally (see balance_datasets)",
    )
    args = ap.parse_args()

    pages = load_pages(args.bench, args.mode, args.weights or DEFAULT_WEIGHTS[args.mode])
    if not args.no_balance:
        balance_datasets(pages)
    print(
        f"{len(pages)} pages, {sum(len(p.y) for p in pages)} blocks; "
        f"{len(model_features(args.mode))} + {len(STAGE2_NAMES)} features"
    )
    # Stage 1, out of fold: every page's stage-1 scores come from a model that never saw it.
    oof_p1: dict[int, np.ndarray] = {}
    for k in range(FOLDS):
        beta = fit(*_training_rows([p for p in pages if p.fold != k], lambda p: p.x1), args.l2)
        for i, p in enumerate(pages):
            if p.fold == k:
                oof_p1[i] = stage1_probs(p, beta)
    for i, p in enumerate(pages):
        p.x2 = x2_of(p, oof_p1[i])
    # Stage 2, out of fold, for the report and the threshold.
    oof_rows: list[tuple[str, np.ndarray, np.ndarray, np.ndarray]] = []
    for k in range(FOLDS):
        beta2 = fit(*_training_rows([p for p in pages if p.fold != k], _x2), args.l2)
        for p in pages:
            if p.fold == k:
                keep = ~p.removed & ~np.isnan(p.y)
                oof_rows.append((p.dataset, p.y[keep], p.w[keep], _sig(_x2(p)[keep] @ beta2)))
    ds = np.concatenate([[d] * len(y) for d, y, _, _ in oof_rows])
    y = np.concatenate([r[1] for r in oof_rows])
    w = np.concatenate([r[2] for r in oof_rows])
    prob = np.concatenate([r[3] for r in oof_rows])
    best_t, best_f = 0.5, -1.0
    for t in np.arange(0.2, 0.81, 0.05):
        f = prf(y, (prob >= t).astype(int), w * (ds != "trafilatura_eval"))[2]
        if f > best_f:
            best_t, best_f = float(t), f
    if args.threshold is not None:
        best_t = args.threshold
    print(f"out-of-fold (two stages), threshold {best_t:.2f}:")
    for name in sorted(set(ds)):
        m = ds == name
        p_, r_, f_ = prf(y[m], (prob[m] >= best_t).astype(int), w[m])
        print(f"  {name:18s} blocks={int(m.sum()):6d}  P={p_:.3f} R={r_:.3f} F1={f_:.3f}")
    beta1 = fit(*_training_rows(pages, lambda p: p.x1), args.l2)
    beta2 = fit(*_training_rows(pages, _x2), args.l2)
    if args.dry_run:
        return
    model = {
        "about": f"Block scorer of newsclean for {args.mode} input; "
        "trained by benchmarks/train_scorer.py on the development benchmark.",
        "features": list(model_features(args.mode)),
        "stage2_features": list(STAGE2_NAMES),
        "stage1": [round(float(b), 6) for b in beta1],
        "stage2": [round(float(b), 6) for b in beta2],
        "threshold": round(best_t, 2),
        "training": {
            "pages": len(pages),
            "blocks": len(y),
            "l2": args.l2,
            "weights": args.weights or DEFAULT_WEIGHTS[args.mode],
            "balanced": not args.no_balance,
            "out_of_fold_block_f1": round(best_f, 4),
        },
    }
    path = DATA_DIR / MODEL_FILES[args.mode]
    path.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()

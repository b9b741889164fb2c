"""Honest figures: the benchmark's page-level metrics with the scorer cross-validated.

The shipped scorer is trained on every development page, so the benchmark
measures it partly on its own training data. This script retrains it five
times (the folds of ``train_scorer.py``), cleans each page with the model that
did not see it, and prints the same metrics as ``run_bench.py`` for the mode.
The gap between these figures and run_bench's is the in-sample optimism.

Usage: .venv/bin/python benchmarks/cv_eval.py [--mode text|html] [--bench PATH] [--l2 1.0] [--out FILE]

``--out`` writes each page's cross-validated output as JSON (id -> text), for
error analysis that does not flatter the scorer.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Callable
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

import newsclean  # noqa: E402
from benchmarks import run_bench  # noqa: E402
from benchmarks.train_scorer import (  # noqa: E402
    DEFAULT_WEIGHTS,
    FOLDS,
    _training_rows,
    _x2,
    fit,
    load_pages,
    stage1_probs,
    x2_of,
)
from newsclean import classify, scorer  # noqa: E402

DEFAULT_BENCH = REPO_ROOT.parent / "shared" / "bench"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--mode", choices=("text", "html"), default="text")
    ap.add_argument("--out", type=Path, help="write {page id: cleaned text} here")
    args = ap.parse_args()
    pages = load_pages(args.bench, args.mode, DEFAULT_WEIGHTS[args.mode])
    bench_pages = run_bench.load_pages(args.bench, run_bench.DATASETS, None)
    shipped = scorer.load_model(args.mode)
    threshold = shipped.threshold if shipped is not None else 0.5
    run = run_bench.SystemRun("newsclean, cross-validated")
    outputs: dict[str, str] = {}
    for k in range(FOLDS):
        train = [p for p in pages if p.fold != k]
        beta1 = fit(*_training_rows(train, lambda p: p.x1), args.l2)
        # Stage 2 learns from stage-1 scores of pages stage 1 did not see: nested folds.
        for inner in range(FOLDS):
            if inner == k:
                continue
            b = fit(*_training_rows([p for p in train if p.fold != inner], lambda p: p.x1), args.l2)
            for p in train:
                if p.fold == inner:
                    p.x2 = x2_of(p, stage1_probs(p, b))
        beta2 = fit(*_training_rows(train, _x2), args.l2)
        model = scorer.Model(tuple(beta1.tolist()), tuple(beta2.tolist()), threshold)
        scorer.load_model.cache_clear()
        original = scorer.load_model

        def patched(
            mode: str = "text", _m: scorer.Model = model, _original: Callable[[str], scorer.Model | None] = original
        ) -> scorer.Model | None:
            return _m if mode == args.mode else _original(mode)

        scorer.load_model = patched  # type: ignore[assignment]
        try:
            classify.load_model = scorer.load_model  # type: ignore[attr-defined]
            for page in bench_pages:
                if int(hashlib.sha1(page.id.encode()).hexdigest(), 16) % FOLDS != k:
                    continue
                out = newsclean.clean(page.load_input(args.mode))
                outputs[page.id] = out
                run_bench.record(run, page, out, 0.0, None)
        finally:
            scorer.load_model = original  # type: ignore[assignment]
            classify.load_model = original  # type: ignore[attr-defined]
        print(f"fold {k} done", file=sys.stderr)
    columns = run_bench.summarize(run)["columns"]
    print(f"cross-validated {args.mode} mode: "
          + "  ".join(f"{d}={columns[d]:.3f}" for d in sorted(run_bench.PLAIN_DATASETS))
          + f"  macro={columns['macro']:.3f}  SH-off={columns['sh_off']:.3f}  snip={columns['snip']:.3f}")
    if args.out is not None:
        args.out.write_text(json.dumps(dict(sorted(outputs.items())), ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()

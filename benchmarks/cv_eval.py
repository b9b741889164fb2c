"""Honest figures: the benchmark's page-level metrics on pages the scorer never trained on.

The shipped scorer is trained on every development page, so ``run_bench.py`` measures it partly on
its own training data. This script retrains it once per held-out group, cleans each page with the
model that did not see it, and prints the same metrics as ``run_bench.py`` for the mode. Groups:

``--split cv`` (default)
    five folds by a hash of the page id (the folds of ``train_scorer.py``): cross-validation
    within every data set at once.
``--split lodo``
    leave one data set out: the model that cleans a data set's pages was trained on the other
    data sets only. This predicts pages unlike the development ones best; it is the figure a
    change must improve.
``--split lodo-type``
    as ``lodo``, but wcxb and magic_html are held out one page type at a time, so a forum page
    is cleaned by a scorer that saw no forum page of that data set.

Stage 2 of the scorer learns from stage-1 scores of pages stage 1 did not see, so each training
set is itself split into the hash folds (nested). Rules and thresholds are not refitted: they are
written by hand, and were read off the development pages, which no split can discount.

``--peers RESULT.json`` (a ``run_bench.py`` result of the same mode) adds the peers' rows, the
page-group table and the emptied-page counts from that run; the peers' outputs do not depend on
the scorer, so their figures are the same as in a joint run.

Usage: .venv/bin/python benchmarks/cv_eval.py [--mode text|html] [--split cv|lodo|lodo-type]
[--peers benchmarks/results/last-html.json] [--bench PATH] [--l2 1.0] [--out FILE]

``--out`` writes each page's held-out output as JSON (id -> text), for error analysis that does
not flatter the scorer.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

import newsclean  # noqa: E402
from benchmarks import run_bench  # noqa: E402
from benchmarks.train_scorer import (  # noqa: E402
    DEFAULT_WEIGHTS,
    FOLDS,
    Page,
    _training_rows,
    _x2,
    balance_datasets,
    fit,
    load_pages,
    stage1_probs,
    x2_of,
)
from newsclean import classify, scorer  # noqa: E402

DEFAULT_BENCH = REPO_ROOT.parent / "shared" / "bench"
SPLITS = ("cv", "lodo", "lodo-type")
#: Data sets that ``lodo-type`` holds out one page type at a time.
TYPED_DATASETS = frozenset(run_bench.MIXED_DATASETS)


def hash_fold(page_id: str) -> int:
    """The page's fold in ``train_scorer.py``'s five-fold split."""
    return int(hashlib.sha1(page_id.encode()).hexdigest(), 16) % FOLDS


def group_key(split: str, dataset: str, page_type: str, fold: int) -> str:
    """The held-out group a page belongs to under ``split``."""
    if split == "cv":
        return f"fold {fold}"
    if split == "lodo-type" and dataset in TYPED_DATASETS and page_type:
        return f"{dataset} {page_type}"
    return dataset


def fit_model(train: Sequence[Page], l2: float, threshold: float) -> scorer.Model:
    """Both stages fitted on ``train``; stage 2 on nested out-of-fold stage-1 scores."""
    beta1 = fit(*_training_rows(list(train), lambda p: p.x1), l2)
    for inner in range(FOLDS):
        rest = [p for p in train if p.fold != inner]
        b = fit(*_training_rows(rest, lambda p: p.x1), l2)
        for p in train:
            if p.fold == inner:
                p.x2 = x2_of(p, stage1_probs(p, b))
    beta2 = fit(*_training_rows(list(train), _x2), l2)
    return scorer.Model(tuple(beta1.tolist()), tuple(beta2.tolist()), threshold)


def clean_with(model: scorer.Model, mode: str, pages: Sequence[run_bench.Page]) -> dict[str, str]:
    """Each page of ``pages`` cleaned with ``model`` standing in for the shipped scorer of ``mode``."""
    original = scorer.load_model

    def patched(
        wanted: str = "text", _m: scorer.Model = model, _original: Callable[[str], scorer.Model | None] = original
    ) -> scorer.Model | None:
        return _m if wanted == mode else _original(wanted)

    scorer.load_model.cache_clear()
    scorer.load_model = patched  # type: ignore[assignment]
    classify.load_model = scorer.load_model  # type: ignore[attr-defined]
    try:
        return {page.id: newsclean.clean(page.load_input(mode)) for page in pages}
    finally:
        scorer.load_model = original  # type: ignore[assignment]
        classify.load_model = original  # type: ignore[attr-defined]


def peer_runs(path: Path, mode: str) -> list[run_bench.SystemRun]:
    """The non-newsclean systems of a ``run_bench.py`` result, as runs ``summarize()`` reads."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("mode") != mode:
        raise SystemExit(f"error: {path} is a {data.get('mode')} run, not {mode}")
    runs: dict[str, run_bench.SystemRun] = {}
    for row in data["pages"]:
        if row["system"] == "newsclean":
            continue
        run = runs.setdefault(row["system"], run_bench.SystemRun(row["system"]))
        snippets = tuple(row["snippets"]) if row.get("snippets") else None
        run.results.append(run_bench.PageResult(**{**row, "snippets": snippets}))
    return list(runs.values())


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--mode", choices=("text", "html"), default="text")
    ap.add_argument("--split", choices=SPLITS, default="cv")
    ap.add_argument("--no-balance", action="store_true", help="as train_scorer.py --no-balance")
    ap.add_argument("--threshold", type=float, help="the scorer's decision threshold (default: the shipped model's)")
    ap.add_argument("--peers", type=Path, help="run_bench.py result JSON of the same mode, for the peers' rows")
    ap.add_argument(
        "--reference",
        type=Path,
        help="run_bench.py HTML result whose trafilatura scores count emptied pages (default: --peers)",
    )
    ap.add_argument("--out", type=Path, help="write {page id: cleaned text} here")
    args = ap.parse_args(argv)
    pages = load_pages(args.bench, args.mode, DEFAULT_WEIGHTS[args.mode])
    if not args.no_balance:
        balance_datasets(pages)  # as train_scorer.py does; the held-out data set's weight goes unused
    bench_pages = run_bench.load_pages(args.bench, run_bench.DATASETS, None)
    shipped = scorer.load_model(args.mode)
    threshold = args.threshold if args.threshold is not None else shipped.threshold if shipped is not None else 0.5
    name = {"cv": "newsclean, cross-validated", "lodo": "newsclean, LODO", "lodo-type": "newsclean, LODO/type"}
    run = run_bench.SystemRun(name[args.split])
    outputs: dict[str, str] = {}
    keys = sorted({group_key(args.split, p.dataset, p.page_type, hash_fold(p.id)) for p in bench_pages})
    for key in keys:
        held = [p for p in bench_pages if group_key(args.split, p.dataset, p.page_type, hash_fold(p.id)) == key]
        train = [p for p in pages if group_key(args.split, p.dataset, p.page_type, p.fold) != key]
        out = clean_with(fit_model(train, args.l2, threshold), args.mode, held)
        for page in held:
            outputs[page.id] = out[page.id]
            run_bench.record(run, page, out[page.id], 0.0, None)
        print(f"{key}: {len(held)} pages held out, trained on {len(train)}", file=sys.stderr)
    runs = [run, *(peer_runs(args.peers, args.mode) if args.peers else [])]
    summary: dict[str, Any] = {r.name: run_bench.summarize(r) for r in runs}
    for row in summary.values():  # speed means nothing here: every page was scored, not timed
        for column in ("docs_per_s", "errors"):
            row["columns"].pop(column, None)
    print(run_bench.format_table(summary, {}))
    if groups := run_bench.format_groups(summary):
        print("\nMean F1 per page group:")
        print(groups)
    if reference_path := args.reference or args.peers:
        reference = run_bench.peer_f1(peer_runs(reference_path, "html" if args.reference else args.mode))
        dump = {res.id: res.r for peer in runs[1:] if peer.name == "dump" for res in peer.results} or None
        print("\n" + run_bench.format_emptied(run_bench.emptied_pages(run, reference, dump), "trafilatura"))
    if args.out is not None:
        args.out.write_text(json.dumps(dict(sorted(outputs.items())), ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()

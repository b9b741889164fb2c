"""Where a page's time goes: ``clean_document()`` timed stage by stage, in one process.

The speed targets (HTML at 3x trafilatura, text near ftfy's cost) are met or
missed by the sum of many stages, and a compiled core pays only where it
replaces the stage that holds the time. This script wraps the pipeline's named
stages (the functions :mod:`newsclean.api` and :mod:`newsclean.decode` call)
with timers, cleans a sample of the development pages, and prints each stage's
own time per page (time inside a stage's inner stages is counted once, for the
inner stage: the settling pass's repair, features and classification are in
those rows) and its share. "other" is what no timer covers: the orchestration,
metadata, the document's assembly of removal records.

The timers cost a little (a few microseconds per call); the ratios between
stages, not the absolute total, are what to read. The speed ratios against the
peers come from ``benchmarks/run_bench.py``, which runs them side by side.

Usage (from the repository root)::

    .venv/bin/python benchmarks/stage_time.py --mode html --every 4
    NEWSCLEAN_PURE_PYTHON=1 .venv/bin/python benchmarks/stage_time.py --mode html
"""

from __future__ import annotations

import argparse
import functools
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run_bench

import newsclean
from newsclean import api, core, decode

#: (module, function name, stage label): the stages, as the modules that call them see them.
STAGES: tuple[tuple[Any, str, str], ...] = (
    (decode, "decode_bytes", "decode bytes"),
    (decode, "bound_markup", "bound markup"),
    (decode, "html_segments", "DOM: parse, metadata, walk"),
    (api, "repair", "Unicode repair"),
    (api, "split_blocks", "text blocks"),
    (api, "_features", "block features"),
    (api, "classify", "rules, scorer, run logic"),
    (api, "detect_many", "language identification"),
    (api, "_settle", "settling pass (less its inner stages)"),
)


class Timers:
    """Exclusive time per stage: a stage's clock pauses while an inner stage runs."""

    def __init__(self) -> None:
        self.own: dict[str, float] = {label: 0.0 for _, _, label in STAGES}
        self._stack: list[list[float]] = []  # per open stage: [start, time spent in inner stages]

    def wrap(self, label: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def timed(*args: Any, **kwargs: Any) -> Any:
            frame = [time.perf_counter(), 0.0]
            self._stack.append(frame)
            try:
                return fn(*args, **kwargs)
            finally:
                self._stack.pop()
                spent = time.perf_counter() - frame[0]
                self.own[label] += spent - frame[1]
                if self._stack:
                    self._stack[-1][1] += spent

        return timed


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mode", choices=("html", "text"), default="html")
    ap.add_argument("--bench", type=Path, default=run_bench.DEFAULT_BENCH)
    ap.add_argument("--every", type=int, default=4, help="time every n-th page (default 4)")
    args = ap.parse_args()
    pages = run_bench.load_pages(args.bench, run_bench.DATASETS, None)[:: max(1, args.every)]
    inputs = [p.load_input(args.mode) for p in pages]
    newsclean.clean_document(inputs[0])  # load lexicons, models and the language profiles first

    timers = Timers()
    for module, name, label in STAGES:
        setattr(module, name, timers.wrap(label, getattr(module, name)))
    start = time.perf_counter()
    for raw in inputs:
        newsclean.clean_document(raw)
    total = time.perf_counter() - start

    n = len(inputs)
    core_state = f"compiled core {core.core_version()}" if core.CORE is not None else "pure Python"
    print(f"{args.mode} mode, {n} pages, {core_state}: {total / n * 1000:.1f} ms a page")
    print(f"{'stage':38s} {'ms/page':>8s} {'share':>6s}")
    covered = 0.0
    for label, spent in timers.own.items():
        covered += spent
        if spent:
            print(f"{label:38s} {spent / n * 1000:8.2f} {spent / total:6.1%}")
    other = total - covered
    print(f"{'other':38s} {other / n * 1000:8.2f} {other / total:6.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Peak memory per line of input, on inputs made of many short lines.

A page of 1,000,000 one-character lines (``"|\\n"``, or ``x<br>`` in HTML) is
a cheap way to make a cleaner allocate per line; this script cleans such
inputs once each and prints the peak of Python's allocations (tracemalloc)
divided by the number of lines. Issue 14 measured about 1 KB per line; the
target is a few hundred bytes at most.

Usage (from the repository root; under the shared benchmark lock)::

    flock /tmp/newsclean-bench.lock .venv/bin/python benchmarks/line_memory.py [--lines 200000]
"""

from __future__ import annotations

import argparse
import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import newsclean

#: Input shapes: number of lines -> input.
SHAPES: dict[str, Callable[[int], str]] = {
    "pipe lines": lambda n: "|\n" * n,
    "html br lines": lambda n: "<html><body>" + "x<br>" * n,
    "short text lines": lambda n: "".join(f"w{i % 97}\n" for i in range(n)),
}


def peak_bytes(text: str) -> int:
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        base = tracemalloc.get_traced_memory()[0]
        newsclean.clean(text)
        return tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lines", type=int, default=200_000)
    args = ap.parse_args()
    newsclean.clean("The minister resigned on Tuesday.")  # lexicons and models loaded outside the measure
    print(f"{'shape':20s} {'lines':>9s} {'peak MiB':>9s} {'bytes/line':>11s}")
    for name, make in SHAPES.items():
        text = make(args.lines)
        peak = peak_bytes(text)
        print(f"{name:20s} {args.lines:9d} {peak / 2**20:9.1f} {peak / args.lines:11.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Does one long-lived process keep a flat memory footprint while it cleans many documents?

A corpus job cleans millions of pages in a few long-lived workers, so memory
that grows with the number of documents (a cache without a bound, a module
level list that collects results, objects kept alive by a reference cycle that
is never broken) ends in an out-of-memory kill hours into a run. Per-document
tests cannot see that; this script can.

It cleans ``--docs`` documents (default 100,000) in this one process, cycling
through the development benchmark's pages (``../shared/bench``), each page in
turn as its plain-text dump (``str``) and as its raw HTML (``bytes``). Every
``--every`` documents it runs the garbage collector (so that what is measured is
what is still referenced, not what is waiting for the next collection) and
samples the resident set size (``VmRSS`` in ``/proc/self/status``) and the
number of objects the collector tracks. It prints the curve and a verdict:

    growth = RSS at the end - RSS at half-way

Caches with a bound (the memo tables of rules and scorer, the lexicons) fill
during the first half; after that RSS must stay flat: the run passes when the
growth is at most ``max(--bound-mib, --bound-pct % of the half-way RSS)``
(default: 20 MiB or 5 %, whichever is larger) and exits 1 otherwise.

``--tracemalloc`` also traces Python allocations (several times slower) and
prints the allocation sites that grew most between the half-way point and the
end: where to look when the verdict is "grows".

Without ``../shared/bench`` (or ``--bench``) it falls back to the pages in
``fixtures/bench`` and, if that is missing too, to ``fixtures/samples`` (whose
lines are wrapped in ``<p>`` to make the HTML inputs).

Usage (from the repository root; a full run takes about 40 minutes at 45 docs/s)::

    nice -n 19 .venv/bin/python benchmarks/memory.py
    .venv/bin/python benchmarks/memory.py --docs 5000 --every 250 --tracemalloc
    .venv/bin/python benchmarks/memory.py --plot /tmp/rss.png    # if matplotlib is installed
"""

from __future__ import annotations

import argparse
import functools
import gc
import gzip
import html
import json
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

import newsclean  # noqa: E402  (this checkout, put on sys.path just above)

DEFAULT_BENCH = REPO_ROOT.parent / "shared" / "bench"
FALLBACK_BENCH = REPO_ROOT / "fixtures" / "bench"
SAMPLES = REPO_ROOT / "fixtures" / "samples"
MIB = 1024 * 1024

#: One input: read from disk each time it is used, as a streaming job would, so
#: that the inputs themselves do not sit in memory and hide a leak in noise.
Loader = Callable[[], str | bytes]


@dataclass(frozen=True)
class Sample:
    docs: int
    rss_mib: float
    objects: int
    seconds: float


def rss_mib() -> float:
    """Current resident set size; ``ru_maxrss`` (the peak) where ``/proc`` is missing."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _read_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _read_gzip(path: Path) -> bytes:
    return gzip.decompress(path.read_bytes())


def _read_as_html(path: Path) -> bytes:
    return _as_html(path.read_text(encoding="utf-8"))


def bench_loaders(bench: Path) -> list[Loader]:
    """A text loader and an HTML loader for every page listed in ``bench/manifest.jsonl``."""
    loaders: list[Loader] = []
    for line in (bench / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        dump, page = bench / row["dump"], bench / row.get("html", "")
        if dump.is_file():
            loaders.append(functools.partial(_read_text, dump))
        if row.get("html") and page.is_file():
            loaders.append(functools.partial(_read_gzip, page))
    return loaders


def sample_loaders() -> list[Loader]:
    """The sample dumps as text, and each as HTML bytes with one ``<p>`` per line."""
    loaders: list[Loader] = []
    for path in sorted(SAMPLES.glob("*.txt")):
        loaders.append(functools.partial(_read_text, path))
        loaders.append(functools.partial(_read_as_html, path))
    return loaders


def _as_html(text: str) -> bytes:
    body = "".join(f"<p>{html.escape(line)}</p>\n" for line in text.splitlines() if line.strip())
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>{body}</body></html>".encode()


def find_loaders(bench: Path) -> tuple[str, list[Loader]]:
    """The first source that has pages: ``bench``, then ``fixtures/bench``, then ``fixtures/samples``."""
    for where in (bench, FALLBACK_BENCH):
        if (where / "manifest.jsonl").is_file():
            loaders = bench_loaders(where)
            if loaders:
                return str(where), loaders
    return str(SAMPLES), sample_loaders()


def measure(loaders: list[Loader], docs: int, every: int, trace: bool) -> tuple[list[Sample], list[str]]:
    """Clean ``docs`` documents, cycling through ``loaders``; sample RSS every ``every`` documents."""
    newsclean.clean("Warm-up: load the lexicons, the models and the language profiles.")
    gc.collect()
    if trace:
        tracemalloc.start(10)
    started = time.perf_counter()
    samples = [Sample(0, rss_mib(), len(gc.get_objects()), 0.0)]
    halfway: tracemalloc.Snapshot | None = None
    for i in range(1, docs + 1):
        newsclean.clean_document(loaders[(i - 1) % len(loaders)]())
        if i % every == 0 or i == docs:
            gc.collect()
            samples.append(Sample(i, rss_mib(), len(gc.get_objects()), time.perf_counter() - started))
            print(
                f"{i:>9,} docs  {samples[-1].rss_mib:8.1f} MiB  {samples[-1].objects:>10,} objects"
                f"  {samples[-1].seconds:7.0f} s",
                file=sys.stderr,
                flush=True,
            )
        if trace and i == docs // 2:
            gc.collect()
            halfway = tracemalloc.take_snapshot()
    growth_sites: list[str] = []
    if trace and halfway is not None:
        gc.collect()
        end = tracemalloc.take_snapshot()
        for stat in end.compare_to(halfway, "traceback")[:15]:
            growth_sites.append(f"{stat.size_diff / 1024:+10.1f} KiB {stat.count_diff:+8,} blocks")
            growth_sites.extend(f"      {line}" for line in stat.traceback.format(limit=4))
        tracemalloc.stop()
    return samples, growth_sites


def at_fraction(samples: list[Sample], fraction: float) -> Sample:
    """The first sample at or after ``fraction`` of the run."""
    target = samples[-1].docs * fraction
    return next(s for s in samples if s.docs >= target)


def plot(samples: list[Sample], out: Path) -> bool:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    fig, ax = plt.subplots(figsize=(7, 4))
    ax.plot([s.docs for s in samples], [s.rss_mib for s in samples], marker=".")
    ax.set_xlabel("documents cleaned")
    ax.set_ylabel("RSS (MiB)")
    ax.set_title("newsclean: resident memory over one process")
    ax.grid(True, alpha=0.3)
    fig.tight_layout()
    fig.savefig(out)
    return True


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=100_000, help="documents to clean")
    ap.add_argument("--every", type=int, default=0, help="sample every K documents (default: docs / 20)")
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH, help="benchmark folder with manifest.jsonl")
    ap.add_argument("--bound-mib", type=float, default=20.0, help="allowed growth over the second half, MiB")
    ap.add_argument("--bound-pct", type=float, default=5.0, help="... or percent of the half-way RSS, if larger")
    ap.add_argument("--tracemalloc", action="store_true", help="print the allocation sites that grew most")
    ap.add_argument("--plot", type=Path, help="save the curve as an image (needs matplotlib)")
    args = ap.parse_args()
    if args.docs < 2:
        ap.error("--docs must be at least 2")
    every = args.every or max(1, args.docs // 20)

    source, loaders = find_loaders(args.bench)
    print(
        f"{args.docs:,} documents from {len(loaders):,} inputs (text and HTML) in {source}, sampled every {every:,}",
        flush=True,
    )
    samples, growth_sites = measure(loaders, args.docs, every, args.tracemalloc)

    print(f"\n{'docs':>9s} {'RSS MiB':>9s} {'objects':>11s} {'seconds':>8s}")
    for s in samples:
        print(f"{s.docs:>9,} {s.rss_mib:9.1f} {s.objects:>11,} {s.seconds:8.0f}")
    half, end = at_fraction(samples, 0.5), samples[-1]
    growth = end.rss_mib - half.rss_mib
    bound = max(args.bound_mib, half.rss_mib * args.bound_pct / 100)
    rate = end.docs / end.seconds if end.seconds else float("nan")
    print(
        f"\n{rate:.0f} docs/s; RSS {samples[0].rss_mib:.1f} MiB at the start, {half.rss_mib:.1f} MiB at "
        f"{half.docs:,} docs, {end.rss_mib:.1f} MiB at {end.docs:,} docs, peak {max(s.rss_mib for s in samples):.1f}"
    )
    print(
        f"objects tracked by gc: {half.objects:,} at half-way, {end.objects:,} at the end "
        f"({end.objects - half.objects:+,})"
    )
    if growth_sites:
        print("\nallocation sites that grew most over the second half (tracemalloc):")
        print("\n".join(growth_sites))
    if args.plot is not None:
        print(f"plot: {args.plot}" if plot(samples, args.plot) else "plot: matplotlib is not installed, skipped")
    flat = growth <= bound
    print(
        f"\nverdict: {'FLAT' if flat else 'GROWS'}: growth over the second half {growth:+.1f} MiB "
        f"(bound {bound:.1f} MiB)"
    )
    return 0 if flat else 1


if __name__ == "__main__":
    sys.exit(main())

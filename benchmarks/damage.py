"""Text mode on damaged dumps: does a mis-decoded or mangled dump score as the clean one?

Scraped text rarely arrives clean. This script damages the development dumps
the three ways scrapers damage text, a third of the pages each (chosen from a
hash of the page id, so every run damages the same pages the same way):

* ``mojibake``: the page's UTF-8 read as Windows-1252, as a browser reads it
  (its five undefined bytes kept as C1 controls), on every line;
* ``entities``: HTML entities left over (``&amp;``, ``&quot;``, ``&#39;``,
  numeric references for non-ASCII letters) and odd spaces (NBSP, thin and
  ideographic spaces, ``&nbsp;``) in place of ordinary ones;
* ``controls``: a byte-order mark, CRLF line ends, and control and zero-width
  characters scattered through the text.

Each damaged dump is cleaned with ``newsclean.clean()`` and scored with
``run_bench.py``'s ``record()`` and ``summarize()``, beside the clean dumps'
scores; the table has one row per data set, the macro average and the pages
whose gold text is CJK. The target is a damaged score within
:data:`TOLERANCE` of the clean one on every row.

Usage (from the repository root; timed work, so under the shared lock)::

    flock /tmp/newsclean-bench.lock .venv/bin/python benchmarks/damage.py [--limit 20] [--datasets chinese_wce]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

import ftfy.bad_codecs  # noqa: E402, F401  (registers sloppy-windows-1252)

import newsclean  # noqa: E402
from benchmarks.run_bench import (  # noqa: E402
    DATASETS,
    DEFAULT_BENCH,
    PLAIN_DATASETS,
    Page,
    SystemRun,
    load_pages,
    record,
    summarize,
)

#: The largest drop from the clean dumps' F1 that counts as "scores as clean".
TOLERANCE = 0.005
#: Shares of the text the ``entities`` and ``controls`` damages touch.
ENTITY_SHARE = 0.3
SPACE_SHARE = 0.3
CONTROL_SHARE = 0.01
#: What the damages put in (data, apart from the logic that places it).
ESCAPES = {"&": "&amp;", '"': "&quot;", "'": "&#39;", "<": "&lt;", ">": "&gt;"}
ODD_SPACES = ("\u00a0", "&nbsp;", "\u2009", "\u3000", "\u202f", "\t")
#: Not the soft hyphen: in a legacy CJK page read as Latin-1 (chinese_wce has some) it is the byte
#: 0xAD, indistinguishable from a trail byte, and a GBK page cannot have held one to begin with.
CONTROLS = ("\x00", "\x07", "\x08", "\x1f", "\x7f", "\u200b", "\u2060", "\ufeff")


def _mojibake(text: str, rng: random.Random) -> str:
    return text.encode("utf-8").decode("sloppy-windows-1252")


def _entities(text: str, rng: random.Random) -> str:
    out = []
    for ch in text:
        if ch in ESCAPES and rng.random() < ENTITY_SHARE * 3:
            out.append(ESCAPES[ch])
        elif ch == " " and rng.random() < SPACE_SHARE:
            out.append(rng.choice(ODD_SPACES))
        elif ord(ch) > 127 and ch.isalpha() and rng.random() < ENTITY_SHARE:
            out.append(f"&#{ord(ch)};" if rng.random() < 0.5 else f"&#x{ord(ch):X};")
        else:
            out.append(ch)
    return "".join(out)


def _controls(text: str, rng: random.Random) -> str:
    out = ["\ufeff"]
    for ch in text:
        if ch == "\n":
            out.append("\r\n")
            continue
        out.append(ch)
        if rng.random() < CONTROL_SHARE:
            out.append(rng.choice(CONTROLS))
    return "".join(out)


#: The damages, in the order a page's hash picks them.
DAMAGES: dict[str, Callable[[str, random.Random], str]] = {
    "mojibake": _mojibake,
    "entities": _entities,
    "controls": _controls,
}


def damage(page: Page, text: str) -> tuple[str, str]:
    """``(kind, damaged text)`` for one page: the same for the same page on every run."""
    digest = hashlib.sha1(f"{page.dataset}/{page.id}".encode()).digest()
    kind = list(DAMAGES)[digest[0] % len(DAMAGES)]
    return kind, DAMAGES[kind](text, random.Random(digest))


def scores(pages: Sequence[Page], outputs: Sequence[str]) -> dict[str, float]:
    """The columns of ``run_bench.py``'s table for ``outputs`` (one per page)."""
    run = SystemRun("newsclean")
    for page, out in zip(pages, outputs, strict=True):
        record(run, page, out, 0.0, None)
    columns: dict[str, float] = summarize(run)["columns"]
    return columns


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    ap.add_argument("--datasets", default=",".join(DATASETS), help=f"comma-separated, of {', '.join(DATASETS)}")
    ap.add_argument("--limit", type=int, help="pages per data set")
    args = ap.parse_args(argv)
    datasets = [d for d in args.datasets.split(",") if d]
    unknown = sorted(set(datasets) - set(DATASETS))
    if unknown:
        ap.error(f"unknown data set(s): {', '.join(unknown)}")
    pages = load_pages(args.bench, datasets, args.limit)
    dumps = [str(p.load_input("text")) for p in pages]
    damaged = [damage(p, d) for p, d in zip(pages, dumps, strict=True)]
    clean_out = [newsclean.clean(d) for d in dumps]
    damaged_out = [newsclean.clean(d) for _, d in damaged]
    kinds = {kind: sum(1 for k, _ in damaged if k == kind) for kind in DAMAGES}
    print(f"{len(pages)} pages; damaged: " + ", ".join(f"{n} {k}" for k, n in kinds.items()))
    clean_row, damaged_row = scores(pages, clean_out), scores(pages, damaged_out)
    rows = (*PLAIN_DATASETS, "snip", "macro", "sh_off", "cjk")
    worst = 0.0
    print(f"{'row':<18}{'clean':>8}{'damaged':>9}{'diff':>8}")
    for row in rows:
        if row not in clean_row or clean_row[row] != clean_row[row]:  # absent, or NaN (no such pages)
            continue
        diff = damaged_row[row] - clean_row[row]
        worst = min(worst, diff)
        flag = "  OVER" if -diff > TOLERANCE else ""
        print(f"{row:<18}{clean_row[row]:>8.3f}{damaged_row[row]:>9.3f}{diff:>+8.3f}{flag}")
    for kind in DAMAGES:
        chosen = [i for i, (k, _) in enumerate(damaged) if k == kind]
        same = sum(1 for i in chosen if damaged_out[i] == clean_out[i])
        print(f"  {kind}: {same}/{len(chosen)} pages give the clean dump's output exactly")
    print(f"largest drop {-worst:.4f} (tolerance {TOLERANCE})")
    return 0 if -worst <= TOLERANCE else 1


if __name__ == "__main__":
    raise SystemExit(main())

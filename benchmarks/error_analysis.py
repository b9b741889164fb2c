"""Where does newsclean go wrong on the development dumps, and why?

Cleans every ``*.dump.txt``, aligns each block (kept paragraph, title or removed
block) with the page's gold text (``benchmarks/align.py``) and reports, weighted
by tokens:

* content removed, by rule id  (recall lost);
* boilerplate kept, by paragraph kind  (precision lost);
* both by document language;
* the worst single blocks of each, to read.

Usage::

    .venv/bin/python benchmarks/error_analysis.py [--datasets a,b] [--limit N] [--show 15]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

import newsclean  # noqa: E402
from benchmarks.align import label_blocks  # noqa: E402
from benchmarks.metrics import tokens  # noqa: E402

DEFAULT_BENCH = REPO_ROOT.parent / "shared" / "bench"


def _gold(bench: Path, row: dict[str, str]) -> str | dict[str, list[str]]:
    text = (bench / row["gold"]).read_text(encoding="utf-8")
    return json.loads(text) if row["gold"].endswith(".json") else text


def analyse(bench: Path, datasets: set[str] | None, limit: int | None, show: int) -> None:
    rows = [json.loads(line) for line in (bench / "manifest.jsonl").open(encoding="utf-8")]
    per_ds: Counter[str] = Counter()
    lost: Counter[str] = Counter()  # content tokens removed, by rule
    kept_bad: Counter[str] = Counter()  # boilerplate tokens kept, by kind
    by_lang: dict[str, Counter[str]] = defaultdict(Counter)
    examples_lost: list[tuple[int, str, str, str]] = []
    examples_kept: list[tuple[int, str, str, str]] = []
    for row in rows:
        if datasets and row["dataset"] not in datasets:
            continue
        if limit is not None and per_ds[row["dataset"]] >= limit:
            continue
        per_ds[row["dataset"]] += 1
        dump = (bench / row["dump"]).read_text(encoding="utf-8")
        doc = newsclean.clean_document(dump)
        items: list[tuple[str, bool, str]] = [(p.text, True, p.kind) for p in doc.paragraphs]
        if doc.title:
            items.append((doc.title, False, "title"))
        items.extend((r.text, False, r.rule) for r in doc.removed)
        labels = label_blocks([t for t, _, _ in items], _gold(bench, row))
        for (text, kept, why), label in zip(items, labels, strict=True):
            if label is None:
                continue
            n = len(tokens(text))
            if label and not kept:
                lost[why] += n
                by_lang[doc.language]["content removed"] += n
                examples_lost.append((n, why, row["id"], text))
            elif not label and kept:
                kept_bad[why] += n
                by_lang[doc.language]["boilerplate kept"] += n
                examples_kept.append((n, why, row["id"], text))
            elif label:
                by_lang[doc.language]["content kept"] += n
            else:
                by_lang[doc.language]["boilerplate removed"] += n

    print(f"pages: {dict(per_ds)}")
    print("\ncontent tokens removed, by rule:")
    for rule, n in lost.most_common(25):
        print(f"  {n:8d}  {rule}")
    print("\nboilerplate tokens kept, by kind:")
    for kind, n in kept_bad.most_common():
        print(f"  {n:8d}  {kind}")
    print("\nby document language (tokens):")
    for lang, c in sorted(by_lang.items(), key=lambda kv: -sum(kv[1].values()))[:15]:
        print(f"  {lang:8s} " + "  ".join(f"{k}={v}" for k, v in sorted(c.items())))
    for title, examples in (("content removed", examples_lost), ("boilerplate kept", examples_kept)):
        print(f"\nworst blocks, {title}:")
        for n, why, page, text in sorted(examples, key=lambda e: (-e[0], e[2]))[:show]:
            print(f"  [{n} tok, {why}] {page[:40]}: {text[:160]!r}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    ap.add_argument("--datasets", default="")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--show", type=int, default=15)
    args = ap.parse_args()
    datasets = set(args.datasets.split(",")) if args.datasets else None
    analyse(args.bench, datasets, args.limit, args.show)


if __name__ == "__main__":
    main()

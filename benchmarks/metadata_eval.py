"""How far newsclean's metadata can be trusted: date and title accuracy beside trafilatura's, same pages, same run.

The development benchmark has no human gold for metadata (its gold files are article text only,
for scrapinghub_aeb and wcxb alike), so the references are two facts every page carries
independently of any extractor:

* **date**: the publication day in the page's own address (``/2019/11/19/``, ``/2019-11-19-``,
  ``/20191119``), on pages whose URL has one. Neither tool is given the URL, so neither can read
  it from there. A date counts as right when its day is that day (``within 1 day`` allows for time
  zones: the URL's day is the newsroom's). ``ISO`` is the share of given dates that are ISO 8601.
* **title**: the text of the page's one ``<h1>`` where its ``<title>`` or ``og:title`` contains it
  (two declarations that agree), compared after case and white-space folding. This favours
  neither tool: both read ``<title>``, ``og:title`` and ``<h1>``.

newsclean is measured twice: ``Document.title`` (the headline line the text had, or the declared
title that matches a removed line) and ``metadata.title`` (what the page declares first).

    flock /tmp/newsclean-bench.lock .venv/bin/python benchmarks/metadata_eval.py --limit 300
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    # After PYTHONPATH's entries, so that PYTHONPATH=OLD_CHECKOUT measures another newsclean.
    sys.path.insert(1 + len([p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]), str(REPO_ROOT))

URL_DATE_RX = re.compile(r"/((?:19|20)\d\d)[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?=[/_.-]|$)")
ISO_RX = re.compile(r"^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?(?:[+-]\d{2}:\d{2}|Z)?)?$")


@dataclass
class Page:
    id: str
    html: str
    date: str | None
    title: str | None


@dataclass
class Found:
    date: str | None
    title: str | None


def fold(text: str | None) -> str:
    return " ".join((text or "").casefold().split()).strip(" \"'“”‘’")


def gold_title(html: str) -> str | None:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    h1s = [" ".join(n.text(deep=True).split()) for n in tree.css("h1")]
    h1s = [h for h in h1s if h]
    if len(h1s) != 1:
        return None
    declared = [n.text() for n in tree.css("title")]
    declared += [n.attributes.get("content") or "" for n in tree.css('meta[property="og:title"]')]
    return h1s[0] if any(fold(h1s[0]) in fold(d) for d in declared if d) else None


def load(bench: Path, datasets: list[str], limit: int) -> list[Page]:
    taken: dict[str, int] = {}
    pages = []
    for line in (bench / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        ds = row["dataset"]
        if ds not in datasets or taken.get(ds, 0) >= limit or row.get("page_type", "article") != "article":
            continue
        taken[ds] = taken.get(ds, 0) + 1
        raw = gzip.decompress((bench / row["html"]).read_bytes())
        from newsclean.decode import decode_bytes

        html = decode_bytes(raw)
        m = URL_DATE_RX.search(str(row.get("url") or ""))
        pages.append(Page(row["id"], html, "-".join(m.groups()) if m else None, gold_title(html)))
    return pages


def run_newsclean(page: Page) -> tuple[Found, Found]:
    import newsclean

    doc = newsclean.clean_document(page.html)
    return Found(doc.metadata.date, doc.title), Found(doc.metadata.date, doc.metadata.title)


def run_trafilatura(page: Page) -> Found:
    import trafilatura

    meta = trafilatura.extract_metadata(page.html)
    return Found(meta.date, meta.title)


def _day_gap(found: str, gold: str) -> int | None:
    import datetime

    try:
        return abs((datetime.date.fromisoformat(found[:10]) - datetime.date.fromisoformat(gold)).days)
    except ValueError:
        return None


def score(pages: list[Page], found: list[Found]) -> dict[str, str]:
    dated = [(p, f) for p, f in zip(pages, found, strict=True) if p.date]
    given = [f.date for f in found if f.date]
    gaps = [_day_gap(f.date, p.date) if f.date and p.date else None for p, f in dated]
    titled = [(p, f) for p, f in zip(pages, found, strict=True) if p.title]
    right_titles = sum(1 for p, f in titled if fold(f.title) == fold(p.title))

    def share(n: int, d: int) -> str:
        return f"{n / d:.3f} ({n}/{d})" if d else "-"

    return {
        "date right": share(sum(1 for g in gaps if g == 0), len(dated)),
        "within 1 day": share(sum(1 for g in gaps if g is not None and g <= 1), len(dated)),
        "date given": share(sum(1 for _, f in dated if f.date), len(dated)),
        "ISO 8601": share(sum(1 for d in given if ISO_RX.match(d)), len(given)),
        "title right": share(right_titles, len(titled)),
        "title given": share(sum(1 for _, f in titled if f.title), len(titled)),
    }


def timed(fn: Callable[[Page], object], pages: list[Page]) -> tuple[list[object], float]:
    start = time.perf_counter()
    out = [fn(p) for p in pages]
    return out, time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--bench", type=Path, default=REPO_ROOT.parent / "shared" / "bench")
    ap.add_argument("--datasets", default="scrapinghub_aeb,wcxb")
    ap.add_argument("--limit", type=int, default=300, help="article pages per data set (default 300)")
    args = ap.parse_args()
    pages = load(args.bench, args.datasets.split(","), args.limit)
    import newsclean

    print(f"newsclean from {Path(newsclean.__file__).parent}")
    print(
        f"{len(pages)} article pages ({args.datasets}); {sum(1 for p in pages if p.date)} with a dated URL, "
        f"{sum(1 for p in pages if p.title)} with an <h1> their declared title contains"
    )
    ours, t_ours = timed(run_newsclean, pages)
    theirs, t_theirs = timed(run_trafilatura, pages)
    rows = {
        "newsclean Document.title": score(pages, [o[0] for o in ours]),  # type: ignore[index]
        "newsclean metadata.title": score(pages, [o[1] for o in ours]),  # type: ignore[index]
        "trafilatura extract_metadata": score(pages, theirs),  # type: ignore[arg-type]
    }
    cols = list(next(iter(rows.values())))
    print("| system | " + " | ".join(cols) + " |")
    print("|---" * (len(cols) + 1) + "|")
    for name, row in rows.items():
        print(f"| {name} | " + " | ".join(row[c] for c in cols) + " |")
    print(
        f"time: newsclean clean_document {t_ours:.1f} s (all of cleaning), trafilatura extract_metadata "
        f"{t_theirs:.1f} s"
    )
    raw = [o[0].date for o in ours if o[0].date and not ISO_RX.match(o[0].date)]  # type: ignore[index]
    untitled = sum(1 for o in ours if o[0].title is None and o[1].title)  # type: ignore[index]
    print(
        f"newsclean dates that are not ISO 8601: {len(raw)} {raw[:5]}; "
        f"Document.title None while metadata.title is set: {untitled} of {len(pages)}"
    )


if __name__ == "__main__":
    main()

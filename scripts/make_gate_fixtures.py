"""Copy the quality-gate subset of the development benchmark into fixtures/bench.

The gate (tests/test_quality_gate.py) must run without ../shared, so a fixed,
deterministic subset of pages is committed: the pages whose id hashes lowest
within each data set (30 scrapinghub_aeb, 25 readability_moz, 15 chinese_wce,
30 trafilatura_eval, 40 wcxb, 20 magic_html). For each page the dump, the gold and the raw HTML are
copied, with the data sets' licences. Run it again only to change the subset;
then re-pin the floors with ``python scripts/pin_gate.py``.

Usage: python scripts/make_gate_fixtures.py [--bench ../shared/bench]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "fixtures" / "bench"
PER_DATASET = {
    "scrapinghub_aeb": 30,
    "readability_moz": 25,
    "chinese_wce": 15,
    "trafilatura_eval": 30,
    "wcxb": 40,
    "magic_html": 20,
}
SOURCES = {
    "scrapinghub_aeb": "scrapinghub article-extraction-benchmark (MIT), licenses/article-extraction-benchmark.LICENSE",
    "readability_moz": "Mozilla Readability test pages (Apache-2.0), licenses/readability.LICENSE",
    "chinese_wce": (
        "Chinese Web Content Extraction Dataset (MIT), licenses/Chinese-Web-Content-Extraction-Dataset.LICENSE"
    ),
    "trafilatura_eval": "trafilatura evaluation data (Apache-2.0), licenses/trafilatura.LICENSE",
    "wcxb": "WCXB web content extraction benchmark, development split (CC-BY-4.0), "
    "licenses/web-content-extraction-benchmark.LICENSE",
    "magic_html": "magic-html benchmark pages of 2024 (Apache-2.0), licenses/magic-html.LICENSE",
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", type=Path, default=ROOT.parent / "shared" / "bench")
    args = ap.parse_args()
    rows = [json.loads(line) for line in (args.bench / "manifest.jsonl").open(encoding="utf-8")]
    chosen = []
    for dataset, n in PER_DATASET.items():
        pages = sorted(
            (r for r in rows if r["dataset"] == dataset), key=lambda r: hashlib.sha1(r["id"].encode()).hexdigest()
        )
        chosen.extend(pages[:n])
    if OUT.exists():
        shutil.rmtree(OUT)
    (OUT / "licenses").mkdir(parents=True)
    for lic in (args.bench / "licenses").iterdir():
        shutil.copy(lic, OUT / "licenses" / lic.name)
    manifest = []
    for r in chosen:
        entry = {"id": r["id"], "dataset": r["dataset"], "lang": r.get("lang"), "source": SOURCES[r["dataset"]]}
        if r.get("page_type"):
            entry["page_type"] = r["page_type"]
        for key in ("dump", "gold", "html"):
            src = args.bench / r[key]
            dst = OUT / r[key]
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(src, dst)
            entry[key] = r[key]
        manifest.append(entry)
    with (OUT / "manifest.jsonl").open("w", encoding="utf-8") as fh:
        for entry in manifest:
            fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
    (OUT / "README.md").write_text(
        "# Quality-gate pages\n\n"
        f"A fixed subset of the development benchmark ({len(manifest)} pages), "
        "copied by `scripts/make_gate_fixtures.py`,\n"
        "used by `tests/test_quality_gate.py`. Each page keeps its source data set's licence:\n\n"
        + "".join(f"- `{d}`: {s}\n" for d, s in SOURCES.items())
        + "\n`floors.json` holds the pinned figures (`scripts/pin_gate.py`).\n",
        encoding="utf-8",
    )
    print(f"copied {len(manifest)} pages to {OUT}")


if __name__ == "__main__":
    main()

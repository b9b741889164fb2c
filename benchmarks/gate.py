"""The CI quality gate: newsclean's F1 on the committed subset in fixtures/bench.

``evaluate(mode)`` cleans every page of ``fixtures/bench/manifest.jsonl`` (the
dump in text mode, the raw HTML bytes in html mode) and returns per-page F1 and per-data-set figures, with the
same metrics as the benchmark (``benchmarks/metrics.py``). The floors it is
held to live in ``fixtures/bench/floors.json``, written by ``scripts/pin_gate.py``.
"""

from __future__ import annotations

import gzip
import json
import statistics
from pathlib import Path

import newsclean
from benchmarks import metrics

ROOT = Path(__file__).resolve().parent.parent
GATE = ROOT / "fixtures" / "bench"
FLOORS = GATE / "floors.json"
PLAIN = ("scrapinghub_aeb", "readability_moz", "chinese_wce")
#: The macro over every plain-gold data set of the gate, the new mixed-page ones included.
PLAIN5 = (*PLAIN, "wcxb", "magic_html")


def evaluate(mode: str = "text") -> dict[str, dict[str, float]]:
    """``{"pages": {id: f1}, "summary": {metric: value}}`` for one input mode."""
    pages: dict[str, float] = {}
    per_dataset: dict[str, list[float]] = {}
    snippets = []
    rows = [json.loads(line) for line in (GATE / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    for row in rows:
        if mode == "text":
            out = newsclean.clean((GATE / row["dump"]).read_text(encoding="utf-8"))
        else:
            out = newsclean.clean(gzip.decompress((GATE / row["html"]).read_bytes()))
        gold_text = (GATE / row["gold"]).read_text(encoding="utf-8")
        if row["gold"].endswith(".json"):
            counts = metrics.snippet_counts(json.loads(gold_text), out)
            snippets.append(counts)
            found = counts[0] + counts[3]
            total = sum(counts)
            pages[row["id"]] = found / total if total else 1.0
        else:
            f1 = metrics.bag_prf(gold_text, out)[2]
            pages[row["id"]] = f1
            per_dataset.setdefault(row["dataset"], []).append(f1)
    summary = {f"f1_{d}": statistics.fmean(v) for d, v in sorted(per_dataset.items())}
    summary["macro_f1"] = statistics.fmean(summary[f"f1_{d}"] for d in PLAIN if f"f1_{d}" in summary)
    if any(f"f1_{d}" in summary for d in PLAIN5[3:]):
        summary["macro5_f1"] = statistics.fmean(summary[f"f1_{d}"] for d in PLAIN5 if f"f1_{d}" in summary)
    summary["snippet_f1"] = metrics.snippet_prf(snippets)["f1"]
    return {"pages": pages, "summary": summary}

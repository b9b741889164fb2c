"""Quality gate: F1 on 160 committed benchmark pages, as dumps and as raw HTML, must not drop below the pinned floors.

The pages (fixtures/bench, with their data sets' licences) and the floors
(fixtures/bench/floors.json, from scripts/pin_gate.py) are in the repository,
so the gate runs anywhere. When it fails it names the pages that got worse.
"""

from __future__ import annotations

import json

import pytest

from benchmarks.gate import FLOORS, evaluate

PINNED = json.loads(FLOORS.read_text(encoding="utf-8"))
#: A page counts as "worse" in the failure message when it lost this much.
PAGE_DROP = 0.02


@pytest.mark.parametrize("mode", sorted(PINNED))
def test_f1_stays_above_the_pinned_floors(mode: str) -> None:
    pinned = PINNED[mode]
    result = evaluate(mode)
    below = {
        k: (round(v, 4), pinned["floors"][k])
        for k, v in result["summary"].items()
        if v < pinned["floors"].get(k, float("-inf"))
    }
    worse = sorted(
        (
            (pinned["pages"][p] - f1, p, pinned["pages"][p], round(f1, 4))
            for p, f1 in result["pages"].items()
            if p in pinned["pages"] and pinned["pages"][p] - f1 > PAGE_DROP
        ),
        reverse=True,
    )
    report = "\n".join(f"  {p}: {was} -> {now}" for _, p, was, now in worse[:20])
    assert not below, f"{mode} mode below the floor (now, floor): {below}\npages that got worse:\n{report}"


@pytest.mark.parametrize("include_title", [False, True])
@pytest.mark.parametrize("mode", ["text", "html"])
def test_real_pages_are_idempotent(mode: str, include_title: bool) -> None:
    """clean(clean(x)) == clean(x) on the 160 committed pages, whole: a removal that cascades
    over settling rounds (the tail goes, the paragraph before it ends the text and is doubted)
    shows on real pages long before random text reaches it."""
    import gzip

    import newsclean
    from benchmarks.gate import GATE

    rows = [json.loads(line) for line in (GATE / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    broken = []
    for row in rows:
        raw = (
            (GATE / row["dump"]).read_text(encoding="utf-8")
            if mode == "text"
            else gzip.decompress((GATE / row["html"]).read_bytes())
        )
        once = newsclean.clean(raw, include_title=include_title)
        if newsclean.clean(once, include_title=include_title) != once:
            broken.append(row["id"])
    assert not broken, broken

"""Shared fixtures: the sample files and their hand-labelled gold."""

from __future__ import annotations

import json
import os
import pathlib
from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, settings

# CI runs the properties on a fixed seed so that a landing never depends on the
# draw; local runs explore new examples each time. HYPOTHESIS_PROFILE=thorough
# runs many more examples (used while developing the pipeline).
_COMMON = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
settings.register_profile("default", max_examples=150, **_COMMON)
settings.register_profile("ci", max_examples=150, derandomize=True, print_blob=True, **_COMMON)
settings.register_profile("thorough", max_examples=2000, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "default"))

FIXTURES = pathlib.Path(__file__).resolve().parent.parent / "fixtures"
SAMPLES = FIXTURES / "samples"


@dataclass(frozen=True)
class Sample:
    name: str
    raw: str
    gold: dict

    def lines(self, *labels: str) -> list[str]:
        return [b["text"] for b in self.gold["blocks"] if b["label"] in labels]


def load_samples() -> list[Sample]:
    out = []
    for path in sorted(SAMPLES.glob("*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        raw = (SAMPLES / gold["sample"]).read_text(encoding="utf-8")
        out.append(Sample(path.name.removesuffix(".gold.json"), raw, gold))
    return out


ALL_SAMPLES = load_samples()


@pytest.fixture(params=ALL_SAMPLES, ids=lambda s: s.name)
def sample(request: pytest.FixtureRequest) -> Sample:
    return request.param

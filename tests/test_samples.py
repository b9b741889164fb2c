"""The five samples match their hand-labelled gold exactly.

This is the same check as ``shared/tools/check_samples.py``, run against the
copies in ``fixtures/samples`` so that it needs nothing outside the repository.
"""

from __future__ import annotations

import unicodedata

from conftest import ALL_SAMPLES, Sample

import newsclean


def norm(s: str) -> str:
    return " ".join(unicodedata.normalize("NFC", s).split())


def gold_problems(sample: Sample) -> list[str]:
    doc = newsclean.clean_document(sample.raw)
    problems = []
    if newsclean.clean(sample.raw) != doc.text:
        problems.append("clean(raw) differs from clean_document(raw).text")
    titles = sample.lines("title")
    if titles and norm(doc.title or "") != norm(titles[0]):
        problems.append(f"title: got {doc.title!r}, want {titles[0]!r}")
    kept = [norm(p.text) for p in doc.paragraphs]
    labels = ("body", "heading", "optional")
    want = [(norm(b["text"]), b["label"]) for b in sample.gold["blocks"] if b["label"] in labels]
    i = 0
    for text, label in want:
        if i < len(kept) and kept[i] == text:
            i += 1
        elif text in kept[i:]:
            j = kept.index(text, i)
            problems.extend(f"extra paragraph before a {label} line: {extra[:60]!r}" for extra in kept[i:j])
            i = j + 1
        elif label != "optional":
            problems.append(f"{label} line missing or altered: {text[:60]!r}")
    problems.extend(f"extra paragraph at the end: {extra[:60]!r}" for extra in kept[i:])
    whole = norm(doc.text) + " " + norm(doc.title or "")
    for b in sample.gold["blocks"]:
        if b["label"] == "boilerplate" and norm(b["text"]) in whole:
            problems.append(f"boilerplate kept ({b.get('kind')}): {b['text'][:60]!r}")
    return problems


def test_sample_matches_gold(sample: Sample) -> None:
    assert gold_problems(sample) == []


def test_all_five_samples_are_present() -> None:
    assert len(ALL_SAMPLES) == 5


def test_headings_are_marked_as_headings(sample: Sample) -> None:
    doc = newsclean.clean_document(sample.raw)
    headings = {norm(p.text) for p in doc.paragraphs if p.kind == "heading"}
    assert {norm(t) for t in sample.lines("heading")} <= headings

"""Invariants that hold for every input (hypothesis).

- never raises on any ``str`` or ``bytes``;
- deterministic;
- idempotent: ``clean(clean(x)) == clean(x)``;
- never invents text: every kept character comes from the repaired input;
- a sample's body paragraph stays kept inside another sample's body, and a
  sample's tail boilerplate stays removed when appended to another sample.
"""

from __future__ import annotations

import re

from conftest import ALL_SAMPLES, Sample
from hypothesis import given
from hypothesis import strategies as st
from strategies import BODY_LINES, any_input, documents, markdown_documents

import newsclean
from newsclean.decode import plain_text
from newsclean.features import features_of
from newsclean.unicode import repair

_WS = re.compile(r"\s+")


@given(any_input)
def test_never_raises(raw: str | bytes) -> None:
    doc = newsclean.clean_document(raw)
    assert isinstance(doc.text, str)
    assert doc.text == newsclean.clean(raw)


@given(any_input)
def test_deterministic(raw: str | bytes) -> None:
    assert newsclean.clean_document(raw) == newsclean.clean_document(raw)


@given(st.one_of(st.text(), documents(), markdown_documents()))
def test_idempotent(text: str) -> None:
    once = newsclean.clean(text)
    assert newsclean.clean(once) == once


@given(st.one_of(documents(), markdown_documents()))
def test_idempotent_with_title(text: str) -> None:
    once = newsclean.clean(text, include_title=True)
    assert newsclean.clean(once, include_title=True) == once


@given(st.one_of(st.text(), documents(), markdown_documents()))
def test_never_invents_text(text: str) -> None:
    """Relative to the page's text: the input itself, or what its HTML or Markdown shows."""
    doc = newsclean.clean_document(text)
    source = _WS.sub("", repair(plain_text(text))[0])
    for piece in [p.text for p in doc.paragraphs] + ([doc.title] if doc.title else []):
        assert _WS.sub("", piece) in source


def test_samples_are_idempotent(sample: Sample) -> None:
    once = newsclean.clean(sample.raw)
    assert newsclean.clean(once) == once
    with_title = newsclean.clean(sample.raw, include_title=True)
    assert newsclean.clean(with_title, include_title=True) == with_title


def _body_paragraphs(sample: Sample) -> list[str]:
    return sample.raw.split("\n\n") if "\n\n" in sample.raw else sample.raw.split("\n")


#: Body lines that read as prose on their own. A line without final punctuation
#: (a heading, a wrapped half-sentence) moved next to a teaser list or past the
#: article's last sentence is rightly taken for one more teaser or for the tail.
BODY_PARAGRAPHS = sorted(line for line in BODY_LINES if features_of(line).body_like)


@given(st.sampled_from(ALL_SAMPLES), st.sampled_from(BODY_PARAGRAPHS), st.data())
def test_body_paragraph_survives_transplant(host: Sample, paragraph: str, data: st.DataObject) -> None:
    """A prose paragraph of one sample, put between two body paragraphs of another, is kept."""
    body = host.lines("body")
    at = data.draw(st.integers(1, len(body) - 1))
    anchor = body[at]
    sep = "\n\n" if "\n\n" in host.raw else "\n"
    raw = host.raw.replace(anchor, paragraph + sep + anchor, 1)
    kept = {_WS.sub(" ", p.text).strip() for p in newsclean.clean_document(raw).paragraphs}
    assert _WS.sub(" ", paragraph).strip() in kept


def _tail_boilerplate(sample: Sample) -> list[str]:
    blocks = sample.gold["blocks"]
    last_body = max(i for i, b in enumerate(blocks) if b["label"] in ("body", "heading"))
    return [b["text"] for b in blocks[last_body + 1 :] if b["label"] == "boilerplate"]


@given(st.sampled_from(ALL_SAMPLES), st.sampled_from(ALL_SAMPLES))
def test_tail_boilerplate_stays_removed(host: Sample, donor: Sample) -> None:
    """A sample's tail boilerplate, appended to another sample, is removed."""
    tail = _tail_boilerplate(donor)
    raw = host.raw.rstrip("\n") + "\n\n" + "\n\n".join(tail) + "\n"
    doc = newsclean.clean_document(raw)
    text = _WS.sub(" ", doc.text)
    for line in tail:
        assert _WS.sub(" ", line).strip() not in text


@given(st.one_of(documents(), markdown_documents()))
def test_nothing_is_lost(text: str) -> None:
    """Every line of the repaired page text is in a paragraph, the title, or a removed block."""
    doc = newsclean.clean_document(text)
    pieces = [p.text for p in doc.paragraphs] + [r.text for r in doc.removed] + ([doc.title] if doc.title else [])
    accounted = "\n".join(_WS.sub(" ", p) for p in pieces)
    for line in repair(plain_text(text))[0].split("\n"):
        line = _WS.sub(" ", line).strip()
        if line:
            assert line in accounted, line

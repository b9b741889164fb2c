"""The public API: exports, options, errors, input types, structured result."""

from __future__ import annotations

import dataclasses
import types

import pytest
from conftest import ALL_SAMPLES

import newsclean

BODY = (
    "The minister resigned on Tuesday after a week of protests in the capital.\n\n"
    "Her deputy will lead the ministry until a successor is appointed next month."
)
SAMPLE_004 = next(s for s in ALL_SAMPLES if s.name.startswith("004"))


def test_all_lists_exactly_the_public_names() -> None:
    public = {
        name
        for name in dir(newsclean)
        if not name.startswith("_") and not isinstance(getattr(newsclean, name), types.ModuleType)
    }
    assert set(newsclean.__all__) - {"__version__"} == public - {"annotations"}
    for name in newsclean.__all__:
        assert hasattr(newsclean, name)


def test_clean_returns_body_paragraphs_separated_by_blank_lines() -> None:
    text = newsclean.clean("Home | World | Sports | Business\n\n" + BODY + "\n\nLeave a Reply")
    assert text == BODY


def test_clean_equals_document_text(sample) -> None:  # type: ignore[no-untyped-def]
    assert newsclean.clean(sample.raw) == newsclean.clean_document(sample.raw).text


def test_include_title_puts_the_title_first() -> None:
    raw = "Minister resigns after week of protests\n\n" + BODY
    doc = newsclean.clean_document(raw)
    assert doc.title == "Minister resigns after week of protests"
    assert newsclean.clean(raw) == BODY
    assert newsclean.clean(raw, include_title=True) == doc.title + "\n\n" + BODY


def test_keyword_options_override_the_config() -> None:
    cfg = newsclean.CleanConfig(include_title=True)
    raw = "Minister resigns after week of protests\n\n" + BODY
    assert newsclean.clean(raw, config=cfg).startswith("Minister resigns")
    assert newsclean.clean(raw, config=cfg, include_title=False) == BODY


def test_config_is_frozen_and_validated() -> None:
    cfg = newsclean.CleanConfig()
    with pytest.raises(dataclasses.FrozenInstanceError):
        cfg.include_title = True  # type: ignore[misc]
    with pytest.raises(newsclean.ConfigError, match="valid options"):
        newsclean.clean("x", include_titel=True)
    with pytest.raises(newsclean.ConfigError):
        newsclean.CleanConfig(input_format="pdf")  # type: ignore[arg-type]
    with pytest.raises(newsclean.ConfigError):
        newsclean.CleanConfig(languages=["en", "not a code!"])
    with pytest.raises(newsclean.ConfigError):
        newsclean.CleanConfig(include_title="yes")  # type: ignore[arg-type]
    assert newsclean.CleanConfig(languages="EN").languages == ("en",)


def test_errors_share_one_base_and_the_builtins() -> None:
    with pytest.raises(newsclean.InputTypeError) as info:
        newsclean.clean(123)  # type: ignore[arg-type]
    assert isinstance(info.value, TypeError) and isinstance(info.value, newsclean.NewscleanError)
    with pytest.raises(newsclean.InputTooLargeError) as too_big:
        newsclean.clean("a" * 101, max_input_chars=100)
    assert isinstance(too_big.value, ValueError)
    assert newsclean.clean("a" * 101, max_input_chars=0) == "a" * 101


def test_bytes_in_any_encoding_give_the_same_text() -> None:
    raw = SAMPLE_004.raw
    want = newsclean.clean(raw)
    for encoding in ("utf-8", "utf-8-sig", "utf-16", "gb18030"):
        assert newsclean.clean(raw.encode(encoding)) == want, encoding


def test_undecodable_bytes_do_not_raise() -> None:
    junk = bytes(range(256)) * 8
    assert isinstance(newsclean.clean(junk), str)


def test_languages_keeps_only_those_paragraphs() -> None:
    doc = newsclean.clean_document(SAMPLE_004.raw, languages=["en"])
    assert doc.paragraphs and all(p.lang == "en" for p in doc.paragraphs)
    assert doc.title == "Biden, Putin hold call amid heightened tensions over Ukraine"
    assert any(r.rule == "language.filter" for r in doc.removed)
    zh = newsclean.clean_document(SAMPLE_004.raw, languages=["zh"])
    assert zh.paragraphs and all(p.lang.startswith("zh") for p in zh.paragraphs)
    assert zh.title == "拜登、普京在乌克兰紧张局势加剧之际举行电话会议"


def test_document_language_and_metadata() -> None:
    doc = newsclean.clean_document(SAMPLE_004.raw)
    assert doc.language == "zh-Hans"
    assert doc.metadata.date == "2021-12-31T13:55:00"  # the dateline "2021-12-31 13:55", as ISO 8601
    assert doc.metadata.source == "美国新闻网"
    assert "Pool/Getty Images" in doc.metadata.credits


def test_removed_blocks_carry_kind_rule_and_position() -> None:
    doc = newsclean.clean_document(SAMPLE_004.raw)
    repaired = newsclean.unicode.repair(SAMPLE_004.raw)[0]
    for r in doc.removed:
        assert r.rule in newsclean.RULE_IDS
        assert r.rule.startswith(r.kind.value + ".")
        assert " ".join(repaired[r.start : r.end].split()).startswith(r.text[:20])
    assert {"nav", "breadcrumb", "contact", "dateline", "prev-next", "copyright"} <= set(doc.removed_by_kind())


def test_keep_captions_keeps_captions_as_their_own_kind() -> None:
    doc = newsclean.clean_document(SAMPLE_004.raw, keep_captions=True)
    captions = [p.text for p in doc.paragraphs if p.kind == "caption"]
    assert any(c.startswith("PHOTO:") for c in captions)
    assert "Pool/Getty Images" not in doc.text


def test_repairs_are_reported() -> None:
    doc = newsclean.clean_document("Caf\u00c3\u00a9 owners &amp; staff met on Tuesday to discuss the new rules.\u200b")
    names = {r.name for r in doc.repairs}
    assert {"html_entities", "zero_width", "mojibake"} <= names
    assert doc.text == "Café owners & staff met on Tuesday to discuss the new rules."


def test_html_input_is_detected_and_cleaned() -> None:
    html = (
        "<!doctype html><html><head><title>T</title><script>var x = 1;</script></head><body>"
        "<nav><a href='/'>Home</a> | <a href='/w'>World</a> | <a>Sports</a></nav>"
        "<h1>Minister resigns after week of protests</h1>"
        f"<p>{BODY.split(chr(10))[0]}</p><p>{BODY.split(chr(10))[-1]}</p>"
        "<footer>Leave a Reply</footer></body></html>"
    )
    doc = newsclean.clean_document(html.encode("utf-8"))
    assert doc.text == BODY
    assert doc.title == "Minister resigns after week of protests"
    assert "var x" not in newsclean.clean(html, input_format="html")
    assert "<p>" in newsclean.clean(html, input_format="text") or newsclean.clean(html, input_format="text") == ""


def test_empty_and_blank_input_give_empty_text() -> None:
    for raw in ("", "   \n\n  ", b"", b"\x00\x00"):
        doc = newsclean.clean_document(raw)
        assert doc.text == "" and doc.paragraphs == ()

"""Hostile and damaged input: every input gets a result or a typed error, never a crash.

Sizes are kept moderate so the suite stays fast; the shapes are the ones that
break naive cleaners (issue: hostile input and bounded cost).
"""

from __future__ import annotations

import pytest

import newsclean

PROSE = "The minister resigned on Tuesday after a week of protests in the capital."

CASES: dict[str, str | bytes] = {
    "empty": "",
    "white space only": " \n\t\n \u3000 ",
    "NUL and controls": ("a\x00b\x07c\x1b " + PROSE + "\n") * 200,
    "binary garbage": bytes(range(256)) * 50,
    "invalid UTF-8": (b"\xff\xfe\xfd " + PROSE.encode() + b" \xc3\x28\n") * 100,
    "UTF-16 with BOM": (PROSE + "\n").encode("utf-16") * 1,
    "UTF-16 without BOM": ((PROSE + "\n") * 20).encode("utf-16-le"),
    "charset declared wrong": (
        '<html><head><meta charset="utf-8"></head><body><p>Caf\xe9 owners and cr\xe8me makers met on Tuesday.</p>'
        "</body></html>"
    ).encode("latin-1"),
    "one long line": "word " * 200_000,
    "many short lines": "ab\n" * 50_000,
    "separator runs": "|" * 200_000 + "\n" + "> " * 50_000,
    "CJK without punctuation": ("这是没有标点的中文文本" * 40 + "\n") * 200,
    "HTML nested deep": "<div>" * 10_000 + PROSE + "</div>" * 10_000,
    "HTML unclosed tags": "<html><body>" + "<p><b><i>" + PROSE * 3 + " " * 1000,
    "HTML megabyte attribute": '<html><body><div class="' + "x" * 1_000_000 + f'"><p>{PROSE}</p></div></body></html>',
    "entity flood": "&amp;" * 100_000 + "&#x1F600;" * 1000,
    "bidi controls": ("\u202e" + PROSE + "\u202c\n") * 100,
    "emoji ZWJ sequences": ("👨\u200d👩\u200d👧 " + PROSE + "\n") * 100,
    "lone surrogates": ("a\ud800b\udfffc " + PROSE + "\n") * 100,
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_input_gives_a_result(name: str) -> None:
    doc = newsclean.clean_document(CASES[name])
    assert isinstance(doc.text, str)
    doc.text.encode("utf-8")  # always encodable: no lone surrogates survive
    assert doc.text == newsclean.clean(CASES[name])


def test_decoding_recovers_the_text() -> None:
    assert newsclean.clean(CASES["UTF-16 with BOM"]) == PROSE
    assert PROSE in newsclean.clean(CASES["UTF-16 without BOM"])
    assert newsclean.clean(CASES["charset declared wrong"]) == "Café owners and crème makers met on Tuesday."
    assert "\u202e" not in newsclean.clean(CASES["bidi controls"])
    assert "👨\u200d👩\u200d👧" in newsclean.clean(CASES["emoji ZWJ sequences"], max_input_chars=0)


def test_markup_too_large_for_a_dom_is_flattened_linearly() -> None:
    """100,000 nested tags would take Lexbor seconds; past MAX_DOM_TAGS the page is read without a DOM."""
    deep = "<div>" * 100_000 + PROSE + "</div>" * 100_000
    assert newsclean.clean(deep) == PROSE
    scripts = "<html><body>" + "<script>var x = 1;</script>" * 70_000 + f"<p>{PROSE}</p>"
    assert newsclean.clean(scripts) == PROSE


def test_input_size_limit_is_a_typed_error() -> None:
    with pytest.raises(newsclean.InputTooLargeError, match="max_input_chars"):
        newsclean.clean("x" * 1001, max_input_chars=1000)
    with pytest.raises(newsclean.InputTooLargeError):
        newsclean.clean(b"x" * 1001, max_input_chars=1000)


@pytest.mark.parametrize("bad", [None, 42, ["text"], {"text": "x"}])
def test_wrong_types_are_typed_errors(bad: object) -> None:
    with pytest.raises(newsclean.InputTypeError, match="str or bytes"):
        newsclean.clean(bad)  # type: ignore[arg-type]

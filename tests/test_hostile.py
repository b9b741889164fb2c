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


# ----------------------------------------------------------------------------- bounded cost (issue 14)

#: The shapes whose markup must be bounded before the tree builder sees it.
BOUNDED_SHAPES = (
    "html deep nesting",
    "html open formatting",
    "html many attributes",
    "html nested distinct font",
    "html select options",
    "html nested lists",
    "html nested blockquote",
    "html misnested b/div",
)
#: The shapes of benchmarks/linear_time.py that Lexbor's tree builder once took superlinear time on.
ISSUE_14_SHAPES = (
    *BOUNDED_SHAPES,
    "short lines pipes",
    "html br lines",
    "html script full of <",
    "html main of nested hidden",
    "html main of hidden siblings",
)
#: Input size (characters) and time bound of the regression tests: generous (5-10x the time on a
#: loaded 2-core machine); the superlinear cost they guard against took 25 s to 70 s at this size
#: for open formatting, nested lists and misnested b/div (less for the others, which the
#: bounding test below checks directly).
SHAPE_CHARS = 600_000
TEXT_SHAPE_CHARS = 200_000
SHAPE_SECONDS = 15.0


@pytest.mark.parametrize("name", ISSUE_14_SHAPES)
def test_hostile_shape_finishes_in_bounded_time(name: str) -> None:
    """Not a timing benchmark (benchmarks/linear_time.py is): a bound that catches a superlinear blow-up."""
    import time

    from benchmarks.linear_time import SHAPES

    text = SHAPES[name](SHAPE_CHARS if name.startswith("html") else TEXT_SHAPE_CHARS)
    start = time.perf_counter()
    doc = newsclean.clean_document(text)
    elapsed = time.perf_counter() - start
    assert elapsed < SHAPE_SECONDS, f"{name}: {elapsed:.1f} s for {len(text):,} characters"
    doc.text.encode("utf-8")


@pytest.mark.parametrize("name", BOUNDED_SHAPES)
def test_hostile_shape_is_bounded_before_the_tree_builder(name: str) -> None:
    from benchmarks.linear_time import SHAPES
    from newsclean.bound import bound_markup

    assert bound_markup(SHAPES[name](60_000)).dropped > 0


def test_bounding_drops_tags_past_the_depth_and_keeps_the_text() -> None:
    from newsclean.bound import MAX_DEPTH, bound_markup

    bounded = bound_markup("<div>" * 1000 + PROSE + "</div>" * 1000)
    assert bounded.markup.count("<div>") == bounded.markup.count("</div>") == MAX_DEPTH
    assert PROSE in bounded.markup and bounded.tags == 2000


def test_bounding_leaves_a_real_page_alone() -> None:
    from newsclean.bound import bound_markup

    page = (
        "<html><head><title>T</title><script>if (a < b && c<d) {}</script></head><body><ul><li>one<li>two</ul>"
        "<table><tr><td>a<td>b<tr><td>c</table><p>one<p>two<div><b><i>x</i></b></div></body></html>"
    )
    assert bound_markup(page).markup == page


def test_a_script_full_of_angle_brackets_keeps_the_dom() -> None:
    """Tags are counted, not "<": the page keeps its DOM, so hidden and template text still goes."""
    page = (
        f"<html><body><article><p>{PROSE}</p><p hidden>Hidden text nobody sees.</p>"
        "<template><p>Template text nobody sees.</p></template></article>"
        '<script>var s = "' + "<" * 70_000 + '";</script></body></html>'
    )
    assert newsclean.clean(page) == PROSE


def test_the_domless_path_drops_template_and_hidden_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past MAX_DOM_TAGS real tags the page is read without a DOM, and still without what a reader never sees."""
    import newsclean.decode

    monkeypatch.setattr(newsclean.decode, "MAX_DOM_TAGS", 1000)
    page = (
        "<html><body>" + "<span>x</span>" * 1000 + f"<p>{PROSE}</p>"
        "<template><p>Template text nobody sees.</p></template><noscript>Enable JavaScript.</noscript>"
        "<svg><text>svg text</text></svg><div hidden>Hidden text nobody sees.</div>"
        '<div style="display:none">Also hidden text.</div></body></html>'
    )
    out = newsclean.clean(page)
    assert PROSE in out
    for gone in ("Template text", "Enable JavaScript", "svg text", "Hidden text", "Also hidden"):
        assert gone not in out


# ----------------------------------------------------------------------------- decoding by evidence (issue 14)

JAPANESE = "政府高官は記者団に対し、今後の会合はロシアの行動に関する協議になると述べた。"
KOREAN = "미국과 유럽 동맹국들은 러시아에 대한 제재를 논의했다."
CHINESE = "中国政府表示将加强合作，双方同意在多个领域开展交流。"


@pytest.mark.parametrize(("text", "encoding"), [(JAPANESE, "iso2022_jp"), (KOREAN, "iso2022_kr"), (CHINESE, "hz")])
def test_seven_bit_cjk_encodings_are_decoded(text: str, encoding: str) -> None:
    """7-bit encodings are ASCII bytes, which pass as UTF-8: their escape sequences decide."""
    assert newsclean.clean(text.encode(encoding)) == text


@pytest.mark.parametrize("charset", ["unicode_escape", "raw-unicode-escape", "cp037", "cp500", "undefined", "utf-7"])
def test_declared_non_text_or_ebcdic_codec_is_refused(charset: str) -> None:
    """The declaration must not turn "\\N{BOMB}" into a bomb, nor Latin-1 into EBCDIC garbage, nor raise."""
    page = (
        f'<html><head><meta charset="{charset}"></head><body><p>Bomb \\N{{BOMB}}: caf\xe9 owners met on Tuesday.'
        "</p></body></html>"
    ).encode("latin-1")
    assert newsclean.clean(page) == "Bomb \\N{BOMB}: café owners met on Tuesday."


def test_undefined_charset_with_a_non_utf8_byte_is_not_an_error() -> None:
    page = b'<html><head><meta charset="undefined"></head><body><p>One byte \xff here for the reader.</p></body></html>'
    assert newsclean.clean(page).startswith("One byte ")


def _declared(charset: str, body: str, encoding: str) -> bytes:
    return f'<html><head><meta charset="{charset}"></head><body><p>{body}</p></body></html>'.encode(encoding)


KOREAN_LONG = KOREAN + " 이번 회의에서 정부는 새로운 정책을 발표할 예정이다."


@pytest.mark.parametrize(("text", "encoding"), [(JAPANESE * 2, "shift_jis"), (KOREAN_LONG, "euc_kr")])
def test_a_chinese_declaration_contradicted_by_the_bytes_is_overruled(text: str, encoding: str) -> None:
    """GBK decodes Shift_JIS and EUC-KR bytes without an error, into Han nobody wrote: the bytes decide."""
    assert newsclean.clean(_declared("gbk", text, encoding)) == text


@pytest.mark.parametrize(
    ("charset", "text"),
    [("gbk", CHINESE * 2), ("gb2312", CHINESE * 2), ("big5", "臺灣政府發言人說，雙方將在經濟與文化領域擴大交流。" * 3)],
)
def test_a_true_chinese_declaration_stands(charset: str, text: str) -> None:
    assert newsclean.clean(_declared(charset, text, charset)) == text


def test_an_unclosed_select_does_not_take_the_page_with_it() -> None:
    """A development page (chinese_wce) has a <select> in a table cell that is never closed: the cell's end
    tag leaves it, and the article after it stays; only a run of options is bounded as select content."""
    page = (
        "<html><body><table><tr><td><select id=year><script>yearList();</script></td>"
        f"<td><span>&gt;</span></td></tr></table><article><p>{PROSE}</p></article></body></html>"
    )
    assert newsclean.clean(page) == PROSE

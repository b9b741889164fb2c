"""Bounded fuzzing in CI: many random inputs through ``clean_document()``, with the fuzzer's checks.

``benchmarks/fuzz.py`` fuzzes for minutes with atheris, which CI does not
install; this file gets most of the value within a fixed budget. Every input
goes through :func:`benchmarks.fuzz.check_document` (no exception but the
documented ones; text is ``str`` and UTF-8-encodable; blocks are the repaired
input at their offsets; nothing is lost; idempotent), fed three ways like the
fuzzer does: arbitrary bytes, arbitrary text, and generated markup, the last
both with ``input_format="html"`` forced and detected.

``NEWSCLEAN_FUZZ_EXAMPLES`` sets the examples per test (default
:data:`DEFAULT_EXAMPLES`, about 30 s for the file on a 2-core machine); raise it
for a longer local hunt. Every file in ``fixtures/fuzz/`` (inputs the fuzzer or
someone found) is replayed; see the README there.
"""

from __future__ import annotations

import dataclasses
import json
import os
import pathlib
from collections.abc import Callable

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st
from strategies import SAMPLE_LINES, documents

import newsclean
from benchmarks.fuzz import HTML_SEEDS, NOT_INPUTS, InvariantError, check_document, check_input, variants

DEFAULT_EXAMPLES = 400
EXAMPLES = int(os.environ.get("NEWSCLEAN_FUZZ_EXAMPLES") or DEFAULT_EXAMPLES)
REGRESSIONS = pathlib.Path(__file__).resolve().parent.parent / "fixtures" / "fuzz"
_OPEN = json.loads((REGRESSIONS / "open.json").read_text(encoding="utf-8"))
#: Regression files whose bug is still open: file name -> what breaks. They are
#: expected to fail (strictly: once fixed, the test says so and the entry goes).
OPEN_FILES: dict[str, str] = _OPEN["files"]
#: Failures (``InvariantError.kind``) the generated inputs may still hit while
#: their bug is open. Only the last check (idempotence) has such kinds, so every
#: other guarantee is still checked on those inputs.
OPEN_KINDS: dict[str, str] = _OPEN["kinds"]

fuzz_settings = settings(max_examples=EXAMPLES, deadline=None)

# ----------------------------------------------------------------------------- markup strategy

_TAGS = [
    "html",
    "head",
    "body",
    "title",
    "meta",
    "p",
    "div",
    "span",
    "a",
    "b",
    "i",
    "em",
    "strong",
    "br",
    "hr",
    "img",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "tr",
    "td",
    "th",
    "h1",
    "h2",
    "h3",
    "h6",
    "pre",
    "blockquote",
    "article",
    "section",
    "nav",
    "header",
    "footer",
    "aside",
    "main",
    "figure",
    "figcaption",
    "form",
    "button",
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "math",
    "iframe",
    "textarea",
    "select",
    "option",
    "xmp",
    "plaintext",
    "frameset",
    "x-custom",
    "fb:like",
    "P",
    "DIV",
]
_ATTR_NAMES = [
    "class",
    "id",
    "style",
    "href",
    "src",
    "alt",
    "title",
    "hidden",
    "aria-hidden",
    "role",
    "data-x",
    "onclick",
    "charset",
    "lang",
    "dir",
    "content",
    "http-equiv",
    "x",
]
_ENTITIES = [
    "&amp;",
    "&lt;",
    "&gt;",
    "&quot;",
    "&nbsp;",
    "&#8220;",
    "&#x201D;",
    "&#0;",
    "&#xD800;",
    "&#1114112;",
    "&#x110000;",
    "&#65279;",
    "&#8203;",
    "&bogus;",
    "&amp",
    "&",
    "&#",
    "&#x;",
    "&lt;p&gt;",
    "&copy;",
]
_TOKENS = [
    "<",
    ">",
    "</",
    "/>",
    "<!",
    "<!-->",
    "<!--->",
    "--!>",
    "]]>",
    "</p>",
    "</div>",
    "</body>",
    "</html>",
    "<br/>",
    "<p/>",
    "<!DOCTYPE html>",
    "<?xml version='1.0'?>",
    "<![CDATA[",
    "\x00",
    "\r\n",
    "\u2028",
]

_text = st.one_of(
    st.sampled_from(SAMPLE_LINES),
    st.text(max_size=30),
    st.sampled_from(_ENTITIES),
    st.sampled_from(_TOKENS),
)
_attr_value = st.one_of(st.text(max_size=15), st.sampled_from(["nav menu", "article-body", "<p>x</p>", "'\"", ""]))


@st.composite
def _attribute(draw: st.DrawFn) -> str:
    name = draw(st.one_of(st.sampled_from(_ATTR_NAMES), st.from_regex(r"[a-zA-Z:_-]{1,8}", fullmatch=True)))
    quote = draw(st.sampled_from(['"', "'", "", None]))
    if quote is None:
        return name  # a bare attribute
    return f"{name}={quote}{draw(_attr_value)}{quote}"


@st.composite
def _element(draw: st.DrawFn, children: st.SearchStrategy[str]) -> str:
    tag = draw(st.sampled_from(_TAGS))
    attrs = "".join(" " + a for a in draw(st.lists(_attribute(), max_size=3)))
    inner = "".join(draw(st.lists(children, max_size=4)))
    end = draw(st.sampled_from(["close", "close", "close", "open", "self", "wrong"]))
    if end == "open":
        return f"<{tag}{attrs}>{inner}"  # never closed
    if end == "self":
        return f"<{tag}{attrs}/>{inner}"
    closer = draw(st.sampled_from(_TAGS)) if end == "wrong" else tag
    return f"<{tag}{attrs}>{inner}</{closer}>"


@st.composite
def _special(draw: st.DrawFn) -> str:
    """Comments, CDATA, scripts and styles, each sometimes left unterminated."""
    body = draw(st.one_of(st.sampled_from(SAMPLE_LINES), st.text(max_size=20), st.sampled_from(_TOKENS)))
    kind = draw(st.sampled_from(["comment", "cdata", "script", "style"]))
    closed = draw(st.booleans())
    if kind == "comment":
        return f"<!--{body}" + ("-->" if closed else "")
    if kind == "cdata":
        return f"<![CDATA[{body}" + ("]]>" if closed else "")
    return f"<{kind}>{body}" + (f"</{kind}>" if closed else "")


_markup = st.recursive(st.one_of(_text, _special()), _element, max_leaves=30)


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    """HTML-ish markup: nested, half-broken elements mixed with sample lines, in a page shell or not."""
    body = "".join(draw(st.lists(_markup, min_size=1, max_size=6)))
    if draw(st.booleans()):
        title = draw(st.sampled_from(SAMPLE_LINES))
        body = f"<!DOCTYPE html><html><head><title>{title}</title></head><body>{body}</body></html>"
    return body


# ----------------------------------------------------------------------------- properties


def _check(raw: str | bytes, input_format: str = "auto") -> None:
    """:func:`check_document`, letting through only the failures listed as open in ``open.json``."""
    try:
        check_document(raw, input_format)
    except InvariantError as exc:
        if exc.kind not in OPEN_KINDS:
            raise
        event(f"open failure {exc.kind}")


@fuzz_settings
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(data: bytes) -> None:
    for _, raw, input_format in variants(data):  # as bytes, as text, and as text forced to HTML
        _check(raw, input_format)


@fuzz_settings
@given(st.one_of(st.text(max_size=2000), documents()))
def test_arbitrary_text(text: str) -> None:
    _check(text)
    _check(text, "html")


@fuzz_settings
@given(html_pages(), st.sampled_from(["html", "auto"]))
def test_generated_markup(page: str, input_format: str) -> None:
    _check(page, input_format)


@fuzz_settings
@given(html_pages(), st.sampled_from(["html", "auto"]))
def test_generated_markup_as_bytes(page: str, input_format: str) -> None:
    _check(page.encode("utf-8", "surrogatepass"), input_format)


@st.composite
def _mojibake_documents(draw: st.DrawFn) -> str:
    """A page-like text with some of its lines read as Windows-1252 or Latin-1, as mis-decoding scrapers do."""
    import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)

    parts = draw(st.lists(st.one_of(st.sampled_from(SAMPLE_LINES), st.text(max_size=40)), min_size=1, max_size=12))
    codecs = st.sampled_from([None, "sloppy-windows-1252", "latin-1"])
    out = []
    for part in parts:
        codec = draw(codecs)
        out.append(part.encode("utf-8", "surrogatepass").decode(codec) if codec else part)
    return "\n\n".join(out)


@fuzz_settings
@given(_mojibake_documents())
def test_mojibake_documents(text: str) -> None:
    """Mis-decoded lines among clean ones: the repair must reach what ftfy's repair of the raw input reaches."""
    _check(text)


def test_checker_catches_a_repair_that_stops_half_way(monkeypatch: pytest.MonkeyPatch) -> None:
    """The repair oracle is not vacuous: a repair that removes the soft hyphen before ftfy runs is reported."""
    import newsclean.unicode as unicode_stage

    real = unicode_stage.repair
    monkeypatch.setattr(unicode_stage, "repair", lambda text: real(text.replace("\u00ad", "")))
    japanese = "政府高官は記者団に対し、今後の会合はロシアの行動に関する協議になると述べた。"
    with pytest.raises(InvariantError) as caught:
        check_document(japanese.encode("utf-8").decode("latin-1"), "text")
    assert caught.value.kind == "repair-short-of-ftfy"


@pytest.mark.parametrize("name", sorted(HTML_SEEDS))
def test_fuzzer_html_seeds_pass(name: str) -> None:
    """The fuzzer's starting points must pass, or every run would stop at once on a known failure."""
    check_input(HTML_SEEDS[name].encode("utf-8"))


def _lose_removed(doc: newsclean.Document) -> newsclean.Document:
    return dataclasses.replace(doc, removed=())


def _invent_text(doc: newsclean.Document) -> newsclean.Document:
    first, *rest = doc.paragraphs
    paragraphs = (dataclasses.replace(first, text=first.text + " Invented."), *rest)
    return dataclasses.replace(doc, paragraphs=paragraphs, text="\n\n".join(p.text for p in paragraphs))


@pytest.mark.parametrize(("damage", "kind"), [(_lose_removed, "lost"), (_invent_text, "offsets")])
def test_checker_catches_a_broken_guarantee(
    monkeypatch: pytest.MonkeyPatch, damage: Callable[[newsclean.Document], newsclean.Document], kind: str
) -> None:
    """The checks are not vacuous: a result that drops a removed block, or adds text, is reported."""
    real = newsclean.clean_document
    monkeypatch.setattr(newsclean, "clean_document", lambda raw, **options: damage(real(raw, **options)))
    with pytest.raises(InvariantError) as caught:
        check_document("Home | World | Sports\n\nThe minister resigned on Tuesday after a week of protests.")
    assert caught.value.kind == kind


def test_only_documented_errors_pass_the_checker() -> None:
    check_document("x" * 1001, max_input_chars=1000)  # InputTooLargeError, for an input over the limit: fine
    with pytest.raises(newsclean.InputTypeError):
        check_document(42)  # type: ignore[arg-type]  # a wrong type is the caller's error, not content


def test_open_kinds_are_idempotence_failures() -> None:
    """Tolerating an open kind must skip no other check: only idempotence, checked last, may be open."""
    assert all(kind.startswith("idempotent") for kind in OPEN_KINDS)


# ----------------------------------------------------------------------------- regression corpus


def _regression_cases() -> list[object]:
    cases: list[object] = []
    for path in sorted(REGRESSIONS.iterdir()):
        if path.name in NOT_INPUTS or not path.is_file():
            continue
        still_open = pytest.mark.xfail(raises=AssertionError, strict=True, reason=OPEN_FILES.get(path.name, ""))
        cases.append(pytest.param(path, id=path.name, marks=[still_open] if path.name in OPEN_FILES else []))
    return cases


def test_open_list_names_existing_files() -> None:
    assert set(OPEN_FILES) <= {p.name for p in REGRESSIONS.iterdir()}


@pytest.mark.parametrize("path", _regression_cases())
def test_regression_corpus(path: pathlib.Path) -> None:
    check_input(path.read_bytes())

"""Unicode repair: what it fixes, and what it must leave alone (CJK punctuation)."""

from __future__ import annotations

import ftfy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean.unicode import _FTFY_CONFIG, _ftfy_would_change, repair


@pytest.mark.parametrize(
    ("damaged", "fixed"),
    [
        ("caf\u00c3\u00a9", "café"),                       # mojibake
        ("AT&amp;T &lt;b&gt;", "AT&T <b>"),               # entities
        ("&amp;amp;lt;", "<"),                            # double escaping reaches the fixed point
        ("a\u200bb\ufeffc\u00add", "abcd"),               # zero-width, BOM, soft hyphen
        ("a\u00a0b\u3000c\u2009d\te", "a b c d\te"),      # odd spaces; a tab separates table cells
        ("line\r\nline\rline\u2028line", "line\nline\nline\nline"),
        ("ctrl\x00\x07\x1b chars", "ctrl chars"),
        ("\u202eevil\u202c", "evil"),                     # bidi override
        ("e\u0301", "é"),                                 # NFC
    ],
)
def test_repairs(damaged: str, fixed: str) -> None:
    assert repair(damaged)[0] == fixed


@pytest.mark.parametrize(
    "text",
    [
        "他说：“这是真的。”",          # Chinese curly quotes and full-width colon
        "「深刻な違い」，（注）！？",  # Japanese brackets and full-width punctuation
        "ＡＢＣ１２３",                # full-width Latin stays: changing width is not a repair
        "R&D, Q&A, &copy 2020",      # no semicolon: not an entity
        "👨\u200d👩\u200d👧",             # emoji ZWJ sequence keeps its joiners
        "می\u200cخواهم",             # Persian ZWNJ stays
    ],
)
def test_leaves_alone(text: str) -> None:
    assert repair(text)[0] == text


def test_reports_counts() -> None:
    _, repairs = repair("a&amp;b\u200b\u200b")
    assert dict((r.name, r.count) for r in repairs) == {"html_entities": 1, "zero_width": 2}


def test_lone_surrogates_become_replacement_characters() -> None:
    text, _ = repair("a\ud800b")
    text.encode("utf-8")
    assert "\ufffd" in text or text == "ab"


def test_idempotent_on_samples(sample) -> None:  # type: ignore[no-untyped-def]
    once = repair(sample.raw)[0]
    assert repair(once)[0] == once


def test_legacy_cjk_encoding_read_as_latin1_is_decoded_again() -> None:
    chinese = "有道是历史始于五千年前文字的发明。以文字的产生作为划分标志是简便的做法，因为历史和文字确实同时产生。"
    damaged = chinese.encode("gb18030").decode("latin-1")
    text, repairs = repair(damaged)
    assert text == chinese
    assert "legacy_cjk_encoding" in {r.name for r in repairs}


@pytest.mark.parametrize(
    "text",
    [
        "Café crème, brûlée à la française: naïve façade, où l'été déçoit. " * 4,
        "Platzwechsel, langsam erklärt: Die Löwenmännchen haben eine Mähne, größer als früher. " * 4,
        "Ya contamos con una base importante, alerta temprana y medidas de contención, señaló. " * 4,
    ],
)
def test_latin1_text_is_not_taken_for_legacy_cjk(text: str) -> None:
    assert repair(text)[0] == text


def _badness_chars_for_tests() -> str:
    from newsclean.unicode import _badness_chars

    return _badness_chars() + "‘’“”–—…• aZz1.,!?\"'°²³µ\t"


_MOJIBAKE_ALPHABET = st.sampled_from(
    [*"aeé ü'’“”—–…·•©«»ÃÂâ€™œžŸ¡¿ÐÑðñ\xa0\x80\x81\x8d\x9dﬁĳ€™Ĳ",
     "e\u0301", "\u3099", "\ufeff", "\u202e", "\u206a", "日本語", "中文", "한국어", "Привет"]
)


@given(st.lists(_MOJIBAKE_ALPHABET, max_size=40).map("".join) | st.text(max_size=60))
@settings(max_examples=400)
def test_skipping_ftfy_is_exact(line: str) -> None:
    """A line that _ftfy_would_change clears is one ftfy leaves as it is."""
    assert _ftfy_would_change(line) or ftfy.fix_and_explain(line, _FTFY_CONFIG).text == line


@pytest.mark.parametrize("line", ["cafÃ©", "donâ€™t", "\x93quoted\x94", "ﬁle", "e\u0301", "a\u206ab"])
def test_lines_ftfy_would_fix_are_not_skipped(line: str) -> None:
    assert _ftfy_would_change(line)
    assert ftfy.fix_and_explain(line, _FTFY_CONFIG).text != line


def test_typographic_characters_alone_are_never_mojibake() -> None:
    """The premise of skipping ftfy's badness test: curly quotes, dashes, the
    ellipsis and the bullet with ASCII around them never match it."""
    import itertools

    import ftfy.badness

    from newsclean.unicode import _TYPOGRAPHIC

    alphabet = _TYPOGRAPHIC + " aA.,\"'-1:?!("
    for n in range(1, 4):
        for chars in itertools.product(alphabet, repeat=n):
            assert not ftfy.badness.is_bad("".join(chars))


def test_mojibake_shape_is_derived_from_the_installed_ftfy() -> None:
    from newsclean.unicode import _MOJIBAKE_SHAPE_RX

    assert _MOJIBAKE_SHAPE_RX is not None
    assert _MOJIBAKE_SHAPE_RX.search("für Straße, naïve café") is None  # accented letters between ASCII ones
    assert _MOJIBAKE_SHAPE_RX.search("cafÃ©") is not None


def test_every_ftfy_mojibake_match_has_the_shape() -> None:
    """The shortcut is exact: ftfy's pattern never matches where the shape does not,
    checked for every pair of characters the pattern names (and ASCII beside them)."""
    import ftfy.badness

    from newsclean.unicode import _MOJIBAKE_SHAPE_RX, _badness_chars

    assert _MOJIBAKE_SHAPE_RX is not None
    chars = _badness_chars() + "‘’“”–—…• aZ1.,!?\"'°²³µ"
    for a in chars:
        for b in chars:
            pair = a + b
            if ftfy.badness.is_bad(pair):
                assert _MOJIBAKE_SHAPE_RX.search(pair), pair


@given(st.text(alphabet=st.sampled_from(list(_badness_chars_for_tests())), max_size=12))
@settings(max_examples=600)
def test_mojibake_shape_never_misses(text: str) -> None:
    import ftfy.badness

    from newsclean.unicode import _MOJIBAKE_SHAPE_RX

    assert _MOJIBAKE_SHAPE_RX is not None
    assert not ftfy.badness.is_bad(text) or _MOJIBAKE_SHAPE_RX.search(text)


def test_controls_that_mojibake_decodes_to_are_removed_too() -> None:
    """Mojibake of a bidi override ("â€®") decodes to U+202E after the pass that
    removes bidi controls has run; the repair removes it as well, so a second
    repair changes nothing."""
    once, repairs = repair("\u00e2\u20ac\u00aeThe minister resigned on Tuesday.\u00e2\u20ac\u00ac")
    assert once == "The minister resigned on Tuesday."
    assert dict((r.name, r.count) for r in repairs)["bidi_controls"] == 2
    assert repair(once)[0] == once


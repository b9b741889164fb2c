"""Unicode repair: what it fixes, and what it must leave alone (CJK punctuation)."""

from __future__ import annotations

import ftfy
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from newsclean.unicode import _FTFY_CONFIG, _ftfy_would_change, repair


@pytest.mark.parametrize(
    ("damaged", "fixed"),
    [
        ("caf\u00c3\u00a9", "café"),  # mojibake
        ("AT&amp;T &lt;b&gt;", "AT&T <b>"),  # entities
        ("&amp;amp;lt;", "<"),  # double escaping reaches the fixed point
        ("a\u200bb\ufeffc\u00add", "abcd"),  # zero-width, BOM, soft hyphen
        ("a\u00a0b\u3000c\u2009d\te", "a b c d\te"),  # odd spaces; a tab separates table cells
        ("line\r\nline\rline\u2028line", "line\nline\nline\nline"),
        ("ctrl\x00\x07\x1b chars", "ctrl chars"),
        ("\u202eevil\u202c", "evil"),  # bidi override
        ("e\u0301", "é"),  # NFC
    ],
)
def test_repairs(damaged: str, fixed: str) -> None:
    assert repair(damaged)[0] == fixed


@pytest.mark.parametrize(
    "text",
    [
        "他说：“这是真的。”",  # Chinese curly quotes and full-width colon
        "「深刻な違い」，（注）！？",  # Japanese brackets and full-width punctuation
        "ＡＢＣ１２３",  # full-width Latin stays: changing width is not a repair
        "R&D, Q&A, &copy 2020",  # no semicolon: not an entity
        "👨\u200d👩\u200d👧",  # emoji ZWJ sequence keeps its joiners
        "می\u200cخواهم",  # Persian ZWNJ stays
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
    [
        *"aeé ü'’“”—–…·•©«»ÃÂâ€™œžŸ¡¿ÐÑðñ\xa0\x80\x81\x8d\x9dﬁĳ€™Ĳ",
        "e\u0301",
        "\u3099",
        "\ufeff",
        "\u202e",
        "\u206a",
        "日本語",
        "中文",
        "한국어",
        "Привет",
    ]
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


# ----------------------------------------------------------------------------- mojibake in every script

#: One news sentence per script; each holds characters whose UTF-8 has the bytes
#: that the character-level passes touch (0xAD soft hyphen, 0x85 NEL, 0xA0 NBSP)
#: or that Windows-1252 leaves undefined (0x81 0x8D 0x8F 0x90 0x9D).
SCRIPTS = {
    "ja": "政府高官は記者団に対し、今後の会合はロシアの行動に関する協議になると述べた。",
    "zh-Hans": "中国政府表示将加强合作，双方同意在多个领域开展交流。",
    "zh-Hant": "臺灣政府發言人說，雙方將在經濟與文化領域擴大交流。",
    "ko": "미국과 유럽 동맹국들은 러시아에 대한 제재를 논의했다.",
    "ru": "Президент России заявил, что переговоры продолжатся на следующей неделе.",
    "el": "Ο πρωθυπουργός δήλωσε ότι η κυβέρνηση θα στηρίξει τις οικογένειες.",
    "ar": "قال الرئيس إن الحكومة ستواصل المحادثات الأسبوع المقبل.",
    "hi": "प्रधानमंत्री ने कहा कि सरकार अगले सप्ताह बातचीत जारी रखेगी।",
    "th": "นายกรัฐมนตรีกล่าวว่ารัฐบาลจะเจรจาต่อในสัปดาห์หน้า",
    "emoji": "Fans celebrated the win 🎉👍 until late at night 🌙.",
}


def _mojibake(text: str, codec: str) -> str:
    """``text``'s UTF-8 read as ``codec``; "sloppy-windows-1252" is what browsers do (undefined bytes kept as C1)."""
    import ftfy.bad_codecs  # noqa: F401  (registers the sloppy codecs)

    return text.encode("utf-8").decode(codec)


@pytest.mark.parametrize("codec", ["sloppy-windows-1252", "latin-1"])
@pytest.mark.parametrize("lang", sorted(SCRIPTS))
def test_mojibake_repaired_in_every_script(lang: str, codec: str) -> None:
    """The repair restores what ftfy restores: the whole sentence, not the characters without 0xAD in them."""
    text = SCRIPTS[lang]
    damaged = _mojibake(text, codec)
    assert ftfy.fix_text(damaged, _FTFY_CONFIG) == text  # the reference: ftfy alone, same settings, finishes the job
    fixed, repairs = repair(damaged)
    assert fixed == text
    assert "mojibake" in {r.name for r in repairs}


@pytest.mark.parametrize("lang", sorted(SCRIPTS))
def test_mojibake_mixed_with_clean_text_on_a_line(lang: str) -> None:
    """Mojibake at a line's start, middle and end, beside text that is already right."""
    text = SCRIPTS[lang]
    bad = _mojibake(text, "sloppy-windows-1252")
    damaged = f"{bad} — {text}\nSaid: {bad}\n{text} {bad}"
    assert repair(damaged)[0] == f"{text} — {text}\nSaid: {text}\n{text} {text}"


@pytest.mark.parametrize("lang", sorted(SCRIPTS))
def test_mojibake_repaired_in_html_and_text_documents(lang: str) -> None:
    """Through the whole pipeline, as a text dump and as an HTML page; Document.repairs says so."""
    import newsclean

    text = SCRIPTS[lang]
    bad = _mojibake(text, "sloppy-windows-1252")
    doc = newsclean.clean_document(f"{bad}\n\n{bad}", input_format="text")
    assert [p.text for p in doc.paragraphs] == [text, text] or doc.text == text
    assert "mojibake" in {r.name for r in doc.repairs}
    page = f"<html><body><article><p>{bad}</p></article></body></html>"
    assert newsclean.clean(page) == text


@pytest.mark.parametrize("byte", [0x81, 0x8D, 0x8F, 0x90, 0x9D])
def test_windows1252_undefined_bytes(byte: int) -> None:
    """UTF-8 with one of cp1252's five undefined bytes, read as a browser reads it (the byte as a C1 control)."""
    chars = [chr(c) for c in range(0x80, 0x30000) if c < 0xD800 or c > 0xDFFF]
    text = next(c for c in chars if byte in c.encode("utf-8") and c.isalpha()) * 3
    line = f"Before {text} after"
    damaged = _mojibake(line, "sloppy-windows-1252")
    assert repair(damaged)[0] == ftfy.fix_text(damaged, _FTFY_CONFIG) == line


def test_nel_from_a_latin1_reading_is_not_a_line_break() -> None:
    """U+0085 is byte 0x85 read as Latin-1 (the middle of "…"): ftfy reads it as the ellipsis it was."""
    assert repair("He waited\x85 and then left.")[0] == "He waited… and then left."


def test_utf8_read_as_latin1_is_not_decoded_as_gb18030() -> None:
    """A long Japanese line misread as Latin-1 gets its Japanese back, not Han with private-use characters."""
    text = SCRIPTS["ja"] * 3
    fixed = repair(_mojibake(text, "latin-1"))[0]
    assert fixed == text
    assert not any("\ue000" <= c <= "\uf8ff" for c in fixed)


_SCRIPT_TEXT = st.lists(st.sampled_from(sorted(SCRIPTS.values())), min_size=1, max_size=6).map("\n\n".join)


@settings(max_examples=60, deadline=None)
@given(st.one_of(_SCRIPT_TEXT, st.text(alphabet=st.characters(codec="utf-8", min_codepoint=0x20), max_size=60)))
def test_mojibake_document_keeps_the_paragraphs_of_the_clean_one(text: str) -> None:
    """For a text ftfy leaves unchanged (and whose mojibake ftfy undoes), cleaning its mojibake keeps
    the same paragraphs as cleaning the text itself."""
    import newsclean

    assume(ftfy.fix_text(text, _FTFY_CONFIG) == text)
    damaged = _mojibake(text, "sloppy-windows-1252")
    assume(ftfy.fix_text(damaged, _FTFY_CONFIG) == text)
    clean = newsclean.clean_document(text, input_format="text")
    again = newsclean.clean_document(damaged, input_format="text")
    assert [p.text for p in again.paragraphs] == [p.text for p in clean.paragraphs]


@pytest.mark.parametrize(
    "text",
    [
        "Die Farbe der Spawn-Ankündigungen wurde geändert auf „grün“ für alle Spieler. " * 5,
        "Abdullah Ocalan, el líder independentista kurdo, dijo que la guerra había terminado. " * 5,
    ],
)
def test_latin_mojibake_is_not_taken_for_legacy_cjk(text: str) -> None:
    """UTF-8 German or Spanish read as Windows-1252 is all Latin-1 pairs ("fÃ¼r"), like a legacy CJK page,
    but its bytes are UTF-8: it goes back to German, not to Shift_JIS katakana or GB18030 Han."""
    damaged = _mojibake(text, "sloppy-windows-1252")
    fixed, repairs = repair(damaged)
    assert fixed == text
    assert "legacy_cjk_encoding" not in {r.name for r in repairs}


def test_lines_ftfy_leaves_are_decoded_with_the_page_evidence() -> None:
    """ftfy keeps "Åšwiat" and "GOURMETâ„¢" (plausible either way, one line at a time); when it repaired
    other lines of the same text, the page was mis-decoded whole and those lines are decoded too."""
    page = "Świat\nGOURMET™ Gold\n" + SCRIPTS["ru"] + "\n" + SCRIPTS["el"] + "\nPolska i Świat dziś"
    damaged = _mojibake(page, "sloppy-windows-1252")
    assert ftfy.fix_text(damaged, _FTFY_CONFIG) != page  # ftfy alone leaves some lines
    assert repair(damaged)[0] == page


def test_a_lone_ambiguous_line_is_left_as_ftfy_leaves_it() -> None:
    """Without other repaired lines there is no page evidence: the line stays as ftfy leaves it."""
    damaged = _mojibake("Świat", "sloppy-windows-1252")
    assert repair(damaged)[0] == ftfy.fix_text(damaged, _FTFY_CONFIG)


def test_gbk_ideographic_space_read_as_latin1_is_a_space() -> None:
    """GBK 0xA3A0 (the ideographic space Chinese pages indent with) is U+3000 in Windows' GBK, where Python's
    GB18030 codec gives a private-use character: the repair gives the space."""
    chinese = "有道是历史始于五千年前文字的发明。以文字的产生作为划分标志是简便的做法。"
    damaged = (b"\xa3\xa0\xa3\xa0" + chinese.encode("gbk")).decode("latin-1")
    assert repair(damaged)[0] == "  " + chinese


def test_a_soft_hyphen_that_is_a_byte_of_mojibake_waits_for_ftfy() -> None:
    # "έ" is CE AD in UTF-8: read as Windows-1252 on a page that is a legacy-CJK candidate (so its
    # non-UTF-8 lines wait for the second ftfy pass), the 0xAD is a soft hyphen, removed as an
    # invisible before ftfy saw it. A soft hyphen after ordinary letters still goes.
    japanese = "カナダは市民にロシアへのすべての旅行を避けるように促します"
    damaged = "See also " + japanese.encode("utf-8").decode("latin-1") + "\n\n\u00df\u00ce\u00ad"
    assert repair(damaged)[0] == "See also " + japanese + "\n\n\u00df\u03ad"
    assert repair("Bundes\u00adregierung op\u00e9\u00adra")[0] == "Bundesregierung opéra"

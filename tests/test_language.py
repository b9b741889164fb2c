"""Language identification: the script fast path, function words, and the seeded fallback."""

from __future__ import annotations

import pytest

from newsclean.language import detect, main_language, matches


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("バイデン大統領は記者団に語った。", "ja"),
        ("拜登总统对记者表示，这是他们本月的第二次谈话。", "zh-Hans"),
        ("拜登總統對記者表示，這是他們本月的第二次談話。", "zh-Hant"),
        ("바이든 대통령은 기자들에게 말했다.", "ko"),
        ("The president spoke with reporters on Thursday about the talks.", "en"),
        ("Der Präsident sprach am Donnerstag mit den Journalisten über die Gespräche.", "de"),
        ("Le président a parlé jeudi avec les journalistes de la situation.", "fr"),
        ("El presidente habló el jueves con los periodistas sobre las conversaciones.", "es"),
        ("O presidente falou na quinta-feira com os jornalistas sobre as negociações.", "pt"),
        ("Президент в четверг поговорил с журналистами о переговорах.", "ru"),
        ("Ο πρόεδρος μίλησε με δημοσιογράφους την Πέμπτη.", "el"),
        ("12345 !!! ---", "und"),
        ("", "und"),
    ],
)
def test_detect(text: str, lang: str) -> None:
    assert detect(text) == lang


def test_detect_is_deterministic_on_the_fallback() -> None:
    text = "Wikipedia ist ein Projekt zum Aufbau einer Enzyklopädie"
    assert len({detect(text) for _ in range(5)}) == 1


def test_main_language_weights_by_length() -> None:
    assert main_language([("en", 10), ("ja", 30), ("und", 100)]) == "ja"
    assert main_language([("und", 5)]) == "und"
    assert main_language([("de", 10), ("en", 10)]) == "de"  # ties break alphabetically


def test_matches_bare_codes_and_subtags() -> None:
    assert matches("zh-Hans", ("zh",))
    assert matches("zh-Hans", ("zh-hans",))
    assert not matches("zh-Hans", ("zh-hant",))
    assert not matches("en", ("eng",))

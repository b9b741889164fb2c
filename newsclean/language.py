"""Stage 5, language: which language each kept paragraph is in.

The fast path counts scripts, which settles most of the world's text without a
model: Kana means Japanese, Hangul Korean, Han alone Chinese (simplified or
traditional by a table of characters that differ), Greek, Hebrew, Thai and the
Indic scripts their main language. Latin, Cyrillic and Arabic text is told
apart by counting frequent function words (``data/stopwords.json``). Only when
that is inconclusive does langdetect run, with a fixed seed so the answer never
changes between runs; language identification therefore never dominates the
run time.

Codes are BCP 47: ISO 639-1 where one exists, ``zh-Hans`` / ``zh-Hant`` for
Chinese, ``und`` when the text has nothing to go on (digits, symbols).
"""

from __future__ import annotations

import functools
import json
import re
from collections import Counter
from importlib import resources
from itertools import chain

from .chars import LETTERS_RX

__all__ = ["detect", "detect_many", "main_language", "matches", "stopword_index"]

#: Characters sampled from a paragraph; the start of a paragraph is enough.
_SAMPLE = 400
#: Fewest function-word hits that settle a Latin, Cyrillic or Arabic-script text.
_MIN_HITS = 2
#: Text shorter than this (characters) is not given to langdetect: too little evidence.
_MIN_DETECT_CHARS = 25
_LANGDETECT_SEED = 0
#: Share of the text the title's language needs to be the document's language.
PREFERRED_SHARE = 0.3

_SCRIPTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("kana", re.compile(r"[\u3040-\u30ff\u31f0-\u31ff]")),
    ("han", re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")),
    ("hangul", re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")),
    ("latin", re.compile(r"[A-Za-z\u00c0-\u024f]")),
    ("cyrillic", re.compile(r"[\u0400-\u04ff]")),
    ("arabic", re.compile(r"[\u0600-\u06ff\u0750-\u077f]")),
    ("greek", re.compile(r"[\u0370-\u03ff]")),
    ("hebrew", re.compile(r"[\u0590-\u05ff]")),
    ("thai", re.compile(r"[\u0e00-\u0e7f]")),
    ("devanagari", re.compile(r"[\u0900-\u097f]")),
    ("bengali", re.compile(r"[\u0980-\u09ff]")),
    ("tamil", re.compile(r"[\u0b80-\u0bff]")),
    ("georgian", re.compile(r"[\u10a0-\u10ff]")),
    ("armenian", re.compile(r"[\u0530-\u058f]")),
)
#: Scripts used by one main language.
_SCRIPT_LANGUAGE = {
    "hangul": "ko",
    "greek": "el",
    "hebrew": "he",
    "thai": "th",
    "devanagari": "hi",
    "bengali": "bn",
    "tamil": "ta",
    "georgian": "ka",
    "armenian": "hy",
}
#: Characters whose simplified and traditional forms differ (simplified, traditional).
_SIMPLIFIED = frozenset(
    "这个们来对为发经过关门长东车问书见说时会国学从动还进现实体点电机样开业应将与产军听乐师战报边让认讯语记话该请谈识论"
    "选连运远际陆难须题颜风飞马鱼鸟龙万"
)
_TRADITIONAL = frozenset(
    "這個們來對為發經過關門長東車問書見說時會國學從動還進現實體點電機樣開業應將與產軍聽樂師戰報邊讓認訊語記話該請談識論"
    "選連運遠際陸難須題顏風飛馬魚鳥龍萬"
)
_LATIN_RX = re.compile(r"[A-Za-z]")
_ACCENTED_LATIN_RX = re.compile(r"[A-Za-z\u00c0-\u024f]")


@functools.cache
def stopword_index() -> dict[str, tuple[str, ...]]:
    """word -> languages that list it, from ``data/stopwords.json``."""
    path = resources.files("newsclean") / "data" / "stopwords.json"
    table: dict[str, list[str]] = json.loads(path.read_text(encoding="utf-8"))
    index: dict[str, set[str]] = {}
    for lang in sorted(table):
        for word in table[lang]:
            index.setdefault(word.casefold(), set()).add(lang)
    return {w: tuple(sorted(langs)) for w, langs in index.items()}


@functools.cache
def _langdetect_factory():  # type: ignore[no-untyped-def]
    """A private langdetect factory with a fixed seed (the global one is left alone)."""
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.seed = _LANGDETECT_SEED
    return factory


@functools.cache
def detectable_languages() -> frozenset[str]:
    """Every tag (lower case) :func:`detect` can give: what ``CleanConfig.languages`` may ask for.

    A code outside this set can match no paragraph, so asking for it is a
    mistake worth an error rather than an empty result.
    """
    import os

    from langdetect.detector_factory import PROFILES_DIRECTORY

    found = {"ja", "zh-hans", "zh-hant", *_SCRIPT_LANGUAGE.values(), *(lang.lower() for lang in stopword_index_langs())}
    for name in os.listdir(PROFILES_DIRECTORY):
        found.add({"zh-cn": "zh-hans", "zh-tw": "zh-hant"}.get(name.lower(), name.lower()))
    return frozenset(found)


def stopword_index_langs() -> tuple[str, ...]:
    """The languages of ``data/stopwords.json``."""
    path = resources.files("newsclean") / "data" / "stopwords.json"
    return tuple(sorted(json.loads(path.read_text(encoding="utf-8"))))


#: Characters of a document's undecided paragraphs pooled for one decision.
_POOL = 2000


def detect(text: str) -> str:
    """The language of one paragraph, or ``"und"``.

    >>> detect("これは日本語の文です。")
    'ja'
    >>> detect("这是一个中文句子。")
    'zh-Hans'
    """
    return detect_many([text])[0]


def detect_many(texts: list[str]) -> list[str]:
    """The language of each paragraph of one document.

    Paragraphs the fast path cannot settle (a short Latin heading, a line of
    names) are decided together: their pooled text is scored by function words,
    and only if that fails goes to langdetect, once per document. That keeps
    langdetect off the hot path and gives short paragraphs the evidence of the
    whole page.
    """
    langs: list[str | None] = [_fast(t) for t in texts]
    undecided = [i for i, lang in enumerate(langs) if lang is None]
    if undecided:
        pooled = " ".join(texts[i][:_SAMPLE] for i in undecided)[:_POOL]
        decided = [lang for lang in langs if lang is not None and lang != "und"]
        guess = _by_function_words(pooled)
        if guess is None and decided:
            guess = Counter(decided).most_common(1)[0][0] if _same_script(decided) else None
        if guess is None:
            guess = _by_langdetect(pooled) if len(pooled.strip()) >= _MIN_DETECT_CHARS else "und"
        for i in undecided:
            langs[i] = guess
    return [lang or "und" for lang in langs]


def _same_script(langs: list[str]) -> bool:
    """Whether the decided languages are all written in an alphabet (not CJK)."""
    return not any(lang in ("ja", "ko") or lang.startswith("zh") for lang in langs)


def _fast(text: str) -> str | None:
    """Script counting and function words; None when that is not enough."""
    sample = text[:_SAMPLE]
    if sample.isascii():
        # Only Latin letters (or none): skip the script census.
        return _by_function_words(sample) if _LATIN_RX.search(sample) else "und"
    if max(sample) < "\u0370":
        # Latin with accents (nothing past Latin Extended and combining marks): the census would say Latin.
        return _by_function_words(sample) if _ACCENTED_LATIN_RX.search(sample) else "und"
    counts = {name: len(rx.findall(sample)) for name, rx in _SCRIPTS}
    script = max(sorted(counts), key=lambda s: counts[s])
    if counts[script] == 0:
        return "und"
    if counts["kana"] and counts["kana"] * 10 >= counts["han"]:
        return "ja"
    if script in ("han", "kana"):
        return _chinese_variant(sample)
    if script in _SCRIPT_LANGUAGE:
        return _SCRIPT_LANGUAGE[script]
    return _by_function_words(sample)


def _chinese_variant(sample: str) -> str:
    simplified = sum(1 for ch in sample if ch in _SIMPLIFIED)
    traditional = sum(1 for ch in sample if ch in _TRADITIONAL)
    return "zh-Hant" if traditional > simplified else "zh-Hans"


def _by_function_words(sample: str) -> str | None:
    get = stopword_index().get
    scores = Counter(chain.from_iterable(langs for w in LETTERS_RX.findall(sample.casefold()) if (langs := get(w))))
    if not scores:
        return None
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    best, hits = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    if hits >= _MIN_HITS and hits >= runner_up + 2 and hits > 1.25 * runner_up:
        return best
    return None


def _by_langdetect(sample: str) -> str:
    from langdetect.lang_detect_exception import LangDetectException

    detector = _langdetect_factory().create()
    detector.append(sample)
    try:
        code: str = detector.detect()
    except LangDetectException:
        return "und"
    return {"zh-cn": "zh-Hans", "zh-tw": "zh-Hant"}.get(code, code)


def main_language(weighted: list[tuple[str, int]], prefer: str | None = None) -> str:
    """The language with the most text; ``und`` only when nothing else is known.

    ``prefer`` (the title's language) wins when it holds at least
    :data:`PREFERRED_SHARE` of the text: a Chinese page that quotes a long
    English original is still a Chinese page.
    """
    totals: Counter[str] = Counter()
    for lang, weight in weighted:
        if lang != "und":
            totals[lang] += weight
    if not totals:
        return prefer if prefer and prefer != "und" else "und"
    if prefer is not None and prefer in totals and totals[prefer] >= PREFERRED_SHARE * sum(totals.values()):
        return prefer
    return sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def matches(lang: str, wanted: tuple[str, ...]) -> bool:
    """Whether ``lang`` is one of ``wanted``; a bare code matches its subtags."""
    low = lang.lower()
    return any(low == w or low.startswith(w + "-") for w in wanted)

"""Phrase lexicons: the wording of boilerplate, kept as data per language.

Each ``lexicons/<lang>.json`` file lists, per kind of boilerplate, phrases in
three match modes (see ``docs/lexicons.md``):

``exact``     the whole normalised line is the phrase ("related articles");
``prefix``    the line starts with the phrase ("see also ...", "上一篇:...");
``contains``  the phrase occurs in a line of at most :data:`CONTAINS_MAX_CHARS`
              characters ("your email address will not be published");
``suffix``    a short line ends with the phrase ("jane doe says:").

All languages are merged into one :class:`Lexicon`, because pages mix them (a
Japanese article under an English WordPress comment form). Adding a language
means adding a data file, not code.

Prefix and contains phrases are compiled into one regular expression each,
shaped as a trie (``le(?:ave a reply|arn more)``) so that matching costs a
few steps per character whatever the number of phrases, and cannot backtrack
catastrophically: the pattern has no nested quantifiers.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import Any

from .chars import effective_length
from .document import Kind

__all__ = ["CONTAINS_MAX_CHARS", "Lexicon", "PhraseHit", "load_lexicon", "normalise"]

#: Lines longer than this are not searched for ``contains`` phrases: a
#: boilerplate notice is short, and a long paragraph that quotes one is content.
CONTAINS_MAX_CHARS = 600
#: A ``contains`` match on a line longer than this (effective characters) counts only for the kinds
#: whose notices run long (cookie banners, comment policies, legal text).
CONTAINS_SHORT_CHARS = 250
LONG_NOTICE_KINDS = frozenset({Kind.COOKIE, Kind.COMMENTS, Kind.SYNDICATION, Kind.COPYRIGHT, Kind.ADVERTISEMENT})
#: Only this many leading characters are normalised for matching.
_NORMALISE_CHARS = CONTAINS_MAX_CHARS + 40

#: When one phrase is listed under two kinds, the kind earlier here wins.
KIND_PRIORITY: tuple[Kind, ...] = (
    Kind.COMMENTS,
    Kind.RELATED,
    Kind.READ_MORE,
    Kind.PREV_NEXT,
    Kind.BACK_TO_TOP,
    Kind.SYNDICATION,
    Kind.COPYRIGHT,
    Kind.COOKIE,
    Kind.SHARE,
    Kind.ADVERTISEMENT,
    Kind.MEDIA,
    Kind.CAPTION,
    Kind.CREDIT,
    Kind.BYLINE,
    Kind.DATELINE,
    Kind.CONTACT,
    Kind.SECTION,
    Kind.LABEL,
    Kind.NAV,
    Kind.BREADCRUMB,
)
_MODES = ("exact", "prefix", "contains", "suffix")
#: A ``suffix`` phrase ("says", "schreibt") ends a comment's author line, which is short.
SUFFIX_MAX_CHARS = 60

# Curly quotes and apostrophes compare as straight ones.
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00b4": "'"})
# Decoration that does not change what a line says.
_LEADING = " +*•·∙◦‣▪▫■□▶►▸>»›-–—|#~=_:([【〔《「『\"'"
_TRAILING = " :;.。…,，、!！?？»›>→|+*#-–—=_)]】〕》」』\"'/"


def normalise(text: str) -> str:
    """The form lines are matched in: NFKC, case-folded, quotes straightened,
    white space collapsed, decoration stripped from both ends.

    >>> normalise("  » Related Articles: ")
    'related articles'
    >>> normalise("投稿邮箱：x")
    '投稿邮箱:x'
    """
    s = text[:_NORMALISE_CHARS]
    # ASCII is its own NFKC form and has no curly quotes: skip both (most lines are ASCII).
    s = s.lower() if s.isascii() else unicodedata.normalize("NFKC", s).casefold().translate(_QUOTES)
    return " ".join(s.split()).replace(" :", ":").lstrip(_LEADING).rstrip(_TRAILING)


def _light(text: str) -> str:
    """Normalise a prefix or contains phrase without stripping its punctuation:
    the colon of ``"photo:"`` is what keeps it from matching ``"Photographers ..."``."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().translate(_QUOTES).split()).replace(" :", ":")


@dataclass(frozen=True, slots=True)
class PhraseHit:
    """A lexicon match: the kind, the mode, the phrase and the text after a prefix."""

    kind: Kind
    mode: str
    phrase: str
    rest: str


class Lexicon:
    """All languages' phrases, compiled for matching.

    Build it with :func:`load_lexicon` (cached); the constructor takes the
    parsed data so tests can build small lexicons of their own.
    """

    def __init__(self, tables: Iterable[dict[str, Any]]) -> None:
        exact: dict[str, Kind] = {}
        prefixes: dict[str, Kind] = {}
        contains: dict[str, Kind] = {}
        suffixes: dict[str, Kind] = {}
        months: set[str] = set()
        roots: set[str] = set()
        targets = {"exact": exact, "prefix": prefixes, "contains": contains, "suffix": suffixes}
        by_kind: dict[Kind, dict[str, list[str]]] = {}
        for table in tables:
            for kind_name, modes in table.get("phrases", {}).items():
                kind = Kind(kind_name)
                slot = by_kind.setdefault(kind, {m: [] for m in _MODES})
                for mode in _MODES:
                    slot[mode].extend(modes.get(mode, ()))
            months.update(normalise(m) for m in table.get("months", ()))
        # Insert in priority order so that the first kind to claim a phrase keeps it.
        for kind in KIND_PRIORITY:
            for mode in _MODES:
                for phrase in by_kind.get(kind, {}).get(mode, ()):
                    norm = normalise(phrase) if mode in ("exact", "suffix") else _light(phrase)
                    if not norm:
                        continue
                    if kind is Kind.BREADCRUMB and mode == "exact":
                        roots.add(norm)  # breadcrumb roots ("home") only anchor a trail
                        continue
                    targets[mode].setdefault(norm, kind)
        self.exact = exact
        self.prefixes = prefixes
        self.contains = contains
        self.suffixes = suffixes
        self._cjk_suffixes = tuple(sorted((x for x in suffixes if _is_cjk(x[0])), key=lambda x: (-len(x), x)))
        self._suffix_max_words = max((len(x.split()) for x in suffixes), default=0)
        self.months = frozenset(months)
        self.breadcrumb_roots = frozenset(roots)
        self.agencies = frozenset(p for p, k in exact.items() if k is Kind.CREDIT)
        self._prefix_rx = _compile_trie(prefixes)  # used with .match(): anchored at the start
        # Contains phrases in Han or Kana go into one trie pattern, searched only
        # in lines with such characters; the others are found through their
        # longest word, which is much cheaper than a regex search of every line.
        cjk_phrases = [p for p in contains if any(_is_cjk(ch) for ch in p)]
        self._contains_cjk_rx = _compile_trie(cjk_phrases)
        anchors: dict[str, list[str]] = {}
        for phrase in sorted(set(contains) - set(cjk_phrases)):
            words = _WORD_RX.findall(phrase)
            if words:
                anchor = max(sorted(words), key=len)
                anchors.setdefault(anchor, []).append(phrase)
        self._contains_by_word = anchors

    def match(self, norm: str) -> PhraseHit | None:
        """Match a :func:`normalise`-d line: exact first, then prefix, then contains."""
        kind = self.exact.get(norm)
        if kind is not None:
            return PhraseHit(kind, "exact", norm, "")
        hit = self.prefix(norm)
        if hit is not None:
            return hit
        if len(norm) <= SUFFIX_MAX_CHARS and self.suffixes:
            suffix = self._suffix_of(norm)
            if suffix is not None:
                return PhraseHit(self.suffixes[suffix], "suffix", suffix, norm[: -len(suffix)].strip())
        return self.contained(norm)

    def prefix(self, norm: str) -> PhraseHit | None:
        """The ``prefix`` match of a :func:`normalise`-d line alone."""
        m = self._prefix_rx.match(norm) if self._prefix_rx is not None else None
        if m is None:
            return None
        phrase = m.group()
        return PhraseHit(self.prefixes[phrase], "prefix", phrase, norm[m.end() :].lstrip(_LEADING))

    def contained(self, norm: str) -> PhraseHit | None:
        """The ``contains`` match of a :func:`normalise`-d line alone.

        :meth:`match` returns the first mode that matches, but a rule may turn
        a prefix or suffix match down ("By choosing I Accept, you consent to
        our use of cookies" is no byline): the rule then asks for this one.
        """
        if len(norm) <= CONTAINS_MAX_CHARS:
            found = self._find_contained(norm)
            if found is not None:
                kind = self.contains[found]
                if kind in LONG_NOTICE_KINDS or effective_length(norm) <= CONTAINS_SHORT_CHARS:
                    return PhraseHit(kind, "contains", found, "")
        return None

    def _suffix_of(self, norm: str) -> str | None:
        """The suffix phrase ``norm`` ends with: its last words, or a CJK ending."""
        words = norm.split()
        for k in range(min(len(words) - 1, self._suffix_max_words), 0, -1):
            tail = " ".join(words[-k:])
            if tail in self.suffixes:
                return tail
        for suffix in self._cjk_suffixes:
            if norm.endswith(suffix) and len(norm) > len(suffix):
                return suffix
        return None

    def _find_contained(self, norm: str) -> str | None:
        """The contained phrase that starts leftmost (the longest at a tie), if any."""
        best: tuple[int, int, str] | None = None
        if self._contains_cjk_rx is not None and not norm.isascii():
            m = self._contains_cjk_rx.search(norm)
            if m is not None:
                best = (m.start(), -len(m.group()), m.group())
        # Only the words that anchor some phrase (a set intersection, in C).
        for word in self._contains_by_word.keys() & set(_WORD_RX.findall(norm)):
            for phrase in self._contains_by_word[word]:
                at = _find_bounded(norm, phrase)
                if at >= 0 and (best is None or (at, -len(phrase)) < best[:2]):
                    best = (at, -len(phrase), phrase)
        return best[2] if best is not None else None


def _find_bounded(text: str, phrase: str) -> int:
    """Where ``phrase`` first occurs in ``text`` ending at a word boundary, or -1."""
    needs_boundary = phrase[-1].isalnum() and not _is_cjk(phrase[-1])
    at = text.find(phrase)
    while at >= 0:
        end = at + len(phrase)
        if not needs_boundary or end == len(text) or not (text[end].isalnum() or text[end] == "_"):
            return at
        at = text.find(phrase, at + 1)
    return -1


_WORD_RX = re.compile(r"\w+")
_Trie = dict[str, "_Trie"]


def _compile_trie(phrases: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern matching any phrase, built as a trie.

    A phrase that ends in a letter or digit of an alphabetic script must end at
    a word boundary ("by" matches "by jane", not "bypass"); CJK phrases need no
    boundary because those scripts do not separate words with spaces.
    """
    trie: _Trie = {}
    for phrase in sorted(set(phrases)):
        node = trie
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}
    if not trie:
        return None
    body = _trie_regex(trie, "")
    return re.compile(body)


def _trie_regex(node: _Trie, last: str) -> str:
    alternatives = []
    ends_here = "" in node
    for ch in sorted(k for k in node if k):
        alternatives.append(re.escape(ch) + _trie_regex(node[ch], ch))
    end = r"(?!\w)" if last and last.isalnum() and not _is_cjk(last) else ""
    if not alternatives:
        return end
    if len(alternatives) == 1 and not ends_here:
        return alternatives[0]
    group = "(?:" + "|".join(alternatives) + ")"
    if ends_here:
        # Longer phrases are tried first; the shorter phrase ending here is the fallback.
        return "(?:" + "|".join(alternatives) + ("|" + end if end else "|") + ")"
    return group


def _is_cjk(ch: str) -> bool:
    """Whether ``ch`` belongs to the CJK blocks whose text has no spaces between words
    (Han, Kana, CJK punctuation and symbols; not Hangul, which has them): a phrase
    ending in one needs no word boundary. Wider than :func:`newsclean.chars.is_cjk`
    on purpose, since CJK punctuation ends words too."""
    return "\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or ch >= "\U00020000"


@functools.cache
def load_lexicon() -> Lexicon:
    """The lexicon built from every data file shipped in ``newsclean/lexicons``."""
    folder = resources.files("newsclean") / "lexicons"
    tables = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            tables.append(json.loads(entry.read_text(encoding="utf-8")))
    return Lexicon(tables)

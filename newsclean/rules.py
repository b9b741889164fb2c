"""Block rules that read one block alone: lexicon phrases and line shapes.

Each rule is one small function from :class:`~newsclean.features.Features` to
a :class:`Verdict` or ``None``; :data:`BLOCK_RULES` runs them in order and the
first verdict wins. Rules that need a block's neighbours live in
:mod:`newsclean.classify`.

Rule ids are ``<kind>.<how>``: stable strings users may filter on, listed with
their meaning in :data:`RULE_IDS` and in ``docs/rules.md``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from .chars import CJK_RX, DIGIT_RX, effective_length
from .document import Kind
from .features import Features, ends_sentence
from .lexicon import PhraseHit, load_lexicon, normalise

__all__ = ["BLOCK_RULES", "RULE_IDS", "Verdict", "block_verdict", "dateline_parts", "decoration"]


@dataclass(frozen=True, slots=True)
class Verdict:
    """Why a block is boilerplate."""

    kind: Kind
    rule: str


#: Which lexicon match modes each kind's data uses; each gives a rule id
#: ``<kind>.exact``, ``<kind>.prefix`` or ``<kind>.phrase`` (for ``contains``).
_LEXICON_MODES: dict[Kind, tuple[str, ...]] = {
    Kind.NAV: ("exact", "prefix", "phrase"),
    Kind.BREADCRUMB: ("prefix",),
    Kind.SECTION: ("exact",),
    Kind.LABEL: ("exact",),
    Kind.RELATED: ("exact", "prefix"),
    Kind.READ_MORE: ("exact", "prefix", "phrase"),
    Kind.COMMENTS: ("exact", "prefix", "phrase", "suffix"),
    Kind.SHARE: ("exact", "prefix", "phrase"),
    Kind.SYNDICATION: ("exact", "prefix", "phrase"),
    Kind.COPYRIGHT: ("exact", "prefix", "phrase"),
    Kind.CAPTION: ("prefix", "phrase"),
    Kind.CREDIT: ("exact", "prefix", "phrase"),
    Kind.MEDIA: ("exact", "prefix", "phrase"),
    Kind.BYLINE: ("exact", "prefix"),
    Kind.DATELINE: ("prefix",),
    Kind.PREV_NEXT: ("exact", "prefix"),
    Kind.BACK_TO_TOP: ("exact",),
    Kind.CONTACT: ("exact", "prefix", "phrase"),
    Kind.ADVERTISEMENT: ("exact", "prefix", "phrase"),
    Kind.COOKIE: ("exact", "prefix", "phrase"),
}
_MODE_MEANING = {
    "exact": "the whole line is a known {} phrase",
    "prefix": "the line starts with a known {} phrase",
    "phrase": "a short line contains a known {} phrase",
    "suffix": "a short line ends with a known {} phrase (a comment's author line: 'jane says:')",
}

#: Every rule id newsclean can report, with what it means.
RULE_IDS: dict[str, str] = {
    **{f"{k.value}.{m}": _MODE_MEANING[m].format(k.value) for k, modes in _LEXICON_MODES.items() for m in modes},
    # shape rules
    "comments.count": "a comment section's header with its count: '34 Comments', '12 responses to ...'",
    "nav.separators": "three or more short items separated by | or spaced bullets",
    "nav.url": "the line is a bare web address",
    "breadcrumb.separators": "short items chained by > » › → or spaced /",
    "share.words": "a short line whose every word is a known control word, one a share button: 'Share Tweet Email'",
    "nav.words": "a short line whose every word is a known menu or control word: 'Home World Sports'",
    "contact.email": "a short line with an e-mail address",
    "copyright.symbol": "a short line with ©, (c) YEAR or a leading 'copyright'",
    "dateline.date": "a short line that is a date or time, perhaps with a source name",
    "credit.slash": "a photo credit shaped 'Name/Agency' with a known agency",
    "caption.credit-suffix": "a text ending in a 'Name/Agency' photo credit",
    # context rules (newsclean.classify)
    "caption.after-media": "the block right after a gallery or photo prompt",
    "caption.truncated-repeat": "a block ending in an ellipsis that repeats the start of a block just before",
    "nav.count-list": "three or more lines in a row, each a short name and a count: 'Politics (47)' (category widgets)",
    "related.teaser-run": "two or more long headline-like lines in a row inside the body",
    "nav.menu-run": "four or more short headline-like lines in a row inside the body",
    "nav.element": "HTML: a line inside a <nav> element that the scorer kept (a mega-menu's joined item names)",
    "comments.after-marker": "after the comment section began",
    "related.after-marker": "after a related-articles header ended the article",
    "duplicate.joined": "a block made of paragraphs kept before it, joined: the article rendered again as one block",
    "duplicate.repeat": (
        "a block of a passage that stands earlier in the same order: kept blocks in a row, two of them "
        "long (80 effective characters or more), with the short headings and list items between them"
    ),
    "outside.decoration": "a line with no letter or digit: rules, separators, ornaments",
    "outside.head": "before the article's first paragraph (and not its title)",
    "outside.tail": "after the article's last paragraph",
    "outside.no-body": "the text has no paragraph of prose at all, and no region of lines with enough text to keep",
    "outside.fallback": "a text without prose keeps its densest region of lines (Document.fallback): not in it",
    "outside.scorer": "the learned block scorer rates the block as page furniture, not article text",
    "language.filter": "the paragraph's language is not among CleanConfig.languages",
    "template.site": "a line the site repeats on many pages (CleanConfig.site_profile)",
}

# Length limits (effective characters; a CJK character counts three).
_PREFIX_MAX = 400  # a prefix rule fires only on a line this short ...
_LONG_PREFIX_MAX = 1500  # ... except captions and notices, which may run long
_LONG_PREFIX_KINDS = frozenset({Kind.CAPTION, Kind.COPYRIGHT, Kind.SYNDICATION})
_BYLINE_MAX = 120
_CJK_BYLINE_CHARS = 30
_DATELINE_MAX = 160
_CONTACT_MAX = 160
_COPYRIGHT_MAX = 400
_NAV_ITEM_MAX = 40  # every item of a separated menu is at most this long
_NAV_ITEM_MEAN = 24  # and they average at most this
_CRUMB_ITEM_MAX = 40
_CREDIT_NAME_MAX = 60

_NAV_SEPARATORS = ("|", "｜", "¦", " • ", " · ", " ∙ ", " ◦ ", " ▪ ", " / ")
_CRUMB_SEPARATORS = (">", "›", "»", "→", "＞", " / ")
# Any of the separators, found in one scan.
_NAV_SEP_RX = re.compile("|".join(re.escape(sep) for sep in _NAV_SEPARATORS))
_CRUMB_SEP_RX = re.compile("|".join(re.escape(sep) for sep in _CRUMB_SEPARATORS))
_NAV_SPLIT_RX = re.compile(r"\s*[|｜¦]\s*|\s+[•·∙◦▪/]\s+")
_CRUMB_SPLIT_RX = re.compile(r"\s*[>›»→＞]\s*|\s+/\s+")
_URL_ONLY_RX = re.compile(r"(?:https?://|www\.)\S+")
#: The handle in the signature line of an embedded social-media post.
_POST_SIGNATURE_RX = re.compile(r"\(@\w{1,30}\)")
_COPYRIGHT_RX = re.compile(r"©|\(c\)\s*\d{4}|^copyright\b", re.IGNORECASE)
_CLAUSE_END_RX = re.compile(r"[。．.!?！？)）]")


def _lexicon_rule(f: Features) -> Verdict | None:
    hit = f.hit
    if hit is None:
        return None
    if hit.mode == "exact":
        return Verdict(hit.kind, f"{hit.kind.value}.exact")
    if hit.mode == "contains":
        return Verdict(hit.kind, f"{hit.kind.value}.phrase")
    verdict = _suffix_verdict(f, hit) if hit.mode == "suffix" else _prefix_verdict(f, hit)
    if verdict is None:
        # The line's start or end did not have the shape its phrase needs; a
        # notice phrase inside it still counts ("By choosing I Accept, you consent ...").
        inner = load_lexicon().contained(f.norm)
        if inner is not None:
            return Verdict(inner.kind, f"{inner.kind.value}.phrase")
    return verdict


def _suffix_verdict(f: Features, hit: PhraseHit) -> Verdict | None:
    # "jane doe says:" heads a comment; without its colon it may be prose.
    return Verdict(hit.kind, f"{hit.kind.value}.suffix") if f.text.endswith((":", "：")) else None


def _prefix_verdict(f: Features, hit: PhraseHit) -> Verdict | None:
    kind = hit.kind
    # The line must be short enough to be a label, and for some kinds
    # the rest of the line must have the right shape.
    limit = _LONG_PREFIX_MAX if kind in _LONG_PREFIX_KINDS else _PREFIX_MAX
    if f.eff > limit:
        return None
    if kind is Kind.BYLINE and not _is_byline(f, hit.phrase):
        return None
    if kind is Kind.DATELINE and (
        f.eff > _DATELINE_MAX or not DIGIT_RX.search(hit.rest) or (f.terminal and f.eff > 60)
    ):
        return None  # "Updated guidance was issued ..." is prose; a dateline carries a date
    return Verdict(kind, f"{kind.value}.prefix")


def _is_byline(f: Features, phrase: str) -> bool:
    """'By Jane Doe' yes, 'By the time ...' no: a short line and a capitalised name."""
    if f.eff > _BYLINE_MAX or f.terminal:
        return False  # a byline is a label, not a sentence
    words = f.text.split()
    skip = len(phrase.split())
    name = words[skip : skip + 2] if len(words) > skip else []
    if not name:
        # CJK prefixes (记者, 作者:) are glued to the name, and the line is short.
        return f.cjk_share > 0 and len(phrase) < len(f.norm) <= _CJK_BYLINE_CHARS
    return all(w[:1].isupper() or not w[:1].isascii() for w in name)


_COUNT_RX = re.compile(r"^\d{1,6}\s*")


def _comment_count(f: Features) -> Verdict | None:
    """'34 Comments', '12 responses to “Title”', '5 条评论': a comment section's header."""
    m = _COUNT_RX.match(f.norm)
    if m is None or f.eff > _PREFIX_MAX:
        return None
    rest = f.norm[m.end() :]
    hit = load_lexicon().match(rest) if rest else None
    if hit is not None and hit.kind is Kind.COMMENTS and hit.mode in ("exact", "prefix"):
        return Verdict(Kind.COMMENTS, "comments.count")
    return None


_WORDLIKE_RX = re.compile(r"[^\W_]")


def decoration(f: Features) -> Verdict | None:
    """A line with no letter or digit at all: rules, separators, ornaments ("* * *", "|||")."""
    if _WORDLIKE_RX.search(f.text) is None:
        return Verdict(Kind.OUTSIDE, "outside.decoration")
    return None


def _separated_menu(f: Features) -> Verdict | None:
    if _NAV_SEP_RX.search(f.text) is None:
        return None
    items = [i for i in _NAV_SPLIT_RX.split(f.text) if i]
    if len(items) < 3:
        return None
    lengths = [_eff(i) for i in items]
    if max(lengths) <= _NAV_ITEM_MAX and sum(lengths) / len(lengths) <= _NAV_ITEM_MEAN:
        return Verdict(Kind.NAV, "nav.separators")
    return None


#: Kinds whose one-word lexicon entries are page controls and menu items.
_CONTROL_KINDS = frozenset(
    {
        Kind.SHARE,
        Kind.NAV,
        Kind.LABEL,
        Kind.COMMENTS,
        Kind.READ_MORE,
        Kind.PREV_NEXT,
        Kind.BACK_TO_TOP,
    }
)
_CONTROL_WORDS_MAX = 6


def _control_words(f: Features) -> Verdict | None:
    """Buttons and menu items glued into one line by the scraper ("Share Tweet Submit",
    "Home World Sports"): every word is, on its own, a known control word."""
    if f.terminal or f.eff > 80 or f.cjk_share:
        return None
    words = f.norm.split()
    if not 2 <= len(words) <= _CONTROL_WORDS_MAX:
        return None
    exact = load_lexicon().exact
    kinds = [exact.get(w) for w in words]
    if not all(k in _CONTROL_KINDS for k in kinds):
        return None
    if Kind.SHARE in kinds:
        return Verdict(Kind.SHARE, "share.words")
    return Verdict(Kind.NAV, "nav.words")


def _breadcrumb(f: Features) -> Verdict | None:
    if _CRUMB_SEP_RX.search(f.text) is None:
        return None
    items = [i for i in _CRUMB_SPLIT_RX.split(f.text) if i]
    if len(items) < 2 or f.eff > 300:
        return None
    lengths = [_eff(i) for i in items]
    root = normalise(items[0]) in load_lexicon().breadcrumb_roots
    if root and max(lengths[:-1]) <= _CRUMB_ITEM_MAX:
        return Verdict(Kind.BREADCRUMB, "breadcrumb.separators")
    if len(items) >= 3 and max(lengths) <= _CRUMB_ITEM_MAX:
        return Verdict(Kind.BREADCRUMB, "breadcrumb.separators")
    return None


def _email(f: Features) -> Verdict | None:
    if f.has_email and f.eff <= _CONTACT_MAX:
        return Verdict(Kind.CONTACT, "contact.email")
    return None


def _bare_url(f: Features) -> Verdict | None:
    if f.has_url and _URL_ONLY_RX.fullmatch(f.text):
        return Verdict(Kind.NAV, "nav.url")
    return None


def _copyright(f: Features) -> Verdict | None:
    if f.eff <= _COPYRIGHT_MAX and _COPYRIGHT_RX.search(f.text):
        return Verdict(Kind.COPYRIGHT, "copyright.symbol")
    return None


def _dateline(f: Features) -> Verdict | None:
    if f.eff > _DATELINE_MAX or not DIGIT_RX.search(f.text):
        return None
    if _POST_SIGNATURE_RX.search(f.text):
        return None  # "— Jane Doe (@jane) May 2, 2019" signs an embedded post the article quotes
    parts = dateline_parts(f.text)
    if parts is None:
        return None
    return Verdict(Kind.DATELINE, "dateline.date")


def _credit(f: Features) -> Verdict | None:
    """'Pool/Getty Images' is a credit; '... Jane Doe/Reuters' ends a caption."""
    if "/" not in f.text or f.terminal:
        return None
    head, _, agency = f.text.rpartition("/")
    if normalise(agency) not in load_lexicon().agencies:
        return None
    if _eff(head) <= _CREDIT_NAME_MAX and len(head.split()) <= 6 and not _CLAUSE_END_RX.search(head):
        return Verdict(Kind.CREDIT, "credit.slash")
    # The name before the slash follows the caption's last sentence or clause.
    name = _CLAUSE_END_RX.split(head)[-1].strip()
    if name and len(name.split()) <= 5 and _eff(head) - _eff(name) >= 20:
        return Verdict(Kind.CAPTION, "caption.credit-suffix")
    return None


def _credit_in_parentheses(f: Features) -> Verdict | None:
    """'Protesters outside parliament (Image: Getty)': a caption that ends with its
    credit in parentheses, the credit opening with a labelled credit or caption
    phrase of the lexicons ("image:", "foto:", "bild:")."""
    stripped = f.text.rstrip(" .")
    if not stripped.endswith(")") or f.eff > _PAREN_CREDIT_MAX_EFF:
        return None
    open_at = stripped.rfind("(", max(0, len(stripped) - _PAREN_CREDIT_MAX_CHARS))
    if open_at <= 0 or not stripped[:open_at].strip():
        return None
    hit = load_lexicon().prefix(normalise(stripped[open_at + 1 : -1]))
    if hit is None or hit.kind not in (Kind.CREDIT, Kind.CAPTION) or not hit.phrase.endswith(":") or not hit.rest:
        return None
    return Verdict(Kind.CAPTION, "caption.credit-suffix")


#: A caption with its credit in parentheses is at most this long (effective characters) ...
_PAREN_CREDIT_MAX_EFF = 400
#: ... and the credit at most this long (characters, parentheses included).
_PAREN_CREDIT_MAX_CHARS = 80


#: The rules that read one block alone, in the order they are tried.
BLOCK_RULES: tuple[Callable[[Features], Verdict | None], ...] = (
    _lexicon_rule,
    _comment_count,
    _credit,
    _credit_in_parentheses,
    _separated_menu,
    _control_words,
    _breadcrumb,
    _dateline,
    _email,
    _copyright,
    _bare_url,
)


def block_verdict(f: Features) -> Verdict | None:
    """The first block rule that fires, or ``None`` when the block looks like content.

    Short blocks are memoised (the settle pass and repeated menus see the same
    texts again); long ones are not, so the memo never holds much text.
    """
    if len(f.text) > MEMO_MAX_CHARS:
        return _first_verdict(f)
    # Keyed by the text (its hash is cached by str), not by the Features object.
    hit = _VERDICT_MEMO.get(f.text, _MISSING)
    if hit is _MISSING:
        if len(_VERDICT_MEMO) >= MEMO_SIZE:
            _VERDICT_MEMO.clear()  # bounded: start over rather than track recency
        hit = _VERDICT_MEMO[f.text] = _first_verdict(f)
    return hit  # type: ignore[return-value]


#: Blocks up to this long are memoised, in at most :data:`MEMO_SIZE` entries.
MEMO_MAX_CHARS = 1000
MEMO_SIZE = 4096


def _first_verdict(f: Features) -> Verdict | None:
    for rule in BLOCK_RULES:
        verdict = rule(f)
        if verdict is not None:
            return verdict
    return None


_VERDICT_MEMO: dict[str, Verdict | None] = {}
_MISSING = object()


def _eff(text: str) -> int:
    return effective_length(text.strip())


# ---------------------------------------------------------------- dates
_NUMERIC_DATE = (
    r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*[日号]?"
    r"|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}"
    r"|\d{4}\s*년\s*\d{1,2}\s*월\s*\d{1,2}\s*일"
    r"|\d{1,2}月\d{1,2}日"
)
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?|\d{1,2}時\d{1,2}分|\d{1,2}\s*[ap]\.?m\."
_FILLER_RX = re.compile(r"[\s\-–—|/,.:;()\[\]·•]+")
_SOURCE_MAX_WORDS = 4
_SOURCE_MAX_CJK = 12
_SENTENCE_MIN_WORDS = 2


@functools.cache
def _date_rx() -> re.Pattern[str]:
    months = sorted(load_lexicon().months, key=lambda m: (-len(m), m))
    month = "|".join(re.escape(m) for m in months) or "(?!x)x"
    named = (
        rf"(?:{month})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
        rf"|\d{{1,2}}\.?\s+(?:de\s+)?(?:{month})\.?,?\s+(?:de\s+)?\d{{4}}"
    )
    return re.compile(rf"(?<!\d)(?:{_NUMERIC_DATE}|{named})(?!\d)", re.IGNORECASE)


def _sentence_after(text: str, date_rx: re.Pattern[str]) -> bool:
    """Whether words follow the last date or time of ``text`` and end in a sentence's final punctuation."""
    if not ends_sentence(text):
        return False
    end = 0
    for rx in (date_rx, _TIME_RX):
        for m in rx.finditer(text):
            end = max(end, m.end())
    tail = text[end:]
    # A clause, not a time zone or an "a.m." ("Nov. 20, 2019 at 3 p.m. ET."): CJK, or two words.
    return CJK_RX.search(tail) is not None or len(_WORDS_RX.findall(tail)) >= _SENTENCE_MIN_WORDS


_NUMERIC_DATE_RX = re.compile(rf"(?<!\d)(?:{_NUMERIC_DATE})(?!\d)")
_WORDS_RX = re.compile(r"[^\W\d_]+")
_TIME_RX = re.compile(rf"(?<!\d)(?:{_TIME})(?!\d)", re.IGNORECASE)


def dateline_parts(text: str) -> tuple[str, str] | None:
    """``(date, source)`` when ``text`` is a dateline, else ``None``.

    A dateline is a date (or a date and time) and at most a short name:
    ``2021-12-31 13:55 美国新闻网``, ``November 20, 2019``.
    """
    if _NUMERIC_DATE_RX.search(text) is None and load_lexicon().months.isdisjoint(_WORDS_RX.findall(text.casefold())):
        return None  # neither a numeric date nor a month name: skip the long month pattern
    date_rx = _date_rx()
    m = date_rx.search(text)
    if m is None:
        return None
    if _sentence_after(text, date_rx):
        return None  # "12月5日，国务院召开常务会议。": a sentence that opens with its date
    date = m.group()
    rest = date_rx.sub(" ", text)
    t = _TIME_RX.search(rest)
    if t is not None:
        date = f"{date} {t.group()}"
        rest = _TIME_RX.sub(" ", rest)
    source = _FILLER_RX.sub(" ", rest).strip()
    cjk = len(CJK_RX.findall(source))
    if cjk > _SOURCE_MAX_CJK or len(source.split()) > _SOURCE_MAX_WORDS + (1 if cjk else 0):
        return None
    return " ".join(date.split()), source

"""Page metadata from HTML: what the page declares about itself.

News pages describe themselves in several overlapping vocabularies: Open Graph
(``og:title``, ``article:published_time``), Twitter cards, Dublin Core, plain
``<meta name="author">``, schema.org JSON-LD (``NewsArticle`` with
``datePublished``, ``author``, ``publisher``), ``<link rel="canonical">``,
``<html lang>`` and ``<time datetime>``. This module reads them in one pass over
the ``<head>`` (and a few body elements) of the tree the DOM walk already
parsed, most specific first; :mod:`newsclean.api` falls back to what the text
itself shows (datelines, bylines, the detected title and language) only where
the page declares nothing.

Values are cleaned, never invented: dates are normalised to ISO 8601 only when
they already carry a year, month and day; a value that is a URL where a name is
expected (``article:author`` often holds a profile URL) is dropped.
:func:`text_date` does the same for a date the *text* shows ("Jan. 7, 2008",
"15.01.2008", "2008年12月21日"), and takes a date without a year ("12月21日")
only when the caller knows the year (from the page's URL).
"""

from __future__ import annotations

import datetime
import functools
import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Any

from selectolax.lexbor import LexborHTMLParser

__all__ = ["PageMeta", "json_ld_documents", "page_meta", "text_date", "title_candidates", "url_year"]

#: Meta keys (``name``, ``property`` or ``itemprop``, lower case) by field, most specific first.
META_KEYS: dict[str, tuple[str, ...]] = {
    "title": ("og:title", "twitter:title", "dc.title", "dcterms.title", "headline", "sailthru.title"),
    "date": (
        "article:published_time",
        "og:article:published_time",
        "datepublished",
        "publishdate",
        "publish-date",
        "pubdate",
        "parsely-pub-date",
        "sailthru.date",
        "dc.date",
        "dc.date.issued",
        "dcterms.created",
        "dcterms.date",
        "date",
        "article.published",
        "published_time",
        "og:published_time",
        "datecreated",
        "article:modified_time",
        "datemodified",
    ),
    "authors": (
        "author",
        "article:author",
        "dc.creator",
        "dcterms.creator",
        "sailthru.author",
        "parsely-author",
        "byl",
        "citation_author",
    ),
    "site_name": ("og:site_name", "application-name", "twitter:site", "publisher", "dc.publisher"),
    "url": ("og:url", "twitter:url"),
    "language": ("og:locale", "content-language", "dc.language", "language", "inlanguage"),
}
#: JSON-LD types that describe an article.
_ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "blogposting",
        "webpage",
        "report",
        "scholarlyarticle",
        "techarticle",
        "liveblogposting",
        "socialmediaposting",
    }
)
_DATE_RX = re.compile(
    r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d{1,9})?\s?(Z|[+-]\d{2}:?\d{2})?)?"
)
_COMPACT_DATE_RX = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?$")
_URL_RX = re.compile(r"^(?:https?:)?//|^www\.", re.IGNORECASE)
_LANG_RX = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")
_JSON_LD_MAX = 200_000
_AUTHOR_SEP_RX = re.compile(r"\s*(?:[,;|&]|\band\b)\s*")


@dataclass(frozen=True, slots=True)
class PageMeta:
    """What the page declares; every field may be empty."""

    title: str | None = None
    date: str | None = None
    authors: tuple[str, ...] = ()
    site_name: str | None = None
    url: str | None = None
    language: str | None = None
    #: The profile the page declares (:func:`newsclean.pagetype.declared_profile`): article, thread, product, listing.
    profile: str = "article"
    #: Every title the page declares (``og:title``, ``<title>``, JSON-LD ``headline``, ...), in order;
    #: ``title`` falls back to the first ``<h1>``, which is a headline but no declaration.
    titles: tuple[str, ...] = ()


def page_meta(tree: LexborHTMLParser) -> PageMeta:
    """Read the declared metadata of a parsed page."""
    found: dict[str, list[str]] = {field: [] for field in (*META_KEYS, "h1")}
    _from_json_ld(tree, found)
    _from_meta_tags(tree, found)
    _from_elements(tree, found)
    authors: list[str] = []
    for name in found["authors"]:
        if _URL_RX.match(name.strip()) or "://" in name:
            continue  # article:author is often a profile URL, not a name
        for part in _AUTHOR_SEP_RX.split(name):
            part = " ".join(part.split())
            if part and "/" not in part and len(part) <= 80 and part not in authors:
                authors.append(part)
    dates = [d for d in (_iso_date(v) for v in found["date"]) if d]
    langs = [lang for lang in (_language(v) for v in found["language"]) if lang]
    urls = [u for u in found["url"] if u.startswith(("http://", "https://"))]
    titles = tuple(dict.fromkeys(t for t in (" ".join(v.split()) for v in found["title"]) if t))
    return PageMeta(
        titles=titles[:10],
        title=_first(found["title"] + found["h1"]),
        date=dates[0] if dates else None,
        authors=tuple(authors[:10]),
        site_name=_first(s for s in found["site_name"] if not s.startswith("@") or len(s) > 1),
        url=urls[0] if urls else None,
        language=langs[0] if langs else None,
    )


def _first(values: Iterator[str] | list[str]) -> str | None:
    for v in values:
        v = " ".join(v.split())
        if v:
            return v
    return None


def _from_meta_tags(tree: LexborHTMLParser, found: dict[str, list[str]]) -> None:
    index: dict[str, list[str]] = {}
    for node in tree.css("meta"):
        attrs = node.attributes
        content = attrs.get("content")
        if not content:
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = attrs.get(attr)
            if key:
                index.setdefault(key.strip().lower(), []).append(content.strip())
    for field, keys in META_KEYS.items():
        for key in keys:
            found[field].extend(index.get(key, ()))


def _from_elements(tree: LexborHTMLParser, found: dict[str, list[str]]) -> None:
    """Elements rather than meta tags: canonical link, <html lang>, <title>, <time>, rel=author."""
    for node in tree.css("link[rel]"):
        attrs = node.attributes
        rel = (attrs.get("rel") or "").lower().split()
        href = (attrs.get("href") or "").strip()
        if "canonical" in rel and href:
            found["url"].insert(0, href)
    html = tree.css_first("html")
    if html is not None:
        lang = html.attributes.get("lang") or html.attributes.get("xml:lang")
        if lang:
            found["language"].insert(0, lang)
    title = tree.css_first("title")
    if title is not None:
        found["title"].append(title.text())
    h1 = tree.css_first("h1")
    if h1 is not None:
        found["h1"].append(h1.text())  # a headline, but not a declared title (see PageMeta.titles)
    for node in tree.css("time[datetime]"):
        if not _in_furniture(node):
            found["date"].append(node.attributes.get("datetime") or "")
            break
    for node in tree.css("a[rel~=author], [itemprop=author] [itemprop=name], [rel=author]"):
        text = node.text(deep=True)
        if text:
            found["authors"].append(text)


#: Elements whose dates are not the article's: a table's (a birth date, a schedule), a menu's,
#: a footer's or a sidebar's (today's date in a masthead widget, a list of other stories).
_FURNITURE_TAGS = frozenset({"table", "nav", "footer", "aside"})


def _in_furniture(node: Any) -> bool:
    parent = node.parent
    for _ in range(64):
        if parent is None:
            return False
        if parent.tag in _FURNITURE_TAGS:
            return True
        parent = parent.parent
    return False


def json_ld_documents(tree: LexborHTMLParser, max_chars: int) -> Iterator[Any]:
    """Each JSON-LD script of the page, parsed; scripts longer than ``max_chars`` and malformed
    ones are skipped (so is one nested deeper than the JSON parser's stack)."""
    for node in tree.css('script[type="application/ld+json"]'):
        raw = node.text(deep=True)
        if not raw or len(raw) > max_chars:
            continue
        try:
            yield json.loads(raw)
        except (ValueError, RecursionError):
            continue


def _from_json_ld(tree: LexborHTMLParser, found: dict[str, list[str]]) -> None:
    """schema.org JSON-LD: the article object(s), in document order, before any meta tag."""
    for data in json_ld_documents(tree, _JSON_LD_MAX):
        for item in _json_ld_items(data):
            kind = item.get("@type")
            kinds = {k.lower() for k in (kind if isinstance(kind, list) else [kind]) if isinstance(k, str)}
            if not kinds & _ARTICLE_TYPES:
                continue
            _add_ld(found["title"], item.get("headline") or item.get("name"))
            _add_ld(found["date"], item.get("datePublished") or item.get("dateCreated"))
            for author in _as_list(item.get("author")) + _as_list(item.get("creator")):
                _add_ld(found["authors"], author.get("name") if isinstance(author, dict) else author)
            publisher = item.get("publisher")
            _add_ld(found["site_name"], publisher.get("name") if isinstance(publisher, dict) else publisher)
            _add_ld(found["url"], item.get("url") or _id_of(item.get("mainEntityOfPage")))
            _add_ld(found["language"], item.get("inLanguage"))


def _json_ld_items(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Objects of a JSON-LD document: top-level lists and ``@graph`` members (bounded depth)."""
    if depth > 3:
        return
    if isinstance(data, list):
        for x in data[:50]:
            yield from _json_ld_items(x, depth + 1)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _json_ld_items(data["@graph"], depth + 1)


def _as_list(value: Any) -> list[Any]:
    return value[:20] if isinstance(value, list) else [value] if value else []


def _id_of(value: Any) -> Any:
    return value.get("@id") if isinstance(value, dict) else value


def _add(values: list[str], value: Any) -> None:
    if isinstance(value, str) and value.strip():
        values.append(value.strip())


def _add_ld(values: list[str], value: Any) -> None:
    """:func:`_add` for a JSON-LD value. JSON-LD sits in a ``<script>``, whose
    text the HTML parser leaves as it is, and many sites write its strings
    HTML-escaped ("Activate &#163;71.6m"): decode them as a browser decodes
    the same text anywhere else on the page."""
    _add(values, html.unescape(value) if isinstance(value, str) and "&" in value else value)


def _iso_date(value: str) -> str | None:
    """ISO 8601 (``2019-11-19`` or ``2019-11-19T14:05:00+00:00``) from a declared date, or None."""
    value = value.strip()
    m = _COMPACT_DATE_RX.match(value)
    if m:
        y, mo, d, hh, mm, ss = m.groups()
        tz = None
    else:
        m = _DATE_RX.search(value)
        if m is None:
            return None
        y, mo, d, hh, mm, ss, tz = m.groups()
    if not (1 <= int(mo) <= 12 and 1 <= int(d) <= 31 and 1900 <= int(y) <= 2200):
        return None
    date = f"{y}-{int(mo):02d}-{int(d):02d}"
    if hh is None or mm is None or int(hh) > 23 or int(mm) > 59:
        return date
    time = f"{int(hh):02d}:{mm}:{ss or '00'}"
    if tz:
        tz = "+00:00" if tz == "Z" else tz if ":" in tz else f"{tz[:3]}:{tz[3:]}"
        return f"{date}T{time}{tz}"
    return f"{date}T{time}"


def _language(value: str) -> str | None:
    """A BCP 47 tag (``en``, ``zh-Hans``, ``pt-BR``) from ``lang``, ``og:locale`` (``en_US``) and the like."""
    value = value.strip().split(",")[0].strip()
    if not _LANG_RX.match(value):
        return None
    parts = value.replace("_", "-").split("-")
    out = [parts[0].lower()]
    for p in parts[1:]:
        out.append(p.upper() if len(p) == 2 else p.title() if len(p) == 4 else p.lower())
    return "-".join(out)


_CJK_DATE_RX = re.compile(r"(?:(\d{4})\s*[年년]\s*)?(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일号]?")
_DMY_RX = re.compile(r"(?<!\d)(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?!\d)")
_YEAR_RX = re.compile(r"(?<!\d)(1[89]\d\d|2[01]\d\d)(?!\d)")
_DAY_RX = re.compile(r"(?<![\d:])(\d{1,2})(?:st|nd|rd|th|\.|º|er)?(?![\d:])", re.IGNORECASE)
_URL_DATE_RX = re.compile(r"/((?:19|20)\d\d)(?:[/_-]?(?:0[1-9]|1[0-2]))(?:[/_-]?(?:0[1-9]|[12]\d|3[01]))?(?=[/_.-]|$)")
_URL_YEAR_RX = re.compile(r"/((?:19|20)\d\d)/")


@functools.cache
def _months() -> dict[str, int]:
    """Month names and abbreviations of every lexicon language (``data/months.json``), to their number."""
    path = resources.files("newsclean") / "data" / "months.json"
    table = json.loads(path.read_text(encoding="utf-8"))
    return {name: number for lang, names in table.items() if not lang.startswith("_") for name, number in names.items()}


@functools.cache
def _month_rx() -> re.Pattern[str]:
    names = sorted(_months(), key=lambda m: (-len(m), m))
    return re.compile(r"(?<![^\W\d_])(" + "|".join(re.escape(m) for m in names) + r")\.?(?![^\W\d_])", re.IGNORECASE)


def url_year(url: str | None) -> int | None:
    """The year a page's address dates it to (``/2008/01/07/story``, ``/20080107-story``), or None."""
    if not url:
        return None
    m = _URL_DATE_RX.search(url) or _URL_YEAR_RX.search(url)
    return int(m.group(1)) if m else None


def text_date(text: str, year: int | None = None) -> str | None:
    """ISO 8601 (``2008-01-07``) from a date as pages show it, or None when it is not one.

    >>> text_date("Jan. 7, 2008"), text_date("7. Januar 2008 14:05"), text_date("15.01.2008")
    ('2008-01-07', '2008-01-07T14:05:00', '2008-01-15')
    >>> text_date("2008年12月21日"), text_date("12月21日"), text_date("12月21日", year=2008)
    ('2008-12-21', None, '2008-12-21')

    A time shown with the date (``3:05 p.m.``) is kept, without a zone: the
    page's own clock. A date with slashes is read day first or month first
    only where one of the two is over 12 (``01/02/2008`` could be either:
    None). A date without a year is taken only with ``year`` (from the page's
    URL); a day that the month does not have (``31.02.2008``) gives None.
    """
    iso = _iso_date(text)
    if iso is not None:
        return iso
    day = _text_day(text, year)
    if day is None:
        return None
    t = _TIME_RX.search(text)
    if t is None:
        return day
    hour, minute, meridiem = int(t.group(1)), int(t.group(2)), (t.group(3) or "").lower()
    if meridiem:
        if not 1 <= hour <= 12:
            return day
        hour = hour % 12 + (12 if meridiem == "p" else 0)
    return f"{day}T{hour:02d}:{minute:02d}:00" if hour <= 23 and minute <= 59 else day


_TIME_RX = re.compile(r"(?<!\d)(\d{1,2}):(\d{2})(?::\d{2})?(?:\s*([ap])\.?m\b\.?)?", re.IGNORECASE)


def _text_day(text: str, year: int | None) -> str | None:
    """The day of :func:`text_date`, ISO 8601, without the time."""
    m = _CJK_DATE_RX.search(text)
    if m is not None:
        y = int(m.group(1)) if m.group(1) else year
        return _valid(y, int(m.group(2)), int(m.group(3)))
    m = _DMY_RX.search(text)
    if m is not None:
        a, sep, b, y_text = int(m.group(1)), m.group(2), int(m.group(3)), m.group(4)
        y = int(y_text) if len(y_text) == 4 else (2000 if int(y_text) < 70 else 1900) + int(y_text)
        if sep == "." or a > 12:
            return _valid(y, b, a)
        return _valid(y, a, b) if b > 12 else None
    month = _month_rx().search(text)
    if month is None:
        return None
    number = _months()[month.group(1).casefold()]
    rest = text[: month.start()] + " " + text[month.end() :]
    years = _YEAR_RX.findall(rest)
    y = int(years[0]) if years else year
    rest = _YEAR_RX.sub(" ", rest)
    days = [int(d) for d in _DAY_RX.findall(rest) if 1 <= int(d) <= 31]
    return _valid(y, number, days[0]) if days else None


def _valid(year: int | None, month: int, day: int) -> str | None:
    if year is None or not 1900 <= year <= 2200:
        return None
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


#: What separates a headline from the site's name in a declared title ("Budget passes | The Daily").
_TITLE_SEP_RX = re.compile(r"\s+[|–—·»:-]{1,2}\s+")


def title_candidates(titles: tuple[str, ...]) -> list[str]:
    """The declared titles, and for each that carries a site name the headline part
    (its longest part, when that is most of it: "Budget passes | The Daily" gives
    "Budget passes"; "News | Home" gives nothing more)."""
    out = list(titles)
    for title in titles:
        parts = [p for p in _TITLE_SEP_RX.split(title) if p.strip()]
        if len(parts) < 2:
            continue
        longest = max(parts, key=len)
        if len(longest) >= 0.5 * len(title) and len(longest.split()) >= 2:
            out.append(longest.strip())
    return list(dict.fromkeys(out))

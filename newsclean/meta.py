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
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from selectolax.lexbor import LexborHTMLParser

__all__ = ["PageMeta", "page_meta"]

#: Meta keys (``name``, ``property`` or ``itemprop``, lower case) by field, most specific first.
META_KEYS: dict[str, tuple[str, ...]] = {
    "title": ("og:title", "twitter:title", "dc.title", "dcterms.title", "headline", "sailthru.title"),
    "date": (
        "article:published_time", "og:article:published_time", "datepublished", "publishdate", "publish-date",
        "pubdate", "parsely-pub-date", "sailthru.date", "dc.date", "dc.date.issued", "dcterms.created",
        "dcterms.date", "date", "article.published", "published_time", "og:published_time", "datecreated",
        "article:modified_time", "datemodified", "last-modified",
    ),
    "authors": ("author", "article:author", "dc.creator", "dcterms.creator", "sailthru.author", "parsely-author",
                "byl", "citation_author"),
    "site_name": ("og:site_name", "application-name", "twitter:site", "publisher", "dc.publisher"),
    "url": ("og:url", "twitter:url"),
    "language": ("og:locale", "content-language", "dc.language", "language", "inlanguage"),
}
#: JSON-LD types that describe an article.
_ARTICLE_TYPES = frozenset({
    "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle", "blogposting",
    "webpage", "report", "scholarlyarticle", "techarticle", "liveblogposting", "socialmediaposting",
})
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


def page_meta(tree: LexborHTMLParser) -> PageMeta:
    """Read the declared metadata of a parsed page."""
    found: dict[str, list[str]] = {field: [] for field in META_KEYS}
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
    return PageMeta(
        title=_first(found["title"]),
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
        found["title"].append(h1.text())
    for node in tree.css("time[datetime]"):
        found["date"].append(node.attributes.get("datetime") or "")
        break
    for node in tree.css("a[rel~=author], [itemprop=author] [itemprop=name], [rel=author]"):
        text = node.text(deep=True)
        if text:
            found["authors"].append(text)


def _from_json_ld(tree: LexborHTMLParser, found: dict[str, list[str]]) -> None:
    """schema.org JSON-LD: the article object(s), in document order, before any meta tag."""
    for node in tree.css('script[type="application/ld+json"]'):
        raw = node.text(deep=True)
        if not raw or len(raw) > _JSON_LD_MAX:
            continue
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):  # RecursionError: nesting deeper than the parser's stack
            continue
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

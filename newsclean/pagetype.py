"""What kind of page an HTML document declares itself to be, as the profile it is cleaned with.

A news crawl holds more than articles: forum and Q&A threads, product pages,
listings and catalogues. They are cleaned by the same pipeline, but two of its
habits suit only articles: a comment section ends the article (on a thread the
replies *are* the content), and the block scorer, trained mostly on articles,
doubts every short line (a product grid or a listing is made of them).

Pages say what they are: schema.org JSON-LD ``@type`` and Open Graph
``og:type``. The tables below map those declarations to a profile; what a
profile changes is in :mod:`newsclean.classify` (:data:`~newsclean.classify.PROFILE_SCORER_FACTOR`).
A page that declares nothing, or an article, gets the article profile.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from .meta import json_ld_documents

__all__ = ["PROFILES", "declared_profile"]

#: The profiles, most specific first: a page that declares a thread and an article is a thread; an
#: article that also lists items (a carousel's ItemList) is an article.
PROFILES = ("thread", "product", "article", "listing")
#: schema.org types (lower-cased) and the profile each declares.
SCHEMA_TYPES: dict[str, str] = {
    "discussionforumposting": "thread",
    "qapage": "thread",
    "socialmediaposting": "thread",
    "product": "product",
    "productgroup": "product",
    "itemlist": "listing",
    "collectionpage": "listing",
    "searchresultspage": "listing",
    "offercatalog": "listing",
    "article": "article",
    "newsarticle": "article",
    "reportagenewsarticle": "article",
    "analysisnewsarticle": "article",
    "opinionnewsarticle": "article",
    "blogposting": "article",
    "techarticle": "article",
    "scholarlyarticle": "article",
    "report": "article",
}
#: Open Graph ``og:type`` values and the profile each declares.
OG_TYPES: dict[str, str] = {
    "article": "article",
    "product": "product",
    "product.item": "product",
    "product.group": "listing",
}
#: JSON-LD scripts longer than this are not read (a catalogue's full dump).
_JSON_LD_MAX = 1_000_000
#: How deep and how wide the JSON-LD walk goes (bounded work on hostile input).
_MAX_DEPTH = 4
_MAX_ITEMS = 200


def declared_profile(tree: LexborHTMLParser) -> str:
    """The profile the page declares (one of :data:`PROFILES`); ``"article"`` when it declares none.

    JSON-LD's top-level objects (and ``@graph`` members) speak first, the most
    specific profile winning; ``og:type`` only when they declare none of the
    types above, since many publishing systems set ``og:type=article`` on every
    page they serve.
    """
    found: set[str] = set()
    for data in json_ld_documents(tree, _JSON_LD_MAX):
        for kind in _types(data, 0):
            profile = SCHEMA_TYPES.get(kind.lower())
            if profile is not None:
                found.add(profile)
    if not found:
        og = tree.css_first('meta[property="og:type"]')
        if og is not None:
            profile = OG_TYPES.get((og.attributes.get("content") or "").strip().lower())
            if profile is not None:
                found.add(profile)
    return next((p for p in PROFILES if p in found), "article")


def _types(data: Any, depth: int) -> Iterator[str]:
    """The ``@type`` strings of a JSON-LD document's top-level objects and ``@graph`` members (bounded)."""
    if depth > _MAX_DEPTH:
        return
    if isinstance(data, list):
        for item in data[:_MAX_ITEMS]:
            yield from _types(item, depth + 1)
    elif isinstance(data, dict):
        kind = data.get("@type")
        for k in kind if isinstance(kind, list) else [kind]:
            if isinstance(k, str):
                yield k
        if "@graph" in data:
            yield from _types(data["@graph"], depth + 1)

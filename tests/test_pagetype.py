"""The page's declared profile, and what it changes in the cleaning."""

from __future__ import annotations

import json

import pytest
from selectolax.lexbor import LexborHTMLParser

import newsclean
from newsclean.pagetype import PROFILES, declared_profile


def _page(*ld: object, og: str | None = None, body: str = "") -> str:
    scripts = "".join(f'<script type="application/ld+json">{json.dumps(x)}</script>' for x in ld)
    meta = f'<meta property="og:type" content="{og}">' if og else ""
    return f"<html><head>{meta}{scripts}</head><body>{body}</body></html>"


@pytest.mark.parametrize(
    ("html", "profile"),
    [
        (_page(), "article"),
        (_page({"@type": "NewsArticle"}), "article"),
        (_page({"@type": "DiscussionForumPosting"}), "thread"),
        (_page({"@graph": [{"@type": "WebPage"}, {"@type": "QAPage"}]}), "thread"),
        (_page({"@type": ["Product", "Thing"]}), "product"),
        (_page({"@type": "ItemList"}), "listing"),
        (_page({"@type": "NewsArticle"}, {"@type": "ItemList"}), "article"),  # an article with a carousel
        (_page(og="product"), "product"),
        (_page({"@type": "Product"}, og="article"), "product"),  # og:type=article is many systems' default
        (_page(og="website"), "article"),
        ("<html><head><script type='application/ld+json'>{not json</script></head></html>", "article"),
    ],
)
def test_declared_profile(html: str, profile: str) -> None:
    assert declared_profile(LexborHTMLParser(html)) == profile
    assert profile in PROFILES


@pytest.mark.parametrize("depth", [10, 100_000])
def test_deeply_nested_json_ld_is_no_declaration_and_no_error(depth: int) -> None:
    """Deep nesting is no top-level object (and deeper than json's own stack is no crash either)."""
    nested = "[" * depth + '{"@type": "QAPage"}' + "]" * depth
    script = f'<script type="application/ld+json">{nested}</script>'
    html = f"<html><head>{script}</head><body><p>{QUESTION}</p></body></html>"
    assert declared_profile(LexborHTMLParser(html)) == "article"
    assert newsclean.clean(html) == QUESTION


QUESTION = (
    "How do I estimate how long an unfamiliar task will take, when nobody on the team has done one? "
    "We tried a few guesses last year, and every one of them was off by a factor of two or more."
)
REPLIES = (
    "Break the task into parts you have done before, estimate those, and add a margin for the rest of it.",
    "Ask someone who has done a similar task; their first guess will be better than a formula of yours.",
    "Keep a log of your estimates and the actual times, and your next guesses will improve quickly.",
)


def _thread(ld: object) -> str:
    posts = "".join(f"<div class='post'><p>{r}</p></div>" for r in REPLIES)
    body = f"<main><h1>Estimating tasks</h1><p>{QUESTION}</p><h2>3 Comments</h2>{posts}</main>"
    return _page(ld, body=body)


def test_on_a_declared_thread_the_replies_are_the_content() -> None:
    doc = newsclean.clean_document(_thread({"@type": "DiscussionForumPosting"}))
    assert all(r in doc.text for r in REPLIES)
    assert "3 Comments" not in doc.text  # the marker itself is still furniture


def test_on_an_article_the_comment_section_ends_it() -> None:
    doc = newsclean.clean_document(_thread({"@type": "NewsArticle"}))
    assert QUESTION in doc.text
    assert not any(r in doc.text for r in REPLIES)
    assert {r.rule for r in doc.removed if r.text in REPLIES} == {"comments.after-marker"}

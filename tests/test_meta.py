"""Page metadata: what an HTML page declares comes first, what the text shows second."""

from __future__ import annotations

import json
from importlib import resources

import pytest

import newsclean
from newsclean.meta import text_date

BODY = (
    "<p>The council approved the budget on Tuesday after a long debate about schools and roads in the city.</p>"
    "<p>Opponents said the plan raises taxes, while supporters pointed to new bus routes and longer hours.</p>"
)


def _page(head: str, body: str = BODY, lang: str = "en-gb") -> str:
    return f"<!doctype html><html lang='{lang}'><head>{head}</head><body><article>{body}</article></body></html>"


def test_json_ld_and_meta_tags() -> None:
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Council passes budget",
        "datePublished": "2024-03-05T09:30:00Z",
        "author": [{"@type": "Person", "name": "Ana Ruiz"}],
        "publisher": {"@type": "Organization", "name": "The Daily Example"},
    }
    head = (
        f'<script type="application/ld+json">{json.dumps(ld)}</script>'
        '<meta property="og:title" content="Budget passes (OG)">'
        '<link rel="canonical" href="https://example.org/news/budget">'
    )
    meta = newsclean.clean_document(_page(head)).metadata
    assert meta.title == "Council passes budget"
    assert meta.date == "2024-03-05T09:30:00+00:00"
    assert meta.authors == ("Ana Ruiz",)
    assert meta.site_name == "The Daily Example"
    assert meta.url == "https://example.org/news/budget"
    assert meta.language == "en-GB"


def test_html_escaped_json_ld_strings_are_decoded() -> None:
    """JSON-LD sits in a script the parser leaves alone; its HTML-escaped strings read as the page shows them."""
    ld = {
        "@type": "NewsArticle",
        "headline": "Chelsea pay &#163;71.6m &amp; sign keeper",
        "author": {"name": "Se&aacute;n O&#8217;Neill"},
    }
    meta = newsclean.clean_document(_page(f'<script type="application/ld+json">{json.dumps(ld)}</script>')).metadata
    assert meta.title == "Chelsea pay £71.6m & sign keeper"
    assert meta.authors == ("Seán O’Neill",)


def test_open_graph_and_plain_meta_without_json_ld() -> None:
    head = (
        "<title>Budget passes - The Daily Example</title>"
        '<meta property="og:site_name" content="The Daily Example">'
        '<meta property="article:published_time" content="20240305">'
        '<meta property="article:author" content="https://example.org/staff/ana">'
        '<meta name="author" content="Ana Ruiz, Bo Chen">'
        '<meta property="og:url" content="https://example.org/b">'
    )
    meta = newsclean.clean_document(_page(head, lang="pt_BR")).metadata
    assert meta.title == "Budget passes - The Daily Example"
    assert meta.date == "2024-03-05"
    assert meta.authors == ("Ana Ruiz", "Bo Chen")  # the profile URL is not a name
    assert meta.site_name == "The Daily Example"
    assert meta.url == "https://example.org/b"
    assert meta.language == "pt-BR"


def test_broken_declarations_are_ignored_not_raised() -> None:
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>'
        '<meta name="date" content="next Tuesday">'
        '<link rel="canonical" href="javascript:alert(1)">'
    )
    meta = newsclean.clean_document(_page(head, lang="not a language")).metadata
    assert meta.date is None
    assert meta.url is None
    assert meta.language == "en"  # nothing usable declared: the detected language


def test_plain_text_falls_back_to_what_the_text_shows() -> None:
    text = (
        "Council passes budget\n\nBy Ana Ruiz\n\n"
        "The council approved the budget on Tuesday after a long debate about schools and roads in the city.\n\n"
        "Opponents said the plan raises taxes, while supporters pointed to new bus routes and longer hours."
    )
    doc = newsclean.clean_document(text)
    assert doc.metadata.title == doc.title == "Council passes budget"
    assert doc.metadata.authors == ("Ana Ruiz",)
    assert doc.metadata.language == "en"
    assert doc.metadata.url is None and doc.metadata.site_name is None


def test_the_declared_title_names_the_headline_line_the_text_left_out() -> None:
    """A headline set apart from the article (a menu between them) is the title when the page declares it so."""
    page = (
        "<!doctype html><html><head><meta property='og:title' content='Council passes budget'></head><body>"
        "<header><h1>Council passes budget</h1></header>"
        "<nav><a href='/'>Home</a> | <a href='/w'>World</a> | <a href='/s'>Sports</a></nav>"
        f"<article>{BODY}</article><footer>© 2024 The Daily</footer></body></html>"
    )
    doc = newsclean.clean_document(page)
    assert doc.title == "Council passes budget"
    assert "Council passes budget" not in [r.text for r in doc.removed]
    titled = newsclean.clean(page, include_title=True)
    assert titled.startswith("Council passes budget\n\nThe council approved")
    assert newsclean.clean(titled, include_title=True) == titled
    other = page.replace("content='Council passes budget'", "content='Budget news'")
    assert newsclean.clean_document(other).title is None  # no line of the page is the declared title


def test_the_headline_part_of_a_title_with_the_site_name_names_the_headline() -> None:
    page = (
        "<!doctype html><html><head><title>Council passes budget | The Daily Courier</title></head><body>"
        "<header><h1>Council passes budget</h1></header>"
        "<nav><a href='/'>Home</a> | <a href='/w'>World</a> | <a href='/s'>Sports</a></nav>"
        f"<article>{BODY}</article><footer>© 2024 The Daily</footer></body></html>"
    )
    assert newsclean.clean_document(page).title == "Council passes budget"
    titled = newsclean.clean(page, include_title=True)
    assert newsclean.clean(titled, include_title=True) == titled


@pytest.mark.parametrize(
    ("shown", "year", "iso"),
    [
        ("Jan. 7, 2008", None, "2008-01-07"),
        ("January 7th, 2008 3:05 p.m. ET", None, "2008-01-07T15:05:00"),
        ("Nov 5 2019, 12:30 AM", None, "2019-11-05T00:30:00"),
        ("7. Januar 2008", None, "2008-01-07"),
        ("7 de enero de 2008", None, "2008-01-07"),
        ("20 ноября 2019", None, "2019-11-20"),
        ("15.01.2008", None, "2008-01-15"),
        ("15/01/2008", None, "2008-01-15"),
        ("01/15/2008", None, "2008-01-15"),
        ("01/02/2008", None, None),  # day first or month first: cannot tell
        ("31.02.2008", None, None),  # no such day
        ("2008年12月21日", None, "2008-12-21"),
        ("2019년 3월 5일", None, "2019-03-05"),
        ("12月21日", None, None),  # no year: not a date to report ...
        ("12月21日", 2008, "2008-12-21"),  # ... unless the page's URL gives it
        ("2021-12-31 13:55", None, "2021-12-31T13:55:00"),
        ("Updated", None, None),
    ],
)
def test_dates_the_text_shows_become_iso_8601(shown: str, year: int | None, iso: str | None) -> None:
    assert text_date(shown, year) == iso


def test_every_lexicon_month_has_its_number() -> None:
    months = json.loads((resources.files("newsclean") / "data" / "months.json").read_text(encoding="utf-8"))
    for path in (resources.files("newsclean") / "lexicons").iterdir():
        lexicon = json.loads(path.read_text(encoding="utf-8"))
        names = lexicon.get("months", [])
        assert set(names) == set(months.get(path.name.removesuffix(".json"), {})), path.name
        assert all(1 <= n <= 12 for n in months.get(path.name.removesuffix(".json"), {}).values())


def _dated_text(dateline: str) -> str:
    return (
        f"Council passes budget\n\n{dateline}\n\n"
        "The council approved the budget on Tuesday after a long debate about schools and roads in the city.\n\n"
        "Opponents said the plan raises taxes, while supporters pointed to new bus routes and longer hours."
    )


def test_a_dateline_gives_an_iso_date_or_none() -> None:
    assert newsclean.clean_document(_dated_text("Jan. 7, 2008")).metadata.date == "2008-01-07"
    assert newsclean.clean_document(_dated_text("12月21日")).metadata.date is None
    doc = newsclean.clean_document(_dated_text("12月21日"), url="https://news.example/2008/12/21/budget")
    assert doc.metadata.date == "2008-12-21"


def test_a_date_in_a_table_or_a_menu_is_not_the_articles() -> None:
    table = "<table><tr><td>Born</td></tr><tr><td>March 3, 1951</td></tr></table>"
    nav = "<nav><span>Sunday, December 6, 2026</span></nav>"
    for furniture in (table, nav):
        doc = newsclean.clean_document(_page("", furniture + BODY))
        assert doc.metadata.date is None, furniture
    assert newsclean.clean_document(_page("", "<p>March 3, 1951</p>" + BODY)).metadata.date == "1951-03-03"


def test_the_crawl_day_is_not_the_date() -> None:
    """``<meta http-equiv="last-modified">`` is the server's clock when the page was fetched."""
    head = "<meta http-equiv='last-modified' content='2026-12-06 10:00:00'>"
    assert newsclean.clean_document(_page(head)).metadata.date is None
    footer = "<footer><time datetime='2026-12-06'>Today</time></footer>"
    assert newsclean.clean_document(_page("", BODY + footer)).metadata.date is None


@pytest.mark.parametrize(
    ("dateline", "source"),
    [
        ("Jan. 7, 2008 Reuters", "Reuters"),
        ("Updated on Jan. 7, 2008 CBS News", "CBS News"),
        ("Jan. 7, 2008 | Home | World", None),
        ("Updated Jan. 7, 2008", None),
        ("Published Jan. 7, 2008 8:05 EST Wednesday", None),
        ("Jan. 7, 2008 Get short URL", None),
    ],
)
def test_a_source_is_a_name_not_a_menu_fragment(dateline: str, source: str | None) -> None:
    assert newsclean.clean_document(_dated_text(dateline)).metadata.source == source


def test_the_declared_site_name_is_the_source() -> None:
    head = "<meta property='og:site_name' content='The Daily Courier'>"
    doc = newsclean.clean_document(_page(head, "<p>Jan. 7, 2008 | Home | World</p>" + BODY))
    assert doc.metadata.source == doc.metadata.site_name == "The Daily Courier"


def test_a_handle_or_a_list_of_sections_is_not_the_source() -> None:
    for name in ("@courier", "Sport | F1 | MotoGP"):
        head = f"<meta property='og:site_name' content='{name}'>"
        assert newsclean.clean_document(_page(head)).metadata.source is None, name

"""Markdown input: the pages that LLM-oriented scrapers hand out, cleaned to their words."""

from __future__ import annotations

import pytest

import newsclean
from newsclean.decode import detect_format
from newsclean.markdown import markdown_text

P1 = ("The council approved the budget on **Tuesday** after a long debate about "
      "[schools](https://example.com/schools) and roads in the city.")
P2 = "Opponents said the plan raises taxes, while supporters pointed to new bus routes and longer library hours."
PAGE = "\n\n".join((
    "* [Home](https://example.com/)", "* [World](https://example.com/world)", "* [Sports](https://example.com/sports)",
    "# Council passes budget after long debate",
    "By [Ana Ruiz](https://example.com/ana) | March 5, 2024",
    "![Image 1: Council chamber](https://example.com/img.jpg)",
    P1, P2,
    "## Related",
    "* [Mayor to seek second term](https://example.com/mayor)", "* [Bus routes expand](https://example.com/bus)",
    "© 2024 Example News",
))


def test_a_markdown_page_comes_out_as_its_article_without_syntax() -> None:
    doc = newsclean.clean_document(PAGE)
    assert doc.text.split("\n\n") == [
        "The council approved the budget on Tuesday after a long debate about schools and roads in the city.", P2,
    ]
    assert doc.title == "Council passes budget after long debate"
    assert {"Home", "Related", "Mayor to seek second term"} <= {r.text for r in doc.removed}
    assert newsclean.clean(doc.text) == doc.text


@pytest.mark.parametrize(("line", "text"), [
    ("## Budget passes ##", "Budget passes"),
    ("#hashtag stays", "#hashtag stays"),
    ("See [the report](https://example.com/r \"Report\") and [it][1].", "See the report and it."),
    ("[![logo](/logo.png)](/)", ""),
    ("[[nested](/a)](/b)", "nested"),
    ('[Budget](/b.html "Taxes > 3 (in) [...]") passes', "Budget passes"),
    ("[Print](javascript:print();) and [Mercury](/wiki/Mercury_(planet))", "Print and Mercury"),
    ("[![[https://example.com/a.jpg]](https://example.com/v.jpg)](/v) Video", " Video"),
    ('He said "yes" (twice) [sic].', 'He said "yes" (twice) [sic].'),
    ("<https://example.com/x> and <desk@example.com>", "https://example.com/x and desk@example.com"),
    ("**Bold**, *em*, __strong__, _under_, ~~gone~~ and `code`", "Bold, em, strong, under, gone and code"),
    ("snake_case_name and 2 * 3 * 4 = 24", "snake_case_name and 2 * 3 * 4 = 24"),
    ("> > quoted *twice*", "quoted twice"),
    ("- a bullet", "a bullet"),
    ("1. a numbered item", "1. a numbered item"),
    (r"\*literal\* and \[not a link\]", "*literal* and [not a link]"),
    ("[1]: https://example.com/ref", ""),
    ("[Update]: The council said it would meet again.", "[Update]: The council said it would meet again."),
    ("---", ""),
    ("|---|:--:|", ""),
    ("```python", ""),
])
def test_markdown_text_keeps_the_words_and_drops_the_syntax(line: str, text: str) -> None:
    assert markdown_text(line) == text


def test_markdown_is_told_from_text_and_html() -> None:
    assert detect_format(PAGE) == "markdown"
    assert detect_format("A dump that cites [one](https://a.example) and [two](https://b.example) links.") == "text"
    assert detect_format("<p>One [a](/a) [b](/b) [c](/c)</p><p>Two</p>") == "html"


def test_markdown_can_be_forced_and_refused() -> None:
    one_link = "The council met on Tuesday, said [the mayor](https://example.com/mayor), and approved the budget."
    assert newsclean.clean(one_link, input_format="markdown") == (
        "The council met on Tuesday, said the mayor, and approved the budget."
    )
    assert "](https://example.com/schools)" in newsclean.clean(PAGE, input_format="text")


def test_links_nested_deeper_than_one_pass_takes_settle_in_a_second() -> None:
    """Past the per-line layers the output still reads as Markdown and is cleaned again: clean() stays idempotent."""
    deep = "[" * 11 + "approved" + "](/x)" * 11
    body = [f"The council {deep} the budget on day {i} after a long debate about schools and roads." for i in (1, 2, 3)]
    doc = newsclean.clean_document("\n\n".join(("[Home](/) [World](/world) [Sports](/sports)", *body, P2)))
    assert doc.text.split("\n\n")[:3] == [
        f"The council approved the budget on day {i} after a long debate about schools and roads." for i in (1, 2, 3)
    ]
    assert newsclean.clean(doc.text) == doc.text
    assert any(r.name == "output_reparsed_as_markdown" for r in doc.repairs)


def test_a_table_becomes_its_cells_as_a_dump_shows_them() -> None:
    table = "\n".join((
        "| Pos. | Driver | Points |", "|---|:---:|--:|", "| 1 | [Kyle Busch](/kb) | 5040 |",
        "| 2 | Truex \\| Jr. | 5035 |", "| 3 | ends in a pipe \\|",
    ))
    assert markdown_text(f"Standings after the final race:\n\n{table}\n\nNot | a table") == (
        "Standings after the final race:\n\nPos.\tDriver\tPoints\n\n1\tKyle Busch\t5040\n2\tTruex | Jr.\t5035"
        "\n3\tends in a pipe |\n\nNot | a table"
    )


def test_an_image_held_in_its_address_goes_whatever_its_length() -> None:
    logo = "![logo](data:image/svg+xml;base64," + "PHN2Zz4=" * 2000 + ")"
    assert markdown_text(f"[{logo}](https://example.com/) Skip to content") == " Skip to content"

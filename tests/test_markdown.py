"""Markdown input: the pages that LLM-oriented scrapers hand out, cleaned to their words."""

from __future__ import annotations

from pathlib import Path

import pytest

import newsclean
from newsclean import Document, Paragraph
from newsclean.cli import main
from newsclean.decode import detect_format
from newsclean.markdown import markdown_text

P1 = (
    "The council approved the budget on **Tuesday** after a long debate about "
    "[schools](https://example.com/schools) and roads in the city."
)
P2 = "Opponents said the plan raises taxes, while supporters pointed to new bus routes and longer library hours."
PAGE = "\n\n".join(
    (
        "* [Home](https://example.com/)",
        "* [World](https://example.com/world)",
        "* [Sports](https://example.com/sports)",
        "# Council passes budget after long debate",
        "By [Ana Ruiz](https://example.com/ana) | March 5, 2024",
        "![Image 1: Council chamber](https://example.com/img.jpg)",
        P1,
        P2,
        "## Related",
        "* [Mayor to seek second term](https://example.com/mayor)",
        "* [Bus routes expand](https://example.com/bus)",
        "© 2024 Example News",
    )
)


def test_a_markdown_page_comes_out_as_its_article_without_syntax() -> None:
    doc = newsclean.clean_document(PAGE)
    assert doc.text.split("\n\n") == [
        "The council approved the budget on Tuesday after a long debate about schools and roads in the city.",
        P2,
    ]
    assert doc.title == "Council passes budget after long debate"
    assert {"Home", "Related", "Mayor to seek second term"} <= {r.text for r in doc.removed}
    assert newsclean.clean(doc.text) == doc.text


@pytest.mark.parametrize(
    ("line", "text"),
    [
        ("## Budget passes ##", "Budget passes"),
        ("#hashtag stays", "#hashtag stays"),
        ('See [the report](https://example.com/r "Report") and [it][1].', "See the report and it."),
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
    ],
)
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
    table = "\n".join(
        (
            "| Pos. | Driver | Points |",
            "|---|:---:|--:|",
            "| 1 | [Kyle Busch](/kb) | 5040 |",
            "| 2 | Truex \\| Jr. | 5035 |",
            "| 3 | ends in a pipe \\|",
        )
    )
    assert markdown_text(f"Standings after the final race:\n\n{table}\n\nNot | a table") == (
        "Standings after the final race:\n\nPos.\tDriver\tPoints\n\n1\tKyle Busch\t5040\n2\tTruex | Jr.\t5035"
        "\n3\tends in a pipe |\n\nNot | a table"
    )


def test_an_image_held_in_its_address_goes_whatever_its_length() -> None:
    logo = "![logo](data:image/svg+xml;base64," + "PHN2Zz4=" * 2000 + ")"
    assert markdown_text(f"[{logo}](https://example.com/) Skip to content") == " Skip to content"


# --- Document.to_markdown and the command line's --format markdown -------------------------------------

STRUCTURED = (
    "<!doctype html><html><head><title>Cup final | The Daily</title></head><body>"
    "<nav><a href='/'>Home</a> | <a href='/s'>Sport</a> | <a href='/w'>World</a></nav>"
    "<article><h1>Cup final</h1>"
    "<p>The Lions won the cup final on Saturday after a late goal in front of a full stadium of fans.</p>"
    "<h2>How the goals came</h2>"
    "<p>The first goal came after twenty minutes, when the captain headed in a corner from the left side.</p>"
    "<ul><li>Lions, 2 goals in the first half of the match</li><li>Tigers, 1 goal from a penalty kick</li></ul>"
    "<p>The coach said the team had trained for this final all season long and deserved the trophy.</p>"
    "</article></body></html>"
)


def test_markdown_output_keeps_the_title_headings_and_list_items() -> None:
    doc = newsclean.clean_document(STRUCTURED)
    md = doc.to_markdown()
    assert md.startswith("# Cup final\n\nThe Lions won the cup final")
    assert "\n\n## How the goals came\n\n" in md
    assert "\n\n- Lions, 2 goals in the first half of the match\n- Tigers, 1 goal from a penalty kick\n\n" in md
    heading = next(p for p in doc.paragraphs if p.kind == "heading")
    assert heading.level == 2
    assert [p.marker for p in doc.paragraphs if p.marker] == ["-", "-"]


def test_markdown_escapes_what_would_read_as_syntax() -> None:
    paragraphs = (
        Paragraph("# not a heading", "paragraph", "en", 1, 0, 15),
        Paragraph("1999. A year to remember for the club and its fans.", "paragraph", "en", 2, 16, 60),
        Paragraph("Team\tScore | note", "paragraph", "en", 3, 61, 70, row=True),
    )
    md = Document("", None, paragraphs, (), "en").to_markdown()
    assert md == (
        "\\# not a heading\n\n1999\\. A year to remember for the club and its fans.\n\n"
        "| Team | Score \\| note |\n| --- | --- |"
    )


def test_cli_writes_markdown_with_the_source_marked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "final.html"
    page.write_text(STRUCTURED, encoding="utf-8")
    assert main([str(page), "--format", "markdown", "--mark-source", "--quiet"]) == 0
    want = newsclean.clean_document(STRUCTURED).to_markdown()
    assert capsys.readouterr().out == f"==> {page} <==\n{want}\n\f\n"


def test_a_table_comes_out_as_a_markdown_table() -> None:
    page = (
        "<html><body><article><h1>League table</h1><p>The Lions lead the league after a win on Saturday in front "
        "of a full stadium of their fans.</p><h3>Standings</h3><table><tr><th>Team</th><th>Points</th></tr>"
        "<tr><td>Lions</td><td>30</td></tr><tr><td>Tigers</td><td>27</td></tr></table><p>The Tigers play the "
        "Lions next week in a match that could decide who wins the title this season.</p></article></body></html>"
    )
    doc = newsclean.clean_document(page)
    assert [p.text for p in doc.paragraphs if p.row] == ["Team\tPoints", "Lions\t30", "Tigers\t27"]
    assert "\n\n### Standings\n\n| Team | Points |\n| --- | --- |\n| Lions | 30 |\n| Tigers | 27 |\n\n" in (
        doc.to_markdown()
    )

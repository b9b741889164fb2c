"""The DOM walk of HTML input: segments, their features, and what the walk drops."""

from __future__ import annotations

import newsclean
from newsclean.dom import DOM_FEATURE_NAMES, html_segments

ARTICLE = (
    "<p>The council approved the budget on Tuesday after a long debate about schools and roads.</p>"
    "<p>Opponents said the plan raises taxes, while supporters pointed to new bus routes for the city.</p>"
)


def _feature(row: tuple[float, ...], name: str) -> float:
    return row[DOM_FEATURE_NAMES.index(name)]


def test_one_line_per_block_element_with_a_row_each() -> None:
    page = html_segments(f"<html><body><nav><ul><li><a href='/'>Home</a></li></ul></nav>{ARTICLE}</body></html>")
    lines = page.text.split("\n")
    assert lines[0] == "Home"
    assert lines[1].startswith("The council approved")
    assert len(page.rows) == len(lines)
    assert all(len(row) == len(DOM_FEATURE_NAMES) for row in page.rows)


def test_features_say_where_a_line_sits() -> None:
    page = html_segments(
        "<body><nav class='main-menu'><ul><li><a href='/'>World</a></li></ul></nav>"
        f"<div class='article-body'>{ARTICLE}</div><footer><p>Contact us</p></footer></body>"
    )
    lines = page.text.split("\n")
    nav, body, foot = page.rows[0], page.rows[1], page.rows[lines.index("Contact us")]
    assert _feature(nav, "dom_in_nav") == 1.0 and _feature(nav, "dom_class_nav") == 1.0
    assert _feature(nav, "dom_link_density") == 1.0 and _feature(nav, "dom_own_li") == 1.0
    assert _feature(body, "dom_in_nav") == 0.0 and _feature(body, "dom_class_content") == 1.0
    assert _feature(body, "dom_own_p") == 1.0 and _feature(body, "dom_link_density") == 0.0
    assert _feature(body, "dom_in_best") == 1.0 and _feature(foot, "dom_in_best") == 0.0
    assert _feature(foot, "dom_in_footer") == 1.0 and _feature(foot, "dom_after_best") == 1.0


def test_link_density_counts_linked_characters() -> None:
    page = html_segments("<p><a href='#'>abcd</a>efgh</p>")
    assert _feature(page.rows[0], "dom_link_density") == 0.5
    assert _feature(page.rows[0], "dom_starts_link") == 1.0


def test_hidden_elements_and_scripts_are_not_text() -> None:
    page = html_segments(
        "<body><p>Visible text.</p><div hidden>secret one</div><p style='display: none'>secret two</p>"
        "<span aria-hidden='true'>secret three</span><script>var x = 'secret four';</script></body>"
    )
    assert page.text == "Visible text."


def test_a_streamed_segment_is_shown_though_marked_hidden() -> None:
    """Server rendering that streams (React's ``<div hidden id="S:0">``) sends the content late in a
    hidden element that a script moves into place: a reader sees it; other hidden elements stay out."""
    page = html_segments(
        "<body><main><template id='B:0'></template><p>Loading</p></main>"
        f"<div hidden id='S:0'>{ARTICLE}</div><div hidden id='S:menu'>secret menu</div></body>"
    )
    lines = page.text.split("\n")
    assert lines[0] == "Loading" and lines[1].startswith("The council approved")
    assert "secret menu" not in page.text


def test_a_page_whose_text_a_script_reveals_is_read() -> None:
    """Next to nothing shown and the article in an element hidden until a script runs: the walk
    reads the hidden elements (what the reader sees once the page has loaded)."""
    story = ARTICLE * 4
    page = html_segments(f"<body><h1>Headline</h1><div style='visibility: hidden'>{story}</div></body>")
    assert "The council approved" in page.text
    # With the article in view, a hidden menu stays hidden however long it is.
    shown = html_segments(f"<body>{story}<div style='display:none'>{'Menu item. ' * 300}</div></body>")
    assert "Menu item" not in shown.text
    # And a page that hides only a little is not turned inside out.
    small = html_segments("<body><h1>Headline</h1><div hidden>A short hidden note for later.</div></body>")
    assert small.text == "Headline"


def test_a_main_landmark_that_hides_most_of_its_text_is_read() -> None:
    """A page with menus and a footer in view but its ``<main>`` content behind a script
    (an age gate's ``display:none`` wrapper, ``aria-hidden`` on main): the landmark's hidden
    elements are read, the hidden elements outside it are not."""
    furniture = "<nav>" + "<a href='/x'>Shop all coffee and merchandise today</a>" * 20 + "</nav>"
    outside = "<div style='display:none'>Sign in to your account to see your orders.</div>"
    gated = html_segments(
        f"<body>{furniture}<main><div style='display:none'>{ARTICLE * 4}</div></main>{outside}</body>"
    )
    assert "The council approved" in gated.text and "Sign in to your account" not in gated.text
    marked = html_segments(f"<body>{furniture}<main aria-hidden='true'>{ARTICLE * 4}</main></body>")
    assert "The council approved" in marked.text
    # A main that shows most of its text keeps its hidden dialog hidden.
    dialog = f"<div class='modal' style='display:none'>{'Subscribe to our newsletter now. ' * 5}</div>"
    shown = html_segments(f"<body>{furniture}<main>{ARTICLE * 4}{dialog}</main></body>")
    assert "The council approved" in shown.text and "Subscribe to our newsletter" not in shown.text


def test_a_css_utility_class_that_holds_a_stem_is_no_category() -> None:
    """``overflow-hidden`` clips an element's overflow; the section's text is shown, and it is
    not a hidden element's (``visually-hidden`` is)."""
    page = html_segments(
        "<body><section class='relative overflow-hidden'><p>Everything runs on one platform.</p></section>"
        "<section class='visually-hidden'><p>Skip to the main content.</p></section></body>"
    )
    clipped, for_readers = page.rows
    assert _feature(clipped, "dom_class_hidden") == 0.0
    assert _feature(for_readers, "dom_class_hidden") == 1.0


def test_one_br_continues_a_paragraph_two_end_it() -> None:
    page = html_segments("<div>first half of a line<br>second half<br><br>next paragraph</div>")
    assert page.text.split("\n") == ["first half of a line second half", "next paragraph"]


def test_pre_keeps_its_lines() -> None:
    assert html_segments("<pre>a  b\nc</pre>").text.split("\n") == ["a b", "c"]


def test_deep_nesting_does_not_recurse() -> None:
    depth = 5_000
    page = html_segments("<div>" * depth + "deep text" + "</div>" * depth)
    assert page.text == "deep text"


def test_html_input_is_cleaned_with_the_dom() -> None:
    menu = "".join(f"<li><a href='/{w}'>{w}</a></li>" for w in ("World", "Sports", "Business", "Science", "Arts"))
    html = f"<html><body><nav><ul>{menu}</ul></nav><article>{ARTICLE}</article></body></html>"
    out = newsclean.clean(html)
    assert "The council approved the budget" in out
    assert "Sports" not in out


def test_html_is_told_from_text_that_quotes_tags() -> None:
    from newsclean.decode import looks_like_html

    prose = "Testing your frontend code? Add <script src='app.js'></script> and a <div id='root'> to the page.\n"
    assert not looks_like_html("How I test JavaScript\n\n" + prose * 5)
    assert looks_like_html("<p>One.</p><p>Two.</p><p>Three.</p>")
    assert looks_like_html("<style>" + "a { color: red }\n" * 500 + "</style><div><p>Text</p><p>More</p></div>")
    assert looks_like_html("<!DOCTYPE html><title>x</title>")
    assert not looks_like_html("<<< Back to the index\n\nThe council met on Tuesday and <b>approved</b> it.")


def test_a_fragment_of_one_or_two_elements_is_read_as_html() -> None:
    """A CMS body or a feed item's description: two paragraphs, or one, are markup, not text with tags."""
    one = "<p>The council approved the budget on Tuesday after a long debate about schools.</p>"
    two = one + "<p>Opponents said the plan raises taxes, while supporters pointed to new bus routes.</p>"
    assert newsclean.clean(one) == "The council approved the budget on Tuesday after a long debate about schools."
    out = newsclean.clean(two)
    assert "<p>" not in out and "</p>" not in out
    assert out.split("\n\n")[1].startswith("Opponents said")


def test_a_table_row_is_one_line_with_its_cells_apart() -> None:
    """A standings table stays a table: one line per row, cells joined by a tab, empty cells dropped."""
    page = html_segments(
        f"<body>{ARTICLE}<table><tr><th>Team</th><th> W </th><th></th><th>L</th></tr>"
        "<tr><td><a href='/ajax'>Ajax</a></td><td>3</td><td></td><td>1</td></tr></table></body>"
    )
    lines = page.text.split("\n")
    assert lines[-2:] == ["Team\tW\tL", "Ajax\t3\t1"]
    assert _feature(page.rows[-1], "dom_own_cell") == 1.0 and _feature(page.rows[-1], "dom_in_table") == 1.0


def test_a_layout_table_cell_with_a_long_text_stays_a_line_of_its_own() -> None:
    """A table that lays out the page holds a region per cell: a long cell is not joined to the next."""
    long_cell = "<p>" + ARTICLE + "</p>"
    page = html_segments(f"<body><table><tr><td>Home</td><td>{long_cell}</td><td>Menu</td></tr></table></body>")
    lines = page.text.split("\n")
    assert lines[0] == "Home"
    assert lines[1].startswith("The council approved") and "\t" not in lines[1]


def test_a_table_inside_the_article_is_kept_row_by_row() -> None:
    rows = "".join(
        f"<tr><td>{team}</td><td>{w}</td><td>{lost}</td></tr>"
        for team, w, lost in (("Ajax", 3, 1), ("PSV", 2, 2), ("Feyenoord", 1, 3))
    )
    html = f"<html><body><article>{ARTICLE}<table>{rows}</table>{ARTICLE}</article></body></html>"
    doc = newsclean.clean_document(html)
    texts = [p.text for p in doc.paragraphs]
    assert [t for t in texts if "\t" in t] == ["Ajax\t3\t1", "PSV\t2\t2", "Feyenoord\t1\t3"]
    assert all(p.kind == "paragraph" for p in doc.paragraphs if "\t" in p.text)
    assert newsclean.clean(doc.text) == doc.text


def test_a_line_separator_in_an_element_keeps_the_dom_evidence() -> None:
    """Repair turns U+2028 into a line break; both halves keep their element's row (the page was
    once read as plain text, without the DOM, whenever one stood in its markup)."""
    from newsclean.api import prepare
    from newsclean.config import CleanConfig

    nav = "<nav><ul><li><a href='/'>Home</a></li></ul></nav>"
    page = f"<html><body>{nav}{ARTICLE}<p>Fresh air\u2028for the city</p></body></html>"
    _, _, blocks, dom, _ = prepare(page, CleanConfig())
    assert dom is not None
    texts = [b.text for b in blocks]
    first, second = texts.index("Fresh air"), texts.index("for the city")
    assert (dom[first] == dom[second]).all()
    assert _feature(tuple(dom[texts.index("Home")]), "dom_in_nav") == 1.0

"""The article run's context steps: a numbered list that closes an article, and
a second rendering of the article joined into one block."""

from __future__ import annotations

import pytest

import newsclean
from newsclean.features import list_number

PROSE = [
    "The city council approved the new transport plan on Monday after months of debate among residents.",
    "Officials said the first changes would arrive in spring, starting with the busiest bus routes downtown.",
    "Critics argued the plan did too little for cyclists, and several groups promised to keep campaigning.",
]
#: A dump's menu: the texts below are dumps, not clean text (which keeps its ending whole).
NAV = "Home | World | Sports | Business"
ITEMS = [
    "1) Extend the night bus network",
    "2) Add two tram lines to the harbour",
    "3) Widen the ring road bridges",
    "4) Open park-and-ride sites at the edges",
]


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("1) Lego set", 1),
        ("2. Second item", 2),
        ("3、中国艺术史", 3),
        ("(4) Fourth", 4),
        ("12: Twelve", 12),
        ("10.4 million people", None),
        ("2019 was a year", None),
        ("7)", None),
        ("Item 3", None),
    ],
)
def test_list_number(line: str, number: int | None) -> None:
    assert list_number(line) == number


def test_a_numbered_list_after_the_last_paragraph_is_kept() -> None:
    raw = "\n\n".join([NAV, *PROSE, *ITEMS, "Most shared this week"])
    out = newsclean.clean(raw)
    for item in ITEMS:
        assert item in out
    assert "Most shared" not in out


def test_a_numbered_list_after_a_section_header_is_not() -> None:
    raw = "\n\n".join([*PROSE, "Most Read", *ITEMS])
    out = newsclean.clean(raw)
    assert not any(item in out for item in ITEMS)


def test_a_numbered_list_missing_an_item_is_kept_whole() -> None:
    # Item 2 was dropped (by the scorer, or by the page): the count goes on past it.
    items = [ITEMS[0], *ITEMS[2:], "5) Rebuild the central station"]
    raw = "\n\n".join([NAV, *PROSE, *items, "Most shared this week"])
    out = newsclean.clean(raw)
    for item in items:
        assert item in out
    assert newsclean.clean(out) == out


def test_two_items_are_not_a_list() -> None:
    raw = "\n\n".join([NAV, *PROSE, *ITEMS[:2]])
    assert ITEMS[0] not in newsclean.clean(raw)


def test_a_list_that_does_not_count_up_is_not_kept() -> None:
    raw = "\n\n".join(
        [
            NAV,
            *PROSE,
            "1) Extend the night bus network",
            "5) Widen the ring road bridges",
            "9) Open park-and-ride sites at the edges",
        ]
    )
    assert "5) Widen" not in newsclean.clean(raw)


def test_the_article_joined_again_into_one_block_is_removed() -> None:
    joined = " ".join(PROSE)
    doc = newsclean.clean_document("\n\n".join([*PROSE, joined]))
    assert [p.text for p in doc.paragraphs] == PROSE
    assert [(r.text, r.rule) for r in doc.removed] == [(joined, "duplicate.joined")]


def test_a_paragraph_repeated_alone_is_kept() -> None:
    """Authors repeat a paragraph (a refrain, a test page); only a joined copy is a second rendering."""
    raw = "\n\n".join([PROSE[0], PROSE[1], PROSE[0], PROSE[2]])
    assert newsclean.clean(raw).count(PROSE[0]) == 2


def test_a_block_that_only_quotes_part_of_the_article_is_kept() -> None:
    summary = PROSE[0] + " A new paragraph of fresh reporting follows it here, with details nobody wrote before."
    raw = "\n\n".join([*PROSE, summary + " " + "More new words arrive in this block to keep it long enough."])
    assert "fresh reporting" in newsclean.clean(raw)


def test_cjk_joined_copy_is_removed() -> None:
    zh = [
        "市议会周一批准了新的交通计划，此前居民们进行了数月的辩论和讨论。",
        "官员表示，第一批变化将在春季到来，从市中心最繁忙的公交线路开始实施。",
        "批评者认为该计划对骑自行车的人帮助太少，多个团体承诺将继续开展活动。",
    ]
    joined = "".join(zh) * 2
    doc = newsclean.clean_document("\n\n".join([*zh, joined]))
    assert [p.text for p in doc.paragraphs] == zh


COMMENT = (
    "I disagree with the council here, because the bus routes in my area have been cut twice already "
    "and nobody asked the people who actually ride them every single day."
)
REPLY = (
    "Thanks for the note. The plan adds two routes in the north and keeps every existing stop, so your area "
    "should see more buses, not fewer, once the spring timetable starts."
)


def test_comments_header_with_dated_author_lines_opens_the_comment_section() -> None:
    raw = "\n\n".join(
        [
            *PROSE[:2],
            "Comments",
            "Jane Doe on May 2, 2019 at 4:47 pm said:",
            COMMENT,
            "Council Desk on May 3, 2019 at 9:10 am said:",
            REPLY,
        ]
    )
    doc = newsclean.clean_document(raw)
    assert [p.text for p in doc.paragraphs] == PROSE[:2]
    assert {r.rule for r in doc.removed if r.text in (COMMENT, REPLY)} == {"comments.after-marker"}


def test_undated_quotation_lines_do_not_open_a_comment_section() -> None:
    """ "Jane wrote:" after a comments phrase is as often a quotation inside the article."""
    raw = "\n\n".join([*PROSE[:2], "Comments", "Jane Doe wrote:", COMMENT, "Council Desk wrote:", REPLY])
    assert COMMENT in newsclean.clean(raw)


def test_html_article_goes_on_after_an_inline_read_also_box() -> None:
    """In HTML, one paragraph in the main content container after a "Related" box
    shows the article goes on; a page's text alone needs two."""
    story = [f"<p>{p}</p>" for p in PROSE]
    more = "The council will vote on the cycling amendments next month, a spokesperson confirmed on Tuesday."
    page = (
        "<html><body><nav><a href='/'>Home</a> <a href='/w'>World</a></nav><article><h1>Council backs plan</h1>"
        + "".join(story)
        + "<aside><h3>Related Articles</h3>"
        + "<p><a href='/x'>Harbour trams to run all night from next summer on</a></p></aside>"
        + f"<p>{more}</p></article><footer><p>Contact us</p></footer></body></html>"
    )
    assert more in newsclean.clean(page)
    # The same text without the DOM: one paragraph after the box is not enough.
    text = "\n\n".join([*PROSE, "Related Articles", "Harbour trams to run all night from next summer on", more])
    assert more not in newsclean.clean(text)


# A list that closes an article: in HTML the DOM says it is inside the article's container.
STEPS = [
    "Preheat the oven to 200 degrees",
    "Slice the potatoes thinly",
    "Layer them with the cream",
    "Bake for forty minutes",
]


def _page(tail_list: str) -> str:
    menu = "".join(f"<li><a href='/{w}'>{w}</a></li>" for w in ("World", "Sports", "Business", "Science", "Arts"))
    related = "".join(f"<li><a href='/r{i}'>Story number {i} about something else entirely</a></li>" for i in range(5))
    body = "".join(f"<p>{p}</p>" for p in PROSE)
    return (
        f"<html><body><nav><ul>{menu}</ul></nav><main><article><h1>Council plan approved</h1>{body}"
        f"{tail_list}</article><aside><h2>Most read</h2><ul>{related}</ul></aside></main>"
        "<footer><p>© 2024 Example News</p></footer></body></html>"
    )


def test_html_a_list_that_ends_the_article_inside_its_container_is_kept() -> None:
    page = _page("<ul>" + "".join(f"<li>{s}</li>" for s in STEPS) + "</ul>")
    out = newsclean.clean(page)
    assert all(step in out for step in STEPS)
    assert "Story number" not in out
    assert newsclean.clean(out) == out


def test_text_a_trailing_list_is_kept_only_in_a_text_without_boilerplate() -> None:
    clean_text = "\n\n".join([*PROSE, *STEPS])
    assert newsclean.clean(clean_text) == clean_text
    assert newsclean.clean("\n\n".join([*PROSE, "Source: city council"])).endswith("Source: city council")
    dump = "\n\n".join(["Home | World | Sports", *PROSE, *STEPS])
    assert not any(step in newsclean.clean(dump) for step in STEPS)


def test_text_a_trailing_line_that_repeats_another_is_not_the_article() -> None:
    title = "Council plan approved"
    out = newsclean.clean("\n\n".join([title, *PROSE, "Example News", title]))
    assert out.endswith(PROSE[-1])


SUBHEADS = [
    "Prime minister faces confidence vote after coalition partner quits",
    "Tax law protests spread to three more cities over the weekend",
]


def _with_lines_after_first_paragraph(lines: str) -> str:
    """The test page with ``lines`` (markup) between the article's first and second paragraphs."""
    prose = "".join(f"<p>{p}</p>" for p in PROSE)
    return _page("").replace(prose, f"<p>{PROSE[0]}</p>{lines}<p>{PROSE[1]}</p><p>{PROSE[2]}</p>", 1)


def test_html_headline_lines_without_links_inside_the_article_are_headings() -> None:
    out = newsclean.clean(_with_lines_after_first_paragraph("".join(f"<h3>{h}</h3>" for h in SUBHEADS)))
    assert all(h in out for h in SUBHEADS)
    assert newsclean.clean(out) == out


def test_html_linked_headlines_inside_the_article_are_a_teaser_list() -> None:
    teasers = "".join(f"<p><a href='/t{i}'>{h}</a></p>" for i, h in enumerate(SUBHEADS))
    assert not any(h in newsclean.clean(_with_lines_after_first_paragraph(teasers)) for h in SUBHEADS)


def test_text_without_boilerplate_keeps_its_headline_lines() -> None:
    text = "\n\n".join([PROSE[0], *SUBHEADS, PROSE[1], PROSE[2]])
    assert newsclean.clean(text) == text
    assert not any(h in newsclean.clean("\n\n".join([NAV, text])) for h in SUBHEADS)


def test_a_comments_header_over_a_byline_dated_to_the_minute_opens_the_comment_section() -> None:
    # Longer than the article, so only the recognised section header ends the article before them.
    comments = [
        "I have read your translation of the framework book twice, and it is still the best one on my shelf.",
        "Welcome aboard, and I hope you write about the new compiler features soon, as you promised last year.",
        "Great to see you here; your column on components taught me more than any course I ever took on it.",
    ]
    thread = ["Comments"]
    for i, c in enumerate(comments):
        thread += [f"# re: Welcome 2004-12-27 12:{40 + i} reader{i}", c]
    doc = newsclean.clean_document("\n\n".join([NAV, PROSE[0], PROSE[1], *thread]))
    assert doc.text == f"{PROSE[0]}\n\n{PROSE[1]}"
    assert {r.rule for r in doc.removed if r.text in comments} == {"comments.after-marker"}


LISTING = [
    "Blue ceramic mug with a wide handle, 350 ml",
    "Walnut serving board with juice groove, large",
    "Linen tea towel set in three colours",
    "Cast iron skillet, pre-seasoned, 26 cm",
    "Glass storage jars with bamboo lids, set of four",
    "Stoneware pasta bowls, matte white, set of two",
]


def test_a_page_without_prose_keeps_its_densest_region_and_says_so() -> None:
    """A listing has no prose run: its item lines are kept (Document.fallback); lines apart from them by
    more than FALLBACK_GAP lines the rules removed (a menu) are not."""
    menu = ["Home | Shop | Sale | About", "Share Tweet Submit", "Home | World | Sports"]
    raw = "\n\n".join(["Moon Gardens", *menu, *LISTING, *menu, "Kites"])
    doc = newsclean.clean_document(raw)
    assert doc.fallback
    assert [p.text for p in doc.paragraphs] == LISTING
    assert {r.rule for r in doc.removed if r.text in ("Moon Gardens", "Kites")} == {"outside.fallback"}
    assert newsclean.clean(doc.text) == doc.text


def test_an_article_is_no_fallback() -> None:
    assert not newsclean.clean_document("\n\n".join(PROSE)).fallback


def test_the_article_shown_twice_is_given_once() -> None:
    """Two kept paragraphs that stand again in the same order are a second copy of the passage."""
    raw = "\n\n".join([*PROSE, PROSE[0], PROSE[1]])
    doc = newsclean.clean_document(raw)
    assert [p.text for p in doc.paragraphs] == list(PROSE)
    assert [r.rule for r in doc.removed] == ["duplicate.repeat", "duplicate.repeat"]


def test_a_description_shown_twice_goes_with_its_short_lines() -> None:
    """A product description rendered twice (a mobile and a desktop copy): the second copy goes
    whole, its short headings and list items too, though no two of its long blocks stand side by
    side. A heading repeated alone stays."""
    section = [PROSE[0], "What you get:", "Two tram lines", "A night bus", PROSE[1]]
    raw = "\n\n".join([*section, *section, "What you get:", PROSE[2]])
    doc = newsclean.clean_document(raw)
    assert [p.text for p in doc.paragraphs] == [*section, "What you get:", PROSE[2]]
    assert [r.rule for r in doc.removed] == ["duplicate.repeat"] * len(section)


def test_the_scorer_reads_what_the_page_is() -> None:
    """Page columns: how much long prose the page has and what it declares, alone and crossed with
    the block's shape (a short line means one thing in an article, another in a listing)."""
    from newsclean.features import features_of
    from newsclean.scorer import FEATURE_NAMES, block_vectors

    feats = [features_of(t) for t in [*PROSE, "Sports", "Weather today"]]
    verdicts = [None] * len(feats)
    col = {n: i for i, n in enumerate(FEATURE_NAMES)}
    article = block_vectors(feats, verdicts)
    thread = block_vectors(feats, verdicts, "thread")
    assert (article[:, col["page_is_thread"]] == 0).all() and (thread[:, col["page_is_thread"]] == 1).all()
    # No paragraph of 300 effective characters: the page has no long prose, and its short lines say so.
    assert (article[:, col["page_long"]] == 0).all()
    assert article[-1, col["short_x_no_long"]] == 1 and thread[-1, col["short_x_declared"]] == 1
    assert article[0, col["short_x_no_long"]] == 0 and article[-1, col["short_x_declared"]] == 0
    long_page = block_vectors([features_of(" ".join(PROSE * 2))] * 4 + feats, [None] * (len(feats) + 4))
    assert (long_page[:, col["page_long"]] == 1).all() and long_page[-1, col["short_x_no_long"]] == 0
    # The text model reads the blocks without them: its vectors are the same columns minus the page's.
    from newsclean.scorer import PAGE_FEATURE_NAMES, model_features

    text = block_vectors(feats, verdicts, page=False)
    assert text.shape[1] == len(model_features("text")) == len(FEATURE_NAMES) - len(PAGE_FEATURE_NAMES)
    assert (text == article[:, : text.shape[1]]).all()


PRICES = ["$12.00", "$48.50", "$19.90", "$39.00", "$24.00", "$31.00"]
SHOP_MENU = "".join(f"<li><a href='/{w}'>{w}</a></li>" for w in ("Kitchen", "Garden", "Sale", "Gifts", "About"))
CARDS = "".join(
    f"<div class='card'><h3>{name}</h3><p>{price}</p><p>In stock, ships in two days</p></div>"
    for name, price in zip(LISTING, PRICES, strict=True)
)
INTRO = (
    "<p>Our kitchen range is made by small workshops in Portugal and Japan, and every piece is tested in"
    " our own kitchen.</p>"
)


def _shop(main: str) -> str:
    return (
        f"<html><body><nav><ul>{SHOP_MENU}</ul></nav><main>{main}</main>"
        "<footer><p>© 2024 Example Shop</p><p>Privacy Policy</p></footer></body></html>"
    )


@pytest.mark.parametrize(
    "main",
    [
        f"<h1>Kitchen</h1>{INTRO}<div class='grid'>{CARDS}</div>",  # the grid under its introduction
        f"<h1>Kitchen</h1><div class='grid'>{CARDS}</div>{INTRO}",  # the grid above a closing blurb
    ],
    ids=["tail", "head"],
)
def test_html_a_grid_beside_a_short_introduction_is_the_content(main: str) -> None:
    """A listing's cards hold more text than the one paragraph beside them: they are kept (recovered
    from the head or the tail, so Document.fallback says so), the menu and the footer are not, and
    the output read again is kept whole."""
    doc = newsclean.clean_document(_shop(main))
    assert all(item in doc.text for item in LISTING + PRICES)
    assert doc.fallback
    assert not any(w in doc.text.split("\n\n") for w in ("Sale", "Gifts", "About", "Privacy Policy"))
    assert newsclean.clean(doc.text) == doc.text


def test_html_a_grid_after_a_long_article_is_not_recovered() -> None:
    """Tail recovery needs the tail to hold as much text as the article: cards that follow a long
    article, outside its container, are the shop's promotion, not the page's content."""
    article = "".join(f"<p>{p} {p}</p>" for p in PROSE * 3)
    doc = newsclean.clean_document(_shop(f"<article><h1>Council plan</h1>{article}</article><div>{CARDS}</div>"))
    assert PROSE[2] in doc.text
    assert not any(item in doc.text for item in LISTING)
    assert not doc.fallback


REPLIES = [
    "Break the task into pieces you have done before, estimate each of them, and add a margin for the parts"
    " that are new to you; then revise the plan after the first week, when you know how fast you go.",
    "Ask someone who has done similar work. Even a rough figure from an experienced colleague beats a"
    " formula fed with guesses, and it tells you which parts of the task carry the most risk.",
    "Give a range rather than a single number, and say what would move the estimate. People who plan"
    " around your figure need to know how sure you are, more than they need the figure itself.",
    "Time-box a small spike first: two days of real work on the riskiest part will teach you more about"
    " the whole task than a week of planning, and the estimate you give afterwards will hold.",
]


def test_a_short_question_under_long_replies_is_a_thread() -> None:
    """A comment header after a short opening post, with replies far longer than it, does not end
    the content (THREAD_MAX_LEAD): the replies are kept. Under a full article they are removed."""
    question = (
        "Our team has to plan a kind of project it has never done before. How do I estimate how long an"
        " unfamiliar task will take, and how sure can I be? The client wants a date by Friday."
    )
    section = ["Comments"]
    for i, reply in enumerate(REPLIES):
        section += [f"# re: Estimates 2004-12-27 12:{40 + i} reader{i}", reply]
    thread = newsclean.clean("\n\n".join([NAV, question, *section]))
    assert all(reply in thread for reply in REPLIES)
    article = [f"{p} {p}" for p in PROSE]
    doc = newsclean.clean_document("\n\n".join([NAV, *article, *section]))
    assert not any(reply in doc.text for reply in REPLIES)


@pytest.mark.parametrize("mode", ["text", "html"])
def test_a_large_input_is_scored_as_its_full_matrix_would_be(mode: str) -> None:
    """Above the glue limit the scorer takes the feature parts one at a time (bounded memory); the
    probabilities are those of the two stages applied to the page's whole matrix."""
    import numpy as np

    from newsclean.classify import block_verdicts
    from newsclean.dom import DOM_FEATURE_NAMES
    from newsclean.features import features_of
    from newsclean.scorer import _GLUE_MAX_CELLS, block_vectors, dom_vectors, load_model, score_blocks, stage2_vectors

    model = load_model(mode)
    assert model is not None
    lines = [*PROSE, NAV, *ITEMS, "Weather today", "Sports"]
    n = _GLUE_MAX_CELLS // len(model.stage1) + 50
    feats = [features_of(f"{lines[i % len(lines)]} {i % 97}") for i in range(n)]
    verdicts = block_verdicts(feats)
    # A DOM row per block for HTML: every feature switched on along its own stride.
    dom = None
    if mode == "html":
        dom = np.array([[float(i % (k + 2) == 0) for k in range(len(DOM_FEATURE_NAMES))] for i in range(n)])
    streamed = np.array(score_blocks(feats, verdicts, dom))

    def sigmoid(z: np.ndarray) -> np.ndarray:
        return 1 / (1 + np.exp(-z))

    matrix = block_vectors(feats, verdicts, page=dom is not None)
    if dom is not None:
        matrix = np.hstack([matrix, dom_vectors(dom)])
    removed = np.array([v is not None for v in verdicts])
    p1 = np.where(removed, 0.0, sigmoid(matrix @ np.array(model.stage1)))
    whole = sigmoid(np.hstack([matrix, stage2_vectors(p1)]) @ np.array(model.stage2))
    assert len(streamed) == n and removed.any() and not removed.all()
    np.testing.assert_allclose(streamed, whole, rtol=1e-9, atol=1e-12)


def test_sentence_marks_of_scripts_without_case_make_prose() -> None:
    """An Urdu or Hindi paragraph whose sentences end in a question mark or danda is prose even
    without a Latin full stop (no capital follows those marks): it is the article, not the head."""
    from newsclean.features import features_of

    urdu = "یہ شہر دریا کے کنارے آباد ہوا تھا؟ آج وہ دریا سوکھ رہا ہے اور کوئی نہیں سنتا"
    hindi = "शहर नदी के किनारे बसा था। आज वह नदी सूख रही है और कोई नहीं सुनता"
    assert features_of(urdu).sentences == 1
    assert features_of(hindi).sentences == 1
    assert features_of("Ends here?").sentences == 0
    paragraph = " ".join([urdu] * 6)
    menu = ["مرکزی صفحہ", "تازہ ترین", "کالم", "بلاگ", "تصاویر"]
    out = newsclean.clean("\n".join([*menu, paragraph, *menu]))
    assert out.strip() == paragraph


def _thread(opening: str, replies: list[str], quoted: bool = False) -> str:
    lines = [NAV, "alice", "Posted 2020-12-30 19:24", opening, "Like", "Comment"]
    for i, reply in enumerate(replies):
        lines += [f"user{i}", f"2021-01-0{1 + i % 9} 10:{10 + i}", reply, *([f"Quoted {i}"] if quoted else [])]
        lines += ["Like", "Comment"]
    return "\n".join([*lines, "© 2024 Example Forum"])


OPENING = "The office closes for the holidays tomorrow, see you all in the new year!"
SHORT_REPLIES = ["Happy new year to all of you", "Same here, off until Monday", "Enjoy the break", "Lucky you"]


def test_a_thread_of_short_dated_posts_keeps_its_posts() -> None:
    """A short opening post between dated post headers: the replies are the content although the
    scorer and the run doubt each of them (POST_MIN_HEADERS); the authors over the headers and the
    buttons are not."""
    doc = newsclean.clean_document(_thread(OPENING, SHORT_REPLIES))
    assert all(reply in doc.text for reply in SHORT_REPLIES)
    assert "user1" not in doc.text
    assert "Like" not in doc.text.split()


def test_posts_that_only_repeat_a_placeholder_are_not_kept() -> None:
    """Replies that all say the same ("This reply has been deleted") are the thread's furniture:
    POST_MAX_REPEATED."""
    doc = newsclean.clean_document(_thread(OPENING, ["This reply has been deleted."] * 5, quoted=True))
    assert "deleted" not in doc.text
    assert "Quoted" not in doc.text


def test_comments_under_a_full_article_are_no_thread_posts() -> None:
    article = " ".join(f"{p} {p}" for p in PROSE)
    doc = newsclean.clean_document(_thread(article, SHORT_REPLIES))
    assert article in doc.text
    assert not any(reply in doc.text for reply in SHORT_REPLIES)


def test_a_page_that_declares_a_listing_asks_less_of_its_grid() -> None:
    """On a page that is no article the profile's factor lowers the recovery bar as it lowers the
    scorer's: cards after an introduction twice their text are the content of a declared listing,
    and stay the shop's promotion under an article."""
    article = "".join(f"<p>{p}</p>" for p in (PROSE * 2))
    page = _shop(f"<article><h1>Kitchen</h1>{article}</article><div>{CARDS}</div>")
    declared = page.replace(
        "<html>", '<html><head><script type="application/ld+json">{"@type": "ItemList"}</script></head>'
    )
    assert not any(item in newsclean.clean(page) for item in LISTING)
    doc = newsclean.clean_document(declared)
    assert all(item in doc.text for item in LISTING)
    assert doc.fallback


def test_text_a_related_header_over_teaser_cards_ends_the_article() -> None:
    """In a dump, a related-stories header over teaser cards (a headline, then its one-paragraph
    snippet, card after card) ends the article, however much text the snippets hold (CARDS_MIN);
    over paragraphs in a row the article goes on."""
    article = [f"{p} {p}" for p in PROSE]
    snippets = [
        "The regional rail operator said on Friday that it would add three trains a day between the two"
        " cities from March, after passenger numbers rose for the fourth year in a row.",
        "A report by the national audit office found that half of the country's bridges need repairs within"
        " ten years, and that the money set aside so far covers less than a third of the work.",
        "The harbour authority approved a plan to turn the old grain terminal into housing and a park, with"
        " building work due to start once the site has been cleaned up next year.",
    ]
    cards = [line for i, s in enumerate(snippets) for line in (f"Headline of story {i} about the region", s)]
    dump = "\n\n".join([NAV, *article, "Related stories", *cards])
    out = newsclean.clean(dump)
    assert article[-1] in out
    assert not any(s in out for s in snippets)
    resumed = "\n\n".join([NAV, *article[:1], "Related stories", *snippets, *article[1:]])
    assert all(s in newsclean.clean(resumed) for s in snippets)

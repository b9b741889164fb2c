"""One test per rule id: each rule fires on a block it is written for.

Lexicon rules (``<kind>.exact``, ``<kind>.prefix``, ``<kind>.phrase``) are
tested with every phrase of the shipped data, placed as a line in the middle of
an article, so a phrase that cannot match (a typo, a normalisation mismatch, a
conflict with another rule) fails here.
"""

from __future__ import annotations

import pytest

import newsclean
from newsclean.document import Kind
from newsclean.lexicon import load_lexicon

P1 = "The minister resigned on Tuesday after a week of protests in the capital, officials said."
P2 = "Her deputy will lead the ministry until a successor is appointed, according to a statement."
P3 = "Opposition leaders welcomed the decision but called for an early election later this year."
P4 = "The protests began after a disputed tax law was passed by parliament earlier this month."


MENU = "Home | World | Sports | Business"
#: A listing: no prose, only item lines (a shop's or an archive's page).
LISTING = (
    "Blue ceramic mug with a wide handle, 350 ml",
    "Walnut serving board with juice groove, large",
    "Linen tea towel set in three colours",
    "Cast iron skillet, pre-seasoned, 26 cm",
    "Glass storage jars with bamboo lids, set of four",
)


def article(*middle: str, head: tuple[str, ...] = (), tail: tuple[str, ...] = ()) -> str:
    return "\n\n".join([*head, P1, P2, *middle, P3, P4, *tail])


def rule_of(raw: str, line: str) -> str | None:
    for r in newsclean.clean_document(raw).removed:
        if r.text == line:
            return r.rule
    return None


# ------------------------------------------------------------------ shape and context rules
NAV_SENTENCE = "Our newsroom covers the city council, the schools and the courts, every day of the week since 1887."
SHAPE_CASES = {
    "nav.separators": (article("Home | World | Sports | Business"), "Home | World | Sports | Business"),
    "nav.url": (article("https://www.example.com/news/world"), "https://www.example.com/news/world"),
    "breadcrumb.separators": (article("News > World > Europe"), "News > World > Europe"),
    "contact.email": (article("newsroom@example.com"), "newsroom@example.com"),
    "copyright.symbol": (article(tail=("© 2024 Example Media Group",)), "© 2024 Example Media Group"),
    "dateline.date": (article(head=("Minister resigns", "November 20, 2019 10:45")), "November 20, 2019 10:45"),
    "credit.slash": (article("Jane Doe/Reuters"), "Jane Doe/Reuters"),
    "caption.credit-suffix": (
        article("Protesters gather outside parliament in the capital on Monday. Jane Doe/Reuters"),
        "Protesters gather outside parliament in the capital on Monday. Jane Doe/Reuters",
    ),
    "caption.after-media": (
        article("Open this photo in gallery", "Protesters gather outside parliament on Monday."),
        "Protesters gather outside parliament on Monday.",
    ),
    "caption.truncated-repeat": (
        article(
            "PHOTO: Protesters gather outside parliament in the capital on Monday.",
            "Protesters gather outside parliament in the cap...",
        ),
        "Protesters gather outside parliament in the cap...",
    ),
    # (Dumps, with a menu: in a text with no boilerplate at all these lines are headings; see test_classify.py.)
    "related.teaser-run": (
        article(
            "Prime minister faces confidence vote after coalition partner quits",
            "Tax law protests spread to three more cities over the weekend",
            head=(MENU,),
        ),
        "Tax law protests spread to three more cities over the weekend",
    ),
    "nav.count-list": (article("Politics (47)", "Science (12)", "World news (130)"), "Science (12)"),
    "nav.menu-run": (article("Moon Gardens", "Tidal Charts", "Kite Clubs", "Lamp Repair", head=(MENU,)), "Kite Clubs"),
    "comments.after-marker": (
        article(tail=("Leave a Reply", "I think she was right to go, and the deputy will do better.")),
        "I think she was right to go, and the deputy will do better.",
    ),
    "related.after-marker": (
        article(tail=("Related Articles", "Parliament passes the budget after a long night of debate.")),
        "Parliament passes the budget after a long night of debate.",
    ),
    "outside.decoration": (article("* * *"), "* * *"),
    "duplicate.joined": (article(tail=(" ".join((P1, P2, P3, P4)),)), " ".join((P1, P2, P3, P4))),
    "comments.count": (article(tail=("34 Comments", "Great piece.")), "34 Comments"),
    "share.words": (article("Share Tweet Submit"), "Share Tweet Submit"),
    "nav.words": (article("Home World Sports"), "Home World Sports"),
    "outside.head": (
        article(head=("Subscribe now for one dollar a week", "Minister resigns")),
        "Subscribe now for one dollar a week",
    ),
    "outside.tail": (article(head=(MENU,), tail=("Most shared this week",)), "Most shared this week"),
    "outside.no-body": ("Moon Gardens\n\nTidal Charts\n\nKite Clubs\n\nLamp Repair", "Kite Clubs"),
    "outside.fallback": ("\n\n".join(["Moon Gardens", MENU, MENU, MENU, *LISTING]), "Moon Gardens"),
    "duplicate.repeat": (article(tail=(P1, P2)), P1),
    "nav.element": (
        f"<html><body><nav><p>{NAV_SENTENCE}</p></nav><article><h1>Minister resigns</h1>"
        + "".join(f"<p>{p}</p>" for p in (P1, P2, P3, P4))
        + "</article></body></html>",
        NAV_SENTENCE,
    ),
}


@pytest.mark.parametrize("rule", sorted(SHAPE_CASES))
def test_shape_and_context_rules(rule: str) -> None:
    raw, line = SHAPE_CASES[rule]
    assert rule_of(raw, line) == rule


def test_scorer_rule() -> None:
    """A sentence among footer menus, on a page long enough for the scorer, is furniture."""
    menu = ("Moon Gardens", "Tidal Charts", "Kite Clubs", "Lamp Repair", "Owl Watch")
    promo = "Our weekly digest brings the best stories of the week to your door."
    extra = "Police said more than two hundred people had been detained since the demonstrations began."
    raw = article(extra, head=(*menu, "Minister resigns after protests"), tail=(*menu, promo, *menu))
    assert rule_of(raw, promo) == "outside.scorer"
    assert extra in newsclean.clean(raw)


def test_a_short_text_without_prose_is_kept() -> None:
    assert newsclean.clean("Home\n\nZebra crossing guide") == "Zebra crossing guide"
    assert newsclean.clean("Test") == "Test"


def test_language_filter_rule() -> None:
    raw = article("Le ministre a démissionné mardi après une semaine de manifestations dans la capitale.")
    doc = newsclean.clean_document(raw, languages=["en"])
    assert [r.rule for r in doc.removed if r.text.startswith("Le ministre")] == ["language.filter"]


# ------------------------------------------------------------------ lexicon rules
def _lexicon_cases() -> list[tuple[str, str, str]]:
    """(rule id, phrase, line) for every phrase of the shipped lexicons."""
    lex = load_lexicon()
    cases = []
    for phrase, kind in sorted(lex.exact.items()):
        cases.append((f"{kind.value}.exact", phrase, phrase))
    for phrase, kind in sorted(lex.prefixes.items()):
        cases.append((f"{kind.value}.prefix", phrase, _prefix_line(kind, phrase)))
    for phrase, kind in sorted(lex.contains.items()):
        cases.append((f"{kind.value}.phrase", phrase, f"Xq {phrase} zz."))
    for phrase, kind in sorted(lex.suffixes.items()):
        cases.append((f"{kind.value}.suffix", phrase, f"Jane Doe {phrase}:"))
    return cases


def _prefix_line(kind: Kind, phrase: str) -> str:
    if kind is Kind.BYLINE:
        return f"{phrase} Jane Doe"
    if kind is Kind.DATELINE:
        return f"{phrase} 2019-11-20"
    return f"{phrase} Something Else Here"


LEXICON_CASES = _lexicon_cases()


def test_every_lexicon_phrase_fires_with_its_rule() -> None:
    failures = []
    for rule, phrase, line in LEXICON_CASES:
        got = rule_of(article(line), line)
        if got != rule:
            failures.append(f"{phrase!r}: want {rule}, got {got}")
    assert failures == []


def test_every_rule_id_is_tested_or_data_driven() -> None:
    data_rules = {rule for rule, _, _ in LEXICON_CASES}
    tested = set(SHAPE_CASES) | data_rules | {"language.filter", "outside.scorer", "template.site"}  # test_templates.py
    assert set(newsclean.RULE_IDS) <= tested, sorted(set(newsclean.RULE_IDS) - tested)
    assert data_rules <= set(newsclean.RULE_IDS), sorted(data_rules - set(newsclean.RULE_IDS))


def test_a_failed_prefix_shape_falls_back_to_a_notice_phrase_inside() -> None:
    """ "By ..." starts a byline only before a name; a cookie notice that starts with "By" is still a cookie notice."""
    notice = "By choosing I Accept, you consent to our use of cookies and other tracking technologies."
    assert rule_of(article(notice), notice) == "cookie.phrase"
    assert rule_of(article("By Jane Doe"), "By Jane Doe") == "byline.prefix"


def test_the_signature_of_an_embedded_post_is_no_dateline() -> None:
    """An article quoting a post keeps its signature line; a bare date line is still a dateline."""
    post = "This campaign is the most honest one I have seen in years, and I mean it."
    signature = "— Jane Doe (@janedoe) November 18, 2019"
    raw = article(post, signature)
    assert signature in newsclean.clean(raw)
    assert rule_of(article(head=("Minister resigns", "November 18, 2019")), "November 18, 2019") == "dateline.date"


def test_a_sentence_that_opens_with_its_date_is_no_dateline() -> None:
    """Chinese news sentences often open with the date ("12月5日，…。"); a dateline is a date and a short name."""
    zh = (
        "国务院总理主持召开国务院常务会议，部署进一步做好稳就业工作，会议还研究了其他事项。",
        "12月5日，国务院召开常务会议。",
        "会议指出，要坚持把稳就业放在突出位置，加大对重点群体的帮扶力度，确保就业局势总体稳定。",
    )
    out = newsclean.clean("\n\n".join(("2021年12月31日 新华社", *zh)))
    assert "12月5日，国务院召开常务会议。" in out
    assert "新华社" not in out


def test_a_caption_that_ends_with_its_credit_in_parentheses() -> None:
    caption = "Protesters gather outside parliament in the capital (Image: Getty)"
    aside = "The minister resigned on Tuesday, a week after the vote (see the timeline above)."
    assert rule_of(article(caption), caption) == "caption.credit-suffix"
    assert aside in newsclean.clean(article(aside))


SECTION_NAMES = (
    "Moon Gardens",
    "Tidal Charts",
    "Kite Clubs",
    "Lamp Repair",
    "Bee Yards",
    "Rope Craft",
    "Tin Toys",
    "Map Rooms",
)
TEASER = "Prime minister faces confidence vote after coalition partner quits the government"


def test_a_dumped_section_menu_between_teaser_headlines_is_a_menu() -> None:
    # One long headline among the short lines voids the whole group's menu verdict; the
    # short lines in a row are a menu all the same, the headline is left a heading.
    doc = newsclean.clean_document(article(TEASER, *SECTION_NAMES, head=(MENU,)))
    rules = {r.text: r.rule for r in doc.removed}
    assert all(rules.get(name) == "nav.menu-run" for name in SECTION_NAMES)
    assert TEASER in doc.text


def test_a_few_short_headings_beside_a_long_one_stay() -> None:
    names = SECTION_NAMES[:3]
    doc = newsclean.clean_document(article(TEASER, *names, head=(MENU,)))
    assert all(name in doc.text.split("\n\n") for name in names)

"""Stage 2, blocks: which lines make one paragraph, in the layouts scrapers produce."""

from __future__ import annotations

import newsclean
from newsclean.blocks import split_blocks

SENTENCE_1 = "The council approved the new transport plan on Monday after months of debate."
SENTENCE_2 = "Officials said the first changes would arrive in spring, starting with bus routes."


def texts(raw: str) -> list[str]:
    return [b.text for b in split_blocks(raw)]


def test_a_hard_wrapped_paragraph_is_one_block() -> None:
    raw = (
        "The council approved the new transport plan on Monday after\n"
        "months of debate among residents, business owners and the\n"
        "city's cycling groups.\n\nNext paragraph."
    )
    assert texts(raw) == [
        "The council approved the new transport plan on Monday after months of debate among residents, "
        "business owners and the city's cycling groups.",
        "Next paragraph.",
    ]


def test_one_line_per_paragraph_stays_one_block_per_line() -> None:
    assert texts(f"{SENTENCE_1}\n{SENTENCE_2}\nHome\nWorld") == [SENTENCE_1, SENTENCE_2, "Home", "World"]


# A text cut at every tag, as BeautifulSoup's get_text("\n") gives it: links and
# emphasis on lines of their own, the sentence going on after them.
FRAGMENTED = (
    "Home\nWorld\nSports\n\n\n"
    "So finally you're \ntesting your code\n? Great! The more tests you write, the more\n"
    "confident you are, as \nMocha\n and \nChai\n show.\n\n\n"
    "Read the \nmanual\n, then the \nFAQ\n.\n\n\n"
    f"{SENTENCE_1}\n{SENTENCE_2}\n"
)


def test_a_text_cut_at_every_tag_is_joined_back_into_sentences() -> None:
    assert texts(FRAGMENTED) == [
        "Home",
        "World",
        "Sports",
        "So finally you're testing your code? Great! The more tests you write, the more confident you are, "
        "as Mocha and Chai show.",
        "Read the manual, then the FAQ.",
        SENTENCE_1,
        SENTENCE_2,
    ]


def test_white_space_at_line_ends_alone_joins_nothing() -> None:
    # Trailing and leading spaces are common in ordinary dumps (menus laid out
    # with spaces): without the cut sentences of a fragmented text they mean nothing.
    raw = "Home \nWorld \n  sports\n\nNews \nWeather\n\n" + SENTENCE_1
    assert texts(raw) == ["Home", "World", "sports", "News", "Weather", SENTENCE_1]


def test_cleaning_a_fragmented_text_keeps_its_sentences_whole() -> None:
    out = newsclean.clean(FRAGMENTED)
    assert "as Mocha and Chai show." in out
    assert newsclean.clean(out) == out

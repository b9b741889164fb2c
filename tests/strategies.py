"""Hypothesis strategies shared by the property tests.

Random Unicode alone rarely looks like a news page, so most strategies build
documents out of real lines from the sample files (titles, paragraphs,
headings and every kind of boilerplate), shuffled, mixed with random text and
damaged the way scraped text is damaged.
"""

from __future__ import annotations

from conftest import ALL_SAMPLES
from hypothesis import strategies as st

SAMPLE_LINES: list[str] = sorted({b["text"] for s in ALL_SAMPLES for b in s.gold["blocks"]})
BODY_LINES: list[str] = sorted({b["text"] for s in ALL_SAMPLES for b in s.gold["blocks"] if b["label"] == "body"})

#: Damage scrapers do: entities, invisible characters, odd spaces, CR line ends.
_NOISE = ["&amp;", "&nbsp;", "&#8220;", "\u200b", "\u00a0", "\r", "\ufeff", "\t", "&amp;amp;", "  "]

lines = st.one_of(
    st.sampled_from(SAMPLE_LINES),
    st.sampled_from(BODY_LINES),
    st.text(max_size=80),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=40),
)


@st.composite
def noisy(draw: st.DrawFn, line: st.SearchStrategy[str] = lines) -> str:
    text = draw(line)
    for _ in range(draw(st.integers(0, 3))):
        pos = draw(st.integers(0, len(text)))
        text = text[:pos] + draw(st.sampled_from(_NOISE)) + text[pos:]
    return text


@st.composite
def documents(draw: st.DrawFn) -> str:
    """A page-like text: sample and random lines, blank lines or not between them."""
    parts = draw(st.lists(st.one_of(lines, noisy()), min_size=0, max_size=25))
    seps = draw(st.lists(st.sampled_from(["\n", "\n\n", "\n \n", "\n\n\n"]), min_size=len(parts), max_size=len(parts)))
    return "".join(p + s for p, s in zip(parts, seps, strict=True))


#: How Markdown scrapers dress a line: a link, a heading, emphasis, a bullet, a quote, an image beside it.
_MARKDOWN_DRESS = [
    "[{}](https://example.com/a)",
    "# {}",
    "## {} ##",
    "**{}**",
    "*{}*",
    "* {}",
    "- [{}](/b)",
    "> {}",
    "{} ![photo](https://example.com/p.jpg)",
    "`{}`",
    "[[{}](/c)](/d)",
    "{}",
]


@st.composite
def markdown_documents(draw: st.DrawFn) -> str:
    """A page as a Markdown scraper gives it: three menu links make it Markdown, then dressed lines."""
    parts = ["* [Home](/)", "* [World](/world)", "* [Sports](/sports)"]
    for line in draw(st.lists(st.one_of(lines, noisy()), min_size=0, max_size=20)):
        parts.append(draw(st.sampled_from(_MARKDOWN_DRESS)).format(line))
    return "\n\n".join(parts)


any_input = st.one_of(st.text(), documents(), markdown_documents(), st.binary(max_size=400))

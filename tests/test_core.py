"""The compiled core (``rust/``) against its Python twins: same output on every input.

``NEWSCLEAN_REQUIRE_CORE=1`` (set by ``.ci/run``) makes a missing extension a
failure rather than a skip, so that CI always tests the core it builds.
"""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsclean
from newsclean import bound, core

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "bench"

if core.CORE is None:
    if os.environ.get("NEWSCLEAN_REQUIRE_CORE") == "1":
        pytest.fail("NEWSCLEAN_REQUIRE_CORE=1 but newsclean._core is not built (pip install -e .)", pytrace=False)
    pytest.skip("the compiled core is not built here; the Python stages run", allow_module_level=True)
CORE = core.CORE


def both(markup: str) -> tuple[bound.Bounded, bound.Bounded]:
    compiled, tags, dropped = CORE.bound_markup(markup)
    return bound.Bounded(markup if compiled is None else compiled, tags, dropped), bound.bound_markup_py(markup)


def test_the_core_bounds_every_committed_page_as_python_does() -> None:
    pages = sorted(FIXTURES.glob("*/*.html.gz"))
    assert len(pages) >= 100
    changed = 0
    for path in pages:
        markup = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        rust, python = both(markup)
        assert rust == python, path.name
        changed += rust.markup != markup
    # (Most real pages are within the bounds; the test must also see some that are not.)
    assert changed < len(pages)


HOSTILE = {
    "deep nesting": "<div>" * 2000 + "x" + "</div>" * 2000,
    "open formatting": "<b>" * 500 + "<p>x" * 500,
    "many attributes": "<div " + " ".join(f'a{i}="{i}"' for i in range(500)) + ">x</div>",
    "options": "<select>" + "<option>o" * 3000,
    "many unclosed selects": "<select><option>a</option><p>x</p>" * 400 + "</select>",
    "unclosed select, more tags": "<select><option>a<select><option>b<p>c</p>",
    "script of tags": "<script>" + "<div>" * 100 + "</script><p>x</p>",
    "comment never closed": "<p>x<!-- <div>" * 50,
    "no closing bracket": "<a<a<a<a" * 200,
    "named like a group": "<p>x</group:p><li>y</group:li>",
    "upper case and dotted capital": "<SCRIPT>İİ<div></ScRiPt><SELECT><OPTION>İ</SELECT>",
    "python white space": "<p\x1fclass=a>x</p\x1f><b\x1c>y</b>",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_the_core_bounds_hostile_shapes_as_python_does(name: str) -> None:
    rust, python = both(HOSTILE[name])
    assert rust == python


TAGS = st.sampled_from(
    ["div", "p", "b", "a", "i", "li", "ul", "td", "tr", "table", "select", "option", "script", "br", "DIV", "dd"]
)
PIECES = st.one_of(
    st.builds(lambda t, a: f"<{t}{a}>", TAGS, st.sampled_from(["", " class=x", ' id="q"', " a=1 b='2'", "\x1f"])),
    st.builds(lambda t: f"</{t}>", TAGS),
    st.sampled_from(["<!--", "-->", "<!x>", "<?p>", "<", ">", "</", "</>", "<select", "</script"]),
    st.text(max_size=8),
)


@given(st.lists(PIECES, max_size=60).map("".join))
def test_the_core_bounds_generated_markup_as_python_does(markup: str) -> None:
    rust, python = both(markup)
    assert rust == python


def test_a_lone_surrogate_goes_to_the_python_twin() -> None:
    markup = "<div>" * 300 + "\ud800x"
    with pytest.raises(UnicodeEncodeError):
        CORE.bound_markup(markup)  # no UTF-8 for the core to read
    assert bound.bound_markup(markup) == bound.bound_markup_py(markup)
    assert bound.bound_markup(markup).markup.count("<div>") == bound.MAX_DEPTH


def test_a_tag_named_like_an_implied_end_group_is_no_crash() -> None:
    # Before the groups were counted apart from the names, "</group:p>" after a <p> raised ValueError.
    assert newsclean.clean("<html><body><p>Some words of text here.</group:p></p></body></html>") == (
        "Some words of text here."
    )


def test_the_pure_python_switch_leaves_the_core_out() -> None:
    code = "import newsclean.core as c; print(c.CORE is None, c.core_version())"
    env = {**os.environ, "NEWSCLEAN_PURE_PYTHON": "1"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "None"]
    assert core.core_version() == CORE.__version__

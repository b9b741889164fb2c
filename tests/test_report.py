"""The HTML explain report: safe on hostile text, complete, coloured by kind, and readable in a real browser.

The unit tests read the report back with the standard library's HTML parser,
so they check what a browser would see rather than how the markup happens to
be spelled. The browser test renders it in headless Chromium: it writes a
screenshot to ``test-artifacts/`` for a person to look at, and checks from the
rendered DOM that the legend is there and that page text did not run as script.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import struct
import subprocess
import tempfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

import newsclean
from newsclean import Kind
from newsclean.cli import main
from newsclean.report import KIND_COLOURS, render_html

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
#: A real English news page with many kinds of boilerplate and a short head, so that one screenful
#: shows removed and kept blocks (scrapinghub article-extraction-benchmark, MIT).
REAL_PAGE = (
    ROOT
    / "fixtures"
    / "bench"
    / "scrapinghub_aeb"
    / "e100c9612ad8495db03b2a9f968952d0eaa4853d9b32ded6a29f8e313a974873.dump.txt"
)
HOSTILE = '<script>document.documentElement.className="pwned"</script> & <b>bold</b> "quoted" \'single\''
PAGE = "\n\n".join(
    [
        "Home | World | Sports | Business | Opinion",
        "Minister resigns after a week of protests",
        "By Jane Doe",
        "The minister resigned on Tuesday after a week of protests in the capital, his office said.",
        "Thousands had marched through the city centre every evening since the budget vote, demanding new elections.",
        HOSTILE,
        "Opposition leaders welcomed the decision but said it came far too late for the families affected.",
        "Leave a Reply",
        "© 2024 Example News. All rights reserved.",
    ]
)
#: Elements the report may use: no script, no embedded or linked resource.
ALLOWED_TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "header",
    "h1",
    "h2",
    "p",
    "dl",
    "dt",
    "dd",
    "section",
    "ul",
    "ol",
    "li",
    "span",
    "main",
    "footer",
}
_VOID = {"meta", "br", "hr", "img", "link", "input"}

CHROMIUM = "/usr/bin/chromium"
WINDOW = (1200, 1600)
BROWSER_TIMEOUT = 120  # seconds; the first start on a busy two-core machine is the slow one


# -- reading the report back ------------------------------------------------


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node] = field(default_factory=list)
    parts: list[str | Node] = field(default_factory=list)

    def text(self) -> str:
        return "".join(p if isinstance(p, str) else p.text() for p in self.parts)

    def walk(self) -> list[Node]:
        out = [self]
        for child in self.children:
            out += child.walk()
        return out

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        self.stack[-1].parts.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].parts.append(data)


def parse(markup: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(markup)
    builder.close()
    return builder.root


def blocks(root: Node) -> list[Node]:
    return [n for n in root.walk() if n.tag == "li" and "block" in n.classes()]


def block_text(node: Node) -> str:
    """The page text of one block: its <p>, without the line number and the label."""
    [p] = [c for c in node.children if c.tag == "p"]
    return p.text()


def line_of(node: Node) -> str:
    [line] = [c for c in node.children if "line" in c.classes()]
    return line.text()


@pytest.fixture(scope="module")
def doc() -> newsclean.Document:
    return newsclean.clean_document(PAGE, input_format="text")


@pytest.fixture(scope="module")
def real_doc() -> newsclean.Document:
    return newsclean.clean_document(REAL_PAGE.read_bytes())


# -- unit tests ----------------------------------------------------------------


def test_every_kind_has_a_distinct_colour() -> None:
    assert set(KIND_COLOURS) == set(Kind)
    assert all(re.fullmatch(r"#[0-9a-f]{6}", colour) for colour in KIND_COLOURS.values())
    assert len(set(KIND_COLOURS.values())) == len(KIND_COLOURS)


def test_page_text_is_escaped(doc: newsclean.Document) -> None:
    assert any(p.text == HOSTILE for p in doc.paragraphs) or any(r.text == HOSTILE for r in doc.removed)
    report = render_html(doc, source_name='<img src=x onerror="alert(1)">')
    assert "<script" not in report.lower() and "<b>" not in report and "<img" not in report
    assert "&lt;script&gt;document.documentElement.className=&quot;pwned&quot;&lt;/script&gt;" in report
    root = parse(report)
    assert [block_text(b) for b in blocks(root) if HOSTILE in block_text(b)] == [HOSTILE]
    assert {n.tag for n in root.walk()} - {"#document"} <= ALLOWED_TAGS


def test_report_is_self_contained(real_doc: newsclean.Document) -> None:
    root = parse(render_html(real_doc, source_name=str(REAL_PAGE)))
    assert {n.tag for n in root.walk()} - {"#document"} <= ALLOWED_TAGS
    assert not any({"src", "href"} & set(n.attrs) for n in root.walk())
    [style] = [n for n in root.walk() if n.tag == "style"]
    assert "url(" not in style.text() and "@import" not in style.text()


@pytest.mark.parametrize("which", ["doc", "real_doc"])
def test_legend_counts_match_the_removed_blocks(which: str, request: pytest.FixtureRequest) -> None:
    d: newsclean.Document = request.getfixturevalue(which)
    root = parse(render_html(d))
    [legend] = [n for n in root.walk() if n.attrs.get("aria-label") == "legend"]
    shown = {n.attrs["data-kind"]: n for n in legend.walk() if "data-kind" in n.attrs}
    assert {k: int(n.attrs["data-count"]) for k, n in shown.items()} == d.removed_by_kind()
    for kind, node in shown.items():
        assert f"--c:{KIND_COLOURS[Kind(kind)]}" in node.attrs["style"]
        assert node.text().split() == [kind, str(d.removed_by_kind()[kind])]
    absent = [k.value for k in Kind if k.value not in shown]
    assert ", ".join(absent) in legend.text()


@pytest.mark.parametrize("which", ["doc", "real_doc"])
def test_every_removed_block_appears_in_its_kinds_colour(which: str, request: pytest.FixtureRequest) -> None:
    d: newsclean.Document = request.getfixturevalue(which)
    removed = [b for b in blocks(parse(render_html(d))) if "removed" in b.classes()]
    expected = sorted(d.removed, key=lambda r: r.start)
    assert [(b.attrs["data-kind"], b.attrs["data-rule"], block_text(b)) for b in removed] == [
        (r.kind.value, r.rule, r.text) for r in expected
    ]
    for b, r in zip(removed, expected, strict=True):
        assert f"--c:{KIND_COLOURS[r.kind]}" in b.attrs["style"]
        assert r.rule in b.attrs["title"]  # the tooltip
        assert f"{r.kind.value} · {r.rule}" in b.text()  # the visible label


@pytest.mark.parametrize("which", ["doc", "real_doc"])
def test_kept_paragraphs_and_title_appear_in_page_order(which: str, request: pytest.FixtureRequest) -> None:
    d: newsclean.Document = request.getfixturevalue(which)
    rows = blocks(parse(render_html(d)))
    kept = [b for b in rows if "kept" in b.classes() and "title" not in b.classes()]
    assert [block_text(b) for b in kept] == [p.text for p in d.paragraphs]
    assert [b.attrs["data-role"] for b in kept] == [p.kind for p in d.paragraphs]
    titles = [i for i, b in enumerate(rows) if "title" in b.classes()]
    assert [block_text(rows[i]) for i in titles] == ([d.title] if d.title is not None else [])
    assert not titles or titles[0] < rows.index(kept[0])  # the title comes before the article
    lines = [int(line_of(b)) for b in rows if "title" not in b.classes()]
    assert lines == sorted(lines)


def test_title_goes_in_the_gap_it_left(doc: newsclean.Document) -> None:
    """PAGE's title line comes right after its menu; the report puts it there, not at the top."""
    rows = blocks(parse(render_html(doc)))
    roles = [b.attrs.get("data-kind") or b.attrs["data-role"] for b in rows]
    assert doc.title == "Minister resigns after a week of protests"
    assert roles.index("title") == roles.index("nav") + 1 < roles.index("paragraph")


def test_report_is_deterministic(real_doc: newsclean.Document) -> None:
    again = newsclean.clean_document(REAL_PAGE.read_bytes())
    assert render_html(real_doc, source_name="x") == render_html(again, source_name="x")


def test_a_page_with_nothing_removed_and_no_title() -> None:
    d = newsclean.clean_document("The minister resigned on Tuesday after a week of protests in the capital.")
    root = parse(render_html(d))
    assert [block_text(b) for b in blocks(root)] == [p.text for p in d.paragraphs]
    assert "(none found)" in root.text()


def test_cli_explain_writes_the_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page, out = tmp_path / "page.txt", tmp_path / "report.html"
    page.write_text(PAGE, encoding="utf-8")
    assert main(["explain", str(page), "--html", str(out)]) == 0
    captured = capsys.readouterr()
    assert "KEEP paragraph" in captured.out and "nav.separators" in captured.out  # the listing is unchanged
    assert str(out) in captured.err
    expected = render_html(newsclean.clean_document(page.read_bytes()), source_name=str(page))
    assert out.read_text(encoding="utf-8") == expected


# -- the browser test ------------------------------------------------------------


def _chromium() -> str:
    """The Chromium binary; a skip when it is missing, or a failure when CI says it must be there."""
    found = shutil.which("chromium") or (CHROMIUM if os.access(CHROMIUM, os.X_OK) else None)
    if found is not None:
        return found
    if os.environ.get("NEWSCLEAN_REQUIRE_BROWSER") == "1":
        pytest.fail("NEWSCLEAN_REQUIRE_BROWSER=1 but Chromium is not installed (apt-get install chromium)")
    pytest.skip(
        "Chromium is not installed (/usr/bin/chromium): the report is not rendered in a browser; "
        "apt-get install chromium, or set NEWSCLEAN_REQUIRE_BROWSER=1 to make this a failure"
    )


def _run_chromium(binary: str, *args: str) -> str:
    """Run headless Chromium once with a fresh profile; return its standard output.

    It runs in its own session so that on a timeout the whole process group
    (browser, zygote, renderers) is killed, not just the parent.
    """
    with tempfile.TemporaryDirectory(prefix="newsclean-chromium-", ignore_cleanup_errors=True) as profile:
        cmd = [
            binary,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--force-device-scale-factor=1",
            f"--user-data-dir={profile}",
            *args,
        ]
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
        try:
            out, err = proc.communicate(timeout=BROWSER_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            pytest.fail(f"Chromium did not finish within {BROWSER_TIMEOUT} s: {' '.join(cmd)}")
    assert proc.returncode == 0, f"Chromium exited with {proc.returncode}:\n{err[-3000:]}"
    return out


def test_report_renders_in_chromium() -> None:
    binary = _chromium()
    ARTIFACTS.mkdir(exist_ok=True)
    report, shot = ARTIFACTS / "report.html", ARTIFACTS / "report.png"
    shot.unlink(missing_ok=True)
    # The real page with a hostile line at its end: it must show as text, not run.
    doc = newsclean.clean_document(REAL_PAGE.read_text(encoding="utf-8") + "\n\n" + HOSTILE + "\n", input_format="text")
    report.write_text(render_html(doc, source_name=REAL_PAGE.name), encoding="utf-8")

    _run_chromium(binary, f"--screenshot={shot}", f"--window-size={WINDOW[0]},{WINDOW[1]}", report.as_uri())
    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == WINDOW
    assert len(png) > 30_000, "a blank page compresses to a few kilobytes; the report should not"

    dom = parse(_run_chromium(binary, "--dump-dom", report.as_uri()))
    [html] = [n for n in dom.walk() if n.tag == "html"]
    assert "class" not in html.attrs  # the hostile script did not run
    assert not [n for n in dom.walk() if n.tag == "script"]
    [legend] = [n for n in dom.walk() if n.attrs.get("aria-label") == "legend"]
    assert {n.attrs["data-kind"] for n in legend.walk() if "data-kind" in n.attrs} == set(doc.removed_by_kind())
    assert any(block_text(b) == HOSTILE for b in blocks(dom))

"""An HTML report of one cleaned page: every block in page order, removed ones coloured by kind.

``newsclean explain PAGE`` prints what was removed and why; a long page is
easier to audit when the removed blocks stand where they stood on the page, in
a colour per kind, next to the paragraphs that were kept. :func:`render_html`
builds that view from a :class:`~newsclean.document.Document` alone, so it
reports exactly what ``clean_document`` returned and never re-runs the pipeline.

The report is one self-contained file (inline CSS, no script, no external
resource) so it can be attached to a bug report or opened from an archive years
later. Page text is hostile by nature (scraped markup, injected scripts), so
every piece of it is HTML-escaped; the report itself runs no JavaScript.

Colours live in :data:`KIND_COLOURS`, a table kept apart from the rendering
code so that adding a :class:`~newsclean.document.Kind` means adding one line
there (``tests/test_report.py`` fails when a kind has no colour).
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from . import __version__
from .document import Document, Kind, Removal

__all__ = ["KIND_COLOURS", "render_html"]

#: One colour per kind of removed block. Related kinds share a hue family
#: (navigation in blues, promotion in greens, legal notices in reds and ambers,
#: media in browns, head matter in pinks, whole-region verdicts in greys) so a
#: page's structure shows at a glance; each block's label names its exact kind.
KIND_COLOURS: Final[Mapping[Kind, str]] = MappingProxyType(
    {
        Kind.NAV: "#2f6fb5",
        Kind.BREADCRUMB: "#5aa0e0",
        Kind.SECTION: "#1a9fb0",
        Kind.LABEL: "#7a8fd6",
        Kind.PREV_NEXT: "#3b4cc0",
        Kind.BACK_TO_TOP: "#6a5acd",
        Kind.RELATED: "#2e9e5b",
        Kind.READ_MORE: "#7cbf3a",
        Kind.COMMENTS: "#9b59b6",
        Kind.SHARE: "#d45fb0",
        Kind.CONTACT: "#b07ad9",
        Kind.SYNDICATION: "#c0392b",
        Kind.COPYRIGHT: "#e0603a",
        Kind.ADVERTISEMENT: "#e8a317",
        Kind.COOKIE: "#b8860b",
        Kind.CAPTION: "#8c6d46",
        Kind.CREDIT: "#a0522d",
        Kind.MEDIA: "#c49a6c",
        Kind.BYLINE: "#e07b9a",
        Kind.DATELINE: "#d4477a",
        Kind.DUPLICATE: "#b0a6c9",
        Kind.OUTSIDE: "#8a8f98",
        Kind.TEMPLATE: "#5f6b7a",
        Kind.LANGUAGE: "#2a9d8f",
    }
)

_CSS: Final = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px 32px 40px; background: #f4f4f2; color: #1d1d1f;
       font: 15px/1.5 system-ui, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", "DejaVu Sans", sans-serif; }
header, section, main, footer { max-width: 1100px; margin: 0 auto; }
h1 { font-size: 22px; margin: 0 0 2px; }
h2 { font-size: 15px; margin: 0 0 10px; text-transform: uppercase; letter-spacing: .05em; color: #555; }
.source { margin: 0 0 12px; color: #555; font-family: ui-monospace, "DejaVu Sans Mono", monospace;
          font-size: 13px; overflow-wrap: anywhere; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 0 0 18px; font-size: 14px; }
.facts dt { color: #666; }
.facts dd { margin: 0; overflow-wrap: anywhere; }
.legend { background: #fff; border: 1px solid #ddd; border-radius: 8px; padding: 14px 16px; margin-bottom: 20px; }
.legend ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 8px; }
.legend li { display: flex; align-items: center; gap: 6px; padding: 3px 10px 3px 6px; border-radius: 14px;
             border: 1px solid #ddd; font-size: 13px; background: #fff; }
.swatch { width: 14px; height: 14px; border-radius: 3px; background: var(--c); flex: none;
          border: 1px solid rgba(0, 0, 0, .15); }
.legend li.kept-key .swatch { background: #fff; }
.count { font-weight: 700; font-variant-numeric: tabular-nums; }
.absent { margin: 10px 0 0; font-size: 12px; color: #777; }
.blocks { list-style: none; margin: 0; padding: 0; }
.block { position: relative; margin: 0 0 4px; padding: 5px 12px 5px 58px; border-radius: 5px; min-height: 32px;
         background: #fff; border: 1px solid #e2e2e2; border-left: 6px solid #c9c9c9; overflow-wrap: anywhere; }
.block::after { content: ""; display: block; clear: both; }
.block p { margin: 0; }
.block .line { position: absolute; left: 6px; top: 7px; width: 40px; text-align: right; font-size: 11px;
               color: #888; font-variant-numeric: tabular-nums; }
.block.removed { background: #f7f7f7; background: color-mix(in srgb, var(--c) 14%, #fff);
                 border-color: color-mix(in srgb, var(--c) 35%, #fff); border-left-color: var(--c); color: #333; }
.tag { float: right; margin: 1px 0 2px 12px; padding: 0 7px; border-radius: 9px; font-size: 11px;
       font-weight: 600; line-height: 18px; color: #fff; background: var(--c);
       font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
.block.kept { border-left-color: #1d1d1f; }
.block.heading p { font-weight: 700; }
.block.caption p { font-style: italic; }
.block.title { border-left-color: #111; border-width: 2px 2px 2px 6px; border-color: #111; }
.block.title p { font-size: 20px; font-weight: 700; line-height: 1.3; }
.tag.title-tag { background: #111; }
.tag.kept-tag { background: #fff; color: #444; border: 1px solid #bbb; line-height: 16px; }
footer { margin-top: 18px; font-size: 12px; color: #777; }
"""


@dataclass(frozen=True, slots=True)
class _Row:
    """One block of the report: a kept paragraph, the title, or a removal, with its span on the page."""

    start: int
    end: int
    line: int | None
    text: str
    role: str  # "title", a Paragraph.kind ("paragraph", "heading", "caption"), or "removed"
    removal: Removal | None = None


def render_html(doc: Document, *, source_name: str = "") -> str:
    """Return a self-contained HTML page showing ``doc``'s blocks in page order.

    Removed blocks are tinted with their kind's colour (:data:`KIND_COLOURS`)
    and labelled with kind and rule id (also in a tooltip); kept paragraphs are
    plain, the title is marked. A legend counts the removed blocks per kind.
    ``source_name`` (a path or URL) is shown in the header. The output depends
    only on its arguments, so two runs give identical bytes.

    Page order comes from the ``start`` offsets that :class:`~newsclean.Paragraph`
    and :class:`~newsclean.Removal` carry (both into the same repaired text).
    The title is the one block a :class:`Document` records without a position;
    it is placed in the last gap between recorded blocks, before the first kept
    paragraph, that is long enough to hold it (the classifier always takes the
    title from just before the article), and first when no gap fits. Its
    tooltip says that its position was inferred.

    >>> from newsclean import clean_document
    >>> page = clean_document("Home | World | Sports\\n\\nThe minister resigned on Tuesday after a week of protests.")
    >>> report = render_html(page, source_name="<stdin>")
    >>> report.startswith("<!DOCTYPE html>"), "&lt;stdin&gt;" in report, "nav.separators" in report
    (True, True, True)
    """
    rows = _rows(doc)
    counts = Counter(r.kind for r in doc.removed)
    parts = [
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        f"<title>newsclean explain{_e(': ' + source_name if source_name else '')}</title>\n",
        f"<style>{_CSS}</style>\n</head>\n<body>\n",
        _header(doc, source_name),
        _legend(counts, len(doc.paragraphs), doc.title is not None),
        '<main>\n<h2>Blocks in page order</h2>\n<ol class="blocks">\n',
        *(_block(row) for row in rows),
        "</ol>\n</main>\n",
        f"<footer>Generated by newsclean {_e(__version__)}. Line numbers refer to the page after Unicode repair "
        "(and, for HTML, after conversion to text).</footer>\n</body>\n</html>\n",
    ]
    return "".join(parts)


def _e(text: str) -> str:
    """Escape page text for both element content and quoted attribute values."""
    return html.escape(text, quote=True)


def _rows(doc: Document) -> list[_Row]:
    """Kept paragraphs and removed blocks merged by offset, with the title placed (see :func:`render_html`)."""
    rows = [_Row(p.start, p.end, p.line, p.text, p.kind) for p in doc.paragraphs]
    rows += [_Row(r.start, r.end, r.line, r.text, "removed", r) for r in doc.removed]
    rows.sort(key=lambda row: (row.start, row.end))
    if doc.title is not None:
        rows.insert(_title_slot(rows, doc.title), _Row(-1, -1, None, doc.title, "title"))
    return rows


def _title_slot(rows: list[_Row], title: str) -> int:
    """The index in ``rows`` (sorted by offset) before which the title goes; see :func:`render_html`.

    A block's text is its lines with white space collapsed, and blocks are
    separated by at least one line break, so the title leaves a gap of at least
    ``len(title) + 1`` characters between the blocks around it. Only gaps up
    to the first kept paragraph count: the title comes before the article.

    >>> rows = [_Row(0, 8, 1, "Home | World", "removed"), _Row(40, 90, 5, "Body text.", "paragraph")]
    >>> _title_slot(rows, "A headline of twenty")
    1
    >>> _title_slot(rows, "A headline far too long to fit in the gap between those two blocks")
    0
    """
    need = len(title) + 1
    slot, prev_end = 0, -1
    for i, row in enumerate(rows):
        if row.start - prev_end - 1 >= need:
            slot = i
        if row.role != "removed":
            break
        prev_end = row.end
    return slot


def _header(doc: Document, source_name: str) -> str:
    """What the page was and what came out, so a report read on its own says what it is about."""
    facts: list[tuple[str, str]] = [
        ("title", doc.title if doc.title is not None else "(none found)"),
        ("language", doc.language),
        ("kept", f"{len(doc.paragraphs)} paragraph{'s' * (len(doc.paragraphs) != 1)}"),
        ("removed", f"{len(doc.removed)} block{'s' * (len(doc.removed) != 1)}"),
    ]
    meta = doc.metadata
    facts += [(name, value) for name, value in (("date", meta.date), ("source", meta.source)) if value]
    facts += [
        (name, "; ".join(values)) for name, values in (("authors", meta.authors), ("credits", meta.credits)) if values
    ]
    rows = "".join(f"<dt>{_e(name)}</dt><dd>{_e(value)}</dd>" for name, value in facts)
    source = f'<p class="source">{_e(source_name)}</p>\n' if source_name else ""
    return f'<header>\n<h1>newsclean explain</h1>\n{source}<dl class="facts">{rows}</dl>\n</header>\n'


def _legend(counts: Counter[Kind], kept: int, has_title: bool) -> str:
    """Removed kinds present on the page with their colour and count (in enum order), then the absent ones."""
    items = [
        f'<li class="kind" data-kind="{_e(kind.value)}" data-count="{counts[kind]}" '
        f'style="--c:{KIND_COLOURS[kind]}"><span class="swatch"></span>{_e(kind.value)} '
        f'<span class="count">{counts[kind]}</span></li>\n'
        for kind in Kind
        if counts[kind]
    ]
    items.append(
        f'<li class="kept-key"><span class="swatch"></span>kept <span class="count">{kept}</span>'
        f"{' + title' if has_title else ''}</li>\n"
    )
    absent = [kind.value for kind in Kind if not counts[kind]]
    note = f'<p class="absent">No blocks of kind: {_e(", ".join(absent))}.</p>\n' if absent else ""
    return (
        f'<section class="legend" aria-label="legend">\n<h2>Removed blocks by kind</h2>\n'
        f"<ul>\n{''.join(items)}</ul>\n{note}</section>\n"
    )


def _block(row: _Row) -> str:
    """One block; the ``data-*`` attributes name kind, rule and role so tools (and the tests) can read them back."""
    line = f'<span class="line">{row.line}</span>' if row.line is not None else '<span class="line"></span>'
    text = f"<p>{_e(row.text)}</p>"
    if row.removal is not None:
        r = row.removal
        colour = KIND_COLOURS[r.kind]
        tip = f"removed: {r.kind.value}, rule {r.rule}, line {r.line}"
        return (
            f'<li class="block removed" data-kind="{_e(r.kind.value)}" data-rule="{_e(r.rule)}" '
            f'style="--c:{colour}" title="{_e(tip)}">{line}'
            f'<span class="tag">{_e(r.kind.value)} · {_e(r.rule)}</span>{text}</li>\n'
        )
    if row.role == "title":
        tip = "kept: title (Document records no position for it; placed by the gaps between the other blocks)"
        return (
            f'<li class="block kept title" data-role="title" title="{_e(tip)}">{line}'
            f'<span class="tag title-tag">title</span>{text}</li>\n'
        )
    tag = f'<span class="tag kept-tag">{_e(row.role)}</span>' if row.role != "paragraph" else ""
    return (
        f'<li class="block kept {_e(row.role)}" data-role="{_e(row.role)}" '
        f'title="{_e(f"kept: {row.role}, line {row.line}")}">{line}{tag}{text}</li>\n'
    )

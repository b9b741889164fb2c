"""The public entry points: a thin orchestrator over named stages.

    raw ──decode──> text ──repair──> repaired ──blocks──> blocks
        ──classify──> labels ──assemble──> Document (paragraphs, language, metadata)

Each stage is its own module; this one only wires them and keeps the result
idempotent (:func:`_settle`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from operator import attrgetter
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import numpy as np

from .blocks import Block, Blocks, split_blocks
from .chars import CELL_SEP, collapse_space, effective_length
from .classify import Label, classify
from .config import CleanConfig, CleanOptions, host_key, resolve
from .decode import PageText, detect_format, page_text
from .document import Document, Kind, Metadata, Paragraph, Removal, Repair
from .dom import DOM_FEATURE_NAMES
from .errors import InputTooLargeError, InputTypeError
from .features import Features, features_of
from .language import detect_many, main_language, matches
from .lexicon import normalise
from .meta import PageMeta, text_date, title_candidates, url_year
from .rules import Verdict, block_verdict, dateline_parts
from .unicode import REPAIR_BREAKS_RX, repair, repair_could_change

if TYPE_CHECKING:
    from typing import Unpack

__all__ = ["clean", "clean_document"]

#: Re-classification rounds that :func:`_settle` may take. One is almost always
#: enough, but a removal can cascade: once a tail is gone, the paragraph before it
#: ends the text and may be doubted in turn (the development pages need up to 25
#: rounds). Each round removes a paragraph or ends the loop; the bound keeps a
#: hostile input's cost linear.
_SETTLE_ROUNDS = 64


def clean(
    raw: str | bytes, *, config: CleanConfig | None = None, url: str | None = None, **options: Unpack[CleanOptions]
) -> str:
    """Return the article body of a scraped page: paragraphs separated by one blank line.

    ``raw`` is plain text or HTML, as ``str`` or as ``bytes`` in any encoding.
    Options are the fields of :class:`CleanConfig`, given as a ``config`` or as
    keyword arguments (keywords override the config). ``url`` is where the page
    came from, when the caller knows it (a crawl record's target URI); it is
    not an option because it belongs to one page (see :func:`clean_document`).

    >>> page = "Home | World | Sports\\n\\nThe minister resigned on Tuesday after a week of protests."
    >>> clean(page + "\\n\\nLeave a Reply")
    'The minister resigned on Tuesday after a week of protests.'
    """
    cfg = resolve(config, dict(options))
    with _no_cyclic_gc():
        # The text does not depend on the paragraphs' languages unless it is
        # filtered by them: leave language identification out of this call.
        return _clean_document(raw, cfg, detect=cfg.languages is not None, url=url).text


def clean_document(
    raw: str | bytes, *, config: CleanConfig | None = None, url: str | None = None, **options: Unpack[CleanOptions]
) -> Document:
    """Clean ``raw`` and return the structured result (see :class:`Document`).

    ``url``, the address the page was fetched from, becomes ``metadata.url``
    when the page declares no canonical address of its own, and dates the page:
    a date in its path (``/2008/01/07/``) gives the year of a dateline that
    shows none ("12月21日").
    """
    cfg = resolve(config, dict(options))
    with _no_cyclic_gc():
        return _clean_document(raw, cfg, detect=True, url=url)


@contextlib.contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for one call.

    A call makes many small objects (blocks, features, labels) that form no
    cycles and are freed by reference counting when it returns. While they
    live, their allocations trigger the collector, and its full passes scan
    every object the *caller* holds too: in a pipeline that keeps its results
    (a benchmark, a batch being written) that cost 10% of the run, and on a
    200,000-line input the rescans made the cost grow faster than the size
    (benchmarks/linear_time.py). The collector is restored (if it was on) when
    the call ends and catches up on its own schedule; the few objects the call
    leaves behind are its result. benchmarks/memory.py checks that memory stays
    flat over 100,000 calls.
    """
    enabled = gc.isenabled()
    if enabled:
        gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _clean_document(raw: str | bytes, cfg: CleanConfig, *, detect: bool, url: str | None = None) -> Document:
    """The pipeline. ``detect=False`` skips language identification: paragraphs,
    title and document get ``"und"`` (:func:`clean` needs only the text)."""
    if url is not None and not isinstance(url, str):
        raise InputTypeError(f"url must be a string or None, not {type(url).__name__}")
    if url and cfg.site_profiles and cfg.site_profile is None:
        profile = cfg.site_profiles.get(host_key(urlsplit(url).hostname or ""))
        if profile is not None:
            cfg = cfg.replace(site_profile=profile)
    repaired, repairs, blocks, dom, declared = prepare(raw, cfg)
    cache: dict[str, Features] = {}
    feats = _features(blocks.texts, cache)
    labels = classify(feats, cfg, dom, page_profile=declared.profile if declared is not None else "article")
    doc = _assemble(blocks, labels, cfg, declared, detect=detect, url=url, dom=dom)
    del blocks, feats, labels, dom  # the settling pass makes its own: a large input's stand apart
    doc = _settle(doc, cfg, cache, repaired)
    titled = _declared_title(doc, declared, cfg, cache, detect=detect)
    if titled is not doc and cfg.include_title:
        titled = _settle(titled, cfg, cache, repaired)  # the next call reads the title above the paragraphs
    doc = dataclasses.replace(titled, repairs=_merge_repairs(repairs + titled.repairs))
    return _settle_markup(doc, cfg, detect=detect)


def _declared_title(
    doc: Document, declared: PageMeta | None, cfg: CleanConfig, cache: dict[str, Features], *, detect: bool
) -> Document:
    """The title of an HTML page whose text gave none: the line the page declares as its title.

    On most pages the headline sits in a container of its own, away from the
    article's paragraphs, and the scorer removes it with the page furniture.
    When a removed line before the first paragraph is exactly one of the titles
    the page declares (``og:title``, JSON-LD ``headline``, ``<title>``, ...), or
    the headline part of one that carries the site's name ("Budget passes |
    The Daily"), it is the title.
    It is taken only where the next call, reading ``include_title=True``
    output as text, would take it too: a headline-like line no rule removes,
    followed by a paragraph of prose; and, with ``languages=``, in a wanted
    language.
    """
    if doc.title is not None or declared is None or not declared.title or not doc.paragraphs:
        return doc
    wanted = {normalise(t) for t in title_candidates(declared.titles or (declared.title,))}
    first = doc.paragraphs[0]
    found = [r for r in doc.removed if r.start < first.start and normalise(r.text) in wanted]
    if not found:
        return doc
    line = found[-1]
    opening, shape = _features([first.text, line.text], cache)
    if not opening.body_like or not shape.headline_like or block_verdict(shape) is not None:
        return doc
    if cfg.languages is not None and detect:
        lang = detect_many([line.text])[0]
        if lang != "und" and not matches(lang, cfg.languages):
            return doc
    return Document(
        text=_compose(doc.paragraphs, line.text, cfg),
        title=line.text,
        paragraphs=doc.paragraphs,
        removed=tuple(r for r in doc.removed if r is not line),
        language=doc.language,
        metadata=doc.metadata,
        repairs=doc.repairs,
        fallback=doc.fallback,
    )


def _merge_repairs(repairs: Sequence[Repair]) -> tuple[Repair, ...]:
    counts: dict[str, int] = {}
    for r in repairs:
        counts[r.name] = counts.get(r.name, 0) + r.count
    return tuple(Repair(name, n) for name, n in sorted(counts.items()))


#: Repair names that say the output was repaired or re-read after the blocks were
#: cut: those paragraphs' offsets point to the source of a text that changed since.
OUTPUT_REPAIRED = "output_repaired"
OUTPUT_REPARSED = "output_reparsed_as_html"
OUTPUT_REPARSED_MARKDOWN = "output_reparsed_as_markdown"
#: Extra passes :func:`_settle_markup` may take (each peels at least one layer of markup).
_MARKUP_ROUNDS = 32


def _settle_markup(doc: Document, cfg: CleanConfig, *, detect: bool) -> Document:
    """Keep ``clean(clean(x)) == clean(x)`` when the output itself reads as HTML or Markdown.

    Text that quotes markup densely (entities decoded into tags, the literal
    markup of an ``<xmp>``, a link nested in a Markdown link's text) comes out
    looking like an HTML page or like Markdown, and the next call in
    ``input_format="auto"`` would read it as one. That call is made now and
    its result returned; the removed blocks of every pass are kept (those of a
    later pass with positions in the earlier pass's output). Pass
    ``input_format="text"`` to keep such markup as text.
    """
    for _ in range(_MARKUP_ROUNDS):
        if cfg.input_format != "auto" or not doc.text:
            return doc
        kind = detect_format(doc.text)
        if kind == "text":
            return doc
        again = _clean_document(
            doc.text, cfg.replace(input_format="html" if kind == "html" else "markdown"), detect=detect
        )
        if again.text == doc.text:
            return doc
        reparsed = Repair(OUTPUT_REPARSED if kind == "html" else OUTPUT_REPARSED_MARKDOWN, 1)
        doc = Document(
            text=again.text,
            title=again.title,
            paragraphs=again.paragraphs,
            removed=doc.removed + again.removed,
            language=again.language,
            metadata=doc.metadata,
            repairs=_merge_repairs((*doc.repairs, *again.repairs, reparsed)),
            fallback=doc.fallback or again.fallback,
        )
    return doc


def prepare(
    raw: str | bytes, cfg: CleanConfig
) -> tuple[str, tuple[Repair, ...], Blocks, np.ndarray | None, PageMeta | None]:
    """Stages 0-2: read the input, repair it, cut it into blocks (with their DOM rows
    and the page's declared metadata for HTML). Returns the repaired text too.

    Shared with ``benchmarks/train_scorer.py``, so the scorer is trained on
    exactly the blocks it will score.
    """
    text, rows, declared = _to_text(raw, cfg)
    repaired, repairs = repair(text)
    if rows is not None and repaired.count("\n") != text.count("\n"):
        rows = _spread_rows(text, rows, repaired)
    blocks = split_blocks(repaired, join=rows is None)
    dom = np.array([rows[b.line - 1] for b in blocks]) if rows is not None and blocks else None
    return repaired, repairs, blocks, dom, declared


def _spread_rows(text: str, rows: Sequence[tuple[float, ...]], repaired: str) -> tuple[tuple[float, ...], ...] | None:
    """The DOM rows of the repaired text's lines, when repair broke some lines in two: a line
    separator (U+2028) or a vertical tab inside an element's text becomes a line break, and
    both parts are the element's text. None when the lines cannot be matched (the DOM's
    evidence is then left out, as for plain text): the 40 development pages whose markup held
    such characters were once all read that way."""
    lines = text.split("\n")
    if len(lines) != len(rows):
        return None
    spread = tuple(row for line, row in zip(lines, rows, strict=True) for _ in range(len(REPAIR_BREAKS_RX.split(line))))
    return spread if len(spread) == repaired.count("\n") + 1 else None


def _to_text(raw: str | bytes, cfg: CleanConfig) -> PageText:
    if not isinstance(raw, (str, bytes, bytearray, memoryview)):
        raise InputTypeError(f"clean() takes str or bytes, not {type(raw).__name__}; decode or read the page first")
    try:
        size = len(raw) if not isinstance(raw, memoryview) else raw.nbytes
    except ValueError:  # a released memoryview
        raise InputTypeError("clean() was given a released memoryview; pass the bytes while they are alive") from None
    _check_size(size, cfg)
    return page_text(raw, cfg.input_format)


def _check_size(size: int, cfg: CleanConfig) -> None:
    if cfg.max_input_chars and size > cfg.max_input_chars:
        raise InputTooLargeError(
            f"input is {size:,} characters, over the limit of {cfg.max_input_chars:,}; "
            "raise CleanConfig.max_input_chars (0 disables the limit) or split the input"
        )


def _features(texts: Sequence[str], cache: dict[str, Features]) -> list[Features]:
    """Features of each block's text; ``cache`` shares them between passes over the same text."""
    out = []
    for text in texts:
        f = cache.get(text)
        if f is None:
            f = cache[text] = features_of(text)
        out.append(f)
    return out


def _assemble(
    blocks: Blocks,
    labels: list[Label],
    cfg: CleanConfig,
    declared: PageMeta | None,
    *,
    detect: bool,
    url: str | None = None,
    dom: np.ndarray | None = None,
) -> Document:
    """Turn labelled blocks into a Document: language, filtering, metadata."""
    removed: list[Removal] = []
    paragraphs: list[Paragraph] = []
    title_block: Block | None = None
    # The DOM columns read below, as Python lists: one numpy read per page, not per block.
    shape = dom[:, _STRUCTURE_COLUMNS].tolist() if dom is not None and len(dom) else None
    for i, (b, lab) in enumerate(zip(blocks, labels, strict=True)):
        if lab.role == "title":
            title_block = b
        elif lab.verdict is not None:
            removed.append(_removal(b, lab.verdict))
        else:
            level, marker, row = _structure(shape[i], b.text) if shape is not None else (0, "", False)
            paragraphs.append(Paragraph(b.text, lab.role, "und", b.line, b.start, b.end, level, marker, row))

    title = title_block.text if title_block is not None else None
    furniture = {
        b.start
        for i, (b, lab) in enumerate(zip(blocks, labels, strict=True))
        if dom is not None and lab.verdict is not None and lab.verdict.kind is Kind.DATELINE and _in_furniture(dom[i])
    }
    paragraphs, title_lang = _with_languages(paragraphs, title) if detect else (paragraphs, "und")
    if cfg.languages is not None:
        paragraphs, dropped = _filter_languages(paragraphs, cfg.languages)
        removed.extend(dropped)
        if title_block is not None and title_lang != "und" and not matches(title_lang, cfg.languages):
            removed.append(_removal(title_block, Verdict(Kind.LANGUAGE, "language.filter")))
            title_block = title = None
            if paragraphs and paragraphs[0].kind == "heading":
                first = paragraphs.pop(0)
                title, title_lang = first.text, first.lang
        removed.sort(key=lambda r: r.start)

    weights = [(p.lang, effective_length(p.text)) for p in paragraphs]
    language = main_language(weights, prefer=title_lang)
    return Document(
        text=_compose(paragraphs, title, cfg),
        title=title,
        paragraphs=tuple(paragraphs),
        removed=tuple(removed),
        language=language,
        metadata=_metadata(removed, declared, title, language, url=url, furniture=furniture),
        fallback=any(lab.fallback for lab in labels),
    )


#: Columns of a DOM row (:data:`newsclean.dom.DOM_FEATURE_NAMES`) that say what element a line is.
_STRUCTURE_COLUMNS = [DOM_FEATURE_NAMES.index(f"dom_own_{g}") for g in ("h12", "h36", "li", "cell")]


def _structure(row: list[float], text: str) -> tuple[int, str, bool]:
    """``(heading level, list marker, table row)`` of a line, from its DOM row.

    The row groups ``h1``/``h2`` and ``h3``-``h6``: a heading reads as level 2
    or 3 (the page's ``h1`` is most often its title, set apart as the
    document's), and list items as unordered. A table row is a line of a
    table row that holds two cells or more (a layout table's single cell,
    holding a page region, is not a table to write back).
    """
    h12, h36, li, cell = row
    if h12:
        return 2, "", False
    if h36:
        return 3, "", False
    if li:
        return 0, "-", False
    return 0, "", bool(cell) and CELL_SEP in text


def _compose(paragraphs: Sequence[Paragraph], title: str | None, cfg: CleanConfig) -> str:
    """``clean()``'s text: paragraphs separated by a blank line, the title on top if asked for."""
    body = "\n\n".join(p.text for p in paragraphs)
    if cfg.include_title and title:
        return title + ("\n\n" + body if body else "")
    return body


def _removal(b: Block, v: Verdict) -> Removal:
    return Removal(b.text, v.kind, v.rule, b.line, b.start, b.end)


def _with_languages(paragraphs: list[Paragraph], title: str | None) -> tuple[list[Paragraph], str]:
    """Detect each paragraph's language (and the title's, in the same pool); a
    heading takes the language of the paragraph it introduces when its own
    cannot be told."""
    found = detect_many([p.text for p in paragraphs] + ([title] if title is not None else []))
    title_lang = found.pop() if title is not None else "und"
    langs = found
    for i, p in enumerate(paragraphs):
        if p.kind == "heading" and langs[i] == "und" and i + 1 < len(paragraphs):
            langs[i] = langs[i + 1]
    tagged = [dataclasses.replace(p, lang=lang) for p, lang in zip(paragraphs, langs, strict=True)]
    return tagged, title_lang


def _filter_languages(paragraphs: list[Paragraph], wanted: tuple[str, ...]) -> tuple[list[Paragraph], list[Removal]]:
    kept: list[Paragraph] = []
    dropped: list[Removal] = []
    keep_und = True
    for p in paragraphs:
        keep = keep_und if p.lang == "und" else matches(p.lang, wanted)
        keep_und = keep
        if keep:
            kept.append(p)
        else:
            dropped.append(Removal(p.text, Kind.LANGUAGE, "language.filter", p.line, p.start, p.end))
    return kept, dropped


def _metadata(
    removed: list[Removal],
    declared: PageMeta | None,
    title: str | None,
    language: str,
    *,
    url: str | None = None,
    furniture: frozenset[int] | set[int] = frozenset(),
) -> Metadata:
    """The page's declared metadata first; what the text showed where it declares nothing.

    A date from the text is ISO 8601 or nothing (:func:`newsclean.meta.text_date`;
    the year of a date that shows none comes from ``url``), and never one
    shown in a table, a menu, a footer or a sidebar (``furniture``: the start
    offsets of those blocks), where dates are birth dates, schedules or
    today's date in a masthead. ``source`` is the site's declared name
    (``og:site_name``, the JSON-LD publisher) or else a dateline's source
    when that reads as a name (:func:`_source_name`), never a menu fragment.
    """
    date = source = None
    authors: list[str] = []
    credits: list[str] = []
    year = url_year(url)
    for r in removed:
        if r.kind is Kind.DATELINE and date is None and r.start not in furniture:
            parts = dateline_parts(r.text)
            if parts is not None:
                date = text_date(parts[0], year)
                source = _source_name(parts[1]) if date is not None else None
        elif r.kind is Kind.BYLINE:
            name = r.text.split(None, 1)[1] if " " in r.text else r.text
            if name not in authors:
                authors.append(name)
        elif r.kind is Kind.CREDIT and r.text not in credits:
            credits.append(r.text)
    page = declared or PageMeta()
    return Metadata(
        date=page.date or date,
        source=_site_source(page.site_name) or source,
        authors=page.authors or tuple(authors),
        credits=tuple(credits),
        title=page.title or title,
        site_name=page.site_name,
        url=page.url or url,
        language=page.language or (language if language != "und" else None),
    )


#: Ancestor columns of a DOM row whose dates and names are not the article's.
_FURNITURE_COLUMNS = [DOM_FEATURE_NAMES.index(f"dom_in_{a}") for a in ("table", "nav", "footer", "aside")]
#: Characters that a menu or a breadcrumb puts between its items, never a name.
_NOT_IN_NAMES_RX = re.compile(r"[|»›>/•·]|\s-\s")


def _in_furniture(row: np.ndarray) -> bool:
    return any(row[c] for c in _FURNITURE_COLUMNS)


def _source_name(text: str) -> str | None:
    """A dateline's source ("Reuters", "新华社") when what is left of it reads as a name.

    The words a dateline sets around its date ("Published", "Updated", "at",
    weekdays, time zones, month names) come off first; what remains must hold
    no menu separator and, in a cased script, be capitalised word by word
    ("Associated Press"; not "Get short URL", not "By admin").
    """
    if _NOT_IN_NAMES_RX.search(text):
        return None
    words = [w for w in text.split() if w.casefold().strip(".,:@") not in _NOT_NAMES and not _is_month(w)]
    if not words or not any(c.isalpha() for c in "".join(words)):
        return None
    if any(w[0].isalpha() and w[0].lower() != w[0].upper() and not w[0].isupper() for w in words):
        return None  # a lower-case word in a cased script: a phrase of the page, not a name
    return " ".join(words)


def _site_source(site_name: str | None) -> str | None:
    """The declared site name as a source, unless it is a handle ("@Wday_") or a list of sections."""
    if not site_name or site_name.startswith("@") or _NOT_IN_NAMES_RX.search(site_name):
        return None
    return site_name


def _is_month(word: str) -> bool:
    return text_date(f"1 {word} 2000") is not None


#: Words a dateline sets around its date that are not a source.
_NOT_NAMES = frozenset(
    {
        "",
        "updated",
        "published",
        "posted",
        "modified",
        "last",
        "first",
        "at",
        "on",
        "by",
        "am",
        "pm",
        "a.m",
        "p.m",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "et",
        "gmt",
        "utc",
        "est",
        "edt",
        "cst",
        "cdt",
        "mst",
        "mdt",
        "pst",
        "pdt",
        "pt",
        "ct",
        "mt",
        "cet",
        "cest",
        "bst",
        "ist",
        "jst",
        "kst",
        "aest",
        "aedt",
        "aktualisiert",
        "veröffentlicht",
        "um",
        "publié",
        "le",
        "à",
        "mis",
        "jour",
        "publicado",
        "actualizado",
        "às",
        "de",
        "el",
        "em",
    }
)


def _rerepair(doc: Document, cfg: CleanConfig, source: str) -> Document:
    """Repair the output as the next call would, when that can change it.

    The repair decides on the whole input: a mis-decoded line may be left alone
    because the lines around it veto the decoding, and joining wrapped lines
    can put a space after a stray "Â". Once the output stands alone, the next
    call's repair may see it differently; this applies that repair now.
    ``source`` is the repaired input the paragraphs' offsets point into.
    """
    # Paragraphs that are not one repaired line as it stands: joined, or white space collapsed.
    changed = [
        p.text for p in doc.paragraphs if p.end - p.start != len(p.text) or source.find("\n", p.start, p.end) >= 0
    ]
    if not repair_could_change(doc.text, changed):
        return doc
    again, _ = repair(doc.text)
    if again == doc.text:
        return doc
    titled = bool(cfg.include_title and doc.title)
    parts = [collapse_space(part) for part in again.split("\n\n")]
    if len(parts) != len(doc.paragraphs) + titled or not all(parts):
        return doc  # the repair changed the structure; keep the output as it is
    title = parts.pop(0) if titled else doc.title
    paragraphs = tuple(dataclasses.replace(p, text=t) for t, p in zip(parts, doc.paragraphs, strict=True))
    count = sum(1 for p, q in zip(paragraphs, doc.paragraphs, strict=True) if p.text != q.text)
    return Document(
        text=_compose(paragraphs, title, cfg),
        title=title,
        paragraphs=paragraphs,
        removed=doc.removed,
        language=doc.language,
        metadata=doc.metadata,
        repairs=(*doc.repairs, Repair(OUTPUT_REPAIRED, count)),
        fallback=doc.fallback,
    )


def _text_as_cut(cut: Sequence[Paragraph], p: Paragraph) -> str:
    """The text the paragraph at ``p``'s offsets had when the first pass cut it.

    ``cut`` is in offset order (paragraphs do not overlap), so a binary search finds
    it: a dictionary of every paragraph would cost a large input more than its paragraphs.
    """
    i = bisect_left(cut, p.start, key=attrgetter("start"))
    if i < len(cut) and cut[i].start == p.start and cut[i].end == p.end:
        return cut[i].text
    return p.text


def _settle(doc: Document, cfg: CleanConfig, cache: dict[str, Features], source: str) -> Document:
    """Make ``clean(clean(x)) == clean(x)`` hold by construction.

    The output is classified again as the next call would see it; whatever that
    pass would remove is removed now, with the rule that removes it, until a
    pass changes nothing. A paragraph removed here is recorded with its text as
    the input had it (the repair of the output may have changed it since), so
    that every removed block's text is the input's at its offsets.
    """
    as_cut = doc.paragraphs
    for _ in range(_SETTLE_ROUNDS):
        if not doc.paragraphs:
            return doc
        doc = _rerepair(doc, cfg, source)
        # The output separates paragraphs by blank lines, and a paragraph is one
        # line with its white space collapsed, so the next call's blocks are the
        # paragraphs themselves (under the title, when it is put on top): classify them directly.
        head = [doc.title] if cfg.include_title and doc.title else []
        labels = classify(_features(head + [p.text for p in doc.paragraphs], cache), cfg)[len(head) :]
        drop = {i: lab for i, lab in enumerate(labels) if lab.role in ("removed", "title")}
        if not drop:
            return doc
        extra = []
        for i, p in enumerate(doc.paragraphs):
            if i in drop:
                # A paragraph that a second pass would take for the title leads the text: head matter.
                v = drop[i].verdict or Verdict(Kind.OUTSIDE, "outside.head")
                text = _text_as_cut(as_cut, p)
                extra.append(Removal(text, v.kind, v.rule, p.line, p.start, p.end))
        paragraphs = tuple(p for i, p in enumerate(doc.paragraphs) if i not in drop)
        body = _compose(paragraphs, doc.title, cfg)
        removed = tuple(sorted(doc.removed + tuple(extra), key=lambda r: r.start))
        weights = [(p.lang, effective_length(p.text)) for p in paragraphs]
        doc = Document(
            text=body,
            title=doc.title,
            paragraphs=paragraphs,
            removed=removed,
            language=main_language(weights, prefer=doc.language),
            metadata=doc.metadata,
            repairs=doc.repairs,
            fallback=doc.fallback,
        )
    return doc

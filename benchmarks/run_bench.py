"""Run newsclean and its peers side by side on the development benchmark.

Every system sees the same pages in the same process; pages are the outer loop and systems the
inner one, so background load on the machine hits all systems alike. Only the system's own call
is timed (``time.perf_counter``), after an untimed warm-up on the first pages. A page that raises
is counted as an error and scored as an empty output.

Usage (from the repository root)::

    .venv/bin/python benchmarks/run_bench.py --limit 5
    .venv/bin/python benchmarks/run_bench.py --mode html --systems newsclean,trafilatura
    .venv/bin/python benchmarks/run_bench.py --compare benchmarks/results/old-text.json

See ``benchmarks/README.md`` for the columns of the table.
"""

from __future__ import annotations

import argparse
import gzip
import html
import importlib.metadata
import importlib.util
import json
import logging
import math
import os
import platform
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import regex

REPO_ROOT = Path(__file__).resolve().parent.parent


def _put_repo_on_path() -> None:
    """Make ``benchmarks.metrics`` and this checkout's ``newsclean`` importable.

    The repository goes right after the ``PYTHONPATH`` entries, so a ``newsclean`` given there
    (e.g. a stand-in) wins, and this checkout wins over any installed copy.
    """
    root = str(REPO_ROOT)
    if root in sys.path:
        return
    overrides = [entry for entry in os.environ.get("PYTHONPATH", "").split(os.pathsep) if entry]
    sys.path.insert(min(len(sys.path), 1 + len(overrides)), root)


_put_repo_on_path()

from benchmarks import metrics  # noqa: E402  (needs the repo on sys.path, set just above)

DEFAULT_BENCH = REPO_ROOT.parent / "shared" / "bench"
RESULTS_DIR = REPO_ROOT / "benchmarks" / "results"

#: The data sets of the original macro (kept so figures stay comparable across sessions).
MACRO3_DATASETS = ("scrapinghub_aeb", "readability_moz", "chinese_wce")
#: Mixed-page data sets with labelled page types (2026-12-06): wcxb (seven types) and magic_html.
MIXED_DATASETS = ("wcxb", "magic_html")
PLAIN_DATASETS = (*MACRO3_DATASETS, *MIXED_DATASETS)
SNIPPET_DATASET = "trafilatura_eval"
DATASETS = (*PLAIN_DATASETS, SNIPPET_DATASET)
#: Languages of magic_html reported on their own rows (the CJK ones).
CJK_LANGS = ("zh", "ja", "ko")
#: An emptied page: newsclean below this F1 ...
EMPTIED_BELOW = 0.2
#: ... while trafilatura reaches at least this on the same page.
EMPTIED_PEER_AT_LEAST = 0.8
MODES = ("text", "html")

WARMUP_PAGES = 3
REFERENCE_CHECK_PAGES = 20
REFERENCE_TOLERANCE = 1e-12
MAX_ERRORS_SHOWN = 10
MAX_DROPS_SHOWN = 10
PROGRESS_EVERY = 100

#: The gold of a page: the article text, or trafilatura_eval's must / must-not snippets.
Gold = str | dict[str, list[str]]
#: A system under test: page input (dump text or HTML bytes) -> extracted text.
Extractor = Callable[[str | bytes], str | None]
#: Builds an extractor; raises ImportError when the tool is not installed.
SystemFactory = Callable[[], Extractor]


# =========================================================================== pages


@dataclass(frozen=True)
class Page:
    """One benchmark page, as listed in ``manifest.jsonl``."""

    id: str
    dataset: str
    lang: str
    html_path: Path
    dump_path: Path
    gold: Gold
    page_type: str = ""

    @property
    def has_snippet_gold(self) -> bool:
        return not isinstance(self.gold, str)

    @property
    def gold_has_cjk(self) -> bool:
        return isinstance(self.gold, str) and metrics.has_cjk(self.gold)

    def load_input(self, mode: str) -> str | bytes:
        """The dump text (text mode) or the raw HTML bytes (html mode)."""
        if mode == "text":
            return self.dump_path.read_text(encoding="utf-8")
        with gzip.open(self.html_path) as fh:
            return fh.read()


def _load_gold(path: Path, gold_format: str) -> Gold:
    if gold_format == "with_without_snippets":
        data = json.loads(path.read_text(encoding="utf-8"))
        return {"with": list(data["with"]), "without": list(data["without"])}
    if gold_format == "plain_text":
        return path.read_text(encoding="utf-8")
    raise ValueError(f"{path}: unknown gold_format {gold_format!r}")


def load_pages(bench: Path, datasets: Sequence[str], limit: int | None) -> list[Page]:
    """Pages of ``datasets`` in manifest order, at most ``limit`` per data set."""
    manifest = bench / "manifest.jsonl"
    if not manifest.is_file():
        raise SystemExit(f"error: no manifest at {manifest}; pass --bench PATH")
    taken: dict[str, int] = defaultdict(int)
    pages = []
    for line in manifest.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        dataset = row["dataset"]
        if dataset not in datasets or (limit is not None and taken[dataset] >= limit):
            continue
        taken[dataset] += 1
        pages.append(
            Page(
                id=row["id"],
                dataset=dataset,
                lang=row.get("lang") or "",
                html_path=bench / row["html"],
                dump_path=bench / row["dump"],
                gold=_load_gold(bench / row["gold"], row["gold_format"]),
                page_type=row.get("page_type") or "",
            )
        )
    return pages


# =========================================================================== systems


def _as_text(raw: str | bytes) -> str:
    return raw if isinstance(raw, str) else raw.decode("utf-8", "replace")


def _newsclean() -> Extractor:
    import newsclean

    clean: Extractor = newsclean.clean  # AttributeError -> reported as not installed
    return clean


def _dump() -> Extractor:
    return _as_text


# --- C4-style line filter -------------------------------------------------------------

#: Line endings C4 treats as the end of a sentence, plus their CJK and full/halfwidth forms.
C4_TERMINAL = (
    ".", "!", "?", '"', "'",
    "\N{FULLWIDTH FULL STOP}", "\N{FULLWIDTH EXCLAMATION MARK}", "\N{FULLWIDTH QUESTION MARK}",
    "\N{FULLWIDTH QUOTATION MARK}", "\N{FULLWIDTH APOSTROPHE}",
    "\N{IDEOGRAPHIC FULL STOP}", "\N{HALFWIDTH IDEOGRAPHIC FULL STOP}",
    "\N{RIGHT CORNER BRACKET}", "\N{HALFWIDTH RIGHT CORNER BRACKET}",
    "\N{RIGHT WHITE CORNER BRACKET}",
)  # fmt: skip
C4_BAD_SUBSTRINGS = ("javascript", "cookie policy", "{", "lorem ipsum")
C4_MIN_WORDS = 3
#: For lines in CJK scripts, this many characters count as one word.
C4_CJK_CHARS_PER_WORD = 3
_CJK_CHAR = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")
_WORD_CHAR = regex.compile(r"\w")


def c4_word_count(line: str) -> float:
    """Whitespace words; in a line with CJK characters, each 3 CJK characters count as a word."""
    cjk_chars = len(_CJK_CHAR.findall(line))
    if not cjk_chars:
        return len(line.split())
    rest = _CJK_CHAR.sub(" ", line).split()
    return cjk_chars / C4_CJK_CHARS_PER_WORD + sum(1 for w in rest if _WORD_CHAR.search(w))


def c4_keeps_line(line: str) -> bool:
    """The C4 line rules: terminal punctuation, enough words, no boilerplate markers."""
    lowered = line.lower()
    return (
        line.endswith(C4_TERMINAL)
        and c4_word_count(line) >= C4_MIN_WORDS
        and not any(bad in lowered for bad in C4_BAD_SUBSTRINGS)
    )


def c4_filter(text: str) -> str:
    """Keep the lines of ``text`` that pass :func:`c4_keeps_line`, one paragraph each."""
    lines = (line.strip() for line in text.splitlines())
    return "\n\n".join(line for line in lines if c4_keeps_line(line))


def _c4() -> Extractor:
    return lambda raw: c4_filter(_as_text(raw))


# --- trafilatura ----------------------------------------------------------------------


def _html_decoder() -> Callable[[str | bytes], str | bytes]:
    """How peers get the HTML: decoded by its detected encoding, as the dumps were made.

    Peers' own byte decoding can be poor (trafilatura mangles the GB18030 pages of
    chinese_wce), and the reference table was measured on decoded text. The decoding runs
    inside the timed call. Without resiliparse, the bytes are passed through unchanged.
    """
    try:
        from resiliparse.parse.encoding import bytes_to_str, detect_encoding
    except ImportError:
        return lambda raw: raw

    def decode(raw: str | bytes) -> str | bytes:
        if isinstance(raw, str):
            return raw
        return str(bytes_to_str(raw, detect_encoding(raw) or "utf-8"))

    return decode


def _lines_as_html(text: str) -> str:
    """Wrap every non-empty line of a plain-text dump in its own ``<p>``."""
    paragraphs = "".join(f"<p>{html.escape(line)}</p>\n" for line in text.splitlines() if line.strip())
    return f"<html><body>\n{paragraphs}</body></html>"


def _ftfy() -> Extractor:
    """ftfy.fix_text alone, default settings: the Unicode repair every text pipeline pays for.

    Its F1 is the dump's; it is here for the speed ratio (newsclean's text mode
    aims to cost at most twice what ftfy alone costs)."""
    import ftfy

    return lambda raw: ftfy.fix_text(_as_text(raw))


def _trafilatura_on_dump() -> Extractor:
    import trafilatura

    return lambda raw: trafilatura.extract(_lines_as_html(_as_text(raw)))


def _trafilatura_html() -> Extractor:
    import trafilatura

    decode = _html_decoder()
    return lambda raw: trafilatura.extract(decode(raw))


# --- readability-lxml -----------------------------------------------------------------

_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt",
    "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td",
    "th", "thead", "tr", "ul",
})  # fmt: skip
_NO_TEXT_TAGS = frozenset({"script", "style", "noscript", "template"})


def _element_text_parts(root: Any) -> Iterator[str]:
    """Text of an lxml tree in document order, with a newline around every block element."""
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        element, closing = stack.pop()
        # comments and processing instructions have a non-str tag: drop their text
        tag = element.tag if isinstance(element.tag, str) else ""
        if closing:
            if tag in _BLOCK_TAGS:
                yield "\n"
            if element.tail and element is not root:
                yield element.tail
            continue
        if tag in _BLOCK_TAGS:
            yield "\n"
        if element.text and tag and tag not in _NO_TEXT_TAGS:
            yield element.text
        stack.append((element, True))
        stack.extend((child, False) for child in reversed(element))


def _tidy_lines(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _readability() -> Extractor:
    import lxml.html  # type: ignore[import-untyped]
    from readability import Document  # type: ignore[import-untyped]

    decode = _html_decoder()

    def extract(raw: str | bytes) -> str:
        summary = Document(decode(raw)).summary(html_partial=True)
        if not summary.strip():
            return ""
        return _tidy_lines("".join(_element_text_parts(lxml.html.fromstring(summary))))

    return extract


# --- resiliparse ----------------------------------------------------------------------


def _resiliparse() -> Extractor:
    from resiliparse.extract.html2text import extract_plain_text

    decode = _html_decoder()

    def extract(raw: str | bytes) -> str:
        return str(extract_plain_text(_as_text(decode(raw)), main_content=True))

    return extract


SYSTEMS: dict[str, dict[str, SystemFactory]] = {
    "text": {
        "newsclean": _newsclean,
        "dump": _dump,
        "c4": _c4,
        "ftfy": _ftfy,
        "trafilatura": _trafilatura_on_dump,
    },
    "html": {
        "newsclean": _newsclean,
        "trafilatura": _trafilatura_html,
        "readability": _readability,
        "resiliparse": _resiliparse,
    },
}


def build_systems(mode: str, names: Sequence[str]) -> tuple[dict[str, Extractor], dict[str, str]]:
    """Extractors of ``names`` available in ``mode``, and why the others could not be loaded."""
    ready: dict[str, Extractor] = {}
    missing: dict[str, str] = {}
    for name in names:
        factory = SYSTEMS[mode].get(name)
        if factory is None:
            continue
        try:
            ready[name] = factory()
        except (ImportError, AttributeError) as exc:
            missing[name] = f"not installed ({type(exc).__name__}: {exc})"
    return ready, missing


# =========================================================================== running


@dataclass
class PageResult:
    """One system's outcome on one page (P/R/F1 are bag-of-tokens, or snippet-based)."""

    id: str
    dataset: str
    system: str
    f1: float
    p: float
    r: float
    seconds: float
    error: str | None = None
    chars: int = 0
    gold_has_cjk: bool = False
    snippets: tuple[int, int, int, int] | None = None  # tp, fp, fn, tn on trafilatura_eval
    page_type: str = ""
    lang: str = ""


@dataclass
class SystemRun:
    """Everything one system produced in one run."""

    name: str
    results: list[PageResult] = field(default_factory=list)
    sh_pairs: list[tuple[str, str | None]] = field(default_factory=list)  # for SH-off


def timed_call(extractor: Extractor, raw: str | bytes) -> tuple[str | None, float, str | None]:
    """Run one extraction; returns (output, seconds inside the call, error or None)."""
    start = time.perf_counter()
    try:
        output = extractor(raw)
    except Exception as exc:  # any failure of a system is counted, never fatal
        seconds = time.perf_counter() - start
        return "", seconds, f"{type(exc).__name__}: {exc}"[:500]
    seconds = time.perf_counter() - start
    if output is not None and not isinstance(output, str):
        return "", seconds, f"TypeError: returned {type(output).__name__}, not str"
    return output, seconds, None


def score_page(page: Page, output: str | None) -> tuple[metrics.PRF, metrics.SnippetCounts | None]:
    """Bag-of-tokens P/R/F1, or for snippet gold the page's own snippet P/R/F1 and counts."""
    if isinstance(page.gold, str):
        return metrics.bag_prf(page.gold, output), None
    counts = metrics.snippet_counts(page.gold, output)
    pooled = metrics.snippet_prf([counts])
    return metrics.PRF(pooled["precision"], pooled["recall"], pooled["f1"]), counts


def record(run: SystemRun, page: Page, output: str | None, seconds: float, error: str | None) -> None:
    prf, counts = score_page(page, output)
    run.results.append(
        PageResult(
            id=page.id,
            dataset=page.dataset,
            system=run.name,
            f1=prf.f1,
            p=prf.precision,
            r=prf.recall,
            seconds=seconds,
            error=error,
            chars=len(output or ""),
            gold_has_cjk=page.gold_has_cjk,
            snippets=(counts.tp, counts.fp, counts.fn, counts.tn) if counts else None,
            page_type=page.page_type,
            lang=page.lang,
        )
    )
    if page.dataset == "scrapinghub_aeb" and isinstance(page.gold, str):
        run.sh_pairs.append((page.gold, output))


def warm_up(systems: Mapping[str, Extractor], pages: Sequence[Page], mode: str) -> None:
    """Untimed calls on the first pages, so imports, caches and JITs are warm for everyone."""
    for page in pages[:WARMUP_PAGES]:
        raw = page.load_input(mode)
        for extractor in systems.values():
            timed_call(extractor, raw)


def run_systems(systems: Mapping[str, Extractor], pages: Sequence[Page], mode: str) -> list[SystemRun]:
    warm_up(systems, pages, mode)
    runs = {name: SystemRun(name) for name in systems}
    started = time.perf_counter()
    for index, page in enumerate(pages, start=1):
        raw = page.load_input(mode)  # not timed: reading is the same for every system
        for name, extractor in systems.items():
            record(runs[name], page, *timed_call(extractor, raw))
        if index % PROGRESS_EVERY == 0 or index == len(pages):
            elapsed = time.perf_counter() - started
            print(
                f"  [{mode}] {index}/{len(pages)} pages, {elapsed:.0f} s",
                file=sys.stderr,
            )
    return list(runs.values())


# =========================================================================== summary

#: (key, header) of the table's columns, in order.
COLUMNS = (
    ("scrapinghub_aeb", "scrapinghub"),
    ("readability_moz", "moz"),
    ("chinese_wce", "zh_wce"),
    ("wcxb", "wcxb"),
    ("magic_html", "magic"),
    ("macro", "macro"),
    ("macro5", "macro5"),
    ("sh_off", "SH-off"),
    ("snip", "snip"),
    ("cjk", "CJK"),
    ("errors", "errors"),
    ("docs_per_s", "docs/s"),
    ("nc_speed", "nc speed"),
)
SCORE_COLUMNS = (
    "scrapinghub_aeb",
    "readability_moz",
    "chinese_wce",
    "wcxb",
    "magic_html",
    "macro",
    "macro5",
    "sh_off",
    "snip",
    "cjk",
)
NAN = float("nan")


def _fmean_or_nan(values: Sequence[float]) -> float:
    return statistics.fmean(values) if values else NAN


def summarize(run: SystemRun) -> dict[str, Any]:
    """Table columns (``columns``) and the full aggregate scores (``details``) of one system."""
    by_dataset: dict[str, list[PageResult]] = defaultdict(list)
    for result in run.results:
        by_dataset[result.dataset].append(result)
    columns: dict[str, float] = {}
    details: dict[str, Any] = {}
    for dataset in PLAIN_DATASETS:
        if dataset in by_dataset:
            mean = metrics.mean_prf((r.p, r.r, r.f1) for r in by_dataset[dataset])
            details[dataset] = mean
            columns[dataset] = mean["f1"]
    if SNIPPET_DATASET in by_dataset:
        pooled = metrics.snippet_prf(r.snippets for r in by_dataset[SNIPPET_DATASET] if r.snippets)
        details[SNIPPET_DATASET] = pooled
        columns["snip"] = pooled["f1"]
    columns["macro"] = _fmean_or_nan([columns[d] for d in MACRO3_DATASETS if d in columns])
    columns["macro5"] = _fmean_or_nan([columns[d] for d in PLAIN_DATASETS if d in columns])
    details["groups"] = {
        name: metrics.mean_prf((r.p, r.r, r.f1) for r in results)
        for name, results in sorted(page_groups(run.results).items())
    }
    if run.sh_pairs:
        details["scrapinghub_official"] = metrics.scrapinghub_metric(run.sh_pairs)
        columns["sh_off"] = details["scrapinghub_official"]["f1"]
    columns["cjk"] = _fmean_or_nan([r.f1 for r in run.results if r.gold_has_cjk])
    seconds = sum(r.seconds for r in run.results)
    columns["errors"] = sum(1 for r in run.results if r.error)
    columns["docs_per_s"] = len(run.results) / seconds if seconds > 0 else NAN
    details["pages"] = len(run.results)
    details["seconds"] = seconds
    return {"columns": columns, "details": details}


def page_groups(results: Sequence[PageResult]) -> dict[str, list[PageResult]]:
    """The rows of the page-type table: wcxb per page type, magic_html per type and per CJK language."""
    groups: dict[str, list[PageResult]] = defaultdict(list)
    for r in results:
        if r.dataset not in MIXED_DATASETS:
            continue
        groups[r.dataset].append(r)
        if r.page_type:
            groups[f"{r.dataset} {r.page_type}"].append(r)
        if r.dataset == "magic_html" and r.lang in CJK_LANGS:
            groups[f"magic_html {r.lang}"].append(r)
            groups["magic_html CJK"].append(r)
    return groups


def peer_f1(runs: Sequence[SystemRun], peer: str = "trafilatura") -> dict[str, float]:
    """Page id -> ``peer``'s F1 (plain-gold pages only), the reference of :func:`emptied_pages`."""
    return {r.id: r.f1 for run in runs if run.name == peer for r in run.results if r.snippets is None}


#: In text mode, a page whose dump holds less than this share of the gold (recall of the uncleaned
#: dump) lost its content before newsclean saw it (a dump of a page built by scripts), and is not counted.
EMPTIED_INPUT_RECALL = 0.5


def emptied_pages(
    ours: SystemRun, reference: Mapping[str, float], inputs: Mapping[str, float] | None = None
) -> dict[str, tuple[int, int]]:
    """Per data set: (pages ``ours`` empties while the reference keeps them, pages compared).

    An emptied page scores below ``EMPTIED_BELOW`` for newsclean while the reference (trafilatura
    on the HTML) reaches ``EMPTIED_PEER_AT_LEAST``: the page had content a plain extractor found.
    ``inputs`` (page id -> recall of the uncleaned input, text mode) leaves out the pages whose
    input does not hold the content.
    """
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in ours.results:
        if r.id not in reference or (inputs is not None and inputs.get(r.id, 1.0) < EMPTIED_INPUT_RECALL):
            continue
        counts[r.dataset][1] += 1
        if r.f1 < EMPTIED_BELOW and reference[r.id] >= EMPTIED_PEER_AT_LEAST:
            counts[r.dataset][0] += 1
    return {d: (n, total) for d, (n, total) in sorted(counts.items())}


def format_emptied(emptied: Mapping[str, tuple[int, int]], reference: str) -> str:
    return f"Emptied pages (newsclean F1 < {EMPTIED_BELOW} where {reference} >= {EMPTIED_PEER_AT_LEAST}): " + ", ".join(
        f"{d} {n}/{total} ({n / total:.1%})" for d, (n, total) in emptied.items()
    )


def format_groups(summary: Mapping[str, Mapping[str, Any]]) -> str:
    """Mean F1 per page group (wcxb page types, magic_html types and CJK languages), one column per system."""
    names = list(summary)
    groups = sorted({g for row in summary.values() for g in row["details"].get("groups", {})})
    if not groups:
        return ""
    width = max(len(g) for g in groups)
    lines = ["  ".join([f"{'group':<{width}}", f"{'pages':>5}", *(f"{n[:11]:>11}" for n in names)])]
    for g in groups:
        first = next(row["details"]["groups"][g] for row in summary.values() if g in row["details"]["groups"])
        cells = [
            f"{row['details']['groups'][g]['f1']:>11.3f}" if g in row["details"]["groups"] else f"{'-':>11}"
            for row in summary.values()
        ]
        lines.append("  ".join([f"{g:<{width}}", f"{first['n']:>5}", *cells]))
    return "\n".join(lines)


def add_speed_ratios(summary: dict[str, dict[str, Any]]) -> None:
    """``nc_speed``: newsclean's docs/s divided by each system's docs/s (2.0 = twice as fast)."""
    if "newsclean" not in summary:
        return
    ours = summary["newsclean"]["columns"]["docs_per_s"]
    for row in summary.values():
        theirs = row["columns"]["docs_per_s"]
        row["columns"]["nc_speed"] = ours / theirs if theirs and not math.isnan(theirs) else NAN


def _format_cell(key: str, value: float | None) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    if key == "errors":
        return str(int(value))
    if key == "docs_per_s":
        return f"{value:.1f}" if value < 1000 else f"{value:.0f}"
    if key == "nc_speed":
        return f"{value:.2f}x"
    return f"{value:.3f}"


def format_table(summary: Mapping[str, Mapping[str, Any]], missing: Mapping[str, str]) -> str:
    """The results table: one row per system, only the columns this run could fill."""
    columns = [(key, header) for key, header in COLUMNS if any(key in row["columns"] for row in summary.values())]
    name_width = max([len("system"), *(len(n) for n in (*summary, *missing))])
    widths = [max(len(header), 7) for _, header in columns]
    lines = [
        "  ".join(
            [
                f"{'system':<{name_width}}",
                *(f"{h:>{w}}" for (_, h), w in zip(columns, widths, strict=True)),
            ]
        )
    ]
    lines.append("-" * len(lines[0]))
    for name, row in summary.items():
        cells = [
            f"{_format_cell(key, row['columns'].get(key)):>{w}}" for (key, _), w in zip(columns, widths, strict=True)
        ]
        lines.append("  ".join([f"{name:<{name_width}}", *cells]))
    for name, reason in missing.items():
        lines.append(f"{name:<{name_width}}  {reason}")
    return "\n".join(lines)


def format_cost_ratios(summary: Mapping[str, Mapping[str, Any]]) -> str:
    """One line per reference system: what newsclean costs relative to it in this run.

    Text mode compares with ``ftfy`` (the Unicode repair alone, which newsclean
    aims to cost at most twice), HTML mode with ``trafilatura``.
    """
    lines = []
    ours = summary.get("newsclean", {}).get("columns", {}).get("docs_per_s")
    for name, what in (("ftfy", "ftfy.fix_text alone"), ("trafilatura", "trafilatura")):
        theirs = summary.get(name, {}).get("columns", {}).get("docs_per_s")
        if ours and theirs and not (math.isnan(ours) or math.isnan(theirs)):
            lines.append(
                f"newsclean costs {theirs / ours:.2f}x the time of {what} on the same pages "
                f"({ours:.1f} vs {theirs:.1f} docs/s, same run)"
            )
    return "\n".join(lines)


def format_errors(runs: Sequence[SystemRun]) -> str:
    failed = [r for run in runs for r in run.results if r.error]
    if not failed:
        return "No page raised."
    lines = [f"{len(failed)} page(s) raised; first {min(len(failed), MAX_ERRORS_SHOWN)}:"]
    lines += [f"  {r.system:<12} {r.id}: {r.error}" for r in failed[:MAX_ERRORS_SHOWN]]
    return "\n".join(lines)


# =========================================================================== compare


def format_comparison(new: Mapping[str, Any], old: Mapping[str, Any]) -> str:
    """Per-metric deltas (new - old) per system, then newsclean's largest per-page F1 drops.

    Scores and errors are shown as differences; docs/s as a relative change.
    """
    headers = dict(COLUMNS)
    keys = [*SCORE_COLUMNS, "errors", "docs_per_s"]
    old_summary = old.get("summary", {})
    lines = [f"Deltas vs {old.get('path', 'previous run')} (new - old):"]
    lines.append("  ".join([f"{'system':<12}", *(f"{headers[k]:>11}" for k in keys)]))
    for name, row in new["summary"].items():
        if name not in old_summary:
            continue
        before, after = old_summary[name]["columns"], row["columns"]
        cells = [_format_delta(k, after.get(k), before.get(k)) for k in keys]
        lines.append("  ".join([f"{name:<12}", *(f"{c:>11}" for c in cells)]))
    lines.append("")
    lines.append(_format_drops(new["pages"], old.get("pages", [])))
    return "\n".join(lines)


def _format_delta(key: str, after: float | None, before: float | None) -> str:
    if after is None or before is None or math.isnan(after) or math.isnan(before):
        return "-"
    if key == "errors":
        return f"{after - before:+d}"
    if key == "docs_per_s":
        return f"{after / before - 1:+.0%}" if before else "-"
    return f"{after - before:+.4f}"


def _format_drops(new_pages: Sequence[Mapping[str, Any]], old_pages: Sequence[Mapping[str, Any]]) -> str:
    old_f1 = {p["id"]: p["f1"] for p in old_pages if p["system"] == "newsclean"}
    drops = [
        (p["f1"] - old_f1[p["id"]], p)
        for p in new_pages
        if p["system"] == "newsclean" and p["id"] in old_f1 and p["f1"] < old_f1[p["id"]]
    ]
    if not drops:
        return "No page's newsclean F1 dropped."
    drops.sort(key=lambda item: item[0])
    lines = [f"newsclean pages whose F1 dropped most ({len(drops)} dropped in all):"]
    for delta, page in drops[:MAX_DROPS_SHOWN]:
        before = old_f1[page["id"]]
        lines.append(f"  {delta:+.3f}  {before:.3f} -> {page['f1']:.3f}  {page['id']}")
    return "\n".join(lines)


# =========================================================================== reference check


def _load_module(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"error: cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _differs(ours: Any, theirs: Any) -> bool:
    """True if two numbers / sequences / dicts of numbers differ by more than the tolerance."""
    if isinstance(ours, Mapping):
        return set(ours) != set(theirs) or any(_differs(ours[k], theirs[k]) for k in ours)
    if isinstance(ours, list | tuple):
        return len(ours) != len(theirs) or any(_differs(a, b) for a, b in zip(ours, theirs, strict=True))
    if isinstance(ours, float) and math.isnan(ours):
        return not (isinstance(theirs, float) and math.isnan(theirs))
    if isinstance(ours, str):
        return bool(ours != theirs)
    return bool(abs(ours - theirs) > REFERENCE_TOLERANCE)


def check_against_reference(bench: Path, datasets: Sequence[str]) -> None:
    """Abort unless our metrics equal ``<bench>/metrics.py`` on the first pages of each data set.

    Predictions tried: the dump, the first half of the gold, the empty text and ``None``.
    Skipped (with a note) when the reference file does not exist.
    """
    reference_path = bench / "metrics.py"
    if not reference_path.is_file():
        print(
            f"note: no reference metrics at {reference_path}; check skipped",
            file=sys.stderr,
        )
        return
    ref = _load_module(reference_path, "_reference_bench_metrics")
    problems: list[str] = []

    def compare(what: str, ours: Any, theirs: Any) -> None:
        if _differs(ours, theirs):
            problems.append(f"{what}: ours={ours!r} reference={theirs!r}")

    plain_scores: dict[str, list[tuple[Any, Any]]] = defaultdict(list)
    snippet_scores: dict[str, list[tuple[Any, Any]]] = defaultdict(list)
    sh_pairs: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
    for page in load_pages(bench, datasets, REFERENCE_CHECK_PAGES):
        dump = page.dump_path.read_text(encoding="utf-8")
        if isinstance(page.gold, str):
            half = page.gold[: len(page.gold) // 2]
            compare(f"tokens {page.id}", metrics.tokens(dump), ref.tokens(dump))
            compare(
                f"has_cjk {page.id}",
                [metrics.has_cjk(page.gold)],
                [ref.has_cjk(page.gold)],
            )
            for label, pred in (
                ("dump", dump),
                ("half", half),
                ("empty", ""),
                ("none", None),
            ):
                ours, theirs = (
                    metrics.bag_prf(page.gold, pred),
                    ref.bag_prf(page.gold, pred),
                )
                compare(f"bag_prf {page.id} [{label}]", ours, theirs)
                plain_scores[label].append((ours, theirs))
            if page.dataset == "scrapinghub_aeb":
                for label, pred in (("dump", dump), ("half", half)):
                    sh_pairs[label].append((page.gold, pred))
        else:
            for label, pred in (("dump", dump), ("empty", ""), ("none", None)):
                counts = metrics.snippet_counts(page.gold, pred)
                ref_counts = ref.snippet_counts(page.gold, pred)
                compare(f"snippet_counts {page.id} [{label}]", counts, ref_counts)
                snippet_scores[label].append((counts, ref_counts))
    for label, pairs in plain_scores.items():
        compare(
            f"mean_prf [{label}]",
            metrics.mean_prf(o for o, _ in pairs),
            ref.mean_prf(t for _, t in pairs),
        )
    for label, pairs in snippet_scores.items():
        compare(
            f"snippet_prf [{label}]",
            metrics.snippet_prf(o for o, _ in pairs),
            ref.snippet_prf(t for _, t in pairs),
        )
    for label, sh in sh_pairs.items():
        compare(
            f"scrapinghub_metric [{label}]",
            metrics.scrapinghub_metric(sh),
            ref.scrapinghub_metric(sh),
        )
    if problems:
        listing = "\n".join(f"  {p}" for p in problems[:20])
        raise SystemExit(
            f"\n*** METRICS MISMATCH: benchmarks/metrics.py disagrees with {reference_path} "
            f"({len(problems)} difference(s) > {REFERENCE_TOLERANCE}) ***\n{listing}\n"
            "Fix benchmarks/metrics.py before trusting any number."
        )
    print(f"metrics check: equal to {reference_path} (first {REFERENCE_CHECK_PAGES} pages per data set)")


# =========================================================================== environment & output


def _package_version(distribution: str) -> str | None:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return None


def _git(*args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(REPO_ROOT), *args],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip()


def environment() -> dict[str, Any]:
    """Python, package versions, CPU count and the repository's git commit."""
    newsclean_spec = importlib.util.find_spec("newsclean")
    status = _git("status", "--porcelain")
    return {
        "python": sys.version,
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "packages": {
            name: _package_version(name)
            for name in (
                "newsclean",
                "trafilatura",
                "readability-lxml",
                "resiliparse",
                "lxml",
                "regex",
            )
        },
        "newsclean_location": newsclean_spec.origin if newsclean_spec else None,
        "git_commit": _git("rev-parse", "HEAD"),
        "git_dirty": bool(status) if status is not None else None,
    }


def _json_safe(value: Any) -> Any:
    """NaN -> null (JSON has no NaN), recursively."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, Mapping):
        return {k: _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value]
    return value


def _nan_from_json(summary: Mapping[str, Any]) -> dict[str, Any]:
    """Inverse of :func:`_json_safe` for the table columns of a loaded result."""
    return {
        name: {
            **row,
            "columns": {k: NAN if v is None else v for k, v in row["columns"].items()},
        }
        for name, row in summary.items()
    }


def output_path(out: str | None, mode: str, both: bool) -> Path:
    if out is None:
        return RESULTS_DIR / f"last-{mode}.json"
    path = Path(out)
    return path.with_name(f"{path.stem}-{mode}{path.suffix}") if both else path


# =========================================================================== CLI


def _csv_choice(valid: Sequence[str], what: str) -> Callable[[str], list[str]]:
    def parse(value: str) -> list[str]:
        names = [v.strip() for v in value.split(",") if v.strip()]
        unknown = [n for n in names if n not in valid]
        if unknown or not names:
            raise argparse.ArgumentTypeError(f"unknown {what} {unknown}; choose from {', '.join(valid)}")
        return names

    return parse


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    all_systems = list(dict.fromkeys(name for mode in MODES for name in SYSTEMS[mode]))
    parser = argparse.ArgumentParser(
        description="Run newsclean and its peers side by side on the development benchmark.",
    )
    parser.add_argument(
        "--bench",
        type=Path,
        default=DEFAULT_BENCH,
        help="benchmark folder (%(default)s)",
    )
    parser.add_argument(
        "--mode",
        choices=(*MODES, "both"),
        default="text",
        help="input: dump text or HTML",
    )
    parser.add_argument(
        "--systems",
        type=_csv_choice(all_systems, "system"),
        help=f"comma-separated; default all of the mode ({', '.join(all_systems)})",
    )
    parser.add_argument(
        "--datasets",
        type=_csv_choice(DATASETS, "data set"),
        default=list(DATASETS),
        help="comma-separated",
    )
    parser.add_argument("--limit", type=int, help="first N pages of each data set (quick runs)")
    parser.add_argument("--out", help="result JSON (default benchmarks/results/last-<mode>.json)")
    parser.add_argument("--compare", type=Path, help="previous result JSON to print deltas against")
    return parser.parse_args(argv)


def run_mode(
    mode: str, args: argparse.Namespace, pages: Sequence[Page], html_reference: Mapping[str, float] | None = None
) -> dict[str, Any]:
    """Run, print and save one mode; returns the saved result.

    ``html_reference`` (page id -> trafilatura's HTML F1, from the HTML run of ``--mode both``) is what
    text mode's emptied pages are counted against; without it, the run's own trafilatura is.
    """
    names = args.systems or list(SYSTEMS[mode])
    systems, missing = build_systems(mode, names)
    print(
        f"\n== {mode} mode: {len(pages)} pages, systems: {', '.join(systems) or 'none'}",
        flush=True,
    )
    runs = run_systems(systems, pages, mode) if systems else []
    summary = {run.name: summarize(run) for run in runs}
    add_speed_ratios(summary)
    print(format_table(summary, missing))
    if any(d not in {p.dataset for p in pages} for d in PLAIN_DATASETS):
        print("(macro is over the plain-text data sets present in this run only)")
    if ratios := format_cost_ratios(summary):
        print(ratios)
    if groups := format_groups(summary):
        print("\nMean F1 per page group:")
        print(groups)
    ours = next((run for run in runs if run.name == "newsclean"), None)
    emptied: dict[str, tuple[int, int]] = {}
    if ours is not None and (reference := html_reference or peer_f1(runs)):
        dump = {r.id: r.r for run in runs if run.name == "dump" for r in run.results} or None
        emptied = emptied_pages(ours, reference, dump)
        label = "trafilatura (HTML)" if html_reference or mode == "html" else "trafilatura (on the dump)"
        print("\n" + format_emptied(emptied, label))
    print(format_errors(runs))
    result = {
        "mode": mode,
        "bench": str(args.bench),
        "limit": args.limit,
        "datasets": args.datasets,
        "environment": environment(),
        "summary": summary,
        "not_installed": missing,
        "pages": [asdict(r) for run in runs for r in run.results],
        "emptied": emptied,
    }
    path = output_path(args.out, mode, args.mode == "both")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps(_json_safe(result), indent=1, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    print(f"results written to {path}")
    return result


def compare_with(previous: Path, result: Mapping[str, Any]) -> None:
    old = json.loads(previous.read_text(encoding="utf-8"))
    if old.get("mode") != result["mode"]:
        print(f"\n--compare: {previous} is a {old.get('mode')} run; not compared with {result['mode']}")
        return
    old = {
        **old,
        "path": str(previous),
        "summary": _nan_from_json(old.get("summary", {})),
    }
    print()
    print(format_comparison(result, old))


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    logging.disable(logging.WARNING)  # peers log every parse hiccup; errors are still shown
    bench = args.bench.resolve()
    args.bench = bench
    check_against_reference(bench, args.datasets)
    pages = load_pages(bench, args.datasets, args.limit)
    if not pages:
        raise SystemExit("error: no pages selected")
    # HTML first in a joint run: its trafilatura scores are what text mode's emptied pages are counted against.
    modes = ("html", "text") if args.mode == "both" else (args.mode,)
    html_reference: dict[str, float] | None = None
    for mode in modes:
        result = run_mode(mode, args, pages, html_reference)
        if mode == "html":
            html_reference = {
                p["id"]: p["f1"] for p in result["pages"] if p["system"] == "trafilatura" and p["snippets"] is None
            } or None
        if args.compare:
            compare_with(args.compare, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())

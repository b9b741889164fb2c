"""The ``newsclean`` command: clean files, directories, globs, stdin or JSON Lines.

    newsclean PAGE.txt DIR/ 'crawl/*.html' -o out.jsonl --format jsonl --workers 4
    newsclean crawl.jsonl --field html -o cleaned.jsonl
    cat page.html | newsclean -
    newsclean explain PAGE [--html REPORT.html]

Every input document gives one output record, in input order. A document that
fails gives an error record (or a line in ``--errors FILE``) and the run goes
on. A summary (documents, bytes, blocks removed by kind, errors, docs/s) goes to
standard error at the end, with a progress bar along the way on a terminal.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import sys
import time
from collections import Counter, deque
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlsplit

from tqdm import tqdm

from . import __version__
from .api import clean_document
from .batch import run_jobs
from .config import INPUT_FORMATS, CleanConfig
from .document import Document
from .errors import NewscleanError
from .report import render_html
from .templates import SiteProfile

__all__ = ["main"]

_SUFFIXES = (".txt", ".html", ".htm", ".md", ".markdown", ".jsonl")
_PROGRESS_EVERY = 1.0  # seconds between progress lines
_CHUNKSIZE = 8


@dataclass
class _Item:
    """One document to clean: where it came from, its raw content, and JSONL fields to keep."""

    source: str
    raw: str | bytes | None
    record: dict[str, Any] | None = None
    error: str | None = None
    site: str = ""


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``newsclean`` console script; returns the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        return _explain(args[1:]) if args[:1] == ["explain"] else _clean(args)
    except BrokenPipeError:
        # The reader went away (``newsclean ... | head``): stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="newsclean", description="Clean scraped news into article text.")
    ap.add_argument("inputs", nargs="+", help="files, directories, globs, or - for standard input")
    ap.add_argument("-o", "--output", default="-", help="output file (default: standard output)")
    ap.add_argument("--format", choices=("text", "jsonl"), default="text",
                    help="text: articles separated by a form feed line; jsonl: one record per document")
    ap.add_argument("--field", default="text", help="JSON Lines input: the field holding the page (default: text)")
    ap.add_argument("--explain", action="store_true", help="jsonl output: add the removed blocks with kind and rule")
    ap.add_argument("--workers", type=int, default=1, help="processes (default 1)")
    ap.add_argument("--errors", help="write error records to this file instead of the output")
    ap.add_argument("--include-title", action="store_true")
    ap.add_argument("--keep-captions", action="store_true")
    ap.add_argument("--languages", help="comma-separated language codes to keep, e.g. en,ja")
    ap.add_argument("--input-format", choices=INPUT_FORMATS, default="auto")
    ap.add_argument("--learn-templates", action="store_true",
                    help="first pass: learn each site's template (lines repeated on many of its pages) and remove it")
    ap.add_argument("--site-field", default=None,
                    help="JSON Lines: the field naming the site (default: the host of the 'url' field); "
                         "files: their directory is the site")
    ap.add_argument("--quiet", action="store_true", help="no progress and no summary")
    ap.add_argument("--version", action="version", version=f"newsclean {__version__}")
    return ap


def _clean(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    try:
        config = CleanConfig(
            include_title=args.include_title, keep_captions=args.keep_captions, input_format=args.input_format,
            languages=tuple(args.languages.split(",")) if args.languages else None,
        )
    except NewscleanError as e:
        print(f"newsclean: {e}", file=sys.stderr)
        return 2
    out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8")  # noqa: SIM115
    err_out = open(args.errors, "w", encoding="utf-8") if args.errors else None  # noqa: SIM115
    stats = _Stats(quiet=args.quiet or not sys.stderr.isatty())
    profiles: dict[str, SiteProfile] = {}
    if args.learn_templates:
        if "-" in args.inputs:
            print("newsclean: --learn-templates needs files (it reads the input twice), not stdin", file=sys.stderr)
            return 2
        profiles = _learn_profiles(_iter_items(args.inputs, args.field, args.site_field))
    try:
        items = _iter_items(args.inputs, args.field, args.site_field)
        for item, doc, error in _process(items, config, args.workers, profiles):
            stats.add(item, doc, error)
            if error is not None:
                record = {"source": item.source, "error": error}
                print(json.dumps(record, ensure_ascii=False), file=err_out or out)
                continue
            if doc is not None:
                _write(out, item, doc, args.format, args.explain)
    finally:
        if out is not sys.stdout:
            out.close()
        if err_out is not None:
            err_out.close()
    if not args.quiet:
        stats.summary(sys.stderr)
    return 1 if stats.errors and stats.docs == stats.errors else 0


_Outcome = tuple[_Item, Document | None, str | None]


def _learn_profiles(items: Iterator[_Item]) -> dict[str, SiteProfile]:
    """One SiteProfile per site, from a first pass over the inputs."""
    pages: dict[str, list[str | bytes]] = {}
    for item in items:
        if item.error is None and item.raw is not None:
            pages.setdefault(item.site, []).append(item.raw)
    return {site: SiteProfile.learn(raws) for site, raws in sorted(pages.items())}


def _process(
    items: Iterator[_Item], config: CleanConfig, workers: int, profiles: dict[str, SiteProfile] | None = None
) -> Iterator[_Outcome]:
    """Clean items in input order, streaming; read errors and cleaning errors pass through as errors."""
    pending: deque[_Item] = deque()
    configs: dict[str, CleanConfig] = {}

    def config_for(site: str) -> CleanConfig:
        if not profiles or site not in profiles:
            return config
        if site not in configs:
            configs[site] = config.replace(site_profile=profiles[site])
        return configs[site]

    def readable() -> Iterator[tuple[str | bytes, CleanConfig]]:
        for item in items:
            pending.append(item)
            if item.error is None and item.raw is not None:
                yield item.raw, config_for(item.site)

    def failed(item: _Item) -> tuple[_Item, None, str]:
        return item, None, item.error or "no content"

    for doc, error in run_jobs(_safe_clean, readable(), workers, _CHUNKSIZE):
        while pending and (pending[0].error is not None or pending[0].raw is None):
            yield failed(pending.popleft())
        yield pending.popleft(), doc, error
    while pending:
        yield failed(pending.popleft())


def _safe_clean(job: tuple[str | bytes, CleanConfig]) -> tuple[Document | None, str | None]:
    """One document in a worker: a result, or the error that stopped it (never raised)."""
    try:
        return clean_document(job[0], config=job[1]), None
    except NewscleanError as e:
        return None, f"{type(e).__name__}: {e}"


def _iter_items(inputs: Sequence[str], field: str, site_field: str | None = None) -> Iterator[_Item]:
    for path in _expand(inputs):
        if path == "-":
            data = sys.stdin.buffer.read()
            yield _Item("<stdin>", data)
            continue
        p = Path(path)
        if p.suffix.lower() == ".jsonl":
            yield from _jsonl_items(p, field, site_field)
            continue
        try:
            yield _Item(str(p), p.read_bytes(), site=str(p.parent))
        except OSError as e:
            yield _Item(str(p), None, error=f"cannot read: {e.strerror}")


def _jsonl_items(path: Path, field: str, site_field: str | None) -> Iterator[_Item]:
    try:
        handle = path.open(encoding="utf-8", errors="replace")
    except OSError as e:
        yield _Item(str(path), None, error=f"cannot read: {e.strerror}")
        return
    with handle:
        for n, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            source = f"{path}:{n}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as e:
                yield _Item(source, None, error=f"invalid JSON: {e.msg}")
                continue
            value = record.get(field) if isinstance(record, dict) else None
            if not isinstance(value, str):
                yield _Item(source, None, record if isinstance(record, dict) else None,
                            error=f"no string field {field!r}")
                continue
            yield _Item(source, value, record, site=_site_of(record, site_field))


def _site_of(record: dict[str, Any], site_field: str | None) -> str:
    """The site a JSON Lines record belongs to: its site field, else its URL's host."""
    if site_field is not None:
        return str(record.get(site_field, ""))
    url = record.get("url")
    return urlsplit(url).hostname or "" if isinstance(url, str) else ""


def _expand(inputs: Sequence[str]) -> Iterator[str]:
    """Files as given, directories walked (sorted), globs expanded (sorted)."""
    for spec in inputs:
        if spec == "-":
            yield spec
            continue
        p = Path(spec)
        if p.is_dir():
            yield from (str(f) for f in sorted(p.rglob("*")) if f.is_file() and f.suffix.lower() in _SUFFIXES)
        elif p.exists():
            yield spec
        else:
            matches = sorted(glob.glob(spec, recursive=True))
            yield from matches if matches else [spec]


def _write(out: TextIO, item: _Item, doc: Document, fmt: str, explain: bool) -> None:
    if fmt == "text":
        out.write(doc.text + "\n\f\n")
        return
    record: dict[str, Any] = dict(item.record or {})
    record.update({
        "source": item.source, "title": doc.title, "text": doc.text, "language": doc.language,
        "paragraphs": [{"text": p.text, "kind": p.kind, "lang": p.lang} for p in doc.paragraphs],
        "metadata": {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(doc.metadata).items()},
    })
    if explain:
        record["removed"] = [{"text": r.text, "kind": r.kind.value, "rule": r.rule, "line": r.line}
                             for r in doc.removed]
    out.write(json.dumps(record, ensure_ascii=False) + "\n")


class _Stats:
    """Counts for the summary, and a tqdm progress bar on a terminal."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.start = time.perf_counter()
        self.docs = self.errors = self.bytes = 0
        self.kinds: Counter[str] = Counter()
        self.bar = None if quiet else tqdm(unit=" docs", file=sys.stderr, mininterval=_PROGRESS_EVERY, leave=False)

    def add(self, item: _Item, doc: Document | None, error: str | None) -> None:
        self.docs += 1
        raw = item.raw
        self.bytes += len(raw) if isinstance(raw, (bytes, str)) else 0
        if error is not None:
            self.errors += 1
        elif doc is not None:
            self.kinds.update(r.kind.value for r in doc.removed)
        if self.bar is not None:
            self.bar.update(1)

    def summary(self, out: TextIO) -> None:
        seconds = max(time.perf_counter() - self.start, 1e-9)
        kinds = ", ".join(f"{k} {n}" for k, n in sorted(self.kinds.items(), key=lambda kv: (-kv[1], kv[0])))
        if self.bar is not None:
            self.bar.close()
        print(f"newsclean: {self.docs} documents, {self.bytes:,} bytes, {self.errors} errors, "
              f"{self.docs / seconds:.1f} docs/s", file=out)
        if kinds:
            print(f"removed blocks by kind: {kinds}", file=out)


def _explain(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="newsclean explain", description="Show what was removed from a page and why.")
    ap.add_argument("page", help="a text or HTML file, or - for standard input")
    ap.add_argument("--html", metavar="FILE",
                    help="also write a self-contained HTML report: every block in page order, removed ones "
                         "coloured by kind and labelled with their rule")
    args = ap.parse_args(argv)
    raw = sys.stdin.buffer.read() if args.page == "-" else Path(args.page).read_bytes()
    doc = clean_document(raw)
    if args.html:
        source = "<stdin>" if args.page == "-" else args.page
        Path(args.html).write_text(render_html(doc, source_name=source), encoding="utf-8")
        print(f"newsclean: wrote {args.html}", file=sys.stderr)
    removed = {r.start: r for r in doc.removed}
    kept = {p.start: p for p in doc.paragraphs}
    print(f"title: {doc.title!r}  language: {doc.language}  metadata: {doc.metadata}")
    for start in sorted(set(removed) | set(kept)):
        if start in kept:
            p = kept[start]
            print(f"  KEEP {p.kind:9s} {p.lang:7s} {p.text[:100]}")
        else:
            r = removed[start]
            print(f"  drop {r.rule:28s} {r.text[:100]}")
    return 0

"""The ``newsclean`` command: clean files, directories, globs, crawls, stdin or JSON Lines.

    newsclean PAGE.txt DIR/ 'crawl/*.html' -o out.jsonl --format jsonl --workers 4
    newsclean crawl.warc.gz --format jsonl           # one record per HTML response
    newsclean crawl/ -o cleaned/                     # one output file per input file
    cat pages.ndjson | newsclean - --field html --format markdown
    newsclean explain PAGE [--html REPORT.html]

Inputs are recognised by content (:mod:`newsclean.sources`): gzip, bzip2 and
xz are undone, WARC files give one document per HTML record, JSON Lines one per
line, and files that are not pages (images, PDFs, archives) are skipped and
counted. Every document gives one output record, in input order. A document
that fails is reported on standard error (or in ``--errors FILE``; in JSON
Lines output, as an error record in its place) and the run goes on.

The command never answers a mistake with a traceback: a usage mistake gets one
line saying what is wrong and how to fix it. Exit status (:data:`EXIT_OK` ...):
0 when every document was cleaned; 1 when any document failed, or the inputs
held no document at all; 2 for a usage mistake; 130 when interrupted (Ctrl-C),
after the documents finished so far are written out whole.
"""

from __future__ import annotations

import argparse
import errno
import io
import json
import os
import signal
import sys
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict
from pathlib import Path
from types import FrameType
from typing import Any, NoReturn, TextIO, cast

from tqdm import tqdm

from . import __version__
from .api import clean_document
from .batch import run_jobs
from .config import INPUT_FORMATS, CleanConfig
from .document import Document
from .errors import InputTooLargeError, NewscleanError
from .report import render_html
from .sources import COMPRESSION_SUFFIXES, PAGE_SUFFIXES, FieldError, Item, iter_items
from .templates import SiteProfile

__all__ = ["EXIT_FAILED", "EXIT_INTERRUPTED", "EXIT_OK", "EXIT_USAGE", "main"]

EXIT_OK = 0
#: A document failed, or the inputs held none.
EXIT_FAILED = 1
EXIT_USAGE = 2
#: 128 + SIGINT, as shells report a command stopped by Ctrl-C.
EXIT_INTERRUPTED = 130
FORMATS = ("text", "jsonl", "markdown")
_OUTPUT_SUFFIX = {"text": ".txt", "jsonl": ".jsonl", "markdown": ".md"}
_SEPARATOR = "\n\f\n"
_PROGRESS_EVERY = 1.0  # seconds between progress updates
_CHUNKSIZE = 8


class UsageError(Exception):
    """A mistake in how the command was called: one line, exit status 2."""


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``newsclean`` console script; returns the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    _tolerant_stderr()
    guard = _InterruptGuard()
    try:
        with guard:
            return _explain(args[1:]) if args[:1] == ["explain"] else _clean(args, guard)
    except UsageError as e:
        print(f"newsclean: {e}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("newsclean: interrupted; the documents finished before are written out whole", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (``newsclean ... | head``): stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK


def _tolerant_stderr() -> None:
    """Messages name files and quote text in any script; a terminal that cannot show
    a character gets an escape instead of a UnicodeEncodeError."""
    if isinstance(sys.stderr, io.TextIOWrapper):
        sys.stderr.reconfigure(errors="backslashreplace")


class _InterruptGuard:
    """Ctrl-C between documents stops the run at once; Ctrl-C while a document is
    being written stops it right after, so every output line is whole."""

    def __init__(self) -> None:
        self.writing = False
        self.pending = False
        self.previous: Any = None

    def __enter__(self) -> _InterruptGuard:
        try:
            self.previous = signal.signal(signal.SIGINT, self._handle)
        except ValueError:  # not the main thread (an embedding application): leave signals alone
            self.previous = None
        return self

    def __exit__(self, *exc: object) -> None:
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self.writing:
            self.pending = True
            return
        raise KeyboardInterrupt

    def write(self, out: TextIO, text: str) -> None:
        self.writing = True
        try:
            out.write(text)
        finally:
            self.writing = False
        if self.pending:
            raise KeyboardInterrupt


class _Parser(argparse.ArgumentParser):
    """argparse, with its error as the one line every other usage mistake gets."""

    def error(self, message: str) -> NoReturn:
        print(f"{self.prog}: {message}; see {self.prog} --help", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def _whole_number(minimum: int, hint: str) -> Callable[[str], int]:
    """An argparse type: a whole number >= ``minimum``, refused with ``hint`` on how to choose one."""

    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            number = minimum - 1
        if number < minimum:
            raise argparse.ArgumentTypeError(f"{value!r} is not a whole number >= {minimum} ({hint})")
        return number

    return parse


def _parser() -> argparse.ArgumentParser:
    ap = _Parser(prog="newsclean", description="Clean scraped news into article text.")
    ap.add_argument(
        "inputs",
        nargs="+",
        help="files (.html, .txt, .md, .jsonl, .ndjson, .warc; any of them .gz, .bz2 or .xz), "
        "directories, globs, or - for standard input",
    )
    ap.add_argument(
        "-o",
        "--output",
        default="-",
        help="output file (default: standard output); a directory (ending in /) gets one file per "
        "input, at the input's path under the directory named on the command line",
    )
    ap.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text: articles separated by a form feed line; jsonl: one record per document; "
        "markdown: like text, with the title as '#', headings, lists and tables",
    )
    ap.add_argument("--field", default="text", help="JSON Lines input: the field holding the page (default: text)")
    ap.add_argument(
        "--drop-field",
        action="append",
        default=[],
        metavar="FIELD",
        help="jsonl output: leave this field out of each record (repeatable), e.g. the input page",
    )
    ap.add_argument(
        "--mark-source",
        action="store_true",
        help="text and markdown output: a line '==> SOURCE <==' before each document",
    )
    ap.add_argument("--explain", action="store_true", help="jsonl output: add the removed blocks with kind and rule")
    ap.add_argument(
        "--workers", type=_whole_number(1, "processes, e.g. --workers 4"), default=1, help="processes (default 1)"
    )
    ap.add_argument("--errors", help="write failed documents to this file (JSON Lines) instead of standard error")
    ap.add_argument("--include-title", action="store_true")
    ap.add_argument("--keep-captions", action="store_true")
    ap.add_argument("--languages", help="comma-separated language codes to keep, e.g. en,ja")
    ap.add_argument(
        "--input-format",
        choices=(*INPUT_FORMATS, "jsonl"),
        default="auto",
        help="how to read each page (auto: by content); jsonl: read every input as JSON Lines, "
        "whatever its name, standard input too",
    )
    ap.add_argument(
        "--max-input-chars",
        type=_whole_number(0, "0 disables the limit"),
        default=CleanConfig().max_input_chars,
        help="a longer document fails instead of being cleaned (default %(default)s; 0: no limit)",
    )
    ap.add_argument(
        "--learn-templates",
        action="store_true",
        help="first pass: learn each site's template (lines repeated on many of its pages) and remove it",
    )
    ap.add_argument(
        "--site-field",
        default=None,
        help="JSON Lines: the field naming the site (default: the host of the 'url' field); "
        "WARC: the host of the record's URI; files: their directory is the site",
    )
    ap.add_argument("--quiet", action="store_true", help="no progress, no skipped-file lines and no summary")
    ap.add_argument("--version", action="version", version=f"newsclean {__version__}")
    return ap


def _clean(argv: list[str], guard: _InterruptGuard) -> int:
    args = _parser().parse_args(argv)
    try:
        config = CleanConfig(
            include_title=args.include_title,
            keep_captions=args.keep_captions,
            input_format="auto" if args.input_format == "jsonl" else args.input_format,
            languages=tuple(args.languages.split(",")) if args.languages else None,
            max_input_chars=args.max_input_chars,
        )
    except NewscleanError as e:
        raise UsageError(str(e)) from None
    if args.explain and args.format != "jsonl":
        raise UsageError(
            "--explain adds the removed blocks to JSON Lines records: add --format jsonl, "
            "or see one page with: newsclean explain PAGE"
        )
    if args.drop_field and args.format != "jsonl":
        raise UsageError("--drop-field leaves fields out of JSON Lines records: add --format jsonl")
    if args.mark_source and args.format == "jsonl":
        raise UsageError("--mark-source is for text and markdown output; JSON Lines records carry 'source' already")
    if args.learn_templates and "-" in args.inputs:
        raise UsageError("--learn-templates reads the input twice, so it needs files, not standard input")
    per_file = args.output.endswith(("/", os.sep)) or Path(args.output).is_dir()
    if per_file and "-" in args.inputs:
        raise UsageError("-o DIR/ writes one file per input file; standard input has no name: give -o FILE")
    err_out = _open_for_writing(args.errors, "--errors") if args.errors else None
    sink = _Sink(args.output, args.format, per_file, guard)
    stats = _Stats(quiet=args.quiet or not sys.stderr.isatty())
    skipped_names: dict[str, int] = {}
    own = [name for name in (args.output, args.errors) if name and name != "-"]  # never read back as input
    read = {
        "field": args.field,
        "site_field": args.site_field,
        "input_format": args.input_format,
        "max_bytes": config.max_input_chars,
        "exclude": own,
    }
    profiles: dict[str, SiteProfile] = {}
    try:
        if args.learn_templates:
            profiles = _learn_profiles(iter_items(args.inputs, **read))
        items = iter_items(args.inputs, skipped_names=skipped_names, **read)
        for item, doc, error in _process(items, config, args.workers, profiles):
            stats.add(item, doc, error)
            if item.skipped is not None:
                if not args.quiet and "#" not in item.source:
                    print(f"newsclean: skipped {item.source}: {item.skipped}", file=sys.stderr)
                continue
            if error is not None:
                record = {"source": item.source, "error": error}
                if err_out is not None:
                    guard.write(err_out, json.dumps(record, ensure_ascii=False) + "\n")
                elif args.format == "jsonl":
                    sink.write(item, json.dumps(record, ensure_ascii=False) + "\n")
                else:
                    print(f"newsclean: {item.source}: {error}", file=sys.stderr)
                continue
            if doc is not None:
                sink.write(item, _render(item, doc, args))
    except FieldError as e:
        raise UsageError(str(e)) from None
    finally:
        sink.close()
        if err_out is not None:
            err_out.close()
    stats.skipped_names = skipped_names
    if not args.quiet:
        stats.summary(sys.stderr)
    cleaned = stats.docs - stats.errors - stats.skipped_total()
    if not stats.errors and not cleaned:
        what = stats.skipped_line() or "no files with page names (" + ", ".join(sorted(PAGE_SUFFIXES)) + ")"
        print(f"newsclean: no document to clean in the inputs: {what}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_FAILED if stats.errors else EXIT_OK


def _open_for_writing(path: str, option: str) -> TextIO:
    """A UTF-8 file to write, or a usage error that says how to make it writable."""
    try:
        return open(path, "w", encoding="utf-8", errors="replace", newline="\n")
    except OSError as e:
        hints = {
            errno.ENOENT: f"its directory does not exist: create it first (mkdir -p {os.path.dirname(path) or '.'})",
            errno.EISDIR: "it is a directory"
            + (": end it with / to write one file per input" if option == "-o" else ": name a file in it"),
            errno.EACCES: "permission denied: choose a directory you can write to",
        }
        raise UsageError(f"cannot write {option} {path}: {hints.get(e.errno or 0, e.strerror)}") from None


class _Sink:
    """Where output goes: standard output, one file, or one file per input under a directory.

    Output is UTF-8 whatever the locale says: it is data for the next program,
    and a terminal set to another encoding must not stop the run.
    """

    def __init__(self, output: str, fmt: str, per_file: bool, guard: _InterruptGuard) -> None:
        self.fmt, self.per_file, self.guard = fmt, per_file, guard
        self.directory = Path(output)
        self.current: TextIO | None = None
        self.current_origin: str | None = None
        self.used: set[Path] = set()
        self.wrapped = False
        if per_file:
            try:
                self.directory.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise UsageError(f"cannot create the output directory {output}: {e.strerror}") from None
        elif output == "-":
            self.current = self._stdout()
        else:
            self.current = _open_for_writing(output, "-o")

    def _stdout(self) -> TextIO:
        if (sys.stdout.encoding or "").lower().replace("-", "").replace("_", "") == "utf8":
            return sys.stdout
        self.wrapped = True
        return io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", errors="replace", newline="\n")

    def write(self, item: Item, text: str) -> None:
        if self.per_file and item.origin != self.current_origin:
            self._close_current()
            self.current = _open_for_writing(str(self._target(item)), "-o")
            self.current_origin = item.origin
        assert self.current is not None
        self.guard.write(self.current, text)

    def _target(self, item: Item) -> Path:
        """The output file of an input: its relative path, its page suffix replaced."""
        rel = Path(item.relative)
        if rel.suffix.lower() in COMPRESSION_SUFFIXES:
            rel = rel.with_suffix("")
        target = self.directory / rel.with_suffix(_OUTPUT_SUFFIX[self.fmt])
        if target in self.used:  # page.html and page.txt side by side: keep the whole name
            target = self.directory / (str(rel) + _OUTPUT_SUFFIX[self.fmt])
        self.used.add(target)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise UsageError(f"cannot create {target.parent}: {e.strerror}") from None
        return target

    def _close_current(self) -> None:
        current, self.current = self.current, None
        if current is None:
            return
        if current is sys.stdout:
            current.flush()
        elif self.wrapped:  # our UTF-8 wrapper of standard output: flush it, leave the stream open
            current.flush()
            current.detach()  # type: ignore[attr-defined]
        else:
            current.close()

    def close(self) -> None:
        self._close_current()


def _render(item: Item, doc: Document, args: argparse.Namespace) -> str:
    if args.format == "jsonl":
        return json.dumps(_record(item, doc, args.explain, args.drop_field), ensure_ascii=False) + "\n"
    body = doc.to_markdown() if args.format == "markdown" else doc.text
    head = f"==> {item.source} <==\n" if args.mark_source else ""
    return head + body + _SEPARATOR


def _record(item: Item, doc: Document, explain: bool, drop: Sequence[str]) -> dict[str, Any]:
    record: dict[str, Any] = dict(item.record or {})
    record.update(
        {
            "source": item.source,
            "title": doc.title,
            "text": doc.text,
            "language": doc.language,
            "paragraphs": [
                {"text": p.text, "kind": p.kind, "lang": p.lang, "level": p.level, "marker": p.marker, "row": p.row}
                for p in doc.paragraphs
            ],
            "metadata": {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(doc.metadata).items()},
        }
    )
    if item.url and "url" not in record:
        record["url"] = item.url
    if explain:
        record["removed"] = [
            {"text": r.text, "kind": r.kind.value, "rule": r.rule, "line": r.line} for r in doc.removed
        ]
    for name in drop:
        record.pop(name, None)
    return record


_Outcome = tuple[Item, Document | None, str | None]


def _learn_profiles(items: Iterator[Item]) -> dict[str, SiteProfile]:
    """One SiteProfile per site, from a first pass over the inputs."""
    pages: dict[str, list[str | bytes]] = {}
    for item in items:
        if item.error is None and item.skipped is None and item.raw is not None:
            pages.setdefault(item.site, []).append(item.raw)
    return {site: SiteProfile.learn(raws) for site, raws in sorted(pages.items())}


def _process(
    items: Iterator[Item], config: CleanConfig, workers: int, profiles: dict[str, SiteProfile] | None = None
) -> Iterator[_Outcome]:
    """Clean items in input order, streaming; read errors, skipped inputs and cleaning errors pass through."""
    pending: deque[Item] = deque()
    configs: dict[str, CleanConfig] = {}

    def config_for(site: str) -> CleanConfig:
        if not profiles or site not in profiles:
            return config
        if site not in configs:
            configs[site] = config.replace(site_profile=profiles[site])
        return configs[site]

    def cleanable(item: Item) -> bool:
        return item.error is None and item.skipped is None and item.raw is not None

    def readable() -> Iterator[tuple[str | bytes, CleanConfig, str | None]]:
        for item in items:
            pending.append(item)
            if cleanable(item):
                assert item.raw is not None
                yield item.raw, config_for(item.site), item.url

    def passed(item: Item) -> _Outcome:
        if item.skipped is not None:
            return item, None, None
        return item, None, item.error or "no content"

    for doc, error in run_jobs(_safe_clean, cast(Any, readable()), workers, _CHUNKSIZE):
        while pending and not cleanable(pending[0]):
            yield passed(pending.popleft())
        yield pending.popleft(), doc, error
    while pending:
        yield passed(pending.popleft())


def _safe_clean(job: tuple[str | bytes, CleanConfig, str | None]) -> tuple[Document | None, str | None]:
    """One document in a worker: a result, or the error that stopped it (never raised)."""
    raw, config, url = job
    try:
        return clean_document(raw, config=config, url=url), None
    except InputTooLargeError:
        return None, (
            f"InputTooLargeError: the document is longer than --max-input-chars "
            f"({config.max_input_chars:,}); pass a larger value (0: no limit) or split it"
        )
    except NewscleanError as e:
        return None, f"{type(e).__name__}: {e}"


class _Stats:
    """Counts for the summary, and a tqdm progress bar on a terminal."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.start = time.perf_counter()
        self.docs = self.errors = self.bytes = 0
        self.kinds: Counter[str] = Counter()
        self.skipped: Counter[str] = Counter()
        self.skipped_names: dict[str, int] = {}
        self.bar = None if quiet else tqdm(unit=" docs", file=sys.stderr, mininterval=_PROGRESS_EVERY, leave=False)

    def add(self, item: Item, doc: Document | None, error: str | None) -> None:
        self.docs += 1
        raw = item.raw
        self.bytes += len(raw) if isinstance(raw, (bytes, str)) else 0
        if item.skipped is not None:
            self.skipped[item.skipped] += 1
        elif error is not None:
            self.errors += 1
        elif doc is not None:
            self.kinds.update(r.kind.value for r in doc.removed)
        if self.bar is not None:
            self.bar.update(1)

    def skipped_total(self) -> int:
        return sum(self.skipped.values())

    def skipped_line(self) -> str:
        parts = [f"{why} {n}" for why, n in sorted(self.skipped.items(), key=lambda kv: (-kv[1], kv[0]))]
        parts += [
            f"files named *{suffix} {n}" if suffix.startswith(".") else f"files with {suffix} {n}"
            for suffix, n in sorted(self.skipped_names.items())
        ]
        return ("skipped: " + ", ".join(parts)) if parts else ""

    def summary(self, out: TextIO) -> None:
        seconds = max(time.perf_counter() - self.start, 1e-9)
        kinds = ", ".join(f"{k} {n}" for k, n in sorted(self.kinds.items(), key=lambda kv: (-kv[1], kv[0])))
        if self.bar is not None:
            self.bar.close()
        cleaned = self.docs - self.skipped_total()
        skipped = self.skipped_total() + sum(self.skipped_names.values())
        print(
            f"newsclean: {cleaned} documents, {self.bytes:,} bytes, {self.errors} errors, "
            f"{skipped} skipped, {cleaned / seconds:.1f} docs/s",
            file=out,
        )
        if self.skipped or self.skipped_names:
            print(self.skipped_line(), file=out)
        if kinds:
            print(f"removed blocks by kind: {kinds}", file=out)


def _explain(argv: list[str]) -> int:
    ap = _Parser(prog="newsclean explain", description="Show what was removed from a page and why.")
    ap.add_argument("page", help="a text or HTML file (may be .gz), or - for standard input")
    ap.add_argument(
        "--html",
        metavar="FILE",
        help="also write a self-contained HTML report: every block in page order, removed ones "
        "coloured by kind and labelled with their rule",
    )
    args = ap.parse_args(argv)
    if args.page != "-":
        page = Path(args.page)
        if page.is_dir():
            raise UsageError(
                f"{args.page} is a directory; explain reads one page (to see the removed blocks of "
                f"many: newsclean {args.page} --format jsonl --explain)"
            )
        if not page.exists():
            raise UsageError(f"cannot read {args.page}: no such file")
    # The first document of the input: a WARC's first HTML record, a JSON Lines file's first record.
    skipped: str | None = None
    for item in iter_items([args.page]):
        if item.error is not None:
            raise UsageError(f"cannot explain {item.source}: {item.error}")
        if item.skipped is None and item.raw is not None:
            break
        skipped = skipped or item.skipped
    else:
        raise UsageError(f"cannot explain {args.page}: {skipped or 'it holds no page'}")
    try:
        doc = clean_document(item.raw, url=item.url)
    except InputTooLargeError:
        raise UsageError(
            f"{args.page} is longer than the {CleanConfig().max_input_chars:,} characters "
            "explain reads; clean it with newsclean --max-input-chars 0"
        ) from None
    if args.html:
        source = "<stdin>" if args.page == "-" else args.page
        report = render_html(doc, source_name=source)
        try:
            Path(args.html).write_text(report, encoding="utf-8")
        except OSError as e:
            raise UsageError(f"cannot write --html {args.html}: {e.strerror}") from None
        print(f"newsclean: wrote {args.html}", file=sys.stderr)
    removed = {r.start: r for r in doc.removed}
    kept = {p.start: p for p in doc.paragraphs}
    out = _Sink("-", "text", False, _InterruptGuard())
    lines = [f"title: {doc.title!r}  language: {doc.language}  metadata: {doc.metadata}"]
    for start in sorted(set(removed) | set(kept)):
        if start in kept:
            p = kept[start]
            lines.append(f"  KEEP {p.kind:9s} {p.lang:7s} {p.text[:100]}")
        else:
            r = removed[start]
            lines.append(f"  drop {r.rule:28s} {r.text[:100]}")
    assert out.current is not None
    out.current.write("\n".join(lines) + "\n")
    out.close()
    return EXIT_OK

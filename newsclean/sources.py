"""Reading the command line's inputs: files as crawls store them, one document at a time.

A crawl reaches ``newsclean`` in many shapes: single pages (``page.html``,
``page.html.gz``), web archives (``crawl.warc``, ``crawl.warc.gz``, several
pages with their HTTP exchanges per file), JSON Lines exports (``.jsonl``,
``.ndjson``, or on standard input) and directories mixing those with files
that are not pages at all (images, PDFs, archives). Every input is recognised
by its *content*, not its name, so that none of them is cleaned into mojibake:

* gzip, bzip2 and xz are undone first (by their magic bytes);
* a WARC is read record by record through FastWARC (``docs/scale.md`` says
  why FastWARC and not warcio): each HTML ``response`` or ``resource`` record is
  one document, with its target URI as URL and site, and the charset of its
  HTTP ``Content-Type`` as a decoding hint; every other record is skipped and
  counted by why;
* JSON Lines is a file whose first line is a JSON object (or any input with
  ``input_format="jsonl"``);
* a file that starts with the signature of an image, a document, an archive or
  an executable, or holds NUL bytes outside UTF-16, is skipped and reported.

Each input gives a stream of :class:`Item`: a document to clean, or the reason
it cannot be (``error``: something is wrong with it, the run fails) or need not
be (``skipped``: not a page, the run goes on). Nothing here cleans anything.
"""

from __future__ import annotations

import bz2
import codecs
import glob
import gzip
import io
import json
import lzma
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast
from urllib.parse import urlsplit

__all__ = ["FieldError", "Item", "binary_kind", "iter_items"]

#: File name endings read when walking a directory (after a compression suffix comes off).
PAGE_SUFFIXES = frozenset({".txt", ".html", ".htm", ".xhtml", ".md", ".markdown", ".jsonl", ".ndjson", ".warc"})
COMPRESSION_SUFFIXES = frozenset({".gz", ".bz2", ".xz"})
_JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
_SNIFF = 4096
#: Signatures of files that are not pages, by what they are: ``(offset, bytes)``.
_SIGNATURES: tuple[tuple[int, bytes, str], ...] = (
    (0, b"\x89PNG\r\n\x1a\n", "PNG image"),
    (0, b"\xff\xd8\xff", "JPEG image"),
    (0, b"GIF87a", "GIF image"),
    (0, b"GIF89a", "GIF image"),
    (8, b"WEBP", "WebP image"),
    (0, b"%PDF-", "PDF document"),
    (0, b"PK\x03\x04", "zip archive (also docx, xlsx, epub)"),
    (0, b"PK\x05\x06", "zip archive"),
    (0, b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (0, b"Rar!\x1a\x07", "RAR archive"),
    (0, b"\x28\xb5\x2f\xfd", "zstd-compressed file (decompress it first: zstd -d)"),
    (257, b"ustar", "tar archive (unpack it first)"),
    (0, b"\x7fELF", "executable"),
    (0, b"MZ", "Windows executable"),
    (0, b"\x00asm", "WebAssembly module"),
    (4, b"ftyp", "video"),
    (0, b"OggS", "Ogg media"),
    (0, b"ID3", "MP3 audio"),
    (0, b"\x1a\x45\xdf\xa3", "Matroska/WebM video"),
    (0, b"wOFF", "web font"),
    (0, b"wOF2", "web font"),
    (0, b"\x00\x01\x00\x00\x00", "font"),
    (0, b"SQLite format 3\x00", "SQLite database"),
)
_UTF_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
#: Content types of WARC records that hold a page.
_PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})


@dataclass
class Item:
    """One document to clean, or why an input gives none.

    ``source`` names it for people (``dir/page.html``, ``crawl.jsonl:7``,
    ``crawl.warc.gz#12``); ``origin`` is the input file it came from and
    ``relative`` that file's path under the directory given on the command line
    (where ``-o DIR/`` writes its output). ``error`` is set when the input
    should have been a document and is not (unreadable, invalid JSON);
    ``skipped`` when it is not a page at all (a PNG, a WARC ``request`` record).
    """

    source: str
    raw: str | bytes | None
    record: dict[str, Any] | None = None
    error: str | None = None
    skipped: str | None = None
    site: str = ""
    url: str | None = None
    origin: str = ""
    relative: str = ""


class FieldError(Exception):
    """The first JSON Lines record lacks the ``--field`` named: a usage error, said once."""


def binary_kind(head: bytes) -> str | None:
    """What a file that starts with ``head`` is, when it is not text: ``"PNG image"``, ...; else None.

    Text in UTF-16 or UTF-32 holds NUL bytes too: a byte-order mark, or NULs
    on every other byte, marks it as text (``newsclean.decode`` reads it).
    """
    for offset, magic, kind in _SIGNATURES:
        if head[offset : offset + len(magic)] == magic:
            return kind
    if b"\x00" not in head or head.startswith(_UTF_BOMS):
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if (even == 0 or odd == 0) and max(even, odd) > len(head) // 4:
        return None  # UTF-16 without a byte-order mark
    return "binary file (it holds NUL bytes)"


def iter_items(
    inputs: Sequence[str],
    *,
    field: str = "text",
    site_field: str | None = None,
    input_format: str = "auto",
    max_bytes: int = 0,
    skipped_names: dict[str, int] | None = None,
    exclude: Sequence[str] = (),
) -> Iterator[Item]:
    """The items of every input, in order: files as given, directories walked
    (sorted), globs expanded (sorted), ``-`` for standard input.

    ``max_bytes`` (0: no limit) bounds what a compressed single page may
    inflate to, so a small hostile file cannot fill the memory; a longer page
    is read one byte past the limit, which ``clean()`` then rejects as too
    large. Files of a walked directory whose names are not pages (``logo.png``,
    ``notes.pdf``) are not opened: ``skipped_names`` counts them by suffix.
    ``exclude`` names files and directories a walk passes over: the run's own
    output, which may sit inside the directory it reads.
    """
    reader = _Reader(field, site_field, input_format, max_bytes)
    for path, relative in _expand(inputs, skipped_names, tuple(Path(e).resolve() for e in exclude)):
        if path == "-":
            yield from reader.stream("<stdin>", "", sys.stdin.buffer, site="")
            continue
        p = Path(path)
        try:
            handle = p.open("rb")
        except OSError as e:
            yield Item(path, None, error=f"cannot read: {e.strerror}", origin=path, relative=relative)
            continue
        with handle:
            yield from reader.stream(path, relative, handle, site=str(p.parent), suffixes=_suffixes(p))


def _suffixes(p: Path) -> tuple[str, ...]:
    return tuple(s.lower() for s in p.suffixes[-2:])


def _expand(
    inputs: Sequence[str], skipped_names: dict[str, int] | None, exclude: tuple[Path, ...] = ()
) -> Iterator[tuple[str, str]]:
    """``(path, path relative to the directory or glob root it was found under)``."""
    for spec in inputs:
        if spec == "-":
            yield spec, "stdin"
            continue
        p = Path(spec)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if not f.is_file() or _excluded(f, exclude):
                    continue
                if _is_page_name(f):
                    yield str(f), str(f.relative_to(p))
                elif skipped_names is not None:
                    suffix = f.suffix.lower() or "(no suffix)"
                    skipped_names[suffix] = skipped_names.get(suffix, 0) + 1
        elif p.exists():
            yield spec, p.name
        else:
            matches = sorted(glob.glob(spec, recursive=True))
            if not matches:
                yield spec, p.name
            root = Path(glob.escape(spec)).parent if matches else p.parent
            for m in matches:
                rel = Path(m).relative_to(root) if Path(m).is_relative_to(root) else Path(Path(m).name)
                yield m, str(rel)


def _excluded(path: Path, exclude: tuple[Path, ...]) -> bool:
    if not exclude:
        return False
    resolved = path.resolve()
    return any(resolved == e or resolved.is_relative_to(e) for e in exclude)


def _is_page_name(p: Path) -> bool:
    suffixes = [s.lower() for s in p.suffixes[-2:]]
    if suffixes and suffixes[-1] in COMPRESSION_SUFFIXES:
        suffixes.pop()
    return bool(suffixes) and suffixes[-1] in PAGE_SUFFIXES


class _Reader:
    """Turns one opened input into items (see the module's docstring)."""

    def __init__(self, field: str, site_field: str | None, input_format: str, max_bytes: int) -> None:
        self.field = field
        self.site_field = site_field
        self.input_format = input_format
        self.max_bytes = max_bytes
        self.checked_field = False

    def stream(
        self, source: str, relative: str, handle: IO[bytes], *, site: str, suffixes: tuple[str, ...] = ()
    ) -> Iterator[Item]:
        base = Item(source, None, site=site, origin=source, relative=relative)
        if not hasattr(handle, "peek"):
            handle = cast("IO[bytes]", io.BufferedReader(cast(Any, handle)))
        try:
            head = _peek(handle)
            opened = _decompressed(handle, head)
            if opened is not handle:
                head = _peek(opened)
        except (OSError, EOFError, lzma.LZMAError) as e:
            yield _with(base, error=f"cannot read: {_reason(e)}")
            return
        if head.startswith((b"WARC/", b"WARC-")):
            yield from self._warc(base, opened)
            return
        is_jsonl = self.input_format == "jsonl" or any(s in _JSONL_SUFFIXES for s in suffixes)
        if is_jsonl or _looks_like_jsonl(head):
            yield from self._jsonl(base, opened)
            return
        kind = binary_kind(head)
        if kind is not None:
            yield _with(base, skipped=f"not a page: {kind}")
            return
        try:
            data = opened.read(self.max_bytes + 1) if self.max_bytes else opened.read()
        except (OSError, EOFError, lzma.LZMAError) as e:
            yield _with(base, error=f"cannot read: {_reason(e)}")
            return
        yield _with(base, raw=data)

    def _jsonl(self, base: Item, handle: IO[bytes]) -> Iterator[Item]:
        lines = io.TextIOWrapper(handle, encoding="utf-8", errors="replace")
        try:
            for n, line in enumerate(lines, start=1):
                if not line.strip():
                    continue
                item = _with(base, source=f"{base.source}:{n}")
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as e:
                    yield _with(item, error=f"invalid JSON: {e.msg} (column {e.colno})")
                    continue
                if not isinstance(record, dict):
                    yield _with(item, error=f"a JSON {type(record).__name__}, not an object")
                    continue
                value = record.get(self.field)
                if not self.checked_field:
                    self.checked_field = True
                    if self.field not in record:
                        fields = ", ".join(sorted(record)) or "none"
                        raise FieldError(
                            f"{item.source}: the record has no field {self.field!r} (its fields: {fields}); "
                            "name the one holding the page with --field"
                        )
                if not isinstance(value, str):
                    what = "missing" if value is None else f"a {type(value).__name__}, not a string"
                    yield _with(item, record=record, error=f"field {self.field!r} is {what}")
                    continue
                url = record.get("url")
                yield _with(
                    item,
                    raw=value,
                    record=record,
                    site=self._site_of(record),
                    url=url if isinstance(url, str) and url else None,
                )
        except (OSError, EOFError, lzma.LZMAError) as e:
            yield _with(base, error=f"cannot read: {_reason(e)}")
        finally:
            lines.detach()

    def _site_of(self, record: dict[str, Any]) -> str:
        """The site a JSON Lines record belongs to: its site field, else its URL's host."""
        if self.site_field is not None:
            return str(record.get(self.site_field, ""))
        url = record.get("url")
        return _host(url) if isinstance(url, str) else ""

    def _warc(self, base: Item, handle: IO[bytes]) -> Iterator[Item]:
        # FastWARC is imported here: only WARC input needs it, and it costs 20 ms to load.
        from fastwarc.warc import ArchiveIterator, WarcRecordType

        wanted = WarcRecordType.response | WarcRecordType.resource
        n = 0
        try:
            for record in ArchiveIterator(handle, parse_http=False, auto_decode="none"):
                n += 1
                item = _with(base, source=f"{base.source}#{n}")
                kind = record.record_type
                if not kind & wanted:
                    yield _with(item, skipped=f"WARC {kind} record")
                    continue
                uri = (record.headers.get("WARC-Target-URI") or "").strip("<> ")
                item = _with(item, source=f"{base.source}#{n} {uri}".rstrip(), url=uri or None, site=_host(uri))
                if kind == WarcRecordType.response and record.is_http:
                    record.parse_http(auto_decode="all")
                    status = record.http_headers.status_code
                    if status is not None and not 200 <= status < 300:
                        yield _with(item, skipped=f"WARC response with HTTP status {status // 100}xx")
                        continue
                    ctype = record.http_headers.get("Content-Type") or ""
                else:
                    ctype = record.headers.get("Content-Type") or ""
                mime = ctype.split(";")[0].strip().lower()
                if mime and mime not in _PAGE_TYPES:
                    yield _with(item, skipped=f"WARC record of type {mime}")
                    continue
                body = record.reader.read()
                if not mime and binary_kind(body[:_SNIFF]) is not None:
                    yield _with(item, skipped="WARC record that is not a page")
                    continue
                yield _with(item, raw=_decoded(body, _charset(ctype)))
        except (OSError, EOFError, ValueError) as e:
            yield _with(base, source=f"{base.source}#{n + 1}", error=f"the WARC stops here: {_reason(e)}")


def _with(item: Item, **changes: Any) -> Item:
    values = {**item.__dict__, **changes}
    return Item(**values)


def _host(url: str) -> str:
    try:
        return urlsplit(url).hostname or ""
    except ValueError:
        return ""


def _peek(handle: IO[bytes]) -> bytes:
    return bytes(handle.peek(_SNIFF)[:_SNIFF])  # type: ignore[attr-defined]


def _decompressed(handle: IO[bytes], head: bytes) -> IO[bytes]:
    """The handle itself, or a buffered reader of what it decompresses to."""
    if head.startswith(b"\x1f\x8b"):
        return io.BufferedReader(gzip.GzipFile(fileobj=handle, mode="rb"))
    if head.startswith(b"BZh") and head[3:4].isdigit():
        return io.BufferedReader(bz2.BZ2File(handle))
    if head.startswith(b"\xfd7zXZ\x00"):
        return io.BufferedReader(lzma.LZMAFile(handle))
    return handle


def _looks_like_jsonl(head: bytes) -> bool:
    """A first line that is a JSON object: no page or dump starts like that."""
    text = head.lstrip()
    if not text.startswith(b"{"):
        return False
    line, newline, _ = text.partition(b"\n")
    if not newline and len(text) >= _SNIFF:
        return text[1:].lstrip().startswith(b'"')  # a first line longer than the peek: an object's first key
    try:
        return isinstance(json.loads(line.decode("utf-8", "replace")), dict)
    except ValueError:
        return False


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip("\"'") or None
    return None


def _decoded(body: bytes, charset: str | None) -> str | bytes:
    """The body decoded by its HTTP charset when that decodes it cleanly; else the bytes,
    for ``newsclean.decode`` to read by evidence. A byte-order mark outranks the header."""
    if charset is None or body.startswith(_UTF_BOMS):
        return body
    try:
        return body.decode(codecs.lookup(charset).name)
    except (LookupError, UnicodeDecodeError):
        return body


def _reason(e: BaseException) -> str:
    return (getattr(e, "strerror", None) or str(e) or type(e).__name__).rstrip(".")

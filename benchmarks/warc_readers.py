"""warcio against FastWARC: which WARC reader the command line should use.

Builds a WARC from development pages (a ``warcinfo`` record, then for every page a ``request``,
a ``response`` holding the page behind its HTTP headers, and a ``metadata`` record: the record
mix of a Common Crawl file), once uncompressed and once gzip-compressed record by record as
crawlers write it, then times each reader doing what ``newsclean`` needs: every record's type,
and for each response its target URI, HTTP ``Content-Type`` and payload bytes. Both readers must
return the same payloads; the best of ``--repeat`` runs is reported.

    flock /tmp/newsclean-bench.lock .venv/bin/python benchmarks/warc_readers.py --limit 300
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
Payload = tuple[str, str, bytes]


def _record(kind: str, uri: str | None, block: bytes, content_type: str, n: int) -> bytes:
    """One WARC/1.1 record, with the headers the specification requires."""
    headers = [
        "WARC/1.1",
        f"WARC-Type: {kind}",
        f"WARC-Record-ID: <urn:uuid:{hashlib.md5(f'{kind}{n}'.encode()).hexdigest()}>",
        "WARC-Date: 2026-12-06T12:00:00Z",
        f"Content-Type: {content_type}",
        f"Content-Length: {len(block)}",
    ]
    if uri is not None:
        headers.insert(2, f"WARC-Target-URI: {uri}")
    return ("\r\n".join(headers) + "\r\n\r\n").encode("utf-8") + block + b"\r\n\r\n"


def build_warc(pages: list[tuple[str, bytes]]) -> tuple[bytes, bytes]:
    """The WARC of ``(url, html bytes)`` pages, uncompressed and gzipped per record."""
    records = [_record("warcinfo", None, b"software: newsclean benchmark\r\n", "application/warc-fields", 0)]
    for n, (url, body) in enumerate(pages, start=1):
        request = f"GET / HTTP/1.1\r\nHost: {url.split('/')[2]}\r\n\r\n".encode()
        response = (
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
            + f"Content-Length: {len(body)}\r\n\r\n".encode()
            + body
        )
        records.append(_record("request", url, request, "application/http; msgtype=request", n))
        records.append(_record("response", url, response, "application/http; msgtype=response", n))
        records.append(_record("metadata", url, b"fetchTimeMs: 120\r\n", "application/warc-fields", n))
    return b"".join(records), b"".join(gzip.compress(r, compresslevel=6) for r in records)


def read_fastwarc(data: bytes) -> Iterator[Payload]:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    for record in ArchiveIterator(io.BytesIO(data), record_types=WarcRecordType.response, parse_http=True):
        uri = record.headers.get("WARC-Target-URI") or ""
        yield uri, record.http_headers.get("Content-Type") or "" if record.http_headers else "", record.reader.read()


def read_warcio(data: bytes) -> Iterator[Payload]:
    from warcio.archiveiterator import ArchiveIterator

    for record in ArchiveIterator(io.BytesIO(data)):
        if record.rec_type != "response":
            continue
        uri = record.rec_headers.get_header("WARC-Target-URI") or ""
        ctype = record.http_headers.get_header("Content-Type") or "" if record.http_headers else ""
        yield uri, ctype, record.content_stream().read()


def best_time(reader: Callable[[bytes], Iterator[Payload]], data: bytes, repeat: int) -> tuple[float, list[Payload]]:
    best, out = float("inf"), []
    for _ in range(repeat):
        start = time.perf_counter()
        out = list(reader(data))
        best = min(best, time.perf_counter() - start)
    return best, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--bench", type=Path, default=REPO_ROOT.parent / "shared" / "bench")
    ap.add_argument("--limit", type=int, default=300, help="pages in the WARC (default 300)")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    pages = []
    for line in (args.bench / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if str(row.get("url", "")).startswith(("http://", "https://")):
            pages.append((row["url"], gzip.decompress((args.bench / row["html"]).read_bytes())))
        if len(pages) >= args.limit:
            break
    plain, packed = build_warc(pages)
    print(
        f"{len(pages)} pages, {3 * len(pages) + 1} records: "
        f"{len(plain) / 1e6:.1f} MB as .warc, {len(packed) / 1e6:.1f} MB as .warc.gz"
    )
    print("| reader | .warc MB/s | .warc.gz MB/s | responses |")
    print("|---|---|---|---|")
    results = {}
    for name, reader in (("warcio", read_warcio), ("FastWARC", read_fastwarc)):
        t_plain, got = best_time(reader, plain, args.repeat)
        t_packed, got_packed = best_time(reader, packed, args.repeat)
        assert got == got_packed, f"{name}: the two files give different records"
        results[name] = got
        print(f"| {name} | {len(plain) / 1e6 / t_plain:.0f} | {len(plain) / 1e6 / t_packed:.0f} | {len(got)} |")
    if results["warcio"] != results["FastWARC"]:
        raise SystemExit("the readers disagree on the response records")
    print("both readers return the same target URIs, content types and payloads")


if __name__ == "__main__":
    main()

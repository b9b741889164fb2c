"""The command line's inputs: compressed files, WARC, JSON Lines by content, files that are not pages."""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
from pathlib import Path

import pytest

import newsclean
from newsclean.cli import main
from newsclean.sources import binary_kind

ARTICLE = (
    "<html><head><title>Budget passes</title></head><body><nav><a href='/'>Home</a> | <a href='/w'>World</a></nav>"
    "<h1>Budget passes</h1><p>The council approved the budget on Tuesday after a week of debate over the "
    "new school building and the roads.</p><p>The mayor said the vote was a relief for the café owners "
    "who had waited for the decision since the spring.</p></body></html>"
)


def _record(kind: str, uri: str | None, block: bytes, content_type: str) -> bytes:
    headers = [
        "WARC/1.1",
        f"WARC-Type: {kind}",
        "WARC-Record-ID: <urn:uuid:1>",
        "WARC-Date: 2026-12-06T12:00:00Z",
        f"Content-Type: {content_type}",
        f"Content-Length: {len(block)}",
    ]
    if uri:
        headers.insert(2, f"WARC-Target-URI: {uri}")
    return ("\r\n".join(headers) + "\r\n\r\n").encode() + block + b"\r\n\r\n"


def _response(uri: str, body: bytes, content_type: str = "text/html; charset=utf-8", status: str = "200 OK") -> bytes:
    http = f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n".encode()
    return _record("response", uri, http + body, "application/http; msgtype=response")


def _crawl() -> list[bytes]:
    """A small crawl: two pages (one in Latin-1, said by its HTTP header only), a redirect,
    an image, and the records around them."""
    return [
        _record("warcinfo", None, b"software: test\r\n", "application/warc-fields"),
        _record("request", "https://news.example/a", b"GET /a HTTP/1.1\r\n\r\n", "application/http; msgtype=request"),
        _response("https://news.example/a", ARTICLE.encode("utf-8")),
        _record("metadata", "https://news.example/a", b"fetchTimeMs: 5\r\n", "application/warc-fields"),
        _response(
            "https://other.example/b",
            ARTICLE.replace("Budget", "Plan").encode("latin-1"),
            "text/html; charset=ISO-8859-1",
        ),
        _response("https://news.example/old", b"<a href='/a'>moved</a>", status="301 Moved Permanently"),
        _response("https://news.example/logo.png", b"\x89PNG\r\n\x1a\n\0\0", "image/png"),
    ]


def _run_jsonl(tmp_path: Path, *args: str) -> tuple[int, list[dict[str, object]]]:
    out = tmp_path / "out.jsonl"
    status = main([*args, "--format", "jsonl", "-o", str(out)])
    return status, [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("packed", [False, True], ids=["warc", "warc.gz"])
def test_a_warc_gives_one_document_per_html_response(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], packed: bool
) -> None:
    records = _crawl()
    path = tmp_path / ("crawl.warc.gz" if packed else "crawl.warc")
    path.write_bytes(b"".join(gzip.compress(r) for r in records) if packed else b"".join(records))
    status, docs = _run_jsonl(tmp_path, str(path))
    assert status == 0
    assert [d["url"] for d in docs] == ["https://news.example/a", "https://other.example/b"]
    assert [d["metadata"]["url"] for d in docs] == ["https://news.example/a", "https://other.example/b"]  # type: ignore[index]
    # The Latin-1 page is read by its HTTP charset: "café", not mojibake.
    assert all("café owners" in str(d["text"]) for d in docs)
    summary = capsys.readouterr().err
    assert "2 documents" in summary and "5 skipped" in summary
    assert "WARC response with HTTP status 3xx 1" in summary and "WARC record of type image/png 1" in summary


def test_a_cut_warc_gives_an_error_not_a_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "cut.warc"
    whole = b"".join(_crawl()[:3])
    path.write_bytes(whole + _response("https://news.example/c", ARTICLE.encode())[:120])
    status, docs = _run_jsonl(tmp_path, str(path), "--quiet")
    # FastWARC hands out a record cut short as a shorter record: the cut page is what arrived of it.
    assert status == 0 and [d["url"] for d in docs] == ["https://news.example/a", "https://news.example/c"]
    assert capsys.readouterr().err == ""


def test_compressed_pages_in_a_directory_are_read_and_written_one_file_each(tmp_path: Path) -> None:
    crawl = tmp_path / "crawl"
    (crawl / "deep").mkdir(parents=True)
    (crawl / "a.html.gz").write_bytes(gzip.compress(ARTICLE.encode()))
    (crawl / "deep" / "b.html.bz2").write_bytes(bz2.compress(ARTICLE.encode()))
    (crawl / "c.htm.xz").write_bytes(lzma.compress(ARTICLE.encode()))
    (crawl / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    out = tmp_path / "out"
    assert main([str(crawl), "-o", f"{out}/", "--quiet"]) == 0
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert written == ["a.txt", "c.txt", "deep/b.txt"]
    want = newsclean.clean(ARTICLE)
    assert all(p.read_text(encoding="utf-8") == want + "\n\f\n" for p in out.rglob("*.txt"))


def test_jsonl_is_recognised_by_content_on_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = "".join(json.dumps({"url": f"https://news.example/{i}", "html": ARTICLE}) + "\n" for i in range(2))
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(lines.encode())))
    assert main(["-", "--field", "html", "--format", "jsonl", "--quiet", "--drop-field", "html"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["source"] for r in records] == ["<stdin>:1", "<stdin>:2"]
    assert all("html" not in r and r["text"] == newsclean.clean(ARTICLE) for r in records)


def test_input_format_jsonl_reads_any_file_as_records(tmp_path: Path) -> None:
    path = tmp_path / "export.txt"
    path.write_text(json.dumps({"body": ARTICLE}) + "\n", encoding="utf-8")
    status, docs = _run_jsonl(tmp_path, str(path), "--input-format", "jsonl", "--field", "body", "--quiet")
    assert status == 0 and docs[0]["text"] == newsclean.clean(ARTICLE)


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3", "PDF document"),
        (b"PK\x03\x04\x14\0\0\0", "zip archive (also docx, xlsx, epub)"),
        (b"\xff\xd8\xff\xe0\0\x10JFIF", "JPEG image"),
        (b"abc\0\0\x01def\0", "binary file (it holds NUL bytes)"),
    ],
)
def test_files_that_are_not_pages_are_named(head: bytes, kind: str) -> None:
    assert binary_kind(head) == kind


def test_utf16_text_is_not_taken_for_binary() -> None:
    assert binary_kind("The council met on Tuesday.".encode("utf-16-le")) is None
    assert binary_kind("The council met.".encode("utf-16")) is None


def test_a_binary_file_is_skipped_and_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page, pdf = tmp_path / "a.html", tmp_path / "b.pdf"
    page.write_text(ARTICLE, encoding="utf-8")
    pdf.write_bytes(b"%PDF-1.4\n" + bytes(range(256)))
    assert main([str(page), str(pdf)]) == 0
    captured = capsys.readouterr()
    assert captured.out == newsclean.clean(ARTICLE) + "\n\f\n"
    assert f"newsclean: skipped {pdf}: not a page: PDF document" in captured.err


def test_inputs_with_no_document_fail_and_say_what_was_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    assert main([str(tmp_path), "--quiet"]) == 1
    assert capsys.readouterr().err == (
        "newsclean: no document to clean in the inputs: skipped: files named *.docx 1, files named *.png 1\n"
    )


def test_clean_takes_the_page_url() -> None:
    doc = newsclean.clean_document(ARTICLE, url="https://news.example/a")
    assert doc.metadata.url == "https://news.example/a"
    canonical = ARTICLE.replace("<title>", "<link rel='canonical' href='https://news.example/canon'><title>")
    assert newsclean.clean_document(canonical, url="https://news.example/a").metadata.url == (
        "https://news.example/canon"
    )
    assert newsclean.clean(ARTICLE, url="https://news.example/a") == newsclean.clean(ARTICLE)
    with pytest.raises(newsclean.InputTypeError):
        newsclean.clean(ARTICLE, url=b"https://news.example/a")  # type: ignore[arg-type]


def test_the_summary_counts_files_skipped_by_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.html").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    assert main([str(tmp_path), "-o", str(tmp_path / "out.txt")]) == 0
    summary = capsys.readouterr().err.splitlines()
    assert summary[0].startswith("newsclean: 1 documents, ") and ", 0 errors, 1 skipped, " in summary[0]
    assert summary[1] == "skipped: files named *.png 1"


def test_output_inside_the_input_directory_is_not_read_back(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(ARTICLE, encoding="utf-8")
    for _ in range(2):  # the second run finds the first run's output under the directory it reads
        assert main([str(tmp_path), "-o", f"{tmp_path}/out/", "--quiet"]) == 0
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file()) == ["a.html", "out/a.txt"]

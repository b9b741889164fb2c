"""The command line answers every mistake with one line and an exit status, never a traceback.

One test per message; the ones that depend on the process (the locale's encoding,
Ctrl-C) run the command in a child process.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsclean.cli import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_USAGE, main

PAGE = "Home | World | Sports\n\nThe minister resigned on Tuesday after a week of protests in the capital.\n"
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "page.txt"
    path.write_text(PAGE, encoding="utf-8")
    return path


def _one_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err.strip()


def test_output_in_a_missing_directory(page: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "nodir" / "sub" / "out.txt"
    assert main([str(page), "-o", str(target)]) == EXIT_USAGE
    assert _one_line(capsys) == (
        f"newsclean: cannot write -o {target}: its directory does not exist: create it first (mkdir -p {target.parent})"
    )


def test_errors_file_in_a_missing_directory(page: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "nodir" / "e.jsonl"
    assert main([str(page), "--errors", str(target)]) == EXIT_USAGE
    assert _one_line(capsys).startswith(f"newsclean: cannot write --errors {target}: its directory does not exist")


def test_explain_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", str(tmp_path / "nosuch.html")]) == EXIT_USAGE
    assert _one_line(capsys) == f"newsclean: cannot read {tmp_path / 'nosuch.html'}: no such file"


def test_explain_a_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", str(tmp_path)]) == EXIT_USAGE
    assert _one_line(capsys).startswith(f"newsclean: {tmp_path} is a directory; explain reads one page")


def test_explain_a_file_that_is_not_a_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    png = tmp_path / "a.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n")
    assert main(["explain", str(png)]) == EXIT_USAGE
    assert _one_line(capsys) == f"newsclean: cannot explain {png}: not a page: PNG image"


@pytest.mark.parametrize("value", ["0", "-2", "four"])
def test_workers_must_be_a_positive_whole_number(page: Path, value: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main([str(page), "--workers", value])
    assert stop.value.code == EXIT_USAGE
    assert _one_line(capsys) == (
        f"newsclean: argument --workers: {value!r} is not a whole number >= 1 "
        "(processes, e.g. --workers 4); see newsclean --help"
    )


def test_a_bad_option_value_is_one_line(page: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(page), "--languages", "12"]) == EXIT_USAGE
    assert _one_line(capsys) == "newsclean: languages: '12' is not a language code such as 'en' or 'zh-Hans'"


def test_explain_flag_needs_jsonl_output(page: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(page), "--explain"]) == EXIT_USAGE
    assert _one_line(capsys) == (
        "newsclean: --explain adds the removed blocks to JSON Lines records: "
        "add --format jsonl, or see one page with: newsclean explain PAGE"
    )


def test_drop_field_needs_jsonl_output(page: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(page), "--drop-field", "html"]) == EXIT_USAGE
    assert _one_line(capsys) == "newsclean: --drop-field leaves fields out of JSON Lines records: add --format jsonl"


def test_mark_source_is_for_text_output(page: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(page), "--mark-source", "--format", "jsonl"]) == EXIT_USAGE
    assert "--mark-source is for text and markdown output" in _one_line(capsys)


def test_output_directory_needs_named_inputs(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["-", "-o", f"{tmp_path}/"]) == EXIT_USAGE
    assert _one_line(capsys) == (
        "newsclean: -o DIR/ writes one file per input file; standard input has no name: give -o FILE"
    )


def test_learn_templates_needs_files(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-", "--learn-templates"]) == EXIT_USAGE
    assert "--learn-templates reads the input twice" in _one_line(capsys)


def test_a_wrong_field_is_reported_once_with_the_fields_present(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "pages.ndjson"
    src.write_text("".join(json.dumps({"id": i, "html": PAGE, "url": "u"}) + "\n" for i in range(50)), encoding="utf-8")
    assert main([str(src), "--field", "body", "--quiet"]) == EXIT_USAGE
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        f"newsclean: {src}:1: the record has no field 'body' (its fields: html, id, url); "
        "name the one holding the page with --field\n"
    )


def test_a_document_over_the_size_limit_names_the_option(page: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(page), "--max-input-chars", "20", "--quiet"]) == EXIT_FAILED
    assert _one_line(capsys) == (
        f"newsclean: {page}: InputTooLargeError: the document is longer than "
        "--max-input-chars (20); pass a larger value (0: no limit) or split it"
    )


def test_errors_never_enter_the_text_stream_and_fail_the_run(
    page: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "gone.txt"
    assert main([str(page), str(missing), str(page), "--quiet"]) == EXIT_FAILED
    captured = capsys.readouterr()
    article = "The minister resigned on Tuesday after a week of protests in the capital."
    assert captured.out == f"{article}\n\f\n{article}\n\f\n"
    assert captured.err == f"newsclean: {missing}: cannot read: No such file or directory\n"


def _child(*args: str, **env: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "newsclean", *args],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, **env},
        start_new_session=True,
    )


@pytest.mark.parametrize("fmt", ["jsonl", "text"])
def test_output_is_utf8_whatever_the_locale(page: Path, fmt: str) -> None:
    page.write_text(PAGE.replace("minister", "ministre Zoë, 大臣,"), encoding="utf-8")
    child = _child(str(page), "--format", fmt, "--quiet", PYTHONIOENCODING="latin-1")
    out, err = child.communicate(timeout=60)
    assert child.returncode == 0 and err == b""
    assert "Zoë, 大臣," in out.decode("utf-8")


@pytest.mark.parametrize(("workers", "records"), [("1", 3), ("2", 40)])
def test_ctrl_c_keeps_whole_lines_and_exits_130(workers: str, records: int) -> None:
    """Ctrl-C while the command waits for more input: what was written stays, in whole lines.

    Two workers take records in batches of 32 (``workers * chunksize * 2``), so 40 records make
    one batch come out before the command waits on standard input for the rest.
    """
    with _child(
        "-", "--field", "html", "--format", "jsonl", "--workers", workers, "--quiet", PYTHONUNBUFFERED="1"
    ) as child:
        assert child.stdin is not None and child.stdout is not None and child.stderr is not None
        child.stdin.write((json.dumps({"html": PAGE}) + "\n").encode() * records)
        child.stdin.flush()
        first = child.stdout.readline()  # the command is running and has cleaned a document
        time.sleep(1)
        os.killpg(child.pid, signal.SIGINT)  # as a terminal does: to every process of the group
        child.stdin.close()
        rest = child.stdout.read()  # through the reader's buffer, which readline() filled (communicate() skips it)
        err = child.stderr.read()
        assert child.wait(timeout=60) == EXIT_INTERRUPTED
    assert err.decode() == "newsclean: interrupted; the documents finished before are written out whole\n"
    lines = (first + rest).decode().splitlines()
    assert 1 <= len(lines) <= records
    assert all(json.loads(line)["text"] for line in lines)


def test_explain_reads_the_first_page_of_a_crawl(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "pages.ndjson"
    src.write_text(json.dumps({"text": PAGE}) + "\n", encoding="utf-8")
    assert main(["explain", str(src)]) == 0
    assert "KEEP paragraph" in capsys.readouterr().out

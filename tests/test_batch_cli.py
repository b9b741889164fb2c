"""clean_many and the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ALL_SAMPLES, SAMPLES

import newsclean
from newsclean.cli import main

RAWS = [s.raw for s in ALL_SAMPLES] * 3


def test_clean_many_equals_one_by_one() -> None:
    want = [newsclean.clean(r) for r in RAWS]
    assert list(newsclean.clean_many(iter(RAWS))) == want
    assert list(newsclean.clean_many(iter(RAWS), workers=2, chunksize=2)) == want


def test_clean_many_passes_options_and_validates() -> None:
    raw = ALL_SAMPLES[-1].raw
    assert list(newsclean.clean_many([raw], include_title=True)) == [newsclean.clean(raw, include_title=True)]
    docs = list(newsclean.clean_documents_many([raw], languages=["en"]))
    assert docs[0].text == newsclean.clean(raw, languages=["en"])
    with pytest.raises(newsclean.ConfigError):
        list(newsclean.clean_many([raw], workers=0))


def test_cli_cleans_a_directory_to_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.txt"
    assert main([str(SAMPLES), "-o", str(out), "--workers", "2", "--quiet"]) == 0
    articles = out.read_text(encoding="utf-8").split("\n\f\n")
    assert articles[:-1] == [newsclean.clean(s.raw.encode("utf-8")) for s in ALL_SAMPLES]


def test_cli_jsonl_keeps_fields_and_reports_errors(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    page = "Home | World | Sports\n\nThe minister resigned on Tuesday after a week of protests.\n\nLeave a Reply"
    src.write_text(json.dumps({"id": 7, "html": page}) + "\n" + '{"id": 8}\n' + "not json\n", encoding="utf-8")
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    status = main(
        [
            str(src),
            "--field",
            "html",
            "--format",
            "jsonl",
            "--explain",
            "-o",
            str(out),
            "--errors",
            str(errors),
            "--quiet",
        ]
    )
    assert status == 1  # two documents failed
    [record] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert record["id"] == 7 and record["text"] == "The minister resigned on Tuesday after a week of protests."
    assert {r["rule"] for r in record["removed"]} == {"nav.separators", "comments.exact"}
    failures = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert [f["source"].rsplit(":", 1)[1] for f in failures] == ["2", "3"]


def test_cli_explain(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", str(SAMPLES / "004_efb3c3362070041e.txt")]) == 0
    shown = capsys.readouterr().out
    assert "breadcrumb.separators" in shown and "KEEP paragraph" in shown

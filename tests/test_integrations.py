"""The Spark and datatrove integrations, run on the real engines.

Spark runs in local mode (a JVM: Java 17 must be on PATH or in JAVA_HOME) with
two cores, the UI off and everything bound to the loopback address; one
session serves all Spark tests of this module. datatrove runs its
``LocalPipelineExecutor`` over JSONL written to ``tmp_path``. Every check
compares against one-by-one ``newsclean.clean`` / ``clean_document``: the
integrations must add nothing to, and lose nothing of, what the library gives.
"""

from __future__ import annotations

import gzip
import json
import os
import pathlib
import shutil
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import ALL_SAMPLES

import newsclean

SAMPLES = {s.name: s.raw for s in ALL_SAMPLES}
BOILERPLATE_ONLY = "Home | World | Sports\n\nLeave a Reply"


def test_core_package_imports_no_engine() -> None:
    code = "import sys, newsclean; sys.exit(any(m in sys.modules for m in ('pyspark', 'datatrove', 'pandas')))"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_boilerplate_only_page_cleans_to_nothing() -> None:
    # The drop tests below rely on it.
    assert newsclean.clean(BOILERPLATE_ONLY) == ""


# --- Spark ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        if os.environ.get("CI"):
            pytest.fail("Spark tests need Java 17 (java on PATH or JAVA_HOME); CI must not skip them")
        pytest.skip("Spark needs Java (java on PATH or JAVA_HOME)")
    from pyspark.sql import SparkSession

    with pytest.MonkeyPatch.context() as mp:
        # Spark starts its Python workers with PYSPARK_PYTHON ("python3" on PATH by default), which need not be
        # this venv's interpreter; SPARK_LOCAL_IP keeps the driver on loopback instead of the first interface.
        mp.setenv("PYSPARK_PYTHON", sys.executable)
        mp.setenv("SPARK_LOCAL_IP", "127.0.0.1")
        session = (
            SparkSession.builder.master("local[2]")
            .appName("newsclean-tests")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.default.parallelism", "2")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .getOrCreate()
        )
        session.sparkContext.setLogLevel("ERROR")
        try:
            yield session
        finally:
            session.stop()


def test_spark_column_equals_clean_row_by_row(spark: Any) -> None:
    from newsclean.integrations.spark import clean_column

    rows = [(name, raw, raw.encode("utf-8")) for name, raw in SAMPLES.items()]
    df = spark.createDataFrame(rows, "name string, raw string, raw_bytes binary")
    out = clean_column(df, "raw", with_metadata=True)
    # the binary column, cleaned into differently named columns of the same DataFrame
    out = clean_column(out, "raw_bytes", "from_bytes", prefix="b_")
    assert out.columns == [
        "name", "raw", "raw_bytes",
        "clean_text", "newsclean_title", "newsclean_language", "newsclean_error",
        "newsclean_removed", "newsclean_date", "newsclean_source", "newsclean_authors",
        "from_bytes", "b_title", "b_language", "b_error",
    ]  # fmt: skip
    result = {row.name: row for row in out.collect()}
    assert sorted(result) == sorted(SAMPLES)
    for name, raw in SAMPLES.items():
        row, doc = result[name], newsclean.clean_document(raw)
        assert row.raw == raw  # passed through untouched
        assert row.clean_text == newsclean.clean(raw) == doc.text
        assert row.clean_text  # every sample has an article
        assert (row.newsclean_title, row.newsclean_language) == (doc.title, doc.language)
        assert row.newsclean_error is None
        assert row.newsclean_removed == doc.removed_by_kind()
        assert sum(row.newsclean_removed.values()) == len(doc.removed) > 0
        assert (row.newsclean_date, row.newsclean_source) == (doc.metadata.date, doc.metadata.source)
        assert row.newsclean_authors == list(doc.metadata.authors)
        assert row.from_bytes == newsclean.clean(raw.encode("utf-8"))
        assert (row.b_title, row.b_language, row.b_error) == (doc.title, doc.language, None)


def test_spark_nulls_and_errors_become_columns_not_failures(spark: Any) -> None:
    from newsclean.integrations.spark import clean_column

    # A limit between the sample sizes: some rows clean, the others fail with InputTooLargeError.
    cfg = newsclean.CleanConfig(max_input_chars=9000)
    rows = [*SAMPLES.items(), ("null", None), ("empty", ""), ("boilerplate", BOILERPLATE_ONLY)]
    df = spark.createDataFrame(rows, "name string, raw string")
    result = {row.name: row for row in clean_column(df, "raw", config=cfg, with_metadata=True).collect()}
    assert len(result) == len(rows)

    null = result["null"]
    assert null.raw is None and null.newsclean_error is None
    assert all(null[c] is None for c in ("clean_text", "newsclean_title", "newsclean_language", "newsclean_removed"))
    assert result["empty"].clean_text == "" and result["empty"].newsclean_error is None
    assert result["boilerplate"].clean_text == "" and result["boilerplate"].newsclean_removed

    too_large = {name for name, raw in SAMPLES.items() if len(raw) > cfg.max_input_chars}
    assert too_large and too_large != set(SAMPLES)  # the limit splits the samples
    for name, raw in SAMPLES.items():
        row = result[name]
        if name in too_large:
            with pytest.raises(newsclean.InputTooLargeError):
                newsclean.clean(raw, config=cfg)
            assert row.newsclean_error.startswith("InputTooLargeError: ")
            assert row.clean_text is None and row.newsclean_language is None and row.newsclean_removed is None
        else:
            assert row.newsclean_error is None
            assert row.clean_text == newsclean.clean(raw, config=cfg)


def test_spark_rejects_bad_columns_on_the_driver(spark: Any) -> None:
    from newsclean.integrations.spark import clean_column

    df = spark.createDataFrame([(1, "text", "a title")], "n int, raw string, newsclean_title string")
    with pytest.raises(TypeError, match="string or binary"):
        clean_column(df, "n")
    with pytest.raises(ValueError, match="newsclean_title"):
        clean_column(df, "raw")  # would overwrite the crawl's own column
    with pytest.raises(ValueError, match="already exist"):
        clean_column(df, "raw", "raw", prefix="nc_")
    assert clean_column(df, "raw", prefix="nc_").columns[-4:] == ["clean_text", "nc_title", "nc_language", "nc_error"]


def test_spark_row_function_never_raises() -> None:
    # What the UDF does with each value pandas may hand it, without a JVM.
    from newsclean.integrations.spark import _clean_value, _Job

    job = _Job(newsclean.CleanConfig(), with_metadata=False)
    raw = SAMPLES[min(SAMPLES)]
    assert _clean_value(raw, job)[0] == newsclean.clean(raw)
    assert _clean_value(bytearray(raw.encode()), job)[0] == newsclean.clean(raw.encode())
    assert _clean_value(None, job) == _clean_value(float("nan"), job) == (None, None, None, None)
    assert _clean_value(3, job) == (None, None, None, "TypeError: expected str or bytes, got int")


# --- datatrove -----------------------------------------------------------------------------------


def _write_jsonl(folder: pathlib.Path, name: str, records: list[dict[str, str]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / name).open("w", encoding="utf-8") as f:
        for record in records:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")


def _stat_total(value: Any) -> int:
    # datatrove stores a counter as a bare number, or as a dict when it also has a mean etc.
    return int(value["total"] if isinstance(value, dict) else value)


def test_datatrove_step_in_local_executor(tmp_path: pathlib.Path) -> None:
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from newsclean.integrations.datatrove import NewscleanCleaner

    cfg = newsclean.CleanConfig(max_input_chars=9000)  # one sample is larger: it must be dropped as an error
    too_large = {name for name, raw in SAMPLES.items() if len(raw) > cfg.max_input_chars}
    assert len(too_large) == 1
    records = [{"id": name, "text": raw} for name, raw in SAMPLES.items()]
    records.append({"id": "boilerplate", "text": BOILERPLATE_ONLY})
    # two input files, so that each of the two tasks gets one
    _write_jsonl(tmp_path / "in", "a.jsonl", records[:3])
    _write_jsonl(tmp_path / "in", "b.jsonl", records[3:])

    executor = LocalPipelineExecutor(
        [JsonlReader(str(tmp_path / "in")), NewscleanCleaner(cfg), JsonlWriter(str(tmp_path / "out"))],
        tasks=2,
        workers=1,
        logging_dir=str(tmp_path / "logs"),
    )
    executor.run()

    out = {}
    for path in sorted((tmp_path / "out").glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            out.update((d["id"], d) for d in map(json.loads, f))
    assert len(list((tmp_path / "out").glob("*.jsonl.gz"))) == 2
    assert set(out) == set(SAMPLES) - too_large  # the empty and the failed documents are dropped
    for name, record in out.items():
        doc = newsclean.clean_document(SAMPLES[name], config=cfg)
        assert record["text"] == newsclean.clean(SAMPLES[name], config=cfg) == doc.text
        meta = record["metadata"]
        assert meta["newsclean_title"] == (doc.title or "")
        assert meta["newsclean_language"] == doc.language
        removed = meta["newsclean_removed"]
        assert set(removed) == {kind.value for kind in newsclean.Kind}
        assert {k: v for k, v in removed.items() if v} == doc.removed_by_kind()
        assert sum(removed.values()) == len(doc.removed) > 0

    stats = json.loads((tmp_path / "logs" / "stats.json").read_text(encoding="utf-8"))
    (step,) = (s["stats"] for s in stats if s["name"] == str(NewscleanCleaner()))
    assert _stat_total(step["total"]) == len(records)
    assert _stat_total(step["forwarded"]) == len(out)
    assert _stat_total(step["dropped"]) == 2
    assert _stat_total(step["dropped_empty"]) == 1
    assert _stat_total(step["dropped_error"]) == 1
    kept = [newsclean.clean_document(SAMPLES[name], config=cfg) for name in out]
    assert _stat_total(step["removed_comments"]) == sum(d.removed_by_kind().get("comments", 0) for d in kept)


def test_datatrove_metadata_has_one_shape_for_parquet(tmp_path: pathlib.Path) -> None:
    import pyarrow.parquet as pq
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import ParquetWriter

    from newsclean.integrations.datatrove import NewscleanCleaner

    # The first document written has no title and few kinds of removed blocks; a None title or a
    # sparse dict there would fix a Parquet schema that the later documents do not fit.
    first = next(name for name, raw in SAMPLES.items() if newsclean.clean_document(raw).title is None)
    names = [first, *(name for name in SAMPLES if name != first)]
    _write_jsonl(tmp_path / "in", "a.jsonl", [{"id": name, "text": SAMPLES[name]} for name in names])

    LocalPipelineExecutor(
        [JsonlReader(str(tmp_path / "in")), NewscleanCleaner(), ParquetWriter(str(tmp_path / "out"))],
        tasks=1,
        workers=1,
        logging_dir=str(tmp_path / "logs"),
    ).run()

    (path,) = (tmp_path / "out").glob("*.parquet")
    table = pq.read_table(path).to_pylist()
    assert [row["id"] for row in table] == names
    for row in table:
        doc = newsclean.clean_document(SAMPLES[row["id"]])
        assert row["text"] == doc.text
        assert row["metadata"]["newsclean_title"] == (doc.title or "")
        assert {k: v for k, v in row["metadata"]["newsclean_removed"].items() if v} == doc.removed_by_kind()


def test_datatrove_step_rejects_a_config_of_the_wrong_type() -> None:
    from newsclean.integrations.datatrove import NewscleanCleaner

    with pytest.raises(TypeError, match="CleanConfig"):
        NewscleanCleaner({"languages": ["en"]})  # type: ignore[arg-type]

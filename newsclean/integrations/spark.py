"""Clean a text or HTML column of a Spark DataFrame.

Example (needs a Spark session, so it is shown, not run as a doctest;
``tests/test_integrations.py`` runs the real thing)::

    from newsclean.integrations.spark import clean_column
    cleaned = clean_column(spark.read.parquet("crawl/"), "html")

:func:`clean_column` adds the cleaned text, the title, the language and an
error column (and, with ``with_metadata=True``, the removed blocks counted by
kind, the date, source and authors) to a DataFrame; every other column passes
through untouched. The text is exactly what :func:`newsclean.clean` returns for
that row.

Why an iterator pandas UDF and not ``mapInPandas``
    ``mapInPandas`` hands the *whole row* to Python: every column of a crawl
    record (raw HTML, headers, WARC fields) would be converted to Arrow, shipped
    to the Python worker and shipped back, only to be passed through unchanged.
    A pandas UDF ships the one input column and returns only the new fields,
    and it is an ordinary column expression, so Spark keeps pruning columns and
    pushing filters around it. The *iterator* variant (``Iterator[Series] ->
    Iterator[DataFrame]``) receives a whole partition as a stream of Arrow
    batches, so the config is unpickled once per partition, not once per batch.

Why errors become a column
    On a crawl of millions of pages one pathological document (for example one
    past ``max_input_chars``) must not fail a job that has run for hours; the
    row gets nulls and its error message in ``<prefix>error``, so the failures
    can be counted and inspected afterwards with an ordinary filter. A null
    input is not an error: it gives nulls and a null error.

Spark's Python workers must be able to import newsclean: install it on every
executor (or ship an environment with ``spark.archives``), and point
``PYSPARK_PYTHON`` at that interpreter; its default, ``python3`` on the
``PATH``, is often not the one with newsclean. Each Python
worker pays once for loading the lexicons and the scorer, and Spark reuses its
workers between tasks (``spark.python.worker.reuse``, on by default).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

try:
    import pandas as pd
    from pyspark.sql import Column, DataFrame
    from pyspark.sql import functions as F
    from pyspark.sql.pandas.functions import pandas_udf
    from pyspark.sql.types import (
        ArrayType,
        BinaryType,
        IntegerType,
        MapType,
        StringType,
        StructField,
        StructType,
    )
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError(
        "newsclean.integrations.spark needs pyspark, pandas and pyarrow: pip install 'newsclean[spark]'"
    ) from exc

from ..api import clean_document
from ..config import CleanConfig

__all__ = ["clean_column"]

#: Error messages are cut to this many characters: the column is for counting
#: and triage, and a message that quotes a huge input must not bloat the output.
_MAX_ERROR_CHARS = 1000

# The name of the transient struct column the UDF fills; it never appears in the
# returned DataFrame.
_RESULT = "__newsclean_result"


@dataclass(frozen=True)
class _Job:
    """What each Python worker needs: pickled once with the UDF, not per row."""

    config: CleanConfig
    with_metadata: bool


def clean_column(
    df: DataFrame,
    input_col: str,
    output_col: str = "clean_text",
    *,
    config: CleanConfig | None = None,
    with_metadata: bool = False,
    prefix: str = "newsclean_",
) -> DataFrame:
    """Return ``df`` with ``input_col`` (string or binary: text or HTML) cleaned.

    Added columns, after all of ``df``'s:

    ``output_col`` (string)
        ``newsclean.clean(value, config=config)``.
    ``<prefix>title``, ``<prefix>language`` (string)
        The detected title (null when there is none) and the language tag.
    ``<prefix>error`` (string)
        Null, or ``"ExceptionName: message"`` for a row that could not be
        cleaned; that row's other new columns are null.

    With ``with_metadata=True`` also ``<prefix>removed`` (map of kind to the
    number of removed blocks of that kind, only kinds that occur),
    ``<prefix>date`` and ``<prefix>source`` (string) and ``<prefix>authors``
    (array of string), from :class:`newsclean.Metadata`.

    A null input gives null in every new column. The names are prefixed so
    that they do not collide with a crawl's own ``title`` or ``language``
    fields; if a new column's name exists in ``df`` anyway, ``ValueError`` is
    raised on the driver rather than silently replacing that column. Binary
    input is decoded as :func:`newsclean.clean` decodes ``bytes`` (declared or
    detected charset), which is the right choice for raw HTML of unknown
    encoding.

    ``input_col`` is resolved as :func:`pyspark.sql.functions.col` resolves
    it, so a nested field (``"page.html"``) works too.

    Nothing is computed until an action runs: this only adds a column
    expression to the plan. Spark hands the UDF Arrow batches of
    ``spark.sql.execution.arrow.maxRecordsPerBatch`` rows (10,000 by
    default); with raw HTML of 100 KB a page that is a gigabyte per Python
    worker, so lower it (say to 1,000) for large pages.
    """
    cfg = config if config is not None else CleanConfig()
    if not isinstance(cfg, CleanConfig):
        raise TypeError(f"config must be a newsclean.CleanConfig, not {type(cfg).__name__}")
    source_type = df.select(F.col(input_col)).schema.fields[0].dataType
    if not isinstance(source_type, (StringType, BinaryType)):
        raise TypeError(f"column {input_col!r} must be string or binary, not {source_type.simpleString()}")

    fields = _fields(with_metadata)
    names = {field.name: (output_col if field.name == "text" else prefix + field.name) for field in fields}
    clashes = sorted(set(names.values()) & set(df.columns))
    if clashes or len(set(names.values())) != len(names):
        raise ValueError(
            f"output column(s) {', '.join(clashes) or output_col} already exist or collide; "
            "choose another output_col or prefix"
        )

    udf = _make_udf(_Job(cfg, with_metadata), StructType(fields))
    with_result = df.withColumn(_RESULT, udf(F.col(input_col)))
    added: list[Column] = [F.col(f"{_RESULT}.{name}").alias(alias) for name, alias in names.items()]
    return with_result.select(*[F.col(_quote(c)) for c in df.columns], *added)


def _fields(with_metadata: bool) -> list[StructField]:
    fields = [
        StructField("text", StringType()),
        StructField("title", StringType()),
        StructField("language", StringType()),
        StructField("error", StringType()),
    ]
    if with_metadata:
        fields += [
            StructField("removed", MapType(StringType(), IntegerType())),
            StructField("date", StringType()),
            StructField("source", StringType()),
            StructField("authors", ArrayType(StringType())),
        ]
    return fields


def _make_udf(job: _Job, schema: StructType) -> Any:
    columns = [field.name for field in schema.fields]

    # The annotations are what tells pyspark this is an iterator-of-Series to
    # iterator-of-DataFrame UDF; they are resolved against this module's globals.
    def clean_batches(batches: Iterator[pd.Series]) -> Iterator[pd.DataFrame]:
        for batch in batches:
            rows = [_clean_value(value, job) for value in batch]
            yield pd.DataFrame.from_records(rows, columns=columns)

    # pyspark's overloads of pandas_udf do not describe an iterator UDF with a struct result; calling it
    # through Any also keeps mypy's verdict the same whether or not pyspark is installed.
    make: Any = pandas_udf
    return make(clean_batches, returnType=schema)


def _clean_value(value: object, job: _Job) -> tuple[Any, ...]:
    """One row's new fields, in the order of :func:`_fields`; never raises."""
    width = 8 if job.with_metadata else 4
    if value is None:
        return (None,) * width
    try:
        if isinstance(value, (bytearray, memoryview)):
            value = bytes(value)
        if not isinstance(value, (str, bytes)):
            if bool(pd.isna(value)):  # depending on pandas, Arrow nulls can also arrive as NaN or pd.NA
                return (None,) * width
            raise TypeError(f"expected str or bytes, got {type(value).__name__}")
        doc = clean_document(value, config=job.config)
    except Exception as exc:  # one bad row must not fail the job: report it in the error column
        return _error(exc, width)
    row: tuple[Any, ...] = (doc.text, doc.title, doc.language, None)
    if job.with_metadata:
        meta = doc.metadata
        row += (doc.removed_by_kind(), meta.date, meta.source, list(meta.authors))
    return row


def _error(exc: Exception, width: int) -> tuple[Any, ...]:
    message = f"{type(exc).__name__}: {exc}"[:_MAX_ERROR_CHARS]
    return (None, None, None, message) + (None,) * (width - 4)


def _quote(name: str) -> str:
    """A top-level column name as Spark parses it literally (dots and all)."""
    return "`" + name.replace("`", "``") + "`"

"""A datatrove pipeline step that cleans each document's text with newsclean.

Example (shown, not run as a doctest; ``tests/test_integrations.py`` runs the
step in datatrove's local executor)::

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from newsclean.integrations.datatrove import NewscleanCleaner

    LocalPipelineExecutor(
        [JsonlReader("crawl/", text_key="html"), NewscleanCleaner(), JsonlWriter("cleaned/")],
        tasks=8, logging_dir="logs/",
    ).run()

:class:`NewscleanCleaner` replaces ``Document.text`` (plain text or HTML) with
exactly what :func:`newsclean.clean` returns for it, and drops the documents
that come out empty. It writes what newsclean learned about the document into
``Document.metadata``, under keys that name newsclean so that they cannot be
mistaken for (or overwrite) a language or title set by another step:

``newsclean_title`` (str)
    The detected title, ``""`` when there is none.
``newsclean_language`` (str)
    The language tag of the kept text (``"und"`` when it cannot be told).
``newsclean_removed`` (dict of str to int)
    The number of removed blocks of *every* :class:`newsclean.Kind`, zero
    included.

Why every kind, and ``""`` rather than ``None`` for a missing title: datatrove's
Parquet writer fixes its schema from the first document it writes, so a key
that is missing, or ``None``, there and present later fails the whole task.
With one shape for every document the metadata round-trips through JSONL and
Parquet alike.

Why a plain ``PipelineStep`` and not a ``BaseExtractor``: the extractor base
class sends each document through a pipe to a child process in order to time
it out, and keeps only the returned string. newsclean bounds its own work per
document (``CleanConfig.max_input_chars``), and the step needs the whole
:class:`newsclean.Document` (title, language, removed blocks), not only its
text. A document newsclean cannot clean is dropped and counted, as datatrove's
extractors do, so that one bad record never fails a task.

Stats (in the executor's ``stats.json`` and summary): ``total``, ``forwarded``,
``dropped`` with its reason (``dropped_empty``, ``dropped_error``), and for
each kind ``removed_<kind>``: removed blocks of that kind, summed over the
kept documents that had any.
"""

from __future__ import annotations

from typing import Any

try:
    from datatrove.data import DocumentsPipeline
    from datatrove.pipeline.base import PipelineStep
    from datatrove.utils.logging import logger
    from datatrove.utils.typeshelper import StatHints
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError("newsclean.integrations.datatrove needs datatrove: pip install 'newsclean[datatrove]'") from exc

from ..api import clean_document
from ..config import CleanConfig
from ..document import Kind

__all__ = ["NewscleanCleaner"]

#: Metadata keys the step writes.
TITLE_KEY = "newsclean_title"
LANGUAGE_KEY = "newsclean_language"
REMOVED_KEY = "newsclean_removed"


class NewscleanCleaner(PipelineStep):  # type: ignore[misc]  # datatrove ships no type information
    """Clean ``Document.text`` in place with :func:`newsclean.clean_document`.

    ``config`` is the :class:`newsclean.CleanConfig` used for every document
    (a ``site_profile`` in it applies to every document, so give one only when
    the input is one site's pages).
    """

    name = "📰 newsclean"
    type = "🛢 - EXTRAC"

    def __init__(self, config: CleanConfig | None = None) -> None:
        super().__init__()
        if config is not None and not isinstance(config, CleanConfig):
            raise TypeError(f"config must be a newsclean.CleanConfig, not {type(config).__name__}")
        self.config = config if config is not None else CleanConfig()
        self._warned = False

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        """Yield each document of ``data`` cleaned; drop the empty and the failed ones."""
        if data is None:
            return
        for document in data:
            self.stat_update(StatHints.total)
            with self.track_time():
                try:
                    cleaned = clean_document(document.text, config=self.config)
                except Exception as exc:  # one bad record must not fail the task: count it and go on
                    self._drop("error")
                    self._warn_once(document, exc)
                    continue
            if not cleaned.text:
                self._drop("empty")
                continue
            removed = dict.fromkeys((kind.value for kind in Kind), 0)
            for kind, count in cleaned.removed_by_kind().items():
                removed[kind] = count
                self.stat_update(f"removed_{kind}", value=count)
            document.text = cleaned.text
            document.metadata[TITLE_KEY] = cleaned.title or ""
            document.metadata[LANGUAGE_KEY] = cleaned.language
            document.metadata[REMOVED_KEY] = removed
            self.stat_update(StatHints.forwarded)
            self.update_doc_stats(document)
            yield document

    def _drop(self, reason: str) -> None:
        self.stat_update(StatHints.dropped, f"dropped_{reason}")

    def _warn_once(self, document: Any, exc: Exception) -> None:
        if not self._warned:
            logger.warning(
                f"newsclean could not clean document {document.id!r} ({type(exc).__name__}: {exc}); "
                "dropping it. Further failures are only counted (stat dropped_error)."
            )
            self._warned = True

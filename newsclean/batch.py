"""Cleaning many documents: in order, streaming, on every core.

:func:`clean_many` reads its input lazily and keeps at most
``workers * chunksize * 2`` documents in flight, so a corpus of any size runs
in bounded memory; results come back in input order and are exactly what
one-by-one :func:`newsclean.clean` gives.
"""

from __future__ import annotations

import itertools
import multiprocessing
import signal
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from .api import clean, clean_document
from .config import CleanConfig, CleanOptions
from .document import Document
from .errors import ConfigError

if TYPE_CHECKING:
    from typing import Unpack

__all__ = ["clean_documents_many", "clean_many"]

_DEFAULT = CleanConfig()


def clean_many(
    items: Iterable[str | bytes],
    *,
    workers: int = 1,
    chunksize: int = 16,
    config: CleanConfig | None = None,
    **options: Unpack[CleanOptions],
) -> Iterator[str]:
    """``clean()`` over ``items``, yielding results in input order.

    ``workers`` processes share the work (1: this process, no pool);
    ``chunksize`` documents go to a worker at a time. Options are those of
    :class:`CleanConfig`. An input that ``clean()`` would reject raises here
    too, at its position in the stream.
    """
    cfg = _config(config, options)
    yield from run_jobs(_clean_text, ((item, cfg) for item in items), workers, chunksize)


def clean_documents_many(
    items: Iterable[str | bytes],
    *,
    workers: int = 1,
    chunksize: int = 16,
    config: CleanConfig | None = None,
    **options: Unpack[CleanOptions],
) -> Iterator[Document]:
    """Like :func:`clean_many`, yielding :class:`Document` results."""
    cfg = _config(config, options)
    yield from run_jobs(_clean_doc, ((item, cfg) for item in items), workers, chunksize)


def _config(config: CleanConfig | None, options: CleanOptions) -> CleanConfig:
    return (config if config is not None else _DEFAULT).replace(**options)


def _clean_text(job: tuple[str | bytes, CleanConfig]) -> str:
    return clean(job[0], config=job[1])


def _clean_doc(job: tuple[str | bytes, CleanConfig]) -> Document:
    return clean_document(job[0], config=job[1])


Job = tuple[str | bytes, CleanConfig]


def run_jobs(fn: Any, jobs: Iterable[Job], workers: int, chunksize: int) -> Iterator[Any]:
    """Apply ``fn`` to each ``(item, config)`` job, in order, on ``workers`` processes
    with at most ``workers * chunksize * 2`` jobs in flight."""
    if not isinstance(workers, int) or workers < 1:
        raise ConfigError(f"workers must be a whole number >= 1, not {workers!r}")
    if not isinstance(chunksize, int) or chunksize < 1:
        raise ConfigError(f"chunksize must be a whole number >= 1, not {chunksize!r}")
    jobs = iter(jobs)
    if workers == 1:
        yield from map(fn, jobs)
        return
    window = workers * chunksize * 2
    with multiprocessing.get_context().Pool(workers, initializer=_ignore_interrupts) as pool:
        while True:
            batch = list(itertools.islice(jobs, window))
            if not batch:
                return
            yield from pool.imap(fn, batch, chunksize)


def _ignore_interrupts() -> None:
    """In a worker: leave Ctrl-C to the parent. The terminal sends SIGINT to every
    process of the group; the parent stops the pool, and workers that handled it
    themselves would each print a KeyboardInterrupt traceback first."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)

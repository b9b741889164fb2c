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
from .config import CleanConfig, CleanOptions, resolve
from .document import Document
from .errors import ConfigError, InputTypeError

if TYPE_CHECKING:
    from typing import Unpack

__all__ = ["clean_documents_many", "clean_many"]


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
    :class:`CleanConfig`. The arguments are checked at the call, not when the
    iterator is first read. An input that ``clean()`` would reject raises
    here too, at its position in the stream, after every result before it;
    so does an exception raised by ``items`` itself.
    """
    cfg = _check(items, workers, chunksize, config, options)
    return run_jobs(_clean_text, ((item, cfg) for item in items), workers, chunksize)


def clean_documents_many(
    items: Iterable[str | bytes],
    *,
    workers: int = 1,
    chunksize: int = 16,
    config: CleanConfig | None = None,
    **options: Unpack[CleanOptions],
) -> Iterator[Document]:
    """Like :func:`clean_many`, yielding :class:`Document` results."""
    cfg = _check(items, workers, chunksize, config, options)
    return run_jobs(_clean_doc, ((item, cfg) for item in items), workers, chunksize)


def _check(items: object, workers: object, chunksize: object, config: object, options: CleanOptions) -> CleanConfig:
    if isinstance(items, (str, bytes, bytearray, memoryview)):
        raise InputTypeError(
            f"clean_many() takes an iterable of documents, not one {type(items).__name__} "
            "(which it would clean character by character); wrap it in a list or call clean()"
        )
    for name, value in (("workers", workers), ("chunksize", chunksize)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ConfigError(f"{name} must be a whole number >= 1, not {value!r}")
    return resolve(config, dict(options))


def _clean_text(job: tuple[str | bytes, CleanConfig]) -> str:
    return clean(job[0], config=job[1])


def _clean_doc(job: tuple[str | bytes, CleanConfig]) -> Document:
    return clean_document(job[0], config=job[1])


Job = tuple[str | bytes, CleanConfig]
#: Documents in flight per worker at most, whatever the chunk size: the look-ahead stays bounded.
MAX_IN_FLIGHT_PER_WORKER = 64


def run_jobs(fn: Any, jobs: Iterable[Job], workers: int, chunksize: int) -> Iterator[Any]:
    """Apply ``fn`` to each ``(item, config)`` job, in order, on ``workers`` processes
    with at most ``workers * min(chunksize * 2, MAX_IN_FLIGHT_PER_WORKER)`` jobs in flight.

    An exception from ``jobs`` itself (a generator that fails) is raised after
    the results of the jobs it gave before, as one worker would.
    """
    if not isinstance(workers, int) or isinstance(workers, bool) or workers < 1:
        raise ConfigError(f"workers must be a whole number >= 1, not {workers!r}")
    if not isinstance(chunksize, int) or isinstance(chunksize, bool) or chunksize < 1:
        raise ConfigError(f"chunksize must be a whole number >= 1, not {chunksize!r}")
    return _run(fn, iter(jobs), workers, chunksize)


def _run(fn: Any, jobs: Iterator[Job], workers: int, chunksize: int) -> Iterator[Any]:
    if workers == 1:
        yield from map(fn, jobs)
        return
    per_worker = min(chunksize * 2, MAX_IN_FLIGHT_PER_WORKER)
    window = workers * per_worker
    chunk = max(1, per_worker // 2)
    with multiprocessing.get_context().Pool(workers, initializer=_ignore_interrupts) as pool:
        while True:
            batch: list[Job] = []
            failure: BaseException | None = None
            try:
                batch.extend(itertools.islice(jobs, window))
            except Exception as exc:  # raised by the caller's iterable: after the results before it
                failure = exc
            if batch:
                yield from pool.imap(fn, batch, chunk)
            if failure is not None:
                raise failure
            if len(batch) < window:
                return


def _ignore_interrupts() -> None:
    """In a worker: leave Ctrl-C to the parent. The terminal sends SIGINT to every
    process of the group; the parent stops the pool, and workers that handled it
    themselves would each print a KeyboardInterrupt traceback first."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)

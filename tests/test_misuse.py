"""Misuse is a typed error (a NewscleanError), raised at the call, with a message that says how to fix it."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

import newsclean

PROSE = "The minister resigned on Tuesday after a week of protests in the capital."


def _released() -> memoryview:
    view = memoryview(PROSE.encode())
    view.release()
    return view


MISUSES: dict[str, Callable[[], object]] = {
    "config is a string": lambda: newsclean.clean(PROSE, config="x"),  # type: ignore[arg-type]
    "config is a dict": lambda: newsclean.clean_document(PROSE, config={}),  # type: ignore[arg-type]
    "unknown CleanConfig field": lambda: newsclean.CleanConfig(bogus=1),  # type: ignore[call-arg]
    "positional CleanConfig argument": lambda: newsclean.CleanConfig(True),  # type: ignore[misc]
    "boolean size limit": lambda: newsclean.clean(PROSE, max_input_chars=True),
    "unknown language code": lambda: newsclean.clean(PROSE, languages=["xx-nope"]),
    "released memoryview": lambda: newsclean.clean(_released()),
    "a string given to clean_many": lambda: newsclean.clean_many("abc"),
    "workers=0": lambda: newsclean.clean_many([PROSE], workers=0),
    "boolean workers": lambda: newsclean.clean_documents_many([PROSE], workers=True),
    "chunksize=0": lambda: newsclean.clean_many([PROSE], chunksize=0),
    "a page that is not text": lambda: newsclean.SiteProfile.learn([None]),  # type: ignore[list-item]
    "one page given to SiteProfile.learn": lambda: newsclean.SiteProfile.learn(PROSE),
    "boolean min_share": lambda: newsclean.SiteProfile.learn([PROSE], min_share=True),
}


@pytest.mark.parametrize("name", sorted(MISUSES))
def test_misuse_is_a_typed_error_at_the_call(name: str) -> None:
    """Raised by the call itself (clean_many's checks do not wait for the first result)."""
    with pytest.raises(newsclean.NewscleanError):
        MISUSES[name]()


def test_known_language_codes_still_pass() -> None:
    cfg = newsclean.CleanConfig(languages=["zh", "en", "ja", "zh-Hant", "ko"])
    assert cfg.languages == ("en", "ja", "ko", "zh", "zh-hant")


def _failing_after_two() -> Iterator[str]:
    yield PROSE
    yield PROSE.replace("Tuesday", "Friday")
    raise RuntimeError("the source failed")


@pytest.mark.parametrize("workers", [1, 2])
def test_clean_many_yields_every_result_before_a_failing_input(workers: int) -> None:
    out: list[str] = []
    with pytest.raises(RuntimeError, match="the source failed"):
        out.extend(newsclean.clean_many(_failing_after_two(), workers=workers))
    assert out == [PROSE, PROSE.replace("Tuesday", "Friday")]


def test_clean_many_look_ahead_is_bounded_whatever_the_chunk_size() -> None:
    pulled = 0

    def items() -> Iterator[str]:
        nonlocal pulled
        for _ in range(5000):
            pulled += 1
            yield PROSE

    results = newsclean.clean_many(items(), workers=2, chunksize=10**6)
    assert next(results) == PROSE
    assert pulled <= 2 * newsclean.batch.MAX_IN_FLIGHT_PER_WORKER
    results.close()

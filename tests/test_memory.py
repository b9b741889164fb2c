"""Memory per line of input (issue 14): a page of many short lines costs a few
hundred bytes a line, not a kilobyte.

Python's own allocations are counted with tracemalloc, which counts bytes, not
time: the figure is the same on a loaded machine. The bound leaves room over
what the stages need today (360 to 520 bytes a line for these shapes at 200,000
lines, ``benchmarks/line_memory.py``), and fails when a stage goes back to
keeping a Python object per field per line.
"""

from __future__ import annotations

import tracemalloc

import pytest

import newsclean
from newsclean.blocks import Block, split_blocks

LINES = 50_000
#: Bytes of Python allocations per input line, at the peak of one call.
MAX_BYTES_PER_LINE = 600


def _peak_per_line(text: str) -> float:
    newsclean.clean("The minister resigned on Tuesday.")  # lexicons and models load outside the count
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        newsclean.clean(text)
        return (tracemalloc.get_traced_memory()[1] - base) / LINES
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize(
    "text",
    ["|\n" * LINES, "".join(f"w{i % 97}\n" for i in range(LINES)), "<html><body>" + "x<br>" * LINES],
    ids=["pipe-lines", "short-word-lines", "html-br-lines"],
)
def test_short_lines_cost_a_few_hundred_bytes_each(text: str) -> None:
    assert _peak_per_line(text) <= MAX_BYTES_PER_LINE


def test_blocks_read_as_the_tuples_they_store() -> None:
    blocks = split_blocks("First line here.\nSecond line.\n\nThird, after a blank line.")
    assert list(blocks) == [blocks[i] for i in range(len(blocks))]
    assert blocks[-1] == Block(2, "Third, after a blank line.", 4, 31, 57, 1)
    assert blocks[1:] == [blocks[1], blocks[2]]
    assert list(blocks.texts) == [b.text for b in blocks]
    with pytest.raises(IndexError):
        blocks[3]

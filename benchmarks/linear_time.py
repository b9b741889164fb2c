"""Does cleaning cost grow linearly with input size, on hostile shapes?

For each shape, builds an input of size n and of size 10 n, cleans both (best of
three runs each) and prints time(10 n) / time(n). Linear cost gives about 10;
the bound we hold to is 12. Shapes: one huge line, many tiny lines, long runs
of separators, long runs of CJK without punctuation, menus of short items,
e-mail-like and date-like runs, and the same in HTML (deep nesting, many
paragraphs, huge attributes).

Usage: .venv/bin/python benchmarks/linear_time.py [--base-kb 200]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import newsclean

BOUND = 12.0
PROSE = "The minister resigned on Tuesday after a week of protests in the capital. "
#: Three links make a text Markdown (newsclean.markdown.MIN_LINKS): the shapes after it are read as Markdown.
MD_HEAD = "[Home](/) [World](/world) [Sports](/sports)\n"

SHAPES: dict[str, Callable[[int], str]] = {
    "one huge line": lambda n: (PROSE * (n // len(PROSE) + 1))[:n],
    "many tiny lines": lambda n: "ab\n" * (n // 3),
    "separator runs": lambda n: ("| " * 50 + "\n") * (n // 101),
    "CJK without punctuation": lambda n: ("这是没有标点的中文文本" * 20 + "\n") * (n // 221),
    "tag-cut sentences": lambda n: "The minister said\n\n, and then\n\n" * (n // 31),
    "menus of short items": lambda n: ("Home\nWorld\nSports\nBusiness\n") * (n // 28),
    "e-mail-like run": lambda n: ("a" * 60 + "@") * (n // 61),
    "date-like run": lambda n: "2021-12-31 13:55 " * (n // 17),
    "html deep nesting": lambda n: "<div>" * (n // 11) + PROSE + "</div>" * (n // 11),
    "html many paragraphs": lambda n: "<html><body>" + f"<p>{PROSE}</p>" * (n // (len(PROSE) + 7)) + "</body></html>",
    "markdown link debris": lambda n: MD_HEAD + "[t](![u](" * ((n - len(MD_HEAD)) // 9),
    "markdown data addresses": lambda n: MD_HEAD + "![a](data:" + "![a](data:QUJD" * ((n - len(MD_HEAD)) // 14),
    "markdown alt brackets": lambda n: MD_HEAD + "![![[a]![[b" * ((n - len(MD_HEAD)) // 11),
    "markdown link titles": lambda n: MD_HEAD + '[a](b "](c "[d](e ' * ((n - len(MD_HEAD)) // 17),
    "markdown emphasis debris": lambda n: MD_HEAD + "**a *b _c `d ~~e \\[ " * ((n - len(MD_HEAD)) // 22),
    "html huge attribute": lambda n: f'<html><body><div class="{"x" * n}"><p>{PROSE}</p></div></body></html>',
    # The hostile shapes of issue 14, each scaled as a whole (every part grows with n).
    "html open formatting": lambda n: (
        "<html><body><div>" + "".join(f"<b id=b{i}>" for i in range(n // 1000)) + "</div>" + "<p>x</p>" * (n // 10)
    ),
    "html many attributes": lambda n: (
        "<html><body><div " + " ".join(f"a{i}=v{i}" for i in range(n // 14)) + f"><p>{PROSE}</p></div>"
    ),
    "html nested distinct font": lambda n: (
        "<html><body>" + "".join(f'<font color="#{i}">' for i in range(n // 22)) + PROSE
    ),
    "html select options": lambda n: "<html><body><select>" + "<option>o" * (n // 9) + f"</select><p>{PROSE}</p>",
    "html nested lists": lambda n: "<html><body>" + "<ul><li>" * (n // 8) + PROSE,
    "html nested blockquote": lambda n: "<html><body>" + "<blockquote>" * (n // 12) + PROSE,
    "html misnested b/div": lambda n: "<html><body>" + ("<b>" + "<div>" * 50 + "x</b>") * (n // 258),
    "short lines pipes": lambda n: "|\n" * (n // 2),
    "html br lines": lambda n: "<html><body>" + "x<br>" * (n // 5),
    "html main of nested hidden": lambda n: (
        "<html><body><main>" + ("<div hidden>" * 200 + "hidden text" + "</div>" * 200) * (n // 2611) + "</main>"
    ),
    "html main of hidden siblings": lambda n: "<html><body><main>" + "<p hidden>hidden text</p>" * (n // 25),
    "html script full of <": lambda n: (
        f'<html><body><article><p>{PROSE}</p></article><script>var s = "' + "<" * n + '";</script></body></html>'
    ),
}


def best_time(text: str, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        newsclean.clean(text)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base-kb", type=int, default=200, help="size n of the small input, in kilobytes")
    ap.add_argument("--shapes", help="comma-separated substrings: only the shapes whose name holds one")
    args = ap.parse_args()
    wanted = [w for w in (args.shapes or "").split(",") if w]
    shapes = {k: v for k, v in SHAPES.items() if not wanted or any(w in k for w in wanted)}
    n = args.base_kb * 1000
    newsclean.clean(PROSE)  # load lexicons and models outside the timings
    worst = 0.0
    print(f"{'shape':26s} {'t(n) s':>8s} {'t(10n) s':>9s} {'ratio':>6s}")
    for name, make in shapes.items():
        small, large = best_time(make(n)), best_time(make(10 * n))
        ratio = large / small if small > 0 else float("nan")
        worst = max(worst, ratio)
        print(f"{name:26s} {small:8.3f} {large:9.3f} {ratio:6.1f}{'  OVER' if ratio > BOUND else ''}")
    print(f"worst ratio {worst:.1f} (bound {BOUND:.0f})")
    return 0 if worst <= BOUND else 1


if __name__ == "__main__":
    sys.exit(main())

"""Text mode on dumps made by other scrapers: does newsclean depend on one tool's layout?

The development dumps (``*.dump.txt``) were all made by one tool (Resiliparse),
but users feed newsclean whatever their scraper gives, and the project is also
measured on dumps made by other tools. This script makes the same pages into
the plain text or Markdown that other common tools produce, cleans each with
``newsclean.clean()`` (format detected, as a user would call it), and prints
the benchmark's metrics per format, beside the uncleaned input's:

* ``resiliparse``: the shipped dump, the reference;
* ``bs4``: BeautifulSoup's ``get_text("\\n")`` (script, style and noscript
  dropped): a line break at every tag boundary, inline links on lines of
  their own, cells of a table one per line;
* ``inscriptis``: inscriptis' ``get_text``: a rendered layout, tables as
  columns padded with spaces;
* ``markdownify``: Markdown, as scrapers made for LLM pipelines hand it out.

Each page is decoded once, by Resiliparse's encoding detection as the shipped
dumps were, and every tool gets the same text. The tools are listed in
``benchmarks/requirements.txt``; a format whose tool is missing is skipped.

Usage (from the repository root)::

    .venv/bin/python benchmarks/dump_formats.py [--formats bs4,markdownify] [--limit 20]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

import newsclean  # noqa: E402
from benchmarks.run_bench import (  # noqa: E402
    DATASETS,
    DEFAULT_BENCH,
    PLAIN_DATASETS,
    Page,
    SystemRun,
    load_pages,
    record,
    summarize,
)

#: A dump maker: the page's decoded HTML -> the text a scraper would hand on.
Maker = Callable[[str], str]
_DROPPED = ("script", "style", "noscript")


def _bs4() -> Maker:
    import warnings

    from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning

    warnings.filterwarnings("ignore", category=XMLParsedAsHTMLWarning)  # XHTML pages, parsed as browsers do

    def make(html: str) -> str:
        soup = BeautifulSoup(html, "lxml")
        for node in soup(_DROPPED):
            node.decompose()
        return str(soup.get_text("\n"))

    return make


def _inscriptis() -> Maker:
    import inscriptis

    return lambda html: str(inscriptis.get_text(html))


def _markdownify() -> Maker:
    from markdownify import markdownify

    return lambda html: str(markdownify(html))


MAKERS: dict[str, Callable[[], Maker]] = {"bs4": _bs4, "inscriptis": _inscriptis, "markdownify": _markdownify}
FORMATS = ("resiliparse", *MAKERS)


def _decoder() -> Callable[[bytes], str]:
    from resiliparse.parse.encoding import bytes_to_str, detect_encoding

    return lambda raw: str(bytes_to_str(raw, detect_encoding(raw) or "utf-8"))


def scores(pages: Sequence[Page], outputs: Sequence[str]) -> dict[str, float]:
    """The columns of ``run_bench.py``'s table for ``outputs`` (one per page)."""
    run = SystemRun("newsclean")
    for page, out in zip(pages, outputs, strict=True):
        record(run, page, out, 0.0, None)
    columns: dict[str, float] = summarize(run)["columns"]
    return columns


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    ap.add_argument("--formats", default=",".join(FORMATS), help=f"comma-separated, of {', '.join(FORMATS)}")
    ap.add_argument("--limit", type=int, help="pages per data set")
    args = ap.parse_args(argv)
    formats = [f for f in args.formats.split(",") if f]
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown:
        ap.error(f"unknown format(s): {', '.join(unknown)}")
    pages = load_pages(args.bench, DATASETS, args.limit)
    decode = _decoder()
    html = [decode(p.load_input("html")) if any(f in MAKERS for f in formats) else "" for p in pages]
    columns = (*PLAIN_DATASETS, "macro", "sh_off", "snip")
    print(f"{len(pages)} pages\n{'format':<13}{'input':<9}" + "".join(f"{c[:15]:>16}" for c in columns))
    for name in formats:
        if name == "resiliparse":
            dumps = [str(p.load_input("text")) for p in pages]
        else:
            try:
                make = MAKERS[name]()
            except ImportError as exc:
                print(f"{name:<13}skipped: {exc}")
                continue
            dumps = [make(h) for h in html]
        for label, outputs in (("as is", dumps), ("cleaned", [newsclean.clean(d) for d in dumps])):
            row = scores(pages, outputs)
            print(f"{name:<13}{label:<9}" + "".join(f"{row.get(c, float('nan')):>16.3f}" for c in columns))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

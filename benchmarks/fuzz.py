"""Coverage-guided fuzzing of ``clean_document()`` with atheris (libFuzzer).

newsclean promises to never raise on the *content* of a ``str`` or ``bytes``
input, and to keep a few invariants on whatever it returns. Hand-written hostile
cases (tests/test_hostile.py) only cover the shapes someone thought of; this
target lets libFuzzer mutate real pages and HTML snippets towards new code paths
and stops at the first input that breaks a promise.

Every fuzzed input is cleaned four ways: as raw ``bytes`` (decoding by
evidence, format detected), as ``str`` (the bytes decoded as UTF-8 with
``surrogateescape``, so undecodable bytes become lone surrogates, which callers
can and do pass), and as that ``str`` with ``input_format="html"`` and with
``input_format="markdown"`` forced. Each
result is checked by :func:`check_document`; the checks are the documented
guarantees, cheap enough to run on every execution:

- no exception except the documented :class:`~newsclean.InputTooLargeError`,
  and that one only for an input over ``max_input_chars``;
- ``text`` is a ``str`` that encodes to UTF-8 (no lone surrogate survives) and
  is the paragraphs joined by a blank line;
- every kept paragraph and removed block is the text at its ``start:end``
  offsets of the repaired input (white space aside): nothing is invented;
- every non-empty line of the repaired input is in a paragraph, the title or a
  removed block: nothing is lost silently;
- the repair goes at least as far as ftfy's repair of the raw input
  (:func:`_check_repair_reaches_ftfy`);
- idempotence: cleaning the output again gives the output (``clean(clean(x)) ==
  clean(x)`` with the same options; with ``input_format="html"`` forced the
  output is plain text, so it is cleaned again as text; so with "markdown").

A failure is an ``AssertionError`` (or the unexpected exception itself), which
libFuzzer reports as a crash and saves to ``<work>/crash-<sha1>``; it then
stops. With ``--keep-going`` the run goes on to the time limit instead and
keeps the smallest input of each distinct failure in ``<work>/failures/``.
Copy such a file to ``fixtures/fuzz/`` (see its README): tests/test_fuzz.py
replays every file there with the same checks, which it imports from this
module.

Usage (from the repository root; needs ``pip install -e '.[fuzz]'``)::

    nice -n 19 .venv/bin/python benchmarks/fuzz.py --time 600
    nice -n 19 .venv/bin/python benchmarks/fuzz.py --time 600 --keep-going
    .venv/bin/python benchmarks/fuzz.py -minimize_crash=1 -runs=2000 /tmp/newsclean-fuzz/crash-...
    .venv/bin/python benchmarks/fuzz.py --replay fixtures/fuzz/*.bin   # no atheris needed

Unknown arguments are passed to libFuzzer (e.g. ``-max_len=8192``, ``-seed=1``).
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLES = REPO_ROOT / "fixtures" / "samples"
REGRESSIONS = REPO_ROOT / "fixtures" / "fuzz"
#: Files of the regression folder that describe the corpus rather than belong to it.
NOT_INPUTS = frozenset({"README.md", "open.json"})

#: Small markup seeds: the shapes HTML parsers disagree about, each a starting
#: point the mutator would take a long time to reach from plain text.
HTML_SEEDS: dict[str, str] = {
    "page": (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Minister resigns</title></head><body>"
        "<nav><a href='/'>Home</a> | <a href='/world'>World</a></nav><article><h1>Minister resigns</h1>"
        "<p>The minister resigned on Tuesday after a week of protests in the capital.</p>"
        "<p>Her deputy will act in her place until a vote next month.</p></article>"
        "<footer>&copy; 2024 The Daily</footer></body></html>"
    ),
    "script-style": (
        "<html><body><script>var a = '</p>'; if (a < b) {}</script><style>p{color:red}</style>"
        "<noscript>Enable JavaScript</noscript><p>Text after a script.</p></body></html>"
    ),
    "unclosed": "<html><body><div><p><b><i>Unclosed tags run to the end of the page <p>and nest <li>oddly",
    "comments-cdata": (
        "<html><body><!-- a comment <p>not text</p> --><![CDATA[ raw <b>cdata</b> ]]>"
        "<!--> <!---> <p>After odd comments.</p><!-- never closed"
    ),
    "entities": (
        "<html><body><p>&amp;amp; &lt;div&gt; &#0; &#xD800; &#1114112; &nbsp;&ensp;&#8203; &bogus; &#x1F600; &amp"
        "</p><p>Caf&eacute; &#8220;quoted&#8221; text &mdash; with entities.</p></body></html>"
    ),
    "attributes": (
        '<div class="a" data-x=\'1\' id=x hidden><p title="<p>quoted</p>" onclick=alert(1)>Attr text.</p>'
        "<img src=x alt='An image caption'><a href=\"javascript:void(0)\">Read more</a></div>"
    ),
    "tables-lists": (
        "<table><tr><td>Cell one</td><td>Cell two</td></tr><tr><th>Head</th></tr></table>"
        "<ul><li>First item<li>Second item</ul><dl><dt>Term<dd>Definition</dl><br><hr>"
    ),
    "charset-meta": (
        "<html><head><meta http-equiv='Content-Type' content='text/html; charset=gb2312'></head>"
        "<body><p>Declared charset that may not decode.</p></body></html>"
    ),
    "template-svg": (
        "<body><template><p>Inert template text</p></template><svg><text>svg text</text></svg>"
        "<iframe src=x>frame</iframe><p>Visible text.</p></body>"
    ),
    "cjk": (
        "<html><body><h1>部长辞职</h1><p>部长在抗议活动持续一周后于周二辞职。</p>"
        "<p>首页 | 新闻 | 体育</p></body></html>"
    ),
}

#: Markdown seeds: a scraper's page, and syntax that nests or never closes.
MARKDOWN_SEEDS: dict[str, str] = {
    "page": (
        "* [Home](/)\n* [World](/world)\n* [Sports](/sports)\n\n# Minister resigns\n\n"
        "![Photo: the minister](https://example.com/p.jpg)\n\nThe minister **resigned** on Tuesday after a "
        'week of [protests](https://example.com/protests "Protests") in the capital.\n\n> Her deputy will act '
        "in her place.\n\n## Related\n\n- [Vote next month](/vote)\n\n[1]: https://example.com/ref\n"
    ),
    "nesting": (
        "[a](/) [b](/) [c](/)\n\n[[[[[[[[[[deep](/1)](/2)](/3)](/4)](/5)](/6)](/7)](/8)](/9)](/10)\n\n"
        "[![logo](/l.png)](/) **bold *em _under `code` ~~strike~~ \\*esc\\* [unclosed](\n\n"
        "| a | b |\n|---|:-:|\n```\ncode # not a heading\n```\n<https://example.com> <a@b.c>"
    ),
}

_WS = re.compile(r"\s+")
#: Format characters (Unicode category Cf: zero-width space and joiners, BOM, bidi controls).
#: What UTF-8 read as Latin-1 or Windows-1252 is made of: the Latin-1 upper half and cp1252's extras.
_MOJIBAKE_CHARS = frozenset(map(chr, range(0x80, 0x100))) | frozenset("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ")
_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")


class InvariantError(AssertionError):
    """A result of ``clean_document()`` broke one of its documented guarantees.

    ``kind`` names the guarantee, so that ``--keep-going`` can tell one bug
    from many inputs that hit the same one.
    """

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(f"{kind}: {message}")
        self.kind = kind


def variants(data: bytes) -> Iterator[tuple[str, str | bytes, str]]:
    """The four ways one fuzzed input is fed to newsclean: ``(name, input, input_format)``."""
    text = data.decode("utf-8", "surrogateescape")
    yield "bytes", data, "auto"
    yield "str", text, "auto"
    yield "str-html", text, "html"
    yield "str-markdown", text, "markdown"


def _squeeze(text: str) -> str:
    return _WS.sub("", text)


def check_document(raw: str | bytes, input_format: str = "auto", **options: Any) -> None:
    """Clean ``raw`` and check the result's invariants; raise :class:`InvariantError` on a breach.

    newsclean is imported here, not at the top, so that the fuzzer can import
    it under atheris' coverage instrumentation first.
    """
    import newsclean
    from newsclean.api import OUTPUT_REPAIRED, OUTPUT_REPARSED, OUTPUT_REPARSED_MARKDOWN
    from newsclean.decode import plain_text
    from newsclean.unicode import repair

    try:
        doc = newsclean.clean_document(raw, input_format=input_format, **options)
    except newsclean.InputTooLargeError:
        limit = options.get("max_input_chars", newsclean.CleanConfig().max_input_chars)
        if limit and len(raw) > limit:
            return
        raise

    if not isinstance(doc.text, str):
        raise InvariantError("type", f"text is {type(doc.text).__name__}, not str")
    try:
        doc.text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InvariantError("utf-8", f"text does not encode: {exc}") from None
    if not options.get("include_title") and doc.text != "\n\n".join(p.text for p in doc.paragraphs):
        raise InvariantError("join", "text is not the paragraphs joined by a blank line")

    source = plain_text(raw, input_format)
    repaired = repair(source)[0]
    _check_repair_reaches_ftfy(source, repaired)
    # Documented exceptions (newsclean.api): output repaired again, or re-read as HTML
    # or Markdown, after the blocks were cut; then the paragraphs (or every block) changed since.
    redone = {r.name for r in doc.repairs}
    reparsed = bool(redone & {OUTPUT_REPARSED, OUTPUT_REPARSED_MARKDOWN})
    spans = [] if reparsed else [(r.text, r.start, r.end) for r in doc.removed]
    if not reparsed and OUTPUT_REPAIRED not in redone:
        spans += [(p.text, p.start, p.end) for p in doc.paragraphs]
    for text, start, end in spans:
        if _squeeze(repaired[start:end]) != _squeeze(text):
            found = repaired[start:end][:80]
            raise InvariantError("offsets", f"{text[:80]!r} is not the repaired input at {start}:{end}: {found!r}")

    pieces = [p.text for p in doc.paragraphs] + [r.text for r in doc.removed] + ([doc.title] if doc.title else [])
    accounted = "\n".join(_WS.sub(" ", p) for p in pieces)
    # Output re-read as HTML or Markdown: its paragraphs are the output without its markup, not input lines.
    # Output repaired again: compare what no repair touches, the ASCII words that stand
    # apart from non-ASCII characters (a legacy CJK decoding takes the ASCII byte
    # after a high one as its trail byte: "Àp" may become one character).
    loose = OUTPUT_REPAIRED in redone
    if loose:
        accounted = _ASCII_ALNUM.sub("", accounted)
    for line in repaired.split("\n") if not reparsed else ():
        words = _ASCII_WORD.findall(line) if loose else [_WS.sub(" ", line).strip()]
        for word in words:
            if word and word not in accounted:
                raise InvariantError("lost", f"line {line[:80]!r} is neither kept nor removed")

    again_format = "text" if input_format in ("html", "markdown") else input_format
    again = newsclean.clean(doc.text, **{**options, "input_format": again_format})
    if again != doc.text:
        kind = _idempotence_kind(doc.text, again, again_format)
        raise InvariantError(kind, f"{doc.text[:200]!r} cleans again to {again[:200]!r}")


_INVENTED = re.compile("[\ufffd\ue000-\uf8ff\U000f0000-\U0010ffff]")


def _damage(text: str) -> int:
    import ftfy.badness

    return int(ftfy.badness.badness(text)) + len(_INVENTED.findall(text))


def _check_repair_reaches_ftfy(source: str, repaired: str) -> None:
    """The repair must go at least as far as ftfy does on the raw input.

    Comparing the output with the already repaired input cannot see a repair
    that stops half-way (the soft hyphen removed before ftfy ran left every
    CJK character whose UTF-8 holds 0xAD garbled). The reference is ftfy's own
    repair of the raw input, with newsclean's settings, then newsclean's
    repair (which, after ftfy, has only entities and invisible characters left
    to do): newsclean's result must not look more like mojibake than that, by
    ftfy's own measure (``ftfy.badness.badness``) plus the characters a wrong
    decoding invents (private-use characters, U+FFFD).
    """
    import ftfy

    from newsclean.unicode import _FTFY_CONFIG, repair

    if "legacy_cjk_encoding" in {r.name for r in repair(source)[1]}:
        return  # a legacy CJK page read as Latin-1: not ftfy's case, and nothing to compare with
    reference = repair(ftfy.fix_text(source, _FTFY_CONFIG._replace(explain=False)))[0]
    ours, theirs = _damage(repaired), _damage(reference)
    if ours > theirs:
        raise InvariantError(
            "repair-short-of-ftfy",
            f"repaired input has {ours} mojibake sequences, ftfy's repair {theirs}: {repaired[:120]!r}",
        )


_ASCII_ALNUM = re.compile(r"[^A-Za-z0-9]+")
_ASCII_WORD = re.compile(r"(?<![^\x00-\x7f])[A-Za-z0-9]+(?![^\x00-\x7f])")


def _shared_prefix(a: str, b: str) -> int:
    n = min(len(a), len(b))
    return next((i for i in range(n) if a[i] != b[i]), n)


def _idempotence_kind(once: str, twice: str, again_format: str) -> str:
    """Name the way a second clean() changed the output, so that different causes are kept apart."""
    from newsclean.decode import looks_like_html

    if again_format == "auto" and looks_like_html(once):
        return "idempotent-html"  # output that reads as markup is parsed as HTML the second time
    if _squeeze(_INVISIBLE.sub("", once)) == _squeeze(_INVISIBLE.sub("", twice)):
        return "idempotent-invisible"  # only invisible characters or white space went
    start = _shared_prefix(once, twice)
    end = _shared_prefix(once[start:][::-1], twice[start:][::-1])
    changed = once[start : len(once) - end]
    if changed and all(c in _MOJIBAKE_CHARS or c.isspace() for c in changed):
        return "idempotent-mojibake"  # the Unicode repair changed its mind about text that looks mis-decoded
    return "idempotent"


def failures(data: bytes) -> Iterator[tuple[str, Exception]]:
    """``(variant name, exception)`` for each variant of ``data`` that fails :func:`check_document`."""
    for name, raw, input_format in variants(data):
        try:
            check_document(raw, input_format)
        except Exception as exc:
            yield name, exc


def check_input(data: bytes) -> None:
    """The fuzz target: every variant of ``data`` must give a result that passes :func:`check_document`."""
    for name, exc in failures(data):
        print(f"failing variant: {name} of a {len(data)}-byte input", file=sys.stderr)
        raise exc


def signature(exc: BaseException) -> str:
    """What tells one bug from another: the broken guarantee, or the exception type and where it was raised."""
    if isinstance(exc, InvariantError):
        return exc.kind
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "newsclean" in f.filename] or frames
    where = f"{Path(ours[-1].filename).stem}-{ours[-1].lineno}" if ours else "unknown"
    return f"{type(exc).__name__}-{where}"


class Survey:
    """A fuzz target that records failures and carries on (``--keep-going``).

    libFuzzer stops at the first crash, so one easy bug would hide every other
    one for the rest of a bounded run. This target keeps, per
    :func:`signature`, the smallest input seen so far (``<dir>/<signature>.bin``,
    with its traceback in ``.txt``) and the first (``<signature>.first.bin``):
    one kind of failure can have several causes. It never raises.
    """

    def __init__(self, out: Path) -> None:
        self.out = out
        self.smallest: dict[str, int] = {}
        self.hits: dict[str, int] = {}

    def __call__(self, data: bytes) -> None:
        for name, exc in failures(data):
            sig = signature(exc)
            self.hits[sig] = self.hits.get(sig, 0) + 1
            if sig in self.smallest and self.smallest[sig] <= len(data):
                continue
            report = f"variant: {name}\n" + "".join(traceback.format_exception(exc))
            self.out.mkdir(parents=True, exist_ok=True)
            if sig not in self.smallest:
                print(f"\nNEW FAILURE {sig} (variant {name}): {str(exc)[:300]}", flush=True)
                (self.out / f"{sig}.first.bin").write_bytes(data)  # the smallest may be another bug of one kind
                (self.out / f"{sig}.first.txt").write_text(report, encoding="utf-8")
            else:
                print(f"\nsmaller input for {sig}: {len(data)} bytes ({self.hits[sig]} hits so far)", flush=True)
            self.smallest[sig] = len(data)
            (self.out / f"{sig}.bin").write_bytes(data)
            (self.out / f"{sig}.txt").write_text(report, encoding="utf-8")


def seed_corpus(work: Path) -> int:
    """Copy the seeds (sample dumps, HTML snippets, regression files) into ``work``; return how many."""
    work.mkdir(parents=True, exist_ok=True)
    count = 0
    for path in sorted(SAMPLES.glob("*.txt")):
        shutil.copyfile(path, work / f"sample-{path.name}")
        count += 1
    for name, markup in HTML_SEEDS.items():
        (work / f"html-{name}.html").write_bytes(markup.encode("utf-8"))
        count += 1
    for name, markdown in MARKDOWN_SEEDS.items():
        (work / f"markdown-{name}.md").write_bytes(markdown.encode("utf-8"))
        count += 1
    for path in sorted(REGRESSIONS.glob("*")):
        if path.is_file() and path.name not in NOT_INPUTS:
            shutil.copyfile(path, work / f"regression-{path.name}")
            count += 1
    return count


def replay(paths: list[Path]) -> int:
    """Run the checks on files, without atheris; print one line per file; 1 if any failed."""
    failed = 0
    for path in paths:
        if path.name in NOT_INPUTS:
            continue
        try:
            check_input(path.read_bytes())
        except Exception as exc:
            failed += 1
            print(f"FAIL {path}: {type(exc).__name__}: {exc}")
        else:
            print(f"ok   {path}")
    return 1 if failed else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--time", type=int, default=600, help="seconds to fuzz (libFuzzer -max_total_time)")
    ap.add_argument("--max-len", type=int, default=8192, help="longest input libFuzzer generates, in bytes")
    ap.add_argument(
        "--work",
        type=Path,
        default=Path("/tmp/newsclean-fuzz"),
        help="working corpus and crash directory (outside the repository)",
    )
    ap.add_argument(
        "--keep-going", action="store_true", help="record each distinct failure in <work>/failures/ and go on fuzzing"
    )
    ap.add_argument("--replay", type=Path, nargs="+", metavar="FILE", help="check these files and exit")
    args, libfuzzer_args = ap.parse_known_args()
    sys.path.insert(0, str(REPO_ROOT))
    if args.replay:
        return replay(args.replay)

    import atheris

    with atheris.instrument_imports(include=["newsclean"]):
        import newsclean
        import newsclean.decode
        import newsclean.unicode
    newsclean.clean("Warm up: load the lexicons and the scorer before fuzzing starts.")

    corpus = args.work / "corpus"
    seeds = seed_corpus(corpus)
    print(f"fuzzing {args.time} s from {seeds} seeds in {corpus}; crashes go to {args.work}/", flush=True)
    argv = [
        sys.argv[0],
        str(corpus),
        f"-max_total_time={args.time}",
        f"-max_len={args.max_len}",
        f"-artifact_prefix={args.work}/",
        *libfuzzer_args,
    ]
    target: Callable[[bytes], None] = check_input
    if args.keep_going:
        survey = Survey(args.work / "failures")
        target = survey  # libFuzzer ends the process without running atexit hooks: the files are the report
    atheris.Setup(argv, target)
    atheris.Fuzz()  # never returns: libFuzzer exits the process, non-zero on a crash
    return 0


if __name__ == "__main__":
    sys.exit(main())

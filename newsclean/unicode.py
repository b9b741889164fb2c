"""Stage 1, Unicode repair: make the text what its author typed.

Scraped text arrives with mojibake (``cafÃ©``), HTML entities (``&amp;``),
control and zero-width characters, odd spaces and mixed line breaks. This stage
undoes that damage and reports what it did, as a tuple of
:class:`~newsclean.document.Repair` counts.

ftfy does the mojibake repair, with the options that would damage CJK or
typographic text turned off, each for a reason:

* ``uncurl_quotes=False``: Chinese and Japanese use “ ” and 「 」 as real
  punctuation; turning them into ASCII ``"`` changes the text.
* ``fix_character_width=False``: full-width punctuation (``，：！？``) is the
  normal punctuation of CJK text, not a width accident.
* ``unescape_html=False``: entities are decoded here instead, to a fixed point
  (``&amp;amp;`` and ``&amp;`` give the same result), which keeps
  ``clean()`` idempotent.

ftfy runs only on lines that contain a non-ASCII character: mojibake cannot
exist in pure ASCII, and skipping those lines makes this stage several times
cheaper on English text.

The cheap, character-level repairs (line breaks, controls, zero-width
characters, odd spaces, bidi controls) are single regular-expression passes over
character classes, linear in the input.
"""

from __future__ import annotations

import html
import itertools
import re
import unicodedata
from collections.abc import Sequence

import ftfy
import ftfy.bad_codecs  # registers "sloppy-windows-1252", the codec browsers decode with
import ftfy.badness
import ftfy.chardata

from .document import Repair

__all__ = ["repair", "repair_could_change"]

_FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    uncurl_quotes=False,
    fix_character_width=False,
    fix_line_breaks=False,  # done below, over the whole text, before lines are split
    normalization="NFC",
    explain=True,
)

# \r\n and \r become \n before anything else (ftfy works line by line).
_CR_RX = re.compile(r"\r\n?")
# The other line terminators (VT, FF, LS, PS, and a NEL that ftfy left as it
# is) become \n once mojibake is repaired.
_LINE_BREAK_RX = re.compile(r"[\x0b\x0c\x85\u2028\u2029]")
#: Every sequence :func:`repair` may turn into one ``\n`` (``_CR_RX``, then ``_LINE_BREAK_RX``).
REPAIR_BREAKS_RX = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")
# C0 controls except tab and newline, and DEL. C1 controls are left to ftfy,
# which needs them to recognise Windows-1252 mojibake.
_CONTROL_RX = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufff9-\ufffc]")
# Invisible characters that carry no text. ZWJ and ZWNJ are kept: they matter
# in Persian, Indic scripts and emoji sequences.
_ZERO_WIDTH = "\u200b\u2060\ufeff\u180e"
_ZERO_WIDTH_RX = re.compile(f"[{_ZERO_WIDTH}\u00ad]")
# ... but a soft hyphen right after what a byte of mis-decoded UTF-8 reads as (Latin-1's upper half,
# Windows-1252's 0x80-0x9F) may be the byte 0xAD of that character ("Î\u00ad" is "έ", "ã\x83\u00ad"
# is "ロ"): it waits until ftfy has read the line (_SHY_RX removes what is left of them then).
_CP1252_HIGH = re.escape(bytes(range(0x80, 0xA0)).decode("sloppy-windows-1252"))
_ZERO_WIDTH_BUT_BYTE_RX = re.compile(f"[{_ZERO_WIDTH}]|(?<![\u0080-\u00ff{_CP1252_HIGH}])\u00ad")
_SHY_RX = re.compile("\u00ad")
# Bidi embeddings, overrides and isolates: display controls, not text.
_BIDI_RX = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
# The Unicode spaces that are not U+0020 (NBSP, thin, ideographic ...); tabs stay: they separate
# the cells of a table row (chars.CELL_SEP), and every stage collapses white space around them.
_ODD_SPACE_RX = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# A character reference with its semicolon. Legacy references without one
# (``&copy``) are left alone: in plain text they are more often ``R&D``-style
# text than entities.
_ENTITY_RX = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# Chains of escaped ampersands (``&amp;amp;amp;``) collapse to one ``&`` first,
# so one decoding pass reaches the fixed point.
_AMP_CHAIN_RX = re.compile(r"&(?:amp;|#0*38;|#[xX]0*26;)+", re.IGNORECASE)
# ftfy reports a mojibake repair as the encode/decode steps it took, or as one
# of these fixes of mis-decoded UTF-8.
_DECODING_ACTIONS = frozenset({"encode", "decode", "transcode"})
_MOJIBAKE_FIXES = frozenset(
    {"decode_inconsistent_utf8", "restore_byte_a0", "replace_lossy_sequences", "fix_c1_controls"}
)
_MAX_FTFY_ROUNDS = 3
# Legacy CJK encodings read as Latin-1: tried in this order, the fewest errors wins.
_LEGACY_CJK_ENCODINGS = ("gb18030", "big5", "shift_jis", "euc_kr", "euc_jp")
#: Byte pairs a Python codec maps to a private-use character where the pages' own
#: encoding (Windows' GBK, cp936) has a real one: GBK 0xA3A0 is the ideographic space
#: Chinese pages indent paragraphs with.
_LEGACY_FIXES = {"gb18030": str.maketrans({"\ue5e5": "\u3000"})}
_LEGACY_MIN_CHARS = 40
_LEGACY_LATIN1_SHARE = 0.95
_LEGACY_CJK_SHARE = 0.8
_LEGACY_MAX_ERRORS = 0.02
_LEGACY_PAIRED_SHARE = 0.8
_HIGH_RUN_RX = re.compile(r"[\u0080-\u00ff]{2,}")
_NON_ASCII_RX = re.compile(r"[^\x00-\x7f]")
_LATIN1_HIGH_RX = re.compile(r"[\u0080-\u00ff]")
_WIDE_RX = re.compile(r"[\u3000-\U0010ffff]")
#: Rounds of invisible-character removal and entity decoding (each round must change something).
_MAX_ENTITY_ROUNDS = 8
_SURROGATE_RX = re.compile(r"[\ud800-\udfff]")
#: What a legacy CJK page's bytes cannot hold: C0 controls (never a trail byte there),
#: and the invisible characters outside Latin-1 (no single byte reads as them).
_LEGACY_NOISE_RX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u180e\u200b\u2060\ufeff\u202a-\u202e\u2066-\u2069]")
_PRIVATE_USE_RX = re.compile(r"[\ue000-\uf8ff\U000f0000-\U0010ffff]")


def repair(text: str) -> tuple[str, tuple[Repair, ...]]:
    """Repair ``text``; return the repaired text and what was repaired.

    >>> repair("caf\u00c3\u00a9 &amp; cr\u00e8me\u200b")[0]
    'café & crème'
    """
    counts: dict[str, int] = {}

    # Mojibake goes first, on the text as it came: the characters the later
    # passes remove or rewrite (the soft hyphen U+00AD, NEL U+0085, NBSP, C1
    # controls) are bytes of mis-decoded UTF-8 (0xAD is in 中 and ロ, 0x85 in
    # many kana), and removing one leaves the character around it garbled for good.
    # A legacy CJK page read as Latin-1 is tested before ftfy runs, on its
    # bytes as they came (0xAD and 0x85 are trail bytes there too): ftfy would
    # take a few of its byte pairs for UTF-8 (``Ð¹`` -> ``й``) and spoil the rest.
    text = _count_sub(_CR_RX, "\n", text, "line_breaks", counts)
    settled: set[str] = set()
    # Inserted characters that cannot be bytes of the page (controls, zero-width
    # and bidi characters outside Latin-1) would shift the byte pairs: the test
    # reads the text without them.
    # A soft hyphen is a byte there (0xAD) or one inserted: the reading with
    # fewer errors, with or without them, decides.
    quiet = _LEGACY_NOISE_RX.sub("", text)
    readings = [r for r in (_legacy_decoding(quiet), _legacy_decoding(quiet.replace("\u00ad", ""))) if r]
    if readings:
        _count_sub(_LEGACY_NOISE_RX, "", text, "control_chars", counts)
        counts["legacy_cjk_encoding"] = counts.get("legacy_cjk_encoding", 0) + 1
        text = min(readings, key=lambda r: r[0])[1]
    else:
        # In a text that may still be one (the test is repeated once invisible
        # characters are gone), only lines whose bytes are UTF-8 go to ftfy now.
        text = _fix_mojibake(text, counts, settled, tidy=False, only_utf8=_legacy_candidate(text) > 0)
    # Invisible characters go before entities are decoded: "&\u200bamp;" must
    # decode in this pass, or a second pass would find "&amp;" and change it.
    # ... and again after: an entity can encode an invisible character
    # ("&#8203;"), and removing one can complete an entity ("&am&#8203;p;").
    for _ in range(_MAX_ENTITY_ROUNDS):
        before = text
        text = _decode_entities(_remove_invisibles(text, counts, bytes_wait=True), counts)
        if text == before:
            break
    text = _fix_legacy_cjk(text, counts)
    # Odd spaces go before ftfy too, so that ftfy sees the text a second pass
    # would see (ftfy's restore_byte_a0 expects NBSP already turned to a space).
    text = _count_sub(_ODD_SPACE_RX, " ", text, "odd_spaces", counts)
    for _ in range(_MAX_FTFY_ROUNDS):
        # Lines the first pass left at ftfy's fixed point, and unchanged since, are skipped.
        fixed = _count_sub(_SHY_RX, "", _fix_mojibake(text, counts, settled), "zero_width", counts)
        if fixed == text:
            break
        # What ftfy decodes can be what the steps before it repair (Latin-1 that
        # reads as a legacy CJK encoding): repeat them, so a second repair is a no-op.
        text = _count_sub(_ODD_SPACE_RX, " ", _fix_legacy_cjk(fixed, counts), "odd_spaces", counts)
    text = _fix_page_misread(text, counts)
    text = _replace_lone_surrogates(text, counts)
    return text, tuple(Repair(name, n) for name, n in sorted(counts.items()))


def repair_could_change(text: str, changed_lines: Sequence[str]) -> bool:
    """A cheap, conservative test: False only when :func:`repair` returns ``text`` unchanged.

    ``text`` is made of lines that were repaired already; ``changed_lines`` are
    those that were not single repaired lines as they stand (joined from
    several, or with white space collapsed). Only an entity formed where lines
    met, the whole-text legacy-encoding test, or ftfy on a changed line can
    change such a text.
    """
    if "&" in text and _ENTITY_RX.search(text):
        return True
    if _legacy_candidate(text):
        return True
    return any(
        not line.isascii() and (_ftfy_would_change(line) or _ftfy_would_change(line + "\n")) for line in changed_lines
    )


def _remove_invisibles(text: str, counts: dict[str, int], *, bytes_wait: bool = False) -> str:
    """Line breaks to ``\\n``; controls, zero-width and bidi characters removed (with
    ``bytes_wait``, not a soft hyphen that may be a byte of mojibake: see _ZERO_WIDTH_BUT_BYTE_RX)."""
    text = _count_sub(_LINE_BREAK_RX, "\n", text, "line_breaks", counts)
    text = _count_sub(_CONTROL_RX, "", text, "control_chars", counts)
    text = _count_sub(_ZERO_WIDTH_BUT_BYTE_RX if bytes_wait else _ZERO_WIDTH_RX, "", text, "zero_width", counts)
    return _count_sub(_BIDI_RX, "", text, "bidi_controls", counts)


def _count_sub(rx: re.Pattern[str], repl: str, text: str, name: str, counts: dict[str, int]) -> str:
    new, n = rx.subn(repl, text)
    if n:
        counts[name] = counts.get(name, 0) + n
    return new


def _decode_entities(text: str, counts: dict[str, int]) -> str:
    if "&" not in text:
        return text
    text, chains = _AMP_CHAIN_RX.subn("&", text)

    def one(m: re.Match[str]) -> str:
        return html.unescape(m.group())

    new, n = _ENTITY_RX.subn(one, text)
    if n + chains:
        counts["html_entities"] = counts.get("html_entities", 0) + n + chains
    return new


def _legacy_candidate(text: str) -> int:
    """The number of non-ASCII characters if ``text`` may be CJK read as Latin-1, else 0."""
    if text.isascii():
        return 0
    non_ascii = len(text) - len(_NON_ASCII_RX.sub("", text))
    if non_ascii < _LEGACY_MIN_CHARS:
        return 0
    latin1 = len(text) - len(_LATIN1_HIGH_RX.sub("", text))
    if latin1 < _LEGACY_LATIN1_SHARE * non_ascii:
        return 0
    # A CJK character takes two high bytes, so mojibake comes in runs of
    # accented letters; German or French text has them one at a time (ä, é).
    paired = sum(len(run) for run in _HIGH_RUN_RX.findall(text))
    if paired < _LEGACY_PAIRED_SHARE * non_ascii:
        return 0
    return non_ascii


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _mostly_utf8(text: str) -> bool:
    """Whether ``text``'s Windows-1252 bytes are mostly well-formed UTF-8 sequences.

    A legacy CJK encoding's byte pairs seldom are (UTF-8 needs a lead byte
    from C2-F4 and continuation bytes from 80-BF, a GBK trail byte ranges over
    40-FE); mojibake of UTF-8 nearly always is, even with a clean line or a
    lost byte among it.
    """
    decoded = text.encode("sloppy-windows-1252", errors="replace").decode("utf-8", errors="replace")
    errors = decoded.count("\ufffd")
    return len(decoded) - len(_NON_ASCII_RX.sub("", decoded)) - errors >= errors


def _utf8_misread(line: str) -> bool:
    """Whether ``line`` is UTF-8 read as Latin-1 or (as browsers read it) Windows-1252, whole."""
    return _misread_bytes(line) is not None


def _misread_bytes(line: str) -> bytes | None:
    """``line``'s Latin-1 or Windows-1252 bytes, if they are UTF-8; else None."""
    for codec in ("latin-1", "sloppy-windows-1252"):
        try:
            data = line.encode(codec)
        except UnicodeEncodeError:
            continue
        if _is_utf8(data):
            return data
    return None


#: Lines ftfy repaired in a text before its other lines are read with the page's evidence.
_PAGE_MISREAD_MIN_REPAIRS = 2


def _fix_page_misread(text: str, counts: dict[str, int]) -> str:
    """Lines ftfy leaves, in a text that ftfy showed to be UTF-8 read as Windows-1252.

    ftfy judges one line at a time, and a short line can look plausible both
    ways (``Åšwiat``, ``GOURMETâ„¢``): it keeps those as they are. When ftfy
    repaired several lines of the same text, the page was mis-decoded as a
    whole, and a line whose Windows-1252 (or Latin-1) bytes are UTF-8 is
    decoded too. A clean line seldom qualifies: every non-ASCII character in it
    would have to pair up into UTF-8 sequences.
    """
    if counts.get("mojibake", 0) < _PAGE_MISREAD_MIN_REPAIRS or text.isascii():
        return text
    lines = text.split("\n")
    changed = 0
    for i, line in enumerate(lines):
        if line.isascii():
            continue
        data = _misread_bytes(line)
        if data is None:
            continue
        decoded = data.decode("utf-8")
        if _PRIVATE_USE_RX.search(decoded) or any(unicodedata.category(c) in ("Cc", "Cn") for c in decoded if c > "~"):
            continue  # a reading that invents characters no text holds is no evidence of one
        fixed = _ODD_SPACE_RX.sub(" ", _remove_invisibles(unicodedata.normalize("NFC", decoded), counts))
        if fixed != line:
            lines[i] = fixed
            changed += 1
    if not changed:
        return text
    counts["mojibake"] += changed
    return "\n".join(lines)


def _fix_legacy_cjk(text: str, counts: dict[str, int]) -> str:
    """Undo a CJK page in a legacy encoding (GBK, Big5, Shift_JIS, EUC) read as Latin-1.

    ftfy repairs UTF-8 read as a single-byte encoding; a Chinese page in GB18030
    read as Latin-1 (``ÒÕÊõÊ·ÑÐ¾¿``) is a different accident, common on older
    sites with a wrong or missing charset. When nearly every non-ASCII
    character of the text is in the Latin-1 range, the bytes are decoded again
    with each legacy CJK encoding; the one with the fewest errors wins if it
    turns the text into mostly CJK characters.
    """
    found = _legacy_decoding(text)
    if found is None:
        return text
    counts["legacy_cjk_encoding"] = counts.get("legacy_cjk_encoding", 0) + 1
    return found[1]


def _legacy_decoding(text: str) -> tuple[float, str] | None:
    """``(errors per non-ASCII character, decoded text)`` of :func:`_fix_legacy_cjk`'s best reading, if one passes."""
    non_ascii = _legacy_candidate(text)
    if not non_ascii:
        return None
    raw = text.encode("latin-1", errors="replace")
    if _mostly_utf8(text):
        # UTF-8 read as Latin-1 or Windows-1252 (ftfy's case): GB18030 would read
        # such bytes as Han with private-use characters that are nowhere in the
        # input, Shift_JIS German "fÃ¼r" as half-width katakana.
        return None
    best: tuple[int, str] | None = None
    for encoding in _LEGACY_CJK_ENCODINGS:
        decoded = raw.decode(encoding, errors="replace").translate(_LEGACY_FIXES.get(encoding, {}))
        # A private-use character is a byte pair the encoding maps to nothing
        # a text holds: as much an error as a replacement character.
        errors = decoded.count("\ufffd") + len(_PRIVATE_USE_RX.findall(decoded))
        wide = len(_WIDE_RX.findall(decoded))
        if wide >= _LEGACY_CJK_SHARE * non_ascii / 2 and (best is None or errors < best[0]):
            best = (errors, decoded)
    if best is None or best[0] > _LEGACY_MAX_ERRORS * non_ascii:
        return None
    return best[0] / non_ascii, best[1]


#: Characters some ftfy fixer (other than the mojibake decoder) changes: C1
#: controls, ligatures, surrogates, terminal escapes and ftfy's control
#: characters, taken from ftfy's own tables so that the test stays exact.
_FTFY_TOUCHES_RX = re.compile(
    "[\x1b\x80-\x9f\ud800-\udfff"
    + "".join(re.escape(chr(c)) for c in sorted(set(ftfy.chardata.LIGATURES) | set(ftfy.chardata.CONTROL_CHARS)))
    + "]"
)


def _badness_chars() -> str:
    """Every non-ASCII character ftfy's mojibake pattern mentions (ranges expanded).

    Each alternative of that pattern needs at least one of them, so a line
    without any cannot be "bad"; finding one is a cheap character-class scan.
    Taking more characters than needed only makes the test less often decisive.
    """
    pattern = ftfy.badness.BADNESS_RE.pattern
    chars = {c for c in pattern if ord(c) > 127}
    for lo, hi in re.findall(r"(.)-(.)", pattern):
        if ord(hi) > 127 and ord(lo) <= ord(hi):
            chars.update(chr(i) for i in range(max(ord(lo), 128), ord(hi) + 1))
    return "".join(sorted(chars - set(_TYPOGRAPHIC)))


#: Curly quotes, dashes, the ellipsis and the bullet: everywhere in clean text,
#: and never enough for ftfy's pattern without a rarer character beside them
#: (checked for every string of up to four characters of these and ASCII
#: punctuation and letters; the equivalence test in tests/test_unicode.py
#: covers longer ones).
_TYPOGRAPHIC = "‘’“”–—…•"


_BADNESS_CHARS_RX = re.compile("[" + re.escape(_badness_chars()) + "]")


def _mojibake_shape() -> re.Pattern[str] | None:
    """A cheap pattern that every match of ftfy's mojibake pattern contains.

    Nearly every alternative of ``ftfy.badness.BADNESS_RE`` needs two adjacent
    characters that are both non-ASCII (``Ã©``, ``â€``); the few that can
    match with one (C1 controls, ``Œœ``, ``Â`` / ``Ã`` before a space) name
    that character. So a line with no such pair and none of those characters
    cannot be "bad", and the test is a scan for two adjacent characters from
    one class, several times cheaper than ftfy's alternation on accented
    Latin text (German, Polish, French: one accented letter between ASCII
    ones). The pattern is derived from ftfy's own, so it follows ftfy's
    releases; if its structure is not what this expects, ``None`` keeps the
    full test.
    """
    try:
        try:
            from re import _parser as sre  # type: ignore[attr-defined]
        except ImportError:  # Python 3.10
            import sre_parse as sre
        from re import _constants as sc  # type: ignore[attr-defined]
    except ImportError:
        try:
            import sre_constants as sc
        except ImportError:
            return None
    try:
        parsed = sre.parse(ftfy.badness.BADNESS_RE.pattern, ftfy.badness.BADNESS_RE.flags)
        tree = parsed.data
        if parsed.state.flags & re.IGNORECASE or len(tree) != 1 or tree[0][0] != sc.BRANCH:
            return None
        singles: set[str] = set()
        pairs: set[str] = set()
        for branch in tree[0][1][1]:
            sets = [_item_chars(item, sc) for item in branch.data]
            wide = [s is not None and bool(s) and min(s) > "\x7f" for s in sets]
            paired = any(a and b for a, b in itertools.pairwise(wide))
            chosen = [s for s, w in zip(sets, wide, strict=True) if w and s is not None]
            if not chosen:
                return None  # an alternative that needs no non-ASCII character: no shortcut
            (pairs if paired else singles).update(*chosen)
    except Exception:  # a private parser: any surprise means "no shortcut"
        return None
    return re.compile("[" + re.escape("".join(sorted(singles))) + "]|[" + re.escape("".join(sorted(pairs))) + "]{2}")


def _item_chars(item: tuple[object, object], sc: object) -> set[str] | None:
    """The characters one parsed regex item can match, or None if it is not a plain set."""
    op, arg = item
    if op == sc.LITERAL:  # type: ignore[attr-defined]
        return {chr(arg)}  # type: ignore[arg-type]
    if op != sc.IN:  # type: ignore[attr-defined]
        return None
    chars: set[str] = set()
    for kind, value in arg:  # type: ignore[attr-defined]
        if kind == sc.LITERAL:  # type: ignore[attr-defined]
            chars.add(chr(value))
        elif kind == sc.RANGE:  # type: ignore[attr-defined]
            chars.update(chr(i) for i in range(value[0], value[1] + 1))
        else:  # NEGATE, CATEGORY: not a plain set
            return None
    return chars


_MOJIBAKE_SHAPE_RX = _mojibake_shape()


def _ftfy_would_change(line: str) -> bool:
    """Whether ftfy (with :data:`_FTFY_CONFIG`) can change ``line``.

    Most non-ASCII lines are fine, and ftfy's own first test is cheap (its
    mojibake decoder does nothing to text that ``is_bad`` clears); the rest of
    a ``fix_and_explain`` call costs several times that. Checking the same
    preconditions here and skipping the call halves the repair stage, with the
    same output (``tests/test_unicode.py`` checks the equivalence).
    """
    return (
        (
            _BADNESS_CHARS_RX.search(line) is not None
            and (_MOJIBAKE_SHAPE_RX is None or _MOJIBAKE_SHAPE_RX.search(line) is not None)
            and ftfy.badness.is_bad(line)
        )
        or _FTFY_TOUCHES_RX.search(line) is not None
        or not unicodedata.is_normalized("NFC", line)
    )


def _fix_mojibake(
    text: str, counts: dict[str, int], settled: set[str], *, tidy: bool = True, only_utf8: bool = False
) -> str:
    """Run ftfy line by line on the lines that are not pure ASCII.

    ``settled`` holds lines known to be at ftfy's fixed point (ftfy would not
    change them); it is read to skip them and filled with the lines checked
    here. With ``tidy`` a repaired line also loses what the earlier passes
    remove (mojibake of a bidi override, "â€®", decodes to U+202E). With
    ``only_utf8`` a line is repaired only if its Latin-1 or Windows-1252
    bytes are UTF-8 (the others are left for later, not marked settled).
    """
    if text.isascii():
        return text
    lines = text.split("\n")
    last = len(lines) - 1
    for i, bare in enumerate(lines):
        if bare.isascii():
            continue
        # ftfy.fix_text reads each line with its line break ("ÃŒ\n" is mojibake
        # of "Ì\n" to it, "ÃŒ" alone is not): so does this.
        line = bare + "\n" if i < last else bare
        if line in settled or (only_utf8 and not _utf8_misread(bare)):
            continue
        if not _ftfy_would_change(line):
            settled.add(line)
            continue
        fixed, steps = ftfy.fix_and_explain(line, _FTFY_CONFIG)
        if fixed == line:
            settled.add(line)
            continue
        # A repair can reveal more (mojibake of mojibake); repeat to a fixed
        # point so that repairing the result again changes nothing.
        steps = list(steps or ())
        for _ in range(_MAX_FTFY_ROUNDS):
            again, more = ftfy.fix_and_explain(fixed, _FTFY_CONFIG)
            if again == fixed:
                settled.add(fixed)
                break
            fixed = again
            steps.extend(more or ())
        if i < last and fixed.endswith("\n"):
            fixed = fixed[:-1]
        lines[i] = _ODD_SPACE_RX.sub(" ", _remove_invisibles(fixed, counts)) if tidy else fixed
        for action, step in steps:
            mojibake = action in _DECODING_ACTIONS or step in _MOJIBAKE_FIXES
            name = "mojibake" if mojibake else step.lower()
            counts[name] = counts.get(name, 0) + 1
    return "\n".join(lines)


def _replace_lone_surrogates(text: str, counts: dict[str, int]) -> str:
    """Lone surrogates cannot be encoded; U+FFFD keeps the position visible."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _count_sub(_SURROGATE_RX, "\ufffd", text, "lone_surrogates", counts)
    return text

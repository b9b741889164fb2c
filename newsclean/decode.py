"""Stage 0, input: bytes to text, and HTML to the text of its blocks.

Bytes are decoded by evidence, strongest first: a byte-order mark; the escape
sequences of ISO-2022-JP, ISO-2022-KR or HZ (7-bit, so they would pass as UTF-8); valid UTF-8;
UTF-16 without a mark (every other byte NUL); a ``<meta charset>`` declaration
that actually decodes the bytes (codecs that are not web text encodings, such as
``unicode_escape``, and EBCDIC are refused); charset-normalizer's guess; and finally
Windows-1252 with replacement characters, which always succeeds. Undecodable
bytes therefore never raise: they become U+FFFD.

HTML becomes text with one line per block element (paragraph, heading, list
item, table cell, ...), and scripts, styles and other non-text elements
dropped; the text pipeline then cleans it like any dump.
"""

from __future__ import annotations

import codecs
import functools
import re
from typing import NamedTuple

from .bound import VOID, bound_markup
from .dom import html_segments
from .markdown import looks_like_markdown, markdown_text
from .meta import PageMeta

__all__ = ["DomRows", "PageText", "decode_bytes", "detect_format", "looks_like_html", "page_text", "plain_text"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET_RX = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)
_HTML_START_RX = re.compile(
    r"\s*(?:<!--.{0,500}?-->\s*)?<(?:!doctype\s+html|html[\s>]|head[\s>])", re.IGNORECASE | re.DOTALL
)
_TAG_NAMES = (
    r"(?:p|div|br|span|a|body|head|html|meta|link|title|style|script|noscript|li|ul|ol|table|tr|td|h[1-6]"
    r"|article|section|header|footer|nav|main|aside|figure|form|input|iframe|img|em|strong|b|i)\b[^<>]{0,300}>"
)
_TAG_RX = re.compile("<" + _TAG_NAMES, re.IGNORECASE)
#: Start and end tags: what makes a fragment that opens with a tag markup.
_START_OR_END_TAG_RX = re.compile("</?" + _TAG_NAMES, re.IGNORECASE)
_SNIFF_CHARS = 4096
_SNIFF_FRAGMENT_CHARS = 65_536
#: Encodings in the order of how common they are on the web, for breaking ties.
_WEB_PREVALENCE = {
    name: rank
    for rank, name in enumerate(
        (
            "utf_8",
            "cp1252",
            "gb18030",
            "gbk",
            "big5",
            "shift_jis",
            "euc_kr",
            "euc_jp",
            "cp1251",
            "iso8859_2",
            "cp1250",
            "iso8859_15",
            "cp1256",
            "cp1254",
            "iso8859_9",
            "koi8_r",
            "cp1253",
            "cp1257",
            "tis_620",
        )
    )
}
_TIE = 0.01
_MIN_TAGS = 3
#: Start and end tags in a text that opens with one: "<p>One paragraph.</p>" is markup.
_MIN_FRAGMENT_TAGS = 2
#: Tags in the first kilobytes that make text HTML even when it does not start with one.
_DENSE_TAGS = 20


def decode_bytes(data: bytes) -> str:
    """Decode bytes of unknown encoding; never raises."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    seven_bit = _seven_bit_cjk(data)
    if seven_bit is not None:
        return seven_bit
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    head = data[:_SNIFF_CHARS]
    if len(head) >= 4 and head[1::2].count(0) > len(head) // 4 and head[0::2].count(0) == 0:
        return data.decode("utf-16-le", errors="replace")
    if len(head) >= 4 and head[0::2].count(0) > len(head) // 4 and head[1::2].count(0) == 0:
        return data.decode("utf-16-be", errors="replace")
    declared = _META_CHARSET_RX.search(head)
    if declared is not None:
        encoding = declared.group(1).decode("ascii", "ignore")
        text = _try_decode(data, encoding)
        if text is not None:
            return _overruled(data, text, _codec(encoding))
    guessed = _charset_normalizer_guess(data)
    if guessed is not None:
        return guessed
    return data.decode("cp1252", errors="replace")


#: Escape sequences of the 7-bit CJK encodings (all ASCII bytes, so they read as UTF-8 otherwise).
_SEVEN_BIT_ESCAPES = (
    (re.compile(rb"\x1b\$[@B]|\x1b\$\([ABCDQ]|\x1b\(J|\x1b\(I"), "iso2022_jp_2"),
    (re.compile(rb"\x1b\$\)C"), "iso2022_kr"),
    (re.compile(rb"~\{[\x21-\x7e]{2}"), "hz"),
)
#: Declared charsets that are refused: codecs that are not text encodings of a
#: web page (they turn ``\N{BOMB}`` into a bomb, or decode anything), and EBCDIC,
#: which no web page uses but which decodes any bytes into garbage.
_REFUSED_CODECS = frozenset(
    {
        "unicode_escape",
        "raw_unicode_escape",
        "unicode_internal",
        "punycode",
        "idna",
        "undefined",
        "utf_7",
        "base64",
        "hex",
        "quopri",
        "uu",
        "zlib",
        "bz2",
        "rot_13",
        "cp037",
        "cp273",
        "cp424",
        "cp500",
        "cp875",
        "cp1026",
        "cp1140",
    }
)


#: Chinese declarations (their codecs decode Japanese and Korean bytes too, into Han).
_CHINESE_CODECS = frozenset({"gbk", "gb2312", "gb18030", "big5", "big5hkscs", "cp936", "cp950"})
_HIRAGANA_RX = re.compile(r"[\u3040-\u309f]")
_HALFWIDTH_KANA_RX = re.compile(r"[\uff61-\uff9f]")
_HANGUL_RX = re.compile(r"[\uac00-\ud7af]")
#: The most frequent syllables of Korean text (particles, endings, 이/하/대...): a quarter
#: of its syllables; Chinese bytes read as EUC-KR spread over two thousand syllables.
_COMMON_HANGUL_RX = re.compile("[이다는의에을하고지가를한로서기으도사리자수인대해적시정일부]")
_WIDE_CHAR_RX = re.compile(r"[\u3000-\u9fff\uac00-\ud7af\uf900-\uffef]")
#: Shares that make the bytes Japanese or Korean whatever the declaration says.
_KANA_SHARE = 0.2
_HALFWIDTH_KANA_SHARE = 0.05
_COMMON_HANGUL_SHARE = 0.15
_MIN_WIDE = 20


def _codec(encoding: str) -> str | None:
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return None


def _overruled(data: bytes, declared: str, codec: str | None) -> str:
    """``declared`` (the page decoded as its ``<meta charset>`` says), unless the bytes contradict it.

    A Chinese codec decodes Shift_JIS and EUC-KR bytes without an error, into
    Han nobody wrote. A page declared Chinese is read as Shift_JIS when that
    decoding is whole and a fifth of it is hiragana (Chinese bytes read as
    Shift_JIS give half-width katakana, not hiragana), and as EUC-KR when that
    decoding is whole and its Hangul is made of Korean's most frequent syllables.
    """
    if codec not in _CHINESE_CODECS or len(_WIDE_CHAR_RX.findall(declared, 0, _SNIFF_FRAGMENT_CHARS)) < _MIN_WIDE:
        return declared
    japanese = _try_decode(data, "shift_jis")
    if japanese is not None:
        wide = max(1, len(_WIDE_CHAR_RX.findall(japanese)))
        if (
            len(_HIRAGANA_RX.findall(japanese)) >= _KANA_SHARE * wide
            and len(_HALFWIDTH_KANA_RX.findall(japanese)) < _HALFWIDTH_KANA_SHARE * wide
        ):
            return japanese
    korean = _try_decode(data, "euc_kr")
    if korean is not None:
        hangul = len(_HANGUL_RX.findall(korean))
        if hangul >= 0.5 * len(_WIDE_CHAR_RX.findall(korean)) and (
            len(_COMMON_HANGUL_RX.findall(korean)) >= _COMMON_HANGUL_SHARE * hangul
        ):
            return korean
    return declared


def _seven_bit_cjk(data: bytes) -> str | None:
    """ISO-2022-JP, ISO-2022-KR or HZ text, decoded, when its escape sequences are there and it decodes whole."""
    head = data[:_SNIFF_FRAGMENT_CHARS]
    if not head.isascii() or (b"\x1b" not in head and b"~{" not in head):
        return None
    for rx, encoding in _SEVEN_BIT_ESCAPES:
        if rx.search(head):
            try:
                return data.decode(encoding)
            except UnicodeError:
                continue
    return None


def _try_decode(data: bytes, encoding: str) -> str | None:
    """``data`` decoded as its declared ``encoding``, or None if that is no web page's encoding or fails."""
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        return None
    if info.name.replace("-", "_") in _REFUSED_CODECS or not getattr(info, "_is_text_encoding", True):
        return None
    try:
        return data.decode(info.name)
    except UnicodeError:  # UnicodeDecodeError, and the plain UnicodeError of codecs such as "undefined"
        return None


def _charset_normalizer_guess(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data[:200_000]))
    if not matches:
        return None
    best = matches[0]
    # Equally plausible guesses (a short French page fits cp1250 as well as
    # cp1252) are settled by how common each encoding is on the web.
    tied = [m for m in matches if m.chaos <= best.chaos and m.coherence >= best.coherence - _TIE]
    chosen = min(tied, key=lambda m: (_WEB_PREVALENCE.get(m.encoding, len(_WEB_PREVALENCE)), m.encoding))
    return data.decode(chosen.encoding, errors="replace")


#: Pages with more tags than this are read without building a DOM.
#: (With the markup bounded first, the tree builder is linear: the limit only keeps
#: the memory of one huge tree in check. It was 60,000 while Lexbor's cost on deep
#: nesting grew faster than linearly; the switch of path at that size cost more
#: per tag than either path, so inputs just past it took superlinear time.)
MAX_DOM_TAGS = 500_000
_BLOCK_TAG_RX = re.compile(
    r"</?(?:p|div|br|li|ul|ol|dl|dt|dd|h[1-6]|table|tr|td|th|blockquote|pre|section|article|header|footer|nav"
    r"|aside|main|figure|figcaption|form|hr|title)\b[^<>]{0,2000}>",
    re.IGNORECASE,
)
_ANY_TAG_RX = re.compile(r"<[^<>]{0,2000}>")


#: What the DOM-less scan skips whole: the elements the DOM walk drops
#: (:data:`newsclean.dom.DROP_TAGS`, those with content), and elements marked hidden.
_FLAT_SKIP_RX = re.compile(
    r"<(script|style|template|noscript|svg|math|select|textarea|iframe|object|canvas|button)(?=[\s/>])"
    r"|<([a-z][a-z0-9:-]*)(?=\s)[^<>]{0,2000}?(?:\shidden(?=[\s=/>])|aria-hidden\s*=\s*[\"']?true"
    r"|display\s*:\s*none|visibility\s*:\s*hidden)[^<>]{0,2000}>",
)


@functools.lru_cache(maxsize=256)
def _open_or_close_rx(name: str) -> re.Pattern[str]:
    return re.compile(f"<(/?){re.escape(name)}(?=[\\s/>])")


def _flat_text(markup: str) -> str:
    """Text of markup by one forward scan: dropped and hidden elements skipped whole,
    block tags to newlines, other tags to nothing.

    Each skipped element ends at its end tag (a hidden one at the end tag that
    balances it); the scan goes on after it, so no character is read twice.
    """
    low = markup.lower()
    parts = []
    pos = 0
    while True:
        m = _FLAT_SKIP_RX.search(low, pos)
        if m is None:
            parts.append(markup[pos:])
            break
        parts.append(markup[pos : m.start()])
        if m.group(1):
            end = low.find("</" + m.group(1), m.end())
        elif m.group(2) in VOID:
            end = m.end()
        else:
            end, depth = -1, 0
            for tag in _open_or_close_rx(m.group(2)).finditer(low, m.start()):
                depth += -1 if tag.group(1) else 1
                if depth == 0:
                    end = tag.start()
                    break
        if end < 0:
            break
        close = low.find(">", end)
        pos = len(markup) if close < 0 else close + 1
    text = _BLOCK_TAG_RX.sub("\n", "".join(parts))
    return _ANY_TAG_RX.sub("", text)


def looks_like_html(text: str) -> bool:
    """A doctype or ``<html>`` start; a fragment that starts with a tag and has
    several; or markup dense enough that it cannot be prose.

    A plain-text dump of an article about web development quotes a few tags
    (``<script>``, ``<div>``) in its prose; it starts with words and its tags
    are sparse, so it stays text.
    """
    head = text[:_SNIFF_CHARS]
    if _HTML_START_RX.match(head):
        return True
    start = head.lstrip()
    if _START_OR_END_TAG_RX.match(start):
        # A fragment that opens with an element (a CMS body, a feed item's
        # description): one element is markup. Look further than the head:
        # a page may open with kilobytes of inline CSS.
        return len(_START_OR_END_TAG_RX.findall(text, 0, _SNIFF_FRAGMENT_CHARS)) >= _MIN_FRAGMENT_TAGS
    if start[:1] == "<":
        # Opens with some other markup (an XML declaration, a comment).
        return len(_TAG_RX.findall(text, 0, _SNIFF_FRAGMENT_CHARS)) >= _MIN_TAGS
    return len(_TAG_RX.findall(head)) >= _DENSE_TAGS


#: One row of DOM features per line of a page's text (see :mod:`newsclean.dom`), or None for plain text.
DomRows = tuple[tuple[float, ...], ...] | None


class PageText(NamedTuple):
    """What the text pipeline reads, and what HTML input adds to it."""

    text: str
    rows: DomRows = None
    meta: PageMeta | None = None


def page_text(raw: str | bytes, input_format: str = "auto") -> PageText:
    """Bytes decoded, HTML (given or detected) turned into block text, with the
    DOM features of each line and the page's declared metadata when a DOM was built;
    Markdown (given or detected) turned into its text (:mod:`newsclean.markdown`).

    The markup is bounded first (:func:`newsclean.bound.bound_markup`: nesting
    depth, open formatting elements, attributes per tag), which keeps Lexbor's
    tree builder linear. Markup with more than :data:`MAX_DOM_TAGS` real tags
    (script bodies and comments do not count) is flattened without a DOM
    (:func:`_flat_text`): a real news page has a few thousand tags.
    """
    text = decode_bytes(bytes(raw)) if isinstance(raw, (bytes, bytearray, memoryview)) else raw
    kind = detect_format(text) if input_format == "auto" else input_format
    if kind == "html":
        bounded = bound_markup(text)
        if bounded.tags - bounded.dropped > MAX_DOM_TAGS:
            return PageText(_flat_text(text))
        page = html_segments(bounded.markup)
        return PageText(page.text, page.rows, page.meta)
    if kind == "markdown":
        return PageText(markdown_text(text))
    return PageText(text)


def detect_format(text: str) -> str:
    """What ``input_format="auto"`` reads ``text`` as: ``"html"``, ``"markdown"`` or ``"text"``."""
    if looks_like_html(text):
        return "html"
    return "markdown" if looks_like_markdown(text) else "text"


def plain_text(raw: str | bytes, input_format: str = "auto") -> str:
    """:func:`page_text` without the DOM features."""
    return page_text(raw, input_format)[0]

"""Stage 0 for Markdown: the text a reader of the rendered page would see.

Scrapers built for LLM pipelines (Jina Reader, Firecrawl, crawl4ai and their
kind) hand out pages as Markdown: the article's paragraphs, but with every
link as ``[text](https://...)``, images as ``![alt](...)``, emphasis as
``**bold**`` and headings as ``# Title``. Left in, that syntax puts URLs and
asterisks into the cleaned text and hides a heading's words behind a ``#``.

This module removes the syntax and keeps the words, line by line, so that the
text pipeline sees the same lines a dump of the rendered page would hold: a
link becomes its text, an image disappears (as in HTML input, where an
``<img>`` has no text), a heading keeps its words on its own line, list
bullets and quote markers go, and emphasis, inline code and backslash escapes
become plain text. Nothing is added, and every pattern runs in linear time:
each starts at a marker and scans a bounded span of characters that cannot
hold the next marker, and the three with a repeated group (quote markers,
rules, table delimiter rows) are anchored at the start of the line.

Links nested in a link's text (``[![logo](a.png)](/)``, ``[[a](b)](c)``) are
peeled layer by layer, up to :data:`_LINK_ROUNDS` layers; should the output
still read as Markdown, :func:`newsclean.api._settle_markup` cleans it again,
as it does for HTML.
"""

from __future__ import annotations

import itertools
import re

__all__ = ["looks_like_markdown", "markdown_text"]


def _address(stop: str) -> str:
    """A link's address up to a bracket, a parenthesis or ``stop``; it may hold one
    level of balanced parentheses (``/wiki/Mercury_(planet)``, ``javascript:print();``)."""
    return rf"(?:[^()\[\]{stop}]|\([^()\[\]{stop}]{{0,200}}\)){{0,2000}}"


#: A link's target in parentheses: the address, and a title after it if any.
_TARGET = r"\(" + _address(r"\n") + r"\)"
#: ``![alt](url "title")``: an image; dropped with its alt text, as an ``<img>`` is in HTML input.
#: The alt text may hold one level of brackets (``![[photo.jpg]](...)``).
_IMAGE_RX = re.compile(r"!\[(?:[^\[\]\n]|\[[^\[\]\n]{0,200}\]){0,1000}\]" + _TARGET)
#: ``[text](url "title")``: an inline link; its text stays.
_LINK_RX = re.compile(r"\[([^\[\]\n]{0,1000})\]" + _TARGET)
#: ``](data:image/png;base64,...)``: an address that holds a whole file (a logo, an icon),
#: often longer than the bound on addresses above; it is emptied first. The scan cannot
#: run into the next such address (it stops at brackets), so it is linear.
_DATA_URL_RX = re.compile(r"\]\(data:[^()\[\]\s]*\)")
#: ``](url "title")``: a link's title, which may hold brackets and parentheses
#: ("... Pancasila nya di mana [...]"); it is taken off first. A title runs from one
#: quote to the next, so no character is scanned by more than two attempts.
_LINK_TITLE_RX = re.compile(r"(\]\(" + _address(r"\s") + r""")[ \t]+(?:"[^"\n]{0,1000}"|'[^'\n]{0,1000}')(?=\))""")
#: Layers of links nested in links' text taken off per line (deeper ones: see the module's docstring).
_LINK_ROUNDS = 8
#: ``[text][ref]`` and ``[text][]``: a reference link; its text stays.
_REF_LINK_RX = re.compile(r"\[([^\[\]\n]{1,1000})\]\[[^\[\]\n]{0,200}\]")
#: ``<https://example.com>``: an autolink; the address is the text.
_AUTOLINK_RX = re.compile(r"<((?:https?|ftp)://[^<>\s]{1,2000}|[\w.+-]{1,64}@[\w.-]{1,255})>")
#: ``[ref]: https://...``: a reference definition, which a reader never sees ("[Update]: The
#: council said ..." is a line of text: the label must be followed by an address).
_REF_DEF_RX = re.compile(r"[ ]{0,3}\[[^\[\]\n]{1,200}\]:[ \t]*<?(?:[A-Za-z][A-Za-z0-9+.-]{0,20}:|/|#|www\.)\S")
_REF_DEF_MAX_CHARS = 2500
#: ``## Heading ##``: the words stay on their own line.
_HEADING_RX = re.compile(r"[ ]{0,3}#{1,6}(?:[ \t]+|\Z)")
_HEADING_CLOSE_RX = re.compile(r"[ \t]+#+[ \t]*\Z")
#: A line of only ``===``, ``---``, ``***`` or ``___``: a setext underline or a rule.
_RULE_RX = re.compile(r"[ ]{0,3}(?:=+|-+|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})[ \t]*\Z")
#: A fence of a code block: the line goes, the code stays.
_FENCE_RX = re.compile(r"[ ]{0,3}(?:`{3,}|~{3,})[^\n]{0,200}\Z")
#: Quote markers (``> > ``) and list bullets (``* ``, ``- ``, ``+ ``) at the start of a line.
_QUOTE_RX = re.compile(r"(?:[ ]{0,3}>[ ]?)+")
_BULLET_RX = re.compile(r"[ \t]{0,12}[*+-][ \t]+")
#: A table's delimiter row: ``|---|:--:|``.
_TABLE_RULE_RX = re.compile(r"[ \t]*\|?(?:[ \t]*:?-+:?[ \t]*\|)+[ \t]*(?::?-+:?[ \t]*)?\Z")
#: The ``|`` between two cells of a table row (``\\|`` is a pipe inside a cell).
_CELL_RX = re.compile(r"(?<!\\)\|")
#: Emphasis, strike-through and inline code; underscores only at word edges (``snake_case`` stays).
_STRONG_RX = re.compile(r"\*\*(?=\S)([^*\n]{1,1000}?)\*\*|(?<!\w)__(?=\S)([^_\n]{1,1000}?)__(?!\w)")
_EM_RX = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]{1,1000}?)\*(?![\w*])|(?<!\w)_(?=[^\s_])([^_\n]{1,1000}?)_(?!\w)")
_STRIKE_RX = re.compile(r"~~(?=\S)([^~\n]{1,1000}?)~~")
_CODE_RX = re.compile(r"`([^`\n]{1,1000})`")
#: ``\*``: a backslash escape of punctuation stands for the punctuation. While the
#: syntax is removed, each escaped character is held in a private-use code point
#: (U+10FF00 and up; a line that already has one is read without escapes).
_ESCAPE_RX = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_ESCAPED_BASE = 0x10FF00
_ESCAPED_RANGE_RX = re.compile("[\U0010ff00-\U0010ff7f]")

#: Links and images in the first characters that make a text Markdown.
_SNIFF_CHARS = 65_536
MIN_LINKS = 3
_ANY_LINK_RX = re.compile(r"!?\[[^\[\]\n]{0,1000}\]\([^()\[\]\s]{1,2000}(?:[ \t]+\"[^\"\n]{0,300}\")?\)")


def looks_like_markdown(text: str) -> bool:
    """Whether ``text`` is Markdown: :data:`MIN_LINKS` or more inline links or
    images (``[text](url)``) in its first 64 KB.

    Plain-text dumps of rendered pages almost never hold that syntax (none of
    the 1,336 development dumps has three such links), while a Markdown page
    from a scraper has dozens: its menus alone are links.
    """
    links = _ANY_LINK_RX.finditer(text, 0, _SNIFF_CHARS)
    return sum(1 for _ in itertools.islice(links, MIN_LINKS)) >= MIN_LINKS


def markdown_text(text: str) -> str:
    """The text of Markdown ``text``: the same lines, without the syntax.

    >>> markdown_text("## Budget passes ##\\n\\n* [Home](/)\\n\\nThe **council** met ![x](a.jpg)on [Tuesday](/t).")
    'Budget passes\\n\\nHome\\n\\nThe council met on Tuesday.'
    """
    lines = text.split("\n")
    for i in _table_rows(lines):
        lines[i] = _cells(lines[i])
    return "\n".join(_line_text(line) for line in lines)


def _table_rows(lines: list[str]) -> list[int]:
    """Indices of the rows of the pipe tables in ``lines``: a header row with a ``|``,
    its delimiter row (``|---|---|``), and the rows with a ``|`` that follow."""
    rows: list[int] = []
    i = 1
    while i < len(lines):
        if "|" in lines[i - 1] and "-" in lines[i] and _TABLE_RULE_RX.match(lines[i]):
            rows.append(i - 1)
            i += 1
            while i < len(lines) and "|" in lines[i] and lines[i].strip():
                rows.append(i)
                i += 1
        i += 1
    return rows


def _cells(row: str) -> str:
    """A table row as a dump of the rendered table shows it: the cells, tab-separated."""
    row = row.strip()
    row = row[1:] if row.startswith("|") else row
    row = row[:-1] if row.endswith("|") and not row.endswith("\\|") else row
    return "\t".join(cell.strip() for cell in _CELL_RX.split(row))


def _line_text(line: str) -> str:
    if not line.strip():
        return line
    if "\\" in line and not _ESCAPED_RANGE_RX.search(line):
        # Escaped punctuation is literal: hide it from the patterns below, then restore it.
        line = _ESCAPE_RX.sub(lambda m: chr(_ESCAPED_BASE + ord(m.group(1))), line)
        return _ESCAPED_RANGE_RX.sub(lambda m: chr(ord(m.group()) - _ESCAPED_BASE), _syntax_free(line))
    return _syntax_free(line)


def _syntax_free(line: str) -> str:
    if _RULE_RX.match(line) or _FENCE_RX.match(line) or _TABLE_RULE_RX.match(line):
        return ""
    if len(line) <= _REF_DEF_MAX_CHARS and _REF_DEF_RX.match(line):
        return ""
    line = _QUOTE_RX.sub("", line, count=1) if line.lstrip().startswith(">") else line
    heading = _HEADING_RX.match(line)
    if heading is not None:
        line = _HEADING_CLOSE_RX.sub("", line[heading.end() :])
    else:
        line = _BULLET_RX.sub("", line, count=1) if _BULLET_RX.match(line) else line
    if "](data:" in line:
        line = _DATA_URL_RX.sub("]()", line)
    if "](" in line and ('"' in line or "'" in line):
        line = _LINK_TITLE_RX.sub(r"\1", line)
    for _ in range(_LINK_ROUNDS):
        if "[" not in line:
            break
        # Innermost first: a link in a link's text ("[![logo](a.png)](/)", "[[a](b)](c)") comes off layer by layer.
        peeled = _REF_LINK_RX.sub(r"\1", _LINK_RX.sub(r"\1", _IMAGE_RX.sub("", line)))
        if peeled == line:
            break
        line = peeled
    if "<" in line:
        line = _AUTOLINK_RX.sub(r"\1", line)
    if "`" in line:
        line = _CODE_RX.sub(r"\1", line)
    if "*" in line or "_" in line:
        line = _STRONG_RX.sub(lambda m: m.group(1) or m.group(2), line)
        line = _EM_RX.sub(lambda m: m.group(1) or m.group(2), line)
    if "~~" in line:
        line = _STRIKE_RX.sub(r"\1", line)
    return line

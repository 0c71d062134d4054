"""Split a document into translatable segments: blocks, then sentences.

Segmentation is lossless: every segment is a real slice `source[start:end]`,
so a document is rebuilt by replacing those slices with translations. Plain
text is split into blocks by blank lines and by line-structure heuristics
(titles, list lines, one paragraph per long line); Markdown is parsed with
markdown-it-py and only headings, paragraphs, list items, quotes and table
cells are segmented. Sentences are found in one left-to-right scan over the
candidate punctuation; the decisions are driven by the word lists in
`segment_rules`, where each rule has an example. Nothing here does IO.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from locpipe.documents import pymdown, sentences, wordless
from locpipe.documents import segment_rules as rules

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token


class BlockKind(StrEnum):
    """The kind of block a segment comes from."""

    TITLE = "title"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    QUOTE = "quote"
    TABLE_CELL = "table_cell"
    #: An admonition's title, a content tab's label, an abbreviation's expansion.
    LABEL = "label"


@dataclass(frozen=True, slots=True)
class Segment:
    """One sentence of a document.

    `text` is the msgid: `source[start:end]` with every run of whitespace that
    contains a line break (and, in Markdown, the quote markers and indentation
    at the start of continuation lines) folded to one space. `line` is the
    1-based line of `start`.
    """

    text: str
    start: int
    end: int
    kind: BlockKind
    line: int


FORMATS = ("text", "markdown")


def format_for(path: str) -> str:
    """Return the segmentation format for a file name: "markdown" or "text"."""
    return "markdown" if path.lower().endswith((".md", ".markdown")) else "text"


def segment(text: str, fmt: str) -> tuple[Segment, ...]:
    """Split a document into sentence segments in source order.

    `fmt` is "text" or "markdown"; any other value raises ValueError.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown segmentation format {fmt!r}; expected one of {FORMATS}")
    if text.startswith("\ufeff"):
        text = " " + text[1:]  # a byte-order mark is never part of a segment
    lines = _lines(text)
    blocks = _text_blocks(text, lines) if fmt == "text" else _markdown_blocks(text, lines)
    starts = [start for start, _ in lines]
    out: list[Segment] = []
    for block in blocks:
        for cs, ce in _with_references(
            block.content, sentences.split(block.content, block.protected)
        ):
            if not wordless.has_words(block.content[cs:ce]):
                continue  # badges, URLs, numbers, code: copied as they are
            start, end = block.to_source(cs), block.to_source(ce - 1) + 1
            if out and start < out[-1].end:
                continue  # defensive: never emit overlapping spans
            line = bisect.bisect_right(starts, start)
            out.append(Segment(sentences.fold(block.content[cs:ce]), start, end, block.kind, line))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Heading:
    """A Markdown heading: its text `source[start:end]` (without the `#`s
    and a trailing attribute list), the span of that attribute list
    (`{: .class #id }`), and the id it gives, if any."""

    start: int
    end: int
    text: str
    attrs: tuple[int, int] | None
    anchor: str | None


_ID = re.compile(r"(?:^|\s)#([^\s}]+)")


def markdown_headings(text: str) -> tuple[Heading, ...]:
    """The headings of a Markdown document in order, those inside
    admonitions and content tabs included."""
    if text.startswith("\ufeff"):
        text = " " + text[1:]
    lines = _lines(text)
    found = []
    for block in _markdown_blocks(text, lines):
        if block.kind not in (BlockKind.TITLE, BlockKind.HEADING):
            continue
        start, end = block.to_source(0), block.to_source(len(block.content) - 1) + 1
        line_end = text.find("\n", end)
        attrs = HEADING_ATTRS.match(text, end, len(text) if line_end < 0 else line_end)
        anchor = _ID.search(attrs.group(1)) if attrs else None
        span = (attrs.start() + attrs.group(0).index("{"), attrs.end()) if attrs else None
        found.append(Heading(start, end, block.content, span, anchor and anchor.group(1)))
    return tuple(found)


def render_inline(text: str) -> str:
    """The HTML of one line of inline Markdown (CommonMark)."""
    return str(_markdown().renderInline(text))


def _with_references(content: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`spans` with each one that is only a reference (`(Pull #1185)`) or
    has no words joined to the sentence before it, so a changelog entry's
    reference stays with its sentence."""
    out: list[tuple[int, int]] = []
    for cs, ce in spans:
        piece = content[cs:ce]
        if out and (wordless.is_reference(piece) or not wordless.has_words(piece)):
            out[-1] = (out[-1][0], ce)
            continue
        lead = _LEADING_PARENTHESIS.match(piece)
        if out and lead and wordless.is_reference(lead.group(0)):  # "Fix it. (#12) Then …"
            out[-1] = (out[-1][0], cs + lead.end())
            cs += len(piece) - len(piece[lead.end() :].lstrip())
        out.append((cs, ce))
    return out


_LEADING_PARENTHESIS = re.compile(r"\((?:[^()]|\([^()]*\))*\)(?=\s)")


def split_sentences(paragraph: str) -> list[tuple[int, int]]:
    """Return the (start, end) spans of the sentences in one block of prose.

    Spans are in order, non-empty and trimmed of whitespace; a line break is
    ordinary whitespace here (blocks are found by `segment`).
    """
    return sentences.split(paragraph)


# --- blocks ----------------------------------------------------------------

_NEWLINE = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class _Block:
    """Prose to split: `content` is the source minus markup, in `pieces`.

    Each piece is (offset in content, offset in source); a content position
    maps to the source by the offset of the piece it falls in.
    """

    content: str
    kind: BlockKind
    pieces: tuple[tuple[int, int], ...]
    protected: tuple[tuple[int, int], ...] = ()

    def to_source(self, pos: int) -> int:
        """The source offset of content position `pos`."""
        k = bisect.bisect_right(self.pieces, pos, key=lambda piece: piece[0]) - 1
        content_at, source_at = self.pieces[k]
        return source_at + pos - content_at


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, without its line break."""
    out: list[tuple[int, int]] = []
    pos = 0
    for m in _NEWLINE.finditer(text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return out


# Plain text: a line break inside a paragraph is whitespace, unless the line
# structure says otherwise (a title, a list line, one paragraph per long line).
_LINE_MARKER = re.compile(rf"{sentences.BULLET_CLASS}|[-*+]\s|\d{{1,2}}[.)]\s|[a-z][.)]\s")
_TERMINAL = re.compile(r"[.!?…。！？]")
_SHORT_LIST_WIDTH = 60  # lines this short with no punctuation at all are a list
_UNWRAPPED_WIDTH = 150  # no one hard-wraps prose wider than this


def _text_blocks(text: str, lines: list[tuple[int, int]]) -> list[_Block]:
    """Blocks of a plain-text document, with their kinds."""
    groups: list[tuple[list[tuple[int, int]], bool]] = []
    chunk: list[tuple[int, int]] = []
    for start, end in [*lines, (len(text), len(text))]:
        if text[start:end].strip():
            chunk.append((start, end))
        elif chunk:
            groups.extend(_split_chunk(text, chunk))
            chunk = []
    blocks: list[_Block] = []
    for i, (group, listed) in enumerate(groups):
        start, end = group[0][0], group[-1][1]
        body = text[start:end]
        start += len(body) - len(body.lstrip())
        content = text[start : end - (len(body) - len(body.rstrip()))]
        kind = BlockKind.PARAGRAPH
        if listed or _LINE_MARKER.match(content):
            kind = BlockKind.LIST_ITEM
        elif len(group) == 1 and not _ends_sentence(content):
            if i == 0:
                kind = BlockKind.TITLE
            elif i + 1 < len(groups):
                kind = BlockKind.HEADING
        blocks.append(_Block(content, kind, ((0, start),)))
    return blocks


def _split_chunk(
    text: str, chunk: list[tuple[int, int]]
) -> list[tuple[list[tuple[int, int]], bool]]:
    """Split lines without blank lines between them into blocks of lines.

    Each block comes with a flag: True for the lines of a short list.
    """
    strs = [text[s:e].rstrip() for s, e in chunk]
    width = max(len(s) for s in strs)
    if len(chunk) > 1 and width <= _SHORT_LIST_WIDTH and not any(map(_TERMINAL.search, strs)):
        return [([line], True) for line in chunk]  # "features\ncontact manager\n..."
    out: list[tuple[list[tuple[int, int]], bool]] = [([chunk[0]], False)]
    for i in range(1, len(chunk)):
        prev, cur = strs[i - 1], strs[i].lstrip()
        if _hard_break(prev, cur, width):
            out.append(([chunk[i]], False))
        else:
            out[-1][0].append(chunk[i])
    return out


def _hard_break(prev: str, cur: str, width: int) -> bool:
    """Whether the line break between prev and cur ends a block."""
    if _LINE_MARKER.match(cur):
        return True
    if cur[0].islower():
        return False  # "It was a cold\nnight": a wrapped sentence
    if width > _UNWRAPPED_WIDTH:
        return True  # one paragraph per line
    # A wrapped line breaks only where the next word would not have fitted;
    # a break before a word that fits marks a title or a line of its own.
    return len(prev) + 1 + len(cur.split(maxsplit=1)[0]) <= width


def _ends_sentence(line: str) -> bool:
    """True when a line ends with sentence punctuation (before any closers)."""
    stripped = line.rstrip("".join(rules.CLOSERS) + " \t")
    return bool(stripped) and stripped[-1] in ".!?…:;,。！？"


# Markdown: only the inline content of headings, paragraphs and table cells is
# prose. markdown-it gives each block's line range (`map`) and its content; the
# content lines are located in their source lines so spans stay real slices.
@functools.cache
def _markdown() -> MarkdownIt:
    """The Markdown parser, made on first use: a project of plain text never loads it."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


@functools.cache
def _block_parser() -> MarkdownIt:
    """The parser segmentation uses: blocks only. Segmentation reads the
    block tokens and each inline token's content, never its children, so
    markdown-it's inline pass (a token per piece of text, link or code span
    of the whole document, held at once) is not run."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table").disable("inline")


_CODE_RUN = re.compile(r"`+")
_STAR_RUN = re.compile(r"\*+")
_MD_PROTECTED = re.compile(r"\]\([^)\s]*\)|\]\(<[^>\n]*>|<[A-Za-z/!?][^<>\n]{0,300}>")


def _markdown_blocks(
    text: str, lines: list[tuple[int, int]], *, nested: bool = False
) -> Iterator[_Block]:
    """Blocks of a Markdown document: headings, paragraphs, items, quotes,
    cells, and the parts of Python-Markdown's blocks (`pymdown`).

    A large document is parsed a chunk of lines at a time (`_chunks`), so
    markdown-it's per-line tables and tokens never cover all of it; one with
    Python-Markdown's blocks (found anywhere in it) is parsed whole."""
    skip = 0 if nested else _front_matter_lines(text, lines)
    norm = text.replace("\0", "\ufffd")  # as markdown-it normalises it
    rest = norm[lines[skip][0] :] if skip < len(lines) else ""
    if nested or pymdown.MAYBE.search(rest):
        yield from _whole_blocks(text, norm, lines, skip)
        return
    found = False  # whether any block came before: the first h1 is the title
    for tokens, first in _chunks(norm, lines, skip):
        for block in _token_blocks(text, norm, lines, tokens, first, found):
            found = True
            yield block


#: Lines of Markdown parsed at once (see `_chunks`).
_CHUNK_LINES = 4096
#: What may start a line a chunk starts at: not a container's marker or
#: continuation (list item, quote, indentation), not a fence, HTML or table line.
_CHUNK_START = re.compile(r"[^\s>*+\-0-9`~<|:\[!?=]")


def _chunks(
    norm: str, lines: list[tuple[int, int]], skip: int
) -> Iterator[tuple[list[Token], int]]:
    """markdown-it's block tokens of `norm` from line `skip` on, a chunk of
    lines at a time, each with the line it starts at (its tokens' `map`s
    count from it).

    A chunk ends before a line that follows a blank line and starts at
    column 0 with no block marker (`_CHUNK_START`): there every paragraph,
    table, list, quote and indented code block has ended, so the lines before
    parse as they do in the whole document (block parsing never looks past a
    blank line and such a line). Only a fenced code block or an HTML block
    that runs to a closing marker can still be open there: a chunk whose
    parse has one reaching its last line is parsed again longer."""
    total = len(lines)
    first = skip
    size = _CHUNK_LINES
    while first < total:
        stop = _boundary(norm, lines, first + size)
        chunk = norm[lines[first][0] : lines[stop][0] if stop < total else len(norm)]
        tokens = _block_parser().parse(chunk)
        if stop < total and _open_at_end(tokens, stop - first):
            size *= 2  # a fence or HTML block runs on: take more lines
            continue
        yield tokens, first
        first, size = stop, _CHUNK_LINES


def _boundary(norm: str, lines: list[tuple[int, int]], at: int) -> int:
    """The first line from `at` a chunk may start at (see `_chunks`), or
    the number of lines when none."""
    for i in range(max(at, 1), len(lines)):
        start, end = lines[i]
        before = lines[i - 1]
        if (
            start < end
            and _CHUNK_START.match(norm, start)
            and not norm[before[0] : before[1]].strip(" \t")
        ):
            return i
    return len(lines)


def _open_at_end(tokens: list[Token], count: int) -> bool:
    """Whether a fence or an HTML block runs to the end of a chunk of `count` lines."""
    return any(
        tok.type in ("fence", "html_block") and tok.map is not None and tok.map[1] >= count
        for tok in tokens
    )


def _whole_blocks(
    text: str, norm: str, lines: list[tuple[int, int]], skip: int
) -> Iterator[_Block]:
    """`_markdown_blocks` of a document parsed whole, with its Python-Markdown
    blocks hidden from markdown-it and segmented on their own."""
    rest = norm[lines[skip][0] :] if skip < len(lines) else ""
    tokens = _block_parser().parse("\n" * skip + rest)
    extensions: list[pymdown.Extension] = []
    if pymdown.MAYBE.search(rest):
        code = frozenset(
            line
            for tok in tokens
            if tok.type in ("fence", "code_block", "html_block") and tok.map
            for line in range(*tok.map)
        )
        extensions = pymdown.scan(text, lines, code | frozenset(range(skip)))
    if extensions:  # hide them from markdown-it: blank lines of the same length
        hidden = list(norm)
        for ext in extensions:
            for i in range(ext.first, ext.stop):
                hidden[lines[i][0] : lines[i][1]] = " " * (lines[i][1] - lines[i][0])
        norm = "".join(hidden)
        tokens = _block_parser().parse(
            "\n" * skip + norm[lines[skip][0] :] if skip < len(lines) else ""
        )
    blocks = _token_blocks(text, norm, lines, tokens, 0, False)
    if extensions:
        for ext in extensions:
            blocks.extend(_extension_blocks(text, ext))
        blocks.sort(key=lambda b: b.pieces[0][1])
    yield from blocks


def _token_blocks(
    text: str,
    norm: str,
    lines: list[tuple[int, int]],
    tokens: list[Token],
    offset: int,
    after_blocks: bool,
) -> list[_Block]:
    """The blocks of markdown-it's block `tokens`, whose `map`s count lines
    from line `offset`; `after_blocks` when blocks came before them."""
    blocks: list[_Block] = []
    containers: list[str] = []
    kind: BlockKind | None = None
    cursor = (-1, 0)  # (line, column) of the last table cell found
    for tok in tokens:
        span = [tok.map[0] + offset, tok.map[1] + offset] if tok.map else None
        if tok.type == "fence" and span and _PROSE_DIRECTIVE.match(tok.info):
            blocks.extend(_directive_blocks(text, lines, span))
        elif tok.type in ("list_item_open", "blockquote_open"):
            containers.append(tok.type)
        elif tok.type in ("list_item_close", "blockquote_close"):
            containers.pop()
        elif tok.type == "heading_open":
            first = tok.tag == "h1" and not blocks and not after_blocks
            kind = BlockKind.TITLE if first else BlockKind.HEADING
        elif tok.type == "paragraph_open":
            kind = BlockKind.PARAGRAPH
            if containers:
                inner = containers[-1] == "list_item_open"
                kind = BlockKind.LIST_ITEM if inner else BlockKind.QUOTE
        elif tok.type in ("th_open", "td_open"):
            kind = BlockKind.TABLE_CELL
        elif tok.type == "inline" and kind is not None and span:
            if kind is BlockKind.TABLE_CELL:
                block, cursor = _locate_cell(text, norm, lines, span[0], tok.content, cursor)
            else:
                located = _locate(text, norm, lines, span[0], tok.content, kind)
                block = None
                if located is not None:
                    blocks.extend(located[:-1])
                    block = located[-1]
            if block is not None:
                blocks.append(block)
            kind = None
    return blocks


def _extension_blocks(text: str, ext: pymdown.Extension) -> list[_Block]:
    """The label of a Python-Markdown block, then the blocks of its body
    (Markdown again, without its indentation)."""
    out: list[_Block] = []
    if ext.label is not None:
        start, end = ext.label
        out.append(_Block(text[start:end], BlockKind.LABEL, ((0, start),)))
    if not ext.body:
        return out
    body = "\n".join(text[start:end] for start, end in ext.body)
    at = [0]  # where each body line starts in `body`
    for start, end in ext.body[:-1]:
        at.append(at[-1] + end - start + 1)
    sources = [start for start, _ in ext.body]

    def to_source(pos: int) -> int:
        k = bisect.bisect_right(at, pos) - 1
        return sources[k] + pos - at[k]

    for b in _markdown_blocks(body, _lines(body), nested=True):
        pieces = tuple((c, to_source(p)) for c, p in b.pieces)
        out.append(_Block(b.content, b.kind, pieces, b.protected))
    return out


#: MyST directives written as a backtick fence whose body is Markdown prose
#: (admonitions and the like); any other fence is code and never translated.
_PROSE_DIRECTIVE = re.compile(
    r"\{(?:note|warning|tip|important|hint|caution|attention|danger|error|seealso|admonition"
    r"|versionadded|versionchanged|deprecated|topic|sidebar|margin|dropdown|tab-item|card"
    r"|epigraph|pull-quote|highlights)\}"
)


def _directive_blocks(text: str, lines: list[tuple[int, int]], span: list[int]) -> list[_Block]:
    """The blocks of a prose directive's body (lines span[0]+1 .. before the
    closing fence), parsed as Markdown; its `:option:` lines are skipped and a
    fence indented inside a list is left alone."""
    first, stop = span[0] + 1, span[1] - 1
    opening = text[lines[span[0]][0] : lines[span[0]][1]]
    if opening[:1] != "`" or stop > len(lines) - 1:
        return []
    closing = text[lines[stop][0] : lines[stop][1]].strip()
    if not closing.startswith("`"):
        stop += 1  # no closing fence: the body runs to the end of the block
    while first < stop and _DIRECTIVE_OPTION.match(text[lines[first][0] : lines[first][1]]):
        first += 1
    if first >= stop:
        return []
    start, end = lines[first][0], lines[stop - 1][1]
    body = text[start:end]
    return [
        _Block(b.content, b.kind, tuple((c, at + start) for c, at in b.pieces), b.protected)
        for b in _markdown_blocks(body, _lines(body), nested=True)
    ]


def _locate(
    text: str, norm: str, lines: list[tuple[int, int]], first: int, content: str, kind: BlockKind
) -> list[_Block] | None:
    """Find each line of a block's inline content in its source line.

    `norm` is the source as markdown-it saw it (NUL replaced); the content is
    taken from `text` itself, so it is always a real slice. A hard line break
    (two trailing spaces or a backslash) ends a block: no sentence spans it,
    so the break survives in the rebuilt document.
    """
    blocks: list[_Block] = []
    parts: list[str] = []
    pieces: list[tuple[int, int]] = []
    at = 0

    def flush() -> None:
        nonlocal parts, pieces, at
        if parts:
            joined = "\n".join(parts)
            blocks.append(_Block(joined, kind, tuple(pieces), _markdown_protected(joined)))
        parts, pieces, at = [], [], 0

    directive = False
    for j, raw in enumerate(content.split("\n")):
        piece = raw.strip()
        if _COLON_FENCE.match(piece) or (directive and _DIRECTIVE_OPTION.match(piece)):
            flush()  # MyST ":::{note}", its ":class: tip" options and ":::" are not prose
            directive = True
            continue
        directive = False
        hard_break = raw.endswith("  ") or _HARD_BACKSLASH.search(raw) is not None
        if hard_break and piece.endswith("\\"):
            piece = piece[:-1].rstrip()
        if not piece or first + j >= len(lines):
            continue
        ls, le = lines[first + j]
        src = norm[ls:le]
        if src.rstrip().endswith(piece):
            idx = len(src.rstrip()) - len(piece)
        else:  # an ATX heading with a closing sequence, or a hard break
            heading = kind in (BlockKind.TITLE, BlockKind.HEADING)
            idx = src.find(piece, _after_hashes(src) if heading else 0)
        if idx < 0:
            return None
        if kind in (BlockKind.TITLE, BlockKind.HEADING):
            attrs = HEADING_ATTRS.search(piece)  # `## Title {#id}`: markup, kept in place
            piece = piece[: attrs.start()] if attrs else piece
            if not piece.strip():
                continue
        pieces.append((at, ls + idx))
        parts.append(text[ls + idx : ls + idx + len(piece)])
        at += len(piece) + 1
        if hard_break:
            flush()
    flush()
    return blocks or None


_HARD_BACKSLASH = re.compile(r"(?<!\\)(?:\\\\)*\\$")
#: Python-Markdown's attribute list at the end of a heading (attr_list's
#: header pattern): `## Title {#id}`, `# Title {: .class #id }`.
HEADING_ATTRS = re.compile(r"[ ]+\{:?([^}\n]*)\}[ ]*(?:#+[ ]*)?\r?\Z")
#: A MyST colon fence line (`:::{note}`, `::::{tab-set}`, `:::`) and a
#: directive option line after it (`:class: tip`), which CommonMark reads as
#: paragraph text.
_COLON_FENCE = re.compile(r":{3,}(?:\{[\w:.-]+\}.*)?\Z")
_DIRECTIVE_OPTION = re.compile(r":[\w-]+:(?:\s.*)?\Z")


def _after_hashes(src: str) -> int:
    """Column after the opening '#' sequence of an ATX heading line (0 if none)."""
    h = src.find("#")
    if h < 0:
        return 0
    while h < len(src) and src[h] == "#":
        h += 1
    return h


def _locate_cell(
    text: str,
    norm: str,
    lines: list[tuple[int, int]],
    line: int,
    content: str,
    cursor: tuple[int, int],
) -> tuple[_Block | None, tuple[int, int]]:
    """Find a table cell in its row, after the previous cell of the row."""
    ls, le = lines[line]
    column = cursor[1] if cursor[0] == line else 0
    # markdown-it unescapes '\|' in cells, so a '|' in the content was '\|'
    piece = content.strip().replace("|", "\\|")
    idx = norm.find(piece, ls + column, le) - ls if piece else -1
    if idx < 0:
        return None, cursor
    piece = text[ls + idx : ls + idx + len(piece)]
    block = _Block(piece, BlockKind.TABLE_CELL, ((0, ls + idx),), _markdown_protected(piece))
    return block, (line, idx + len(piece))


def _markdown_protected(content: str) -> tuple[tuple[int, int], ...]:
    """Spans of inline code, emphasis, link destinations and inline HTML."""
    spans = [(m.start(), m.end() - 1) for m in _MD_PROTECTED.finditer(content)]
    spans += _paired_runs(content, _CODE_RUN, len(content))
    spans += _paired_runs(content, _STAR_RUN, rules.MAX_ENCLOSED)
    return tuple(spans)


def _paired_runs(content: str, run: re.Pattern[str], limit: int) -> list[tuple[int, int]]:
    """Spans from a delimiter run to the next run of the same length (`code`, *em*)."""
    spans: list[tuple[int, int]] = []
    runs = [(m.start(), m.end()) for m in run.finditer(content)]
    by_length: dict[int, list[int]] = {}
    for k, (s, e) in enumerate(runs):
        by_length.setdefault(e - s, []).append(k)
    k = 0
    while k < len(runs):
        s, e = runs[k]
        same = by_length[e - s]
        nxt = bisect.bisect_right(same, k)
        if nxt < len(same) and runs[same[nxt]][1] - s <= limit:
            spans.append((s, runs[same[nxt]][1] - 1))
            k = same[nxt] + 1
        else:
            k += 1
    return spans


def _front_matter_lines(text: str, lines: list[tuple[int, int]]) -> int:
    """Number of leading lines taken by YAML (---) or TOML (+++) front matter."""
    opening = text[lines[0][0] : lines[0][1]].lstrip("\ufeff").rstrip()
    if opening not in ("---", "+++"):
        return 0
    closing = ("---", "...") if opening == "---" else ("+++",)
    for i in range(1, len(lines)):
        if text[lines[i][0] : lines[i][1]].rstrip() in closing:
            return i + 1
    return 0

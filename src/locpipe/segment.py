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
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum

from markdown_it import MarkdownIt

from locpipe import segment_rules as rules


class BlockKind(StrEnum):
    """The kind of block a segment comes from."""

    TITLE = "title"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    QUOTE = "quote"
    TABLE_CELL = "table_cell"


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
        for cs, ce in _split(block.content, block.protected):
            start, end = block.to_source(cs), block.to_source(ce - 1) + 1
            if out and start < out[-1].end:
                continue  # defensive: never emit overlapping spans
            line = bisect.bisect_right(starts, start)
            out.append(Segment(_fold(block.content[cs:ce]), start, end, block.kind, line))
    return tuple(out)


def split_sentences(paragraph: str) -> list[tuple[int, int]]:
    """Return the (start, end) spans of the sentences in one block of prose.

    Spans are in order, non-empty and trimmed of whitespace; a line break is
    ordinary whitespace here (blocks are found by `segment`).
    """
    return _split(paragraph, ())


# --- sentences -------------------------------------------------------------

_CLUSTER = re.compile(r"\.(?:[ \u00a0]\.){2,}|[.!?‽…。！？]+")
_CJK_FINAL = frozenset("。！？")
_QE = frozenset("?!‽")
_INITIALISM = re.compile(r"[A-Za-z]{1,2}(?:\.[A-Za-z]{1,2})+")
_WORD = re.compile(r"[A-Za-z]+")
_NEXT_INITIAL = re.compile(r"[A-Z]\.\s")
_CAMEL = re.compile(r"[a-z]{1,2}[A-Z]")
_NO_SPACE_LEFT = re.compile(r"[A-Za-z]{2,}|\d[\d,]*")
_NO_SPACE_RIGHT = re.compile(r"[A-Z][a-z]+(?=\Z|[\s,;:!?]|\.(?:\Z|\s))")
_BULLET_CLASS = "[" + "".join(sorted(rules.BULLETS)) + "]"
_LIST_START = re.compile(rf"({_BULLET_CLASS}[ \t]*)?(\d{{1,3}}|[a-zA-Z])(\.\)|[.)])\s")
_BULLET = re.compile(rf"(?<=\s){_BULLET_CLASS}")
_PAIR_CHARS = re.compile(r"[()\[\]{}“”«»\"]")
_CLOSE_TO_OPEN = {close: open_ for open_, close in rules.PAIRS.items()}
_LOOKBACK = 80
_ABBREVIATIONS = (
    rules.NEVER_FINAL
    | rules.USUALLY_INTERNAL
    | rules.BEFORE_NUMBER
    | rules.USUALLY_FINAL
    | rules.TIME_ABBREVIATIONS
)


def _split(text: str, protected: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence spans of `text`; no boundary falls inside a `protected` span."""
    enclosed = _merge([*_enclosed_spans(text), *protected])
    list_cuts, no_cut = _inline_list(text)
    forced = sorted(
        {i for i in (*list_cuts, *_bullet_cuts(text)) if not _inside(enclosed, i, i + 1)}
    )
    cuts: list[int] = []
    last = fi = ei = 0
    for m in _CLUSTER.finditer(text):
        a, b = m.span()
        while fi < len(forced) and forced[fi] <= a:
            last = forced[fi]
            cuts.append(last)
            fi += 1
        if a in no_cut:
            continue
        cut = _decide(text, m.group(), a, b, last)
        if cut is None:
            continue
        while ei < len(enclosed) and enclosed[ei][1] < a:
            ei += 1
        if ei < len(enclosed) and enclosed[ei][0] < a and cut <= enclosed[ei][1]:
            continue
        cuts.append(cut)
        last = cut
    cuts.extend(forced[fi:])
    return _spans(text, cuts)


def _decide(text: str, cluster: str, a: int, b: int, last: int) -> int | None:
    """Where the sentence ends for the punctuation text[a:b], or None."""
    n = len(text)
    e = b
    while e < n and text[e] in rules.CLOSERS:
        e += 1
    if e >= n or not _CJK_FINAL.isdisjoint(cluster):
        return e
    if not text[e].isspace():
        no_space = e == b and cluster == "." and _no_space_boundary(text, a, last)
        return b if no_space else None
    q = e
    while q < n and text[q].isspace():
        q += 1
    if q >= n:
        return e
    r = q
    while r < n and r - q < 8 and text[r] in rules.OPENERS:
        r += 1
    nxt = text[r] if r < n else ""
    word_match = _WORD.match(text, r, min(n, r + 40))
    word = word_match.group() if word_match else ""
    if not _QE.isdisjoint(cluster):
        return None if nxt.islower() else e
    dots = cluster.count(".") + 3 * cluster.count("…")
    if dots > 1:
        return _ellipsis(text, cluster, dots, a, e, last, nxt, word)
    start = a
    while start > max(last, a - _LOOKBACK) and not text[start - 1].isspace():
        start -= 1
    w = text[start:a].lstrip("".join(rules.OPENERS))
    lw = w.lower()
    regular = lw not in _ABBREVIATIONS and not _INITIALISM.fullmatch(w)
    regular = regular and not (len(w) == 1 and w.isalpha())
    if nxt.islower():
        return e if regular and _CAMEL.match(text, r) else None
    if nxt.isdigit():
        return e if regular else None
    if regular or lw in rules.BEFORE_NUMBER or lw in rules.USUALLY_FINAL:
        return e
    if lw in rules.NEVER_FINAL:
        return None
    if lw in rules.TIME_ABBREVIATIONS:
        intro = word in rules.TIME_ZONES or _intro_phrase(text, last, start)
        return None if intro else e
    if len(w) == 1 and w.isupper() and not _after_name(text, last, start):
        # "you and I. Did" ends a sentence; "by J. R. R. Tolkien" does not
        return None if _NEXT_INITIAL.match(text, r) else e
    return e if word in rules.STARTERS else None


def _ellipsis(
    text: str, cluster: str, dots: int, a: int, e: int, last: int, nxt: str, word: str
) -> int | None:
    """Boundary decision for an ellipsis (two or more dots, or '…')."""
    before = text[a - 1] if a > last else " "
    if before == "[" or nxt.islower():
        return None
    if before.isspace():
        return e if dots >= 4 else None  # "that is all . . . . Next" vs "is . . . I didn't"
    if " " in cluster or "\u00a0" in cluster:
        # "compounds. . . . The": a period, then an ellipsis opening the next sentence
        return a + 1 if dots >= 4 else (e if word != "I" else None)
    if dots >= 4:
        return e
    return e if word != "I" and (nxt.isupper() or nxt.isdigit()) else None


def _no_space_boundary(text: str, a: int, last: int) -> bool:
    """True for 'world.Today' or '1,000.That': a boundary with no space."""
    if not _NO_SPACE_RIGHT.match(text, a + 1):
        return False
    start = a
    while start > max(last, a - _LOOKBACK) and not text[start - 1].isspace():
        start -= 1
    return _NO_SPACE_LEFT.fullmatch(text, start, a) is not None


def _intro_phrase(text: str, last: int, start: int) -> bool:
    """True when text[last:start] is a short phrase like 'At 5' (before 'a.m.')."""
    if start - last > 60:
        return False
    words = text[last:start].split()
    return 0 < len(words) <= 5 and words[0].strip("".join(rules.OPENERS)).lower() in (
        rules.INTRO_PREPOSITIONS
    )


def _after_name(text: str, last: int, start: int) -> bool:
    """True when the word before text[start] is capitalised, or there is none."""
    i = start
    while i > last and text[i - 1].isspace():
        i -= 1
    if i <= last:
        return True
    j = i
    while j > max(last, i - _LOOKBACK) and not text[j - 1].isspace():
        j -= 1
    prev = text[j:i].lstrip("".join(rules.OPENERS))
    return bool(prev) and prev[0].isupper()


def _inline_list(text: str) -> tuple[list[int], set[int]]:
    """Cuts before in-line list markers ('1) a 2) b') and the marker periods."""
    first = len(text) - len(text.lstrip())
    m = _LIST_START.match(text, first)
    if m is None:
        return [], set()
    label, style = m.group(2), m.group(3)
    no_cut = {m.start(3)} if style.startswith(".") else set()
    cuts: list[int] = []
    cursor = m.end()
    value = int(label) if label.isdigit() else ord(label)
    while True:
        value += 1
        label = str(value) if label.isdigit() else chr(value)
        if not label.isalnum():
            break
        needle = label + style
        while True:
            pos = text.find(needle, cursor)
            if pos < 0:
                return cuts, no_cut
            cursor = pos + 1
            after = pos + len(needle)
            cut = _marker_cut(text, pos)
            if cut is not None and after < len(text) and text[after].isspace():
                break
        cuts.append(cut)
        if style.startswith("."):
            no_cut.add(pos + len(label))
        cursor = after
    return cuts, no_cut


def _marker_cut(text: str, pos: int) -> int | None:
    """Where an item starts for a marker at pos: before its bullet, if any."""
    j = pos
    while j > 0 and text[j - 1] in " \t":
        j -= 1
    if j > 0 and text[j - 1] in rules.BULLETS:
        j -= 1
        return j if j == 0 or text[j - 1].isspace() else None
    return pos if j < pos else None


def _bullet_cuts(text: str) -> Iterator[int]:
    """Cuts before bullets that follow whitespace ('Menu • Home • About')."""
    return (m.start() for m in _BULLET.finditer(text))


def _enclosed_spans(text: str) -> list[tuple[int, int]]:
    """(open, close) index pairs of quotations and parentheticals."""
    stacks: dict[str, list[int]] = {}
    spans: list[tuple[int, int]] = []
    quote = -1
    for m in _PAIR_CHARS.finditer(text):
        ch, i = m.group(), m.start()
        if ch == '"':
            if quote < 0:
                quote = i
            else:
                spans.append((quote, i))
                quote = -1
        elif ch in rules.PAIRS:
            stacks.setdefault(ch, []).append(i)
        elif stack := stacks.get(_CLOSE_TO_OPEN[ch]):
            spans.append((stack.pop(), i))
    return [s for s in spans if s[1] - s[0] <= rules.MAX_ENCLOSED]


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Union of overlapping spans, sorted."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when text[start:end] lies strictly inside one of the sorted spans."""
    k = bisect.bisect_left(spans, (start, start)) - 1
    return k >= 0 and spans[k][0] < start and end <= spans[k][1]


def _spans(text: str, cuts: list[int]) -> list[tuple[int, int]]:
    """Whitespace-trimmed, non-empty spans between sorted cut points."""
    out: list[tuple[int, int]] = []
    bounds = sorted({0, len(text), *cuts})
    for s, e in itertools.pairwise(bounds):
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return out


_WS_RUN = re.compile(r"\s+")


def _fold(s: str) -> str:
    """Fold each whitespace run that contains a line break to one space."""
    if "\n" not in s and "\r" not in s:
        return s
    return _WS_RUN.sub(lambda m: " " if "\n" in m[0] or "\r" in m[0] else m[0], s)


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
_LINE_MARKER = re.compile(rf"{_BULLET_CLASS}|[-*+]\s|\d{{1,2}}[.)]\s|[a-z][.)]\s")
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
_MD = MarkdownIt("commonmark").enable("table")
_CODE_RUN = re.compile(r"`+")
_STAR_RUN = re.compile(r"\*+")
_MD_PROTECTED = re.compile(r"\]\([^)\s]*\)|\]\(<[^>\n]*>|<[A-Za-z/!?][^<>\n]{0,300}>")


def _markdown_blocks(text: str, lines: list[tuple[int, int]]) -> list[_Block]:
    """Blocks of a Markdown document: headings, paragraphs, items, quotes, cells."""
    skip = _front_matter_lines(text, lines)
    norm = text.replace("\0", "\ufffd")  # as markdown-it normalises it
    rest = text[lines[skip][0] :] if skip < len(lines) else ""
    tokens = _MD.parse("\n" * skip + rest)
    blocks: list[_Block] = []
    containers: list[str] = []
    kind: BlockKind | None = None
    cursor = (-1, 0)  # (line, column) of the last table cell found
    for tok in tokens:
        if tok.type in ("list_item_open", "blockquote_open"):
            containers.append(tok.type)
        elif tok.type in ("list_item_close", "blockquote_close"):
            containers.pop()
        elif tok.type == "heading_open":
            first = tok.tag == "h1" and not blocks
            kind = BlockKind.TITLE if first else BlockKind.HEADING
        elif tok.type == "paragraph_open":
            kind = BlockKind.PARAGRAPH
            if containers:
                inner = containers[-1] == "list_item_open"
                kind = BlockKind.LIST_ITEM if inner else BlockKind.QUOTE
        elif tok.type in ("th_open", "td_open"):
            kind = BlockKind.TABLE_CELL
        elif tok.type == "inline" and kind is not None and tok.map:
            if kind is BlockKind.TABLE_CELL:
                block, cursor = _locate_cell(text, norm, lines, tok.map[0], tok.content, cursor)
            else:
                located = _locate(text, norm, lines, tok.map[0], tok.content, kind)
                block = None
                if located is not None:
                    blocks.extend(located[:-1])
                    block = located[-1]
            if block is not None:
                blocks.append(block)
            kind = None
    return blocks


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

    for j, raw in enumerate(content.split("\n")):
        piece = raw.strip()
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
        pieces.append((at, ls + idx))
        parts.append(text[ls + idx : ls + idx + len(piece)])
        at += len(piece) + 1
        if hard_break:
            flush()
    flush()
    return blocks or None


_HARD_BACKSLASH = re.compile(r"(?<!\\)(?:\\\\)*\\$")


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

"""Sentence boundaries in one block of prose. Pure.

One left-to-right scan over the candidate punctuation; each decision looks at
a bounded stretch of nearby text and is driven by the word lists in
`segment_rules`, where each rule has an example. Linear in the input.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator, Sequence

from locpipe.documents import segment_rules as rules

_CLUSTER = re.compile(r"\.(?:[ \u00a0]\.){2,}|[.!?‽…。！？]+")
_CJK_FINAL = frozenset("。！？")
_QE = frozenset("?!‽")
_INITIALISM = re.compile(r"[A-Za-z]{1,2}(?:\.[A-Za-z]{1,2})+")
_WORD = re.compile(r"[A-Za-z]+")
_NEXT_INITIAL = re.compile(r"[A-Z]\.\s")
_CAMEL = re.compile(r"[a-z]{1,2}[A-Z]")
_NO_SPACE_LEFT = re.compile(r"[A-Za-z]{2,}|\d[\d,]*")
_NO_SPACE_RIGHT = re.compile(r"[A-Z][a-z]+(?=\Z|[\s,;:!?]|\.(?:\Z|\s))")
BULLET_CLASS = "[" + "".join(sorted(rules.BULLETS)) + "]"
_LIST_START = re.compile(rf"({BULLET_CLASS}[ \t]*)?(\d{{1,3}}|[a-zA-Z])(\.\)|[.)])\s")
_BULLET = re.compile(rf"(?<=\s){BULLET_CLASS}")
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


def split(text: str, protected: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int]]:
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


def fold(s: str) -> str:
    """Fold each whitespace run that contains a line break to one space."""
    if "\n" not in s and "\r" not in s:
        return s
    return _WS_RUN.sub(lambda m: " " if "\n" in m[0] or "\r" in m[0] else m[0], s)

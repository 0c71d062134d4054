"""Provenance comments: who made a translation, read back whatever tool saved the file. Pure.

locpipe records where a translation came from in `# ` translator comments,
the one kind of comment every PO tool keeps (msgmerge, msgcat, msgattrib,
Poedit, translate-toolkit, polib, Babel). Some of those tools also *rewrap*
them: polib and Babel wrap each comment at 76 characters of text with
`textwrap`, which breaks at spaces and after a hyphen between letters
(`translate-` / `en_ko`). So a comment is read as a *block*: the line that
starts with a marker and the lines a wrap made of it, and the tokens in a
block are read wherever they stand in it.

The markers, as written:

    # mt: <engine id>                       machine output: the engine …
    # score:<s> fp:<hash> src:<hash>        … its score, and two hashes
    # mt-reviewed: <engine id>              machine output a person accepted
    # mt-warning: <problems>                a problem MT made (a lost placeholder)
    # tm: <catalogue> [~<percent>%]         filled from the translation memory

Every line is short, so no wrapping tool ever rewrites it for engine ids of
up to 62 characters (longer ones are read back all the same). The `mt:`
marker used to be one line, `mt: <engine id> score:… fp:… src:…`; that form
(and any wrap of it) is read as well: the tokens are read anywhere in the
block, in any order.

Where a block ends: an `mt:` block runs to the last line that holds an `fp:`
or `src:` hash (the hashes always come last), so a wrap of any width is
taken whole and a person's comment after it is never taken for part of it.
Other blocks (and an `mt:` block with no hash) take a following line only
where a 76-column `textwrap` would have put it there: the line before it was
too full to hold its first word. A line that starts with a marker always
starts a new block.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

MT = "mt"
REVIEWED = "mt-reviewed"
WARNING = "mt-warning"
TM = "tm"
#: The markers, each followed by ":" at the start of a comment.
MARKERS = (MT, REVIEWED, WARNING, TM)
_START = re.compile(r"(mt|mt-reviewed|mt-warning|tm):(?:\s|$)")

#: Comment text width polib (`wrapwidth` 78, less "# ") and Babel (76) wrap at.
WRAP_WIDTH = 76

_HASH = re.compile(r"(?<!\S)(fp|src):([0-9a-f]{12})(?!\S)")
_SCORE = re.compile(r"(?<!\S)score:(-?\d+(?:\.\d+)?)(?!\S)")
_TOKEN = re.compile(r"(?:fp|src|score):\S*")
# textwrap breaks after a hyphen with two letters (or letter-hyphen-letter) before it.
_HYPHEN_END = re.compile(r"[^\W\d_]{2}-\Z|[^\W\d_]-[^\W\d_]-\Z")


@dataclass(frozen=True, slots=True)
class Block:
    """One provenance comment: its marker, its text (the marker's lines joined
    back, the marker itself left out), and the comment lines it spans."""

    marker: str
    text: str
    start: int
    end: int  # one past the last line

    def token(self, name: str) -> str | None:
        """The value of `fp:`, `src:` or `score:` in the block, if any."""
        pattern = _SCORE if name == "score" else _HASH
        for match in pattern.finditer(self.text):
            if name == "score":
                return match[1]
            if match[1] == name:
                return match[2]
        return None

    @property
    def engine(self) -> str:
        """The engine id of an `mt:` or `mt-reviewed:` block (the words that are no token)."""
        return " ".join(w for w in self.text.split() if not _TOKEN.fullmatch(w))


def _marker(line: str) -> str | None:
    match = _START.match(line)
    return match[1] if match else None


def _wrapped(previous: str, line: str) -> bool:
    """Whether a 76-column textwrap could have broken `previous` before `line`."""
    words = line.split()
    if not words or not previous.strip():
        return False
    if _HYPHEN_END.search(previous):
        first = re.match(r"[^\s-]*-?", words[0])
        return len(previous) + len(first[0] if first else words[0]) > WRAP_WIDTH
    return len(previous) + 1 + len(words[0]) > WRAP_WIDTH


def _join(lines: Sequence[str]) -> str:
    """Lines of a block as one text: a line a wrap broke after a hyphen joins
    the next without a space."""
    text = ""
    for line in lines:
        line = line.strip()
        if text and not _HYPHEN_END.search(text):
            text += " "
        text += line
    return text


@functools.lru_cache(maxsize=1 << 14)
def blocks(comments: tuple[str, ...]) -> tuple[Block, ...]:
    """The provenance blocks among translator `comments` (see the module docstring)."""
    found: list[Block] = []
    i = 0
    while i < len(comments):
        marker = _marker(comments[i])
        if marker is None:
            i += 1
            continue
        run = i + 1
        while run < len(comments) and _marker(comments[run]) is None:
            run += 1
        end = i + 1
        hashes = [j for j in range(i, run) if _HASH.search(comments[j])]
        if marker == MT and hashes:
            end = hashes[-1] + 1
        else:
            while end < run and _wrapped(comments[end - 1], comments[end]):
                end += 1
        text = _join([comments[i][len(marker) + 1 :], *comments[i + 1 : end]])
        found.append(Block(marker, text.strip(), i, end))
        i = end
    return tuple(found)


def find(comments: Sequence[str], marker: str) -> Block | None:
    """The first block of `marker` among `comments`, if any."""
    return next((b for b in blocks(tuple(comments)) if b.marker == marker), None)


def has(comments: Sequence[str], marker: str) -> bool:
    return find(comments, marker) is not None


def without(comments: Sequence[str], *markers: str) -> tuple[str, ...]:
    """`comments` less the blocks of `markers` (of every marker when none is
    given): what people wrote."""
    dropped = {
        j
        for b in blocks(tuple(comments))
        if not markers or b.marker in markers
        for j in range(b.start, b.end)
    }
    return tuple(c for j, c in enumerate(comments) if j not in dropped)


def replaced(comments: Sequence[str], block: Block, lines: Sequence[str]) -> tuple[str, ...]:
    """`comments` with `block`'s lines replaced by `lines`."""
    return (*comments[: block.start], *lines, *comments[block.end :])


def machine(engine_id: str, fp: str, src: str, score: str = "") -> tuple[str, str]:
    """The two lines of an `mt:` marker (`score` as `score_token` writes it, or "")."""
    return f"{MT}: {engine_id}", f"{score}fp:{fp} src:{src}"


def reviewed(engine_id: str) -> str:
    """The `mt-reviewed:` line of an accepted machine translation."""
    return f"{REVIEWED}: {engine_id}".rstrip()


def warning(problems: Sequence[str]) -> str:
    return f"{WARNING}: " + "; ".join(problems)


def memory(name: str, score: float | None = None) -> str:
    """The `tm:` line of a memory fill: `tm: <name>` for an exact match,
    `tm: <name> ~<percent>%` for a near one (the percentage rounded down)."""
    if score is None:
        return f"{TM}: {name}"
    return f"{TM}: {name} ~{int(score * 100)}%"

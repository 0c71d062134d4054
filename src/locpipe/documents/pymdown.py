"""The block syntax Python-Markdown and pymdown-extensions add to Markdown. Pure.

MkDocs sites (Material above all) write blocks CommonMark does not know: it
reads an admonition's marker as a paragraph and its indented body as code.
`scan` finds them line by line, so `segment` can hide them from markdown-it
and segment each one's parts itself:

| block | example | translated | copied |
|---|---|---|---|
| admonition, collapsible | `!!! note "Title"`, `??? tip`, `???+ info` | title; body | marker |
| content tab | `=== "Label"`, `===+ "Label"` | label; body | marker |
| footnote definition | `[^1]: Text` and its indented lines | text | `[^1]:` |
| definition | `:   Text` under a term, and its indented lines | text | `:` |
| abbreviation | `*[HTML]: Hyper Text Markup Language` | the expansion | `*[HTML]:` |
| API block | `::: package.module.Class` and its indented options | nothing | all |
| mkdocs-click | `::: mkdocs-click` and its `:module:` lines | nothing | all |
| custom block | `::: card-content`, `::: figure img.png` (markdown-customblocks) | body | marker |
| snippet | `--8<-- "file.md"`, or a `--8<--` block of file names | nothing | all |

A body is the lines indented four columns past the marker (blank lines
between them included); it is Markdown again, so blocks nest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Columns a body is indented past its marker (Python-Markdown's tab_length).
INDENT = 4

_ADMONITION = re.compile(
    r"[ \t]*(?:!!!|\?\?\?\+?)[ \t]*[\w-]+(?:[ \t]+[\w-]+)*(?:[ \t]+\"(?P<label>.*)\")?[ \t]*\Z"
)
_TAB = re.compile(r"[ \t]*===[!+]{0,2}[ \t]+\"(?P<label>.*)\"[ \t]*\Z")
_COLONS = re.compile(r"[ \t]*:::[ \t]*(?P<name>[^\s:{]\S*)(?P<args>[ \t]+\S.*?)?[ \t]*\Z")
#: An mkdocstrings identifier (`package.module.Class`) and the first line of
#: its YAML options (`options:`), which make a `:::` block an API block.
_IDENTIFIER = re.compile(r"[A-Za-z_][\w.]*\Z")
_API_OPTION = re.compile(r"[ \t]*(?:options|handler|selection|rendering)[ \t]*:")
_SNIPPET_LINE = re.compile(r"[ \t]*;*-+8<-+[ \t]+(?:\"[^\"\n]+\"|'[^'\n]+')[ \t]*\Z")
_SNIPPET_FENCE = re.compile(r"[ \t]*-+8<-+[ \t]*\Z")
_FOOTNOTE = re.compile(r" {0,3}\[\^[^\]\s]+\]:[ \t]*")
_DEFINITION = re.compile(r" {0,3}:[ \t]+(?=\S)")
_ABBREVIATION = re.compile(r"[ \t]*\*\[[^\]\n]+\]:[ \t]*(?P<label>.*?)[ \t]*\Z")
#: A cheap test: does a document have any of these markers at all?
MAYBE = re.compile(r"^[ \t]*(?:!!!|\?\?\?|===|:::|-+8<-|\[\^|:[ \t]|\*\[)", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Extension:
    """One block: lines `first` to `stop` (exclusive) of the document.

    `label` is the source span of the text to translate on the marker line
    (a title, a tab label, an abbreviation's expansion), if any. `body` is,
    per body line, the source offsets (start, end) of the line without its
    indentation: the lines are Markdown again. Everything else is copied.
    """

    first: int
    stop: int
    label: tuple[int, int] | None
    body: tuple[tuple[int, int], ...]


def _width(line: str) -> int:
    """Columns of leading whitespace, a tab counting to the next multiple of 4."""
    col = 0
    for char in line:
        if char == " ":
            col += 1
        elif char == "\t":
            col += INDENT - col % INDENT
        else:
            break
    return col


def _dedent(line: str, columns: int) -> int:
    """How many characters of `line` make up its first `columns` columns of
    indentation (fewer when the line is less indented)."""
    col = i = 0
    while i < len(line) and col < columns and line[i] in " \t":
        col += 1 if line[i] == " " else INDENT - col % INDENT
        i += 1
    return i


def scan(text: str, lines: list[tuple[int, int]], skip: frozenset[int]) -> list[Extension]:
    """The blocks of the table above, in order; lines in `skip` (code that
    markdown-it found) never start one."""
    found: list[Extension] = []
    i = 0
    while i < len(lines):
        extension = None if i in skip else _at(text, lines, i)
        if extension is None:
            i += 1
            continue
        found.append(extension)
        i = extension.stop
    return found


def _line(text: str, lines: list[tuple[int, int]], i: int) -> str:
    return text[lines[i][0] : lines[i][1]]


def _at(text: str, lines: list[tuple[int, int]], i: int) -> Extension | None:
    """The block whose marker is line `i`, or None."""
    line = _line(text, lines, i)
    start = lines[i][0]
    m = _ADMONITION.match(line) or _TAB.match(line)
    if m is not None:
        label = None
        if m.group("label") and m.group("label").strip():
            label = (start + m.start("label"), start + m.end("label"))
        return _indented(text, lines, i, _width(line) + INDENT, label, ())
    m = _COLONS.match(line)
    if m is not None:
        block = _indented(text, lines, i, _width(line) + 1, None, ())
        body = [text[s:e] for s, e in block.body if text[s:e].strip()]
        name = m.group("name")
        api = name == "mkdocs-click" or (
            not m.group("args")
            and _IDENTIFIER.match(name) is not None
            and (not body or "." in name or _API_OPTION.match(body[0]) is not None)
        )
        if api:
            return Extension(i, block.stop, None, ())
        return _indented(text, lines, i, _width(line) + INDENT, None, ())
    if _SNIPPET_LINE.match(line):
        return Extension(i, i + 1, None, ())
    if _SNIPPET_FENCE.match(line):
        for j in range(i + 1, len(lines)):
            if _SNIPPET_FENCE.match(_line(text, lines, j)):
                return Extension(i, j + 1, None, ())
        return None
    m = _ABBREVIATION.match(line)
    if m is not None:
        label = (start + m.start("label"), start + m.end("label")) if m.group("label") else None
        return Extension(i, i + 1, label, ())
    m = _FOOTNOTE.match(line)
    footnote = m is not None
    if m is None and _has_term(text, lines, i):
        m = _DEFINITION.match(line)
    if m is None:
        return None
    # Python-Markdown continues a footnote with unindented lines, not a
    # definition: a line after one is the next term.
    first_line = ((start + m.end(), lines[i][1]),)
    return _indented(text, lines, i, _width(line) + INDENT, None, first_line, lazy=footnote)


def _has_term(text: str, lines: list[tuple[int, int]], i: int) -> bool:
    """Whether a `:   definition` line follows a term: a line of text just
    above, or one blank line above (Python-Markdown's loose definitions)."""
    j = i - 1
    if j >= 0 and not _line(text, lines, j).strip():
        j -= 1
    return j >= 0 and bool(_line(text, lines, j).strip())


def _indented(
    text: str,
    lines: list[tuple[int, int]],
    i: int,
    columns: int,
    label: tuple[int, int] | None,
    body: tuple[tuple[int, int], ...],
    *,
    copy: bool = False,
    lazy: bool = False,
) -> Extension:
    """The block starting at marker line `i` whose body is the following lines
    indented at least `columns` (blank lines between them included); with
    `lazy`, unindented lines right after the marker continue it too."""
    taken = list(body)
    stop = i + 1
    j = i + 1
    continuing = lazy
    while j < len(lines):
        line = _line(text, lines, j)
        if not line.strip():
            continuing = False
            j += 1
            continue
        if _width(line) >= columns or (continuing and not _starts_block(line)):
            for k in range(stop, j):  # the blank lines in between
                taken.append((lines[k][0], lines[k][0]))
            cut = _dedent(line, columns)
            taken.append((lines[j][0] + cut, lines[j][1]))
            stop = j = j + 1
            continue
        break
    return Extension(i, stop, label, () if copy else tuple(taken))


def _starts_block(line: str) -> bool:
    """Whether an unindented line starts a new definition, footnote or other
    block instead of continuing the one above."""
    return bool(_DEFINITION.match(line) or _FOOTNOTE.match(line) or MAYBE.match(line))

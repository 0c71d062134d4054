"""The code blocks of the manual (docs/**/*.md and README.md), read as the
snippet test runs them (tests/test_docs_snippets.py).

A fence's language says what happens to it:

* ``sh`` (``bash``, ``shell``): run by bash with ``-euo pipefail`` in the
  page's project; it must exit 0 (or the code its ``exit=`` option gives).
* ``console``: each ``$ `` line is a command; the lines after it are output
  that must appear, in order, among what the command prints (``…`` in a line
  stands for any text).
* ``python``: run with the test's Python in the page's project.
* ``js``: run by Node as an ES module in the page's project, with the
  libraries of tests/js/node_modules and a ``fetch`` that reads the
  project's files (``fetch("/locales/…")`` reads ``locales/…``).
* ``toml``: read by locpipe's own configuration loader, as a locpipe.toml.
* ``text``, ``json``, ``yaml``, ``csv``: shown, not run (unless ``file=``).

An HTML comment right above a fence gives it options (it renders as nothing):

* ``<!-- snippet: skip="why" -->``: not run; the reason is required and the
  test lists every skipped block.
* ``<!-- snippet: file=PATH -->``: the block's text is written to PATH in the
  project (``append=PATH`` appends), so the blocks after it read it.
* ``<!-- snippet: exit=N -->``: the exit code the block must end with.

Page options, on a line of their own: ``<!-- snippets: project=NAME -->``
picks the project the page's blocks share (tests/test_docs_snippets.py
PROJECTS), and a comment that opens with ``<!-- snippet-setup`` and holds a
fenced ``sh`` block runs that block first, unseen by readers.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

RUN = frozenset({"sh", "bash", "shell", "console", "python", "js", "toml"})
SHOWN = frozenset({"text", "json", "yaml", "csv"})
OPTIONS = frozenset({"skip", "file", "append", "exit"})

_FENCE = re.compile(r"^(?P<indent> *)(?P<fence>`{3,}|~{3,})(?P<info>[^`]*)$")
_DIRECTIVE = re.compile(r"^\s*<!--\s*snippet:\s*(?P<body>.*?)\s*-->\s*$")
_PAGE = re.compile(r"^\s*<!--\s*snippets:\s*(?P<body>.*?)\s*-->\s*$")
_SETUP = re.compile(r"^\s*<!--\s*snippet-setup\s*$")


class SnippetSyntaxError(ValueError):
    """A page's fences or snippet comments cannot be read."""


@dataclass(frozen=True)
class Block:
    """One fenced block of a page, with what the comment above it asks."""

    page: Path
    line: int
    lang: str
    code: str
    options: dict[str, str] = field(default_factory=dict)
    setup: bool = False

    @property
    def where(self) -> str:
        return f"{self.page.name}:{self.line}"

    @property
    def runs(self) -> bool:
        return self.setup or (
            "skip" not in self.options and (self.lang in RUN or self.written_to is not None)
        )

    @property
    def written_to(self) -> tuple[str, bool] | None:
        """(path, append) when the block's text goes into a project file."""
        if "file" in self.options:
            return self.options["file"], False
        if "append" in self.options:
            return self.options["append"], True
        return None


@dataclass(frozen=True)
class Page:
    path: Path
    options: dict[str, str]
    blocks: tuple[Block, ...]


def _options(body: str, where: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for item in shlex.split(body):
        key, sep, value = item.partition("=")
        if not sep or not value:
            raise SnippetSyntaxError(f"{where}: write snippet options as key=value, not {item!r}")
        found[key] = value
    return found


def read_page(path: Path) -> Page:
    """The blocks of the Markdown page at `path`, in order."""
    lines = path.read_text(encoding="utf-8").splitlines()
    blocks: list[Block] = []
    page: dict[str, str] = {}
    pending: dict[str, str] | None = None
    in_setup = False
    index = 0
    while index < len(lines):
        line = lines[index]
        where = f"{path.name}:{index + 1}"
        if match := _PAGE.match(line):
            page.update(_options(match["body"], where))
        elif match := _DIRECTIVE.match(line):
            pending = _options(match["body"], where)
            unknown = set(pending) - OPTIONS
            if unknown:
                raise SnippetSyntaxError(f"{where}: unknown snippet option(s) {sorted(unknown)}")
            if "skip" in pending and not pending["skip"].strip():
                raise SnippetSyntaxError(f"{where}: skip needs a reason")
        elif _SETUP.match(line):
            in_setup = True
        elif in_setup and line.strip() == "-->":
            in_setup = False
        elif match := _FENCE.match(line):
            fence, info = match["fence"], match["info"].strip()
            lang = info.split()[0] if info else ""
            body: list[str] = []
            index += 1
            while index < len(lines) and not (
                lines[index].strip().startswith(fence[0] * len(fence))
                and lines[index].strip().strip(fence[0]) == ""
            ):
                body.append(lines[index][len(match["indent"]) :])
                index += 1
            if index == len(lines):
                raise SnippetSyntaxError(f"{where}: the fence opened here is never closed")
            if in_setup and lang not in ("sh", "bash"):
                raise SnippetSyntaxError(f"{where}: a snippet-setup block must be sh")
            blocks.append(
                Block(
                    page=path,
                    line=int(where.rsplit(":", 1)[1]),
                    lang=lang,
                    code="\n".join(body) + "\n",
                    options=pending or {},
                    setup=in_setup,
                )
            )
            pending = None
        elif line.strip() and pending is not None:
            raise SnippetSyntaxError(f"{where}: a snippet comment must stand right above a fence")
        index += 1
    return Page(path=path, options=page, blocks=tuple(blocks))


def check_languages(page: Page) -> list[str]:
    """Problems with the fences' languages: none may be left unsaid, since a
    block of an unknown language would be neither run nor listed as skipped."""
    return [
        f"{block.where}: fence language {block.lang!r} is neither run ({', '.join(sorted(RUN))}) "
        f"nor shown ({', '.join(sorted(SHOWN))})"
        for block in page.blocks
        if block.lang not in RUN | SHOWN
    ]


def console_commands(code: str) -> list[tuple[str, list[str]]]:
    """A console block as (command, expected output lines) pairs."""
    found: list[tuple[str, list[str]]] = []
    for line in code.splitlines():
        if line.startswith("$ "):
            found.append((line[2:], []))
        elif found:
            found[-1][1].append(line)
    return found


def output_matches(expected: list[str], actual: str) -> str | None:
    """None when every expected line matches a line of `actual`, in order
    (``…`` standing for any text); else the first line that did not."""
    lines = actual.splitlines()
    position = 0
    for want in expected:
        if not want.strip():
            continue
        pattern = re.compile(".*".join(re.escape(part) for part in want.split("…")) + r"\Z")
        while position < len(lines) and not pattern.match(lines[position]):
            position += 1
        if position == len(lines):
            return want
        position += 1
    return None

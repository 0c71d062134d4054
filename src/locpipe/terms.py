"""Terminology: per-locale glossaries and a do-not-translate list, enforced in MT.

A glossary is a UTF-8 CSV file per locale with a header row `source,target`
or `source,target,note` (`glossary = {ko = "terms/ko.csv"}` in the
configuration). The do-not-translate list (`do_not_translate`) holds terms
that every locale keeps as written: product names, code words. It is either
a list in the configuration or the path of a text file with one term per
line (`#` starts a comment line).

**Matching** is whole-word and case-aware: a term is found only where no
letter, digit or `_` touches it on either side ("Git" is not in "GitHub")
and it is not part of a dotted, hyphenated or slashed compound ("file" is
not in "file.txt", "file-based" or "src/file"),
any run of whitespace matches the spaces of a multi-word term, and a term
written in lower case matches any capitalisation ("file" finds "File" at the
start of a sentence) while a term with a capital letter matches only as
written ("Go" the language is not "go" the verb). Where terms overlap, the
longest wins ("pull request" over "request"). Terms inside placeholders,
markup, URLs and code are never touched: those are masked first.

**In MT** each term found becomes a sentinel like the placeholders
(`placeholders.mask`), so the model translates the text around it and
inflects it as it needs ("ZX1Z를"); the sentinel comes back as the
glossary's target term, or for a do-not-translate term as the source text
exactly as written. When the model drops a sentinel, the term is put back at
the same relative place (at a word boundary where the translation has
spaces) and the entry gets an `# mt-warning:` saying so, for a reviewer to
fix. Pure, but for `load`.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from locpipe.catalog import State, state
from locpipe.config import Config
from locpipe.errors import LocpipeError, decode_utf8
from locpipe.model import Catalog
from locpipe.placeholders import SENTINEL_RE, Masked, sentinel

if TYPE_CHECKING:
    from locpipe.qa import Problem

COLUMNS = ("source", "target", "note")


class GlossaryError(LocpipeError):
    """A glossary or do-not-translate file cannot be used as it is."""

    exit_code = 2


@dataclass(frozen=True, slots=True)
class Term:
    """A source term and what MT must make of it: `target`, or None to keep
    the source text as written (do not translate)."""

    source: str
    target: str | None
    note: str = ""


# A term is a whole word: no letter, digit or `_` next to it, and not part of
# a dotted, hyphenated or slashed compound ("file" is not in "file.txt",
# "file-based" or "src/file").
_BEFORE = r"(?<!\w)(?<!\w[.\-/])"
_AFTER = r"(?!\w)(?![.\-/]\w)"


def _term_regex(term: str) -> str:
    words = [re.escape(w) for w in term.split()]
    body = r"\s+".join(words)
    return f"(?i:{body})" if term == term.lower() else body


@dataclass(frozen=True, slots=True)
class Glossary:
    """The terms of one locale, with one compiled pattern that finds them all."""

    terms: tuple[Term, ...] = ()
    _pattern: re.Pattern[str] | None = field(default=None, compare=False, repr=False)
    _order: tuple[Term, ...] = field(default=(), compare=False, repr=False)

    @classmethod
    def of(cls, terms: Iterable[Term]) -> Glossary:
        """A Glossary of `terms` (a later term with the same source replaces an earlier one)."""
        unique = tuple({t.source: t for t in terms}.values())
        if not unique:
            return cls()
        order = tuple(sorted(unique, key=lambda t: (-len(t.source), t.source)))
        alternatives = "|".join(f"({_term_regex(t.source)})" for t in order)
        pattern = re.compile(rf"{_BEFORE}(?:{alternatives}){_AFTER}")
        return cls(unique, pattern, order)

    def find(self, text: str) -> list[tuple[int, int, Term]]:
        """(start, end, term) of every term in `text`, left to right, longest first."""
        if self._pattern is None:
            return []
        found = []
        for match in self._pattern.finditer(text):
            assert match.lastindex is not None
            found.append((match.start(), match.end(), self._order[match.lastindex - 1]))
        return found

    def __bool__(self) -> bool:
        return bool(self.terms)


@dataclass(frozen=True, slots=True)
class TermMasked:
    """`base` (placeholders masked) with each term also masked: `text` is what
    the engine translates; sentinel `first + i` comes back as `replacements[i]`,
    whose place in `text` was `places[i]` (a fraction of its length)."""

    text: str
    base: Masked
    first: int
    replacements: tuple[str, ...]
    places: tuple[float, ...]


def mask_terms(base: Masked, glossary: Glossary) -> TermMasked:
    """Replace each term in `base.text` by a sentinel numbered after its placeholders."""
    first = len(base.tokens)
    pieces: list[str] = []
    replacements: list[str] = []
    starts: list[int] = []
    last = 0
    # Sentinels count as punctuation: "<b>GitHub</b>" is "ZX0ZGitHubZX1Z".
    visible = SENTINEL_RE.sub(lambda m: "\0" * len(m.group(0)), base.text)
    for start, end, term in glossary.find(visible):
        pieces.append(base.text[last:start])
        starts.append(sum(len(p) for p in pieces))
        pieces.append(sentinel(first + len(replacements)))
        found = base.text[start:end]
        replacements.append(term.target if term.target is not None else found)
        last = end
    pieces.append(base.text[last:])
    text = "".join(pieces)
    places = tuple(s / len(text) for s in starts) if text else ()
    return TermMasked(text, base, first, tuple(replacements), places)


def _insert(text: str, lost: list[tuple[float, str]]) -> str:
    """`text` with each (place, term) of `lost` put in at about `place` (a
    fraction of the length of `text`): at a word boundary when the text has
    spaces, never inside a sentinel."""
    if not lost:
        return text
    spaced = " " in text.strip()
    if spaced:
        bounds = [0, len(text)] + [i for i, c in enumerate(text) if c == " "]
    else:
        inside = [range(m.start() + 1, m.end()) for m in SENTINEL_RE.finditer(text)]
        bounds = [i for i in range(len(text) + 1) if not any(i in r for r in inside)]
    cuts: dict[int, list[str]] = {}
    for place, term in lost:
        at = round(place * len(text))
        cuts.setdefault(min(bounds, key=lambda b: (abs(b - at), b)), []).append(term)
    pieces, last = [], 0
    for at in sorted(cuts):
        pieces += [text[last:at], *cuts[at]]
        last = at
    pieces.append(text[last:])
    if spaced:
        return " ".join(p.strip() for p in pieces if p.strip())
    return "".join(pieces)


def restore_terms(translated: str, masked: TermMasked) -> tuple[str, list[str]]:
    """Put each term's replacement in place of its sentinel in `translated`.

    Returns the text, with the placeholder sentinels still in it (for
    `placeholders.unmask`), and a problem for each term whose sentinel the
    engine lost and that was put back by position.
    """
    count = len(masked.replacements)
    seen: set[int] = set()

    def restore(match: re.Match[str]) -> str:
        index = int(match.group(1)) - masked.first
        if not 0 <= index < count:
            return match.group(0)
        seen.add(index)
        return masked.replacements[index]

    text = SENTINEL_RE.sub(restore, translated)
    lost = [i for i in range(count) if i not in seen]
    text = _insert(text, [(masked.places[i], masked.replacements[i]) for i in lost])
    return text, [f"term {masked.replacements[i]} placed by position" for i in lost]


# -- reading -----------------------------------------------------------------


def _decode(data: bytes, path: Path) -> str:
    return decode_utf8(data, path, GlossaryError, "save the file as UTF-8")


def parse_glossary(data: bytes, path: Path) -> tuple[Term, ...]:
    """The terms of a glossary CSV file's bytes (see the module docstring).

    Raises GlossaryError naming the line for text that is not UTF-8, a wrong
    header, a row with the wrong number of columns, an empty source or target
    term, or one source term given two targets.
    """
    text = _decode(data, path)
    reader = csv.reader(io.StringIO(text, newline=""))
    header_fix = "start the file with the header row: source,target,note"
    try:
        rows = [(reader.line_num, row) for row in reader]
    except csv.Error as exc:
        raise GlossaryError(
            f"not valid CSV: {exc}", file=path, line=reader.line_num, fix='quote fields with "'
        ) from exc
    rows = [(line, row) for line, row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise GlossaryError("the glossary is empty", file=path, line=1, fix=header_fix)
    line, header = rows[0]
    names = tuple(cell.strip().lower() for cell in header)
    if names not in (COLUMNS[:2], COLUMNS):
        raise GlossaryError(
            f"the header row must be source,target or source,target,note, not {','.join(header)}",
            file=path,
            line=line,
            fix=header_fix,
        )
    terms: dict[str, tuple[Term, int]] = {}
    for line, row in rows[1:]:
        if len(row) != len(names):
            raise GlossaryError(
                f"expected {len(names)} columns ({','.join(names)}), found {len(row)}",
                file=path,
                line=line,
                fix='quote a term that holds a comma: "Save, then quit",저장 후 종료',
            )
        source, target = row[0].strip(), row[1].strip()
        if not source or not target:
            which = "source" if not source else "target"
            raise GlossaryError(
                f"empty {which} term",
                file=path,
                line=line,
                fix="fill in the term or remove the row",
            )
        earlier = terms.get(source)
        if earlier is not None and earlier[0].target != target:
            raise GlossaryError(
                f"{source!r} is given two targets ({earlier[0].target!r} on line "
                f"{earlier[1]} and {target!r})",
                file=path,
                line=line,
                fix="keep one row per source term",
            )
        note = row[2].strip() if len(row) > 2 else ""
        terms[source] = (Term(source, target, note), line)
    return tuple(term for term, _ in terms.values())


def parse_do_not_translate(data: bytes, path: Path) -> tuple[Term, ...]:
    """The terms of a do-not-translate file: one per line, `#` lines are comments."""
    text = _decode(data, path)
    lines = (line.strip() for line in text.splitlines())
    return tuple(Term(line, None) for line in lines if line and not line.startswith("#"))


def _read(path: Path, what: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise GlossaryError(
            f"cannot read the {what}: {exc.strerror}",
            file=path,
            fix="correct the path in the configuration",
        ) from exc


def files(config: Config) -> list[Path]:
    """Every glossary and do-not-translate file the configuration names."""
    found = [config.root / path for _, path in config.glossary]
    if config.do_not_translate_file is not None:
        found.append(config.root / config.do_not_translate_file)
    return found


def load(config: Config, locale: str) -> Glossary:
    """The glossary of `locale`: its glossary file's terms and the
    do-not-translate terms (which win when a term is in both)."""
    terms: list[Term] = []
    for name, relpath in config.glossary:
        if name == locale:
            path = config.root / relpath
            terms += parse_glossary(_read(path, "glossary"), path)
    terms += [Term(t, None) for t in config.do_not_translate]
    if config.do_not_translate_file is not None:
        path = config.root / config.do_not_translate_file
        terms += parse_do_not_translate(_read(path, "do-not-translate list"), path)
    return Glossary.of(terms)


# -- checking reviewed translations ------------------------------------------


def check_catalog(cat: Catalog, file: str, glossary: Glossary) -> list[Problem]:
    """A `glossary` warning for each reviewed entry of `cat` whose source
    holds a term that its translation lacks: the glossary's target, or for a
    do-not-translate term the term as written. (Machine entries follow the
    glossary by construction; fuzzy ones are not finished.)"""
    from locpipe.qa import WARNING, Problem  # the QA tables: only when checking

    problems: list[Problem] = []
    for message in cat.active() if glossary else ():
        if state(message) is not State.REVIEWED:
            continue
        source = message.msgid + "\n" + (message.msgid_plural or "")
        wanted: dict[str, Term] = {}
        for start, end, term in glossary.find(source):
            wanted.setdefault(term.target or source[start:end], term)
        for target, term in wanted.items():
            if all(target in form for form in message.translations):
                continue
            if term.target is None:
                message_text = f"do-not-translate term {target!r} is not in the translation"
            else:
                note = f" ({term.note})" if term.note else ""
                message_text = (
                    f"the source has {term.source!r}: the glossary says {target!r}{note}, "
                    "which the translation lacks"
                )
            problems.append(Problem.of(file, message, "glossary", message_text, WARNING))
    return problems

"""What `msgfmt --check` requires of an entry: checked, and kept when text moves. Pure.

msgfmt's fatal checks (gettext 0.21, `msgfmt -c`) on a translated entry:

* a msgid that begins (ends) with a newline needs every msgstr to begin
  (end) with one, and the other way round; msgid_plural likewise;
* under a format flag, each msgstr has the directives of its source
  (`formats.directives` follows msgfmt's verdicts; only the flags it parses,
  `python-format`, `c-format` and `python-brace-format`, are checked);
* a plural entry has as many msgstr forms as the header's Plural-Forms
  declares.

msgfmt checks the entries it compiles: the ones that are not fuzzy, and
fuzzy ones too with `--use-fuzzy`. locpipe checks the entries it ships.

A translation that moves to another source (memory, a fuzzy match, machine
output for a source with whitespace at its ends) takes the whitespace at the
ends of its new source (`fit_edges`), so what locpipe writes passes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from locpipe.formats.directives import CHECKED_FLAGS, format_flags, passes
from locpipe.model import Message


def _edges(text: str) -> tuple[str, str]:
    core = text.strip()
    if not core:
        return text, ""
    start = text.index(core)
    return text[:start], text[start + len(core) :]


def fit_edges(text: str, source: str) -> str:
    """`text` with the whitespace at the ends of `source` in place of its own
    (a text that is all whitespace is left alone)."""
    if not text.strip():
        return text
    lead, trail = _edges(source)
    return lead + text.strip() + trail


def carried(text: str, old_source: str, new_source: str) -> str:
    """`text`, written for `old_source`, as a translation of `new_source`: as
    it is when the two sources have the same whitespace at their ends (the
    translator's own choice stands), else fitted to `new_source`."""
    if _edges(old_source) == _edges(new_source):
        return text
    return fit_edges(text, new_source)


def carried_forms(
    forms: Sequence[str], old: Message, msgid: str, msgid_plural: str | None
) -> tuple[str, ...]:
    """The msgstr forms of `old` carried to an entry with `msgid` (and
    `msgid_plural`): form 0 follows the msgid, the others the msgid_plural."""
    old_plural = old.msgid_plural if old.msgid_plural is not None else old.msgid
    return tuple(
        carried(
            form,
            old.msgid if i == 0 else old_plural,
            msgid if i == 0 or msgid_plural is None else msgid_plural,
        )
        for i, form in enumerate(forms)
    )


@dataclass(frozen=True, slots=True)
class Failure:
    """An entry `msgfmt -c` would reject: where it starts and why."""

    line: int
    msgid: str
    reason: str


def _newline(side: str, a: str, b: str, names: tuple[str, str]) -> str | None:
    starts = (a.startswith("\n"), b.startswith("\n")) if side == "begin" else None
    ends = (a.endswith("\n"), b.endswith("\n")) if side == "end" else None
    pair = starts or ends
    assert pair is not None
    if pair[0] != pair[1]:
        return f"'{names[0]}' and '{names[1]}' entries do not both {side} with '\\n'"
    return None


def entry_failures(message: Message, nplurals: int | None) -> list[str]:
    """Why `msgfmt -c` would reject `message` (no reason when it passes, or
    when it is untranslated); `nplurals` is the header's, if it declares one."""
    if message.obsolete or not message.msgid or not any(message.translations):
        return []
    reasons: list[str] = []
    pairs: list[tuple[str, str, tuple[str, str]]] = []
    if message.msgid_plural is not None:
        pairs.append((message.msgid, message.msgid_plural, ("msgid", "msgid_plural")))
        pairs += [
            (message.msgid, form, ("msgid", f"msgstr[{i}]"))
            for i, form in enumerate(message.msgstr_plural)
        ]
        if nplurals is not None and len(message.msgstr_plural) != nplurals:
            reasons.append(
                f"{len(message.msgstr_plural)} plural forms, but the header's "
                f"Plural-Forms says nplurals={nplurals}"
            )
    else:
        pairs.append((message.msgid, message.msgstr, ("msgid", "msgstr")))
    for a, b, names in pairs:
        if not b and names[1] != "msgid_plural":
            continue
        for side in ("begin", "end"):
            reason = _newline(side, a, b, names)
            if reason is not None:
                reasons.append(reason)
    for flag in sorted(format_flags(message.flags) & CHECKED_FLAGS):
        if not passes(message.msgid, message.msgid_plural, message.translations, flag):
            reasons.append(f"the translation does not have the {flag} directives of the msgid")
    return reasons


def failures(
    messages: Iterable[Message], nplurals: int | None, flags: Sequence[str] = ()
) -> list[Failure]:
    """The entries of `messages` that `msgfmt -c` would reject, in order
    (`flags`: format flags every entry has, besides its own)."""
    found: list[Failure] = []
    for message in messages:
        if flags:
            message = message.replace(flags=(*message.flags, *flags))
        for reason in entry_failures(message, nplurals):
            found.append(Failure(message.lineno, message.msgid, reason))
    return found

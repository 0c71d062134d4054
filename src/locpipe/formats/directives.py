"""Does a translation pass `msgfmt -c` for a format flag? Pure.

msgmerge makes an entry fuzzy when the template adds a format flag (for
example `python-brace-format`) that the kept translation fails, so that a
catalogue passing `msgfmt -c` never stops passing it after a merge. locpipe
does the same, with a check on the safe side of msgfmt's: the directives of
each msgstr must be the directives of the msgid (or, for a plural form, of
the msgid or msgid_plural), as a set for named and numbered directives and
in order for plain ones. Flags whose syntax locpipe does not parse count
as failed, so the entry goes to a reviewer rather than breaking `msgfmt -c`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from locpipe.placeholders import BRACE, PRINTF, format_spans

#: The format flags whose directives locpipe finds, and the span kind of each.
_KINDS = {
    "python-format": PRINTF,
    "c-format": PRINTF,
    "python-brace-format": BRACE,
}


#: The format flags `passes` can judge.
CHECKED_FLAGS = frozenset(_KINDS)


def format_flags(flags: Sequence[str]) -> frozenset[str]:
    """The positive format flags among `flags` (`python-format`, not
    `no-python-format`, nor `fuzzy` or `no-wrap`)."""
    return frozenset(f for f in flags if f.endswith("-format") and not f.startswith("no-"))


def _directives(text: str, flag: str) -> tuple[str, ...]:
    kind = _KINDS[flag]
    found = [text[s.start : s.end] for s in format_spans(text, (flag,)) if s.kind == kind]
    return tuple(d for d in found if d not in ("%%", "{{", "}}"))


_ARGUMENT = re.compile(r"%\(|%\d+\$|\{[\w]")


def _same(source: tuple[str, ...], target: tuple[str, ...]) -> bool:
    """Named or numbered directives (`%(name)s`, `%1$s`, `{name}`, `{0}`)
    may come in any order; plain ones (`%s`, `{}`) must keep theirs."""
    if all(_ARGUMENT.match(d) for d in source + target):
        return set(source) == set(target)
    return source == target


def passes(msgid: str, msgid_plural: str | None, translations: Sequence[str], flag: str) -> bool:
    """True when every non-empty translation has the directives of its source
    under `flag` (see the module docstring)."""
    if flag not in _KINDS:
        return False
    sources = [_directives(msgid, flag)]
    if msgid_plural is not None:
        sources.append(_directives(msgid_plural, flag))
    return all(
        any(_same(source, _directives(text, flag)) for source in sources)
        for text in translations
        if text
    )


def newly_failing(
    old_flags: Sequence[str],
    new_flags: Sequence[str],
    msgid: str,
    msgid_plural: str | None,
    translations: Sequence[str],
) -> bool:
    """True when `new_flags` add a format flag (absent from `old_flags`) that
    the translations fail: msgmerge's reason to make a kept entry fuzzy."""
    added = format_flags(new_flags) - format_flags(old_flags)
    return any(not passes(msgid, msgid_plural, translations, f) for f in sorted(added))

"""Findings of the QA checks, and what a team decided about them. Pure.

A `Problem` is one finding with its severity and a stable `id` (a hash of
check, msgctxt, msgid and subject: it survives line moves and holds in every
file). A team keeps a finding it decided is fine out of `locpipe check` by a
translator comment on the entry, `# check: ignore=identical,length`, or in
the configuration (`Options`: checks switched off, ids allowed, msgids that
may stay identical).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from locpipe.catalog import fingerprint
from locpipe.model import Message

ERROR = "error"
WARNING = "warning"
INFO = "info"
SEVERITIES = (ERROR, WARNING, INFO)

#: `# check: ignore=identical,length`: a translator comment keeping findings out.
IGNORE_COMMENT = re.compile(r"check:\s*ignore\s*=\s*(\S.*)")
#: A trailing parenthesis of a finding's message holds measures, not identity.
_DETAIL = re.compile(r"\s*\([^()]*\)\Z")


def finding_id(check: str, message: Message, text: str) -> str:
    """A finding's stable id: a hash of its check, the entry's msgctxt and
    msgid, and its subject (`text` without a trailing parenthesis of
    measures), so it survives line moves and holds for every file."""
    subject = _DETAIL.sub("", text)
    return fingerprint((check, message.msgctxt or "", message.msgid, subject))


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding: where (`file`, `line` of the entry), which check, what,
    how bad, and its stable `id` (see `finding_id`)."""

    file: str
    line: int
    check: str
    message: str
    severity: str  # ERROR | WARNING | INFO
    id: str = ""

    @classmethod
    def of(cls, file: str, message: Message, check: str, text: str, severity: str) -> Problem:
        """The finding `check` reports on `message` of `file`, with its id."""
        return cls(file, message.lineno, check, text, severity, finding_id(check, message, text))


@dataclass(frozen=True, slots=True)
class Options:
    """What a team decided about findings (the configuration's `check_*` keys)."""

    #: checks switched off by name
    disabled: frozenset[str] = frozenset()
    #: finding ids decided fine
    allowed: frozenset[str] = frozenset()
    #: msgids whose translation may be identical to them (terms kept in English)
    identical_allowed: frozenset[str] = frozenset()


#: No decisions: every finding is reported.
NO_OPTIONS = Options()


def ignored_checks(message: Message) -> frozenset[str]:
    """The checks a `# check: ignore=…` translator comment of `message` names."""
    names: set[str] = set()
    for comment in message.translator_comments:
        found = IGNORE_COMMENT.match(comment.strip())
        if found is not None:
            names.update(n.strip() for n in re.split(r"[,\s]+", found.group(1)) if n.strip())
    return frozenset(names)


def decided(problem: Problem, message: Message, options: Options) -> bool:
    """Whether a team decided `problem` on `message` is fine: its check is
    switched off or ignored on the entry, or its id is allowed."""
    return (
        problem.check in options.disabled
        or problem.check in ignored_checks(message)
        or problem.id in options.allowed
    )


def format_problems(problems: Sequence[Problem]) -> str:
    """One `file:line: severity: check: message` line per problem (the form
    compilers use, which CI systems turn into annotations), each ending in a newline."""
    return "".join(f"{p.file}:{p.line}: {p.severity}: {p.check}: {p.message}\n" for p in problems)


def problems_to_json(problems: Sequence[Problem]) -> str:
    """The problems as a JSON array of objects (file, line, check, message,
    severity, id), UTF-8 text unescaped, ending in a newline."""
    return json.dumps([asdict(p) for p in problems], ensure_ascii=False, indent=2) + "\n"

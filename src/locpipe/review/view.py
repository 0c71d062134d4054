"""What the review page shows of a catalogue: its entries, worst first. Pure.

Each entry is shown with what a reviewer needs to judge it: its state and MT
score, the source with the sentences around it in its document, the `#|`
previous source as a word diff against the current one, the glossary terms
the source holds, and the QA findings of the translation. `order` puts the
entries the model was least sure of first (as `locpipe review` lists them).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence

from locpipe import catalog, terms
from locpipe.documents.segment import Segment
from locpipe.model import Message
from locpipe.qa import Problem
from locpipe.terms import Term

#: How many sentences of a document the page shows before and after an entry's own.
CONTEXT = 2

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")

#: Review order of the states after the machine entries: carried-over and
#: suggested translations (a person's text for another sentence) next, then
#: what has no translation, then what is done.
_STATE_RANK = {
    catalog.State.MACHINE: 0,
    catalog.State.FUZZY: 1,
    catalog.State.UNTRANSLATED: 2,
    catalog.State.REVIEWED: 3,
}


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """(op, text) pieces that turn `old` into `new` word by word: op "=" for
    text in both, "-" for text only in `old`, "+" for text only in `new`."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    pieces: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append(("=", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(("-", "".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(("+", "".join(b[j1:j2])))
    return pieces


def places(segments: Sequence[Segment]) -> tuple[list[str], dict[str, int]]:
    """A document's sentences in order, and where each (msgid) first occurs
    among them: the page shows the CONTEXT sentences around that place."""
    texts = [s.text for s in segments]
    found: dict[str, int] = {}
    for i, text in enumerate(texts):
        found.setdefault(text, i)
    return texts, found


def marked(text: str, glossary: terms.Glossary) -> tuple[list[tuple[str, int | None]], list[Term]]:
    """`text` cut into pieces, each with the index of the glossary term it
    is (None between terms), and those terms, each once."""
    pieces: list[tuple[str, int | None]] = []
    found: list[Term] = []
    at = 0
    for start, end, term in glossary.find(text):
        if term not in found:
            found.append(term)
        if start > at:
            pieces.append((text[at:start], None))
        pieces.append((text[start:end], found.index(term)))
        at = end
    if at < len(text) or not pieces:
        pieces.append((text[at:], None))
    return pieces, found


def problem_json(problem: Problem) -> dict[str, str]:
    """A QA finding as the page shows it."""
    return {"check": problem.check, "severity": problem.severity, "message": problem.message}


def _warnings(message: Message) -> list[str]:
    prefix = catalog.WARNING_PREFIX
    return [c[len(prefix) :] for c in message.translator_comments if c.startswith(prefix)]


def entry(
    message: Message,
    problems: Sequence[dict[str, str]],
    glossary: terms.Glossary,
    place: int | None,
) -> dict[str, object]:
    """One entry of the page (JSON-ready). `key` is its identity, (msgctxt,
    msgid), with which the page names it in a save; `place` is where its
    sentence is in the document (see `places`), None for an app's string;
    `source` is the msgid cut at its glossary terms (None when it has none)."""
    previous = message.previous_msgid
    pieces, found = marked(message.msgid, glossary)
    return {
        "key": [message.msgctxt, message.msgid],
        "line": message.lineno,
        "msgctxt": message.msgctxt,
        "msgid": message.msgid,
        "msgid_plural": message.msgid_plural,
        "texts": list(message.translations),
        "state": str(catalog.state(message)),
        "score": catalog.mt_score(message),
        "previous": previous,
        "diff": word_diff(previous, message.msgid) if previous is not None else None,
        "references": list(message.references),
        "notes": list(message.extracted_comments),
        "warnings": _warnings(message),
        "source": pieces if found else None,
        "terms": [{"source": t.source, "target": t.target, "note": t.note} for t in found],
        "problems": list(problems),
        "place": place,
    }


def _rank(message: Message) -> tuple[int, bool, float, int]:
    score = catalog.mt_score(message)
    state = catalog.state(message)
    return (_STATE_RANK[state], score is None, score or 0.0, message.lineno)


def order(messages: Iterable[Message]) -> list[Message]:
    """Machine entries lowest score first (those without a score after),
    then fuzzy ones (by score where they have one), untranslated, reviewed;
    each in file order otherwise."""
    return sorted(messages, key=_rank)


def entries(
    messages: Iterable[Message],
    problems: Callable[[Message], Sequence[dict[str, str]]],
    glossary: terms.Glossary,
    document: Mapping[str, int] | None,
) -> list[dict[str, object]]:
    """The page's entries of the active `messages` in review order (see
    `order`), each with its `problems` and, for a document's catalogue, its
    place in the `document` (see `places`)."""
    return [
        entry(m, problems(m), glossary, document.get(m.msgid) if document is not None else None)
        for m in order(m for m in messages if not m.obsolete)
    ]

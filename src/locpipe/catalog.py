"""The entry lifecycle: templates, updates, machine and memory fills. Pure.

States (DESIGN.md): *untranslated* (empty msgstr), *machine* (fuzzy, with a
`# mt:` comment whose fingerprint still matches the msgstr), *reviewed* (not
fuzzy, or fuzzy with a msgstr a person has changed since MT), and *fuzzy*
(fuzzy with no MT provenance: a carried-over translation waiting for review).
Provenance lives in `# ` translator comments because msgmerge, msgcat and PO
editors keep those.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from locpipe.model import FUZZY, Catalog, Message
from locpipe.mt import fingerprint

MT_PREFIX = "mt: "
TM_PREFIX = "tm: "
WARNING_PREFIX = "mt-warning: "
PROVENANCE_PREFIXES = (MT_PREFIX, TM_PREFIX, WARNING_PREFIX)

#: msgmerge's threshold for carrying a translation over to a changed msgid.
FUZZY_THRESHOLD = 0.6


class State(StrEnum):
    UNTRANSLATED = "untranslated"
    MACHINE = "machine"
    FUZZY = "fuzzy"
    REVIEWED = "reviewed"


def mt_comment(message: Message) -> str | None:
    """The `mt: …` translator comment of `message`, if any."""
    for comment in message.translator_comments:
        if comment.startswith(MT_PREFIX):
            return comment
    return None


def state(message: Message) -> State:
    """The lifecycle state of `message` (see the module docstring)."""
    if not message.translated:
        return State.UNTRANSLATED
    if not message.fuzzy:
        return State.REVIEWED
    comment = mt_comment(message)
    if comment is None:
        return State.FUZZY
    if comment.endswith(f"fp:{fingerprint(message.translations)}"):
        return State.MACHINE
    return State.REVIEWED


@dataclass(frozen=True, slots=True)
class Occurrence:
    """A source sentence at a place: the msgid and its `#:` reference."""

    text: str
    reference: str


def template(header: Message, occurrences: Iterable[Occurrence]) -> Catalog:
    """A .pot catalogue: one entry per distinct text, in first-seen order,
    with every reference of the text."""
    refs: dict[str, list[str]] = {}
    for occ in occurrences:
        places = refs.setdefault(occ.text, [])
        if occ.reference not in places:
            places.append(occ.reference)
    messages = tuple(Message(msgid=text, references=tuple(places)) for text, places in refs.items())
    return Catalog(header=header, messages=messages)


def _without_provenance(comments: Sequence[str]) -> tuple[str, ...]:
    return tuple(c for c in comments if not c.startswith(PROVENANCE_PREFIXES))


def _flags(template_flags: Sequence[str], fuzzy: bool) -> tuple[str, ...]:
    rest = tuple(f for f in template_flags if f != FUZZY)
    return ((FUZZY,) if fuzzy else ()) + rest


def _carry(new: Message, old: Message) -> Message:
    """`new` (from the template) with the translation state of `old` (same key)."""
    keep_previous = old.fuzzy
    return new.replace(
        msgstr=old.msgstr,
        msgstr_plural=old.msgstr_plural,
        flags=_flags(new.flags, old.fuzzy),
        translator_comments=old.translator_comments,
        previous_msgctxt=old.previous_msgctxt if keep_previous else None,
        previous_msgid=old.previous_msgid if keep_previous else None,
        previous_msgid_plural=old.previous_msgid_plural if keep_previous else None,
    )


def _similarity(a: str, b: str) -> float:
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < FUZZY_THRESHOLD or matcher.quick_ratio() < FUZZY_THRESHOLD:
        return 0.0
    return matcher.ratio()


def _fuzzy_pairs(new: Sequence[Message], old: Sequence[Message]) -> dict[int, Message]:
    """Best-first matching of new entries to distinct old ones above the threshold."""
    scored = []
    for i, n in enumerate(new):
        for j, o in enumerate(old):
            score = _similarity(n.msgid, o.msgid)
            if score >= FUZZY_THRESHOLD:
                scored.append((-score, i, j))
    scored.sort()
    taken_new: dict[int, Message] = {}
    taken_old: set[int] = set()
    for _, i, j in scored:
        if i not in taken_new and j not in taken_old:
            taken_new[i] = old[j]
            taken_old.add(j)
    return taken_new


def _fuzzy_from(new: Message, old: Message) -> Message:
    return new.replace(
        msgstr=old.msgstr,
        msgstr_plural=old.msgstr_plural,
        flags=_flags(new.flags, True),
        translator_comments=_without_provenance(old.translator_comments),
        previous_msgctxt=old.msgctxt,
        previous_msgid=old.msgid,
        previous_msgid_plural=old.msgid_plural,
    )


def _obsolete(message: Message) -> Message:
    return message.replace(obsolete=True, references=())


def update(old: Catalog | None, pot: Catalog, header: Message) -> Catalog:
    """Merge the template `pot` into the catalogue `old`, as msgmerge would.

    Same key: the translation and its state carry over. Changed source: a
    reviewed or fuzzy translation of the most similar vanished msgid comes in
    as fuzzy with `#|` previous msgid; machine output is not carried over (it
    is translated afresh). Vanished translated entries become obsolete and
    come back when their msgid returns. Updating twice equals updating once.
    """
    old_messages = old.messages if old is not None else ()
    by_key = {m.key: m for m in old_messages if m.obsolete}
    by_key.update({m.key: m for m in old_messages if not m.obsolete})
    merged: list[Message | None] = []
    unmatched: list[int] = []
    for message in pot.messages:
        previous = by_key.get(message.key)
        if previous is not None:
            merged.append(_carry(message, previous))
        else:
            merged.append(None)
            unmatched.append(len(merged) - 1)
    used = {m.key for m in merged if m is not None}
    gone = [m for m in old_messages if not m.obsolete and m.key not in used and m.translated]
    candidates = [m for m in gone if state(m) in (State.REVIEWED, State.FUZZY)]
    pairs = _fuzzy_pairs([pot.messages[i] for i in unmatched], candidates)
    for n, index in enumerate(unmatched):
        source = pot.messages[index]
        match = pairs.get(n)
        merged[index] = _fuzzy_from(source, match) if match is not None else source
    reused = {id(m) for m in pairs.values()}
    obsolete = [_obsolete(m) for m in gone if id(m) not in reused]
    obsolete_keys = {m.key for m in obsolete} | used
    obsolete += [m for m in old_messages if m.obsolete and m.key not in obsolete_keys]
    active = tuple(m for m in merged if m is not None)
    return Catalog(header=header, messages=active + tuple(obsolete))


def pending_sources(message: Message) -> tuple[str, ...]:
    """What MT must translate for `message`: its msgid (and msgid_plural) when
    it is an untranslated active entry, else nothing."""
    if message.obsolete or state(message) is not State.UNTRANSLATED:
        return ()
    if message.msgid_plural is not None:
        return (message.msgid, message.msgid_plural)
    return (message.msgid,)


def pending(catalog: Catalog) -> list[str]:
    """The source texts of the untranslated active entries, in file order."""
    return [text for message in catalog.active() for text in pending_sources(message)]


def apply_machine(
    catalog: Catalog,
    translations: Mapping[str, str],
    engine_id: str,
    nplurals: int = 1,
    warnings: Mapping[str, Sequence[str]] | None = None,
) -> tuple[Catalog, int]:
    """Fill untranslated entries from `translations` (source → MT output).

    Each filled entry is fuzzy with a `# mt: <engine_id> fp:<fingerprint>`
    comment, and a `# mt-warning: …` comment when `warnings` lists problems
    for its source (placeholders the engine lost). Returns the new catalogue
    and how many entries were filled.
    """
    filled = 0
    messages: list[Message] = []
    for message in catalog.messages:
        if message.obsolete or state(message) is not State.UNTRANSLATED:
            messages.append(message)
            continue
        plural = message.msgid_plural
        source = plural if plural is not None else message.msgid
        text = translations.get(source)
        if not text or (plural is not None and message.msgid not in translations):
            messages.append(message)
            continue
        forms = (text,) * nplurals if plural is not None else (text,)
        comments = [f"{MT_PREFIX}{engine_id} fp:{fingerprint(forms)}"]
        problems = [p for src in {message.msgid, source} for p in (warnings or {}).get(src, ())]
        if problems:
            comments.append(WARNING_PREFIX + "; ".join(sorted(set(problems))))
        messages.append(
            message.replace(
                msgstr="" if plural is not None else text,
                msgstr_plural=forms if plural is not None else (),
                flags=_flags(message.flags, True),
                translator_comments=(*_without_provenance(message.translator_comments), *comments),
            )
        )
        filled += 1
    return Catalog(header=catalog.header, messages=tuple(messages)), filled


def _normalise(text: str) -> str:
    return " ".join(text.split())


def memory(catalogs: Mapping[str, Catalog]) -> dict[str, tuple[Message, str]]:
    """Reviewed translations by whitespace-normalised msgid, with the name of
    the catalogue they come from. Machine and fuzzy entries never enter."""
    found: dict[str, tuple[Message, str]] = {}
    for name, catalog in sorted(catalogs.items()):
        for message in catalog.active():
            if message.msgid_plural is None and state(message) is State.REVIEWED:
                found.setdefault(_normalise(message.msgid), (message, name))
    return found


def apply_memory(
    catalog: Catalog, reviewed: Mapping[str, tuple[Message, str]]
) -> tuple[Catalog, int]:
    """Fill untranslated entries whose source has a reviewed translation in
    `reviewed`, marked `# tm: <catalogue>`. Returns the catalogue and the count."""
    filled = 0
    messages: list[Message] = []
    for message in catalog.messages:
        hit = None
        fillable = not message.obsolete and message.msgid_plural is None
        if fillable and state(message) is State.UNTRANSLATED:
            hit = reviewed.get(_normalise(message.msgid))
        if hit is None:
            messages.append(message)
            continue
        source, name = hit
        comments = (*_without_provenance(message.translator_comments), f"{TM_PREFIX}{name}")
        messages.append(
            message.replace(
                msgstr=source.msgstr,
                flags=_flags(message.flags, False),
                translator_comments=comments,
            )
        )
        filled += 1
    return Catalog(header=catalog.header, messages=tuple(messages)), filled


@dataclass(frozen=True, slots=True)
class Counts:
    """Entries of a catalogue by state."""

    reviewed: int = 0
    machine: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    obsolete: int = 0


def counts(catalog: Catalog) -> Counts:
    """How many active entries are in each state, and how many are obsolete."""
    tally = {s: 0 for s in State}
    for message in catalog.active():
        tally[state(message)] += 1
    return Counts(
        reviewed=tally[State.REVIEWED],
        machine=tally[State.MACHINE],
        fuzzy=tally[State.FUZZY],
        untranslated=tally[State.UNTRANSLATED],
        obsolete=len(catalog.obsolete()),
    )

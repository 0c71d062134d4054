"""Three-way merge of a catalogue two writers changed at once: their edits win. Pure.

When a person saves a catalogue (Poedit, a review UI, polib) while locpipe
holds it in memory, there are three versions: `base`, the file as locpipe
read (or last wrote) it; `ours`, locpipe's new catalogue; `theirs`, the file
on disk now. The merge is entry by entry, entries being known by
(obsolete, msgctxt, msgid), as gettext knows them:

- an entry they did not touch (the same in base and theirs) is ours;
- an entry they changed, or added, is theirs, whatever we did to it;
- an entry they deleted is gone, unless it is new to us;
- an entry we removed is gone, unless they changed it;
- the header is theirs when they changed it, else ours.

"The same" is judged on the entry as msgcat would write it, so a save that
only re-wraps lines or reorders flags counts as untouched. A later run
redoes whatever of ours lost to their edit (a reference list, a fuzzy
suggestion): it follows from the templates and the memory, their text does
not.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from locpipe.formats.pofile import format_message
from locpipe.model import Catalog, Message

_Key = tuple[bool, str | None, str, int]


@dataclass(frozen=True, slots=True)
class Merged:
    """The merged catalogue, and how many entries (the header counting as
    one) were taken from their version because they changed them."""

    catalog: Catalog
    theirs: int


def _indexed(messages: Iterable[Message]) -> dict[_Key, Message]:
    """Messages by (obsolete, msgctxt, msgid, n): n tells apart the rare
    obsolete entries that share a key."""
    found: dict[_Key, Message] = {}
    for message in messages:
        n = 0
        while (key := (message.obsolete, message.msgctxt, message.msgid, n)) in found:
            n += 1
        found[key] = message
    return found


def _same(one: Message | None, other: Message | None) -> bool:
    if one is None or other is None:
        return one is other
    return one == other or format_message(one) == format_message(other)


def merge(base: Catalog | None, ours: Catalog, theirs: Catalog) -> Merged:
    """`ours` with every change `theirs` made to `base` (None: there was no
    file) applied over it; see the module's rules."""
    old = _indexed(base.messages if base is not None else ())
    mine = _indexed(ours.messages)
    their = _indexed(theirs.messages)
    result: list[tuple[Message, bool]] = []  # (message, taken from theirs)
    for key, message in mine.items():
        if key not in their:
            if key not in old:  # new to us; they never had it
                result.append((message, False))
        elif _same(their[key], old.get(key)):
            result.append((message, False))
        else:
            result.append((their[key], True))
    for key, message in their.items():
        if key not in mine and (key not in old or not _same(message, old[key])):
            result.append((message, True))  # they added it, or changed what we removed
    header = ours.header
    taken = sum(from_theirs for _, from_theirs in result)
    if base is None or not _same(theirs.header, base.header):
        header = theirs.header
        taken += 1
    # An entry we made obsolete while they edited it stays active: their copy.
    kept_active = {m.key for m, from_theirs in result if from_theirs and not m.obsolete}
    kept_active -= {m.key for m in theirs.messages if m.obsolete}  # unless they have both
    messages = tuple(
        m for m, from_theirs in result if from_theirs or not (m.obsolete and m.key in kept_active)
    )
    return Merged(Catalog(header=header, messages=messages), taken)

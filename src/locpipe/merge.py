"""Merging a template into a catalogue, as GNU msgmerge does. Pure.

For each template entry, in template order:

* **Same key** (msgctxt, msgid), active or obsolete: the translation and its
  state carry over. It becomes fuzzy, with `#|` the source it was written
  for, when the entry turned from singular to plural or back, when its
  msgid_plural changed, or when the template adds a format flag the
  translation fails (so `msgfmt -c` keeps passing). Singular → plural copies
  the msgstr into every form (msgmerge's rule); plural → singular keeps
  msgstr[0]. Machine output whose source changed is dropped instead: it is
  translated afresh.
* **No such key:** the most similar old entry that a person translated (or
  that waits as fuzzy) lends its translation, fuzzy, with `#|` its source.
  Candidates are every such old entry, also those still in the template and
  obsolete ones, and one old entry may serve several new ones: msgmerge's
  rules. Similarity is gettext's `fstrcmp`, at least 0.6 (above it for a
  candidate with another msgctxt); on a tie the candidate with the same (or
  no) msgctxt wins, then the earlier one.

Old entries that served no template entry and carry a translation become
obsolete; untranslated ones are dropped. Merging twice equals merging once.
"""

from __future__ import annotations

from collections.abc import Sequence

from locpipe import catalog
from locpipe.formats.directives import newly_failing
from locpipe.formats.pofile import normalised_flags
from locpipe.formats.validity import carried_forms
from locpipe.model import Catalog, Message
from locpipe.similarity import SimilarityIndex


def _forms(new: Message, old: Message) -> tuple[str, tuple[str, ...]]:
    """(msgstr, msgstr_plural) of `old`'s translation shaped for `new`:
    a singular translation fills the plural forms (fit_plurals then gives
    the locale's number of them), a plural one gives its msgstr[0]."""
    if new.msgid_plural is not None:
        forms = old.msgstr_plural if old.msgid_plural is not None else (old.msgstr,)
        return "", forms
    return old.translations[0] if old.translations else "", ()


def _previous(old: Message) -> tuple[str | None, str | None, str | None]:
    """The source `old`'s translation was written for: its own `#|` when it
    is a carried-over fuzzy entry, else its key (msgmerge's choice; where
    msgmerge leaves a fuzzy entry without `#|` locpipe names its msgid)."""
    if old.fuzzy and old.previous_msgid is not None:
        return (old.previous_msgctxt, old.previous_msgid, old.previous_msgid_plural)
    return (old.msgctxt, old.msgid, old.msgid_plural)


def _with_translation(
    new: Message, old: Message, fuzzy: bool, comments: tuple[str, ...]
) -> Message:
    msgstr, plural = _forms(new, old)
    if (old.msgid, old.msgid_plural) != (new.msgid, new.msgid_plural):
        # another source: its whitespace at the ends, as msgfmt -c wants
        forms = carried_forms(plural or (msgstr,), old, new.msgid, new.msgid_plural)
        msgstr, plural = ("", forms) if new.msgid_plural is not None else (forms[0], ())
    previous = _previous(old) if fuzzy else (None, None, None)
    return new.replace(
        msgstr=msgstr,
        msgstr_plural=plural,
        flags=catalog.flagged(new.flags, fuzzy),
        translator_comments=comments,
        previous_msgctxt=previous[0],
        previous_msgid=previous[1],
        previous_msgid_plural=previous[2],
    )


def _carry(new: Message, old: Message) -> Message:
    """`new` (from the template) with the translation of `old` (same key)."""
    msgstr, plural = _forms(new, old)
    texts = plural if new.msgid_plural is not None else (msgstr,)
    reshaped = new.msgid_plural != old.msgid_plural
    failing = not old.fuzzy and newly_failing(
        old.flags, new.flags, new.msgid, new.msgid_plural, texts
    )
    if not any(texts) or not (reshaped or failing):
        keep = old.fuzzy
        return new.replace(
            msgstr=old.msgstr,
            msgstr_plural=old.msgstr_plural,
            flags=catalog.flagged(new.flags, old.fuzzy),
            translator_comments=old.translator_comments,
            previous_msgctxt=old.previous_msgctxt if keep else None,
            previous_msgid=old.previous_msgid if keep else None,
            previous_msgid_plural=old.previous_msgid_plural if keep else None,
        )
    return _with_translation(new, old, True, old.translator_comments)


def _reusable(message: Message) -> bool:
    """A translation a person made or is reviewing: not machine output."""
    if not any(message.translations) or catalog.stale_machine(message):
        return False
    return catalog.state(message) is not catalog.State.MACHINE


def _best_matches(new: Sequence[Message], old: Sequence[Message]) -> dict[int, Message]:
    """For each new entry (by index), the most similar old entry: at least
    catalog.FUZZY_THRESHOLD similar when it has the new entry's msgctxt or
    none, above it otherwise. (msgmerge adds a tiny bonus to such candidates
    and keeps those scoring above the threshold, so "App" still gets the
    translation of "Approve", at exactly 0.6.) On a tie the candidate with
    the same msgctxt (or none) wins, then the earlier one."""
    index = SimilarityIndex([o.msgid for o in old])
    best: dict[int, Message] = {}
    for i, n in enumerate(new):
        found = index.best(n.msgid, catalog.FUZZY_THRESHOLD, strict=False)
        tied = [old[j] for _, j in found]
        same_context = [o for o in tied if o.msgctxt is None or o.msgctxt == n.msgctxt]
        if same_context:
            best[i] = same_context[0]
        elif tied and found[0][0] > catalog.FUZZY_THRESHOLD:
            best[i] = tied[0]
    return best


def _obsolete(message: Message) -> Message:
    return message.replace(obsolete=True, references=())


def update(old: Catalog | None, pot: Catalog, header: Message) -> Catalog:
    """Merge the template `pot` into the catalogue `old` (see the module
    docstring); the result has `header` and the template's order, then the
    obsolete entries."""
    old_messages = old.messages if old is not None else ()
    by_key = {m.key: m for m in old_messages if m.obsolete}
    by_key.update({m.key: m for m in old_messages if not m.obsolete})
    merged: list[Message] = []
    unmatched: list[int] = []
    used: set[int] = set()
    # Flags in the order the writer gives them (pybabel writes
    # "python-brace-format, python-format"), so that an entry read back from
    # the written file equals the merged one and a no-change run writes nothing.
    template = [_with_normal_flags(m) for m in pot.messages]
    for message in template:
        previous = by_key.get(message.key)
        if previous is None:
            unmatched.append(len(merged))
            merged.append(message)
            continue
        used.add(id(previous))
        fresh = catalog.stale_machine(previous) or _machine_reshaped(message, previous)
        merged.append(message if fresh else _carry(message, previous))
    # Every template entry found its own: no fuzzy search (the common re-run).
    if unmatched:
        candidates = [m for m in old_messages if _reusable(m)]
        matches = _best_matches([template[i] for i in unmatched], candidates)
        for n, match in matches.items():
            index = unmatched[n]
            comments = catalog.without_provenance(match.translator_comments)
            merged[index] = _with_translation(template[index], match, True, comments)
            used.add(id(match))
    active = tuple(merged)
    active_keys = {m.key for m in active}
    obsolete = tuple(
        _obsolete(m)
        for m in old_messages
        if id(m) not in used and m.key not in active_keys and any(m.translations)
    )
    return Catalog(header=header, messages=active + _unique(obsolete))


def _with_normal_flags(message: Message) -> Message:
    """`message` with its flags as the writer gives them; itself when they
    already are (most entries have none: no copy per entry)."""
    flags = normalised_flags(message.flags, False)
    return message if flags == message.flags else message.replace(flags=flags)


def _machine_reshaped(new: Message, old: Message) -> bool:
    """Machine output of an entry that turned plural or singular: its source
    changed, so it is translated afresh like any stale machine output."""
    return new.msgid_plural != old.msgid_plural and catalog.state(old) is catalog.State.MACHINE


def _unique(messages: tuple[Message, ...]) -> tuple[Message, ...]:
    """The first obsolete entry of each key (a file may hold an obsolete and
    an active entry of one key; the active one won)."""
    seen: set[tuple[str | None, str]] = set()
    kept: list[Message] = []
    for m in messages:
        if m.key not in seen:
            seen.add(m.key)
            kept.append(m)
    return tuple(kept)

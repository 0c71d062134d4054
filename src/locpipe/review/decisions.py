"""A reviewer's decisions on entries, applied through the entry lifecycle. Pure.

*accept* takes the translation as it is, *edit* takes the reviewer's text,
*reject* sends the entry back to untranslated; each goes through
`catalog.accept` / `catalog.reject`, and the whole catalogue then through
`catalog.record_reviews`, exactly as a `locpipe` run records what a person
did in a PO editor. A decision names its entry by key (msgctxt, msgid).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from locpipe import catalog
from locpipe.errors import LocpipeError
from locpipe.formats.directives import CHECKED_FLAGS, format_flags, passes
from locpipe.model import Catalog, Message

ACTIONS = ("accept", "edit", "reject")

Key = tuple[str | None, str]


class DecisionError(LocpipeError):
    """A decision the catalogue cannot take (unknown entry, empty text …)."""


@dataclass(frozen=True, slots=True)
class Decision:
    """What the reviewer decided for the entry `key`: one of ACTIONS, with
    the msgstr forms for an edit."""

    key: Key
    action: str
    texts: tuple[str, ...] = ()

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Decision:
        """A decision from the page's JSON: {"key": [msgctxt, msgid],
        "action": …, "texts": [...]}; DecisionError when malformed."""
        key, action, texts = data.get("key"), data.get("action"), data.get("texts", [])
        if (
            not isinstance(key, list)
            or len(key) != 2
            or not (key[0] is None or isinstance(key[0], str))
            or not isinstance(key[1], str)
        ):
            raise DecisionError("a decision needs a key [msgctxt, msgid]")
        if action not in ACTIONS:
            raise DecisionError(f"unknown action {action!r}; one of {', '.join(ACTIONS)}")
        if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
            raise DecisionError("texts must be a list of strings")
        return cls((key[0], key[1]), action, tuple(texts))


def decide(message: Message, decision: Decision, flags: Sequence[str] = ()) -> Message:
    """`message` after `decision` (`flags`: the configured format flags).
    DecisionError for an empty translation, or one whose format directives
    `msgfmt -c` rejects (accepting it would break the catalogue's `.mo`)."""
    if decision.action == "reject":
        return catalog.reject(message)
    texts = decision.texts if decision.action == "edit" else None
    if texts is not None and len(texts) != len(message.translations):
        raise DecisionError(
            f"{len(texts)} translation(s) for an entry with {len(message.translations)} form(s)",
            fix="reload the page",
        )
    if not all(texts if texts is not None else message.translations):
        raise DecisionError(
            f"an empty translation cannot be accepted: {message.msgid[:60]!r}",
            fix="type the translation, or reject the entry to leave it untranslated",
        )
    accepted = catalog.accept(message, texts, flags)
    for flag in sorted(format_flags((*accepted.flags, *flags)) & CHECKED_FLAGS):
        if not passes(accepted.msgid, accepted.msgid_plural, accepted.translations, flag):
            raise DecisionError(
                f"msgfmt -c would reject this translation of {message.msgid[:60]!r}: "
                f"its {flag} placeholders are not those of the source; nothing was written",
                fix="put the source's placeholders back (QA names them), or leave the entry "
                "fuzzy (undo the decision)",
            )
    return accepted


def apply(cat: Catalog, decisions: Sequence[Decision], flags: Sequence[str] = ()) -> Catalog:
    """`cat` with every decision applied to its active entry of that key, and
    the reviews a PO editor left recorded (`catalog.record_reviews`)."""
    wanted = {d.key: d for d in decisions}
    found = {m.key for m in cat.active()} & set(wanted)
    missing = [key for key in wanted if key not in found]
    if missing:
        raise DecisionError(
            f"no entry {missing[0][1][:60]!r} in this catalogue", fix="reload the page"
        )
    messages = tuple(
        decide(m, wanted[m.key], flags) if not m.obsolete and m.key in wanted else m
        for m in cat.messages
    )
    return catalog.record_reviews(Catalog(header=cat.header, messages=messages), flags)

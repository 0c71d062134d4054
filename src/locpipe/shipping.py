"""What ships: which entries reach an app's `.mo`/JSON files and rebuilt documents.

The compile policy (`compile = "all" | "reviewed"`, `--reviewed-only`)
decides which states ship; an entry with a standing `# mt-warning:` never
does (see `catalog.warned`), nor does machine output that `msgfmt -c`
would reject (formats.validity). Fuzzy entries never ship. A reviewed entry
that msgfmt would reject is the person's to fix: `invalid` names it, and
compiling stops there. Pure.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from locpipe import catalog
from locpipe.formats.headers import declared_nplurals
from locpipe.formats.validity import Failure, entry_failures, failures
from locpipe.model import Catalog, Message
from locpipe.placeholders import from_rest, separate_rst


def _states(policy: str) -> frozenset[catalog.State]:
    """The states that ship: reviewed, plus machine unless the policy is
    "reviewed"."""
    if policy == "all":
        return frozenset({catalog.State.REVIEWED, catalog.State.MACHINE})
    return frozenset({catalog.State.REVIEWED})


def ships(policy: str, flags: Sequence[str] = ()) -> Callable[[Message], bool]:
    """Whether an entry may reach an app: in a shipping state, and without an
    `# mt-warning:` standing (a lost placeholder can crash the app's format
    call) unless a reviewer has since put every placeholder back. `flags` are
    the configured format_flags."""
    allowed = _states(policy)

    def shipping(m: Message) -> bool:
        kind = catalog.state(m, flags)
        if kind not in allowed or catalog.warned(m, flags):
            return False
        return kind is catalog.State.REVIEWED or not entry_failures(_flagged(m, flags), None)

    return shipping


def _flagged(message: Message, flags: Sequence[str]) -> Message:
    return message.replace(flags=(*message.flags, *flags)) if flags else message


def shippable(cat: Catalog, policy: str, flags: Sequence[str] = ()) -> Catalog:
    """The active entries of `cat` that ship under `policy`, with its header;
    reST ones with their markup set apart from letters
    (`placeholders.separate_rst`), however a person wrote them."""
    allowed = ships(policy, flags)
    return Catalog(
        header=cat.header, messages=tuple(_rst_spaced(m) for m in cat.active() if allowed(m))
    )


def _rst_spaced(m: Message) -> Message:
    if not from_rest(m.references):
        return m
    if m.msgid_plural is None:
        spaced = separate_rst(m.msgid, m.msgstr)
        return m if spaced == m.msgstr else m.replace(msgstr=spaced)
    forms = tuple(separate_rst(m.msgid_plural, s) for s in m.msgstr_plural)
    return m if forms == m.msgstr_plural else m.replace(msgstr_plural=forms)


def invalid(cat: Catalog, policy: str, flags: Sequence[str] = ()) -> list[Failure]:
    """The entries of `cat` that would ship under `policy` but that `msgfmt
    -c` (with --use-fuzzy, as machine entries ship) rejects: a person's
    reviewed translation with a lost newline or format directive, or a plural
    entry with another number of forms than the header's Plural-Forms."""
    nplurals = declared_nplurals(cat.header_field("Plural-Forms") or "")
    return failures(shippable(cat, policy, flags).messages, nplurals, flags)

"""What ships: which entries reach an app's `.mo`/JSON files and rebuilt documents.

The compile policy (`compile = "all" | "reviewed"`, `--reviewed-only`)
decides which states ship; an entry with a standing `# mt-warning:` never
does (see `catalog.warned`). Carried-over fuzzy entries never ship. Pure.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from locpipe import catalog
from locpipe.model import Catalog, Message


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
        return catalog.state(m) in allowed and not catalog.warned(m, flags)

    return shipping


def shippable(cat: Catalog, policy: str, flags: Sequence[str] = ()) -> Catalog:
    """The active entries of `cat` that ship under `policy`, with its header."""
    allowed = ships(policy, flags)
    return Catalog(header=cat.header, messages=tuple(m for m in cat.active() if allowed(m)))

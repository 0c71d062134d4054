"""Memory: a locale's catalogues filled from the reviewed translations it already has. Pure.

The translation memory of a locale (DESIGN.md) is every reviewed entry of
its catalogues, obsolete ones and orphaned catalogues included, and of the
compendia in its language; catalog.memory builds it and catalog.apply_memory
fills from it. Traditional Chinese locales are also offered the reviewed text
of a configured Simplified locale, converted by OpenCC (mt.traditional).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from locpipe import catalog
from locpipe.catalog import MEMORY_THRESHOLD
from locpipe.locales import parse_locale
from locpipe.model import Catalog, Message
from locpipe.mt import traditional

Key = tuple[str, str]  # (locale, domain)


def known(
    locale: str,
    catalogues: Mapping[str, Catalog],
    orphans: Mapping[str, Catalog],
    compendia: Mapping[str, Catalog],
) -> dict[str, Catalog]:
    """What the memory of `locale` is made of, by the name a `# tm:` comment
    gives: its catalogues by domain (`ko/guide`), its orphaned catalogues
    likewise (a renamed document's reviewed text comes back), and the
    compendia whose Language is `locale`, by their path."""
    found = {f"{locale}/{domain}": cat for domain, cat in catalogues.items()}
    found.update((f"{locale}/{domain}", cat) for domain, cat in orphans.items())
    found.update(
        (name, cat) for name, cat in compendia.items() if cat.header_field("Language") == locale
    )
    return found


def of_locale(
    locale: str,
    catalogues: Mapping[str, Catalog],
    orphans: Mapping[str, Catalog],
    compendia: Mapping[str, Catalog],
    packages: Mapping[str, Catalog],
) -> catalog.Memory:
    """The translation memory of `locale` (see catalog.memory): its
    catalogues and compendia (see `known`), its orphaned catalogues (every
    text of theirs a person wrote is offered), and the catalogues of the
    packages the app also loads (locpipe.packages), by name."""
    return catalog.memory(
        known(locale, catalogues, {}, compendia),
        orphaned=known(locale, {}, orphans, {}),
        packages=packages,
    )


def wanted(catalogues: Mapping[str, Catalog]) -> bool:
    """Whether any catalogue has an entry the memory may fill: untranslated,
    or untouched machine output."""
    return any(
        not m.translated or (m.fuzzy and catalog.state(m) is catalog.State.MACHINE)
        for cat in catalogues.values()
        for m in cat.active()
    )


def filled(
    catalogues: Mapping[str, Catalog], memory: catalog.Memory
) -> tuple[dict[str, Catalog], int]:
    """`catalogues` (by domain) with their untranslated entries filled from
    `memory` (see catalog.apply_memory), and how many entries were filled."""
    result: dict[str, Catalog] = {}
    count = 0
    for domain, cat in catalogues.items():
        result[domain], n = catalog.apply_memory(cat, memory)
        count += n
    return result, count


def may_fill(entries: Iterable[Message], changed: catalog.Memory) -> bool:
    """True when some of `entries` (entries the memory may fill, see
    `wanted`, that it did not fill before) might be filled now that the
    entries of `changed` entered or left the memory: one of them has the same
    source (catalog.Memory.exact), a suggestion may serve an untranslated
    one, or, for an untranslated singular one, a source at least
    MEMORY_THRESHOLD similar. A test that may say yes in vain, never no in vain."""
    for entry in entries:
        if changed.exact(entry) is not None:
            return True
        if entry.translated:
            continue  # machine output gives way to an exact match only
        if changed.suggested:
            return True
        if entry.msgid_plural is None and changed.near(entry.msgid, MEMORY_THRESHOLD):
            return True
    return False


def _script(locale: str) -> str | None:
    parsed = parse_locale(locale)
    return parsed.script if parsed is not None else None


def traditional_locales(locales: Sequence[str]) -> tuple[list[str], list[str]]:
    """(Simplified, Traditional) Chinese locales of `locales` when both kinds
    are there and OpenCC is installed; else two empty lists."""
    simplified = [loc for loc in locales if _script(loc) == "Hans"]
    targets = [loc for loc in locales if _script(loc) == "Hant"]
    if not simplified or not targets or not traditional.available():
        return [], []
    return simplified, targets


def from_simplified(
    catalogues: Mapping[Key, Catalog], simplified: catalog.Memory
) -> tuple[dict[Key, Catalog], dict[str, int]]:
    """`catalogues` of Traditional Chinese locales with their untranslated
    entries that a Simplified locale has reviewed (`simplified`: the memory
    of the Simplified locales' catalogues) filled with that translation
    converted by OpenCC, as machine entries (mt.traditional); and per locale
    how many were filled."""
    result = dict(catalogues)
    counts: dict[str, int] = {}
    for (locale, domain), cat in catalogues.items():
        conversion = traditional.conversion_for(locale)
        result[locale, domain], n = traditional.convert_reviewed(cat, simplified, conversion)
        counts[locale] = counts.get(locale, 0) + n
    return result, counts

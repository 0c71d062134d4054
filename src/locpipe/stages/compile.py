"""Compile: a catalogue to the bytes an app loads, `.mo` or JSON. Pure.

What ships is decided by locpipe.shipping (the compile policy, and no
standing `# mt-warning:`).
"""

from __future__ import annotations

from collections.abc import Sequence

from locpipe.formats.jsonexport import EXPORTERS, export_i18next_source
from locpipe.formats.pofile import compile_mo
from locpipe.model import Catalog
from locpipe.shipping import shippable, ships


def compiled(
    cat: Catalog,
    locale: str,
    domain: str,
    policy: str,
    fmt: str = "mo",
    format_flags: Sequence[str] = (),
) -> tuple[str, bytes]:
    """(suffix, bytes) of the file an app loads for `cat`: a `.mo` file, or
    with fmt "json", "jed" or "i18next" JSON for JS apps (jsonexport.EXPORTERS),
    holding the entries that ship under `policy`."""
    if fmt in EXPORTERS:
        suffix, export = EXPORTERS[fmt]
        text = export(cat, locale, domain=domain, include=ships(policy, format_flags))
        return suffix, text.encode("utf-8")
    return ".mo", compile_mo(shippable(cat, policy, format_flags), include_fuzzy=True)


def i18next_fallback(cat: Catalog) -> bytes:
    """The English i18next resource of `cat`'s domain (its source text),
    which apps name as `fallbackLng` so an entry a locale lacks reads as
    gettext.js and Jed show it (see jsonexport.export_i18next_source)."""
    return export_i18next_source(cat).encode("utf-8")

"""Compile: a catalogue to the bytes an app loads, `.mo` or JSON. Pure.

What ships is decided by locpipe.shipping (the compile policy, and no
standing `# mt-warning:`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from locpipe.errors import CompileError
from locpipe.formats.pofile import compile_mo, format_po, parse_po
from locpipe.model import Catalog
from locpipe.shipping import invalid, shippable, ships


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
    if fmt != "mo":
        from locpipe.formats.jsonexport import EXPORTERS  # loads Babel: only for JSON

        suffix, export = EXPORTERS[fmt]
        text = export(cat, locale, domain=domain, include=ships(policy, format_flags))
        return suffix, text.encode("utf-8")
    return ".mo", compile_mo(shippable(cat, policy, format_flags), include_fuzzy=True)


def i18next_fallback(cat: Catalog) -> bytes:
    """The English i18next resource of `cat`'s domain (its source text),
    which apps name as `fallbackLng` so an entry a locale lacks reads as
    gettext.js and Jed show it (see jsonexport.export_i18next_source)."""
    from locpipe.formats.jsonexport import export_i18next_source

    return export_i18next_source(cat).encode("utf-8")


def check_compilable(
    catalogues: Iterable[tuple[str, Catalog]], policy: str, format_flags: Sequence[str] = ()
) -> None:
    """Raise CompileError naming the first entry of `catalogues` (each with
    its file as shown to the user) that would ship under `policy` but that
    `msgfmt -c` rejects (shipping.invalid)."""
    for file, cat in catalogues:
        if not invalid(cat, policy, format_flags):
            continue
        # Lines as the file is (or will be) written.
        written = parse_po(format_po(cat).encode("utf-8"), file)
        found = invalid(written, policy, format_flags)
        first = found[0]
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        raise CompileError(
            f"msgfmt -c would reject this entry: {first.reason}{more}",
            file=file,
            line=first.line,
            fix="correct the translation in a PO editor (or mark it fuzzy); nothing was compiled",
        )

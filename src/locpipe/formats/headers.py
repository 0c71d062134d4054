"""PO and POT header entries. Pure: the time comes in as an argument."""

from __future__ import annotations

import functools
import re
from datetime import datetime

from locpipe import __version__
from locpipe.locales import cldr_name, parse_locale
from locpipe.model import FUZZY, Catalog, Message


def format_date(when: datetime) -> str:
    """A gettext header date: 2026-11-28 15:30+0000."""
    return when.strftime("%Y-%m-%d %H:%M%z")


def stamped(new: Catalog, old: Catalog | None, now: datetime) -> Catalog:
    """`new` with PO-Revision-Date `now` when its entries differ from `old`'s
    (the catalogue it was made from), else as it is."""
    if old is not None and old.messages == new.messages:
        return new
    return new.with_header_field("PO-Revision-Date", format_date(now))


@functools.cache
def plural_forms(locale: str) -> str:
    """The Plural-Forms header value for `locale`, from Babel's CLDR data."""
    from babel.messages.plurals import get_plural

    return str(get_plural(cldr_name(locale)).plural_forms)


@functools.cache
def nplurals(locale: str) -> int:
    """How many plural forms `locale` has (1 for ko and zh_CN)."""
    from babel.messages.plurals import get_plural

    return int(get_plural(cldr_name(locale)).num_plurals)


_NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")


def declared_nplurals(plural_forms: str) -> int | None:
    """The number of forms a Plural-Forms value declares, or None when it names none."""
    match = _NPLURALS.search(plural_forms)
    return int(match.group(1)) if match else None


def nplurals_of(catalog: Catalog, locale: str) -> int:
    """How many plural forms `catalog` has: its own Plural-Forms when it
    declares them (msgmerge keeps a file's rule: WTForms' and
    Flask-AppBuilder's zh catalogues say nplurals=2), else CLDR's for `locale`."""
    declared = declared_nplurals(catalog.header_field("Plural-Forms") or "")
    return declared if declared else nplurals(locale)


def _fields(pairs: list[tuple[str, str]]) -> str:
    return "".join(f"{name}: {value}\n" for name, value in pairs)


def template_header(domain: str, project: str, created: datetime) -> Message:
    """The header of a fresh .pot file."""
    return Message(
        msgid="",
        msgstr=_fields(
            [
                ("Project-Id-Version", project),
                ("Report-Msgid-Bugs-To", ""),
                ("POT-Creation-Date", format_date(created)),
                ("PO-Revision-Date", "YEAR-MO-DA HO:MI+ZONE"),
                ("Last-Translator", "FULL NAME <EMAIL@ADDRESS>"),
                ("Language-Team", "LANGUAGE <LL@li.org>"),
                ("MIME-Version", "1.0"),
                ("Content-Type", "text/plain; charset=UTF-8"),
                ("Content-Transfer-Encoding", "8bit"),
                ("Generated-By", f"locpipe {__version__}"),
            ]
        ),
        flags=(FUZZY,),
        translator_comments=(f"Translation template for {domain}.", "Written by locpipe."),
    )


def catalog_header(domain: str, locale: str, project: str, pot: Catalog) -> Message:
    """The header of a fresh .po file for `locale`, dated like its template."""
    parsed = parse_locale(locale)
    language = parsed.display_name if parsed else locale
    created = pot.header_field("POT-Creation-Date") or ""
    return Message(
        msgid="",
        msgstr=_fields(
            [
                ("Project-Id-Version", project),
                ("Report-Msgid-Bugs-To", ""),
                ("POT-Creation-Date", created),
                ("PO-Revision-Date", created),
                ("Last-Translator", "locpipe"),
                ("Language-Team", language),
                ("Language", locale),
                ("MIME-Version", "1.0"),
                ("Content-Type", "text/plain; charset=UTF-8"),
                ("Content-Transfer-Encoding", "8bit"),
                ("Plural-Forms", plural_forms(locale)),
                ("Generated-By", f"locpipe {__version__}"),
            ]
        ),
        translator_comments=(
            f"{language} translations of {domain}.",
            'Machine translations are fuzzy with a "# mt:" comment: review them in a PO editor.',
        ),
    )


#: The fields `msgfmt --check` warns about when a header lacks them.
CHECKED_FIELDS = (
    "Project-Id-Version",
    "PO-Revision-Date",
    "Last-Translator",
    "Language-Team",
    "MIME-Version",
    "Content-Type",
    "Content-Transfer-Encoding",
)


def complete(header: Message, fresh: Message) -> Message:
    """`header`, made whole from the `fresh` one (see `catalog_header`).

    A header with no fields at all (a person deleted the entry) becomes
    `fresh`, keeping any comments it still has. Otherwise the fields `msgfmt
    --check` wants and `header` lacks are appended with `fresh`'s values;
    fields a person set are never changed.
    """
    if not header.msgstr.strip():
        comments = header.translator_comments or fresh.translator_comments
        return fresh.replace(translator_comments=comments)
    have, given = Catalog(header=header), Catalog(header=fresh)
    missing = [
        f"{name}: {given.header_field(name) or ''}\n"
        for name in CHECKED_FIELDS
        if have.header_field(name) is None
    ]
    if not missing:
        return header
    text = header.msgstr if header.msgstr.endswith("\n") else header.msgstr + "\n"
    return header.replace(msgstr=text + "".join(missing))


def refresh(catalog: Catalog, locale: str, pot: Catalog) -> Catalog:
    """`catalog` with the header fields locpipe owns brought up to date.

    A person's fields (Last-Translator, Language-Team, …) are kept, and so is
    a Plural-Forms that declares a number of forms, as msgmerge keeps it:
    CLDR's rule only fills a missing (or template placeholder) one.
    """
    refreshed = catalog
    fields = [
        ("POT-Creation-Date", pot.header_field("POT-Creation-Date") or ""),
        ("Language", locale),
        ("Content-Type", "text/plain; charset=UTF-8"),
    ]
    if not declared_nplurals(catalog.header_field("Plural-Forms") or ""):
        fields.append(("Plural-Forms", plural_forms(locale)))
    for name, value in fields:
        if refreshed.header_field(name) != value:
            refreshed = refreshed.with_header_field(name, value)
    return refreshed

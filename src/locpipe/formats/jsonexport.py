"""Catalogues as JSON for JavaScript apps. Pure.

One file per locale and domain, e.g. `ko/LC_MESSAGES/app.json`:

```json
{
  "domain": "app",
  "format": "locpipe-json 1",
  "locale": "ko",
  "messages": {
    "%d file": [
      "파일 %d개"
    ],
    "Hello, %(name)s!": "안녕하세요, %(name)s님!",
    "menu\\u0004Open": "열기"
  },
  "plural_forms": "nplurals=1; plural=0;",
  "plurals": {
    "%d file": "%d files"
  }
}
```

- `messages` maps each key to its translation. The key is the msgid, or
  msgctxt + U+0004 + msgid for an entry with a context (gettext's own
  convention, also used by Jed and gettext.js). A singular entry's value is a
  string; a plural entry's value is the list of its forms, msgstr[0] first,
  even when there is one form.
- `plurals` maps the key of each plural entry to its msgid_plural (what a
  library shows when the entry is missing is the caller's own msgid_plural,
  so runtime lookups do not need it; it is there for tools and diffing).
- `plural_forms` is the catalogue's Plural-Forms header (ko and zh_CN:
  "nplurals=1; plural=0;"); when the header lacks it, CLDR's rule for the
  locale, else gettext's default "nplurals=2; plural=(n != 1);".
- `locale`, `domain`, `format` say what the file is.

Only entries in the chosen states are written (by default reviewed and
machine translations; see `export_json`); untranslated, obsolete and header
entries never are. Keys are sorted and non-ASCII text is written as is, so
the same catalogue always gives the same bytes.

Loading: `messages` has the shape gettext.js expects; with it,
`i18n.loadJSON({"": {"language": d.locale, "plural-forms": d.plural_forms},
...d.messages}, d.domain)`.

`locpipe compile --format jed` writes `<domain>.jed.json`, Jed 1.x locale data
for `new Jed(data)` (export_jed); `--format i18next` writes
`<domain>.i18next.json`, an i18next resource keyed by the English text
(export_i18next). Both ship the same entries as the default format.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection

from babel.core import Locale, UnknownLocaleError

from locpipe.catalog import State, state
from locpipe.formats import headers
from locpipe.locales import cldr_name
from locpipe.model import Catalog, Message

FORMAT = "locpipe-json 1"
CONTEXT_SEPARATOR = "\x04"
#: What apps get by default: what people approved, and machine output.
DEFAULT_STATES: frozenset[State] = frozenset({State.REVIEWED, State.MACHINE})
_GETTEXT_DEFAULT = "nplurals=2; plural=(n != 1);"


def message_key(message: Message) -> str:
    """The JSON key of `message`: msgid, or msgctxt U+0004 msgid."""
    if message.msgctxt is None:
        return message.msgid
    return f"{message.msgctxt}{CONTEXT_SEPARATOR}{message.msgid}"


def plural_forms(catalog: Catalog, locale: str) -> str:
    """The Plural-Forms of `catalog`, or CLDR's for `locale`, or gettext's default."""
    header = catalog.header_field("Plural-Forms")
    if header:
        return header
    try:
        return headers.plural_forms(locale)
    except (UnknownLocaleError, ValueError):
        return _GETTEXT_DEFAULT


def _shipped(
    catalog: Catalog, include: Collection[State] | Callable[[Message], bool]
) -> list[Message]:
    """The active entries `include` picks (see export_json) that have every msgstr."""
    wanted: Callable[[Message], bool]
    if callable(include):
        wanted = include
    else:
        states = frozenset(include)

        def wanted(message: Message) -> bool:
            return state(message) in states

    return [
        m
        for m in catalog.active()
        if m.msgid and m.translations and all(m.translations) and wanted(m)
    ]


def _dump(document: object) -> str:
    return json.dumps(document, ensure_ascii=False, sort_keys=True, indent=2) + "\n"


def export_json(
    catalog: Catalog,
    locale: str,
    *,
    domain: str,
    include: Collection[State] | Callable[[Message], bool] = DEFAULT_STATES,
) -> str:
    """The JSON text (format in the module docstring) of `catalog` for `locale`
    and `domain`, ending in a newline.

    `include` picks the entries: a collection of `catalog.State`s (default
    reviewed + machine) or a predicate on the message. Obsolete entries and
    entries with an empty msgstr are never written, whatever `include` says.
    """
    messages: dict[str, str | list[str]] = {}
    plurals: dict[str, str] = {}
    for message in _shipped(catalog, include):
        key = message_key(message)
        if message.msgid_plural is not None:
            messages[key] = list(message.msgstr_plural)
            plurals[key] = message.msgid_plural
        else:
            messages[key] = message.msgstr
    document = {
        "format": FORMAT,
        "locale": locale,
        "domain": domain,
        "plural_forms": plural_forms(catalog, locale),
        "messages": messages,
        "plurals": plurals,
    }
    return _dump(document)


def export_jed(
    catalog: Catalog,
    locale: str,
    *,
    domain: str,
    include: Collection[State] | Callable[[Message], bool] = DEFAULT_STATES,
) -> str:
    """Jed 1.x locale data for `new Jed(data)`: every value a list of msgstr
    forms (a singular entry's too), keys as in export_json, and the `""`
    header entry Jed reads the plural rule from."""
    entries: dict[str, object] = {
        "": {"domain": domain, "lang": locale, "plural_forms": plural_forms(catalog, locale)}
    }
    for message in _shipped(catalog, include):
        entries[message_key(message)] = list(message.translations)
    return _dump({"domain": domain, "locale_data": {domain: entries}})


#: CLDR plural categories in the order gettext numbers them (Babel writes
#: Plural-Forms in this order; msgstr[0] is the first category the language has).
_CLDR_ORDER = ("zero", "one", "two", "few", "many", "other")


def _categories(catalog: Catalog, locale: str) -> tuple[str, ...]:
    """The CLDR plural categories of `locale`, in msgstr order."""
    try:
        tags = Locale.parse(cldr_name(locale)).plural_form.tags | {"other"}
    except (UnknownLocaleError, ValueError):
        one_form = headers.declared_nplurals(plural_forms(catalog, locale)) == 1
        tags = frozenset({"other"} if one_form else {"one", "other"})
    return tuple(t for t in _CLDR_ORDER if t in tags)


def export_i18next(
    catalog: Catalog,
    locale: str,
    *,
    domain: str,
    include: Collection[State] | Callable[[Message], bool] = DEFAULT_STATES,
) -> str:
    """An i18next JSON v4 resource (one namespace) keyed by the English text:
    `msgid`, `msgid_context` for an entry with a context, and one
    `msgid_<category>` per CLDR plural category (`_other` alone for ko and zh;
    `_one` and `_other` for English). i18next must run with `keySeparator:
    false` and `nsSeparator: false`, since English text holds `.` and `:`."""
    categories = _categories(catalog, locale)
    resource: dict[str, str] = {}
    for message in _shipped(catalog, include):
        _i18next_entry(resource, message, message.translations, categories)
    return _dump(resource)


def export_i18next_source(catalog: Catalog) -> str:
    """The English resource i18next falls back to (`fallbackLng: "en"`) for
    every entry a locale's resource lacks: keys as in export_i18next, values
    the English text, a plural entry's as `_one` (msgid) and `_other`
    (msgid_plural). With it an untranslated plural reads "1 photo" and
    "2 photos" in i18next, as gettext.js and Jed show an entry they lack."""
    resource: dict[str, str] = {}
    for message in catalog.active():
        if message.msgid:
            english = (
                (message.msgid,)
                if message.msgid_plural is None
                else (
                    message.msgid,
                    message.msgid_plural,
                )
            )
            _i18next_entry(resource, message, english, ("one", "other"))
    return _dump(resource)


def _i18next_entry(
    resource: dict[str, str],
    message: Message,
    forms: tuple[str, ...],
    categories: tuple[str, ...],
) -> None:
    """Add `message` with `forms` (msgstr order) to an i18next `resource`."""
    key = message.msgid if message.msgctxt is None else f"{message.msgid}_{message.msgctxt}"
    if message.msgid_plural is None:
        resource[key] = forms[0]
        return
    for index, category in enumerate(categories):
        resource[f"{key}_{category}"] = forms[min(index, len(forms) - 1)]


#: `locpipe compile --format NAME` → (file suffix, exporter).
EXPORTERS: dict[str, tuple[str, Callable[..., str]]] = {
    "json": (".json", export_json),
    "jed": (".jed.json", export_jed),
    "i18next": (".i18next.json", export_i18next),
}

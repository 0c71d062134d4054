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
...d.messages})`. For Jed, wrap singular strings in a list:
`{locale_data: {[d.domain]: {"": {domain: d.domain, lang: d.locale,
plural_forms: d.plural_forms}, ...Object.fromEntries(Object.entries(
d.messages).map(([k, v]) => [k, [].concat(v)]))}}, domain: d.domain}`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection

from babel.core import UnknownLocaleError
from babel.messages.plurals import get_plural

from locpipe.catalog import State, state
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
        return str(get_plural(locale))
    except (UnknownLocaleError, ValueError):
        return _GETTEXT_DEFAULT


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
    wanted: Callable[[Message], bool]
    if callable(include):
        wanted = include
    else:
        states = frozenset(include)

        def wanted(message: Message) -> bool:
            return state(message) in states

    messages: dict[str, str | list[str]] = {}
    plurals: dict[str, str] = {}
    for message in catalog.active():
        texts = message.translations
        if not message.msgid or not texts or not all(texts) or not wanted(message):
            continue
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
    return json.dumps(document, ensure_ascii=False, sort_keys=True, indent=2) + "\n"

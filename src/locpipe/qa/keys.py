"""Key catalogues: msgids that are keys, whose English text is in an English catalogue. Pure.

Mailman and many monolingual setups write `list:admin:notice:subscribe.txt`
or `help.txt` as the msgid; the English text is the msgstr of the `en`
catalogue. Each translation is then compared with that text, as Weblate does
for monolingual formats.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from locpipe.model import Catalog, Message

#: A msgid that is a key, not English: no spaces, parts joined by `.` or `:`
#: (`list:admin:notice:subscribe.txt`, `help.txt`, `errors.required`); not
#: "N/A" or "and/or", which are English.
_KEY = re.compile(r"[A-Za-z_][\w-]*(?:[.:][\w-]+)+")


def _key_shaped(message: Message) -> bool:
    return _KEY.fullmatch(message.msgid) is not None and message.msgid_plural is None


def is_key(message: Message) -> bool:
    """True when the msgid of `message` looks like a key and its translation
    is text (has a space): an identical "setup.py" is a name, not a key."""
    return _key_shaped(message) and any(c.isspace() for c in message.msgstr.strip())


#: English texts of a key catalogue, by (msgctxt, msgid).
Sources = Mapping[tuple[str | None, str], str]


def english_texts(english: Catalog) -> dict[tuple[str | None, str], str]:
    """The English text of each key of an English catalogue (translated, not
    fuzzy, not the key itself): what the key stands for. Entries whose msgid
    is English text keep it as their source, whatever the English catalogue
    says (translators translated the msgid)."""
    return {
        (m.msgctxt, m.msgid): m.msgstr
        for m in english.active()
        if _key_shaped(m) and m.translated and not m.fuzzy and m.msgstr != m.msgid
    }

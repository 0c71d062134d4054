"""The frozen data that flows between the stages: catalogue messages.

A `Message` is one gettext entry. Its identity is `key`: (msgctxt, msgid), as
in every gettext tool. A `Catalog` is a header message plus the others in file
order. Nothing here does IO.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

FUZZY = "fuzzy"


@dataclass(frozen=True, slots=True)
class Message:
    """One gettext entry.

    `translator_comments` are the `# ` lines without the leading "# ";
    `extracted_comments` the `#. ` lines; `references` the `#:` items
    ("file:line"); `flags` the `#,` items in file order. A plural entry has
    `msgid_plural` set and its translations in `msgstr_plural` (msgstr[0], …),
    with `msgstr` unused. `lineno` is where the entry starts in the file it was
    read from (0 when built in memory); it takes no part in equality.
    """

    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr_plural: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    translator_comments: tuple[str, ...] = ()
    extracted_comments: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    previous_msgctxt: str | None = None
    previous_msgid: str | None = None
    previous_msgid_plural: str | None = None
    obsolete: bool = False
    lineno: int = field(default=0, compare=False)

    @property
    def key(self) -> tuple[str | None, str]:
        """The entry's identity within a catalogue: (msgctxt, msgid)."""
        return (self.msgctxt, self.msgid)

    @property
    def fuzzy(self) -> bool:
        return FUZZY in self.flags

    @property
    def translations(self) -> tuple[str, ...]:
        """Every msgstr of the entry: (msgstr,) or the plural forms."""
        return self.msgstr_plural if self.msgid_plural is not None else (self.msgstr,)

    @property
    def translated(self) -> bool:
        """True when every msgstr is non-empty (fuzzy or not)."""
        return all(self.translations)

    def replace(self, **changes: object) -> Message:
        """A copy with `changes` applied (dataclasses.replace, typed)."""
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Catalog:
    """A .po or .pot file: the header entry (msgid "") and the messages.

    `header.msgstr` holds the header fields as gettext writes them
    ("Name: value\\n" lines); `header_field` and `with_header_field` read and
    change one field.
    """

    header: Message
    messages: tuple[Message, ...] = ()

    def header_field(self, name: str) -> str | None:
        """The value of header field `name`, or None when absent."""
        for line in self.header.msgstr.split("\n"):
            field_name, sep, value = line.partition(":")
            if sep and field_name.strip().lower() == name.lower():
                return value.strip()
        return None

    def with_header_field(self, name: str, value: str) -> Catalog:
        """A copy with header field `name` set to `value` (appended when absent)."""
        lines = self.header.msgstr.split("\n")
        trailing = lines[-1] == ""
        body = lines[:-1] if trailing else lines
        for i, line in enumerate(body):
            field_name, sep, _ = line.partition(":")
            if sep and field_name.strip().lower() == name.lower():
                body[i] = f"{field_name}: {value}"
                break
        else:
            body.append(f"{name}: {value}")
        text = "\n".join(body) + ("\n" if trailing or not body else "")
        return dataclasses.replace(self, header=self.header.replace(msgstr=text))

    def active(self) -> tuple[Message, ...]:
        """The messages that are not obsolete."""
        return tuple(m for m in self.messages if not m.obsolete)

    def obsolete(self) -> tuple[Message, ...]:
        """The obsolete (#~) messages."""
        return tuple(m for m in self.messages if m.obsolete)

"""Compile a catalogue to GNU .mo bytes (the format Python's gettext loads).

Pure: takes a Catalog, returns bytes. The layout is the GNU one: a 28-byte
header, the table of original strings, the table of translations, then the
NUL-terminated strings, originals sorted by their UTF-8 bytes (gettext's
binary search needs that order). No hash table: Python's gettext and Babel
do not use it, and GNU libintl falls back to binary search without it.
"""

from __future__ import annotations

import array
import struct
import sys

from locpipe.model import Catalog, Message

MAGIC = 0x950412DE


def _key(message: Message) -> bytes:
    msgid = message.msgid
    if message.msgid_plural is not None:
        msgid += "\0" + message.msgid_plural
    if message.msgctxt is not None:
        msgid = message.msgctxt + "\x04" + msgid
    return msgid.encode("utf-8")


def _value(message: Message) -> bytes:
    return "\0".join(message.translations).encode("utf-8")


def compile_mo(catalog: Catalog, *, include_fuzzy: bool) -> bytes:
    """The GNU .mo file for `catalog`.

    The header is always included. Obsolete messages never are, nor are
    messages with an empty msgstr (for a plural message: any empty form);
    fuzzy messages only when `include_fuzzy`. A plural message is keyed
    "msgid\\0msgid_plural" with its forms joined by NUL; a message with
    context is keyed "msgctxt\\x04msgid".
    """
    pairs = {_key(catalog.header): catalog.header.msgstr.encode("utf-8")}
    for message in catalog.messages:
        if message.obsolete or not message.translated or message.msgid == "":
            continue
        if message.fuzzy and not include_fuzzy:
            continue
        pairs[_key(message)] = _value(message)
    keys = sorted(pairs)
    count = len(keys)
    originals_at = 28
    translations_at = originals_at + 8 * count
    data_at = translations_at + 8 * count
    # The file is joined once from its parts: a large catalogue's strings are
    # not copied into a growing buffer and then again into the result.
    index = array.array("I")
    parts: list[bytes] = []
    at = data_at
    for strings in (keys, [pairs[k] for k in keys]):
        for string in strings:
            index.extend((len(string), at))
            parts += (string, b"\0")
            at += len(string) + 1
    if sys.byteorder != "little":
        index.byteswap()
    header = struct.pack("<7I", MAGIC, 0, count, originals_at, translations_at, 0, data_at)
    return b"".join([header, index.tobytes(), *parts])


def parse_mo(data: bytes, path: str) -> Catalog:
    """The catalogue a GNU .mo file holds (either byte order): the header
    (msgid "") and one translated, non-fuzzy entry per string, with context
    ("msgctxt\\x04msgid") and plural forms ("msgid\\0msgid_plural" → forms
    split on NUL) as `compile_mo` writes them; UTF-8 text. Raises
    PoSyntaxError naming the file when the data is no .mo file."""
    from locpipe.errors import PoSyntaxError

    def broken(why: str) -> PoSyntaxError:
        return PoSyntaxError(
            f"not a GNU .mo file: {why}", file=path, fix="compile it again with msgfmt"
        )

    if len(data) < 28:
        raise broken("too short")
    for order in ("<", ">"):
        if struct.unpack(f"{order}I", data[:4])[0] == MAGIC:
            break
    else:
        raise broken("bad magic number")
    _, _, count, originals, translations, _, _ = struct.unpack(f"{order}7I", data[:28])
    header = Message(msgid="")
    messages: list[Message] = []
    try:
        for i in range(count):
            o_len, o_at = struct.unpack_from(f"{order}2I", data, originals + 8 * i)
            t_len, t_at = struct.unpack_from(f"{order}2I", data, translations + 8 * i)
            if o_at + o_len > len(data) or t_at + t_len > len(data):
                raise broken("a string lies past the end")
            key = data[o_at : o_at + o_len].decode("utf-8")
            value = data[t_at : t_at + t_len].decode("utf-8")
            context, _, key = key.rpartition("\x04") if "\x04" in key else (None, "", key)
            msgid, _, plural = key.partition("\0")
            if not msgid and context is None:
                header = Message(msgid="", msgstr=value)
            elif "\0" in key:
                messages.append(
                    Message(
                        msgid=msgid,
                        msgctxt=context,
                        msgid_plural=plural,
                        msgstr_plural=tuple(value.split("\0")),
                    )
                )
            else:
                messages.append(Message(msgid=msgid, msgctxt=context, msgstr=value))
    except (struct.error, UnicodeDecodeError) as exc:
        raise broken(str(exc)) from exc
    return Catalog(header=header, messages=tuple(messages))

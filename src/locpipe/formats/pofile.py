"""Read and write gettext .po files; the writer is byte-identical to GNU msgcat.

`parse_po` and `format_po` are pure; `read_po` and `write_po` are the thin IO
shell around them (atomic writes through `fsio`). `format_po` normalises the
way `msgcat` 0.21 does: header first, obsolete entries last, comments in the
order translator, extracted, references, flags, previous msgid; only the flags
gettext knows, in its canonical order; strings wrapped at 79 columns by
`powrap.wrap_field`.
"""

from __future__ import annotations

import codecs
import functools
import itertools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from locpipe import fsio
from locpipe.errors import PoSyntaxError
from locpipe.formats.mofile import compile_mo
from locpipe.formats.powrap import PAGE_WIDTH, wrap_field
from locpipe.model import FUZZY, Catalog, Message

__all__ = [
    "compile_mo",
    "format_message",
    "format_po",
    "format_po_bytes",
    "parse_po",
    "read_po",
    "write_po",
]

# The format flags gettext 0.21 knows, in the order it writes them.
_FORMAT_TEXT = (
    "c objc python python-brace java java-printf csharp javascript scheme lisp elisp librep "
    "ruby sh awk lua object-pascal smalltalk qt qt-plural kde kde-kuit boost tcl perl "
    "perl-brace php gcc-internal gfc-internal ycp"
)
FORMAT_LANGUAGES = _FORMAT_TEXT.split()
_FORMAT_RANK = {lang: i for i, lang in enumerate(FORMAT_LANGUAGES)}
_RANGE = re.compile(r"range:\s*(\d+)\s*\.\.\s*(\d+)")
_REFERENCE = re.compile(r"(.*):(\d+)")
_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s*(.*)")
_OCTAL = re.compile(r"[0-7]{1,3}")
_HEX = re.compile(r"[0-9a-fA-F]+")
_STRING_ESCAPES = {
    "n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v",
    "\\": "\\", '"': '"', "'": "'", "?": "?",
}  # fmt: skip
_CHARSET = re.compile(rb"charset=([^\s\\\"]+)")
#: The charsets gettext calls portable (po-charset.c, `standard_charsets`):
#: msgfmt warns about any other name. locpipe reads these, and the names
#: Python takes for the same codec (`utf8`, `latin1`, `CP936`); never a
#: transform such as base64, rot13 or punycode, which msgfmt only warns about.
PORTABLE_CHARSETS = (
    "ASCII", "ANSI_X3.4-1968", "US-ASCII", "ISO-8859-1", "ISO-8859-2", "ISO-8859-3",
    "ISO-8859-4", "ISO-8859-5", "ISO-8859-6", "ISO-8859-7", "ISO-8859-8", "ISO-8859-9",
    "ISO-8859-13", "ISO-8859-14", "ISO-8859-15", "KOI8-R", "KOI8-U", "KOI8-T", "CP850",
    "CP866", "CP874", "CP932", "CP949", "CP950", "CP1250", "CP1251", "CP1252", "CP1253",
    "CP1254", "CP1255", "CP1256", "CP1257", "GB2312", "EUC-JP", "EUC-KR", "EUC-TW", "BIG5",
    "BIG5-HKSCS", "GBK", "GB18030", "SHIFT_JIS", "JOHAB", "TIS-620", "VISCII", "GEORGIAN-PS",
    "UTF-8",
)  # fmt: skip
#: The same, in a parsed header's msgstr.
_HEADER_CHARSET = re.compile(_CHARSET.pattern.decode())


# ---------------------------------------------------------------- writing


def format_po(catalog: Catalog, known: Mapping[Message, str] | None = None) -> str:
    """The text GNU `msgcat` (0.21, default options) writes for `catalog`.

    Active messages come first in catalogue order, then obsolete ones;
    obsolete messages without a translation are dropped, as msgcat does. A
    header that is entirely empty (no comments, flags or fields) is left out.
    A header declaring charset=ASCII is kept as msgcat keeps it while all
    text is ASCII, and says UTF-8 otherwise (the file is always UTF-8).
    """
    text = "\n".join(_blocks(catalog, known or {}))
    header = _utf8_header(catalog.header, text.isascii())
    if header is not None:
        return "\n".join(_blocks(Catalog(header, catalog.messages), known or {}))
    return text


def format_po_bytes(catalog: Catalog, known: Mapping[Message, str] | None = None) -> bytes:
    """`format_po` in UTF-8, encoded entry by entry: the text of a large
    catalogue is never held whole besides its bytes."""
    blocks = [block.encode("utf-8") for block in _blocks(catalog, known or {})]
    header = _utf8_header(catalog.header, all(block.isascii() for block in blocks))
    if header is not None:
        blocks = [
            b.encode("utf-8") for b in _blocks(Catalog(header, catalog.messages), known or {})
        ]
    return b"\n".join(blocks)


def _utf8_header(header: Message, ascii_text: bool) -> Message | None:
    """The header to write instead of `header` when it declares charset=ASCII
    and some text is no longer ASCII (a translation added since): the file
    is written in UTF-8, so the header must say so. None: keep it."""
    charset = _HEADER_CHARSET.search(header.msgstr)
    if charset is not None and _ascii(charset[1]) and not ascii_text:
        return _with_utf8(header, charset)
    return None


def _blocks(catalog: Catalog, known: Mapping[Message, str]) -> Iterator[str]:
    """The text of each entry `format_po` writes, in order."""

    def text(message: Message) -> str:
        found = known.get(message)
        return found if found is not None else format_message(message)

    header = catalog.header
    if header.msgstr or header.translator_comments or header.extracted_comments or header.flags:
        yield text(header)
    yield from (text(m) for m in catalog.messages if not m.obsolete)
    yield from (text(m) for m in catalog.messages if m.obsolete and _first_msgstr(m))


def entry_texts(catalog: Catalog, data: bytes) -> dict[Message, str]:
    """The text of each entry of `catalog`, as `data` (the file it was parsed
    from) holds it: for `format_po`'s `known`, so that a catalogue read from
    a file `format_po` wrote, rewritten with a few entries changed, formats
    only those. Only for such a file (its entries are what formatting gives,
    since reading and writing round-trip); empty when `data` does not split
    into the entries' blocks exactly."""
    text = data.decode("utf-8")
    lines = text.split("\n")
    entries = [catalog.header] if catalog.header.lineno else []
    entries += catalog.messages
    starts = [m.lineno for m in entries]
    if not entries or any(b <= a for a, b in itertools.pairwise(starts)):
        return {}
    found: dict[Message, str] = {}
    ends = [start - 2 for start in starts[1:]] + [len(lines) - 1]
    blocks = []
    for message, start, end in zip(entries, starts, ends, strict=True):
        block = "\n".join(lines[start - 1 : end]) + "\n"
        blocks.append(block)
        found[message] = block
    return found if "\n".join(blocks) == text else {}


@functools.lru_cache(maxsize=1 << 12)
def format_message(message: Message) -> str:
    """The text msgcat writes for one entry, the header entry too. Cached
    (messages are frozen): the rewrite of a small catalogue after an MT
    batch formats only the entries that changed. The cache is small: 65,536
    entries of a large catalogue's text held for the whole run were several
    times the size of a 10 MB document, and the driver rewrites a large
    catalogue only as often as translating takes longer than writing it (a
    file locpipe wrote gives its entries' text to the next run: `entry_texts`)."""
    return "".join(line + "\n" for line in _format_message(message))


def _first_msgstr(message: Message) -> str:
    """gettext judges "translated" by the first msgstr only (fuzzy, obsolete)."""
    return message.translations[0] if message.translations else ""


def _comment_lines(message: Message) -> list[str]:
    lines: list[str] = []
    for comment in message.translator_comments:
        lines += [f"# {part}" if part else "#" for part in comment.split("\n")]
    lines += [f"#. {c}" if c else "#." for c in message.extracted_comments]
    if message.references:
        line = "#:"
        for ref in _normalise_references(message.references):
            # gettext counts bytes here, not columns.
            if len(line) > 2 and len(line.encode()) + len(ref.encode()) + 1 > PAGE_WIDTH:
                lines.append(line)
                line = "#:"
            line += " " + ref
        lines.append(line)
    return lines


def _normalise_references(references: tuple[str, ...]) -> list[str]:
    """References as gettext writes them: deduplicated, line numbers as integers,
    leading "./" dropped (after deduplication, as gettext does)."""
    seen: set[tuple[str, int | None]] = set()
    result: list[str] = []
    for ref in references:
        match = _REFERENCE.fullmatch(ref)
        key = (match[1], int(match[2])) if match else (ref, None)
        if key in seen:
            continue
        seen.add(key)
        name = key[0]
        while name.startswith("./"):
            name = name[2:]
        result.append(name if key[1] is None else f"{name}:{key[1]}")
    return result


def normalised_flags(flags: tuple[str, ...], translated: bool) -> tuple[str, ...]:
    """The flags gettext keeps, in its order: fuzzy, formats, range, no-wrap.

    Unknown flags are dropped; for a format the last mention wins ("possible-"
    is written as the plain flag, "impossible-" not at all); "fuzzy" is kept
    only on a translated entry.
    """
    formats: dict[str, str] = {}
    range_flag = None
    no_wrap = False
    for flag in flags:
        if flag.endswith("-format"):
            name = flag[: -len("-format")]
            for marker, state in (
                ("impossible-", "impossible"),
                ("possible-", "yes"),
                ("no-", "no"),
            ):
                if name.startswith(marker) and name[len(marker) :] in _FORMAT_RANK:
                    formats[name[len(marker) :]] = state
                    break
            else:
                if name in _FORMAT_RANK:
                    formats[name] = "yes"
        elif flag in ("wrap", "no-wrap"):
            no_wrap = flag == "no-wrap"
        elif match := _RANGE.fullmatch(flag):
            range_flag = f"range: {int(match[1])}..{int(match[2])}"
    result = [FUZZY] if FUZZY in flags and translated else []
    for name in sorted(formats, key=_FORMAT_RANK.__getitem__):
        if formats[name] != "impossible":
            result.append(f"{'no-' if formats[name] == 'no' else ''}{name}-format")
    if range_flag is not None:
        result.append(range_flag)
    if no_wrap:
        result.append("no-wrap")
    return tuple(result)


def _string_lines(message: Message, prefix: str, previous_prefix: str) -> list[str]:
    flags = normalised_flags(message.flags, False)
    wrap = "no-wrap" not in flags
    lines: list[str] = []
    if message.previous_msgid is not None:  # gettext cannot read a #| line without #| msgid
        for name, value in (
            ("msgctxt", message.previous_msgctxt),
            ("msgid", message.previous_msgid),
            ("msgid_plural", message.previous_msgid_plural),
        ):
            if value is not None:
                lines += wrap_field(previous_prefix, name, value, wrap=wrap, flags=flags)
    if message.msgctxt is not None:
        lines += wrap_field(prefix, "msgctxt", message.msgctxt, wrap=wrap, flags=flags)
    lines += wrap_field(prefix, "msgid", message.msgid, wrap=wrap, flags=flags)
    if message.msgid_plural is None:
        lines += wrap_field(prefix, "msgstr", message.msgstr, wrap=wrap, flags=flags)
    else:
        lines += wrap_field(prefix, "msgid_plural", message.msgid_plural, wrap=wrap, flags=flags)
        for i, form in enumerate(message.msgstr_plural or ("",)):
            lines += wrap_field(prefix, f"msgstr[{i}]", form, wrap=wrap, flags=flags)
    return lines


def _format_message(message: Message) -> list[str]:
    lines = _comment_lines(message)
    flags = normalised_flags(message.flags, bool(_first_msgstr(message)))
    if flags:
        lines.append("#, " + ", ".join(flags))
    if message.obsolete:
        return lines + _string_lines(message, "#~ ", "#~| ")
    return lines + _string_lines(message, "", "#| ")


@dataclass
class _Entry:
    """A message being parsed: fields fill in as the lines arrive."""

    lineno: int = 0
    obsolete: bool = False
    translator: list[str] = field(default_factory=list)
    extracted: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    strings: dict[str, str] = field(default_factory=dict)
    plural_forms: dict[int, str] = field(default_factory=dict)
    has_strings: bool = False
    has_msgstr: bool = False


def parse_po(data: bytes, path: str) -> Catalog:
    """Parse the bytes of a .po/.pot file into a Catalog.

    Reads what gettext tools, Poedit, Weblate and Babel write: any wrapping,
    any comment order, `#|` and `#~|` previous strings, flag lists with or
    without spaces. A file in another charset than UTF-8 is converted when
    Python knows the codec (the header then says UTF-8). Raises PoSyntaxError
    with the line number on malformed input, duplicate messages, an unknown
    charset or bytes that do not decode.
    """
    text, codec = _decode(data, path)
    entries = _parse_entries(text, path, codec)
    return _build_catalog(entries, path)


def _header_charset(data: bytes) -> tuple[str, int] | None:
    """The charset the header entry declares and its line, or None when there
    is no header or it names none.

    Only the header counts: the first entry, when its msgid is empty (no
    msgctxt); a `charset=` in any other entry is text like any other. The
    lines are looked at as bytes, before anything is decoded.
    """
    lines = ((number, line.strip()) for number, line in enumerate(data.split(b"\n"), start=1))
    first = next((line for _, line in lines if line and not line.startswith(b"#")), b"")
    if not re.fullmatch(rb'msgid\s*""', first):
        return None
    msgstr: list[tuple[int, bytes]] = []
    for number, line in lines:
        if msgstr and line.startswith(b'"'):
            msgstr.append((number, line))
        elif msgstr:
            break
        elif re.match(rb"msgstr\s", line):
            msgstr.append((number, line[len(b"msgstr") :]))
        elif line != b'""':
            return None  # the msgid goes on, or a plural: not a header
    for number, line in msgstr:
        if match := _CHARSET.search(line):
            return match[1].decode("ascii", "replace"), number
    return None


@functools.cache
def _portable_codecs() -> frozenset[str]:
    """Python's codec names for the portable charsets it knows."""
    found = set()
    for name in PORTABLE_CHARSETS:
        try:
            found.add(codecs.lookup(name).name)
        except LookupError:
            continue
    return frozenset(found)


def _codec(charset: str, path: str, line: int | None) -> str:
    """Python's codec for the declared `charset`, or PoSyntaxError at `line`."""
    fix = "convert the file to UTF-8, e.g. `msgconv -t UTF-8 FILE`"
    try:
        codec = codecs.lookup(charset).name
    except (LookupError, ValueError):  # ValueError: a NUL in the name
        raise PoSyntaxError(
            f"unsupported charset {charset!r}", file=path, line=line, fix=fix
        ) from None
    if codec not in _portable_codecs():
        raise PoSyntaxError(
            f"charset {charset!r} is not a text encoding gettext can use "
            "(msgfmt: not a portable encoding name)",
            file=path,
            line=line,
            fix=fix,
        )
    return codec


def _decode(data: bytes, path: str) -> tuple[str, str]:
    """The text of a .po file and the codec it was decoded with."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    declared = _header_charset(data)
    charset, line = declared or ("UTF-8", None)
    if charset.upper() == "CHARSET":
        charset = "UTF-8"  # the template placeholder
    codec = _codec(charset, path, line)
    try:
        return data.decode(codec), codec
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        if declared is None:
            raise PoSyntaxError(
                "not valid UTF-8, and there is no header entry to name another charset",
                file=path,
                line=line,
                fix='save the file as UTF-8, or put back the header entry (msgid "") '
                "with its Content-Type charset",
            ) from exc
        raise PoSyntaxError(
            f"invalid {charset} byte sequence",
            file=path,
            line=line,
            fix=f"save the file as {charset}, or convert it to UTF-8 with msgconv",
        ) from exc


def _unquote(rest: str, path: str, lineno: int, codec: str = "utf-8") -> str:
    rest = rest.strip()
    if rest.startswith('"') and (len(rest) < 2 or not rest.endswith('"')):
        raise PoSyntaxError(
            "unterminated string: no closing double quote",
            file=path,
            line=lineno,
            fix='end the line with " (continue a long string on the next line in its own quotes)',
        )
    if len(rest) < 2 or rest[0] != '"' or rest[-1] != '"':
        raise PoSyntaxError(
            "expected a string in double quotes",
            file=path,
            line=lineno,
            fix='quote the text and escape inner quotes as \\"',
        )
    body = rest[1:-1]
    if "\\" not in body and '"' not in body:
        return body  # the common case, and the hot path of reading big files
    return _unescape(body, path, lineno, codec)


def _unescape(body: str, path: str, lineno: int, codec: str) -> str:
    """The text of a quoted string's `body`, its escapes read as gettext reads
    them: `\\x` takes every hex digit that follows and `\\ooo` up to three
    octal digits, and each gives one byte (the value modulo 256, as msgfmt
    stores it); consecutive bytes are decoded in the file's `codec`, so
    `\\xc3\\xa9` is "é" in a UTF-8 file. A NUL (msgfmt cuts the string
    there, silently) or bytes that are no text in the codec are an error at
    `lineno`, never a character the writer could not encode."""
    out: list[str] = []
    pending = bytearray()  # bytes from escapes, decoded when the run ends

    def flush() -> None:
        if not pending:
            return
        if 0 in pending:
            raise PoSyntaxError(
                "a NUL byte (\\0, \\x00 or an escape whose value ends in 00): gettext "
                "strings end at the first NUL, so the rest would be lost",
                file=path,
                line=lineno,
                fix="remove the escape",
            )
        try:
            out.append(pending.decode(codec))
        except UnicodeDecodeError as exc:
            raise PoSyntaxError(
                f"escape sequences give bytes that are not {codec} text: "
                + "".join(f"\\x{b:02x}" for b in pending),
                file=path,
                line=lineno,
                fix=f"write the character itself, or the escapes of its complete {codec} encoding",
            ) from exc
        pending.clear()

    i = 0
    while i < len(body):
        ch = body[i]
        if ch == '"':
            raise PoSyntaxError(
                "unescaped double quote or unterminated string",
                file=path,
                line=lineno,
                fix='escape the quote as \\"',
            )
        if ch != "\\":
            flush()
            out.append(ch)
            i += 1
            continue
        if i + 1 >= len(body):
            raise PoSyntaxError(
                "unterminated string", file=path, line=lineno, fix='close it with "'
            )
        nxt = body[i + 1]
        if nxt in _STRING_ESCAPES:
            flush()
            out.append(_STRING_ESCAPES[nxt])
            i += 2
        elif nxt in "01234567":
            digits = _OCTAL.match(body, i + 1)
            assert digits is not None
            pending.append(int(digits[0], 8) % 256)
            i = digits.end()
        elif nxt == "x" and (hexd := _HEX.match(body, i + 2)):
            # Only the last two digits count modulo 256: a thousand-digit
            # escape costs what a two-digit one does.
            pending.append(int(hexd[0][-2:], 16))
            i = hexd.end()
        else:
            raise PoSyntaxError(
                f"invalid escape sequence \\{nxt}",
                file=path,
                line=lineno,
                fix="write \\\\ for a backslash",
            )
    flush()
    return "".join(out)


def _parse_entries(text: str, path: str, codec: str = "utf-8") -> list[_Entry]:
    entries: list[_Entry] = []
    entry = _Entry()
    current: tuple[str, int] | None = None  # the field continuation lines extend

    def finish() -> None:
        nonlocal entry, current
        if entry.has_strings:
            if not entry.has_msgstr:
                raise PoSyntaxError(
                    "message without msgstr", file=path, line=entry.lineno, fix='add msgstr ""'
                )
            entries.append(entry)
        elif entry.translator or entry.extracted or entry.references or entry.flags:
            pass  # comments at the end of the file belong to no message; gettext drops them
        entry = _Entry()
        current = None

    for lineno, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip("\r")
        stripped = line.strip()
        if not stripped:
            continue
        obsolete = False
        previous = False
        if line.startswith("#~"):
            obsolete = True
            line = line[2:]
            if line.startswith("|"):
                previous = True
                line = line[1:]
            line = line.strip()
            if not line:
                continue
            if line.startswith("#"):
                obsolete = False  # "#~ # comment": treat as a comment line
        elif line.startswith("#|"):
            previous = True
            line = line[2:].strip()
        if line.startswith("#") and not previous:
            if entry.has_msgstr:
                finish()
            _parse_comment(entry, line, lineno)
            if not entry.lineno:
                entry.lineno = lineno
            continue
        keyword = _KEYWORD.match(line)
        if keyword:
            name, index, rest = keyword[1], keyword[2], keyword[3]
            if previous:
                name = "previous_" + name
            if (previous or name in ("msgctxt", "msgid")) and entry.has_msgstr:
                finish()
            if not entry.lineno:
                entry.lineno = lineno
            entry.obsolete = entry.obsolete or obsolete
            value = _unquote(rest, path, lineno, codec)
            if name.startswith("msgstr"):
                if not entry.has_strings or "msgid" not in entry.strings:
                    raise PoSyntaxError(
                        "msgstr without msgid", file=path, line=lineno, fix="add msgid"
                    )
                if index is not None:
                    if int(index) in entry.plural_forms or "msgstr" in entry.strings:
                        raise _duplicate(f"msgstr[{int(index)}]", path, lineno)
                    entry.has_msgstr = True
                    entry.plural_forms[int(index)] = value
                    current = ("plural", int(index))
                    continue
                if entry.has_msgstr:
                    raise _duplicate("msgstr", path, lineno)
                if "msgid_plural" in entry.strings:
                    raise PoSyntaxError(
                        "msgstr in a plural message",
                        file=path,
                        line=lineno,
                        fix="a message with msgid_plural has msgstr[0], msgstr[1], …",
                    )
                entry.has_msgstr = True
            elif name in entry.strings:
                raise _duplicate(name.replace("previous_", "#| "), path, lineno)
            entry.has_strings = True
            entry.strings[name] = value
            current = (name, -1)
        elif line.startswith('"'):
            if current is None:
                raise PoSyntaxError(
                    "string continuation without a keyword",
                    file=path,
                    line=lineno,
                    fix="start the message with msgid",
                )
            value = _unquote(line, path, lineno, codec)
            if current[0] == "plural":
                entry.plural_forms[current[1]] += value
            else:
                entry.strings[current[0]] += value
        else:
            raise PoSyntaxError(
                f"cannot parse line: {stripped[:40]!r}",
                file=path,
                line=lineno,
                fix="check quoting; every string line must start with a keyword or a quote",
            )
    finish()
    return entries


def _duplicate(name: str, path: str, lineno: int) -> PoSyntaxError:
    """The error for a keyword given twice in one message (msgfmt refuses it
    too; reading it, the last one would silently replace the first)."""
    return PoSyntaxError(
        f"duplicate {name} in one message",
        file=path,
        line=lineno,
        fix="keep one of the lines (or separate two messages with a blank line)",
    )


def _parse_comment(entry: _Entry, line: str, lineno: int) -> None:
    kind = line[1:2]
    body = line[2:]
    if kind == ".":
        entry.extracted.append(body[1:] if body.startswith(" ") else body)
    elif kind == ":":
        entry.references += body.split()
    elif kind == ",":
        entry.flags += [f.strip() for f in body.split(",") if f.strip()]
    else:
        text = line[1:]
        entry.translator.append(text[1:] if text.startswith(" ") else text)


def _build_catalog(entries: list[_Entry], path: str) -> Catalog:
    header: Message | None = None
    messages: list[Message] = []
    seen: dict[tuple[str | None, str], int] = {}
    for entry in entries:
        message = _to_message(entry, path)
        if header is None and not message.obsolete and message.key == (None, "") and not messages:
            if message.msgid_plural is not None:
                raise PoSyntaxError(
                    "the header entry has msgid_plural", file=path, line=entry.lineno
                )
            header = message
            continue
        if not message.obsolete:
            if message.key in seen:
                raise PoSyntaxError(
                    f"duplicate message {message.msgid[:50]!r} (first at line {seen[message.key]})",
                    file=path,
                    line=entry.lineno,
                    fix="merge the two entries or give one a msgctxt; `msguniq` can merge them",
                )
            seen[message.key] = entry.lineno
        messages.append(message)
    header = Message(msgid="") if header is None else _check_header(header, path)
    return Catalog(header=header, messages=tuple(messages))


def _check_header(header: Message, path: str) -> Message:
    for i, line in enumerate(header.msgstr.split("\n")):
        if line and ":" not in line:
            raise PoSyntaxError(
                f"broken header field {line[:40]!r} (header line {i + 1})",
                file=path,
                line=header.lineno,
                fix='every header line is "Name: value\\n"',
            )
    charset = _HEADER_CHARSET.search(header.msgstr)
    if charset and charset[1].upper() not in ("UTF-8", "CHARSET") and not _ascii(charset[1]):
        header = _with_utf8(header, charset)
    return header


def _ascii(name: str) -> bool:
    """Whether `name` is ASCII: a file in it is UTF-8 too, so msgcat and
    locpipe keep it as it is while its text stays ASCII."""
    try:
        return codecs.lookup(name).name == "ascii"
    except LookupError:
        return False


def _with_utf8(header: Message, charset: re.Match[str]) -> Message:
    msgstr = header.msgstr[: charset.start(1)] + "UTF-8" + header.msgstr[charset.end(1) :]
    return header.replace(msgstr=msgstr)


def _to_message(entry: _Entry, path: str) -> Message:
    strings = entry.strings
    if "msgid" not in strings:
        raise PoSyntaxError("message without msgid", file=path, line=entry.lineno, fix="add msgid")
    plural = strings.get("msgid_plural")
    forms: tuple[str, ...] = ()
    if plural is not None:
        if sorted(entry.plural_forms) != list(range(len(entry.plural_forms))):
            raise PoSyntaxError(
                "plural message needs msgstr[0], msgstr[1], … in order",
                file=path,
                line=entry.lineno,
                fix="number the msgstr[N] lines from 0",
            )
        forms = tuple(entry.plural_forms[i] for i in range(len(entry.plural_forms)))
    elif entry.plural_forms:
        raise PoSyntaxError(
            "msgstr[N] without msgid_plural", file=path, line=entry.lineno, fix="use msgstr"
        )
    return Message(
        msgid=strings["msgid"],
        msgstr=strings.get("msgstr", ""),
        msgctxt=strings.get("msgctxt"),
        msgid_plural=plural,
        msgstr_plural=forms,
        flags=tuple(dict.fromkeys(entry.flags)),
        translator_comments=tuple(entry.translator),
        extracted_comments=tuple(entry.extracted),
        references=tuple(entry.references),
        previous_msgctxt=strings.get("previous_msgctxt"),
        previous_msgid=strings.get("previous_msgid"),
        previous_msgid_plural=strings.get("previous_msgid_plural"),
        obsolete=entry.obsolete,
        lineno=entry.lineno,
    )


# ---------------------------------------------------------------- IO shell


def read_po(path: Path) -> Catalog:
    """Read and parse the .po/.pot file at `path` (see `parse_po`)."""
    return parse_po(fsio.read_bytes(path), str(path))


def write_po(path: Path, catalog: Catalog) -> bool:
    """Write `catalog` to `path` atomically in msgcat's format.

    Returns False, leaving the file untouched, when it already holds exactly
    these bytes.
    """
    return fsio.atomic_write_bytes(path, format_po_bytes(catalog))

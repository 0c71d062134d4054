"""Source documents: find them from the configured globs and read them strictly."""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from locpipe.config import Config
from locpipe.documents import mkdocs
from locpipe.documents.segment import format_for
from locpipe.errors import ConfigError, PoSyntaxError, SourceError
from locpipe.formats import headers
from locpipe.model import Catalog

if TYPE_CHECKING:  # segmenting loads the Markdown parser: only when a document changed
    from locpipe.documents.segment import Segment

#: The longest line a source document may have, in characters. Prose wraps
#: long before this (a long Markdown paragraph on one line is a few thousand
#: characters); a longer line is generated data or embedded content. Measured:
#: a 12 MB single-line document took 29 s and 560 MB just to write its template
#: and catalogues, and one sentence that long cannot be machine-translated.
MAX_LINE_CHARS = 100_000


@dataclass(frozen=True, slots=True)
class Source:
    """A source document: its path relative to the project and its domain."""

    path: Path  # absolute
    relpath: str  # posix, relative to the project root: used in #: references
    domain: str
    #: How it is segmented: "text", "markdown" (segment.format_for) or
    #: "mkdocs" (an MkDocs site's configuration: its nav titles).
    fmt: str = ""


def base_folder(pattern: str) -> str:
    """The folder part of a glob pattern before its first glob character:
    "docs/**/*.md" → "docs", "content/*.txt" → "content", "a.md" → ""."""
    cut = len(pattern)
    for char in "*?[":
        found = pattern.find(char)
        if found >= 0:
            cut = min(cut, found)
    return pattern[:cut].rpartition("/")[0]


def domain_for(path: Path, base: Path) -> str:
    """The domain of a file: its path relative to `base`, posix, without suffix.

    This is the layout Sphinx (gettext_compact = False) and sphinx-intl use,
    so a docs tree with an `index.md` in every section has one catalogue per
    document: `guide/index`.
    """
    return path.relative_to(base).with_suffix("").as_posix()


def _resolved(path: Path, folders: dict[Path, Path]) -> Path:
    """`path.resolve()`, resolving each folder once (a docs site has
    thousands of documents in a few folders)."""
    folder = folders.get(path.parent)
    if folder is None:
        folder = folders[path.parent] = path.parent.resolve()
    return path.resolve() if os.path.islink(path) else folder / path.name


def _within(path: Path, base: Path) -> str | None:
    """`path` relative to `base`, posix, or None when it is not inside (a
    string operation; see `_resolved`)."""
    text, prefix = path.as_posix(), base.as_posix().rstrip("/") + "/"
    return text[len(prefix) :] if text.startswith(prefix) else None


def _matches(config: Config, pattern: str, what: str, fix: str) -> list[tuple[Path, str]]:
    """(absolute path, links resolved; domain) of every file `pattern`
    matches, sorted; an error naming the pattern when it matches nothing,
    and naming the file when its name holds a line break or another control
    character. The domain is taken from the path as matched (a link's own
    name), below the pattern's base folder, so a link to a file elsewhere
    never makes it fail."""
    base = config.root / base_folder(pattern)
    folders: dict[Path, Path] = {}
    found: list[tuple[Path, str]] = []
    for match in config.root.glob(pattern):
        if not match.is_file():
            continue
        _check_name(config, match)
        inside = _within(match, base)
        domain = domain_for(match, base) if inside is None else _without_suffix(inside)
        found.append((_resolved(match, folders), domain))
    if not found:
        raise ConfigError(
            f"{what} pattern {pattern!r} matches no file", file=config.config_file, fix=fix
        )
    return sorted(found)


def _without_suffix(relpath: str) -> str:
    """`relpath` without the suffix of its last part, as Path.with_suffix("") drops it."""
    folder, _, name = relpath.rpartition("/")
    dot = name.rfind(".")
    if 0 < dot < len(name) - 1:
        name = name[:dot]
    return f"{folder}/{name}" if folder else name


def _check_name(config: Config, path: Path) -> None:
    """Refuse a file whose name would break a line of a .po file (a `#:`
    reference or a comment holds it): msgfmt rejects what xgettext writes for
    such a name, and every later run would fail on that file."""
    shown = config.shown(path)
    bad = next((c for c in shown if unicodedata.category(c) in ("Cc", "Zl", "Zp")), None)
    if bad is not None:
        raise ConfigError(
            f"the file name {shown!r} holds the control character {bad!r}, which a "
            "reference line of a .po file cannot carry",
            file=config.config_file,
            fix="rename the file (a name without line breaks or tabs)",
        )


def discover(config: Config) -> list[Source]:
    """Every file the `sources` globs match, sorted by path.

    A document's domain is its path relative to the base folder of the
    pattern that found it, without suffix (see `domain_for`). Two documents
    with the same domain would share a catalogue, so that is an error naming
    both. A configured pattern that matches no file is an error; the default
    patterns only need to match something between them.
    """
    found: dict[Path, str] = {}
    explicit = config.sources != Config(root=config.root).sources
    for pattern in config.sources:
        try:
            matched = _matches(config, pattern, "sources", _SOURCES_FIX)
        except ConfigError as exc:
            if explicit or "matches no file" not in exc.message:
                raise
            continue
        for path, domain in matched:
            found.setdefault(path, domain)
    if config.sources and not found:
        raise ConfigError(
            "the sources patterns " + ", ".join(map(repr, config.sources)) + " match no file",
            file=config.config_file,
            fix=_SOURCES_FIX,
        )
    sources: list[Source] = []
    seen: dict[str, str] = {}
    root = config.root.resolve()
    for path in sorted(found):
        domain = found[path]
        relpath = _within(path, root)
        if relpath is None:  # its rebuilt copy would land outside build/
            raise ConfigError(
                f"the sources patterns match {path}, outside the project folder "
                "(a link, or a pattern with '..')",
                file=config.config_file,
                fix="keep the documents inside the project folder (copy the file in "
                "rather than linking to it)",
            )
        if domain in seen:
            raise domain_clash(config, relpath, seen[domain], domain)
        seen[domain] = relpath
        sources.append(Source(path, relpath, domain, format_for(relpath)))
    if config.mkdocs:
        sources.append(_site_config(config, root, seen))
    return sources


def site_files(config: Config) -> list[Path]:
    """Every file of the configured MkDocs site's docs folder (none without
    one): build copies those that are not sources into each locale's site."""
    if not config.mkdocs:
        return []
    site = mkdocs.load_site(config.root, config.mkdocs)
    return sorted(path for path in site.docs_dir.rglob("*") if path.is_file())


def _site_config(config: Config, root: Path, seen: dict[str, str]) -> Source:
    """The MkDocs configuration as a source: its nav titles are translated."""
    path = (root / config.mkdocs).resolve()
    if not path.is_file() or not path.is_relative_to(root):
        raise ConfigError(
            f"mkdocs names {config.mkdocs!r}, which is no file inside the project",
            file=config.config_file,
            fix='set mkdocs to the path of the site\'s configuration, such as "mkdocs.yml"',
        )
    relpath = path.relative_to(root).as_posix()
    domain = Path(relpath).with_suffix("").as_posix()
    if domain in seen:
        raise domain_clash(config, relpath, seen[domain], domain)
    return Source(path, relpath, domain, mkdocs.FORMAT)


_SOURCES_FIX = "fix the pattern (relative to the project folder), or remove it from sources"


def domain_clash(config: Config, one: str, other: str, domain: str) -> ConfigError:
    """The error for two inputs whose file stems would name the same catalogue."""
    return ConfigError(
        f"{one} and {other} would share the domain {domain!r}",
        file=config.config_file,
        fix="rename one of them, or give them different folders: the path below the "
        "pattern's base folder, without suffix, names the catalogue",
    )


def decode(data: bytes, name: str) -> str:
    """The text of a source document, or SourceError naming file and line.

    Refuses binary files (NUL bytes), UTF-16 and other text that is not
    UTF-8, empty files and lines longer than MAX_LINE_CHARS. A UTF-8
    byte-order mark is dropped.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceError(
            "UTF-16 text (it starts with a UTF-16 byte-order mark); locpipe reads UTF-8",
            file=name,
            line=1,
            fix="re-save the file as UTF-8, e.g. iconv -f UTF-16 -t UTF-8",
        )
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise SourceError(
            "a NUL byte: this looks like a binary file, not a text document",
            file=name,
            line=line,
            fix="remove the file from the sources globs, or save it as UTF-8 text",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SourceError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            file=name,
            line=line,
            fix="re-save the file as UTF-8, e.g. iconv -f LATIN1 -t UTF-8",
        ) from exc
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise SourceError(
            "the document is empty",
            file=name,
            fix="add text to it, or remove it from the sources globs",
        )
    _check_line_lengths(text, name)
    return text


def _check_line_lengths(text: str, name: str) -> None:
    """Refuse a line longer than MAX_LINE_CHARS, naming it; linear time."""
    if len(text) <= MAX_LINE_CHARS:
        return
    start, lineno = 0, 1
    while start <= len(text):
        end = text.find("\n", start)
        stop = len(text) if end < 0 else end
        if stop - start > MAX_LINE_CHARS:
            raise SourceError(
                f"line of {stop - start:,} characters; the limit is {MAX_LINE_CHARS:,}",
                file=name,
                line=lineno,
                fix="wrap the text onto several lines (a line break inside a paragraph "
                "changes nothing), or move embedded data out of the document",
            )
        if end < 0:
            return
        start, lineno = end + 1, lineno + 1


def read_bytes(path: Path, name: str) -> bytes:
    """The bytes of the document at `path`; errors call it `name`."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror}", file=name) from exc


def read_text(path: Path, name: str) -> str:
    """Read and decode the document at `path`; errors call it `name`."""
    return decode(read_bytes(path, name), name)


def read(source: Source) -> str:
    """Read and decode one source document."""
    return read_text(source.path, source.relpath)


@dataclass(frozen=True, slots=True)
class Document:
    """A source document read and segmented."""

    source: Source
    text: str
    segments: tuple[Segment, ...]


def parse(source: Source, data: bytes) -> Document:
    """The document `source` whose file holds `data`, decoded (see `decode`)
    and segmented."""
    from locpipe.documents.segment import segment

    text = decode(data, source.relpath)
    if source.fmt == mkdocs.FORMAT:
        return Document(source, text, mkdocs.nav_segments(text))
    return Document(source, text, segment(text, source.fmt or format_for(source.relpath)))


def load(config: Config) -> list[Document]:
    """Read and segment every source document of the project."""
    return [parse(source, read_bytes(source.path, source.relpath)) for source in discover(config)]


def app_templates(config: Config) -> dict[str, Path]:
    """The app `.pot` files the `templates` globs match, by domain: the path
    relative to the pattern's base folder, without suffix (`domain_for`)."""
    found: dict[str, Path] = {}
    fix = "run your extractor first (pybabel extract, xgettext, sphinx-build -b gettext, or "
    fix += "Django's makemessages --keep-pot, which otherwise deletes its .pot), or fix the path"
    for pattern in config.templates:
        for path, domain in _matches(config, pattern, "templates", fix):
            other = found.setdefault(domain, path)
            if other != path:
                raise domain_clash(config, str(path), str(other), domain)
    return found


def check_plurals(template: Catalog, path: Path) -> None:
    """Refuse a template whose plural entries disagree on their number of forms,
    or with its own Plural-Forms header."""
    expected = headers.declared_nplurals(template.header_field("Plural-Forms") or "")
    for message in template.messages:
        if message.msgid_plural is None or message.obsolete:
            continue
        count = len(message.msgstr_plural)
        if expected is None:
            expected = count
        if count != expected:
            raise PoSyntaxError(
                f"plural entry has {count} msgstr forms where the template has {expected}",
                file=path,
                line=message.lineno or None,
                fix="regenerate the template with your extractor (pybabel extract / xgettext)",
            )


def compendium_paths(config: Config) -> list[Path]:
    """The compendium .po files the `compendia` globs match, sorted."""
    found = {p for pattern in config.compendia for p in config.root.glob(pattern) if p.is_file()}
    for path in found:
        _check_name(config, path)
    return sorted(found)

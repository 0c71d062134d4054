"""Downloading Argos packages from the package index, streamed to disk with a SHA-256.

The index address comes from Argos' own settings (`ARGOS_PACKAGE_INDEX`, or
its settings.json, or its default), and each entry is read with Argos'
defaults (`type` "translate", the name `<type>-<from>_<to>`), so locpipe sees
the same packages Argos would. The download itself is locpipe's: Argos reads a
whole package (about 100 MB) into memory, shows no progress and checks
nothing; here the package is streamed to a temporary file, hashed as it
arrives, checked against its announced length, against a pinned SHA-256 if
the user gave one, and as a zip, before anything is installed.

The index and the servers it names are not trusted: every field of every
entry is checked (type, a safe name without path separators or control
characters, http(s) links), nothing an entry says becomes part of a path,
and the index, each download and each unpacked package have a size cap and
a deadline (`Limits`, set with `locpipe models install --max-…`).

These are the only functions in locpipe that open a network connection; they
run only when a user asks for them (`locpipe models install NAME`).
"""

from __future__ import annotations

import hashlib
import http.client
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from locpipe.errors import ModelError
from locpipe.fsio import atomic_write_bytes, is_safe_name
from locpipe.progress import Progress

#: Seconds to wait for a server to answer or send more data.
TIMEOUT = 60.0
#: Bytes read and hashed at a time (memory use stays at this, whatever the size).
CHUNK = 1 << 20
MB = 1_000_000


@dataclass(frozen=True, slots=True)
class Limits:
    """Caps on what the network and a package may make locpipe read and write.

    The defaults leave room for every real package: the Argos index is about
    100 kB, its biggest package a few hundred MB, and a CTranslate2 model
    unpacks to about its zipped size (int8 weights barely compress).
    """

    #: bytes of the package index (index.json)
    index_bytes: int = 16 * MB
    #: bytes of one package download
    download_bytes: int = 2_000 * MB
    #: bytes of a package once unpacked (every file of the archive together)
    unpacked_bytes: int = 4_000 * MB
    #: files in one package
    members: int = 10_000
    #: seconds for the whole of one download (the index, or one package link),
    #: however slowly the server drips
    seconds: float = 3600.0


LIMITS = Limits()
USER_AGENT = "locpipe (ArgosTranslate-compatible)"
OFFLINE_FIX = "install from a file instead: locpipe models install FILE.argosmodel"


#: Download progress, in bytes: the library's Progress protocol.
ByteProgress = Progress

Say = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """One package of the Argos package index."""

    name: str  # translate-en_ko
    from_code: str
    to_code: str
    version: str
    links: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Downloaded:
    """A package file on disk and what is known of it."""

    path: Path
    url: str
    size: int
    sha256: str


def index_url() -> str:
    """The index address Argos uses: ARGOS_PACKAGE_INDEX (or its settings.json
    value, or its default) + `index.json`.

    Argos glues the two together as they are, so a setting without a final
    `/` (`https://mirror.example/argos`) would name `.../argosindex.json`;
    the missing `/` is added here.
    """
    from argostranslate import settings

    base = str(settings.package_index)
    return base + ("" if base.endswith("/") else "/") + "index.json"


def _open(url: str, limits: Limits = LIMITS) -> http.client.HTTPResponse:
    """The response to a GET of `url`; each socket operation may wait TIMEOUT
    (or the whole time limit, when that is shorter)."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    timeout = min(TIMEOUT, limits.seconds)
    response: http.client.HTTPResponse = urllib.request.urlopen(request, timeout=timeout)
    return response


def _copy(
    response: http.client.HTTPResponse,
    out: BinaryIO,
    url: str,
    *,
    limit: int,
    seconds: float,
    what: str,
    on_chunk: Callable[[bytes, int], None] | None = None,
) -> int:
    """Copy the body of `response` to `out`; return its length.

    ModelError as soon as more than `limit` bytes arrive (or are announced)
    or the copy has taken more than `seconds`. `read1` returns what one
    receive brings, so a server that drips a byte at a time cannot hold a
    read past the deadline by more than the socket timeout (TIMEOUT).
    """
    announced = response.getheader("Content-Length")
    if announced and announced.isdigit() and int(announced) > limit:
        raise ModelError(
            f"{what} announces {int(announced):,} bytes, more than the limit of {limit:,}",
            file=url,
            fix=_LIMIT_FIX,
        )
    deadline = time.monotonic() + seconds
    done = 0
    while True:
        chunk = bytearray()
        while len(chunk) < CHUNK and (piece := response.read1(CHUNK - len(chunk))):
            chunk += piece
            if done + len(chunk) > limit:
                raise ModelError(
                    f"{what} is larger than the limit of {limit:,} bytes", file=url, fix=_LIMIT_FIX
                )
            if time.monotonic() > deadline:
                raise ModelError(
                    f"{what} took longer than the limit of {seconds:g} s",
                    file=url,
                    fix="try again on a faster connection, or raise the limit with "
                    "locpipe models install --timeout SECONDS",
                )
        if not chunk:
            return done
        out.write(chunk)
        done += len(chunk)
        if on_chunk is not None:
            on_chunk(bytes(chunk), done)


_LIMIT_FIX = (
    "check the index address (ARGOS_PACKAGE_INDEX), or raise the limit with "
    "locpipe models install --max-index-mb / --max-download-mb"
)


def _network_error(what: str, url: str, exc: BaseException) -> ModelError:
    if isinstance(exc, urllib.error.HTTPError):
        reason = f"HTTP {exc.code} {exc.reason}"
    elif isinstance(exc, urllib.error.URLError):
        reason = str(exc.reason)
    else:
        reason = str(exc) or type(exc).__name__
    return ModelError(f"{what} cannot be reached: {reason}", file=url, fix=OFFLINE_FIX)


def update_index(say: Say, limits: Limits = LIMITS) -> list[IndexEntry]:
    """Fetch the package index into Argos' local copy and return its entries.

    Raises ModelError when the index cannot be reached (no network, a 404, a
    timeout), is larger or slower than `limits` allow, is not the JSON list
    Argos expects, or has an entry with a field of the wrong type or an
    unsafe name; the old local copy is then left as it was.
    """
    import io

    from argostranslate import settings

    url = index_url()
    say(f"updating the package index: {url}")
    body = io.BytesIO()
    try:
        with _open(url, limits) as response:
            _copy(
                response,
                body,
                url,
                limit=limits.index_bytes,
                seconds=limits.seconds,
                what="the package index",
            )
    except (OSError, http.client.HTTPException) as exc:
        raise _network_error("the Argos package index", url, exc) from exc
    data = body.getvalue()
    try:
        parsed = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise ModelError(
            f"the package index is not valid JSON: {exc}", file=url, fix=OFFLINE_FIX
        ) from exc
    if not isinstance(parsed, list):
        raise ModelError(
            "the package index is not a JSON list of packages", file=url, fix=OFFLINE_FIX
        )
    entries = [_entry(raw, number, url) for number, raw in enumerate(parsed, start=1)]
    atomic_write_bytes(Path(settings.local_package_index), data)
    say(f"  {len(entries)} package(s) listed")
    return entries


#: The fields of an index entry Argos reads, and the JSON type each must have.
_TEXT_FIELDS = (
    "code", "package_version", "argos_version", "from_code", "from_name",
    "to_code", "to_name", "type", "target_prefix",
)  # fmt: skip
_LIST_FIELDS = (
    "from_codes", "to_codes", "links", "languages", "dependencies",
    "source_languages", "target_languages",
)  # fmt: skip
#: The fields that make up the package's name (`<type>-<from_code>_<to_code>`).
_NAME_FIELDS = ("type", "from_code", "to_code")


def _entry(raw: object, number: int, url: str) -> IndexEntry:
    """The index entry `raw` (the `number`th of the index at `url`), every
    field Argos reads checked: ModelError naming the entry and the field."""

    def bad(problem: str) -> ModelError:
        return ModelError(
            f"package index entry {number}: {problem}",
            file=url,
            fix="the index is broken or not an Argos package index; " + OFFLINE_FIX,
        )

    if not isinstance(raw, dict):
        raise bad(f"not a JSON object but {type(raw).__name__}")
    for key in _TEXT_FIELDS:
        value = raw.get(key)
        if value is not None and not isinstance(value, str):
            raise bad(f"{key} must be a string, not {type(value).__name__}")
        if isinstance(value, str) and not value.isprintable():
            raise bad(f"{key} holds control characters: {value!r}")
    for key in _LIST_FIELDS:
        if key in raw and not isinstance(raw[key], list):
            raise bad(f"{key} must be a list, not {type(raw[key]).__name__}")
    for key in _NAME_FIELDS:
        value = raw.get(key)
        if value is not None and not is_safe_name(value):
            raise bad(f"{key} {value!r} is not a safe name (letters, digits, '.', '_', '-')")
    links = raw.get("links", [])
    for link in links:
        if not isinstance(link, str) or not _web_address(link):
            raise bad(f"link {link!r} is not an http:// or https:// address")
    kind = raw.get("type") or "translate"
    from_code, to_code = raw.get("from_code"), raw.get("to_code")
    name = f"{kind}-{from_code}_{to_code}" if from_code and to_code else kind
    return IndexEntry(
        name=name,
        from_code=str(from_code or ""),
        to_code=str(to_code or ""),
        version=str(raw.get("package_version") or ""),
        links=tuple(links),
    )


def _web_address(link: str) -> bool:
    """Whether `link` is an http(s) address with a host (not file:, ftp:, data:)."""
    parsed = urllib.parse.urlsplit(link)
    return parsed.scheme in ("http", "https") and bool(parsed.hostname) and link.isprintable()


def version_key(version: str) -> tuple[int, ...]:
    """A package version ("1.9") as numbers to compare; a part that is not a number counts 0."""
    return tuple(int(part) if part.isdigit() else 0 for part in version.split("."))


def choose(entries: Sequence[IndexEntry], from_code: str, to_code: str) -> IndexEntry:
    """The newest index entry for from_code → to_code that can be downloaded."""
    matches = [e for e in entries if (e.from_code, e.to_code) == (from_code, to_code)]
    if not matches:
        raise ModelError(
            f"the Argos package index has no {from_code}→{to_code} package",
            file=index_url(),
            fix=OFFLINE_FIX,
        )
    best = max(matches, key=lambda e: version_key(e.version))
    if not best.links:
        raise ModelError(
            f"the index entry for {best.name} {best.version} has no download links",
            file=index_url(),
            fix="the index is broken; " + OFFLINE_FIX,
        )
    return best


#: The name a download gets in its (fresh, private) folder: a constant, so
#: nothing the index says can steer where the file goes.
DOWNLOAD_NAME = "package.argosmodel"


def download(
    entry: IndexEntry,
    directory: Path,
    progress: ByteProgress,
    say: Say,
    limits: Limits = LIMITS,
) -> Downloaded:
    """Stream the package of `entry` into `directory`/DOWNLOAD_NAME, trying
    its links in order.

    Each link that fails (unreachable, an HTTP error, a download cut short,
    larger or slower than `limits` allow) is reported through `say`, its
    partial file removed, and the next is tried; ModelError when all fail.
    """
    failures: list[str] = []
    target = directory / DOWNLOAD_NAME
    for url in entry.links:
        say(f"downloading {url}")
        try:
            return _stream(url, target, entry.name, progress, limits)
        except ModelError as exc:
            target.unlink(missing_ok=True)  # only ever the file _stream created
            failures.append(f"{url}: {exc.message}")
            say(f"  failed: {exc.message}")
    raise ModelError(
        f"download of {entry.name} {entry.version} failed: " + "; ".join(failures),
        fix="try again later, or " + OFFLINE_FIX,
    )


def _stream(
    url: str, target: Path, label: str, progress: ByteProgress, limits: Limits
) -> Downloaded:
    digest = hashlib.sha256()
    done = 0

    def arrived(chunk: bytes, so_far: int) -> None:
        nonlocal done
        digest.update(chunk)
        done = so_far
        progress.advance(done)

    try:
        with _open(url, limits) as response, target.open("xb") as out:
            announced = response.getheader("Content-Length")
            total = int(announced) if announced and announced.isdigit() else 0
            progress.start(label, total)
            try:
                _copy(
                    response,
                    out,
                    url,
                    limit=limits.download_bytes,
                    seconds=limits.seconds,
                    what="the package",
                    on_chunk=arrived,
                )
            finally:
                progress.finish()
    except http.client.IncompleteRead as exc:
        raise ModelError(f"download cut short after {done} bytes ({exc})", file=url) from exc
    except (OSError, http.client.HTTPException) as exc:
        raise _network_error("the package", url, exc) from exc
    if total and done != total:
        raise ModelError(f"download cut short: {done} of {total} bytes", file=url)
    return Downloaded(path=target, url=url, size=done, sha256=digest.hexdigest())


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def check_pin(actual: str, pinned: str | None, source: str) -> None:
    """Raise ModelError when a pinned SHA-256 does not match what was downloaded."""
    if pinned is not None and actual.lower() != pinned.strip().lower():
        raise ModelError(
            f"SHA-256 mismatch: expected {pinned.strip().lower()}, got {actual}",
            file=source,
            fix="nothing was installed; check the --sha256 value or the file's origin",
        )

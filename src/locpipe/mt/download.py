"""Downloading Argos packages from the package index, streamed to disk with a SHA-256.

The index address comes from Argos' own settings (`ARGOS_PACKAGE_INDEX`, or
its settings.json, or its default), and the index is parsed with
`argostranslate.package.get_available_packages`, so locpipe sees the same
packages Argos would. The download itself is locpipe's: Argos reads a whole
package (about 100 MB) into memory, shows no progress and checks nothing;
here the package is streamed to a temporary file, hashed as it arrives,
checked against its announced length, against a pinned SHA-256 if the user
gave one, and as a zip, before anything is installed.

These are the only functions in locpipe that open a network connection; they
run only when a user asks for them (`locpipe models install NAME`).
"""

from __future__ import annotations

import hashlib
import http.client
import json
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from locpipe.errors import ModelError
from locpipe.fsio import atomic_write_bytes
from locpipe.progress import Progress

#: Seconds to wait for a server to answer or send more data.
TIMEOUT = 60.0
#: Bytes read and hashed at a time (memory use stays at this, whatever the size).
CHUNK = 1 << 20
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


def _open(url: str) -> http.client.HTTPResponse:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    response: http.client.HTTPResponse = urllib.request.urlopen(request, timeout=TIMEOUT)
    return response


def _network_error(what: str, url: str, exc: BaseException) -> ModelError:
    if isinstance(exc, urllib.error.HTTPError):
        reason = f"HTTP {exc.code} {exc.reason}"
    elif isinstance(exc, urllib.error.URLError):
        reason = str(exc.reason)
    else:
        reason = str(exc) or type(exc).__name__
    return ModelError(f"{what} cannot be reached: {reason}", file=url, fix=OFFLINE_FIX)


def update_index(say: Say) -> list[IndexEntry]:
    """Fetch the package index into Argos' local copy and return its entries.

    Raises ModelError when the index cannot be reached (no network, a 404, a
    timeout) or is not the JSON list Argos expects; the old local copy is then
    left as it was.
    """
    from argostranslate import package, settings

    url = index_url()
    say(f"updating the package index: {url}")
    try:
        with _open(url) as response:
            data = response.read()
    except (OSError, http.client.HTTPException) as exc:
        raise _network_error("the Argos package index", url, exc) from exc
    try:
        parsed = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(
            f"the package index is not valid JSON: {exc}", file=url, fix=OFFLINE_FIX
        ) from exc
    if not isinstance(parsed, list) or not all(isinstance(p, dict) for p in parsed):
        raise ModelError(
            "the package index is not a JSON list of packages", file=url, fix=OFFLINE_FIX
        )
    local = Path(settings.local_package_index)
    atomic_write_bytes(local, data)
    entries = [_entry(p) for p in package.get_available_packages()]
    say(f"  {len(entries)} package(s) listed")
    return entries


def _entry(available: Any) -> IndexEntry:
    from argostranslate.package import argospm_package_name

    links = available.links if isinstance(available.links, list) else []
    return IndexEntry(
        name=argospm_package_name(available),
        from_code=str(available.from_code),
        to_code=str(available.to_code),
        version=str(available.package_version or ""),
        links=tuple(str(link) for link in links),
    )


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


def download(entry: IndexEntry, directory: Path, progress: ByteProgress, say: Say) -> Downloaded:
    """Stream the package of `entry` into `directory`, trying its links in order.

    Each link that fails (unreachable, an HTTP error, a download cut short)
    is reported through `say` and the next is tried; ModelError when all fail.
    """
    failures: list[str] = []
    for url in entry.links:
        say(f"downloading {url}")
        target = directory / f"{entry.name}.argosmodel"
        try:
            return _stream(url, target, entry.name, progress)
        except ModelError as exc:
            target.unlink(missing_ok=True)
            failures.append(f"{url}: {exc.message}")
            say(f"  failed: {exc.message}")
    raise ModelError(
        f"download of {entry.name} {entry.version} failed: " + "; ".join(failures),
        fix="try again later, or " + OFFLINE_FIX,
    )


def _stream(url: str, target: Path, label: str, progress: ByteProgress) -> Downloaded:
    digest = hashlib.sha256()
    done = 0
    try:
        with _open(url) as response, target.open("wb") as out:
            announced = response.getheader("Content-Length")
            total = int(announced) if announced and announced.isdigit() else 0
            progress.start(label, total)
            try:
                while chunk := response.read(CHUNK):
                    out.write(chunk)
                    digest.update(chunk)
                    done += len(chunk)
                    progress.advance(done)
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

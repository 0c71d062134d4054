"""Argos Translate packages: find, install (safely, offline), remove.

Uses only `argostranslate.package` (and its settings, which honour
ARGOS_PACKAGES_DIR). `argostranslate.translate` is never imported: it pulls
heavy dependencies and may reach the network. Package archives are checked
before anything is extracted, since Argos itself extracts any zip as is.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from locpipe.errors import ModelError
from locpipe.fsio import atomic_write_bytes, is_safe_name
from locpipe.mt.download import (
    CHUNK,
    LIMITS,
    OFFLINE_FIX,
    ByteProgress,
    Limits,
    Say,
    check_pin,
    choose,
    download,
    file_sha256,
    update_index,
    version_key,
)
from locpipe.mt.models import move_into_place
from locpipe.mt.tokenizers import MosesBpeTokenizer, SentencePieceTokenizer, Tokenizer
from locpipe.progress import NullProgress


def _quiet(text: str) -> None:
    """Say nothing (the default for library callers)."""


@dataclass(frozen=True, slots=True)
class ArgosModel:
    """An installed Argos package (a Runnable for the CTranslate2 engine)."""

    name: str  # the directory name, e.g. translate-en_ko-1_1
    from_code: str
    to_code: str
    version: str
    path: Path
    #: `target_prefix` of metadata.json: one token the decoder starts from.
    target_prefix_token: str = ""

    @property
    def model_dir(self) -> Path:
        return self.path / "model"

    @property
    def sentencepiece(self) -> Path:
        return self.path / "sentencepiece.model"

    @property
    def bpe(self) -> Path:
        return self.path / "bpe.model"

    @property
    def engine_id(self) -> str:
        return f"argos {self.name} {self.version or '-'}"

    @property
    def source_prefix(self) -> tuple[str, ...]:
        return ()

    @property
    def source_suffix(self) -> tuple[str, ...]:
        return ()

    @property
    def target_prefix(self) -> tuple[str, ...]:
        return (self.target_prefix_token,) if self.target_prefix_token else ()

    def tokenizer(self) -> Tokenizer:
        """SentencePiece when the package has sentencepiece.model, else Moses + BPE
        (Argos' order)."""
        if self.sentencepiece.is_file():
            return SentencePieceTokenizer(self.sentencepiece)
        return MosesBpeTokenizer(self.bpe, self.from_code, self.to_code)


def index_name(from_code: str, to_code: str) -> str:
    """The name under which the Argos package index lists a language pair."""
    return f"translate-{from_code}_{to_code}"


def packages_dir() -> Path:
    """Where Argos packages are installed (ARGOS_PACKAGES_DIR or Argos' default)."""
    from argostranslate import settings

    return Path(settings.package_data_dir)


def _read_metadata(directory: Path) -> dict[str, Any]:
    path = directory / "metadata.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ModelError(
            "not an Argos package: no metadata.json",
            file=directory,
            fix=f"remove the folder, or run: locpipe models remove {directory.name}",
        ) from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(
            f"metadata.json is not valid JSON: {exc}",
            file=path,
            fix="reinstall the package with: locpipe models install FILE.argosmodel",
        ) from exc
    if not isinstance(data, dict):
        raise ModelError("metadata.json is not a JSON object", file=path)
    return data


def _model_from(directory: Path) -> ArgosModel:
    meta = _read_metadata(directory)
    from_code, to_code = meta.get("from_code"), meta.get("to_code")
    if not isinstance(from_code, str) or not isinstance(to_code, str):
        raise ModelError(
            "metadata.json has no from_code/to_code",
            file=directory / "metadata.json",
            fix="reinstall the package with: locpipe models install FILE.argosmodel",
        )
    return ArgosModel(
        name=directory.name,
        from_code=from_code,
        to_code=to_code,
        version=str(meta.get("package_version", "")),
        path=directory,
        target_prefix_token=str(meta.get("target_prefix") or ""),
    )


def check_layout(directory: Path, *, source: Path) -> None:
    """Refuse, with the reason, a package Argos would load but locpipe cannot run.

    Argos translates with `model/` (CTranslate2) and `sentencepiece.model` or,
    failing that, `bpe.model`; its `sbd` packages (sentence splitters) and
    packages without a tokenizer translate nothing.
    """
    meta = _read_metadata(directory)
    kind = meta.get("type", "translate")
    if kind != "translate":
        raise ModelError(
            f"a package of type {kind!r}, not a translation package",
            file=source,
            fix="locpipe splits sentences itself; install translate-* packages only",
        )
    if not (directory / "model" / "model.bin").is_file():
        raise ModelError(
            "the package has no model (model/model.bin, a CTranslate2 model)",
            file=source,
            fix="build the package with a CTranslate2 model in model/",
        )
    if not any((directory / n).is_file() for n in ("sentencepiece.model", "bpe.model")):
        raise ModelError(
            "the package has no sentencepiece.model or bpe.model (Argos could not "
            "tokenize with it either)",
            file=source,
            fix="add the tokenizer model the CTranslate2 model was trained with",
        )


def package_at(directory: Path) -> ArgosModel:
    """The Argos package extracted at `directory` (metadata and layout checked)."""
    model = _model_from(directory)
    check_layout(directory, source=directory)
    return model


def installed_models() -> list[ArgosModel]:
    """Every installed Argos package, sorted by name.

    A folder without metadata.json is an error naming it (Argos would fail on
    it later with a bare traceback).
    """
    from argostranslate import settings

    models: list[ArgosModel] = []
    for directory in sorted(Path(d) for d in settings.package_dirs):
        if not directory.is_dir():
            continue
        for child in sorted(directory.iterdir()):
            if child.is_dir() and not child.name.startswith("."):
                models.append(_model_from(child))
    return models


def find_model(from_code: str, to_code: str) -> ArgosModel | None:
    """The installed package for from_code → to_code (newest version), or None."""
    matches = [m for m in installed_models() if (m.from_code, m.to_code) == (from_code, to_code)]
    return max(matches, key=lambda m: version_key(m.version)) if matches else None


_ARCHIVE_FIX = "download the .argosmodel again, or build it with one top directory"
#: Compression methods an Argos package uses (what `zip` and Python write).
_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)


def _member_parts(name: str, path: Path) -> tuple[str, ...]:
    """The folder names of archive member `name`, or ModelError when it could
    land outside the folder it is unpacked into, or is not a plain name."""
    parts = tuple(name.removesuffix("/").split("/"))
    if (
        not name.isprintable()
        or "\\" in name
        or any(part in ("", ".", "..") for part in parts)
        or not is_safe_name(parts[0])
    ):
        raise ModelError(f"unsafe path in archive: {name!r}", file=path, fix=_ARCHIVE_FIX)
    return parts


def check_archive(path: Path, limits: Limits = LIMITS) -> str:
    """Validate an .argosmodel archive; return its single top directory name.

    Refuses a file that is not a zip; members with absolute paths, `.` or
    `..` parts, empty parts (`./`, `a//b`), backslashes or control
    characters; a top directory that is not a safe name (`is_safe_name`);
    files beside the top directory; duplicate members; encrypted members or
    unusual compression; more members or more unpacked bytes than `limits`
    allow; and a missing metadata.json.
    """
    if not path.is_file():
        raise ModelError("no such file", file=path, fix="give the path of an .argosmodel file")
    if not zipfile.is_zipfile(path):
        raise ModelError("not an Argos package: not a zip archive", file=path, fix=_ARCHIVE_FIX)
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise ModelError(f"corrupt zip archive: {exc}", file=path, fix=_ARCHIVE_FIX) from exc
    if len(infos) > limits.members:
        raise ModelError(
            f"the archive holds {len(infos):,} files, more than the limit of {limits.members:,}",
            file=path,
            fix=_ARCHIVE_FIX,
        )
    tops: set[str] = set()
    seen: set[str] = set()
    unpacked = 0
    for info in infos:
        name = info.filename
        parts = _member_parts(name, path)
        if name in seen:
            raise ModelError(f"{name!r} is in the archive twice", file=path, fix=_ARCHIVE_FIX)
        seen.add(name)
        if info.flag_bits & 0x1 or info.compress_type not in _METHODS:
            raise ModelError(
                f"{name!r} is encrypted or compressed in a way Argos packages are not",
                file=path,
                fix=_ARCHIVE_FIX,
            )
        if len(parts) == 1 and not info.is_dir():
            raise ModelError(
                f"file {name!r} is at the top level; an Argos package holds one directory",
                file=path,
                fix=_ARCHIVE_FIX,
            )
        tops.add(parts[0])
        unpacked += info.file_size
    if len(tops) != 1:
        found = ", ".join(sorted(tops)) or "nothing"
        raise ModelError(
            f"an Argos package holds exactly one top directory, found: {found}",
            file=path,
            fix=_ARCHIVE_FIX,
        )
    if unpacked > limits.unpacked_bytes:
        raise ModelError(
            f"the package unpacks to {unpacked:,} bytes, more than the limit of "
            f"{limits.unpacked_bytes:,}",
            file=path,
            fix=_UNPACKED_FIX,
        )
    top = tops.pop()
    if f"{top}/metadata.json" not in seen:
        raise ModelError(f"no {top}/metadata.json in the archive", file=path, fix=_ARCHIVE_FIX)
    return top


_UNPACKED_FIX = (
    "check where the package comes from, or raise the limit with "
    "locpipe models install --max-unpacked-mb"
)


def unpack(path: Path, into: Path, limits: Limits = LIMITS) -> Path:
    """Check the archive at `path` (`check_archive`) and unpack it into the
    folder `into` (fresh and private to the caller); return its top folder.

    Every file is created new (never through an existing file or link)
    under `into`, and the bytes written are counted as they are unpacked, so
    an archive whose headers understate its sizes is stopped at the limit.
    """
    top = check_archive(path, limits)
    budget = limits.unpacked_bytes
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                target = into.joinpath(*_member_parts(info.filename, path))
                if info.is_dir():
                    target.mkdir(parents=True, exist_ok=True)
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                with archive.open(info) as source, target.open("xb") as out:
                    while chunk := source.read(CHUNK):
                        budget -= len(chunk)
                        if budget < 0:
                            raise ModelError(
                                "the package unpacks to more than the limit of "
                                f"{limits.unpacked_bytes:,} bytes",
                                file=path,
                                fix=_UNPACKED_FIX,
                            )
                        out.write(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise ModelError(f"corrupt zip archive: {exc}", file=path, fix=_ARCHIVE_FIX) from exc
    return into / top


def install_file(
    path: Path,
    *,
    sha256: str | None = None,
    say: Say = _quiet,
    source: str | None = None,
    limits: Limits = LIMITS,
) -> ArgosModel:
    """Install an .argosmodel file with no network; replace an older copy.

    The file's SHA-256 is computed, compared with `sha256` when given (a
    mismatch installs nothing), and kept beside the package in
    `<package>.sha256` (sha256sum format, naming `source` or the file). The
    archive is checked, unpacked (within `limits`) into a temporary folder
    beside the packages and renamed into place, so a failed install leaves
    nothing.
    """
    if not path.is_file():
        raise ModelError("no such file", file=path, fix="give the path of an .argosmodel file")
    digest = file_sha256(path)
    check_pin(digest, sha256, str(path))
    say("checking the archive")
    top = check_archive(path, limits)
    target_root = packages_dir()
    target_root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".locpipe-install-", dir=target_root) as tmp:
        staged = unpack(path, Path(tmp) / "unpacked", limits)
        try:
            model = _model_from(staged)
        except ModelError as exc:  # name the archive, not the staging folder
            raise ModelError(
                f"{top}/{exc.message}",
                file=path,
                fix="locpipe runs packages for one language pair: metadata.json needs "
                "from_code and to_code"
                if "from_code" in exc.message
                else "rebuild the package with a valid metadata.json",
            ) from exc
        check_layout(staged, source=path)
        say(f"installing {top} into {target_root}")
        final = target_root / top
        move_into_place(staged, final, Path(tmp))
    atomic_write_bytes(checksum_file(final), f"{digest}  {source or path.name}\n".encode())
    return replace(model, path=final)


def checksum_file(package: Path) -> Path:
    """Where the SHA-256 of the archive a package came from is kept."""
    return package.with_name(package.name + ".sha256")


def installed_sha256(model: ArgosModel) -> str | None:
    """The SHA-256 recorded when `model` was installed, if it was installed by locpipe."""
    try:
        return checksum_file(model.path).read_text(encoding="utf-8").split()[0]
    except (OSError, IndexError):
        return None


def install_from_index(
    from_code: str,
    to_code: str,
    *,
    progress: ByteProgress | None = None,
    say: Say = _quiet,
    sha256: str | None = None,
    limits: Limits = LIMITS,
) -> ArgosModel:
    """Download and install from_code → to_code from the Argos package index.

    Steps, each reported through `say`: index update, package choice,
    download (streamed to a temporary file, progress in bytes), checks
    (length, pinned SHA-256, archive), install, each within `limits`. Runs
    only when a user asks for it (`locpipe models install NAME`).
    """
    entries = update_index(say, limits)
    entry = choose(entries, from_code, to_code)
    say(f"chose {entry.name} {entry.version or '-'} ({len(entry.links)} link(s))")
    with tempfile.TemporaryDirectory(prefix="locpipe-download-") as tmp:
        got = download(entry, Path(tmp), progress or NullProgress(), say, limits)
        say(f"downloaded {got.size} bytes, SHA-256 {got.sha256}")
        try:
            return install_file(got.path, sha256=sha256, say=say, source=got.url, limits=limits)
        except ModelError as exc:
            # Name what the user knows (the address), not the deleted temporary file.
            raise ModelError(
                exc.message,
                file=got.url,
                fix=exc.fix if "SHA-256" in exc.message else f"try again later, or {OFFLINE_FIX}",
            ) from exc


def remove(name: str) -> Path:
    """Uninstall the package folder `name` (or the folder model `name`); return its path."""
    from locpipe.mt.models import models_dir

    for root in (packages_dir(), models_dir()):
        target = root / name
        if is_safe_name(name) and target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
            checksum_file(target).unlink(missing_ok=True)
            return target
    raise ModelError(
        f"no installed package named {name!r}", fix="see the names with: locpipe models list"
    )

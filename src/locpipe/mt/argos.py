"""Argos Translate packages: find, install (safely, offline), remove.

Uses only `argostranslate.package` (and its settings, which honour
ARGOS_PACKAGES_DIR). `argostranslate.translate` is never imported: it pulls
heavy dependencies and may reach the network. Package archives are checked
before anything is extracted, since Argos itself extracts any zip as is.
"""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from locpipe.errors import ModelError

INDEX_HINT = "locpipe models install {name}"


@dataclass(frozen=True, slots=True)
class ArgosModel:
    """An installed Argos package."""

    name: str  # the directory name, e.g. translate-en_ko-1_1
    from_code: str
    to_code: str
    version: str
    path: Path

    @property
    def model_dir(self) -> Path:
        return self.path / "model"

    @property
    def sentencepiece(self) -> Path:
        return self.path / "sentencepiece.model"


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
    )


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
    return max(matches, key=lambda m: _version_key(m.version)) if matches else None


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) if part.isdigit() else 0 for part in version.split("."))


def check_archive(path: Path) -> str:
    """Validate an .argosmodel archive; return its single top directory name.

    Refuses a file that is not a zip, members with absolute paths or `..`,
    files beside the top directory, and a missing metadata.json.
    """
    fix = "download the .argosmodel again, or build it with one top directory"
    if not path.is_file():
        raise ModelError("no such file", file=path, fix="give the path of an .argosmodel file")
    if not zipfile.is_zipfile(path):
        raise ModelError("not an Argos package: not a zip archive", file=path, fix=fix)
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    except zipfile.BadZipFile as exc:
        raise ModelError(f"corrupt zip archive: {exc}", file=path, fix=fix) from exc
    tops: set[str] = set()
    for name in names:
        member = PurePosixPath(name)
        if member.is_absolute() or ".." in member.parts or "\\" in name:
            raise ModelError(f"unsafe path in archive: {name!r}", file=path, fix=fix)
        if len(member.parts) == 1 and not name.endswith("/"):
            raise ModelError(
                f"file {name!r} is at the top level; an Argos package holds one directory",
                file=path,
                fix=fix,
            )
        tops.add(member.parts[0])
    if len(tops) != 1:
        found = ", ".join(sorted(tops)) or "nothing"
        raise ModelError(
            f"an Argos package holds exactly one top directory, found: {found}",
            file=path,
            fix=fix,
        )
    top = tops.pop()
    if f"{top}/metadata.json" not in names:
        raise ModelError(f"no {top}/metadata.json in the archive", file=path, fix=fix)
    return top


def install_file(path: Path) -> ArgosModel:
    """Install an .argosmodel file with no network; replace an older copy.

    The archive is checked, extracted into a temporary folder beside the
    packages and renamed into place, so a failed install leaves nothing.
    """
    top = check_archive(path)
    target_root = packages_dir()
    target_root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".locpipe-install-", dir=target_root) as tmp:
        with zipfile.ZipFile(path) as archive:
            archive.extractall(tmp)
        staged = Path(tmp) / top
        model = _model_from(staged)
        for required in ("model", "sentencepiece.model"):
            if not (staged / required).exists():
                raise ModelError(
                    f"the package has no {required}",
                    file=path,
                    fix="locpipe runs SentencePiece + CTranslate2 packages only",
                )
        final = target_root / top
        if final.exists():
            # Two renames, not rmtree then rename: an install killed between
            # them leaves the old copy in the temporary folder, never half of one.
            final.rename(Path(tmp) / ".replaced")
        staged.rename(final)
    return ArgosModel(model.name, model.from_code, model.to_code, model.version, final)


def install_from_index(from_code: str, to_code: str) -> ArgosModel:
    """Download and install from_code → to_code from the Argos package index.

    The only function in locpipe that opens a network connection; it runs only
    when a user asks for it (`locpipe models install NAME`).
    """
    from argostranslate import package

    # Argos logs a bare "(URLError(...),)" on network failure and returns;
    # the ModelError below says what happened and what to do instead.
    argos_log = logging.getLogger("argostranslate.utils")
    was_disabled, argos_log.disabled = argos_log.disabled, True
    try:
        package.update_package_index()
    finally:
        argos_log.disabled = was_disabled
    if not Path(package.settings.local_package_index).is_file():
        # Argos would recurse for ever looking for the index it failed to fetch.
        raise ModelError(
            "the Argos package index cannot be reached (no network?)",
            fix="install from a file instead: locpipe models install FILE.argosmodel",
        )
    try:
        available = [
            p
            for p in package.get_available_packages()
            if (p.from_code, p.to_code) == (from_code, to_code)
        ]
    except (OSError, ValueError) as exc:
        raise ModelError(
            f"cannot read the Argos package index: {exc}",
            fix="install from a file instead: locpipe models install FILE.argosmodel",
        ) from exc
    if not available:
        raise ModelError(
            f"the Argos package index has no {from_code}→{to_code} package (or it is unreachable)",
            fix="install from a file instead: locpipe models install FILE.argosmodel",
        )
    from argostranslate import networking

    data = networking.get_from(list(available[0].links))
    if data is None:
        raise ModelError(
            f"download of {index_name(from_code, to_code)} failed",
            fix="install from a file instead: locpipe models install FILE.argosmodel",
        )
    with tempfile.TemporaryDirectory(prefix="locpipe-download-") as tmp:
        downloaded = Path(tmp) / f"{index_name(from_code, to_code)}.argosmodel"
        downloaded.write_bytes(data)
        return install_file(downloaded)


def remove(name: str) -> Path:
    """Uninstall the package folder `name`; return its path."""
    target = packages_dir() / name
    if not target.is_dir() or name in ("", ".", "..") or "/" in name:
        raise ModelError(
            f"no installed package named {name!r}", fix="see the names with: locpipe models list"
        )
    shutil.rmtree(target)
    return target

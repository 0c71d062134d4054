"""A hostile package index, hostile servers and hostile packages (issue 24).

A package index is not trusted: its entries name the package, its links say
where to fetch it, and the server may send anything, as slowly or as much as
it likes. Each case here ends in one `locpipe: error:` line naming what is
wrong (exit 2), nothing installed, and nothing written or deleted outside
locpipe's own temporary folder. The index and packages are served from
127.0.0.1 by the test (tests/support/package_server.py); the CLI runs in this
process with Argos' settings pointed at the test's folders.
"""

from __future__ import annotations

import io
import json
import struct
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from locpipe.cli import main
from tests.conftest import Project
from tests.support.network import LOOPBACK_ENV
from tests.support.package_server import Announced, Drip, PackageServer, Unsized, serve_allowed


@pytest.fixture
def server() -> Iterator[PackageServer]:
    with serve_allowed() as running:
        yield running


@dataclass
class Argos:
    """Argos' folders for one test, and the CLI run in this process."""

    packages: Path
    temp: Path
    capsys: pytest.CaptureFixture[str]

    def install(self, *args: str) -> tuple[int, str]:
        code = main(["models", "install", "-q", *args])
        return code, self.capsys.readouterr().err

    def installed(self) -> list[str]:
        return sorted(p.name for p in self.packages.iterdir()) if self.packages.is_dir() else []


@pytest.fixture
def argos(
    tmp_path: Path,
    server: PackageServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> Argos:
    from argostranslate import settings

    packages = tmp_path / "packages"
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(settings, "package_index", server.url("/index/"))
    monkeypatch.setattr(settings, "local_package_index", tmp_path / "argos-data" / "index.json")
    monkeypatch.setattr(settings, "package_data_dir", packages)
    monkeypatch.setattr(settings, "package_dirs", [packages])
    monkeypatch.setattr(tempfile, "tempdir", str(temp))  # the download's folder is in here
    return Argos(packages, temp, capsys)


def _entry(server: PackageServer, **fields: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "package_version": "1.0",
        "argos_version": "1.9",
        "from_code": "en",
        "from_name": "English",
        "to_code": "ko",
        "to_name": "Korean",
        "type": "translate",
        "links": [server.url("/ko.argosmodel")],
    }
    entry.update(fields)
    return entry


def _index(server: PackageServer, *entries: object) -> None:
    server.routes["/index/index.json"] = json.dumps(list(entries)).encode()


def _one_line_error(code: int, err: str, expected: str) -> None:
    assert code == 2, err
    assert expected in err, err
    assert "Traceback" not in err
    lines = err.splitlines()
    assert lines[0].startswith("locpipe: error: ") and all(
        line.startswith("  fix: ") for line in lines[1:]
    ), err


# ------------------------------------------------------------ hostile index


def test_a_package_type_naming_a_file_elsewhere_neither_writes_nor_deletes_it(
    argos: Argos, server: PackageServer, tmp_path: Path
) -> None:
    """The issue's case: the download path was built from `type`; an absolute
    `type` and a failed download deleted the file it named."""
    victim = tmp_path / "victim-en_ko.argosmodel"
    victim.write_bytes(b"someone's file")
    server.routes["/ko.argosmodel"] = 404
    _index(server, _entry(server, type=str(tmp_path / "victim")))
    code, err = argos.install("translate-en_ko")
    _one_line_error(code, err, "type")
    assert victim.read_bytes() == b"someone's file"
    assert argos.installed() == []


def test_a_package_type_climbing_out_of_the_download_folder_writes_nothing_there(
    argos: Argos, server: PackageServer, argos_files: dict[str, Path], tmp_path: Path
) -> None:
    server.routes["/ko.argosmodel"] = argos_files["ko"].read_bytes()
    # the download folder is tmp/locpipe-download-XXXX: ../../ is tmp_path
    _index(server, _entry(server, type="../../escaped"))
    code, err = argos.install("translate-en_ko")
    _one_line_error(code, err, "not a safe name")
    assert not list(tmp_path.glob("escaped*"))
    assert argos.installed() == []


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"type": 5}, "entry 1: type must be a string, not int"),
        ({"source_languages": "en"}, "entry 1: source_languages must be a list, not str"),
        ({"links": "http://127.0.0.1/ko.argosmodel"}, "entry 1: links must be a list, not str"),
        ({"to_code": ["ko"]}, "entry 1: to_code must be a string, not list"),
        ({"from_code": "en/.."}, "entry 1: from_code 'en/..' is not a safe name"),
        ({"to_code": "k\no"}, "entry 1: to_code holds control characters"),
        ({"package_version": "1.0\x1b[2J"}, "entry 1: package_version holds control characters"),
        ({"links": [5]}, "entry 1: link 5 is not an http:// or https:// address"),
    ],
    ids=lambda v: None if isinstance(v, str) else next(iter(v)),
)
def test_an_index_field_of_the_wrong_type_or_unsafe_is_one_line(
    argos: Argos,
    server: PackageServer,
    argos_files: dict[str, Path],
    fields: dict[str, Any],
    expected: str,
) -> None:
    server.routes["/ko.argosmodel"] = argos_files["ko"].read_bytes()
    _index(server, _entry(server, **fields))
    code, err = argos.install("translate-en_ko")
    _one_line_error(code, err, expected)
    assert argos.installed() == []


def test_an_index_entry_that_is_not_an_object_is_named(argos: Argos, server: PackageServer) -> None:
    _index(server, _entry(server), ["not", "an", "entry"])
    code, err = argos.install("translate-en_ko")
    _one_line_error(code, err, "entry 2: not a JSON object but list")


def test_a_link_to_a_local_file_is_refused(
    argos: Argos, server: PackageServer, argos_files: dict[str, Path]
) -> None:
    """urllib opens file: addresses too: an index must not make locpipe read
    (and install) a file of this machine."""
    _index(server, _entry(server, links=[argos_files["ko"].as_uri()]))
    code, err = argos.install("translate-en_ko")
    _one_line_error(code, err, "is not an http:// or https:// address")
    assert argos.installed() == []


# ------------------------------------------------------------ size and time limits


def test_an_endless_index_is_cut_at_its_size_limit(argos: Argos, server: PackageServer) -> None:
    server.routes["/index/index.json"] = Unsized(b" " * 3_000_000)
    code, err = argos.install("--max-index-mb", "1", "translate-en_ko")
    _one_line_error(code, err, "the package index is larger than the limit of 1,000,000 bytes")


def test_an_index_announcing_too_much_is_refused_before_reading(
    argos: Argos, server: PackageServer
) -> None:
    server.routes["/index/index.json"] = Announced(b"[]", 10**12)
    code, err = argos.install("translate-en_ko")
    _one_line_error(code, err, "the package index announces 1,000,000,000,000 bytes")


def test_a_dripping_index_meets_its_deadline(argos: Argos, server: PackageServer) -> None:
    """A byte every 20 ms for 2,000 s: no socket timeout ever fires."""
    server.routes["/index/index.json"] = Drip()
    code, err = argos.install("--timeout", "0.3", "translate-en_ko")
    _one_line_error(code, err, "the package index took longer than the limit of 0.3 s")


def test_a_package_larger_than_its_limit_is_not_kept(
    argos: Argos, server: PackageServer, argos_files: dict[str, Path]
) -> None:
    data = argos_files["ko"].read_bytes()
    server.routes["/ko.argosmodel"] = Unsized(data)
    _index(server, _entry(server))
    limit = len(data) // 2 / 1e6
    code, err = argos.install("--max-download-mb", str(limit), "translate-en_ko")
    _one_line_error(code, err, "the package is larger than the limit")
    assert argos.installed() == []
    assert not list(argos.temp.rglob("*.argosmodel"))  # the partial download is gone


def test_a_dripping_package_meets_its_deadline(argos: Argos, server: PackageServer) -> None:
    server.routes["/ko.argosmodel"] = Drip()
    _index(server, _entry(server))
    code, err = argos.install("--timeout", "0.3", "translate-en_ko")
    _one_line_error(code, err, "the package took longer than the limit of 0.3 s")
    assert argos.installed() == []


# ------------------------------------------------------------ hostile packages

Members = list[tuple[zipfile.ZipInfo, bytes]]


def _rezip(source: Path, target: Path, edit: Callable[[Members], Members]) -> Path:
    """`source` (an .argosmodel) rewritten with its members passed through `edit`."""
    with zipfile.ZipFile(source) as archive:
        members = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in edit(members):
            out.writestr(info, data)
    return target


def _renamed(members: Members, rename: Callable[[str], str]) -> Members:
    result = []
    for info, data in members:
        copy = zipfile.ZipInfo(rename(info.filename), info.date_time)
        copy.compress_type = zipfile.ZIP_DEFLATED
        copy.external_attr = info.external_attr
        result.append((copy, data))
    return result


def _with_member(name: str, data: bytes) -> Callable[[Members], Members]:
    def add(members: Members) -> Members:
        info = zipfile.ZipInfo(name)
        info.compress_type = zipfile.ZIP_DEFLATED
        return [*members, (info, data)]

    return add


def _patch_headers(archive: Path, name: str, patch: Callable[[bytearray, int, bool], None]) -> None:
    """Call `patch(data, offset, central)` on the local and the central
    header of member `name` (to forge what zipfile will not write)."""
    data = bytearray(archive.read_bytes())
    encoded = name.encode()
    for signature, name_at, central in ((b"PK\x03\x04", 30, False), (b"PK\x01\x02", 46, True)):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            length = struct.unpack_from("<H", data, start + (28 if central else 26))[0]
            if data[start + name_at : start + name_at + length] == encoded:
                patch(data, start, central)
            start += 4
    archive.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("dot-slash-entry", "unsafe path in archive: './'"),
        ("dot-slash-prefix", "unsafe path in archive: './translate-en_ko-1_0/"),
        ("empty-part", "unsafe path in archive: 'translate-en_ko-1_0//"),
        ("control-character-top", "unsafe path in archive: 'translate\\x07en_ko/"),
        ("duplicate-member", "is in the archive twice"),
        ("encrypted-member", "is encrypted or compressed in a way Argos packages are not"),
    ],
)
def test_an_unsafe_archive_is_refused_before_anything_is_unpacked(
    argos: Argos, argos_files: dict[str, Path], tmp_path: Path, case: str, expected: str
) -> None:
    source = argos_files["ko"]
    bad = tmp_path / "bad.argosmodel"
    if case == "dot-slash-entry":
        _rezip(source, bad, _with_member("./", b""))
    elif case == "dot-slash-prefix":
        _rezip(source, bad, lambda m: _renamed(m, lambda n: "./" + n))
    elif case == "empty-part":
        _rezip(source, bad, lambda m: _renamed(m, lambda n: n.replace("/", "//", 1)))
    elif case == "control-character-top":
        _rezip(
            source,
            bad,
            lambda m: _renamed(m, lambda n: n.replace("translate-en_ko-1_0", "translate\x07en_ko")),
        )
    elif case == "duplicate-member":
        with pytest.warns(UserWarning, match="Duplicate name"):
            _rezip(source, bad, _with_member("translate-en_ko-1_0/metadata.json", b"{}"))
    else:
        _rezip(source, bad, lambda m: m)

        def encrypt(data: bytearray, start: int, central: bool) -> None:
            data[start + (8 if central else 6)] |= 0x1

        _patch_headers(bad, "translate-en_ko-1_0/metadata.json", encrypt)
    code, err = argos.install(str(bad))
    _one_line_error(code, err, expected)
    assert argos.installed() == []
    assert not list(argos.packages.parent.glob("packages/.locpipe-install-*"))


def test_a_zip_bomb_is_refused_from_its_declared_size(
    argos: Argos, argos_files: dict[str, Path], tmp_path: Path
) -> None:
    """50 MB of zeros deflate to about 50 kB."""
    bomb = _rezip(
        argos_files["ko"],
        tmp_path / "bomb.argosmodel",
        _with_member("translate-en_ko-1_0/zeros.bin", bytes(50_000_000)),
    )
    assert bomb.stat().st_size < 1_000_000
    code, err = argos.install("--max-unpacked-mb", "10", str(bomb))
    _one_line_error(code, err, "the package unpacks to 50,")
    assert argos.installed() == []


def test_a_zip_bomb_that_understates_its_size_is_stopped_while_unpacking(
    argos: Argos, argos_files: dict[str, Path], tmp_path: Path
) -> None:
    name = "translate-en_ko-1_0/zeros.bin"
    bomb = _rezip(argos_files["ko"], tmp_path / "bomb.argosmodel", _with_member(name, bytes(10**7)))

    def understate(data: bytearray, start: int, central: bool) -> None:
        struct.pack_into("<I", data, start + (24 if central else 22), 1000)

    _patch_headers(bomb, name, understate)
    code, err = argos.install(str(bomb))
    _one_line_error(code, err, "corrupt zip archive")
    assert argos.installed() == []
    written = sum(p.stat().st_size for p in argos.packages.parent.rglob("zeros.bin"))
    assert written <= 1000


def test_limits_apply_to_index_downloads_by_name(
    argos: Argos, server: PackageServer, argos_files: dict[str, Path], tmp_path: Path
) -> None:
    """The unpacked limit holds for a package from the index too."""
    bomb = _rezip(
        argos_files["ko"],
        tmp_path / "bomb.argosmodel",
        _with_member("translate-en_ko-1_0/zeros.bin", bytes(20_000_000)),
    )
    server.routes["/ko.argosmodel"] = bomb.read_bytes()
    _index(server, _entry(server))
    code, err = argos.install("--max-unpacked-mb", "5", "translate-en_ko")
    _one_line_error(code, err, "the package unpacks to 20,")
    assert argos.installed() == []


def test_the_defaults_install_a_real_sized_package(
    argos: Argos, server: PackageServer, argos_files: dict[str, Path]
) -> None:
    """Nothing above refuses an ordinary package served ordinarily."""
    server.routes["/ko.argosmodel"] = argos_files["ko"].read_bytes()
    _index(server, _entry(server))
    code, err = argos.install("translate-en_ko")
    assert code == 0, err
    assert argos.installed() == ["translate-en_ko-1_0", "translate-en_ko-1_0.sha256"]


def test_a_removed_name_must_be_a_plain_package_name(
    argos: Argos, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "elsewhere").mkdir()
    argos.packages.mkdir()
    (argos.packages / "link").symlink_to(tmp_path / "elsewhere")
    for name in ("../elsewhere", "link", str(tmp_path / "elsewhere")):
        assert main(["models", "remove", name]) == 2
        assert "no installed package named" in capsys.readouterr().err
    assert (tmp_path / "elsewhere").is_dir()


def test_the_cli_end_to_end_never_touches_the_named_file(
    project: Project, server: PackageServer, tmp_path: Path
) -> None:
    """The issue's reproduction, as a user runs it."""
    victim = tmp_path / "victim-en_ko.argosmodel"
    victim.write_bytes(b"keep me")
    server.routes["/ko.argosmodel"] = 404
    server.routes["/index/index.json"] = json.dumps(
        [_entry(server, type=str(tmp_path / "victim"))]
    ).encode()
    project.env.update(
        ARGOS_PACKAGE_INDEX=server.url("/index/"), **{LOOPBACK_ENV: str(server.port)}
    )
    done = project.run("models", "install", "translate-en_ko")
    _one_line_error(done.returncode, done.stderr, "is not a safe name")
    assert victim.read_bytes() == b"keep me"


def test_an_index_body_is_read_in_bounded_memory() -> None:
    """The copy loop keeps at most one chunk: no read() of the whole body."""
    from locpipe.mt import download

    class Endless:
        def __init__(self) -> None:
            self.sent = 0

        def getheader(self, name: str) -> None:
            return None

        def read1(self, size: int) -> bytes:
            self.sent += size
            return b" " * size

    response = Endless()
    with pytest.raises(download.ModelError, match="larger than the limit of 5,000,000"):
        download._copy(
            response,  # type: ignore[arg-type]
            io.BytesIO(),
            "http://x/",
            limit=5_000_000,
            seconds=60,
            what="the package index",
        )
    assert response.sent <= 5_000_000 + download.CHUNK


@pytest.mark.parametrize("name", ["evil\nname", "../escape", "/abs", "a b"])
def test_a_folder_model_must_name_itself_safely(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    folder = tmp_path / "nllb"
    folder.mkdir()
    (folder / "model.bin").write_bytes(b"")
    (folder / "locpipe-model.json").write_text(json.dumps({"family": "nllb", "name": name}))
    monkeypatch.setenv("LOCPIPE_MODELS_DIR", str(tmp_path / "models"))
    assert main(["models", "install", str(folder)]) == 2
    _one_line_error(2, capsys.readouterr().err, f"bad name {name!r}")
    assert not (tmp_path / "models").exists() or not any((tmp_path / "models").iterdir())

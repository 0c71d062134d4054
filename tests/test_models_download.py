"""`locpipe models install NAME`: the download path, tested offline.

A package index and packages are served from 127.0.0.1 by the test itself
(tests/support/package_server.py); Argos reads the index address from
ARGOS_PACKAGE_INDEX, as on a user's machine. Each failure a real network
gives (index unreachable, a 404, a download cut short, a corrupt file, an
index entry without links) must end in one clean message, exit 2, and
nothing installed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from locpipe.mt import download as dl
from locpipe.progress import render_bytes
from tests.conftest import Project
from tests.support.network import LOOPBACK_ENV
from tests.support.package_server import PackageServer, Truncated, serve, serve_allowed


def _entry(to_code: str, version: str, links: list[str]) -> dict[str, object]:
    return {
        "package_version": version,
        "argos_version": "1.9",
        "from_code": "en",
        "from_name": "English",
        "to_code": to_code,
        "to_name": to_code,
        "type": "translate",
        "links": links,
    }


@pytest.fixture
def server() -> Iterator[PackageServer]:
    with serve_allowed() as running:
        yield running


def _point(project: Project, server: PackageServer, index_path: str = "/index/") -> Project:
    project.env.update(
        ARGOS_PACKAGE_INDEX=server.url(index_path), **{LOOPBACK_ENV: str(server.port)}
    )
    return project


def _index(server: PackageServer, entries: list[dict[str, object]]) -> None:
    server.routes["/index/index.json"] = json.dumps(entries).encode()


def _installed(project: Project) -> list[str]:
    packages = Path(project.env["ARGOS_PACKAGES_DIR"])
    return sorted(p.name for p in packages.iterdir()) if packages.is_dir() else []


def test_install_by_name_shows_every_step_and_keeps_the_sha256(
    project: Project, server: PackageServer, argos_files: dict[str, Path]
) -> None:
    data = argos_files["ko"].read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    server.routes["/p/en_ko-1.1.argosmodel"] = data
    _index(
        server,
        [
            _entry("ko", "1.0", [server.url("/p/old.argosmodel")]),
            _entry("ko", "1.1", [server.url("/p/gone.argosmodel")]),
            _entry("zh", "1.1", [server.url("/p/zh.argosmodel")]),
        ],
    )
    # the newest entry's first link is a 404: the next link is tried
    entries = json.loads(server.routes["/index/index.json"])
    entries[1]["links"].append(server.url("/p/en_ko-1.1.argosmodel"))
    _index(server, entries)

    done = _point(project, server).run("models", "install", "translate-en_ko")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    steps = [
        f"updating the package index: {server.url('/index/index.json')}",
        "3 package(s) listed",
        "chose translate-en_ko 1.1 (2 link(s))",
        f"downloading {server.url('/p/gone.argosmodel')}",
        "failed: the package cannot be reached: HTTP 404",
        f"downloading {server.url('/p/en_ko-1.1.argosmodel')}",
        f"downloaded {len(data)} bytes, SHA-256 {digest}",
        "checking the archive",
        "installing translate-en_ko-1_0",
        "installed translate-en_ko-1_0 (en→ko)",
        f"sha256 {digest}",
    ]
    positions = [out.find(step) for step in steps]
    assert -1 not in positions, (steps, out)
    assert positions == sorted(positions), out
    assert "/p/old.argosmodel" not in server.requests
    # not on a terminal: plain progress lines, the last one complete
    lines = [line for line in done.stderr.splitlines() if line.startswith("downloading")]
    assert lines and "ETA" in lines[-1] and "██████████" in lines[-1]
    sidecar = Path(project.env["ARGOS_PACKAGES_DIR"]) / "translate-en_ko-1_0.sha256"
    assert sidecar.read_text().split() == [digest, server.url("/p/en_ko-1.1.argosmodel")]
    listed = project.run("models", "list", check=True)
    assert f"sha256 {digest}" in listed.stdout


def test_index_address_without_a_final_slash(
    project: Project, server: PackageServer, argos_files: dict[str, Path]
) -> None:
    server.routes["/ko.argosmodel"] = argos_files["ko"].read_bytes()
    _index(server, [_entry("ko", "1.0", [server.url("/ko.argosmodel")])])
    _point(project, server, "/index")
    project.run("models", "install", "translate-en_ko", check=True)
    assert server.requests[0] == "/index/index.json"


def test_sha256_pin(project: Project, server: PackageServer, argos_files: dict[str, Path]) -> None:
    data = argos_files["ko"].read_bytes()
    server.routes["/ko.argosmodel"] = data
    _index(server, [_entry("ko", "1.0", [server.url("/ko.argosmodel")])])
    _point(project, server)
    wrong = project.run("models", "install", "--sha256", "0" * 64, "translate-en_ko")
    assert wrong.returncode == 2
    assert "SHA-256 mismatch" in wrong.stderr and "Traceback" not in wrong.stderr
    assert _installed(project) == []
    right = hashlib.sha256(data).hexdigest().upper()
    project.run("models", "install", "--sha256", right, "translate-en_ko", check=True)
    assert _installed(project) == ["translate-en_ko-1_0", "translate-en_ko-1_0.sha256"]


def test_missing_installs_each_configured_locale(
    project: Project, server: PackageServer, argos_files: dict[str, Path]
) -> None:
    """`make models` runs `locpipe models install --missing`."""
    for locale, code in (("ko", "ko"), ("zh_CN", "zh")):
        server.routes[f"/{code}.argosmodel"] = argos_files[locale].read_bytes()
    _index(
        server,
        [_entry(code, "1.0", [server.url(f"/{code}.argosmodel")]) for code in ("ko", "zh")],
    )
    done = _point(project, server).run("models", "install", "--missing")
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("updating the package index") == 2
    assert "installed translate-en_zh-1_0 (en→zh)" in done.stdout
    assert [n for n in _installed(project) if not n.endswith(".sha256")] == [
        "translate-en_ko-1_0",
        "translate-en_zh-1_0",
    ]


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("index-404", "the Argos package index cannot be reached: HTTP 404"),
        ("index-unreachable", "the Argos package index cannot be reached"),
        ("index-not-json", "the package index is not valid JSON"),
        ("package-404", "download of translate-en_ko 1.0 failed"),
        ("truncated", "cut short"),
        ("corrupt-zip", "not a zip archive"),
        ("no-links", "the index entry for translate-en_ko 1.0 has no download links"),
        ("no-such-pair", "the Argos package index has no en→ko package"),
    ],
)
def test_each_failure_is_a_clean_error_and_installs_nothing(
    project: Project,
    server: PackageServer,
    argos_files: dict[str, Path],
    case: str,
    expected: str,
) -> None:
    data = argos_files["ko"].read_bytes()
    link = server.url("/ko.argosmodel")
    answers: dict[str, dl_answer] = {
        "package-404": 404,
        "truncated": Truncated(data),
        "corrupt-zip": b"<html>not a zip</html>",
    }
    server.routes["/ko.argosmodel"] = answers.get(case, data)
    _index(server, [_entry("ko", "1.0", [] if case == "no-links" else [link])])
    if case == "no-such-pair":
        _index(server, [_entry("ja", "1.0", [link])])
    if case == "index-not-json":
        server.routes["/index/index.json"] = b"<html>"
    index_path = "/missing/" if case == "index-404" else "/index/"
    _point(project, server, index_path)
    if case == "index-unreachable":
        # a loopback port the guard allows but nothing listens on
        with serve() as closed:
            port = closed.port
        project.env.update(
            ARGOS_PACKAGE_INDEX=f"http://127.0.0.1:{port}/", **{LOOPBACK_ENV: str(port)}
        )
    done = project.run("models", "install", "translate-en_ko")
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert expected in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert "locpipe models install FILE.argosmodel" in done.stderr
    assert _installed(project) == []


dl_answer = bytes | int | Truncated


class _Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[str, int]] = []

    def start(self, label: str, total: int) -> None:
        self.calls.append(("start", total))

    def advance(self, done: int) -> None:
        self.calls.append(("advance", done))

    def finish(self) -> None:
        self.calls.append(("finish", 0))


def test_download_streams_to_disk_in_chunks(
    server: PackageServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = bytes(range(256)) * 400  # 100 kB
    server.routes["/big.argosmodel"] = body
    monkeypatch.setattr(dl, "CHUNK", 8192)
    entry = dl.IndexEntry("translate-en_ko", "en", "ko", "1.0", (server.url("/big.argosmodel"),))
    progress = _Recorder()
    got = dl.download(entry, tmp_path, progress, lambda _text: None)
    assert got.path.read_bytes() == body
    assert got.sha256 == hashlib.sha256(body).hexdigest() and got.size == len(body)
    advances = [n for kind, n in progress.calls if kind == "advance"]
    assert progress.calls[0] == ("start", len(body)) and progress.calls[-1][0] == "finish"
    assert len(advances) == -(-len(body) // 8192)
    assert advances == sorted(advances) and advances[-1] == len(body)
    assert max(b - a for a, b in zip([0, *advances], advances, strict=False)) <= 8192


def test_render_bytes() -> None:
    line = render_bytes("translate-en_ko", 25_000_000, 100_000_000, 10.0)
    assert "25.0 MB/100.0 MB" in line and "2.5 MB/s" in line and "ETA 0:30" in line
    assert line.count("█") == 7
    assert render_bytes("x", 2048, 0, 1.0) == "downloading x 2.0 kB  2.0 kB/s"


def test_download_progress_on_a_terminal_redraws_one_line(
    server: PackageServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    from locpipe.progress import TerminalProgress

    server.routes["/p.argosmodel"] = b"x" * 50_000
    monkeypatch.setattr(dl, "CHUNK", 10_000)
    out = io.StringIO()
    entry = dl.IndexEntry("translate-en_ko", "en", "ko", "1.0", (server.url("/p.argosmodel"),))
    dl.download(entry, tmp_path, TerminalProgress(out, tty=True, renderer=render_bytes), print)
    text = out.getvalue()
    assert text.count("\r") == 6 and text.endswith("\n") and text.count("\n") == 1
    assert "50.0 kB/50.0 kB" in text and "/s  ETA" in text

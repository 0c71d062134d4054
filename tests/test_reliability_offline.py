"""Issue 7, point 4: `locpipe translate` opens no network connection.

Three layers of evidence: the socket guard every test subprocess gets is
really active there; a run of `locpipe translate` creates no socket at all
(not merely connects none); and, where the kernel allows it, the same run
succeeds in a network namespace with no interface but loopback down
(`unshare -n`), which also covers C extensions.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from locpipe.catalog import State, state
from locpipe.formats.pofile import read_po
from tests.conftest import NETGUARD, Project

PROBE = """
import socket, sys
from tests.support.network import NetworkBlocked
family = getattr(socket, sys.argv[1])
address = ("127.0.0.1", 9) if family == socket.AF_INET else ("::1", 9)
for method in ("connect", "connect_ex"):
    with socket.socket(family, socket.SOCK_STREAM) as s:
        try:
            getattr(s, method)(address)
        except NetworkBlocked as exc:
            print(method, "blocked:", exc)
        else:
            print(method, "NOT BLOCKED")
"""

#: Runs the CLI in-process with socket creation itself recorded.
NO_SOCKET = """
import socket, sys
created = []
_init = socket.socket.__init__
def recording_init(self, family=-1, *args, **kwargs):
    created.append(family)
    _init(self, family, *args, **kwargs)
socket.socket.__init__ = recording_init
args = sys.argv[1:]
if args[0] == "--control":  # prove the recorder sees a socket being made
    socket.socket(socket.AF_INET, socket.SOCK_STREAM).close()
    args = args[1:]
from locpipe.cli import main
code = main(args)
inet = [f for f in created if f not in (socket.AF_UNIX, -1)]
print("sockets:", inet, file=sys.stderr)
sys.exit(code if not inet else 99)
"""


def _unshare_works() -> bool:
    if shutil.which("unshare") is None:
        return False
    try:
        done = subprocess.run(["unshare", "-n", "true"], capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


needs_unshare = pytest.mark.skipif(
    not _unshare_works(), reason="unshare -n is not permitted here (needs root or user namespaces)"
)


def _python(
    project: Project, *args: str, prefix: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*prefix, sys.executable, *args],
        cwd=project.root,
        env=project.env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def _all_translated(project: Project) -> None:
    catalogs = sorted(project.locales.glob("*/LC_MESSAGES/*.po"))
    assert len(catalogs) == 2
    for po in catalogs:
        assert all(state(m) is State.MACHINE for m in read_po(po).active()), po


@pytest.mark.parametrize("family", ["AF_INET", "AF_INET6"])
def test_the_socket_guard_is_active_in_cli_subprocesses(project: Project, family: str) -> None:
    """The environment every CLI test runs in blocks connect() and connect_ex()."""
    assert str(NETGUARD) in project.env["PYTHONPATH"].split(os.pathsep)
    done = _python(project, "-c", PROBE, family)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("blocked: test tried to connect") == 2, done.stdout
    assert "NOT BLOCKED" not in done.stdout


def test_the_guard_leaves_unix_sockets_alone(project: Project) -> None:
    done = _python(
        project,
        "-c",
        "import socket; a, b = socket.socketpair(); a.sendall(b'ok'); print(b.recv(2).decode())",
    )
    assert done.stdout.strip() == "ok", done.stderr


def test_the_socket_recorder_sees_a_socket(project: Project) -> None:
    done = _python(project, "-c", NO_SOCKET, "--control", "status")
    assert done.returncode == 99, done.stderr
    assert "sockets: [<AddressFamily.AF_INET: 2>]" in done.stderr


def test_translate_creates_no_network_socket(project_with_models: Project) -> None:
    done = _python(project_with_models, "-c", NO_SOCKET, "translate", "-q")
    assert done.returncode == 0, done.stderr
    assert "sockets: []" in done.stderr
    _all_translated(project_with_models)


@needs_unshare
def test_translate_succeeds_with_no_network_at_all(project_with_models: Project) -> None:
    """No network namespace to reach: the whole run, C extensions included."""
    done = _python(
        project_with_models, "-m", "locpipe", "translate", "-q", prefix=("unshare", "-n")
    )
    assert done.returncode == 0, done.stderr
    _all_translated(project_with_models)


@needs_unshare
def test_models_install_from_files_needs_no_network(
    project: Project, argos_files: dict[str, Path]
) -> None:
    files = [str(p) for p in argos_files.values()]
    done = _python(project, "-m", "locpipe", "models", "install", *files, prefix=("unshare", "-n"))
    assert done.returncode == 0, done.stderr
    listed = _python(project, "-m", "locpipe", "models", "list")
    assert "Korean" in listed.stdout and "Chinese (Simplified)" in listed.stdout


@needs_unshare
def test_models_install_by_name_without_network_is_a_clear_error(project: Project) -> None:
    """The one command that may use the network says it cannot, and how to do
    without. The socket guard is left out here: the namespace has no network."""
    env = dict(project.env, PYTHONPATH=str(Path(__file__).resolve().parent.parent))
    done = subprocess.run(
        ["unshare", "-n", sys.executable, "-m", "locpipe", "models", "install", "translate-en_ko"],
        cwd=project.root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert "cannot be reached" in done.stderr
    assert "locpipe models install FILE.argosmodel" in done.stderr

"""`locpipe translate --cluster`: machine translation on a Dask cluster the tests start.

One scheduler and two worker processes on 127.0.0.1 (one thread each, no
nanny), shared by the tests of this module; the workers have empty Argos
packages folders of their own. The project has a few batches per locale so
the work spreads over the workers.
"""

from __future__ import annotations

import re
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from locpipe.catalog import State, state
from locpipe.formats.pofile import read_po
from tests.conftest import Project, _clean_env, make_project
from tests.support.dask_cluster import LocalDask, loopback_env

#: Distinct sentences in the project: three batches of 256 per locale, short
#: ones, since the test models decode twice the source length.
SENTENCES = 520
LOCALES = ("ko", "zh_CN")
DATES = re.compile(rb'^"(PO-Revision-Date|POT-Creation-Date): .*\\n"\n', re.MULTILINE)


def _document() -> str:
    things = "report river garden engine letter window market bridge".split()
    doings = "opens closes follows moves".split()
    return "\n\n".join(f"The {things[i % 8]} {i} {doings[i % 4]}." for i in range(SENTENCES))


@pytest.fixture(scope="module")
def bases(tmp_path_factory: pytest.TempPathFactory, models_dir: Path) -> tuple[Project, Project]:
    """(a pristine project, the same project after a local `locpipe translate`)."""
    base = tmp_path_factory.mktemp("cluster-project")
    pristine = make_project(base, models_dir)
    (pristine.root / "content" / "numbers.txt").write_text(_document(), encoding="utf-8")
    local = Project(base / "local", pristine.env)
    shutil.copytree(pristine.root, local.root)
    local.run("translate", "-q", check=True)
    return pristine, local


@pytest.fixture(scope="module")
def dask(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalDask]:
    base = tmp_path_factory.mktemp("dask")
    home = base / "home"
    home.mkdir()
    cluster = LocalDask(base / "cluster", loopback_env(_clean_env(home, base / "unused")))
    try:
        cluster.start()
        cluster.add_worker()
        cluster.add_worker()
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def fresh(tmp_path: Path, bases: tuple[Project, Project]) -> Project:
    """A copy of the pristine project whose runs may reach loopback addresses."""
    root = tmp_path / "proj"
    shutil.copytree(bases[0].root, root)
    return Project(root, loopback_env(bases[0].env))


def _outputs(root: Path) -> dict[str, bytes]:
    """Catalogues, templates and rebuilt documents, their date headers blanked
    (two runs made in different minutes differ there and nowhere else)."""
    found = {}
    for folder in ("locales", "build"):
        for path in sorted((root / folder).rglob("*")):
            if path.is_file() and path.suffix != ".mo":
                found[path.relative_to(root).as_posix()] = DATES.sub(b"", path.read_bytes())
    return found


def test_cluster_run_writes_what_a_local_run_writes(
    fresh: Project, bases: tuple[Project, Project], dask: LocalDask
) -> None:
    done = fresh.run("translate", "--cluster", dask.address, check=True)
    assert f"translated on cluster {dask.address}: 2 worker(s), cpu (int8) x 2" in done.stdout
    produced, expected = _outputs(fresh.root), _outputs(bases[1].root)
    assert sorted(produced) == sorted(expected)
    for name, data in expected.items():
        assert produced[name] == data, name
    for locale in LOCALES:
        machine = [
            m
            for m in read_po(fresh.locales / locale / "LC_MESSAGES" / "numbers.po").active()
            if state(m) is State.MACHINE
        ]
        assert len(machine) == SENTENCES


def test_the_model_reaches_workers_without_a_packages_folder(
    fresh: Project, dask: LocalDask
) -> None:
    fresh.run("translate", "--cluster", dask.address, check=True)
    for packages, scratch in zip(dask.packages_dirs(), dask.scratch_dirs(), strict=True):
        assert list(packages.iterdir()) == [], "the workers' own packages folders stay empty"
        shipped = {p.parent.name for p in scratch.rglob("locpipe-models/*/*/model")}
        assert {"translate-en_ko-1_0", "translate-en_zh-1_0"} <= shipped, scratch


def test_a_worker_killed_mid_run_loses_and_repeats_nothing(
    fresh: Project, bases: tuple[Project, Project], dask: LocalDask
) -> None:
    victim = dask.add_worker(preload="tests.support.dying_worker")
    done = fresh.run("translate", "--cluster", dask.address, check=True)
    victim.wait(timeout=60)
    assert victim.returncode == -9, "the worker killed itself on its first batch"
    assert "3 worker(s)" in done.stdout
    produced, expected = _outputs(fresh.root), _outputs(bases[1].root)
    assert produced == expected
    for locale in LOCALES:
        catalog = read_po(fresh.locales / locale / "LC_MESSAGES" / "numbers.po")
        for message in catalog.active():
            mt = [c for c in message.translator_comments if c.startswith("mt: ")]
            assert message.msgstr and len(mt) == 1, message.msgid


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def test_an_unreachable_cluster_is_exit_2_and_changes_nothing(fresh: Project) -> None:
    before = fresh.snapshot()
    address = f"tcp://127.0.0.1:{_free_port()}"
    fresh.env["DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT"] = "1s"
    done = fresh.run("translate", "--cluster", address)
    assert done.returncode == 2, done.stderr
    assert f"cannot reach the Dask scheduler at {address}" in done.stderr
    assert "dask scheduler" in done.stderr  # the fix
    assert fresh.snapshot() == before


def test_no_worker_able_to_load_the_model_is_exit_2_and_changes_nothing(
    fresh: Project, dask: LocalDask
) -> None:
    before = fresh.snapshot()
    done = fresh.run("translate", "--cluster", dask.address, "--device", "cuda")
    assert done.returncode == 2, done.stderr
    assert "no worker of" in done.stderr and "can load translate-en_" in done.stderr
    assert "no CUDA GPU" in done.stderr
    assert fresh.snapshot() == before

"""Every command and snippet of the manual runs as written (see
tests/support/snippets.py for how a fence says what happens to it).

Each page gets one project, shared by its blocks in order, with the tiny test
models installed: `PROJECTS` says what each kind of project holds. The shell
finds `locpipe`, `python`, `make` and the tools of the `dev` extra on its PATH,
and `make` uses this test's virtual environment as the project's `.venv`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from locpipe.config import load_config
from tests.conftest import NETGUARD, REPO, Project
from tests.support.snippets import (
    Block,
    Page,
    check_languages,
    console_commands,
    output_matches,
    read_page,
)

PAGES = [*sorted((REPO / "docs").rglob("*.md")), REPO / "README.md"]
BIN = Path(sys.executable).parent
NODE_MODULES = REPO / "tests" / "js" / "node_modules"
#: Stamps the Makefile checks before it installs anything into .venv: with
#: them newer than pyproject.toml, `make` in a page's project installs nothing.
MAKE_STAMPS = (
    ".locpipe-dev",
    ".locpipe-runtime",
    ".locpipe-runtime-traditional",
    ".locpipe-runtime-cluster",
    ".locpipe-runtime-traditional-cluster",
)
#: What `fetch("/x")` reads in a JS snippet: the project's file x.
JS_PRELUDE = """import {readFileSync} from "node:fs";
globalThis.fetch = async (url) => ({json: async () => JSON.parse(readFileSync("." + url, "utf8"))});
"""


def _sample(root: Path, translated: Project) -> None:
    """The repository's sample article and catalogues, translated once, with
    the Makefile, pyproject.toml and example app of a clone."""
    shutil.copytree(translated.root, root, dirs_exist_ok=True)
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(REPO / name, root / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.mo")
    shutil.copytree(REPO / "examples", root / "examples", ignore=ignore)


def _app(source: Path) -> Callable[[Path, Project], None]:
    def make(root: Path, translated: Project) -> None:
        shutil.copytree(source, root, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
        with (root / "locpipe.toml").open("a", encoding="utf-8") as toml:
            toml.write("threads = 1\nbeam_size = 1\n")

    return make


#: `<!-- snippets: project=NAME -->` → how the page's project is made.
PROJECTS: dict[str, Callable[[Path, Project], None]] = {
    "sample": _sample,
    "example-app": _app(REPO / "examples" / "app"),
    "django": _app(REPO / "tests" / "frameworks" / "django_site"),
    "flask": _app(REPO / "tests" / "frameworks" / "flask_app"),
    "sphinx": _app(REPO / "tests" / "data" / "sphinx"),
}


def _page_id(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


@pytest.mark.parametrize("path", PAGES, ids=_page_id)
def test_every_fence_is_run_or_shown(path: Path) -> None:
    page = read_page(path)
    assert check_languages(page) == []
    assert page.options.get("project", "sample") in PROJECTS
    for block in page.blocks:
        if block.lang == "console" and block.runs:
            assert console_commands(block.code), f"{block.where}: a console block with no '$ '"


def _project(
    tmp_path: Path, page: Page, translated: Project, models_dir: Path, files: dict[str, Path]
) -> Project:
    root = tmp_path / "proj"
    PROJECTS[page.options.get("project", "sample")](root, translated)
    packages = tmp_path / "packages"
    shutil.copytree(models_dir, packages)
    (root / "node_modules").symlink_to(NODE_MODULES, target_is_directory=True)
    venv = root / ".venv"
    venv.mkdir(exist_ok=True)
    (venv / "bin").symlink_to(BIN, target_is_directory=True)
    for stamp in MAKE_STAMPS:
        (venv / stamp).touch()
    env = {
        **translated.env,
        "ARGOS_PACKAGES_DIR": str(packages),
        "PATH": os.pathsep.join([str(BIN), os.environ.get("PATH", "")]),
        "REPO": str(REPO),
        # the tiny .argosmodel files, for the pages' setup blocks to copy
        "KO_ARGOSMODEL": str(files["ko"]),
        "ZH_ARGOSMODEL": str(files["zh_CN"]),
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONPATH": os.pathsep.join([str(NETGUARD), str(REPO)]),
    }
    return Project(root=root, env=env)


def _shell(project: Project, command: str, *, merge: bool = False) -> tuple[int, str]:
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", command],
        cwd=project.root,
        env=project.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT if merge else subprocess.PIPE,
        text=True,
        timeout=600,
    )
    return done.returncode, done.stdout + (done.stderr or "")


def _run(block: Block, project: Project, tmp_path: Path) -> str | None:
    """Run one block; None when it did what the page says, else why not."""
    expected = int(block.options.get("exit", "0"))
    if block.written_to is not None:
        name, append = block.written_to
        target = project.root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("a" if append else "w", encoding="utf-8") as out:
            out.write(block.code)
        return None
    if block.lang in ("sh", "bash", "shell") or block.setup:
        code, output = _shell(project, block.code)
        return None if code == expected else f"exit {code}, expected {expected}\n{output}"
    if block.lang == "console":
        for command, want in console_commands(block.code):
            code, output = _shell(project, command, merge=True)
            if code != expected:
                return f"$ {command}: exit {code}, expected {expected}\n{output}"
            missing = output_matches(want, output)
            if missing is not None:
                return f"$ {command}: printed no line like {missing!r}:\n{output}"
        return None
    if block.lang == "python":
        script = tmp_path / f"snippet_{block.line}.py"
        script.write_text(block.code, encoding="utf-8")
        code, output = _shell(project, f"python {script}")
        return None if code == expected else f"exit {code}\n{output}"
    if block.lang == "js":
        if shutil.which("node") is None or not NODE_MODULES.is_dir():
            pytest.skip("node and tests/js/node_modules are needed (npm ci --prefix tests/js)")
        script = project.root / f"snippet_{block.line}.mjs"
        script.write_text(JS_PRELUDE + block.code, encoding="utf-8")
        code, output = _shell(project, f"node {script.name}")
        return None if code == expected else f"exit {code}\n{output}"
    if block.lang == "toml":
        folder = tmp_path / f"toml_{block.line}"
        folder.mkdir()
        (folder / "locpipe.toml").write_text(block.code, encoding="utf-8")
        try:
            load_config(folder)
        except Exception as exc:  # the loader's error is the message to show
            return f"not a valid locpipe configuration: {exc}"
        return None
    raise AssertionError(f"{block.where}: no runner for {block.lang!r}")


@pytest.mark.parametrize("path", PAGES, ids=_page_id)
def test_every_snippet_runs(
    path: Path,
    tmp_path: Path,
    translated_once: Project,
    models_dir: Path,
    argos_files: dict[str, Path],
) -> None:
    page = read_page(path)
    runnable = [block for block in page.blocks if block.runs]
    if not runnable:
        pytest.skip("no block on this page runs")
    project = _project(tmp_path, page, translated_once, models_dir, argos_files)
    for block in runnable:
        problem = _run(block, project, tmp_path)
        assert problem is None, f"{block.where} ({block.lang}):\n{block.code}\n{problem}"


def test_skipped_snippets_say_why() -> None:
    """The blocks the manual marks as not run, each with its reason (listed
    in the output of `pytest -rA tests/test_docs_snippets.py`)."""
    skipped = [
        (block.where, block.options["skip"])
        for path in PAGES
        for block in read_page(path).blocks
        if "skip" in block.options
    ]
    for where, reason in skipped:
        print(f"not run: {where}: {reason}")
        assert len(reason) > 10, where

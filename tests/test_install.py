"""What `make translate` installs, and the commands error messages name.

`make translate` installs locpipe with only the extras the configuration
needs (scripts/needed_extras.py reads them before locpipe is installed);
`make test` the `dev` extra. Fix texts name commands that work from where
locpipe was started (locpipe.cli.common.as_run_here).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from locpipe.cli import common
from locpipe.errors import EXTRAS, install_extra
from locpipe.locales import parse_locale
from scripts.needed_extras import needed_extras
from tests.conftest import REPO

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("config", "extras"),
    [
        ('locales = ["ko", "zh_CN"]\n', []),
        ("", []),
        ('locales = ["ko", "zh_TW"]\n', ["traditional"]),
        ('[tool.locpipe]\nlocales = ["zh_Hant_HK"]\n', ["traditional"]),
        (
            'locales = ["zh_hk", "en_XA"]\ncluster = "tcp://10.0.0.5:8786"\n',
            ["traditional", "cluster"],
        ),
        ('locales = ["zh_Hans_HK"]\ncluster = ""\n', []),
        ("locales = [\n", []),  # broken TOML: locpipe itself will say so
    ],
    ids=["default", "empty", "zh_TW", "pyproject-style", "both", "none", "broken"],
)
def test_the_extras_a_configuration_needs(tmp_path: Path, config: str, extras: list[str]) -> None:
    (tmp_path / "locpipe.toml").write_text(config, encoding="utf-8")
    assert needed_extras(tmp_path) == extras


def test_pyproject_tool_locpipe_is_read_too(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n[tool.locpipe]\nlocales = ["zh_MO"]\n', encoding="utf-8"
    )
    assert needed_extras(tmp_path) == ["traditional"]
    assert needed_extras(REPO) == []


@pytest.mark.parametrize(
    "name", ["zh_TW", "zh_HK", "zh_MO", "zh_Hant", "zh_Hans_TW", "zh_CN", "zh", "ko_KR", "zh-hant"]
)
def test_the_script_tells_traditional_as_locpipe_does(tmp_path: Path, name: str) -> None:
    (tmp_path / "locpipe.toml").write_text(f'locales = ["{name}"]\n', encoding="utf-8")
    parsed = parse_locale(name)
    traditional = parsed is not None and parsed.language == "zh" and parsed.script == "Hant"
    assert needed_extras(tmp_path) == (["traditional"] if traditional else [])


def test_extras_named_in_fix_texts_are_the_pyproject_ones() -> None:
    declared = PYPROJECT["project"]["optional-dependencies"]
    assert {extra: declared[extra] for extra in EXTRAS} == {k: [v] for k, v in EXTRAS.items()}
    assert (
        install_extra("traditional") == "pip install 'opencc>=1.1.6' (locpipe's traditional extra)"
    )


def test_metadata_uses_an_spdx_licence() -> None:
    """setuptools deprecates `license = {text = …}` and prints a warning
    block at every install; an SPDX string needs setuptools 77."""
    assert PYPROJECT["project"]["license"] == "MIT"
    assert all((REPO / f).is_file() for f in PYPROJECT["project"]["license-files"])
    assert "setuptools>=77" in PYPROJECT["build-system"]["requires"]


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
@pytest.mark.parametrize(
    ("config", "spec", "stamp"),
    [
        ('locales = ["ko", "zh_CN"]\n', "'.'", ".locpipe-runtime"),
        ('locales = ["ko", "zh_TW"]\n', "'.[traditional]'", ".locpipe-runtime-traditional"),
    ],
)
def test_make_translate_installs_the_runtime_and_make_test_the_dev_extra(
    tmp_path: Path, config: str, spec: str, stamp: str
) -> None:
    for name in (
        "Makefile",
        "pyproject.toml",
        "scripts/needed_extras.py",
        "src/locpipe/locales.py",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / name, tmp_path / name)
    (tmp_path / "locpipe.toml").write_text(config, encoding="utf-8")

    def planned(target: str) -> str:
        done = subprocess.run(
            ["make", "-n", target, f"PYTHON={sys.executable}"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout

    translate = planned("translate")
    assert f"pip install --quiet -e {spec}\n" in translate
    assert f"touch .venv/{stamp}\n" in translate
    assert "[dev]" not in translate
    test = planned("test")
    assert "pip install --quiet -e '.[dev]'" in test and "touch .venv/.locpipe-dev" in test
    # once the runtime is in, `make test` still installs dev, and back again nothing
    (tmp_path / ".venv" / "bin").mkdir(parents=True)
    (tmp_path / ".venv" / stamp).touch()
    assert "pip install" not in planned("translate")
    assert "'.[dev]'" in planned("test")
    (tmp_path / ".venv" / ".locpipe-dev").touch()
    assert "pip install" not in planned("test")


@pytest.mark.parametrize(
    ("argv0", "on_path", "expected"),
    [
        ("{bin}/locpipe", True, "locpipe models install X"),
        ("{bin}/locpipe", False, "{bin}/locpipe models install X"),
        ("{cwd}/.venv/bin/locpipe", False, ".venv/bin/locpipe models install X"),
        ("/x/src/locpipe/__main__.py", False, "{python} -m locpipe models install X"),
    ],
    ids=["activated", "by-path", "make-translate", "python-m"],
)
def test_fix_texts_name_a_command_that_runs_from_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, argv0: str, on_path: bool, expected: str
) -> None:
    bin_dir = tmp_path / "elsewhere" / "bin"
    project = tmp_path / "project"
    project.mkdir()
    started = Path(argv0.format(bin=bin_dir, cwd=project))
    started.parent.mkdir(parents=True, exist_ok=True)
    started.touch(mode=0o755)
    monkeypatch.chdir(project)
    monkeypatch.setattr(sys, "argv", [str(started), "translate"])
    monkeypatch.setenv("PATH", str(started.parent) if on_path else "/nonexistent")
    text = "fix: `locpipe models install X`; locpipe translates into Korean; see locpipe.toml"
    shown = common.as_run_here(text)
    want = expected.format(bin=bin_dir, python=common._shown(sys.executable))
    assert shown == text.replace("locpipe models install X", want)

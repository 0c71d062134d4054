"""The manual (docs/, mkdocs.yml): it builds with no warning, and its reference
pages name every command, option and configuration key the code has."""

from __future__ import annotations

import argparse
import dataclasses
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from locpipe.cli.parser import build_parser
from locpipe.config import _SCHEMA, Config
from tests.conftest import NETGUARD, REPO

DOCS = REPO / "docs"


def test_manual_builds_with_warnings_as_errors(tmp_path: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(NETGUARD)}
    config, site = str(REPO / "mkdocs.yml"), str(tmp_path / "site")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config, "-d", site],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "WARNING" not in done.stdout + done.stderr
    assert (tmp_path / "site" / "reference" / "commands" / "index.html").is_file()


def _commands(parser: argparse.ArgumentParser, prefix: str = "") -> dict[str, list[str]]:
    """Every (sub)command as 'models install' → its option strings."""
    found: dict[str, list[str]] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                options = [
                    option
                    for act in sub._actions
                    if not isinstance(act, argparse._SubParsersAction)
                    for option in act.option_strings
                    if option not in ("-h", "--help")
                ]
                found[prefix + name] = options
                found.update(_commands(sub, prefix + name + " "))
    return found


def test_command_reference_names_every_command_and_option() -> None:
    text = (DOCS / "reference" / "commands.md").read_text(encoding="utf-8")
    commands = _commands(build_parser())
    assert len(commands) > 10
    missing = [
        f"{command} {option}"
        for command, options in commands.items()
        for option in ["", *options]
        if (option and f"`{option}" not in text)
        or (not option and f"`locpipe {command}" not in text and f"`{command}`" not in text)
    ]
    assert missing == []


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str | Path):
        return f'"{Path(value).as_posix() if isinstance(value, Path) else value}"'
    if isinstance(value, tuple):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    return str(value)


def test_configuration_reference_gives_every_key_its_default() -> None:
    text = (DOCS / "configuration.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `([a-z_.\[\]]+)` \| (.+?) \|", text, re.MULTILINE))
    defaults = {field.name: field.default for field in dataclasses.fields(Config)}
    for key, (expected, _) in _SCHEMA.items():
        if key == "models":
            assert "[tool.locpipe.models]" in rows
            continue
        assert key in rows, f"configuration.md has no row for {key}"
        documented = rows[key].replace("`", "")
        default = "{}" if expected is dict else _toml(defaults[key])
        assert documented == default, (key, documented, default)
    # and every key appears in the page's full example
    example = re.search(r"```toml\n\[tool\.locpipe\]\n(.*?)```", text, re.DOTALL)
    assert example is not None
    assert {k for k in _SCHEMA if k != "models"} <= set(
        re.findall(r"^([a-z_]+) =", example.group(1), re.MULTILINE)
    )


@pytest.mark.parametrize("page", ["README.md"])
def test_readme_is_short_and_its_links_resolve(page: str) -> None:
    text = (REPO / page).read_text(encoding="utf-8")
    assert len(text.splitlines()) < 150
    links = re.findall(r"\]\((docs/[^)#]+)", text)
    assert links
    assert [link for link in links if not (REPO / link).is_file()] == []

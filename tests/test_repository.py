"""The repository's own sample catalogues: current, valid, and free of test-model text."""

from __future__ import annotations

import subprocess
from pathlib import Path

from locpipe import catalog
from locpipe.formats.pofile import read_po
from tests.conftest import REPO


def _catalogues() -> list[Path]:
    return sorted((REPO / "locales").rglob("*.po"))


def test_sample_catalogues_exist_for_both_locales() -> None:
    assert {p.parent.parent.name for p in _catalogues()} == {"ko", "zh_CN"}


def test_no_machine_text_from_test_models_is_committed() -> None:
    for path in _catalogues():
        for message in read_po(path).active():
            assert catalog.state(message) is not catalog.State.MACHINE, (path, message.msgid)


def test_committed_files_pass_msgfmt_check() -> None:
    for path in [*_catalogues(), *sorted((REPO / "locales").glob("*.pot"))]:
        done = subprocess.run(
            ["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr

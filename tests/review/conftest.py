"""The review page's tests share a project with hand-written translations
(tests/support/review_project), made once and copied for each test."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from locpipe.config import Config, load_config
from locpipe.layout import Paths
from tests.support import review_project

#: The time a save stamps (PO-Revision-Date), the same on every path compared.
NOW = datetime(2030, 1, 2, 3, 4, tzinfo=UTC)

#: The entries the tests decide on, and the edit they make.
ACCEPTED = "Backups run every night at 2:00 UTC."
EDITED = "Invited members receive an email with a link that expires after 7 days."
REJECTED = "Restoring a backup replaces all files in the workspace."
SKIPPED = "To change a member's role, select the member and click **Edit role**."
CHANGED = review_project.EDITED[1]  # fuzzy, with the `#|` previous source
EDIT_KO = "초대된 멤버는 7일 후 만료되는 링크가 담긴 이메일을 받습니다."


@pytest.fixture(scope="session")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("review") / "proj"
    review_project.make(root)
    return root


@pytest.fixture
def config(made: Path, tmp_path: Path) -> Config:
    """A private copy of the review project."""
    shutil.copytree(made, tmp_path / "proj")
    return load_config(tmp_path / "proj")


def po_path(config: Config, locale: str = "ko") -> Path:
    """The catalogue under review."""
    return Paths.of(config).catalog(locale, "sharing")

"""`locpipe check FILE.po …` on catalogues of any project, with no locpipe config."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from locpipe.errors import LocpipeError
from locpipe.formats.pofile import parse_po
from locpipe.qa.checkfiles import check_files, locale_of
from tests.conftest import NETGUARD, REPO

REAL = REPO / "tests" / "data" / "qa" / "real"
ADMINDOCS_KO = REAL / "django/contrib/admindocs/locale/ko/LC_MESSAGES/django.po"
SPHINX_TW = REAL / "sphinx/locale/zh_TW/LC_MESSAGES/sphinx.po"


def _run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m locpipe ARGS` in a folder that is no locpipe project."""
    env = {"PYTHONPATH": f"{NETGUARD}:{REPO}", "PATH": "/usr/bin:/bin", "HOME": str(cwd)}
    return subprocess.run(
        [sys.executable, "-m", "locpipe", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _without_language(src: Path, dest: Path) -> Path:
    text = src.read_text(encoding="utf-8")
    lines = [x for x in text.splitlines(keepends=True) if not x.startswith('"Language:')]
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text("".join(lines), encoding="utf-8")
    return dest


def test_check_a_django_catalogue_outside_any_project(tmp_path: Path) -> None:
    po = tmp_path / "django.po"
    shutil.copy(ADMINDOCS_KO, po)
    done = _run(tmp_path, "check", "django.po")
    # Django's ko admindocs translates the tag <code> as <코드>: a real defect.
    assert done.returncode == 1, done.stderr
    assert "django.po:178: error: markup: lost <code>, lost </code>\n" in done.stdout
    assert all(": error: " not in x for x in done.stdout.splitlines() if ":178:" not in x)
    assert done.stderr.endswith("1 error(s), 1 warning(s), 1 info\n")
    shown = _run(tmp_path, "check", "--json", "django.po")
    assert shown.returncode == 1
    problems = json.loads(shown.stdout)
    assert {(p["line"], p["check"], p["severity"]) for p in problems} >= {(178, "markup", "error")}


def test_clean_file_exits_zero(tmp_path: Path) -> None:
    done = _run(tmp_path, "check", str(REPO / "tests/data/qa/clean.zh_CN.po"))
    assert (done.returncode, done.stdout) == (0, "")
    assert done.stderr == "0 error(s), 0 warning(s)\n"


@pytest.mark.parametrize(
    ("relpath", "expected"),
    [
        ("locale/zh_Hans/LC_MESSAGES/django.po", "zh_Hans"),
        ("locale/zh_TW/LC_MESSAGES/sphinx.po", "zh_TW"),
        ("locale/ko_KR/LC_MESSAGES/app.po", "ko_KR"),
        ("i18n/zh-Hant.po", "zh-Hant"),
        ("translations/messages.po", None),
    ],
)
def test_locale_from_the_path_when_the_header_has_none(
    tmp_path: Path, relpath: str, expected: str | None
) -> None:
    po = _without_language(SPHINX_TW, tmp_path / relpath)
    assert locale_of(po, parse_po(po.read_bytes(), str(po))) == expected


def test_header_language_wins_over_the_path(tmp_path: Path) -> None:
    po = tmp_path / "zh_TW" / "LC_MESSAGES" / "x.po"
    po.parent.mkdir(parents=True)
    shutil.copy(ADMINDOCS_KO, po)  # Language: ko
    assert locale_of(po, parse_po(po.read_bytes(), str(po))) == "ko"


def test_script_check_follows_the_locale_alias(tmp_path: Path) -> None:
    body = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    body += 'msgid "Open the settings page"\nmsgstr "설정 페이지 열기"\n'
    for name in ("zh_Hans", "zh_Hant", "zh_TW", "zh_HK"):
        po = tmp_path / name / "LC_MESSAGES" / "app.po"
        po.parent.mkdir(parents=True)
        po.write_text(body, encoding="utf-8")
        assert [(p.check, p.severity) for p in check_files([po])] == [("script", "error")]
    ko = tmp_path / "ko_KR" / "LC_MESSAGES" / "app.po"
    ko.parent.mkdir(parents=True)
    ko.write_text(body, encoding="utf-8")
    assert check_files([ko]) == []
    assert check_files([ko], locale="zh_Hant")[0].check == "script"


def test_no_locale_is_a_clear_error(tmp_path: Path) -> None:
    po = _without_language(ADMINDOCS_KO, tmp_path / "messages.po")
    done = _run(tmp_path, "check", "messages.po")
    assert done.returncode == 1
    assert done.stdout == ""
    assert "messages.po: cannot tell the locale" in done.stderr
    assert "--locale ko" in done.stderr
    forced = _run(tmp_path, "check", "--locale", "ko_KR", "messages.po")
    assert forced.returncode == 1
    assert "messages.po:177: error: markup:" in forced.stdout  # one header line less
    with pytest.raises(LocpipeError, match="unknown locale"):
        check_files([po], locale="Korean!")


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    done = _run(tmp_path, "check", "nowhere/ko.po")
    assert done.returncode == 1
    assert "nowhere/ko.po: cannot read" in done.stderr
    assert "Traceback" not in done.stderr


def test_many_files_go_on_past_an_unreadable_one(tmp_path: Path) -> None:
    """`locpipe check $(git ls-files '*.po')`: a missing, a malformed and a
    localeless file are each reported, every other file is checked, and the
    run exits 1 at the end."""
    good = tmp_path / "ko" / "LC_MESSAGES" / "django.po"
    good.parent.mkdir(parents=True)
    shutil.copy(ADMINDOCS_KO, good)
    broken = tmp_path / "zh_CN.po"
    broken.write_text('msgid "a"\nmsgstr "b\n', encoding="utf-8")
    _without_language(ADMINDOCS_KO, tmp_path / "messages.po")
    files = ["gone/ko.po", "zh_CN.po", "messages.po", "ko/LC_MESSAGES/django.po"]
    done = _run(tmp_path, "check", *files)
    assert done.returncode == 1
    assert "ko/LC_MESSAGES/django.po:178: error: markup:" in done.stdout
    errors = [line for line in done.stderr.splitlines() if line.startswith("locpipe: error: ")]
    assert [e.split(":")[2].strip() for e in errors] == ["gone/ko.po", "zh_CN.po", "messages.po"]
    assert "3 file(s) not checked" in done.stderr.splitlines()[-1]
    assert "Traceback" not in done.stderr
    alone = _run(tmp_path, "check", "gone/ko.po", "--json")
    assert alone.returncode == 1 and json.loads(alone.stdout) == []


def test_warnings_alone_do_not_fail_the_run(tmp_path: Path) -> None:
    # Sphinx's zh_TW catalogue: untranslated and identical entries, no error.
    done = _run(tmp_path, "check", str(SPHINX_TW))
    assert done.returncode == 0, done.stdout
    assert ": warning: untranslated: not translated" in done.stdout
    assert ": error: " not in done.stdout
    assert done.stderr.startswith("0 error(s), ")

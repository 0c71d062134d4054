"""locpipe.formats.directives against `msgfmt -c`: a translation it passes, msgfmt passes."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from locpipe.formats.directives import newly_failing, passes

#: (flag, msgid, msgstr, passes msgfmt -c)
CASES = [
    ("python-format", "%(name)s has %(n)d files", "%(n)d개 파일: %(name)s", True),
    ("python-format", "%(name)s has %(n)d files", "%(name)s 파일", False),
    ("python-format", "%(name)s has files", "%(nom)s 파일", False),
    ("python-format", "%s has %d files", "%s: %d개", True),
    ("python-format", "%s has %d files", "%d개: %s", False),
    ("python-format", "100%% done", "100%% 완료", True),
    ("c-format", "%1$s of %2$s", "%2$s의 %1$s", True),
    ("c-format", "%s of %s", "%s", False),
    ("python-brace-format", "Welcome, {name}", "{name}님, 환영합니다", True),
    ("python-brace-format", "Welcome, {name}", "환영합니다, {이름}", False),
    ("python-brace-format", "{0} of {1}", "{1}의 {0}", True),
    ("python-brace-format", "{0} of {1}", "{0}", False),
    ("python-brace-format", "Saved {count} files to {path}.", "{path}에 {count}개 저장", True),
]


def _msgfmt(tmp_path: Path, flag: str, msgid: str, msgstr: str) -> bool:
    po = tmp_path / "check.po"
    po.write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        f'#, {flag}\nmsgid "{msgid}"\nmsgstr "{msgstr}"\n',
        encoding="utf-8",
    )
    done = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(po)], capture_output=True)
    return done.returncode == 0


@pytest.mark.parametrize(("flag", "msgid", "msgstr", "ok"), CASES)
def test_passes_agrees_with_msgfmt(
    tmp_path: Path, flag: str, msgid: str, msgstr: str, ok: bool
) -> None:
    assert _msgfmt(tmp_path, flag, msgid, msgstr) is ok, "the table itself is msgfmt's verdict"
    assert passes(msgid, None, [msgstr], flag) is ok


def test_only_an_added_flag_counts() -> None:
    args = ("Welcome, {name}", None, ["환영합니다"])
    assert newly_failing((), ("python-brace-format",), *args)
    assert not newly_failing(("python-brace-format",), ("python-brace-format",), *args)
    assert not newly_failing(("python-brace-format",), ("no-python-brace-format",), *args)


def test_a_flag_locpipe_cannot_check_counts_as_failing() -> None:
    assert not passes("Hello ~a", None, ["안녕 ~a"], "lisp-format")

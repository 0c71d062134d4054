"""Issue 5 through the real CLI: `locpipe check` and `locpipe compile --format json`."""

from __future__ import annotations

import json
import shutil

from locpipe import catalog
from locpipe.formats.pofile import read_po
from tests.conftest import REPO, SAMPLE, Project

QA = REPO / "tests" / "data" / "qa"


def _place(project: Project, fixture: str, locale: str) -> str:
    """Put `fixture` in place as the `locale` catalogue of the app template
    app.pot (a catalogue without its template would be an orphan, which
    `check` leaves out)."""
    target = project.root / "locales" / locale / "LC_MESSAGES" / "app.po"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(QA / fixture, target)
    config = project.root / "locpipe.toml"
    if "templates" not in config.read_text(encoding="utf-8"):
        shutil.copy(QA / fixture, project.root / "app.pot")
        with config.open("a", encoding="utf-8") as handle:
            handle.write('templates = ["app.pot"]\n')
    return target.relative_to(project.root).as_posix()


def test_check_reports_each_seeded_defect_with_file_and_line(project: Project) -> None:
    path = _place(project, "defects.ko.po", "ko")
    done = project.run("check")
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    for check, line, severity in [
        ("placeholders", 15, "error"),
        ("numbers", 19, "error"),
        ("urls", 22, "error"),
        ("untranslated", 25, "warning"),
        ("repetition", 28, "error"),
    ]:
        prefix = f"{path}:{line}: {severity}: {check}: "
        assert any(x.startswith(prefix) for x in lines), (check, lines)


def test_check_passes_clean_cjk_catalogues(project: Project) -> None:
    _place(project, "clean.ko.po", "ko")
    _place(project, "clean.zh_CN.po", "zh_CN")
    done = project.run("check")
    assert done.returncode == 0, done.stdout
    assert done.stdout == ""


def test_check_json(project: Project) -> None:
    path = _place(project, "defects.ko.po", "ko")
    problems = json.loads(project.run("check", "--json").stdout)
    assert {p["file"] for p in problems} == {path}
    assert {"placeholders", "numbers", "urls", "repetition"} <= {p["check"] for p in problems}


def test_json_export_matches_the_po_entries_one_for_one(translated: Project) -> None:
    translated.run("compile", "--format", "json", check=True)
    for locale in ("ko", "zh_CN"):
        folder = translated.root / "locales" / locale / "LC_MESSAGES"
        data = json.loads((folder / f"{SAMPLE.stem}.json").read_text(encoding="utf-8"))
        assert data["locale"] == locale and data["domain"] == SAMPLE.stem
        assert data["plural_forms"] == "nplurals=1; plural=0;"
        po = read_po(folder / f"{SAMPLE.stem}.po")
        expected = {
            m.msgid: m.msgstr
            for m in po.active()
            if catalog.state(m) in (catalog.State.MACHINE, catalog.State.REVIEWED)
        }
        assert data["messages"] == expected
        assert len(expected) == len(po.active())


def test_json_reviewed_only_leaves_machine_entries_out(translated: Project) -> None:
    translated.run("compile", "--format", "json", "--reviewed-only", check=True)
    folder = translated.root / "locales" / "ko" / "LC_MESSAGES"
    data = json.loads((folder / f"{SAMPLE.stem}.json").read_text(encoding="utf-8"))
    assert data["messages"] == {}

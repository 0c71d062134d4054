"""Human text on real catalogues, through the real CLI: nothing lost, nothing invalid.

* Horizon's ko_KR `blocktrans` entries (msgids with a newline and
  indentation at their ends) fill their whitespace twins from the memory:
  `msgfmt -c` stays clean, and `compile` refuses a person's entry it would
  reject, naming the file and line.
* WTForms' zh catalogue declares `nplurals=2`: the file's own Plural-Forms
  and every `msgstr[1]` are kept, as msgmerge keeps them.
* Django admin's ko catalogue, merged by msgmerge into a newer template (so
  it holds fuzzy and obsolete entries), is renamed, then pruned: every text
  carries over and prune deletes only what is kept elsewhere.
"""

from __future__ import annotations

import gettext
import os
import shutil
import subprocess
from pathlib import Path

from locpipe import catalog
from locpipe.catalog import State
from locpipe.formats.pofile import read_po
from locpipe.model import Catalog, Message
from tests.conftest import Project, make_project

DATA = Path(__file__).resolve().parent / "data"
REAL = DATA / "provenance"
ADMIN = DATA / "merge" / "django-admin-ko"


def app_project(base: Path, templates: list[str], locales: list[str]) -> Project:
    project = make_project(base, base / "no-models")
    shutil.rmtree(project.root / "content")
    names = ", ".join(f'"{t}"' for t in templates)
    wanted = ", ".join(f'"{loc}"' for loc in locales)
    (project.root / "locpipe.toml").write_text(
        f"locales = [{wanted}]\nsources = []\ntemplates = [{names}]\n", encoding="utf-8"
    )
    return project


def catalogue(project: Project, locale: str, domain: str) -> Path:
    path = project.locales / locale / "LC_MESSAGES" / f"{domain}.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def msgfmt_check(path: Path) -> str:
    """msgfmt -c's complaints about `path` ("" when it passes)."""
    done = subprocess.run(
        ["msgfmt", "-c", "-o", os.devnull, str(path)], capture_output=True, text=True, check=False
    )
    return done.stderr if done.returncode else ""


def texts(cat: Catalog) -> dict[tuple[str | None, str], tuple[str, ...]]:
    """Every translation a person wrote, by key (obsolete and fuzzy ones too)."""
    return {m.key: m.translations for m in cat.messages if catalog.human_text(m)}


def template_of(cat: Catalog, strip: bool = False) -> str:
    lines = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"', ""]
    for m in cat.active():
        flags = [f for f in m.flags if f != "fuzzy"]
        if flags:
            lines.append("#, " + ", ".join(flags))
        msgid = m.msgid.strip() if strip else m.msgid
        lines += [f"msgid {_quote(msgid)}", 'msgstr ""', ""]
    return "\n".join(lines)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def test_whitespace_twins_from_memory_pass_msgfmt(tmp_path: Path) -> None:
    project = app_project(tmp_path, ["dashboard.pot", "usage.pot"], ["ko_KR"])
    real = read_po(REAL / "horizon-edged-ko_KR.po")
    (project.root / "dashboard.pot").write_text(template_of(real), encoding="utf-8")
    (project.root / "usage.pot").write_text(template_of(real, strip=True), encoding="utf-8")
    dashboard = catalogue(project, "ko_KR", "dashboard")
    shutil.copy(REAL / "horizon-edged-ko_KR.po", dashboard)

    done = project.run("update", check=True)
    usage = read_po(catalogue(project, "ko_KR", "usage"))
    assert len(usage.active()) == len(real.active()) == 17
    assert all(catalog.state(m) is State.REVIEWED for m in usage.active()), done.stdout
    by_core = {" ".join(m.msgid.split()): m for m in real.active()}
    for m in usage.active():
        assert m.msgstr == by_core[" ".join(m.msgid.split())].msgstr.strip()
    assert msgfmt_check(catalogue(project, "ko_KR", "usage")) == ""
    assert msgfmt_check(dashboard) == ""
    assert texts(read_po(dashboard)) == texts(real), "the source catalogue is untouched"
    assert project.run("compile", check=True).returncode == 0

    # A person's edit that msgfmt -c would reject: compile names it, writes nothing.
    path = catalogue(project, "ko_KR", "usage")
    text = path.read_text(encoding="utf-8")
    broken = text.replace('msgstr "%(quota)s 중 %(used)s 사용됨"', 'msgstr "\\n%(quota)s 중"')
    assert broken != text
    path.write_text(broken, encoding="utf-8")
    mo = path.with_suffix(".mo")
    before = mo.read_bytes()
    refused = project.run("compile")
    assert refused.returncode == 1
    line = next(m.lineno for m in read_po(path).active() if m.msgid == "%(used)s of %(quota)s Used")
    assert f"locales/ko_KR/LC_MESSAGES/usage.po:{line}: msgfmt -c would reject" in refused.stderr
    assert "begin with '\\n'" in refused.stderr
    assert mo.read_bytes() == before
    assert msgfmt_check(path) != ""  # msgfmt agrees


def test_a_catalogue_s_own_plural_forms_and_every_form_are_kept(tmp_path: Path) -> None:
    project = app_project(tmp_path, ["wtforms.pot"], ["ko", "zh_CN"])
    shutil.copy(REAL / "wtforms.pot", project.root / "wtforms.pot")
    zh, ko = catalogue(project, "zh_CN", "wtforms"), catalogue(project, "ko", "wtforms")
    shutil.copy(REAL / "wtforms-zh.po", zh)
    shutil.copy(REAL / "wtforms-ko.po", ko)
    original = {p: read_po(p) for p in (zh, ko)}
    assert "nplurals=2" in (original[zh].header_field("Plural-Forms") or "")

    project.run("update", check=True)
    project.run("compile", check=True)
    for path, old in original.items():
        new = read_po(path)
        assert new.header_field("Plural-Forms") == old.header_field("Plural-Forms")
        assert texts(old).items() <= texts(new).items(), path  # none lost (suggestions added)
        assert msgfmt_check(path) == ""
    plural = [m for m in read_po(zh).active() if m.msgid_plural is not None and m.translated]
    assert plural and all(len(m.msgstr_plural) == 2 for m in plural)
    with zh.with_suffix(".mo").open("rb") as f:
        loaded = gettext.GNUTranslations(f)
    m = plural[0]
    assert loaded.ngettext(m.msgid, m.msgid_plural, 2) == m.msgstr_plural[1]


def _admin_with_fuzzy_and_obsolete(project: Project, domain: str) -> Catalog:
    """Django admin's ko catalogue of 4.1 merged into 5.2's template by msgmerge."""
    shutil.copy(ADMIN / "new.pot", project.root / f"{domain}.pot")
    path = catalogue(project, "ko", domain)
    subprocess.run(
        [
            "msgmerge",
            "-q",
            "--previous",
            "-o",
            str(path),
            str(ADMIN / "old.po"),
            str(ADMIN / "new.pot"),
        ],
        check=True,
    )
    cat = read_po(path)
    counts = catalog.counts(cat)
    assert counts.fuzzy > 5 and counts.obsolete > 2 and counts.reviewed > 150
    return cat


def test_rename_then_prune_keeps_every_text(tmp_path: Path) -> None:
    project = app_project(tmp_path, ["admin.pot"], ["ko"])
    original = _admin_with_fuzzy_and_obsolete(project, "admin")
    wanted = texts(original)

    (project.root / "admin.pot").rename(project.root / "django.pot")
    (project.root / "locpipe.toml").write_text(
        'locales = ["ko"]\nsources = []\ntemplates = ["django.pot"]\n', encoding="utf-8"
    )
    done = project.run("update", check=True)
    assert "orphan: locales/ko/LC_MESSAGES/admin.po" in done.stdout
    renamed = read_po(catalogue(project, "ko", "django"))
    # every text continues, fuzzy and obsolete ones too (and locpipe's merge
    # may suggest one more than msgmerge did)
    assert wanted.items() <= texts(renamed).items()
    before, after = catalog.counts(original), catalog.counts(renamed)
    assert (after.reviewed, after.obsolete) == (before.reviewed, before.obsolete)
    assert after.fuzzy >= before.fuzzy
    assert msgfmt_check(catalogue(project, "ko", "django")) == ""

    listed = project.run("prune", "--dry-run", check=True).stdout
    c = catalog.counts(original)
    assert (
        f"would remove locales/ko/LC_MESSAGES/admin.po ({c.reviewed} reviewed, "
        f"{c.fuzzy} fuzzy, {c.untranslated} untranslated, {c.obsolete} obsolete)"
    ) in listed
    project.run("prune", check=True)
    assert not (project.locales / "ko" / "LC_MESSAGES" / "admin.po").exists()
    assert wanted.items() <= texts(read_po(catalogue(project, "ko", "django"))).items()


def test_prune_keeps_a_gone_catalogue_s_texts_unless_forced(tmp_path: Path) -> None:
    project = app_project(tmp_path, ["admin.pot", "other.pot"], ["ko"])
    original = _admin_with_fuzzy_and_obsolete(project, "admin")
    (project.root / "other.pot").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Log out"\nmsgstr ""\n',
        encoding="utf-8",
    )
    project.run("update", check=True)
    (project.root / "admin.pot").unlink()  # the app dropped the admin
    (project.root / "locpipe.toml").write_text(
        'locales = ["ko"]\nsources = []\ntemplates = ["other.pot"]\n', encoding="utf-8"
    )
    project.run("update", check=True)
    # "Log out" came back from the orphan's memory; everything else is only there.
    other = {m.msgid: m for m in read_po(catalogue(project, "ko", "other")).active()}
    assert other["Log out"].msgstr == next(
        m.msgstr for m in original.messages if m.msgid == "Log out"
    )
    orphan = read_po(catalogue(project, "ko", "admin"))
    assert texts(original).items() <= texts(orphan).items()
    refused = project.run("prune")
    assert refused.returncode == 1
    c = catalog.counts(orphan)
    assert (
        f"kept locales/ko/LC_MESSAGES/admin.po: {c.reviewed - 1} reviewed, {c.fuzzy} fuzzy, "
        f"{c.obsolete} obsolete text(s) a person wrote exist in no live catalogue"
    ) in refused.stdout
    assert texts(read_po(catalogue(project, "ko", "admin"))) == texts(orphan)
    project.run("prune", "--force", check=True)
    assert not (project.locales / "ko" / "LC_MESSAGES" / "admin.po").exists()


def test_an_orphan_s_fuzzy_and_obsolete_texts_come_as_fuzzy_suggestions() -> None:
    header = Message("")
    orphan = Catalog(
        header,
        (
            Message(msgid="Save", msgstr="저장", flags=("fuzzy",), previous_msgid="Save it"),
            Message(msgid="Delete", msgstr="삭제", obsolete=True),
            Message(msgid="Edit", msgstr="편집"),
        ),
    )
    memory = catalog.memory({}, orphaned={"ko/old": orphan})
    fresh = Catalog(header, (Message(msgid="Save"), Message(msgid="Delete"), Message(msgid="Edit")))
    filled, count = catalog.apply_memory(fresh, memory)
    entries = {m.msgid: m for m in filled.messages}
    assert count == 3
    assert entries["Edit"].msgstr == "편집" and catalog.state(entries["Edit"]) is State.REVIEWED
    for msgid, text in (("Save", "저장"), ("Delete", "삭제")):
        assert entries[msgid].msgstr == text and catalog.state(entries[msgid]) is State.FUZZY
    assert entries["Save"].previous_msgid == "Save it"

"""The editing paths on a real catalogue: Django 5.2's Korean django.po
(tests/data/po), read back with polib as an independent reader.

An app project whose template is made from the catalogue's own entries: a
translator saves it with a byte-order mark and CRLF line ends and deletes
the header; then the template is renamed. Every human translation survives
both, and the renamed template gets them back from the orphaned catalogue.
"""

from __future__ import annotations

import codecs
import json
import os
import subprocess
from pathlib import Path

import polib

from locpipe.formats.pofile import format_po, read_po, write_po
from locpipe.model import Catalog, Message
from tests.conftest import Project, make_project

DJANGO_KO = Path(__file__).resolve().parent / "data" / "po" / "django-ko.po"
Key = tuple[str | None, str, str | None]


def human(path: Path) -> dict[Key, tuple[str, ...]]:
    """Every translated, non-fuzzy, active entry, by polib."""
    found: dict[Key, tuple[str, ...]] = {}
    for entry in polib.pofile(str(path)).translated_entries():
        if entry.msgid_plural:
            forms = tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
        else:
            forms = (entry.msgstr,)
        found[entry.msgctxt, entry.msgid, entry.msgid_plural or None] = forms
    return found


def template_of(cat: Catalog) -> Catalog:
    header = Message(
        msgid="",
        msgstr="Project-Id-Version: django\nPOT-Creation-Date: 2025-01-01 00:00+0000\n"
        "MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n"
        "Content-Transfer-Encoding: 8bit\nPlural-Forms: nplurals=INTEGER; plural=EXPRESSION;\n",
    )
    blank = tuple(
        m.replace(
            msgstr="",
            msgstr_plural=("", "") if m.msgid_plural is not None else (),
            flags=tuple(f for f in m.flags if f != "fuzzy"),
            translator_comments=(),
            previous_msgid=None,
            previous_msgctxt=None,
            previous_msgid_plural=None,
        )
        for m in cat.active()
    )
    return Catalog(header, blank)


def app_project(base: Path, pot_name: str) -> Project:
    project = make_project(base, base / "no-models")
    (project.root / "locpipe.toml").write_text(
        f'locales = ["ko"]\nsources = []\ntemplates = ["{pot_name}"]\n', encoding="utf-8"
    )
    write_po(project.root / pot_name, template_of(read_po(DJANGO_KO)))
    target = project.locales / "ko" / "LC_MESSAGES" / f"{Path(pot_name).stem}.po"
    target.parent.mkdir(parents=True)
    target.write_bytes(DJANGO_KO.read_bytes())
    return project


def test_django_ko_survives_bom_crlf_deleted_header_and_a_renamed_template(
    tmp_path: Path,
) -> None:
    original = human(DJANGO_KO)
    assert len(original) > 300
    project = app_project(tmp_path, "django.pot")
    path = project.locales / "ko" / "LC_MESSAGES" / "django.po"
    project.run("update", check=True)
    assert human(path) == original

    edited = format_po(Catalog(Message(""), read_po(path).messages))
    path.write_bytes(codecs.BOM_UTF8 + edited.replace("\n", "\r\n").encode("utf-8"))
    project.run("update", check=True)
    data = path.read_bytes()
    assert not data.startswith(codecs.BOM_UTF8) and b"\r" not in data
    checked = subprocess.run(
        ["msgfmt", "-c", "-o", os.devnull, str(path)], capture_output=True, text=True, check=False
    )
    assert checked.returncode == 0 and checked.stderr == ""
    assert human(path) == original

    (project.root / "django.pot").rename(project.root / "core.pot")
    (project.root / "locpipe.toml").write_text(
        'locales = ["ko"]\nsources = []\ntemplates = ["core.pot"]\n', encoding="utf-8"
    )
    done = project.run("update", check=True)
    assert "orphan: locales/ko/LC_MESSAGES/django.po" in done.stdout
    assert human(path.with_name("core.po")) == original
    assert human(path) == original, "the orphan is kept as it was"
    status = json.loads(project.run("status", "--json", check=True).stdout)
    assert status["orphans"] == ["locales/ko/LC_MESSAGES/django.po"]
    (ko,) = status["locales"]
    assert ko["reviewed"] == len(original)

    # A template not extracted (yet): prune deletes nothing and says why.
    (project.root / "core.pot").unlink()
    before = sorted(p.name for p in path.parent.iterdir())
    refused = project.run("prune")
    assert refused.returncode == 2 and "matches no file" in refused.stderr
    assert sorted(p.name for p in path.parent.iterdir()) == before

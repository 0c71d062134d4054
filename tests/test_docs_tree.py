"""A real nested docs tree (attrs and click, tests/data/docs) through translate
and build in ko, zh_CN (test models) and en_XA (pseudo engine)."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from locpipe.catalog import WARNING_PREFIX
from locpipe.documents.segment import segment
from locpipe.formats.pofile import read_po, write_po
from tests.conftest import REPO, Project, make_project
from tests.support.markup import block_structure, markup

SITE = REPO / "tests" / "data" / "docs" / "site"
DOCUMENTS = sorted(p.relative_to(SITE).as_posix() for p in SITE.rglob("*.md"))
LOCALES = ("ko", "zh_CN", "en_XA")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, models_dir: Path) -> Project:
    """The docs tree translated once into every locale; never changed."""
    project = make_project(tmp_path_factory.mktemp("docs"), models_dir)
    shutil.rmtree(project.root / "content")
    shutil.copytree(SITE, project.root / "docs")
    (project.root / "locpipe.toml").write_text(
        f"locales = {list(LOCALES)!r}\n".replace("'", '"')
        + 'sources = ["docs/**/*.md"]\nthreads = 1\nbeam_size = 1\n',
        encoding="utf-8",
    )
    project.run("translate", check=True)
    return project


def test_the_tree_is_a_real_site() -> None:
    assert len(DOCUMENTS) >= 20
    assert sum(1 for d in DOCUMENTS if d.endswith("index.md")) >= 3


def test_one_catalogue_per_document_per_locale_in_the_nested_layout(site: Project) -> None:
    domains = sorted(d.removesuffix(".md") for d in DOCUMENTS)
    for locale in LOCALES:
        folder = site.locales / locale / "LC_MESSAGES"
        found = sorted(
            p.relative_to(folder).with_suffix("").as_posix() for p in folder.rglob("*.po")
        )
        assert found == domains
        assert all((folder / f"{d}.mo").is_file() for d in domains)
    templates = sorted(
        p.relative_to(site.locales).with_suffix("").as_posix() for p in site.locales.rglob("*.pot")
    )
    assert templates == domains


@pytest.mark.parametrize("locale", LOCALES)
def test_rebuilt_documents_keep_blocks_and_markup(site: Project, locale: str) -> None:
    changed = 0
    for document in DOCUMENTS:
        source = (SITE / document).read_text(encoding="utf-8")
        built = (site.root / "build" / locale / "docs" / document).read_text(encoding="utf-8")
        assert block_structure(built) == block_structure(source), document
        assert markup(built) == markup(source), document
        changed += built != source
    prose = [d for d in DOCUMENTS if segment((SITE / d).read_text(encoding="utf-8"), "markdown")]
    assert changed == len(prose), "every document with prose has translated text"


def test_check_finds_no_lost_markup_in_the_pseudo_locale(site: Project) -> None:
    problems = json.loads(site.run("check", "--json").stdout)
    pseudo = [p for p in problems if "/en_XA/" in p["file"] and p["check"] in ("markup", "urls")]
    assert pseudo == []
    lost = [p for p in problems if p["check"] == "markup" and "/en_XA/" not in p["file"]]
    assert lost, "the test models lose markup, and check reports it"


def test_entries_that_cannot_ship_fall_back_to_the_source(tmp_path: Path) -> None:
    """An entry with an mt-warning (a lost link) is left out of the .mo, so
    build leaves it out too: the page keeps its source sentence and its link."""
    project = make_project(tmp_path, tmp_path / "packages")
    (project.root / "content" / "china-south-korea-relations.txt").unlink()
    source = "# Guide\n\nRead [the setup](setup.md#install) first. Then run it.\n"
    (project.root / "content" / "guide.md").write_text(source, encoding="utf-8")
    (project.root / "locpipe.toml").write_text(
        'locales = ["en_XA"]\nsources = ["content/*.md"]\n', encoding="utf-8"
    )
    project.run("translate", check=True)
    po = project.locales / "en_XA" / "LC_MESSAGES" / "guide.po"
    cat = read_po(po)
    broken = "Ŕéáð ţĥé šéţûþ ƒíŕšţ."
    messages = tuple(
        replace(
            m,
            msgstr=broken,
            translator_comments=(
                *m.translator_comments,
                f"{WARNING_PREFIX}lost ](setup.md#install)",
            ),
        )
        if m.msgid.startswith("Read")
        else m
        for m in cat.messages
    )
    write_po(po, replace(cat, messages=messages))
    project.run("build", check=True)
    built = (project.root / "build" / "en_XA" / "content" / "guide.md").read_text("utf-8")
    assert "Read [the setup](setup.md#install) first." in built
    assert broken not in built
    assert "Ţĥéñ" in built, "the other sentence ships"
    mo = project.locales / "en_XA" / "LC_MESSAGES" / "guide.mo"
    assert broken.encode() not in mo.read_bytes()

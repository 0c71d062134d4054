"""A real MkDocs Material site (Starlette's docs, tests/data/mkdocs) through
the manual's MkDocs page (docs/sites/mkdocs.md) as written: `locpipe translate`, then
`mkdocs build --strict` for English and for ko, zh_CN (test models) and en_XA
(pseudo engine). The built HTML is checked as a reader would find it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import REPO, Project, make_project
from tests.support import site_check

SITE = REPO / "tests" / "data" / "mkdocs" / "starlette"
LOCALES = ("ko", "zh_CN", "en_XA")
PAGE = REPO / "docs" / "sites" / "mkdocs.md"
_BLOCK = re.compile(r"^```(\w*)\n(.*?)^```\n", re.MULTILINE | re.DOTALL)


def page_blocks() -> dict[str, str]:
    """The fenced blocks of the manual's MkDocs page, by their first line
    (`# locpipe.toml, next to mkdocs.yml`) or, without a comment, their language."""
    blocks = {}
    for m in _BLOCK.finditer(PAGE.read_text(encoding="utf-8")):
        first = m.group(2).split("\n", 1)[0]
        blocks[first if first.startswith("#") else m.group(1)] = m.group(2)
    return blocks


def mkdocs_env(project: Project) -> dict[str, str]:
    """The project's environment with this interpreter's scripts first on PATH
    (`locpipe`, `mkdocs`), as in a docs maintainer's virtual environment."""
    bin_dir = str(Path(sys.executable).parent)
    return {
        **project.env,
        "PATH": bin_dir + os.pathsep + project.env.get("PATH", ""),
        "NO_MKDOCS_2_WARNING": "1",  # Material's end-of-life banner
    }


@dataclass
class Built:
    project: Project
    output: str
    english: dict[str, site_check.Page]
    locales: dict[str, dict[str, site_check.Page]]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, models_dir: Path) -> Built:
    """The site translated and built in every locale once; never changed."""
    project = make_project(tmp_path_factory.mktemp("mkdocs"), models_dir)
    root = project.root
    shutil.rmtree(root / "content")
    (root / "locpipe.toml").unlink()
    shutil.copytree(SITE, root, dirs_exist_ok=True)
    blocks = page_blocks()
    # The page's configuration as written, with the test models' settings.
    (root / "locpipe.toml").write_text(
        blocks["# locpipe.toml, next to mkdocs.yml"] + "threads = 1\nbeam_size = 1\n",
        encoding="utf-8",
    )
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("\n" + blocks["# mkdocs.yml: Material's language menu (optional)"])
    (root / ".gitignore").write_text(blocks["# .gitignore"], encoding="utf-8")
    done = subprocess.run(
        ["bash", "-e", "-c", blocks["sh"]],
        cwd=root,
        env=mkdocs_env(project),
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return Built(
        project,
        done.stdout + done.stderr,
        site_check.read_site(root / "site"),
        {locale: site_check.read_site(root / "site" / locale) for locale in LOCALES},
    )


def test_the_site_is_a_real_material_site() -> None:
    pages = sorted((SITE / "docs").rglob("*.md"))
    text = "\n".join(p.read_text(encoding="utf-8") for p in pages)
    assert len(pages) >= 20
    assert 'name: "material"' in (SITE / "mkdocs.yml").read_text(encoding="utf-8")
    for marker in ("\n!!! ", "\n??? ", '\n=== "', "    ::: starlette."):
        assert marker in text, marker
    assert (SITE / "LICENSE.md").is_file()


def test_every_build_is_strict_and_silent(built: Built) -> None:
    # `mkdocs build --strict` fails on any warning; none is printed either.
    assert "WARNING" not in built.output
    assert built.output.count("Documentation built in") == 1 + len(LOCALES)


@pytest.mark.parametrize("locale", LOCALES)
def test_every_block_survives(built: Built, locale: str) -> None:
    english = site_check.totals(built.english)
    assert {"admonition", "details", "tab set", "tab", "code block", "api object"} <= set(english)
    assert site_check.totals(built.locales[locale]) == english
    assert sorted(built.locales[locale]) == sorted(built.english)


@pytest.mark.parametrize("locale", LOCALES)
def test_every_english_link_and_anchor_resolves(built: Built, locale: str) -> None:
    root = built.project.root / "site" / locale
    pages = built.locales[locale]
    assert site_check.broken(pages, root, built.english) == []
    assert site_check.broken(pages, root, pages) == []
    anchored = sum(1 for p in built.english.values() for link in p.links if "#" in link)
    assert anchored > 100  # the check has something to check


@pytest.mark.parametrize(
    ("locale", "script"),
    [("ko", "[\uac00-\ud7af]"), ("zh_CN", "[\u4e00-\u9fff]"), ("en_XA", "⟦")],
)
def test_pages_and_nav_are_translated(built: Built, locale: str, script: str) -> None:
    root = built.project.root / "site" / locale
    page = (root / "middleware" / "index.html").read_text(encoding="utf-8")
    nav = re.findall(r'<span class="md-ellipsis">\s*(.*?)\s*</span>', page, re.DOTALL)
    assert sum(bool(re.search(script, title)) for title in nav) >= 20
    body = page[page.index('<article class="md-content__inner') :]
    assert len(re.findall(script, body)) > 100
    assert f'<html lang="{ {"zh_CN": "zh", "en_XA": "en"}.get(locale, locale) }"' in page


def test_the_gitignore_leaves_only_sources_and_catalogues(built: Built) -> None:
    root = built.project.root
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    done = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    tops = {line[3:].split("/")[0] for line in done.stdout.splitlines()}
    assert tops == {
        ".gitignore",
        "LICENSE.md",
        "README.md",
        "docs",
        "locales",
        "locpipe.toml",
        "mkdocs.yml",
        "src",
    }


def test_a_deleted_page_leaves_the_published_site(tmp_path: Path) -> None:
    """Remove a page from docs/ and nav: build/<locale> and site/<locale>
    lose it, a file of the user's own in build/ stays."""
    project = make_project(tmp_path, tmp_path / "packages")
    root = project.root
    shutil.rmtree(root / "content")
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Home\n\nSee [the guide](guide.md#setup).\n")
    (root / "docs" / "guide.md").write_text("# Guide\n\n## Setup\n\nInstall it first.\n")
    (root / "docs" / "logo.svg").write_text("<svg/>\n")
    nav = "nav:\n  - Home: index.md\n  - The guide: guide.md\n"
    config = "site_name: Tiny\ntheme: material\nmarkdown_extensions:\n  - attr_list\n"
    (root / "mkdocs.yml").write_text(config + nav)
    (root / "locpipe.toml").write_text(
        'locales = ["en_XA"]\nsources = ["docs/**/*.md"]\nmkdocs = "mkdocs.yml"\n'
    )
    env = mkdocs_env(project)

    def publish() -> None:
        for command in (["locpipe", "translate"], ["mkdocs", "build", "--strict"]):
            subprocess.run(command, cwd=root, env=env, check=True, capture_output=True)
        subprocess.run(
            ["mkdocs", "build", "--strict", "-f", "build/en_XA/mkdocs.yml"],
            cwd=root,
            env=env,
            check=True,
            capture_output=True,
        )

    publish()
    built = root / "build" / "en_XA"
    assert (built / "docs" / "guide.md").is_file()
    assert "{#setup}" in (built / "docs" / "guide.md").read_text(encoding="utf-8")
    assert (root / "site" / "en_XA" / "guide" / "index.html").is_file()
    (built / "notes.txt").write_text("mine\n")
    (root / "docs" / "logo.svg").write_text("<svg><g/></svg>\n")  # an image changes
    (root / "docs" / "guide.md").unlink()
    (root / "docs" / "index.md").write_text("# Home\n\nWelcome.\n")
    (root / "mkdocs.yml").write_text(config + "nav:\n  - Home: index.md\n")
    publish()
    assert not (built / "docs" / "guide.md").exists()
    assert not (root / "site" / "en_XA" / "guide").exists()
    assert (built / "docs" / "index.md").is_file()
    assert (built / "docs" / "logo.svg").read_text() == "<svg><g/></svg>\n"
    assert (built / "notes.txt").read_text() == "mine\n"
    # Only an image changes: no page to translate, but the copy follows.
    (root / "docs" / "logo.svg").write_text("<svg><path/></svg>\n")
    subprocess.run(["locpipe", "translate"], cwd=root, env=env, check=True, capture_output=True)
    assert (built / "docs" / "logo.svg").read_text() == "<svg><path/></svg>\n"

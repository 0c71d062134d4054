"""Domains follow paths: relative to the pattern's base folder, without suffix."""

from __future__ import annotations

from pathlib import Path

import pytest

from locpipe.config import Config
from locpipe.documents.sources import app_templates, base_folder, discover
from locpipe.errors import ConfigError
from locpipe.layout import Paths


@pytest.mark.parametrize(
    ("pattern", "base"),
    [
        ("content/**/*.md", "content"),
        ("content/*.txt", "content"),
        ("docs/guide/index.md", "docs/guide"),
        ("*.md", ""),
        ("README.md", ""),
        ("_build/gettext/**/*.pot", "_build/gettext"),
        ("docs/sec[12]/*.md", "docs"),
        ("docs/a?c/*.md", "docs"),
    ],
)
def test_base_folder(pattern: str, base: str) -> None:
    assert base_folder(pattern) == base


def _tree(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"# {name}\n\nSome text.\n", encoding="utf-8")


def test_nested_documents_get_nested_domains(tmp_path: Path) -> None:
    _tree(tmp_path, "docs/index.md", "docs/guide/index.md", "docs/api/index.md", "docs/a.b.md")
    config = Config(root=tmp_path, sources=("docs/**/*.md",))
    found = {s.relpath: s.domain for s in discover(config)}
    assert found == {
        "docs/index.md": "index",
        "docs/guide/index.md": "guide/index",
        "docs/api/index.md": "api/index",
        "docs/a.b.md": "a.b",
    }


def test_flat_project_keeps_its_names(tmp_path: Path) -> None:
    _tree(tmp_path, "content/news.txt", "content/about.md")
    found = {s.domain for s in discover(Config(root=tmp_path))}
    assert found == {"news", "about"}


def test_same_domain_from_two_patterns_is_an_error(tmp_path: Path) -> None:
    _tree(tmp_path, "a/guide/index.md", "b/guide/index.md")
    config = Config(root=tmp_path, sources=("a/**/*.md", "b/**/*.md"))
    with pytest.raises(ConfigError, match="guide/index"):
        discover(config)


def test_a_configured_pattern_that_matches_nothing_is_an_error(tmp_path: Path) -> None:
    _tree(tmp_path, "docs/index.md")
    config = Config(root=tmp_path, sources=("docs/**/*.md", "docs/**/*.rst"))
    with pytest.raises(ConfigError, match=r"'docs/\*\*/\*\.rst' matches no file"):
        discover(config)


def test_default_patterns_need_only_match_between_them(tmp_path: Path) -> None:
    _tree(tmp_path, "content/only.md")
    assert [s.domain for s in discover(Config(root=tmp_path))] == ["only"]
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ConfigError, match="match no file"):
        discover(Config(root=empty))


def test_templates_over_a_nested_tree_keep_nested_names(tmp_path: Path) -> None:
    for name in ("index.pot", "guide/install.pot", "api/index.pot"):
        path = tmp_path / "_build" / "gettext" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
    config = Config(root=tmp_path, sources=(), templates=("_build/gettext/**/*.pot",))
    assert sorted(app_templates(config)) == ["api/index", "guide/install", "index"]


def test_catalogues_on_disk_are_listed_recursively(tmp_path: Path) -> None:
    paths = Paths(tmp_path / "locales", tmp_path / "build")
    for name in ("index.po", "guide/index.po", "guide/deep/page.po"):
        path = tmp_path / "locales" / "ko" / "LC_MESSAGES" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("", encoding="utf-8")
    domains = [paths.domain(locale, po) for locale, po in paths.catalogs(["ko"])]
    assert sorted(domains) == ["guide/deep/page", "guide/index", "index"]
    assert paths.catalog("ko", "guide/index") == (
        tmp_path / "locales" / "ko" / "LC_MESSAGES" / "guide" / "index.po"
    )
    assert paths.template("guide/index") == tmp_path / "locales" / "guide" / "index.pot"


def test_a_source_outside_the_project_is_an_error(tmp_path: Path) -> None:
    _tree(tmp_path, "elsewhere/page.md", "proj/content/a.md")
    config = Config(root=tmp_path / "proj", sources=("content/*.md", "../elsewhere/*.md"))
    with pytest.raises(ConfigError, match="outside the project folder"):
        discover(config)

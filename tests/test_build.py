"""Issue 3: `locpipe build` rebuilds documents with the structure of their source."""

from __future__ import annotations

import shutil

import pytest
from markdown_it import MarkdownIt

from locpipe.documents.segment import segment
from locpipe.formats.pofile import read_po
from tests.conftest import REPO, SAMPLE, Project

GUIDE = REPO / "tests" / "data" / "segment" / "guide.md"


def _tokens(text: str, *, inline: bool) -> list[tuple[str, str, int]]:
    md = MarkdownIt("commonmark").enable("table")
    found = []
    for token in md.parse(text):
        found.append((token.type, token.tag, token.nesting))
        if inline and token.children:
            found.extend((c.type, c.tag, c.nesting) for c in token.children if c.type != "text")
    return found


def _code(text: str) -> list[str]:
    md = MarkdownIt("commonmark").enable("table")
    return [t.content for t in md.parse(text) if t.type in ("fence", "code_block", "html_block")]


def _lookup(project: Project, locale: str, domain: str) -> dict[str, str]:
    po = project.root / "locales" / locale / "LC_MESSAGES" / f"{domain}.po"
    return {m.msgid: m.msgstr for m in read_po(po).active()}


@pytest.mark.parametrize(("locale", "joiner"), [("ko", " "), ("zh_CN", "")])
def test_sample_article_is_rebuilt_line_by_line(
    translated: Project, locale: str, joiner: str
) -> None:
    source = SAMPLE.read_text(encoding="utf-8")
    built = (translated.root / "build" / locale / "content" / SAMPLE.name).read_text("utf-8")
    lookup = _lookup(translated, locale, SAMPLE.stem)
    segments = segment(source, "text")
    expected_lines = []
    for number, _ in enumerate(source.splitlines(), start=1):
        expected_lines.append(joiner.join(lookup[s.text] for s in segments if s.line == number))
    assert built.splitlines() == expected_lines
    assert built.endswith("\n") == source.endswith("\n")


def _markdown_project(project: Project, locales: str) -> Project:
    (project.root / "content" / SAMPLE.name).unlink()
    shutil.copy(GUIDE, project.root / "content" / "guide.md")
    (project.root / "locpipe.toml").write_text(
        f'locales = {locales}\nsources = ["content/*.md"]\nthreads = 1\n', encoding="utf-8"
    )
    return project


@pytest.mark.parametrize("locale", ["ko", "zh_CN"])
def test_markdown_keeps_its_block_structure_and_code(
    project_with_models: Project, locale: str
) -> None:
    project = _markdown_project(project_with_models, '["ko", "zh_CN"]')
    project.run("translate", check=True)
    source = GUIDE.read_text(encoding="utf-8")
    built = (project.root / "build" / locale / "content" / "guide.md").read_text("utf-8")
    assert built != source
    assert _tokens(built, inline=False) == _tokens(source, inline=False)
    assert _code(built) == _code(source)
    for block in _code(source):
        assert block in built
    assert built.startswith(source[: source.index("---", 3) + 4]), "front matter untouched"


def test_markdown_inline_markup_survives_a_markup_preserving_engine(project: Project) -> None:
    project = _markdown_project(project, '["en_XA"]')
    project.run("translate", check=True)
    source = GUIDE.read_text(encoding="utf-8")
    built = (project.root / "build" / "en_XA" / "content" / "guide.md").read_text("utf-8")
    assert "Ŕéáð" in built or "ŕéáð" in built
    markup = ("link_open", "code_inline", "strong_open", "em_open", "hardbreak")
    source_markup = [t for t in _tokens(source, inline=True) if t[0] in markup]
    assert len(source_markup) >= 5
    assert [t for t in _tokens(built, inline=True) if t[0] in markup] == source_markup
    assert _tokens(built, inline=False) == _tokens(source, inline=False)
    assert "https://example.com/docs/v1.2/index.html." in built
    assert "`pip install locpipe. --upgrade`" in built


def test_keep_skips_documents_below_the_threshold(translated: Project) -> None:
    shutil.rmtree(translated.root / "build")
    translated.run("build", "--reviewed-only", "--keep", "50", check=True)
    assert not (translated.root / "build").exists()
    translated.run("build", "--keep", "50", check=True)
    assert (translated.root / "build" / "ko" / "content" / SAMPLE.name).is_file()


def test_untranslated_segments_fall_back_to_the_source(project: Project) -> None:
    project.run("update", check=True)
    project.run("build", check=True)
    built = project.root / "build" / "ko" / "content" / SAMPLE.name
    assert built.read_bytes() == SAMPLE.read_bytes()


def test_build_output_is_not_rewritten_when_unchanged(translated: Project) -> None:
    target = translated.root / "build" / "ko" / "content" / SAMPLE.name
    before = target.stat().st_mtime_ns
    translated.run("build", check=True)
    assert target.stat().st_mtime_ns == before

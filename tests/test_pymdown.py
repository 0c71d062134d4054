"""Python-Markdown and pymdown-extensions blocks (MkDocs sites): what is
segmented, what is masked, the heading ids a translated page keeps, and the
reST spacing every shipped entry gets."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import polib
import pytest

from locpipe.documents import mkdocs
from locpipe.documents.build import rebuild
from locpipe.documents.segment import BlockKind, markdown_headings, segment
from locpipe.placeholders import mask, separate_rst
from tests.conftest import REPO, Project

SITE = REPO / "tests" / "data" / "mkdocs" / "starlette"

# (id, Markdown source, expected segment texts)
CASES = [
    (
        "admonition",
        '!!! warning "Be careful"\n    This method modifies the environment.\n\nAfter it.\n',
        ["Be careful", "This method modifies the environment.", "After it."],
    ),
    (
        "collapsible-without-title",
        "???+ note\n    - First item.\n    - Second item.\n",
        ["First item.", "Second item."],
    ),
    (
        "tabs",
        '=== "Python"\n\n    ```python\n    print("hi")\n    ```\n\n    Some prose.\n\n'
        '=== "Shell"\n\n    Other prose.\n',
        ["Python", "Some prose.", "Shell", "Other prose."],
    ),
    (
        "api-block-in-collapsible",  # Starlette's applications.md
        '??? abstract "API Reference"\n    ::: starlette.applications.Starlette\n'
        "        options:\n            show_root_heading: true\n            filters:\n"
        '                - "__init__"\n\nStarlette includes an application class.\n',
        ["API Reference", "Starlette includes an application class."],
    ),
    (
        "mkdocs-click",
        "::: mkdocs-click\n    :module: app.cli\n    :command: main\n    :prog_name: app\n",
        [],
    ),
    (
        "snippets",
        '--8<-- "includes/abbreviations.md"\n\nText.\n\n--8<--\nfirst.md\nsecond.md\n--8<--\n',
        ["Text."],
    ),
    (
        "abbreviation",
        "The HTML spec.\n\n*[HTML]: Hyper Text Markup Language\n",
        ["The HTML spec.", "Hyper Text Markup Language"],
    ),
    (
        "footnote",
        "A claim.[^1]\n\n[^1]: The source of it.\n    More on it.\n",
        ["A claim.[^1]", "The source of it.", "More on it."],
    ),
    (
        "definition-list",
        "Apple\n:   A red fruit.\n\n    It grows on trees.\n\nOrange\n:   A citrus.\n",
        ["Apple", "A red fruit.", "It grows on trees.", "Orange", "A citrus."],
    ),
    ("heading-attributes", "## Install it {#install}\n\nText.\n", ["Install it", "Text."]),
    ("heading-class", "# Title {: .big }\n", ["Title"]),
    (
        "admonition-in-fence-is-code",
        '```md\n!!! note "Title"\n    Body.\n```\n\nProse.\n',
        ["Prose."],
    ),
    (
        "nested-admonitions",
        '!!! note "Outer"\n    Outer text.\n\n    !!! tip "Inner"\n        Inner text.\n',
        ["Outer", "Outer text.", "Inner", "Inner text."],
    ),
    (
        "admonition-in-list",
        "1. Step one.\n\n    !!! note\n        Mind the step.\n\n2. Step two.\n",
        ["Step one.", "Mind the step.", "Step two."],
    ),
    ("icon-only", ":material-check:\n\nReal text :smile:.\n", ["Real text :smile:."]),
    (
        "custom-blocks",  # markdown-customblocks, as bump-my-version's home page uses them
        "::: grid wide-gap\n    ::: card-content\n        ::: card-content-title\n"
        "            Work in a build system.\n        It works with automation.\n\n"
        "::: note\n    A note body.\n",
        ["Work in a build system.", "It works with automation.", "A note body."],
    ),
    (
        "api-block-without-dot",
        "::: bumpversion\n    options:\n      show_root_heading: true\n\nText.\n",
        ["Text."],
    ),
    ("include-markdown", '{% include-markdown "../CHANGELOG.md" %}\n\nText.\n', ["Text."]),
    ("literate-nav-glob", "- [Start](start.md)\n- *.md\n", ["[Start](start.md)"]),
]


@pytest.mark.parametrize(("source", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_blocks(source: str, expected: list[str]) -> None:
    segments = segment(source, "markdown")
    assert [s.text for s in segments] == expected
    for s in segments:  # each one a real slice of the source
        assert " ".join(source[s.start : s.end].split()) == " ".join(s.text.split())


def test_titles_and_labels_are_labels() -> None:
    segments = segment('!!! note "A title"\n    Body.\n\n=== "Tab"\n    Text.\n', "markdown")
    assert [s.kind for s in segments] == [
        BlockKind.LABEL,
        BlockKind.PARAGRAPH,
        BlockKind.LABEL,
        BlockKind.PARAGRAPH,
    ]


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Go [there](x.md){ .md-button } now.", ["[", "](x.md){ .md-button }"]),
        ('A note {: .note #top data-x="1" } here.', ['{: .note #top data-x="1" }']),
        ("Icons :octicons-heart-16: and :+1: at 10:30:45.", [":octicons-heart-16:", ":+1:"]),
        (
            "Press <kbd>Ctrl</kbd> and run <code>make all</code>.",
            ["<kbd>Ctrl</kbd>", "<code>make all</code>"],
        ),
        (
            "Use :meth:`app.logger <flask.Flask.logger>` here.",
            [":meth:`app.logger <flask.Flask.logger>`"],
        ),
        ("Read :doc:`the guide <guide>` first.", [":doc:`", " <guide>`"]),
        ("A {name} placeholder and {0}.", ["{name}", "{0}"]),
        ('{% include-markdown "../README.md" %}', ['{% include-markdown "../README.md" %}']),
    ],
    ids=[
        "attr-after-link",
        "block-attrs",
        "shortcodes",
        "html-code",
        "code-role-title",
        "doc-role-title-translated",
        "braces-are-not-attr-lists",
        "jinja-tag",
    ],
)
def test_masked(text: str, tokens: list[str]) -> None:
    assert list(mask(text).tokens) == tokens


def _python_markdown_ids(text: str) -> list[str]:
    """The heading ids Python-Markdown gives a page, as MkDocs renders it
    (front matter taken off first)."""
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.DOTALL)
    md = markdown.Markdown(
        extensions=[
            "toc",
            "attr_list",
            "admonition",
            "tables",
            "footnotes",
            "pymdownx.details",
            "pymdownx.superfences",
            "pymdownx.tabbed",
        ],
    )
    html = md.convert(text)
    return re.findall(r"<h[1-6][^>]* id=\"([^\"]+)\"", html)


def _site() -> mkdocs.Site:
    return mkdocs.load_site(SITE, "mkdocs.yml")


@pytest.mark.parametrize("page", sorted(p.name for p in (SITE / "docs").glob("*.md")))
def test_a_fully_translated_page_keeps_every_heading_id(page: str) -> None:
    """Every segment replaced: the rebuilt page's ids, as Python-Markdown
    renders it, are the English page's."""
    text = (SITE / "docs" / page).read_text(encoding="utf-8")
    segments = segment(text, "markdown")
    lookup = {s.text: f"번역 {i}" for i, s in enumerate(segments)}
    rebuilt = rebuild(text, segments, lookup, "ko", mkdocs.anchors(text, _site())).text
    assert _python_markdown_ids(rebuilt) == _python_markdown_ids(text)
    assert len(markdown_headings(text)) == len(_python_markdown_ids(text))


@pytest.mark.parametrize(
    ("source", "english_ids"),
    [
        ("## Usage\n\n## Usage\n\n## Usage_1\n", ["usage", "usage_1", "usage_2"]),
        ("## The `Request` class\n\n## Žluťoučký kůň\n", ["the-request-class", "zlutoucky-kun"]),
        ("## [Werkzeug][wz] and *more*\n\n[wz]: https://x.org\n", ["werkzeug-and-more"]),
        ("## Kept {#kept}\n\n## Styled {: .wide }\n\n## Closed ##\n", ["kept", "styled", "closed"]),
    ],
    ids=["duplicates", "code-and-accents", "reference-and-emphasis", "attrs-and-closing"],
)
def test_ids_match_python_markdown(source: str, english_ids: list[str]) -> None:
    assert _python_markdown_ids(source) == english_ids
    segments = segment(source, "markdown")
    lookup = {s.text: "제목" for s in segments}
    rebuilt = rebuild(source, segments, lookup, "ko", mkdocs.anchors(source, _site())).text
    assert _python_markdown_ids(rebuilt) == english_ids


def test_an_untranslated_heading_gets_no_id_written() -> None:
    source = "## Usage\n\nText.\n"
    segments = segment(source, "markdown")
    rebuilt = rebuild(source, segments, {"Text.": "본문."}, "ko", mkdocs.anchors(source, _site()))
    assert rebuilt.text == "## Usage\n\n본문.\n"


def test_the_site_slugify_is_the_one_toc_names(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: X\nmarkdown_extensions:\n  - attr_list\n  - toc:\n      slugify: "
        "!!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}\n"
    )
    site = mkdocs.load_site(tmp_path, "mkdocs.yml")
    assert site.slugify("Über Café", "-") == "über-café"
    found = mkdocs.anchors("## Über Café\n", site)
    assert [a.text for a in found] == [" {#über-café}"]


def test_a_site_without_attr_list_is_refused(tmp_path: Path, project: Project) -> None:
    root = project.root
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Home\n")
    (root / "mkdocs.yml").write_text("site_name: X\nmarkdown_extensions:\n  - admonition\n")
    (root / "locpipe.toml").write_text(
        'locales = ["en_XA"]\nsources = ["docs/*.md"]\nmkdocs = "mkdocs.yml"\n'
    )
    done = project.run("translate")
    assert done.returncode == 2
    assert "mkdocs.yml" in done.stderr and "attr_list" in done.stderr


def test_chinese_keeps_the_space_of_latin_sentences() -> None:
    source = "First one. Second one. Third one.\n"
    segments = segment(source, "markdown")
    both = rebuild(source, segments, {"First one.": "第一。", "Second one.": "第二。"}, "zh_CN")
    assert both.text == "第一。第二。 Third one.\n"
    markup = "Say **it again.** Commands follow.\n"
    segments = segment(markup, "markdown")
    kept = rebuild(markup, segments, {"Commands follow.": "命令如下。"}, "zh_CN")
    assert kept.text == "Say **it again.** 命令如下。\n"


def test_pseudo_markers_go_inside_markup_that_wraps_the_whole_text() -> None:
    from locpipe.mt.pseudo import pseudo_localise

    assert pseudo_localise("[Start](start.md)") == "[⟦Šţáŕţ⟧](start.md)"
    assert pseudo_localise("**Note**") == "**⟦Ñöţé⟧**"
    assert pseudo_localise("**Note** it.").startswith("⟦**Ñöţé**")


def test_the_locale_config_points_back_at_what_is_not_copied(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: X\nsite_url: https://x.org/docs/\ntheme:\n  name: material\n"
        "  custom_dir: overrides\nhooks: [hooks/nav.py]\nmarkdown_extensions: [attr_list]\n"
        "plugins:\n  - search\n  - git-revision-date-localized\n"
        "  - gen-files:\n      scripts: [docs/gen.py]\n"
        "  - mkdocstrings:\n      handlers:\n        python:\n          paths: [src]\n"
        "nav:\n  - Home: index.md\n  - Guide:\n    - Setup: guide/setup.md\n"
    )
    site = mkdocs.load_site(tmp_path, "mkdocs.yml")
    text = mkdocs.locale_config(
        site, {"Guide": "안내"}, "zh_CN", "en_XA", tmp_path / "build", tmp_path
    )
    import yaml

    child = yaml.safe_load(text)
    assert child["INHERIT"] == "../../mkdocs.yml"
    assert child["docs_dir"] == "docs" and child["site_dir"] == "../../site/zh_CN"
    assert child["site_url"] == "https://x.org/docs/zh_CN/"
    assert child["theme"] == {"language": "zh", "custom_dir": "../../overrides"}
    assert child["hooks"] == ["../../hooks/nav.py"]
    plugins = {next(iter(p)) if isinstance(p, dict) else p: p for p in child["plugins"]}
    assert plugins["git-revision-date-localized"] == {
        "git-revision-date-localized": {"enabled": False}
    }
    assert plugins["gen-files"] == {"gen-files": {"scripts": ["../../docs/gen.py"]}}
    paths = plugins["mkdocstrings"]["mkdocstrings"]["handlers"]["python"]["paths"]
    assert paths == ["../../src"]
    assert child["nav"] == [{"Home": "index.md"}, {"안내": [{"Setup": "guide/setup.md"}]}]
    segments = mkdocs.nav_segments((tmp_path / "mkdocs.yml").read_text())
    assert [s.text for s in segments] == ["Home", "Guide", "Setup"]


def test_include_markdown_paths_follow_the_page(tmp_path: Path) -> None:
    (tmp_path / "docs" / "guide").mkdir(parents=True)
    (tmp_path / "mkdocs.yml").write_text("site_name: X\nmarkdown_extensions: [attr_list]\n")
    site = mkdocs.load_site(tmp_path, "mkdocs.yml")
    page = tmp_path / "docs" / "guide" / "changes.md"
    text = '{% include-markdown "../../CHANGELOG.md" %}\n{% include "part.md" %}\n'
    moved = mkdocs.relinked(text, page, tmp_path / "build" / "ko" / "docs" / "guide" / "x.md", site)
    assert moved == '{% include-markdown "../../../../CHANGELOG.md" %}\n{% include "part.md" %}\n'


def test_pseudo_markers_form_no_markdown() -> None:
    from locpipe.mt.pseudo import pseudo_localise

    source = "See [the API][api] and `code`."
    out = pseudo_localise(source)
    assert out.startswith("⟦") and out.endswith("⟧")
    assert (out.count("["), out.count("]")) == (source.count("["), source.count("]"))


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        (
            "See :doc:`installation` first.",
            ":doc:`installation`을 보세요.",
            ":doc:`installation`\\ 을 보세요.",
        ),
        ("Run ``pip`` now.", "``pip``를 실행하세요.", "``pip``\\ 를 실행하세요."),
        ("Run ``pip`` now.", "``pip``\\ 를 실행하세요.", "``pip``\\ 를 실행하세요."),
        ("See ``x``y as is.", "``x``y 그대로.", "``x``y 그대로."),
    ],
    ids=["role-and-particle", "literal-and-particle", "already-spaced", "source-meant-it"],
)
def test_separate_rst(source: str, target: str, expected: str) -> None:
    assert separate_rst(source, target) == expected


def test_reviewed_rest_entries_ship_spaced_and_check_reports_them(project: Project) -> None:
    root = project.root
    (root / "docs.pot").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#: ../../index.rst:3\nmsgid "See :doc:`installation` first."\nmsgstr ""\n'
    )
    (root / "locpipe.toml").write_text('locales = ["ko"]\nsources = []\ntemplates = ["docs.pot"]\n')
    project.run("update", check=True)
    po_path = root / "locales" / "ko" / "LC_MESSAGES" / "docs.po"
    po = polib.pofile(str(po_path))
    po[0].msgstr = ":doc:`installation`을 먼저 보세요."
    po.save()
    project.run("compile", check=True)
    mo = polib.mofile(str(po_path.with_suffix(".mo")))
    assert [e.msgstr for e in mo] == [":doc:`installation`\\ 을 먼저 보세요."]
    done = project.run("check")
    assert "rst-spacing" in done.stdout and "warning" in done.stdout

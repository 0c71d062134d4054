"""Issue 2: the main job end to end through the real `locpipe` command."""

from __future__ import annotations

import gettext
import json
import subprocess
import sys
from pathlib import Path

import pytest

from locpipe.catalog import State, state
from locpipe.documents.segment import segment
from locpipe.formats.pofile import read_po
from tests.conftest import SAMPLE, Project

DOMAIN = SAMPLE.stem
LOCALES = ("ko", "zh_CN")


def _sample_sentences() -> list[str]:
    seen: dict[str, None] = {}
    for seg in segment(SAMPLE.read_text(encoding="utf-8"), "text"):
        seen.setdefault(seg.text, None)
    return list(seen)


def _po(project: Project, locale: str) -> Path:
    return project.locales / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def test_one_machine_entry_per_sentence(translated: Project) -> None:
    sentences = _sample_sentences()
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    assert lines[0] in sentences, "the title line is a segment of its own"
    assert lines[-1] in sentences, "the closing 'Read More »' line is a segment of its own"
    assert not any(s.endswith("U.S.") for s in sentences), "U.S. does not end a sentence"
    for locale in LOCALES:
        catalog = read_po(_po(translated, locale))
        assert [m.msgid for m in catalog.active()] == sentences
        for message in catalog.active():
            assert message.msgstr, message.msgid
            assert message.fuzzy
            assert any(c.startswith("mt: argos ") for c in message.translator_comments)
            assert state(message) is State.MACHINE
        assert catalog.header_field("Language") == locale
        assert catalog.header_field("Plural-Forms") == "nplurals=1; plural=0;"


def test_every_file_passes_msgfmt_check(translated: Project) -> None:
    files = sorted(translated.locales.rglob("*.po")) + sorted(translated.locales.rglob("*.pot"))
    assert len(files) == 3
    for path in files:
        done = subprocess.run(
            ["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr


def test_python_gettext_loads_the_result(translated: Project) -> None:
    sentence = _sample_sentences()[1]
    for locale in LOCALES:
        expected = next(
            m.msgstr for m in read_po(_po(translated, locale)).active() if m.msgid == sentence
        )
        translation = gettext.translation(DOMAIN, str(translated.locales), [locale])
        assert translation.gettext(sentence) == expected


def test_second_run_changes_nothing(translated: Project) -> None:
    before = translated.snapshot()
    done = translated.run("translate", check=True)
    assert translated.snapshot() == before
    assert "0 file(s) written" in done.stdout


def test_missing_model_is_exit_2_and_touches_nothing(project: Project) -> None:
    before = project.snapshot()
    done = project.run("translate")
    assert done.returncode == 2
    assert "locpipe models install translate-en_ko" in done.stderr
    assert "locale ko" in done.stderr
    assert project.snapshot() == before
    assert not project.locales.exists()


def test_reviewed_only_compiles_no_machine_entry(translated: Project) -> None:
    translated.run("compile", "--reviewed-only", check=True)
    sentence = _sample_sentences()[1]
    translation = gettext.translation(DOMAIN, str(translated.locales), ["ko"])
    assert translation.gettext(sentence) == sentence


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["translate"],
        ["update"],
        ["extract"],
        ["mt"],
        ["check"],
        ["compile"],
        ["status"],
        ["build"],
        ["segment"],
        ["models"],
        ["models", "list"],
        ["models", "install"],
        ["models", "remove"],
    ],
    ids=lambda a: " ".join(a) or "top",
)
def test_help(project: Project, args: list[str]) -> None:
    done = project.run(*args, "--help", check=True)
    assert done.stdout.startswith("usage: locpipe")


def test_run_never_imports_heavy_modules(project_with_models: Project) -> None:
    project = project_with_models
    script = (
        "import sys, json\n"
        "from locpipe.cli import main\n"
        "code = main(['translate', '--quiet'])\n"
        "names = ('argostranslate.translate', 'torch', 'spacy', 'stanza')\n"
        "heavy = [m for m in names if m in sys.modules]\n"
        "print(json.dumps({'code': code, 'heavy': heavy}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=project.root,
        env=project.env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result == {"code": 0, "heavy": []}, done.stderr
    assert _po(project, "ko").is_file()


def test_a_deleted_mo_is_compiled_again(translated: Project) -> None:
    mo = _po(translated, "ko").with_suffix(".mo")
    expected = mo.read_bytes()
    mo.unlink()
    done = translated.run("translate", check=True)
    assert mo.read_bytes() == expected
    assert "1 file(s) written" in done.stdout


def test_a_changed_option_is_not_answered_from_the_last_run(translated: Project) -> None:
    mo = _po(translated, "ko").with_suffix(".mo")
    with_machine = mo.read_bytes()
    translated.run("translate", "--reviewed-only", check=True)
    assert mo.read_bytes() != with_machine
    translated.run("translate", check=True)
    assert mo.read_bytes() == with_machine


def test_a_segment_too_long_for_mt_stays_untranslated(project_with_models: Project) -> None:
    project = project_with_models
    sentence = "The committee discussed " + ", ".join(f"item {i}" for i in range(400)) + "."
    assert len(sentence) > 2000
    (project.root / "content" / "long.txt").write_text(sentence + "\n", encoding="utf-8")
    done = project.run("translate", check=True)
    assert "1 segment(s) of ko are longer than 2000 characters" in done.stderr
    entry = next(m for m in read_po(project.locales / "ko" / "LC_MESSAGES" / "long.po").active())
    assert entry.msgid == sentence and entry.msgstr == ""


def test_written_files_are_what_msgcat_writes(translated: Project) -> None:
    files = sorted(translated.locales.rglob("*.po")) + sorted(translated.locales.rglob("*.pot"))
    for path in files:
        done = subprocess.run(["msgcat", str(path)], capture_output=True, check=True)
        assert done.stdout == path.read_bytes(), path


def test_installing_missing_models_skips_the_pseudo_locale(project: Project) -> None:
    (project.root / "locpipe.toml").write_text(
        'locales = ["en_XA"]\nsources = ["content/*.txt"]\n', encoding="utf-8"
    )
    done = project.run("models", "install", "--missing")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""

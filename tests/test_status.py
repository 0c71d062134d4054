"""`locpipe status`: the table, --json and --fail-under, through the real CLI."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from locpipe.catalog import State, state
from locpipe.formats.pofile import read_po, write_po
from locpipe.model import Catalog
from locpipe.status import characters, source_words
from tests.conftest import SAMPLE, Project

DOMAIN = SAMPLE.stem
ROW_KEYS = {
    "locale",
    "domain",
    "path",
    "total",
    "reviewed",
    "machine",
    "fuzzy",
    "untranslated",
    "obsolete",
    "percent_reviewed",
    "source_words",
    "reviewed_words",
    "percent_reviewed_words",
    "translated_chars",
    "reviewed_chars",
    "orphan",
}


def po(project: Project, locale: str) -> Path:
    return project.locales / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def review_first(project: Project, locale: str, count: int) -> Catalog:
    """Accept the first `count` machine translations as they are."""
    path = po(project, locale)
    cat = read_po(path)
    messages = tuple(m.replace(flags=()) if i < count else m for i, m in enumerate(cat.messages))
    write_po(path, Catalog(cat.header, messages))
    return read_po(path)


def status_json(project: Project, *args: str) -> dict[str, list[dict[str, object]]]:
    done = project.run("status", "--json", *args, check=True)
    document: dict[str, list[dict[str, object]]] = json.loads(done.stdout)
    return document


def test_word_and_character_measures() -> None:
    assert source_words("Xi Jinping met Lee Jae-myung — again »") == 6
    assert source_words("It grew 3.5% in 2024.") == 5
    assert characters("양국 관계는 안정적이다.") == 11
    assert characters("中国 和 韩国\n") == 5


def test_table_after_translate(translated: Project) -> None:
    done = translated.run("status", check=True)
    lines = done.stdout.split("\n\n")[0].splitlines()  # the table, before the MT triage
    assert lines[0].split() == [
        "locale",
        "domain",
        "reviewed",
        "machine",
        "fuzzy",
        "untranslated",
        "obsolete",
        "%reviewed",
        "src",
        "words",
        "chars",
    ]
    for locale, line in zip(("ko", "zh_CN"), lines[1:], strict=True):
        cat = read_po(po(translated, locale))
        words = sum(source_words(m.msgid) for m in cat.active())
        chars = sum(characters(m.msgstr) for m in cat.active())
        entries = len(cat.active())
        assert line.split() == [
            locale,
            DOMAIN,
            "0",
            str(entries),
            "0",
            "0",
            "0",
            "0.0",
            str(words),
            str(chars),
        ]


def test_json_counts_follow_review(translated: Project) -> None:
    cat = review_first(translated, "ko", 5)
    document = status_json(translated)
    assert document["version"] == 1
    rows = {(r["locale"], r["domain"]): r for r in document["catalogues"]}
    assert set(rows) == {("ko", DOMAIN), ("zh_CN", DOMAIN)}
    ko = rows["ko", DOMAIN]
    assert set(ko) == ROW_KEYS
    reviewed = [m for m in cat.active() if state(m) is State.REVIEWED]
    assert len(reviewed) == 5
    assert ko["path"] == f"locales/ko/LC_MESSAGES/{DOMAIN}.po"
    assert (ko["reviewed"], ko["machine"], ko["total"]) == (5, len(cat.active()) - 5, 21)
    assert ko["percent_reviewed"] == round(100 * 5 / 21, 2)
    assert ko["reviewed_words"] == sum(source_words(m.msgid) for m in reviewed)
    assert ko["reviewed_chars"] == sum(characters(m.msgstr) for m in reviewed)
    assert ko["translated_chars"] == sum(characters(m.msgstr) for m in cat.active())
    totals = {r["locale"]: r for r in document["locales"]}
    assert totals["ko"]["domain"] is None and totals["ko"]["reviewed"] == 5
    assert totals["zh_CN"]["reviewed"] == 0


def test_fail_under(translated: Project) -> None:
    assert translated.run("status", "--fail-under", "0").returncode == 0
    done = translated.run("status", "--fail-under", "50")
    assert done.returncode == 1
    assert "ko: 0.0% reviewed (0 of 21 entries), below 50%" in done.stderr
    assert "zh_CN: 0.0% reviewed" in done.stderr
    assert "ko" in done.stdout, "the table is still printed"
    review_first(translated, "ko", 21)
    done = translated.run("status", "--json", "--fail-under", "50")
    assert done.returncode == 1
    assert "ko:" not in done.stderr and "zh_CN: 0.0% reviewed" in done.stderr
    assert json.loads(done.stdout)["locales"][0]["percent_reviewed"] == 100.0
    review_first(translated, "zh_CN", 21)
    assert translated.run("status", "--fail-under", "100").returncode == 0


def test_no_catalogues_yet(project: Project) -> None:
    done = project.run("status", check=True)
    # run as `python -m locpipe`, the hint names that (tests/test_install.py)
    run = f"run: {Path(sys.executable).as_posix()} -m locpipe update)"
    assert f"no catalogues yet ({run}" in done.stdout
    failed = project.run("status", "--fail-under", "0")
    assert failed.returncode == 1
    assert f"ko: no catalogue found ({run}" in failed.stderr
    document = status_json(project)
    assert document["catalogues"] == []
    assert [r["total"] for r in document["locales"]] == [0, 0]


def test_help_documents_the_options(project: Project) -> None:
    done = project.run("status", "--help", check=True)
    assert "--json" in done.stdout and "--fail-under PCT" in done.stdout
    overview = project.run("--help", check=True).stdout
    assert "share reviewed" in overview and "option_strings" not in overview

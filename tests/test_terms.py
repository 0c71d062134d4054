"""Terminology: glossary and do-not-translate matching, masking in MT, bad files, check."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from locpipe.catalog import State, state
from locpipe.errors import LocpipeError
from locpipe.formats.pofile import read_po, write_po
from locpipe.model import Catalog
from locpipe.placeholders import mask, unmask
from locpipe.terms import (
    Glossary,
    GlossaryError,
    Term,
    mask_terms,
    parse_do_not_translate,
    parse_glossary,
    restore_terms,
)
from tests.conftest import SAMPLE, Project

GLOSSARY = Glossary.of(
    [
        Term("pull request", "풀 리퀘스트"),
        Term("request", "요청"),
        Term("file", "파일"),
        Term("Go", "Go 언어"),
        Term("C++", "씨플플"),
        Term("GitHub", None),
        Term("Lee Jae-myung", None),
    ]
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Open a pull request.", ["pull request"]),
        ("The request failed.", ["request"]),
        ("Requests failed.", []),  # whole words only
        ("File saved; the file is open.", ["File", "file"]),  # lower-case term: any case
        ("FILE", ["FILE"]),
        ("Written in Go.", ["Go"]),
        ("We go home.", []),  # a capitalised term matches only as written
        ("GitHub and Git", ["GitHub"]),
        ("github", []),
        ("Gitter and GitHubs", []),
        ("C++ and C++17", ["C++"]),
        ("pull\n  request", ["pull\n  request"]),  # any whitespace between words
        ("Lee Jae-myung’s victory", ["Lee Jae-myung"]),
        ("profile_file", []),  # `_` joins words
        ("Open file.txt, a file-based src/file.", []),  # compounds
        ("Save the file. File: file, (file) “file”", ["file", "File", "file", "file", "file"]),
    ],
)
def test_matching_is_whole_word_and_case_aware(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e, _ in GLOSSARY.find(text)] == expected


def echo(masked_text: str) -> str:
    """An engine that keeps every sentinel where it was."""
    return f"번역: {masked_text}"


def test_terms_come_back_as_targets_and_dnt_verbatim() -> None:
    source = "Open a pull request on GitHub for %(file)s, then see https://x.org/file."
    masked = mask_terms(mask(source, ("python-format",)), GLOSSARY)
    assert "GitHub" not in masked.text and "pull request" not in masked.text
    assert "https://x.org/file" not in masked.text  # inside a URL: already masked
    with_terms, placed = restore_terms(echo(masked.text), masked)
    text, problems = unmask(with_terms, masked.base)
    assert (placed, problems) == ([], [])
    assert text == "번역: Open a 풀 리퀘스트 on GitHub for %(file)s, then see https://x.org/file."


def test_terms_next_to_markup_are_found() -> None:
    source = '<a href="https://github.com/">GitHub</a> and <b>file</b>%s'
    masked = mask_terms(mask(source), GLOSSARY)
    assert "GitHub" not in masked.text and "file" not in masked.text
    with_terms, placed = restore_terms(masked.text, masked)
    assert unmask(with_terms, masked.base) == (
        '<a href="https://github.com/">GitHub</a> and <b>파일</b>%s',
        [],
    )
    assert placed == []


def test_lost_term_is_put_back_by_position_and_reported() -> None:
    masked = mask_terms(mask("Save the file to GitHub now"), GLOSSARY)
    translated = re.sub(r"ZX\d+Z", "", "지금 ZX0Z 저장 ZX1Z 하세요")
    text, placed = restore_terms(translated, masked)
    assert "파일" in text and "GitHub" in text
    assert sorted(placed) == ["term GitHub placed by position", "term 파일 placed by position"]
    # No spaces (Chinese): inserted between characters, never inside a sentinel.
    masked = mask_terms(mask("Save the %s file"), GLOSSARY)
    text, placed = restore_terms("保存ZX0Z", masked)
    assert "파일" in text and "ZX0Z" in text


def write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "ko.csv"
    path.write_bytes(data)
    return path


def test_glossary_csv_is_read() -> None:
    data = '\ufeffsource,target,note\nfile,파일,noun\n"Save, then quit",저장 후 종료,\n'.encode()
    terms = parse_glossary(data, Path("ko.csv"))
    assert terms == (Term("file", "파일", "noun"), Term("Save, then quit", "저장 후 종료", ""))
    assert parse_glossary(b"Source,Target\nfile,x\n", Path("g.csv")) == (Term("file", "x"),)
    dnt = parse_do_not_translate(b"# names\nGitHub\n\n locpipe \n", Path("dnt.txt"))
    assert dnt == (Term("GitHub", None), Term("locpipe", None))


@pytest.mark.parametrize(
    ("data", "line", "words"),
    [
        (b"term,translation\nfile,x\n", 1, "header row"),
        (b"source,target,note\nfile,x,y\nopen,x\n", 3, "expected 3 columns"),
        (b"source,target\nfile,x,extra\n", 2, "expected 2 columns"),
        (b"source,target\n,x\n", 2, "empty source term"),
        (b"source,target\nfile, \n", 2, "empty target term"),
        (b"source,target\nfile,x\nopen,\xff\xfe\n", 3, "not valid UTF-8"),
        (b"source,target\nfile,x\nfile,y\n", 3, "two targets"),
        (b"", 1, "empty"),
    ],
    ids=[
        "header",
        "short-row",
        "long-row",
        "empty-source",
        "empty-target",
        "utf8",
        "twice",
        "no-rows",
    ],
)
def test_bad_glossary_names_the_line(data: bytes, line: int, words: str) -> None:
    with pytest.raises(GlossaryError) as caught:
        parse_glossary(data, Path("terms/ko.csv"))
    error = caught.value
    assert isinstance(error, LocpipeError) and error.exit_code == 2
    assert (error.file, error.line) == ("terms/ko.csv", line)
    assert words in error.message
    assert error.fix


# -- through the CLI -----------------------------------------------------------

KO_TERMS = "source,target,note\nChina,중국,\nSouth Korea,한국,country\n"
ZH_TERMS = "source,target\nChina,中国\nSouth Korea,韩国\n"
DNT = ["Lee Jae-myung", "Xi Jinping"]


def with_terminology(project: Project, locales: str = '["ko", "zh_CN"]') -> None:
    (project.root / "terms").mkdir()
    (project.root / "terms" / "ko.csv").write_text(KO_TERMS, "utf-8")
    (project.root / "terms" / "zh_CN.csv").write_text(ZH_TERMS, "utf-8")
    (project.root / "terms" / "dnt.txt").write_text("\n".join(DNT) + "\n", "utf-8")
    (project.root / "locpipe.toml").write_text(
        f'locales = {locales}\nsources = ["content/*.txt"]\nthreads = 1\nbeam_size = 1\n'
        'do_not_translate = "terms/dnt.txt"\n'
        'glossary = {ko = "terms/ko.csv", zh_CN = "terms/zh_CN.csv"}\n',
        "utf-8",
    )


def words(term: str, text: str) -> int:
    """How often `term` stands as a whole word in `text`."""
    return len(re.findall(rf"(?<!\w){re.escape(term)}(?!\w)", text))


def machine_entries(project: Project, locale: str) -> list[tuple[str, str]]:
    cat = read_po(project.locales / locale / "LC_MESSAGES" / f"{SAMPLE.stem}.po")
    return [(m.msgid, m.msgstr) for m in cat.active() if state(m) is State.MACHINE]


def test_test_models_follow_glossary_and_dnt(project_with_models: Project) -> None:
    project = project_with_models
    with_terminology(project)
    project.run("mt", check=True)
    targets = {"ko": {"China": "중국", "South Korea": "한국"}, "zh_CN": {"China": "中国"}}
    targets["zh_CN"]["South Korea"] = "韩国"
    for locale, glossary in targets.items():
        entries = machine_entries(project, locale)
        assert entries
        checked = 0
        for msgid, msgstr in entries:
            for term, target in glossary.items():
                found = words(term, msgid)
                assert msgstr.count(target) >= found, (msgid, msgstr)
                checked += found
            for term in DNT:
                assert msgstr.count(term) >= msgid.count(term), (msgid, msgstr)
                checked += msgid.count(term)
        assert checked > 20


def test_pseudo_engine_keeps_dnt_verbatim_and_glossary_targets(project: Project) -> None:
    with_terminology(project, '["ko", "en_XA"]')
    config = project.root / "locpipe.toml"
    text = config.read_text("utf-8")
    config.write_text(
        text.replace(text[text.index("glossary") :], 'glossary = {en_XA = "terms/ko.csv"}\n'),
        "utf-8",
    )
    project.run("translate", "--engine", "pseudo", check=True)
    entries = machine_entries(project, "en_XA")
    assert entries
    for msgid, msgstr in entries:
        for term in DNT:
            assert msgstr.count(term) == msgid.count(term), (msgid, msgstr)
        assert msgstr.count("중국") == words("China", msgid)
        assert words("China", msgstr) == 0
        assert msgstr.count("한국") == words("South Korea", msgid)
        # Words around the terms are still pseudo-translated.
        assert not any(w in msgstr for w in (" and ", " the ", " of "))


def test_bad_glossary_stops_the_run_before_any_write(project_with_models: Project) -> None:
    project = project_with_models
    with_terminology(project)
    (project.root / "terms" / "zh_CN.csv").write_text(
        "source,target\nChina,中国\nSouth Korea\n", "utf-8"
    )
    before = project.snapshot()
    done = project.run("translate")
    assert done.returncode == 2
    assert "terms/zh_CN.csv:3: expected 2 columns" in done.stderr
    assert "fix:" in done.stderr
    assert project.snapshot() == before


def test_check_reports_reviewed_entry_that_ignores_glossary(translated: Project) -> None:
    with_terminology(translated)
    path = translated.locales / "ko" / "LC_MESSAGES" / f"{SAMPLE.stem}.po"
    cat = read_po(path)
    with_china = [m for m in cat.active() if "China" in m.msgid and "South Korea" not in m.msgid]
    ignoring, following = with_china[0], with_china[1]
    edits = {
        ignoring.msgid: ignoring.replace(msgstr="한 나라의 이야기", flags=()),
        following.msgid: following.replace(msgstr="중국의 이야기", flags=()),
    }
    write_po(path, Catalog(cat.header, tuple(edits.get(m.msgid, m) for m in cat.messages)))
    lines = {m.msgid: m.lineno for m in read_po(path).active()}
    done = translated.run("check", "--json")
    found = [p for p in json.loads(done.stdout) if p["check"] == "glossary"]
    assert [(p["file"], p["line"], p["severity"]) for p in found] == [
        (path.relative_to(translated.root).as_posix(), lines[ignoring.msgid], "warning")
    ]
    assert "'중국'" in found[0]["message"]


@pytest.mark.parametrize(
    ("setting", "words"),
    [
        ('glossary = {ja = "terms/ja.csv"}', "names no configured locale"),
        ("glossary = {ko = 3}", "glossary must be a table of locale = CSV path"),
        ('glossary = "terms/ko.csv"', "glossary must be a table"),
        ('do_not_translate = ["GitHub", ""]', "empty term"),
        ("do_not_translate = [1]", "do_not_translate must be a list of terms"),
        ('glossary = {ko = "terms/missing.csv"}', "cannot read the glossary"),
    ],
)
def test_bad_terminology_settings(project_with_models: Project, setting: str, words: str) -> None:
    project = project_with_models
    config = project.root / "locpipe.toml"
    config.write_text(config.read_text("utf-8") + setting + "\n", "utf-8")
    before = project.snapshot()
    done = project.run("translate")
    assert done.returncode == 2, done.stderr
    assert words in done.stderr
    assert "locpipe.toml:5:" in done.stderr or "terms/missing.csv" in done.stderr
    assert project.snapshot() == before


def test_check_covers_dnt_and_plurals_and_skips_unreviewed() -> None:
    from locpipe.model import Message
    from locpipe.terms import check_catalog

    entries = (
        Message("Push to GitHub", msgstr="깃허브에 푸시", lineno=3),  # DNT changed
        Message("Push to GitHub", msgctxt="ok", msgstr="GitHub에 푸시", lineno=6),
        Message("One file", msgid_plural="%d files", msgstr_plural=("%d개",), lineno=9),
        Message("Open the file", msgstr="열기", flags=("fuzzy",), lineno=12),  # not reviewed
        Message("Open the file", msgctxt="b", msgstr="", lineno=15),  # untranslated
    )
    problems = check_catalog(Catalog(Message(""), entries), "ko.po", GLOSSARY)
    assert [(p.line, p.check) for p in problems] == [(3, "glossary"), (9, "glossary")]
    assert "do-not-translate term 'GitHub'" in problems[0].message
    assert "'파일'" in problems[1].message
    assert check_catalog(Catalog(Message(""), entries), "ko.po", Glossary()) == []

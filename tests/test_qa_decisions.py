"""What issue 21 added to `locpipe check`: key catalogues checked against
their English text, localised URLs, string.Template placeholders, severity
by harm, model control tokens, and the ways a team keeps a decided finding."""

from __future__ import annotations

import gettext
import json
import shutil
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pytest

from locpipe import pipeline
from locpipe.config import load_config
from locpipe.formats.pofile import parse_po, read_po
from locpipe.placeholders import format_placeholders, mask, unmask
from locpipe.qa import check_catalog
from locpipe.qa.findings import NO_OPTIONS, Options, Problem, finding_id
from locpipe.qa.urls import same_but_locale
from tests.test_check_files import _run
from tests.test_layouts import _app

MAILMAN = Path(__file__).parent / "data" / "qa" / "real" / "mailman" / "messages"
HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: ko\\n"\n\n'


def _check(po_text: str, locale: str = "ko", options: Options = NO_OPTIONS) -> list[Problem]:
    catalog = parse_po((HEADER + po_text).encode(), "x.po")
    return check_catalog(catalog, "x.po", locale, options)


def _found(problems: list[Problem]) -> list[tuple[str, str]]:
    return [(p.check, p.severity) for p in problems]


# -- key catalogues ------------------------------------------------------------


def _mailman(tmp_path: Path, *, english: bool) -> Path:
    for locale in ("ko", "en") if english else ("ko",):
        folder = tmp_path / "messages" / locale / "LC_MESSAGES"
        folder.mkdir(parents=True)
        shutil.copy(MAILMAN / locale / "LC_MESSAGES" / "mailman.po", folder)
    return tmp_path / "messages" / "ko" / "LC_MESSAGES" / "mailman.po"


def test_key_entries_are_checked_against_the_english_catalogue(tmp_path: Path) -> None:
    ko = _mailman(tmp_path, english=True)
    done = _run(tmp_path, "check", "--json", str(ko))
    found = json.loads(done.stdout)
    keyed = [p for p in found if p["check"] == "placeholders" and ".txt" in _msgid(ko, p["line"])]
    # Two templates drop ${token}: the confirmation cannot be done. Nothing else.
    assert {_msgid(ko, p["line"]) for p in keyed if p["severity"] == "error"} == {
        "list:user:action:subscribe.txt",
        "list:user:action:unsubscribe.txt",
    }
    assert all("lost ${token}" in p["message"] for p in keyed if p["severity"] == "error")
    assert not [p for p in found if p["check"] == "source"]


def test_without_the_english_catalogue_keys_are_skipped_and_it_says_so_once(
    tmp_path: Path,
) -> None:
    ko = _mailman(tmp_path, english=False)
    found = json.loads(_run(tmp_path, "check", "--json", str(ko)).stdout)
    source = [p for p in found if p["check"] == "source"]
    assert len(source) == 1 and source[0]["severity"] == "info"
    assert ".txt'" in source[0]["message"] and "--source-catalogue" in source[0]["message"]
    assert not [
        p
        for p in found
        if ".txt" in _msgid(ko, p["line"]) and p["check"] not in ("source", "untranslated")
    ]
    # --source-catalogue names it from anywhere.
    english = tmp_path / "english.po"
    shutil.copy(MAILMAN / "en" / "LC_MESSAGES" / "mailman.po", english)
    again = json.loads(
        _run(tmp_path, "check", "--json", "--source-catalogue", str(english), str(ko)).stdout
    )
    assert not [p for p in again if p["check"] == "source"]
    assert any("lost ${token}" in p["message"] for p in again)


def _msgid(po: Path, line: int) -> str:
    return next(m.msgid for m in read_po(po).active() if m.lineno == line)


def test_a_missing_source_catalogue_is_a_clear_error(tmp_path: Path) -> None:
    ko = _mailman(tmp_path, english=False)
    done = _run(tmp_path, "check", "--source-catalogue", "nowhere.po", str(ko))
    assert done.returncode == 2
    assert "nowhere.po" in done.stderr and "--source-catalogue" in done.stderr


# -- placeholders, URLs, numbers, severity -------------------------------------------


@pytest.mark.parametrize(
    ("msgid", "msgstr", "expected"),
    [
        # string.Template: `$name` and `${name}` are one placeholder
        ("Hello $member of ${listname}", "${member}님, $listname", []),
        ("Hello $member", "안녕하세요 member", [("placeholders", "error")]),
        ("Welcome to ${listname}", "환영합니다 {listname}", [("placeholders", "error")]),
        ("Costs $5 in $HOME", "$HOME에서 5달러", []),
        # '{}' → '{}: {}' raises IndexError; '{}' → '{0}' formats alike
        ("Invalid alias email: {}", "잘못된 별칭: {}: {}", [("placeholders", "error")]),
        ("Unsupported state: {}", "지원하지 않는 상태: {0}", []),
        # a locale-aware URL is the translated page
        (
            "See https://developer.mozilla.org/en-US/docs/Web/HTML for more details",
            "자세한 내용은 https://developer.mozilla.org/ko/docs/Web/HTML 참조",
            [],
        ),
        (
            "See https://developer.mozilla.org/en-US/docs/Web/HTML for more details",
            "자세한 내용은 https://developer.mozilla.org/ko/docs/Web/CSS 참조",
            [("urls", "error")],
        ),
        # "1" as a Korean number word
        ("Attach to 1 active instance only.", "활성화된 인스턴스 하나에만 연결합니다.", []),
        # AngularJS expressions: the string literal inside is translated
        ("{$ 'No items.' $}", "{$ '항목이 없습니다.' $}", []),
        ("{$ ctrl.max + 1 $} characters", "{$ ctrl.Max + 1 $}자", [("placeholders", "error")]),
        # a team keeps UI terms in English: info, not a warning
        ("Fixed IPs", "Fixed IP", [("identical", "info")]),
        ("Flavor", "Flavor", [("identical", "info")]),
        # control tokens of a model, in any text
        ("Open the file.", "파일 <unk> 을 엽니다.", [("tokens", "error")]),
        ("Open the file.", "파일을 ⁇ 엽니다.", [("tokens", "error")]),
        # a bracketed text is words: no "about 0 characters' worth"
        ("[No bounce details are available]", "[바운스 세부 정보가 없습니다]", []),
    ],
)
def test_checks(msgid: str, msgstr: str, expected: list[tuple[str, str]]) -> None:
    quoted = [json.dumps(text, ensure_ascii=False) for text in (msgid, msgstr)]
    text = f"msgid {quoted[0]}\nmsgstr {quoted[1]}\n"
    assert _found(_check(text)) == expected


def test_a_fuzzy_carry_over_is_only_told_as_it_does_not_ship() -> None:
    text = '#, fuzzy\nmsgid "Removed ${listspec}"\nmsgstr "제거된 목록"\n'
    [problem] = _check(text)
    assert (problem.check, problem.severity) == ("placeholders", "info")
    assert problem.message.endswith("(fuzzy: not shipped)")


def test_template_placeholders_are_masked_and_restored() -> None:
    source = "Hi ${member}, welcome to $listname (costs $5)"
    masked = mask(source)
    assert "${member}" not in masked.text and "$listname" not in masked.text
    assert "$5" in masked.text
    restored, problems = unmask(masked.text.replace("Hi", "안녕"), masked)
    assert problems == [] and "${member}" in restored and "$listname" in restored
    assert format_placeholders(source) == Counter({"${member}": 1, "${listname}": 1})
    assert format_placeholders("Pay $$5", ("python-template-format",)) == Counter()


@pytest.mark.parametrize(
    ("source", "target", "language", "same"),
    [
        (
            "https://docs.djangoproject.com/en/5.2/",
            "https://docs.djangoproject.com/ko/5.2/",
            "ko",
            True,
        ),
        ("https://x.org/search?hl=en&q=a", "https://x.org/search?hl=zh-CN&q=a", "zh", True),
        ("https://en.wikipedia.org/wiki/A", "https://ko.wikipedia.org/wiki/A", "ko", True),
        ("https://x.org/en/docs", "https://x.org/docs", "ko", True),
        ("https://x.org/en/docs", "https://x.org/ja/docs", "ko", False),
        ("https://x.org/en/docs", "https://y.org/ko/docs", "ko", False),
        ("https://x.org/v1/docs", "https://x.org/v2/docs", "ko", False),
    ],
)
def test_localised_urls(source: str, target: str, language: str, same: bool) -> None:
    assert same_but_locale(source, target, language) is same


# -- decisions and ids ---------------------------------------------------------


ENTRIES = (
    'msgid "Open the door, please."\nmsgstr "Open the door, please."\n\n'
    '# check: ignore=placeholders\nmsgid "Hello %(name)s"\nmsgstr "안녕하세요"\n\n'
    'msgid "Bye %(name)s"\nmsgstr "안녕히"\n'
)


def test_ignore_comments_and_options_keep_decided_findings_out() -> None:
    found = _check(ENTRIES)
    assert _found(found) == [("identical", "info"), ("placeholders", "error")]
    bye = found[1]
    assert _check(ENTRIES, options=Options(allowed=frozenset({bye.id}))) == found[:1]
    assert _found(_check(ENTRIES, options=Options(disabled=frozenset({"identical"})))) == [
        ("placeholders", "error")
    ]
    allowed = Options(identical_allowed=frozenset({"Open the door, please."}))
    assert _found(_check(ENTRIES, options=allowed)) == [("placeholders", "error")]


def test_finding_ids_are_stable_across_line_moves_and_files() -> None:
    before = _check(ENTRIES)
    moved = _check('msgid "New entry"\nmsgstr "새 항목"\n\n' + ENTRIES)
    assert [p.line for p in before] != [p.line for p in moved]
    assert [p.id for p in before] == [p.id for p in moved]
    assert len({p.id for p in before}) == len(before)
    message = parse_po((HEADER + ENTRIES).encode(), "x.po").active()[2]
    # the measure in parentheses is detail: the id holds when it changes
    assert finding_id("length", message, "too long (about 9 for 3)") == finding_id(
        "length", message, "too long (about 12 for 3)"
    )


def test_config_keys_reach_project_check(tmp_path: Path) -> None:
    project = _app(
        tmp_path, tmp_path / "packages", 'locales = ["ko"]\ncheck_disable = ["nosuch"]\n'
    )
    done = project.run("check")
    assert done.returncode == 2 and "check_disable names no check: nosuch" in done.stderr
    assert "locpipe.toml" in done.stderr


# -- model control tokens never ship -----------------------------------------------


class _Unknown:
    """A test model that writes SentencePiece's unknown piece into every text."""

    engine_id = "unk test 1"

    def translate(self, texts: Sequence[str]) -> list[str]:
        return [text + " ⁇ <unk>" for text in texts]


class _Engines:
    def check(self, locale: str) -> None:
        pass

    def load(self, locale: str) -> _Unknown:
        return _Unknown()


def test_control_tokens_in_machine_output_are_warned_and_never_ship(tmp_path: Path) -> None:
    project = _app(tmp_path, tmp_path / "packages", 'locales = ["ko"]\n')
    pipeline.translate(load_config(project.root), _Engines())
    po_path = project.locales / "ko" / "LC_MESSAGES" / "app.po"
    machine = [m for m in read_po(po_path).active() if m.msgid and m.translated]
    assert machine
    for m in machine:
        assert any(c.startswith("mt-warning: ") and "⁇" in c for c in m.translator_comments)
    project.run("compile", check=True)
    mo = gettext.GNUTranslations((project.locales / "ko" / "LC_MESSAGES" / "app.mo").open("rb"))
    assert all(mo.gettext(m.msgid) == m.msgid for m in machine if m.msgid_plural is None)
    # A reviewer clears fuzzy but leaves the token: check errs, and it still ships nowhere.
    po_path.write_text(
        po_path.read_text(encoding="utf-8").replace("#, fuzzy\n", "").replace("#, fuzzy, ", "#, "),
        encoding="utf-8",
    )
    done = project.run("check", "--json")
    assert done.returncode == 1
    assert any(p["check"] == "tokens" for p in json.loads(done.stdout))
    project.run("compile", check=True)
    mo = gettext.GNUTranslations((project.locales / "ko" / "LC_MESSAGES" / "app.mo").open("rb"))
    assert all(mo.gettext(m.msgid) == m.msgid for m in machine if m.msgid_plural is None)

"""QA checks: seeded defects are found with file:line, correct CJK text is not flagged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from locpipe.formats.pofile import parse_po
from locpipe.model import Catalog, Message
from locpipe.qa import CHECKS, Problem, check_catalog, format_problems, problems_to_json

DATA = Path(__file__).parent / "data" / "qa"
HEADER = Message(msgid="", msgstr="Language: ko\nPlural-Forms: nplurals=1; plural=0;\n")


def _load(name: str) -> tuple[Catalog, str]:
    path = DATA / name
    return parse_po(path.read_bytes(), str(path)), str(path)


def _check(
    msgid: str, msgstr: str, locale: str = "ko", flags: tuple[str, ...] = ()
) -> list[tuple[str, str, str]]:
    message = Message(msgid=msgid, msgstr=msgstr, flags=flags, lineno=7)
    problems = check_catalog(Catalog(header=HEADER, messages=(message,)), "x.po", locale)
    assert all(p.file == "x.po" and p.line == 7 for p in problems)
    return [(p.check, p.severity, p.message) for p in problems]


def test_seeded_defects_are_reported_with_file_and_line() -> None:
    catalog, path = _load("defects.ko.po")
    lines = {m.msgid: m.lineno for m in catalog.messages}
    problems = check_catalog(catalog, path, "ko")
    got = [(p.line, p.check, p.severity, p.message) for p in problems]
    assert got == [
        (
            lines["Hello %(user_name)s, you have %(count)d new messages."],
            "placeholders",
            "error",
            "lost %(user_name)s",
        ),
        (
            lines["Diplomatic relations were established 33 years ago."],
            "numbers",
            "error",
            "numbers differ: 33 missing, 34 added",
        ),
        (
            lines["Read the full report at https://example.com/korea-china today."],
            "urls",
            "error",
            "lost https://example.com/korea-china, added https://example.org/korea-china",
        ),
        (
            lines["Both sides agreed to strengthen exchanges."],
            "untranslated",
            "warning",
            "not translated",
        ),
        (
            lines["They highlighted the importance of bilateral cooperation."],
            "repetition",
            "error",
            "“협력” repeated 6 times in a row",
        ),
        (lines["%d file was removed."], "placeholders", "error", "msgstr[0]: lost %d"),
    ]
    assert all(p.file == path for p in problems)
    # The line is where the entry starts in the file.
    text = (DATA / "defects.ko.po").read_text(encoding="utf-8").splitlines()
    assert text[problems[0].line - 1] == "#, python-format"


@pytest.mark.parametrize(
    ("name", "locale"),
    [("clean.zh_CN.po", "zh_CN"), ("clean.ko.po", "ko")],
    ids=["zh_CN", "ko"],
)
def test_clean_cjk_catalogue_reports_nothing(name: str, locale: str) -> None:
    catalog, path = _load(name)
    assert len(catalog.active()) >= 10
    assert check_catalog(catalog, path, locale) == []


@pytest.mark.parametrize(
    ("msgid", "msgstr", "locale", "flags", "expected"),
    [
        (
            "Hello {name}, you have {0} messages",
            "안녕하세요 {name}, 메시지 {0}{0}개",
            "ko",
            (),
            [("placeholders", "warning", "duplicated {0}")],
        ),
        (
            "Delete this file?",
            "%s 파일을 삭제할까요?",
            "ko",
            ("c-format",),
            [("placeholders", "error", "added %s")],
        ),
        (
            "Hello %(user_name)s",
            "안녕하세요 %(user name)s",
            "ko",
            (),
            [("placeholders", "error", "lost %(user_name)s")],
        ),
        (
            "Click <b>Save</b> now",
            "지금 저장을 클릭하세요",
            "ko",
            (),
            [("markup", "warning", "lost <b>, lost </b>")],
        ),
        (
            "Press &lt;Enter&gt; to go on",
            "엔터를 눌러 계속하세요",
            "ko",
            (),
            [("markup", "warning", "lost &lt;, lost &gt;")],
        ),
        (
            "Write to press@example.com please",
            "press@example.org로 연락하세요",
            "ko",
            (),
            [("urls", "error", "lost press@example.com, added press@example.org")],
        ),
        (
            "It cost 1,000 dollars",
            "费用为1001美元",
            "zh_CN",
            (),
            [("numbers", "error", "numbers differ: 1,000 missing, 1001 added")],
        ),
        (
            "Relations between the two countries",
            "Relations between the two countries",
            "ko",
            (),
            [("identical", "info", "translation is identical to the source")],
        ),
        (
            "Relations between the two countries",
            "Relations between two countries",
            "ko",
            (),
            [("script", "warning", "no Hangul in a Korean translation")],
        ),
        (
            "Relations between the two countries",
            "两国之间的关系",
            "ko",
            (),
            [("script", "warning", "no Hangul in a Korean translation")],
        ),
        (
            "Relations between the two countries",
            "两国关系 관계",
            "zh_CN",
            (),
            [("script", "error", "Hangul in a Chinese translation")],
        ),
        (
            "Relations between the two countries",
            "两国之间的关系的的的的的的的的",
            "zh_CN",
            (),
            [("repetition", "error", "“的” repeated 8 times in a row")],
        ),
        (
            "Relations between the two countries",
            "两国关系关系关系",
            "zh_CN",
            (),
            [("repetition", "warning", "“关系” repeated 3 times in a row")],
        ),
        (
            "The Chinese leader emphasized that the two countries are close neighbors.",
            "中国",
            "zh_CN",
            (),
            [
                (
                    "length",
                    "warning",
                    "translation looks too short (about 6 characters' worth for 63)",
                )
            ],
        ),
        (
            'View <a href="%(PST_url)s">the notes</a>',
            '<a href="https://example.com/notes">메모</a> 보기',
            "ko",
            ("python-format",),
            [
                ("placeholders", "error", "lost %(PST_url)s"),
                ("urls", "error", "added https://example.com/notes"),
            ],
        ),
        (
            "put <code>%(code)s</code> in your template",
            "템플릿에 <코드>%(code)s</코드> 를 입력하세요",
            "ko",
            (),
            [("markup", "error", "lost <code>, lost </code>")],
        ),
        (
            "Sorry, no documents match <em>%(q)s</em>",
            "죄송합니다. %(q)s에 해당하는 문서가 없습니다",
            "ko",
            (),
            [("markup", "warning", "lost <em>, lost </em>")],
        ),
        (
            'Why not <a href="%(url)s">add one</a>?',
            '지금 <a href="%(url)s">추가해 보시는 건 어떨까요?',
            "ko",
            (),
            [("markup", "error", "lost </a>")],
        ),
        (
            "Deleted %s of %s files",
            "已删除 %s 个文件 %s %s",
            "zh_CN",
            ("c-format",),
            [("placeholders", "error", "duplicated %s")],
        ),
        (
            "Released on 5 March 2026.",
            "于2026年3月6日发布。",
            "zh_Hans",
            (),
            [("numbers", "error", "numbers differ: 5 missing, 6 added")],
        ),
        (
            " in %(repo)s",
            "%(repo)s 저장소의 ",
            "zh_CN",
            (),
            [("script", "error", "Hangul in a Chinese translation")],
        ),
        (
            'The first parameter: "1" shows the top level.',
            '첫 번째 매개변수: "2"를 지정하면 최상위 수준만 표시합니다.',
            "ko",
            (),
            [("numbers", "error", "numbers differ: 1 missing, 2 added")],
        ),
        (
            "Delete all files",
            "全部刪除檔案",
            "zh_CN",
            (),
            [("script", "warning", "not Simplified Chinese: 刪檔")],
        ),
        (
            "No results found.",
            "未找到结果。",
            "zh_Hant",
            (),
            [("script", "warning", "not Traditional Chinese: 结")],
        ),
        (
            "Wait 20 minutes",
            "等十分钟",
            "zh_CN",
            (),
            [("numbers", "error", "numbers differ: 20 missing")],
        ),
        (
            "Relations between the two countries",
            "兩國之間的關係 관계",
            "zh_TW",
            (),
            [("script", "error", "Hangul in a Chinese translation")],
        ),
        (
            "Relations between the two countries",
            "Relations between 2 countries",
            "ko_KR",
            (),
            [("script", "warning", "no Hangul in a Korean translation")],
        ),
        (
            "\nHello there\n",
            "안녕하세요",
            "ko",
            (),
            [
                (
                    "whitespace",
                    "error",
                    "msgid and msgstr do not both begin with \\n, "
                    "msgid and msgstr do not both end with \\n",
                ),
            ],
        ),
        (
            "Name: ",
            "이름:",
            "ko",
            (),
            [("whitespace", "warning", "trailing whitespace ' ' became ''")],
        ),
    ],
    ids=[
        "duplicated-brace",
        "added-printf-flagged",
        "underscore-mangled",
        "lost-tags",
        "lost-entity",
        "changed-email",
        "changed-number",
        "identical",
        "latin-in-korean",
        "chinese-in-korean",
        "hangul-in-chinese",
        "repeated-character",
        "repeated-word-three-times",
        "too-short-chinese",
        "placeholder-in-attribute-hard-coded",
        "tag-name-translated",
        "emphasis-pair-lost",
        "closing-tag-lost",
        "positional-duplicated",
        "changed-day-in-cjk-date",
        "hangul-in-chinese-short-source",
        "spelled-ordinal-does-not-cover-a-changed-digit",
        "traditional-in-simplified",
        "simplified-in-traditional",
        "chinese-numeral-differs",
        "hangul-in-traditional-chinese",
        "latin-in-ko-kr",
        "newline-edges",
        "dropped-trailing-space-korean",
    ],
)
def test_checks_flag(
    msgid: str,
    msgstr: str,
    locale: str,
    flags: tuple[str, ...],
    expected: list[tuple[str, str, str]],
) -> None:
    assert _check(msgid, msgstr, locale, flags) == expected


@pytest.mark.parametrize(
    ("msgid", "msgstr", "locale"),
    [
        ("over 33 years of relations", "建交33年来", "zh_CN"),
        ("It cost 1,000 USD.", "费用为１０００ＵＳＤ。", "zh_CN"),
        ("Trade reached $328.08 billion.", "贸易额达到3280.8亿美元。", "zh_CN"),
        ("Trade reached $328.08 billion.", "교역액은 3280.8억 달러에 달했다.", "ko"),
        ("Over 10,000 people came.", "超过1万人来了。", "zh_CN"),
        ("The two countries agreed.", "两国同意了。", "zh_CN"),
        ("The two countries agreed on it.", "2개국이 합의했다.", "ko"),
        ("Step 1 of the plan", "计划的第一步", "zh_CN"),
        ("Name: ", "名称：", "zh_CN"),
        ("(optional)", "（可选）", "zh_CN"),
        ("Note: see “Settings” (2025).", "注意：见「设置」（２０２５）。", "zh_CN"),
        ("Wait... what?!", "等等……什么？！", "zh_CN"),
        ("Exports, imports and tourism", "出口、进口和旅游", "zh_CN"),
        ("Read https://example.com/a.", "阅读（https://example.com/a）。", "zh_CN"),
        ("GitHub", "GitHub", "ko"),
        ("%s", "%s", "ko"),
        ("Hello %(name)s", "%(name)s님, 안녕하세요", "ko"),
        ("Delete %s?", "%s을(를) 삭제할까요?", "ko"),
        ("Very very very good", "非常非常非常好", "zh_CN"),
        ("January", "1월", "ko_KR"),
        ("Sept.", "9月", "zh_Hans"),
        ("Monday, March 5", "3월 5일 월요일", "ko"),
        ("Released on 5 March 2026.", "于2026年3月5日发布。", "zh_CN"),
        ("Released on 5 March 2026.", "2026년 3월 5일 출시.", "ko"),
        ("a second", "1초", "ko"),
        ("one minute", "1分钟", "zh_CN"),
        ("third parties", "제3자", "ko"),
        ("Decimal number", "10진수", "ko"),
        ("Decimal number", "十进制数", "zh_CN"),
        ("%(value)s sextillion", "%(value)s 10의 21제곱", "ko"),
        ("%(value)s decillion", "%(value)s 1000的11次方", "zh_CN"),
        ("0 of %(cnt)s selected", "%(cnt)s 중 아무것도 선택되지 않았습니다.", "ko"),
        ("Growth was 12.5% in 2024.", "2024年增长了１２.５％。", "zh_CN"),
        ("Growth was 12.5% in 2024.", "2024년 성장률은 12.5%였다.", "ko"),
        ("About 1,234,567 users", "约１，２３４，５６７名用户", "zh_CN"),
        ("Three books and 2 pens", "책 세 권과 펜 2자루", "ko"),
        ("Add 3 items", "3개 항목 추가", "ko"),
        ("<unspecified>", "（未指定）", "zh_CN"),
        ("Log in as <user>", "‹사용자>로 로그인", "ko"),
        (
            "(The <<original entry>> is located in %s.)",
            "(<<원래 항목>>은 %s 파일에 있습니다.)",
            "ko",
        ),
        (
            "A full URL starting with a scheme such as “https://”.",
            "“https://”와 같은 체계로 시작하는 전체 URL입니다.",
            "ko",
        ),
        (
            "The config value `{name}` has to be one of {candidates}.",
            "配置项“{name}”的值只能在“{candidates}”中选取。",
            "zh_CN",
        ),
        (
            "The config value `{name}' has type `{current.__name__}'.",
            "설정값 `{name}'은(는) `{current.__name__}' 유형입니다.",
            "ko",
        ),
        (
            'Should look like "opt", "-opt args", "--opt args", "/opt args" or "+opt args"',
            '"opt", "-opt args", "--opt args", "/opt args", "+opt args"와 같은 형식이어야 합니다',
            "ko",
        ),
        ("Topics, references, &amp; how-to’s", "主题、参考资料和操作方法", "zh_CN"),
        ("“Quoted” and ‘single’ text", "「引用」和『單引號』文本", "zh_TW"),
        ("one", "1", "ko"),
        ("No results found.", "未找到結果。", "zh_TW"),
        ("No results found.", "未找到结果。", "zh_Hans_SG"),
        ("Within 20 years", "二十年内", "zh_CN"),
        ("Founded in 2026", "创立于二〇二六年", "zh_CN"),
        ("Over 35,000 visitors", "超过三万五千名访客", "zh_CN"),
        ("Add 3 books", "책 세 권 추가", "ko"),
        ("Copy these %1 cells", "셀 %1개 복사", "ko"),
        ("Step 1st of the 2nd round", "두 번째 라운드의 첫 번째 단계", "ko"),
        ("The 3rd item", "第三项", "zh_CN"),
        (
            "Using `scale` will help but don't use it with `auto`.",
            "`scale`을 사용하면 도움이 되지만 `auto`와 함께 쓰지 마세요.",
            "ko",
        ),
        ("Null characters are not allowed.", "null 문자는 사용할 수 없습니다. ", "ko"),
    ],
    ids=[
        "year-counter",
        "full-width-digits-and-grouping",
        "billion-as-yi",
        "billion-as-eok",
        "wan",
        "number-word-as-hanzi",
        "number-word-as-digit",
        "digit-as-hanzi",
        "full-width-colon-drops-space",
        "full-width-parentheses",
        "corner-brackets-and-full-width-digits",
        "cjk-ellipsis-and-marks",
        "enumeration-comma",
        "url-in-full-width-parentheses",
        "lone-brand-name",
        "only-placeholder",
        "reordered-placeholder",
        "placeholder-before-hangul",
        "repetition-in-source",
        "month-name",
        "month-abbreviation-zh-hans",
        "day-and-month-names",
        "cjk-date-zh",
        "cjk-date-ko",
        "a-second",
        "number-word-with-counter",
        "ordinal",
        "radix-ko",
        "radix-zh",
        "power-ko",
        "power-zh",
        "zero-as-none",
        "full-width-percent",
        "percent",
        "full-width-grouping",
        "korean-counters",
        "korean-counter-gae",
        "angle-bracketed-prose-zh",
        "angle-bracketed-prose-ko",
        "double-angle-brackets",
        "quotes-around-url",
        "brace-in-backticks",
        "tex-quotes",
        "quoted-option-list",
        "ampersand-spelled-out",
        "corner-quotes-traditional",
        "number-word-as-digit-only",
        "traditional-in-zh-tw",
        "simplified-in-zh-hans-sg",
        "chinese-numerals",
        "chinese-year-digit-by-digit",
        "chinese-numerals-with-wan",
        "korean-native-numeral-with-counter",
        "js-placeholder-digit-is-no-number",
        "korean-ordinals",
        "chinese-ordinal",
        "apostrophe-after-code-span-is-no-tex-quote",
        "trailing-space-added",
    ],
)
def test_checks_do_not_flag(msgid: str, msgstr: str, locale: str) -> None:
    assert _check(msgid, msgstr, locale) == []


def test_plural_forms_are_checked_against_msgid_plural() -> None:
    message = Message(
        msgid="One file in {dir}",
        msgid_plural="%d files in {dir}",
        msgstr_plural=("파일 하나 {dir}", "파일 %d개"),
        flags=("c-format",),
        lineno=3,
    )
    header = HEADER.replace(msgstr="Plural-Forms: nplurals=2; plural=(n != 1);\n")
    problems = check_catalog(Catalog(header=header, messages=(message,)), "p.po", "ko")
    # msgstr[0] may spell out the number; {dir} is needed in every form.
    assert [(p.line, p.message) for p in problems] == [(3, "msgstr[1]: lost {dir}")]


def test_obsolete_and_header_are_not_checked() -> None:
    broken = Message(msgid="33 years", msgstr="34년", obsolete=True)
    catalog = Catalog(header=HEADER.replace(msgstr=""), messages=(broken,))
    assert check_catalog(catalog, "x.po", "ko") == []


def test_partially_translated_plural_is_untranslated() -> None:
    message = Message(msgid="a file", msgid_plural="files", msgstr_plural=("파일", ""))
    header = HEADER.replace(msgstr="Plural-Forms: nplurals=2; plural=(n != 1);\n")
    problems = check_catalog(Catalog(header=header, messages=(message,)), "x.po", "ko")
    assert [(p.check, p.message) for p in problems] == [("untranslated", "msgstr[1] empty")]


PROBLEMS = [
    Problem("locales/ko/a.po", 12, "numbers", "numbers differ: 33 missing", "error"),
    Problem("locales/zh_CN/a.po", 3, "script", "Hangul in a Chinese translation", "warning"),
]


def test_format_problems() -> None:
    assert format_problems(PROBLEMS) == (
        "locales/ko/a.po:12: error: numbers: numbers differ: 33 missing\n"
        "locales/zh_CN/a.po:3: warning: script: Hangul in a Chinese translation\n"
    )
    assert format_problems([]) == ""


def test_problems_to_json() -> None:
    text = problems_to_json(PROBLEMS)
    assert "Hangul in a Chinese translation" in text
    assert json.loads(text) == [
        {
            "file": "locales/ko/a.po",
            "line": 12,
            "check": "numbers",
            "message": "numbers differ: 33 missing",
            "severity": "error",
            "id": "",
        },
        {
            "file": "locales/zh_CN/a.po",
            "line": 3,
            "check": "script",
            "message": "Hangul in a Chinese translation",
            "severity": "warning",
            "id": "",
        },
    ]


def test_plural_count_must_match_the_header() -> None:
    message = Message(
        msgid="%d file",
        msgid_plural="%d files",
        msgstr_plural=("파일 %d개", "파일 %d개"),
        flags=("c-format",),
        lineno=9,
    )
    problems = check_catalog(Catalog(header=HEADER, messages=(message,)), "x.po", "ko")
    assert [(p.check, p.severity, p.message) for p in problems] == [
        ("plurals", "error", "2 plural form(s), the header's Plural-Forms says nplurals=1")
    ]
    fixed = message.replace(msgstr_plural=("파일 %d개",))
    assert check_catalog(Catalog(header=HEADER, messages=(fixed,)), "x.po", "ko") == []
    # No Plural-Forms header: nothing to compare with.
    bare = Catalog(header=Message(msgid="", msgstr="Language: ko\n"), messages=(message,))
    assert check_catalog(bare, "x.po", "ko") == []


def test_every_check_is_documented() -> None:
    assert set(CHECKS) == {
        "placeholders",
        "markup",
        "urls",
        "numbers",
        "whitespace",
        "identical",
        "script",
        "repetition",
        "length",
        "plurals",
        "untranslated",
        "tokens",
        "source",
        "rst-spacing",
    }
    assert all(len(text) > 20 for text in CHECKS.values())


@settings(max_examples=300, deadline=None)
@given(
    msgid=st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=60),
    msgstr=st.text(
        alphabet=st.sampled_from(
            list("0123456789 %{}()<>/`'\"&;:.,一二十百万两세권한첫번째年月日abcZX")
        )
        | st.characters(codec="utf-8"),
        max_size=60,
    ),
    locale=st.sampled_from(["ko", "zh_CN", "zh_TW", "zh_Hant", "en_XA", "fr", "xx"]),
)
def test_check_never_fails_on_any_text(msgid: str, msgstr: str, locale: str) -> None:
    message = Message(msgid=msgid, msgstr=msgstr, lineno=1)
    problems = check_catalog(Catalog(header=HEADER, messages=(message,)), "x.po", locale)
    assert all(p.severity in ("error", "warning", "info") and p.check in CHECKS for p in problems)


def test_a_directive_inside_an_element_is_a_placeholder_all_the_same() -> None:
    """Django's admindocs: "put <code>%(code)s</code>". The element is kept
    whole from MT, but the format call fills the directive inside it."""
    msgid = "Put <code>%(code)s</code> in your template."
    lost = _check(msgid, "템플릿에 <code>코드</code>를 넣으세요.", flags=("python-format",))
    assert ("placeholders", "error", "lost %(code)s") in lost
    kept = _check(msgid, "템플릿에 <code>%(code)s</code>를 넣으세요.", flags=("python-format",))
    assert not [p for p in kept if p[0] == "placeholders"]

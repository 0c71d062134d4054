"""Quality checks over translated catalogues, aware of Chinese and Korean. Pure.

Every active entry with a msgid is checked, machine and fuzzy ones included
(machine output is what most needs checking); an empty one is only reported
as untranslated. A plural entry's forms are each checked against
msgid_plural. The checks (`Problem.check`) and their severities:

- placeholders (error): printf/brace placeholders lost, added or duplicated,
  by flag or where the msgid clearly has them.
- markup: HTML/XML tags, link targets and labels, autolinks, footnotes,
  roles, MyST targets and substitutions (error), entities, inline code and
  emphasis delimiters (warning) not carried over; tag attributes may be
  translated.
- numbers (error): numbers that differ. Full-width digits count, "1,000" =
  "1000", "33年" has 33, "328.08 billion" = "3280.8亿" = "3280.8억".
  Chinese numerals are not parsed (一…十 do stand for a lost 1…10), nor
  mixed forms such as "3280억8천만".
- urls (error): URLs and e-mail addresses not carried over unchanged.
- untranslated (warning): an empty msgstr.
- identical (warning): msgstr equal to msgid (a lone name like "GitHub" is fine).
- script (warning): a ko msgstr without Hangul; a zh msgstr without Han, or
  with Hangul the source does not have.
- repetition (error from 4 repeats, warning at 3): the same syllable or
  phrase many times in a row, the typical MT loop.
- length (warning): far shorter or longer than usual for the language,
  counted in non-space characters (Chinese needs about a third as many as
  English, Korean about 0.4).
- whitespace: a leading/trailing newline on one side only, which
  `msgfmt --check` rejects (error); other leading or trailing whitespace or
  line-break count differences (warning), except a space dropped next to
  full-width punctuation ("Name: " → "名称：").

There are deliberately no bracket, colon or end-punctuation checks: Chinese
and Korean text writes （）：，。「」、！？ where English has ():,. and
tools that compare them (pofilter) flag correct translations.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from decimal import Decimal

from locpipe import inline_markup as im
from locpipe.model import Catalog, Message
from locpipe.placeholders import CODE, ENTITY, TAG, links, placeholders, spans

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding: where (`file`, `line` of the entry), which check, what, how bad."""

    file: str
    line: int
    check: str
    message: str
    severity: str  # ERROR | WARNING


# (check, severity, message) before a place is attached
_Finding = tuple[str, str, str]

_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff]")
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_KANA = re.compile("[\u3040-\u30ff]")
#: Full-width punctuation carries its own spacing: "Name: " → "名称：" drops the space.
_CJK_PUNCT = frozenset("（）：，。「」『』、！？；…【】《》〈〉“”‘’・～")
#: Non-space characters of a translation per non-space character of English,
#: measured on parallel news text (tests/support/corpus): ko 0.41, zh 0.33.
_EXPECTED_RATIO = {"zh": 0.33, "ko": 0.42, "ja": 0.45}
_DEFAULT_RATIO = 1.1
_RATIO_BAND = 2.5
_MIN_LENGTH = 20
_NUMBER = re.compile(
    r"(?<![\d.])(\d+(?:,\d{3})*(?:\.\d+)?)"
    r"(?:\s?(thousand|million|billion|trillion)\b|\s?(百万|千万|百萬|千萬|백만|천만|万|萬|만|亿|億|억|兆|조|千|천))?",
    re.IGNORECASE,
)
_SCALE = {
    "thousand": 10**3,
    "million": 10**6,
    "billion": 10**9,
    "trillion": 10**12,
    "千": 10**3,
    "천": 10**3,
    "万": 10**4,
    "萬": 10**4,
    "만": 10**4,
    "百万": 10**6,
    "百萬": 10**6,
    "백만": 10**6,
    "千万": 10**7,
    "千萬": 10**7,
    "천만": 10**7,
    "亿": 10**8,
    "億": 10**8,
    "억": 10**8,
    "兆": 10**12,
    "조": 10**12,
}
_NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve".split()
    )
}
_HAN_DIGITS = {0: "零〇", 1: "一", 2: "二两", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七"}
_HAN_DIGITS |= {8: "八", 9: "九", 10: "十"}
_WORD = re.compile(r"[A-Za-z]{3,}")
_TAG_NAME = re.compile(r"<(/?)([\w:.-]*)")


def _blank_spans(text: str, flags: Sequence[str]) -> str:
    """`text` with every protected span (placeholders, markup, URLs) made a space."""
    out, last = [], 0
    for span in spans(text, flags):
        out += [text[last : span.start], " "]
        last = span.end
    out.append(text[last:])
    return "".join(out)


def _diff(source: Counter[str], target: Counter[str]) -> list[str]:
    """How `target` differs: "lost X", then "duplicated X" or "added X"."""
    notes = [f"lost {t}" for t in source if target[t] < source[t]]
    for t in target:
        if target[t] > source[t]:
            notes.append(f"duplicated {t}" if source[t] else f"added {t}")
    return notes


def _numbers(text: str, flags: Sequence[str]) -> list[tuple[Decimal, Decimal]]:
    """(as written, with its scale word applied) for each number outside spans."""
    plain = unicodedata.normalize("NFKC", _blank_spans(text, flags))
    found = []
    for m in _NUMBER.finditer(plain):
        value = Decimal(m.group(1).replace(",", ""))
        scale = (m.group(2) or m.group(3) or "").lower()
        found.append((value, value * _SCALE.get(scale, 1)))
    return found


def _check_numbers(source: str, target: str, flags: Sequence[str]) -> list[_Finding]:
    wanted = _numbers(source, flags)
    extra = []
    for got in _numbers(target, flags):
        match = next((w for w in wanted if {w[0], w[1]} & {got[0], got[1]}), None)
        if match is not None:
            wanted.remove(match)
        else:
            extra.append(got)
    words = {_NUMBER_WORDS[w] for w in re.findall(r"[a-z]+", source.lower()) if w in _NUMBER_WORDS}
    extra = [g for g in extra if g[0] not in words]  # "two countries" → "2개국"
    wanted = [
        w
        for w in wanted
        if not (w[0] in _HAN_DIGITS and any(c in target for c in _HAN_DIGITS[int(w[0])]))
    ]
    if not wanted and not extra:
        return []
    parts = [f"{w[0]:f} missing" for w in wanted] + [f"{g[0]:f} added" for g in extra]
    return [("numbers", ERROR, "numbers differ: " + ", ".join(parts))]


def _tag_key(token: str) -> str:
    """A tag without its attributes (translators may translate title="…")."""
    m = _TAG_NAME.match(token)
    if token.startswith("<!--") or m is None:
        return "<!---->"
    return f"<{m.group(1)}{m.group(2)}{'/' if token.endswith('/>') else ''}>"


#: Markup kinds checked, with the severity of one lost or added: a lost link
#: target, label, role or footnote breaks the page; lost emphasis only looks off.
_MARKUP_SEVERITY = {TAG: ERROR, ENTITY: WARNING, CODE: WARNING, im.EMPHASIS: WARNING}
_MARKUP_SEVERITY |= dict.fromkeys(im.LINK_KINDS | {im.TARGET, im.SUBSTITUTION}, ERROR)


def _markup(text: str, flags: Sequence[str]) -> dict[str, Counter[str]]:
    found: dict[str, Counter[str]] = {kind: Counter() for kind in _MARKUP_SEVERITY}
    for span in spans(text, flags):
        token = text[span.start : span.end]
        if span.kind in found:
            found[span.kind][_tag_key(token) if span.kind == TAG else token] += 1
    return found


def _has_words(text: str, flags: Sequence[str]) -> bool:
    """True when `text` has English words to translate (not a lone name like "GitHub")."""
    words = _WORD.findall(_blank_spans(text, flags))
    if len(words) != 1 or len(text.split()) != 1:
        return bool(words)
    word = words[0]
    return not (word.isupper() or any(c.isupper() for c in word[1:]))


def _visible(text: str, flags: Sequence[str]) -> int:
    return sum(not c.isspace() for c in _blank_spans(text, flags))


def _language(locale: str) -> str:
    return re.split(r"[_@.-]", locale, maxsplit=1)[0].lower()


def _check_script(source: str, target: str, locale: str) -> list[_Finding]:
    language = _language(locale)
    if language == "ko" and not _HANGUL.search(target):
        return [("script", WARNING, "no Hangul in a Korean translation")]
    if language == "zh":
        if not _HAN.search(target):
            return [("script", WARNING, "no Chinese characters in a Chinese translation")]
        if _HANGUL.search(target) and not _HANGUL.search(source):
            return [("script", WARNING, "Hangul in a Chinese translation")]
    if language == "ja" and not (_KANA.search(target) or _HAN.search(target)):
        return [("script", WARNING, "no kana or kanji in a Japanese translation")]
    return []


def _check_length(source: str, target: str, flags: Sequence[str], locale: str) -> list[_Finding]:
    src, tgt = _visible(source, flags), _visible(target, flags)
    if src < _MIN_LENGTH:
        return []
    expected = _EXPECTED_RATIO.get(_language(locale), _DEFAULT_RATIO)
    ratio = tgt / src
    if expected / _RATIO_BAND <= ratio <= expected * _RATIO_BAND:
        return []
    word = "short" if ratio < expected else "long"
    return [
        (
            "length",
            WARNING,
            f"translation looks too {word}: {tgt} characters for {src} in the source "
            f"(about {round(src * expected)} expected)",
        )
    ]


#: (pattern, repeats from which it is a warning, an error): one syllable or
#: character, then a unit of 2-40 characters (a word, a phrase).
_LOOPS = ((re.compile(r"(.)\1{4,}"), 5, 7), (re.compile(r"(.{2,40}?)\1{2,}"), 3, 4))


def _loops(text: str) -> Iterator[tuple[str, int, int, int]]:
    """(unit, times, warn_at, error_at) of each run of a repeated unit in
    `text`, spaces and punctuation ignored."""
    squashed = "".join(c for c in text.casefold() if c.isalnum())
    for pattern, warn_at, error_at in _LOOPS:
        for m in pattern.finditer(squashed):
            unit = m.group(1)
            if any(c.isalpha() for c in unit):
                yield unit, len(m.group(0)) // len(unit), warn_at, error_at


def _check_repetition(source: str, target: str) -> list[_Finding]:
    """The first loop in `target` that repeats more than any in the source
    ("very very very good" may well become "非常非常非常好")."""
    in_source = max((times for _, times, _, _ in _loops(source)), default=0)
    for unit, times, warn_at, error_at in _loops(target):
        if times >= warn_at and times > in_source:
            severity = ERROR if times >= error_at else WARNING
            return [("repetition", severity, f"“{unit}” repeated {times} times in a row")]
    return []


def _edge_ok(source_ws: str, target_ws: str, neighbour: str) -> bool:
    """Same whitespace, or a dropped space next to full-width punctuation."""
    if source_ws == target_ws:
        return True
    return not target_ws and "\n" not in source_ws and neighbour in _CJK_PUNCT


def _edges(text: str) -> tuple[str, str]:
    """The leading and the trailing whitespace of `text`."""
    body = text.strip()
    if not body:
        return text, ""
    lead = text[: text.index(body)]
    return lead, text[len(lead) + len(body) :]


def _check_whitespace(source: str, target: str) -> list[_Finding]:
    found: list[_Finding] = []
    (src_lead, src_trail), (tgt_lead, tgt_trail) = _edges(source), _edges(target)
    body = target.strip()
    edges = (
        ("leading", "begin", str.startswith, src_lead, tgt_lead, body[:1]),
        ("trailing", "end", str.endswith, src_trail, tgt_trail, body[-1:]),
    )
    for where, verb, at, src_ws, tgt_ws, neighbour in edges:
        if at(source, "\n") != at(target, "\n"):
            found.append(("whitespace", ERROR, f"msgid and msgstr do not both {verb} with \\n"))
        elif not _edge_ok(src_ws, tgt_ws, neighbour):
            found.append(
                ("whitespace", WARNING, f"{where} whitespace {src_ws!r} became {tgt_ws!r}")
            )
    inner_src, inner_tgt = source.strip().count("\n"), body.count("\n")
    if inner_src != inner_tgt:
        found.append(
            ("whitespace", WARNING, f"{inner_src} line breaks in the source, {inner_tgt} here")
        )
    return found


def _check_pair(
    source: str, target: str, flags: Sequence[str], locale: str, optional: Counter[str]
) -> list[_Finding]:
    """Every check of one msgstr against its source. Placeholders in `optional`
    may be missing (the singular form of a plural entry may spell the number)."""
    found: list[_Finding] = []
    expected, got = placeholders(source, flags), placeholders(target, flags)
    for token in optional:
        expected[token] = min(expected[token], got[token])
    found += [("placeholders", ERROR, note) for note in _diff(+expected, got)]
    src_markup, tgt_markup = _markup(source, flags), _markup(target, flags)
    for kind, severity in _MARKUP_SEVERITY.items():
        notes = _diff(src_markup[kind], tgt_markup[kind])
        if kind == im.REFERENCE:  # a bracketed word the translation adds is just text
            notes = [n for n in notes if n.startswith("lost ")]
        found += [("markup", severity, n) for n in notes]
    found += [("urls", ERROR, note) for note in _diff(links(source), links(target))]
    found += _check_numbers(source, target, flags)
    found += _check_whitespace(source, target)
    if target.strip() == source.strip():
        if _has_words(source, flags):
            found.append(("identical", WARNING, "translation is identical to the source"))
        return found
    if _has_words(source, flags):
        found += _check_script(source, target, locale)
    found += _check_repetition(source, target)
    found += _check_length(source, target, flags, locale)
    return found


def _nplurals(catalog: Catalog) -> int:
    match = re.search(r"nplurals\s*=\s*(\d+)", catalog.header_field("Plural-Forms") or "")
    return int(match.group(1)) if match else 2


def _findings(message: Message, locale: str, nplurals: int) -> Iterator[_Finding]:
    if not message.translated or not message.translations:
        empty = [i for i, t in enumerate(message.translations) if not t]
        if message.msgid_plural is None or len(empty) == len(message.translations):
            yield ("untranslated", WARNING, "not translated")
        else:
            yield ("untranslated", WARNING, f"msgstr[{', '.join(map(str, empty))}] empty")
        return
    flags = message.flags
    if message.msgid_plural is None:
        yield from _check_pair(message.msgid, message.msgstr, flags, locale, Counter())
        return
    # With several forms, one may spell out its number ("one file"), so
    # placeholders only the plural msgid has need not appear in every form.
    optional: Counter[str] = Counter()
    if nplurals > 1:
        optional = placeholders(message.msgid_plural, flags) - placeholders(message.msgid, flags)
    for i, form in enumerate(message.msgstr_plural):
        for check, severity, text in _check_pair(
            message.msgid_plural, form, flags, locale, optional
        ):
            yield (check, severity, f"msgstr[{i}]: {text}")


def check_catalog(catalog: Catalog, path: str, locale: str) -> list[Problem]:
    """The problems of the active entries of `catalog` (read from `path`, in
    `locale`), in file order; `line` is each entry's `lineno`."""
    nplurals = _nplurals(catalog)
    return [
        Problem(file=path, line=m.lineno, check=check, message=text, severity=severity)
        for m in catalog.active()
        if m.msgid
        for check, severity, text in _findings(m, locale, nplurals)
    ]


def format_problems(problems: Sequence[Problem]) -> str:
    """One `file:line: check: message` line per problem, each ending in a newline."""
    return "".join(f"{p.file}:{p.line}: {p.check}: {p.message}\n" for p in problems)


def problems_to_json(problems: Sequence[Problem]) -> str:
    """The problems as a JSON array of objects (file, line, check, message,
    severity), UTF-8 text unescaped, ending in a newline."""
    return json.dumps([asdict(p) for p in problems], ensure_ascii=False, indent=2) + "\n"

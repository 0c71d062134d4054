"""Numbers of an English text and of its Chinese or Korean translation, compared. Pure.

Human translators turn words into numerals and back: "January" → `1월` /
`1月`, "a second" → `1초`, "third parties" → `제3자`, "Decimal number" →
`10진수` / `十进制`, "two countries" → `两国`, "sextillion" → `10의 21제곱`.
So a number is *missing* only when a numeral of the source is nowhere in the
translation, in any spelling (full-width digits, digit grouping, a CJK scale
word such as 万/억, Chinese numerals such as 十二 or 两万, a Korean native
numeral before a counter such as 세 권, or as a noun, 하나 "one"); a
number is *added* only when no
numeral and no number word of the source accounts for it.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

#: A numeral; digits after `%` are a placeholder (`%1`), not a number.
_NUMBER = re.compile(
    r"(?<![\d.%])(\d+(?:,\d{3})*(?:\.\d+)?)"
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
#: "10의 21제곱", "1000的7次方", "10^21": one number, base ** exponent.
_POWER = re.compile(r"(\d+)\s*(?:의|的)?\s*(\d+)\s*(?:제곱|승|次方|次幂|次冪)|(\d+)\s*\^\s*(\d+)")


def _words(text: str, start: int = 0) -> dict[str, int]:
    return {w: i for i, w in enumerate(text.split(), start) if w != "-"}


_CARDINALS = _words("zero one two three four five six seven eight nine ten eleven twelve")
_CARDINALS |= _words("thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty")
_CARDINALS |= {
    w: 10 * i for w, i in _words("thirty forty fifty sixty seventy eighty ninety", 3).items()
}
_CARDINALS |= {"a": 1, "an": 1, "once": 1, "single": 1, "twice": 2, "double": 2, "both": 2}
_CARDINALS |= {"dozen": 12, "hundred": 100, "half": 2}  # half → 1/2, 2분의 1
_ORDINALS = _words("- first second third fourth fifth sixth seventh eighth ninth tenth", 0)
_ORDINALS |= _words("eleventh twelfth", 11)
_MONTHS = _words("- january february march april may june july august september", 0)
_MONTHS |= _words("october november december", 10)
_MONTHS |= {m[:3]: i for m, i in _MONTHS.items()} | {"sept": 9}
_DAYS = _words("- monday tuesday wednesday thursday friday saturday sunday", 0)
_DAYS |= {d[:3]: i for d, i in _DAYS.items()} | {"sunday": 0, "sun": 0}
_RADIX = {"binary": 2, "octal": 8, "decimal": 10, "hexadecimal": 16, "hex": 16}
#: Scale words written alone ("%(value)s sextillion").
_LONE_SCALES = {"thousand": 3, "million": 6, "billion": 9, "trillion": 12, "quadrillion": 15}
_LONE_SCALES |= {"quintillion": 18, "sextillion": 21, "septillion": 24, "octillion": 27}
_LONE_SCALES |= {"nonillion": 30, "decillion": 33, "googol": 100}
_WORD_VALUES = {
    word: {Decimal(n)}
    for table in (_CARDINALS, _ORDINALS, _MONTHS, _DAYS, _RADIX)
    for word, n in table.items()
}
for _word, _exp in _LONE_SCALES.items():
    _WORD_VALUES.setdefault(_word, set()).add(Decimal(10) ** _exp)
_WORD_VALUES["sunday"].add(Decimal(7))
_WORD_VALUES["sun"].add(Decimal(7))

_HAN_DIGITS = dict(
    zip("零〇一二两兩三四五六七八九", (0, 0, 1, 2, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True)
)
_HAN_UNITS = {"十": 10, "百": 100, "千": 1000}
_HAN_BIG = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
_HAN_RUN = re.compile(f"[{''.join(_HAN_DIGITS)}{''.join(_HAN_UNITS)}{''.join(_HAN_BIG)}]+")
#: Korean native numerals before a counter: "세 권" (3 books), "두 번" (twice).
_KO_NATIVE = dict(
    zip("한 두 세 네 다섯 여섯 일곱 여덟 아홉 열 스무".split(), (*range(1, 11), 20), strict=True)
)
_KO_NATIVE |= {"첫": 1, "셋": 3, "넷": 4}  # 첫 번째 (first), 셋째, 넷째
_KO_COUNTED = re.compile(
    f"(?<![가-힣])({'|'.join(_KO_NATIVE)})\\s?"
    "(?:번째|째|개|권|명|번|가지|시간|살|장|대|마리|잔|곳|줄|쪽|달|주|분|사람|군데|글자|자리)"
)
#: Korean native numerals written as nouns, not before a counter: "인스턴스
#: 하나에만" (to only one instance), "둘 다" (both); a particle or the end follows.
_KO_NOUNS = {"하나": 1, "둘": 2, "셋": 3, "넷": 4}
_KO_NOUN = re.compile(
    f"(?<![가-힣])({'|'.join(_KO_NOUNS)})(?=[\\s.,!?)]|$|에|의|를|가|만|도|씩|로|와|뿐|이|은|는|다)"
)
#: A translation may say "none" for a source 0: "0 of 3 selected" → "아무것도 …".
_NONE_WORDS = re.compile("아무|없|无|無|没有|沒有|未|零")


@dataclass(frozen=True, slots=True)
class Number:
    """A numeral as written, and its value with a scale word applied ("3 million")."""

    text: str
    value: Decimal
    scaled: Decimal

    def matches(self, other: Number) -> bool:
        return bool({self.value, self.scaled} & {other.value, other.scaled})


def numbers(text: str) -> list[Number]:
    """The numerals of `text` (spans already blanked), full-width digits included."""
    plain = unicodedata.normalize("NFKC", text)
    found: list[Number] = []
    for m in _POWER.finditer(plain):
        base, exponent = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        if int(exponent) <= 400:
            value = Decimal(int(base) ** int(exponent))
            found.append(Number(m.group(0), value, value))
    plain = _POWER.sub(" ", plain)
    for m in _NUMBER.finditer(plain):
        value = Decimal(m.group(1).replace(",", ""))
        scale = (m.group(2) or m.group(3) or "").lower()
        found.append(Number(m.group(0), value, value * _SCALE.get(scale, 1)))
    return found


def word_values(text: str) -> set[Decimal]:
    """Values that English words of `text` may become as numerals in a translation."""
    values: set[Decimal] = set()
    for word in re.findall(r"[a-z]+", text.lower()):
        values |= _WORD_VALUES.get(word, set())
    return values


def compare(source: str, target: str) -> tuple[list[Number], list[Number]]:
    """(numerals of `source` missing from `target`, numerals of `target` the
    source does not account for); both texts with protected spans blanked."""
    wanted = numbers(source)
    spelled = word_values(source)
    added = []
    for got in numbers(target):
        match = next((w for w in wanted if w.matches(got)), None)
        if match is not None:
            wanted.remove(match)
        elif not {got.value, got.scaled} & spelled:
            added.append(got)
    # A numeral the target spells out, once the source's own number words
    # ("the first parameter" → "첫 번째 매개변수") have taken theirs.
    in_words = spelled_values(target) - _counted_words(source)
    missing = []
    for number in wanted:
        value = next((v for v in (number.value, number.scaled) if in_words[v] > 0), None)
        if value is not None:
            in_words[value] -= 1
        elif not (number.value == 0 and _NONE_WORDS.search(target)):
            missing.append(number)
    return missing, added


def _counted_words(text: str) -> Counter[Decimal]:
    """Values of the cardinal and ordinal words of `text` ("one", "first"), as
    often as they occur; not "a", which is everywhere."""
    return Counter(
        Decimal(_CARDINALS.get(word, _ORDINALS.get(word, 0)))
        for word in re.findall(r"[a-z]+", text.lower())
        if (word in _CARDINALS or word in _ORDINALS) and word not in ("a", "an")
    )


def _han_value(run: str) -> int:
    """The value of a run of Chinese numerals: 十二 12, 三千五百 3500, 两万 20000,
    二〇二六 2026 (digit by digit when there is no unit)."""
    if not any(c in _HAN_UNITS or c in _HAN_BIG for c in run):
        return int("".join(str(_HAN_DIGITS[c]) for c in run))
    total = section = digit = 0
    for c in run:
        if c in _HAN_DIGITS:
            digit = _HAN_DIGITS[c]
        elif c in _HAN_UNITS:
            section += (digit or 1) * _HAN_UNITS[c]
            digit = 0
        else:
            total += ((section + digit) or 1) * _HAN_BIG[c]
            section = digit = 0
    return total + section + digit


def spelled_values(text: str) -> Counter[Decimal]:
    """Values `text` writes in words, as often as it does: Chinese numerals
    (十二, 两万), Korean native numerals before a counter (세 권)."""
    # A unit alone is a word part more often than a number (百分比 "percentage"); 十 is ten.
    runs = [r for r in _HAN_RUN.findall(text) if r == "十" or any(c in _HAN_DIGITS for c in r)]
    found = Counter(Decimal(_han_value(run)) for run in runs)
    found.update(Decimal(_KO_NATIVE[m.group(1)]) for m in _KO_COUNTED.finditer(text))
    found.update(Decimal(_KO_NOUNS[m.group(1)]) for m in _KO_NOUN.finditer(text))
    return found

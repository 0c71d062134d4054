"""Line breaking of PO strings exactly as GNU gettext 0.21 does it.

GNU `msgcat` breaks each string with libunistring's `ulc_width_linebreaks`:
UAX #14 break opportunities, East Asian wide characters counting two columns,
at a page width of 79. This module re-implements that in pure Python so that
`format_po` writes the same bytes. Only the pieces gettext uses are here:
`possible_breaks` (libunistring's `u8_possible_linebreaks`), `width_breaks`
(`u8_width_linebreaks`) and `char_width` (`uc_width`).

Line-break classes come from `linebreak_table.TABLE`: each entry
"START[-END]:CLASS" is a range of code points whose class (Unicode 14
LineBreak.txt as adjusted by libunistring 1.0, with AI/SA/XX resolved to AL
and CB to ID as libunistring does for UTF-8) differs from the default rule in
`_default_class`: combining marks CM, decimal digits NU, wide/fullwidth ID,
everything else AL. Hangul syllables are H2 (LV) or H3 (LVT) by arithmetic.
The table covers every code point up to U+2FFFF and the tags and variation
selectors of plane 14 (Hebrew HL, the Armenian hyphen and the Khmer sign
U+17D4 BA, the Arabic comma IS, …); it was checked against libunistring's
u8_possible_linebreaks for each of them in every class-distinguishing
context, and tests/test_powrap_scripts.py checks it against msgcat.
"""

from __future__ import annotations

import bisect
import functools
import unicodedata

from locpipe.formats.linebreak_table import TABLE

# Classes with an index into the pair table, in libunistring's order.
(WJ, GL, B2, BA, BB, HY, CL, CP1, CP2, EX, IN, NS, OP1, OP2, QU, IS, NU, PO, PR, SY, AL,
 H2, H3, ID1, ID2, JL, JV, JT, HL, RI, ZWJ, EB, EM) = range(33)  # fmt: skip
# Classes resolved by the algorithm rather than the table.
BK, CR, LF, CM, ZW, SP = range(33, 39)
_HL_BA = 100  # Hebrew letter followed by a hyphen or BA (rule LB21a)

_NAME_TEXT = (
    "WJ GL B2 BA BB HY CL CP1 CP2 EX IN NS OP1 OP2 QU IS NU PO PR SY AL "
    "H2 H3 ID1 ID2 JL JV JT HL RI ZWJ EB EM BK CR LF CM ZW SP"
)
_NAMES = _NAME_TEXT.split()

# UAX #14 pair table (table 7.3) as libunistring 1.0 ships it, rows = class
# before the opportunity, columns = class after: D direct break, I break only
# across spaces, P prohibited. libunistring deviates from UAX #14 on purpose
# in a few cells, e.g. (IS, AL) is D so "<P>Some sentence.</P>" breaks
# before the tag.
_PAIRS = (
    "PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIIIPIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII"
    "PIPIDIPPPPIIDDIPDDDPDDDDDDDDDDDDDPDDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD"
    "PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIIIPDDIDIPPPPIIDDIPIDDPDDDDDDDDDDDDD"
    "PIDIDIPPPPIPDDIPDIIPDDDDDDDDDDDDDPIDIDIPPPPIIDDIPIIIPIDDDDDDDIDIDD"
    "PIDIDIPPPPIIDDIPDIIPDDDDDDDDDDDDDPIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD"
    "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDDPIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD"
    "PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP"
    "PIIIIIPPPPIIPPIPIIIPIIIIIIIIIIIIIPIDIDIPPPPIIDDIPIDDPDDDDDDDDDDDDD"
    "PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDDPIDIDIPPPPIIIIIPIDDPIDDDDDDDIDIDD"
    "PIDIDIPPPPIIIIIPIDDPIIIIIIIIIDIIIPIDIDIPPPPIIDDIPIDDPDDDDDDDDIDDDD"
    "PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDDPIDIDIPPPPIIDDIPDIDPDDDDDDIIDDDDD"
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDIDDDDDPIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDD"
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDIPIDIDIPPPPIIDDIPDIDPDIIDDIIDDDDDD"
    "PIDIDIPPPPIIDDIPDIDPDDDDDDIIDDDDDPIDIDIPPPPIIDDIPDIDPDDDDDDDIDDDDD"
    "PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDDPIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD"
    "PIDIDIPPPPIIIDIPIIIPIDDIIDDDIDIIIPIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDI"
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDD"
)


def _parse_table() -> tuple[list[int], list[int], list[int]]:
    starts: list[int] = []
    ends: list[int] = []
    classes: list[int] = []
    for item in TABLE.split():
        span, _, name = item.partition(":")
        lo, _, hi = span.partition("-")
        starts.append(int(lo, 16))
        ends.append(int(hi or lo, 16))
        classes.append(_NAMES.index(name))
    return starts, ends, classes


_STARTS, _ENDS, _CLASSES = _parse_table()


def _default_class(cp: int, ch: str) -> int:
    if 0xAC00 <= cp <= 0xD7A3:
        return H2 if (cp - 0xAC00) % 28 == 0 else H3
    category = unicodedata.category(ch)
    if category == "Cn":
        return ID1 if 0x20000 <= cp <= 0x3FFFD else AL
    if category in ("Mn", "Mc", "Me"):
        return CM
    if category == "Nd":
        return NU
    return ID1 if unicodedata.east_asian_width(ch) in ("W", "F") else AL


@functools.lru_cache(maxsize=4096)
def line_break_class(ch: str) -> int:
    """The UAX #14 line-break class of `ch` as libunistring resolves it for UTF-8."""
    cp = ord(ch)
    i = bisect.bisect_right(_STARTS, cp) - 1
    if i >= 0 and cp <= _ENDS[i]:
        return _CLASSES[i]
    return _default_class(cp, ch)


# Code points libunistring's uc_width counts as wide although unassigned.
_WIDE_UNASSIGNED = (
    (0x2E80, 0x303E), (0x3040, 0xA4CF), (0xF900, 0xFAFF), (0xFE10, 0xFE1F),
    (0xFE30, 0xFE6F), (0xFF00, 0xFF60), (0xFFE0, 0xFFE6), (0x1F200, 0x1F2FF),
    (0x20000, 0x3FFFF),
)  # fmt: skip
# Combining marks that libunistring 1.0 counts as one column.
_SPACING_MARKS = frozenset((0x0CBF, 0x0CC6, 0x11A07, 0x11A08, 0x11C3F))


@functools.lru_cache(maxsize=4096)
def char_width(ch: str) -> int:
    """Columns `ch` takes, as libunistring's uc_width: 0, 1 or 2 (controls 0)."""
    cp = ord(ch)
    if cp < 0x20 or 0x7F <= cp < 0xA0:
        return 0
    if 0x1160 <= cp <= 0x11FF or 0xD7B0 <= cp <= 0xD7C6 or 0xD7CB <= cp <= 0xD7FB:
        return 0  # Hangul medial vowels and final consonants join the syllable
    category = unicodedata.category(ch)
    if category in ("Mn", "Me", "Cf") and cp not in _SPACING_MARKS:
        return 0
    if category == "Cn":
        return 2 if any(lo <= cp <= hi for lo, hi in _WIDE_UNASSIGNED) else 1
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


PROHIBITED, POSSIBLE, MANDATORY, UNDEFINED = 0, 1, 2, 3


def possible_breaks(text: str) -> list[int]:
    """For each character, whether a line may break before it (UAX #14).

    Mirrors libunistring 1.0's u8_possible_linebreaks: returns PROHIBITED,
    POSSIBLE or MANDATORY per character.
    """
    result = [PROHIBITED] * len(text)
    prev_prop = BK  # class of the previous character
    last_prop = BK  # class of the last character that is not a space
    seen_space = False
    ri_count = 0
    for i, ch in enumerate(text):
        prop = line_break_class(ch)
        if prop in (BK, LF, CR):
            result[i] = MANDATORY
            prev_prop = prop
            last_prop = BK
            seen_space = False
        else:
            if prop == SP:
                seen_space = True
            elif prop == ZW:
                last_prop = ZW
                seen_space = False
            elif prop in (CM, ZWJ):
                if last_prop == BK:
                    last_prop = AL
                    seen_space = False
                elif last_prop == ZW or seen_space:
                    result[i] = POSSIBLE
                    last_prop = AL
                    seen_space = False
            else:
                if last_prop == BK:
                    brk = PROHIBITED
                elif last_prop == ZW:
                    brk = POSSIBLE
                elif prev_prop == ZWJ:
                    brk = PROHIBITED
                elif last_prop == RI and prop == RI:
                    brk = POSSIBLE if seen_space or ri_count % 2 == 0 else PROHIBITED
                elif prev_prop == _HL_BA:
                    brk = PROHIBITED
                else:
                    rule = _PAIRS[last_prop * 33 + prop]
                    brk = POSSIBLE if rule == "D" or (rule == "I" and seen_space) else PROHIBITED
                result[i] = brk
                last_prop = prop
                seen_space = False
            prev_prop = _HL_BA if prev_prop == HL and prop in (HY, BA) else prop
        ri_count = ri_count + 1 if prop == RI else 0
    return result


def width_breaks(text: str, width: int, start_column: int, overrides: list[int]) -> list[bool]:
    """Where to break `text` so lines fit in `width` columns (u8_width_linebreaks).

    `start_column` is the column the text starts at; `overrides[i]` forces the
    opportunity before character i unless it is UNDEFINED. Returns, for each
    character, True when a line break goes before it.
    """
    marks = possible_breaks(text)
    out = [False] * len(text)
    last_p = -1
    last_column = start_column
    piece_width = 0
    for i, ch in enumerate(text):
        brk = overrides[i] if overrides[i] != UNDEFINED else marks[i]
        if brk in (POSSIBLE, MANDATORY) and last_p >= 0 and last_column + piece_width > width:
            out[last_p] = True
            last_column = 0
        if brk == MANDATORY:
            last_p = -1
            last_column = 0
            piece_width = 0
        else:
            if brk == POSSIBLE:
                last_p = i
                last_column += piece_width
                piece_width = 0
            piece_width += char_width(ch)
    if last_p >= 0 and last_column + piece_width > width:
        out[last_p] = True
    return out


PAGE_WIDTH = 79  # msgcat's default --width
_NO_WRAP_WIDTH = 2**31 - 1  # gettext's INT_MAX when a string must not wrap
_ESCAPES = {
    "\a": "a", "\b": "b", "\f": "f", "\n": "n", "\r": "r", "\t": "t", "\v": "v",
    "\\": "\\", '"': '"',
}  # fmt: skip


def wrap_field(
    prefix: str,
    name: str,
    value: str,
    *,
    wrap: bool = True,
    flags: tuple[str, ...] = (),
    page_width: int = PAGE_WIDTH,
) -> list[str]:
    """The PO lines for keyword `name` with string `value`, as gettext writes them.

    `prefix` starts every line ("", "#~ ", "#| " or "#~| "). Like write-po.c's
    wrap(): the value is cut after each "\\n", each piece is escaped and
    line-broken to fit `page_width`, and when the value spans several lines
    the first line is `name ""`. `wrap=False` (the no-wrap flag) only cuts
    after "\\n". `flags` name the format language, whose directives are
    never broken.
    """
    protected = directive_interiors(value, flags) if value else set()
    lines: list[str] = []
    after_break = len(prefix) + 1  # column after the opening quote of a continuation
    width = (page_width if wrap else _NO_WRAP_WIDTH) - 1 - after_break
    first_line = True
    pos = 0
    while True:
        newline = value.find("\n", pos)
        end = len(value) if newline < 0 else newline + 1
        chars: list[str] = []
        overrides: list[int] = []
        for index in range(pos, end):
            ch = value[index]
            brk = PROHIBITED if index in protected else UNDEFINED
            escape = _ESCAPES.get(ch)
            if escape is None:
                chars.append(ch)
                overrides.append(brk)
            else:
                chars += ("\\", escape)
                overrides += (brk, PROHIBITED)
        if end > pos and value[end - 1] == "\n":
            overrides[-2] = PROHIBITED  # never break just before the final "\n"
        portion = "".join(chars)
        while True:
            start = len(prefix) + (len(name) + 1 if first_line else 0) + 1 - after_break
            breaks = width_breaks(portion, width, start, overrides)
            if first_line and portion and (end < len(value) or start > width or any(breaks)):
                lines.append(f'{prefix}{name} ""')
                first_line = False
                continue
            break
        head = f"{prefix}{name} " if first_line else prefix
        first_line = False
        line = [head, '"']
        for ch, brk in zip(portion, breaks, strict=True):
            if brk:
                line.append('"')
                lines.append("".join(line))
                line = [prefix, '"']
            line.append(ch)
        line.append('"')
        lines.append("".join(line))
        pos = end
        if pos >= len(value):
            return lines


_C_FLAGS = "-+ #0'I"
_C_SIZES = ("hh", "ll", "h", "l", "L", "q", "j", "z", "Z", "t")
_C_CONVERSIONS = "diouxXeEfFgGaAcCsSpn"


def _skip_digits(s: str, i: int) -> int:
    while i < len(s) and s[i].isascii() and s[i].isdigit():
        i += 1
    return i


def _python_directive_end(s: str, i: int, named: list[bool]) -> int:
    """Index of the last character of the python-format directive at s[i] == "%",
    or -1 when it is invalid (gettext's format-python.c then stops parsing)."""
    i += 1
    name = False
    if i < len(s) and s[i] == "(":
        depth = 0
        i += 1
        while i < len(s) and not (s[i] == ")" and depth == 0):
            depth += {"(": 1, ")": -1}.get(s[i], 0)
            i += 1
        if i >= len(s):
            return -1
        i += 1
        name = True
    while i < len(s) and s[i] in "-+ #0":
        i += 1
    for _ in range(2):  # width, then precision after "."
        if i < len(s) and s[i] == "*":
            if named and named[0]:
                return -1  # "*" needs a tuple argument
            named[:] = [False]
            i += 1
        else:
            i = _skip_digits(s, i)
        if i < len(s) and s[i] == ".":
            i += 1
        else:
            break
    if i < len(s) and s[i] in "hlL":
        i += 1
    if i >= len(s) or s[i] not in "%crsiduoxXeEfgG":
        return -1
    if s[i] != "%" or name:
        if named and named[0] != name:
            return -1  # mixes named and unnamed arguments
        named[:] = [name]
    return i


def _c_directive_end(s: str, i: int, named: list[bool]) -> int:
    """Like _python_directive_end for c-format (an approximation of format-c.c)."""
    i += 1
    j = _skip_digits(s, i)
    numbered = j > i and j < len(s) and s[j] == "$"
    if numbered:
        i = j + 1
    while i < len(s) and s[i] in _C_FLAGS:
        i += 1
    for _ in range(2):
        if i < len(s) and s[i] == "*":
            i += 1
            j = _skip_digits(s, i)
            if j > i and j < len(s) and s[j] == "$":
                i = j + 1
        else:
            i = _skip_digits(s, i)
        if i < len(s) and s[i] == ".":
            i += 1
        else:
            break
    for size in _C_SIZES:
        if s.startswith(size, i):
            i += len(size)
            break
    if i < len(s) and s[i] == "<":
        close = s.find(">", i)
        end = close if close > 0 and s[i + 1 : i + 4] in ("PRI", "SCN") else -1
    else:
        end = i if i < len(s) and s[i] in _C_CONVERSIONS + "%" else -1
    if end >= 0 and s[end] != "%":
        if named and named[0] != numbered:
            return -1  # mixes numbered ("%1$s") and unnumbered arguments
        named[:] = [numbered]
    return end


def directive_interiors(value: str, flags: tuple[str, ...]) -> set[int]:
    """Indices of characters inside a format directive, after its first character.

    gettext never breaks a line there. It parses the string with the first
    format language the flags mark as possible (c, then python); invalid
    directives, and everything after the first one, are not protected.
    """
    kinds = [f[: -len("-format")] for f in flags if f.endswith("-format")]
    kinds = [k.removeprefix("possible-") for k in kinds if not k.startswith(("no-", "impossible-"))]
    if "c" in kinds:
        directive_end = _c_directive_end
    elif "python" in kinds:
        directive_end = _python_directive_end
    else:
        return set()
    inside: set[int] = set()
    named: list[bool] = []
    i = value.find("%")
    while i >= 0:
        end = directive_end(value, i, named)
        if end < 0:
            break
        inside.update(range(i + 1, end + 1))
        i = value.find("%", end + 1)
    return inside

"""Line breaking of PO strings exactly as GNU gettext 0.21 does it.

GNU `msgcat` breaks each string with libunistring's `ulc_width_linebreaks`:
UAX #14 break opportunities, East Asian wide characters counting two columns,
at a page width of 79. This module re-implements that in pure Python so that
`format_po` writes the same bytes. Only the pieces gettext uses are here:
`possible_breaks` (libunistring's `u8_possible_linebreaks`), `width_breaks`
(`u8_width_linebreaks`) and `char_width` (`uc_width`).

Line-break classes come from `_TABLE` below: for the blocks that matter for
English, Korean and Chinese text (Latin-1, combining marks, Hangul Jamo,
general punctuation, currency, arrows/maths/box drawing/dingbats, CJK symbols
and punctuation, kana, CJK compatibility, vertical and small forms, fullwidth
forms, emoji), each entry "START[-END]:CLASS" is a range of code points
whose class (Unicode 14 LineBreak.txt as adjusted by libunistring 1.0, with
AI/SA/XX resolved to AL and CB to ID as libunistring does for UTF-8) differs
from the default rule in `_default_class`. Outside those blocks the default
rule is used: combining marks CM, decimal digits NU, wide/fullwidth ID,
everything else AL. Hangul syllables are H2 (LV) or H3 (LVT) by arithmetic.
"""

from __future__ import annotations

import bisect
import functools
import unicodedata

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

_TABLE = """
0-8:CM 9:BA A:LF B-C:BK D:CR E-1F:CM 20:SP 21:EX 22:QU 24:PR 25:PO 27:QU 28:OP1 29:CP1 2B:PR
2C:IS 2D:HY 2E:IS 2F:SY 3A-3B:IS 3F:EX 5B:OP1 5C:PR 5D:CP1 7B:OP1 7C:BA 7D:CL 7F-84:CM 85:BK
86-9F:CM A0:GL A1:OP1 A2:PO A3-A5:PR AB:QU AD:BA B0:PO B1:PR B4:BB BB:QU BF:OP1 2C8:BB 2CC:BB
2DF:BB 34F:GL 35C-362:GL 1100-115F:JL 1160-11A7:JV 11A8-11FF:JT 2000-2006:BA 2007:GL
2008-200A:BA 200B:ZW 200C:CM 200D:ZWJ 200E-200F:CM 2010:BA 2011:GL 2012-2013:BA 2014:B2
2018-2019:QU 201A:OP1 201B-201D:QU 201E:OP1 201F:QU 2024-2026:IN 2027:BA 2028-2029:BK
202A-202E:CM 202F:GL 2030-2037:PO 2039-203A:QU 203C-203D:NS 2044:IS 2045:OP1 2046:CL
2047-2049:NS 2056:BA 2058-205B:BA 205D-205F:BA 2060:WJ 2066-206F:CM 207D:OP1 207E:CL 208D:OP1
208E:CL 20A0-20A6:PR 20A7:PO 20A8-20B5:PR 20B6:PO 20B7-20BA:PR 20BB:PO 20BC-20BD:PR 20BE:PO
20BF:PR 20C0:PO 20C1-20CF:PR 2103:PO 2109:PO 2116:PR 2212-2213:PR 22EF:IN 2308:OP1 2309:CL
230A:OP1 230B:CL 2329:OP2 232A:CL 23E9-23EC:AL 23F1-23F2:ID1 25FD-25FE:AL 2600-2603:ID1
2618:ID1 261A-261C:ID1 261D:EB 261E-261F:ID1 2639-263B:ID1 2648-2653:AL 2668:ID1 2693:AL
26A1:AL 26AA-26AB:AL 26BF-26C3:ID1 26C6-26C8:ID1 26CD:ID1 26CE:AL 26CF-26D1:ID1 26D3:ID1
26D8-26D9:ID1 26DC:ID1 26DF-26E1:ID1 26F1:ID1 26F4:ID1 26F7-26F8:ID1 26F9:EB 26FE-2704:ID1
2705:AL 2708-2709:ID1 270A-270D:EB 2728:AL 274C:AL 274E:AL 2753-2755:AL 2757:AL 275B-2760:QU
2762-2763:EX 2764:ID1 2768:OP1 2769:CL 276A:OP1 276B:CL 276C:OP1 276D:CL 276E:OP1 276F:CL
2770:OP1 2771:CL 2772:OP1 2773:CL 2774:OP1 2775:CL 2795-2797:AL 27B0:AL 27BF:AL 27C5:OP1
27C6:CL 27E6:OP1 27E7:CL 27E8:OP1 27E9:CL 27EA:OP1 27EB:CL 27EC:OP1 27ED:CL 27EE:OP1 27EF:CL
2983:OP1 2984:CL 2985:OP1 2986:CL 2987:OP1 2988:CL 2989:OP1 298A:CL 298B:OP1 298C:CL 298D:OP1
298E:CL 298F:OP1 2990:CL 2991:OP1 2992:CL 2993:OP1 2994:CL 2995:OP1 2996:CL 2997:OP1 2998:CL
29D8:OP1 29D9:CL 29DA:OP1 29DB:CL 29FC:OP1 29FD:CL 2B1B-2B1C:AL 2B50:AL 2B55:AL 2E00-2E0D:QU
2E0E-2E15:BA 2E17:BA 2E18:OP1 2E19:BA 2E1C-2E1D:QU 2E20-2E21:QU 2E22:OP1 2E23:CL 2E24:OP1
2E25:CL 2E26:OP1 2E27:CL 2E28:OP1 2E29:CL 2E2A-2E2D:BA 2E2E:EX 2E30-2E31:BA 2E33-2E34:BA
2E3A-2E3B:B2 2E3C-2E3E:BA 2E40-2E41:BA 2E42:OP1 2E43-2E4A:BA 2E4C:BA 2E4E-2E4F:BA 2E53-2E54:EX
2E55:OP1 2E56:CL 2E57:OP1 2E58:CL 2E59:OP1 2E5A:CL 2E5B:OP1 2E5C:CL 2E5D:BA 3000:BA
3001-3002:CL 3005:NS 3008:OP2 3009:CL 300A:OP2 300B:CL 300C:OP2 300D:CL 300E:OP2 300F:CL
3010:OP2 3011:CL 3014:OP2 3015:CL 3016:OP2 3017:CL 3018:OP2 3019:CL 301A:OP2 301B:CL 301C:NS
301D:OP2 301E-301F:CL 3035:CM 303B-303C:NS 303F:ID1 3041:NS 3043:NS 3045:NS 3047:NS 3049:NS
3063:NS 3083:NS 3085:NS 3087:NS 308E:NS 3095-3096:NS 309B-309E:NS 30A0-30A1:NS 30A3:NS 30A5:NS
30A7:NS 30A9:NS 30C3:NS 30E3:NS 30E5:NS 30E7:NS 30EE:NS 30F5-30F6:NS 30FB-30FE:NS 31F0-31FF:NS
A960-A97C:JL D7B0-D7C6:JV D7CB-D7FB:JT FA6E-FA6F:ID1 FADA-FAFF:ID1 FE10:IS FE11-FE12:CL
FE13-FE14:IS FE15-FE16:EX FE17:OP2 FE18:CL FE19:IN FE35:OP2 FE36:CL FE37:OP2 FE38:CL FE39:OP2
FE3A:CL FE3B:OP2 FE3C:CL FE3D:OP2 FE3E:CL FE3F:OP2 FE40:CL FE41:OP2 FE42:CL FE43:OP2 FE44:CL
FE47:OP2 FE48:CL FE50:CL FE52:CL FE54-FE55:NS FE56-FE57:EX FE59:OP2 FE5A:CL FE5B:OP2 FE5C:CL
FE5D:OP2 FE5E:CL FE69:PR FE6A:PO FF01:EX FF04:PR FF05:PO FF08:OP2 FF09:CL FF0C:CL FF0E:CL
FF10-FF19:ID1 FF1A-FF1B:NS FF1F:EX FF3B:OP2 FF3D:CL FF5B:OP2 FF5D:CL FF5F:OP2 FF60-FF61:CL
FF62:OP2 FF63-FF64:CL FF65:NS FF66:ID1 FF67-FF70:NS FF71-FF9D:ID1 FF9E-FF9F:NS FFA0-FFBE:ID1
FFC2-FFC7:ID1 FFCA-FFCF:ID1 FFD2-FFD7:ID1 FFDA-FFDC:ID1 FFE0:PO FFE1:PR FFE5-FFE6:PR
FFF9-FFFB:CM FFFC:ID1 1F000-1F003:ID1 1F005-1F02B:ID1 1F02C-1F02F:ID2 1F030-1F093:ID1
1F094-1F09F:ID2 1F0A0-1F0AE:ID1 1F0AF-1F0B0:ID2 1F0B1-1F0BF:ID1 1F0C0:ID2 1F0C1-1F0CE:ID1
1F0D0:ID2 1F0D1-1F0F5:ID1 1F0F6-1F0FF:ID2 1F10D-1F10F:ID1 1F16D-1F16F:ID1 1F18E:AL
1F191-1F19A:AL 1F1AD:ID1 1F1AE-1F1E5:ID2 1F1E6-1F1FF:RI 1F203-1F20F:ID2 1F23C-1F23F:ID2
1F249-1F24F:ID2 1F252-1F25F:ID2 1F266-1F2FF:ID2 1F321-1F32C:ID1 1F336:ID1 1F37D:ID1 1F385:EB
1F394-1F39B:ID1 1F39E-1F39F:ID1 1F3B5-1F3B6:AL 1F3BC:AL 1F3C2-1F3C4:EB 1F3C7:EB 1F3CA-1F3CC:EB
1F3CD-1F3CE:ID1 1F3D4-1F3DF:ID1 1F3F1-1F3F3:ID1 1F3F5-1F3F7:ID1 1F3FB-1F3FF:EM 1F43F:ID1
1F441:ID1 1F442-1F443:EB 1F446-1F450:EB 1F466-1F478:EB 1F47C:EB 1F481-1F483:EB 1F485-1F487:EB
1F48F:EB 1F491:EB 1F4A0:AL 1F4A2:AL 1F4A4:AL 1F4AA:EB 1F4AF:AL 1F4B1-1F4B2:AL 1F4FD-1F4FE:ID1
1F500-1F506:AL 1F517-1F524:AL 1F532-1F53D:AL 1F54A:ID1 1F54F:ID1 1F568-1F573:ID1
1F574-1F575:EB 1F576-1F579:ID1 1F57A:EB 1F57B-1F58F:ID1 1F590:EB 1F591-1F594:ID1
1F595-1F596:EB 1F597-1F5A3:ID1 1F5A5-1F5D3:ID1 1F5DC-1F5F3:ID1 1F5FA:ID1 1F645-1F647:EB
1F64B-1F64F:EB 1F676-1F678:QU 1F679-1F67B:NS 1F6A3:EB 1F6B4-1F6B6:EB 1F6C0:EB 1F6C6-1F6CB:ID1
1F6CC:EB 1F6CD-1F6CF:ID1 1F6D3-1F6D4:ID1 1F6D8-1F6DC:ID2 1F6E0-1F6EA:ID1 1F6ED-1F6EF:ID2
1F6F0-1F6F3:ID1 1F6FD-1F6FF:ID2 1F774-1F77F:ID2 1F7D5-1F7D8:ID1 1F7D9-1F7DF:ID2
1F7EC-1F7EF:ID2 1F7F1-1F7FF:ID2 1F80C-1F80F:ID2 1F848-1F84F:ID2 1F85A-1F85F:ID2
1F888-1F88F:ID2 1F8AE-1F8AF:ID2 1F8B0-1F8B1:ID1 1F8B2-1F8FF:ID2 1F90C:EB 1F90F:EB
1F918-1F91F:EB 1F926:EB 1F930-1F939:EB 1F93B:ID1 1F93C-1F93E:EB 1F946:ID1 1F977:EB
1F9B5-1F9B6:EB 1F9B8-1F9B9:EB 1F9BB:EB 1F9CD-1F9CF:EB 1F9D1-1F9DD:EB 1FA54-1FA5F:ID2
1FA60-1FA6D:ID1 1FA6E-1FA6F:ID2 1FA75-1FA77:ID2 1FA7D-1FA7F:ID2 1FA87-1FA8F:ID2
1FAAD-1FAAF:ID2 1FABB-1FABF:ID2 1FAC3-1FAC5:EB 1FAC6-1FACF:ID2 1FADA-1FADF:ID2 1FAE8-1FAEF:ID2
1FAF0-1FAF6:EB 1FAF7-1FAFF:ID2
"""


def _parse_table() -> tuple[list[int], list[int], list[int]]:
    starts: list[int] = []
    ends: list[int] = []
    classes: list[int] = []
    for item in _TABLE.split():
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
    (0x2E80, 0x303E), (0x3040, 0xA4CF), (0xF900, 0xFAFF), (0xFE10, 0xFE19),
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
    if 0x1160 <= cp <= 0x11FF or 0xD7B0 <= cp <= 0xD7FF:
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

"""Line breaking in scripts beyond Latin and CJK, against GNU msgcat.

msgcat breaks with libunistring 1.0's line-break classes: Hebrew letters
are HL (no break after "א-"), the Armenian hyphen U+058A and the Khmer sign
U+17D4 are BA, the Arabic comma U+060C is IS, Thai and Khmer letters are AL
(libunistring resolves SA so), and so on. Each sample is written by msgcat at
many page widths, so that nearly every break opportunity is tried, and
must come out exactly as `wrap_field` writes it.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from locpipe.formats.powrap import wrap_field

SAMPLES = {
    "hebrew": "שלום עולם, זהו משפט ארוך בעברית עם מקף־עברי ו־מקף, א-ב ג–ד; האם זה עובד? "
    "כן! (בסוגריים) „ציטוט” ׳גרש׳ ״גרשיים״ 100% ₪20 ו/או",
    "armenian": "Բարեւ աշխարհ։ Սա հայերեն նախադասություն է՝ գծիկով֊ և ստորակետով, "
    "իսկ սա՝ երկրորդ մասն է։ Գինը 5֏ է, ոչ՞ «չակերտներ» (փակագծեր)",
    "khmer": "សួស្តី ពិភពលោក។ នេះគឺជាប្រយោគវែងមួយ ជាភាសាខ្មែរ៕ តើវាដំណើរការទេ? បាទ៖ ១២៣ ៛៥០ ៗ ឆ្នាំ២០២៤។",
    "arabic": "مرحبا بالعالم، هذه جملة طويلة باللغة العربية؛ هل تعمل؟ نعم ٪٥٠ و٣٫١٤ "
    "و١٬٠٠٠ ۔ «اقتباس» (أقواس) ؍ ؉ ٭ نهاية.",
    "thai": "สวัสดีชาวโลก นี่คือประโยคยาวๆ ในภาษาไทย ฯลฯ ๆ ราคา ฿๑๐๐ ครับ! (วงเล็บ) “คำพูด” ๏ ๚ ๛",
    "devanagari": "नमस्ते दुनिया। यह हिंदी में एक लंबा वाक्य है, जिसमें विराम चिह्न हैं॥ "
    "क्या यह काम करता है? हाँ! ₹१०० (कोष्ठक)",
    "mixed": "Greek; question; Ethiopic፡word፡space ። Tibetan་tsheg་marks༎ Mongolian᠂comma᠃ "
    "Ogham feather᚛text᚜ N'Ko߸ comma߹ Canadian᐀hyphen",
    # Unassigned code points that libunistring counts two columns (U+FE1A)
    # or one (U+D7C7, between Hangul jamo that count zero).
    "unassigned": " ".join(["\ufe1a\ufe1b\ufe1c", "한\ud7c7\ud7c8글", "\ud7fc\ud7fd"] * 6),
}
WIDTHS = range(20, 80, 3)  # msgcat treats a width under 20 as 20


def _msgcat_msgstrs(width: int, tmp_path: Path) -> dict[str, list[str]]:
    entries = "".join(f'msgid "{name}"\nmsgstr "{text}"\n\n' for name, text in SAMPLES.items())
    source = tmp_path / f"w{width}.po"
    header = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    source.write_text(header + entries, encoding="utf-8")
    out = subprocess.run(
        ["msgcat", "-w", str(width), str(source)], capture_output=True, check=True, text=True
    ).stdout
    found: dict[str, list[str]] = {}
    for block in out.split("\n\n")[1:]:
        lines = block.strip("\n").split("\n")
        name = lines[0].removeprefix('msgid "').removesuffix('"')
        start = next(i for i, line in enumerate(lines) if line.startswith("msgstr"))
        found[name] = lines[start:]
    return found


@pytest.mark.parametrize("width", WIDTHS)
def test_scripts_break_where_msgcat_breaks_them(width: int, tmp_path: Path) -> None:
    expected = _msgcat_msgstrs(width, tmp_path)
    for name, text in SAMPLES.items():
        assert wrap_field("", "msgstr", text, page_width=width) == expected[name], name

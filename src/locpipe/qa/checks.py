"""Quality checks over translated catalogues, aware of Chinese and Korean. Pure.

Made to gate CI: quiet on human translations (tuned on the ko and zh
catalogues Django and Sphinx ship, then held to the same rates on Mailman's
key-based catalogue and OpenStack Horizon's; tests/data/qa/real), loud on
real defects. Three severities: an **error** would break the app or surely
changes the meaning (`locpipe check` exits 1); a **warning** is worth a
look; **info** is a fact a team may well have decided on (a translation
kept in English). A finding on a fuzzy entry that no tool ships (a
carried-over translation waiting for review) is info: it cannot break the
app, and its state already asks for a review.

**Key catalogues** (`locpipe.qa.keys`): where msgids are keys
(`list:admin:notice:subscribe.txt`) each translation is compared with the
English text of an English catalogue; without one, such entries get only
the checks that need no source, and one `source` info finding says so.
Findings a team decided are fine are left out (`locpipe.qa.findings`).

Every active entry with a msgid is checked, machine and fuzzy ones included
(machine output is what most needs checking); an empty one is only reported
as untranslated. A plural entry's forms are each checked against
msgid_plural. Each check is one function in `PAIR_CHECKS` (one msgstr against
its source) or `ENTRY_CHECKS` (the whole entry); a check reports at most one
problem per msgstr, its notes joined. See `CHECKS` for what each one catches.

There are deliberately no bracket, colon or end-punctuation checks: Chinese
and Korean text writes （）：，。「」、！？ where English has ():,. and
tools that compare them (pofilter) flag correct translations.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from locpipe.catalog import State, state
from locpipe.documents import inline_markup as im
from locpipe.formats.headers import declared_nplurals
from locpipe.locales import parse_locale
from locpipe.model import Catalog, Message
from locpipe.placeholders import (
    CODE,
    ENTITY,
    ICU_FLAG,
    TAG,
    TEMPLATE_FLAG,
    Span,
    control_tokens,
    format_placeholders,
    from_rest,
    links,
    separate_rst,
    spans,
)
from locpipe.qa import hanzi, numerals, urls
from locpipe.qa.findings import (
    ERROR,
    INFO,
    NO_OPTIONS,
    SEVERITIES,
    WARNING,
    Options,
    Problem,
    decided,
)
from locpipe.qa.keys import Sources, is_key


@dataclass(frozen=True, slots=True)
class Pair:
    """One msgstr (`target`) and its source, with what the checks need to know."""

    source: str
    target: str
    flags: tuple[str, ...]
    language: str  # "ko", "zh", … ("" when the locale is unknown)
    script: str  # "Hang", "Hans", "Hant", … ("" when unknown)
    #: placeholders that may be missing (the singular of a plural entry may spell its number)
    optional: Counter[str]
    #: the singular msgid of a plural entry (msgstr[0] may copy it)
    singular: str = ""

    @property
    def identical(self) -> bool:
        target = self.target.strip()
        return target == self.source.strip() or (bool(self.singular) and target == self.singular)


#: (severity, note) from a check; a check yields none when all is well.
Note = tuple[str, str]

_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff]")
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_KANA = re.compile("[\u3040-\u30ff]")
_WIDE = re.compile(
    "[\u1100-\u11ff\u3000-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\uff00-\uffef]"
)
#: Full-width punctuation carries its own spacing: "Name: " → "名称：" drops the space.
_CJK_PUNCT = frozenset("（）：，。「」『』、！？；…【】《》〈〉“”‘’・～")
#: Non-space characters of a translation per non-space character of English,
#: measured on parallel news text (tests/support/corpus): ko 0.41, zh 0.33.
_EXPECTED_RATIO = {"zh": 0.33, "ko": 0.42, "ja": 0.45}
_DEFAULT_RATIO = 1.1
_RATIO_BAND = 2.5
#: Length is judged from this many non-space characters of English, and only
#: when the translation is off by at least `_MIN_GAP` characters' worth: the
#: ratio of short texts says little.
_MIN_LENGTH = 20
_MIN_GAP = 15
_WORD = re.compile(r"[A-Za-z]{3,}(?:['’-][A-Za-z]+)*")
_EDGE_PUNCT = ".,:;!?()[]\"'“”‘’«»…"
_TAG_NAME = re.compile(r"<(/?)([\w:.-]*)")
#: `name' — old-style TeX quotes in messages (Sphinx), not code spans.
_TEX_QUOTE = re.compile(r"(?<![\w`])`([^`'\s]+)'")
#: HTML elements: `<b>`, `<a href=…>` are markup; `<user>`, `<unspecified>` or
#: `<original entry>` are prose unless closed, self-closed or given attributes.
_HTML_TAGS = frozenset(
    """a abbr b bdi bdo big blockquote br button caption center cite code col dd del details
    dfn div dl dt em font form h1 h2 h3 h4 h5 h6 hr i img input ins kbd label li mark nav ol
    option p pre q s samp section select small span strike strong sub summary sup svg table
    tbody td th thead time tr tt u ul var wbr""".split()
)


#: Tags that only style text: losing a whole pair is a warning, not an error.
_STYLE_TAGS = frozenset("b strong i em u s mark small big font tt span".split())


@functools.lru_cache(maxsize=1024)
def _spans(text: str, flags: tuple[str, ...]) -> tuple[Span, ...]:
    """`placeholders.spans`, kept for the next check: each check of a pair
    asks for the spans of the same source and target again."""
    return tuple(spans(text, flags))


def _blank_spans(text: str, flags: tuple[str, ...]) -> str:
    """`text` with every protected span (placeholders, markup, URLs) made a space."""
    text = _TEX_QUOTE.sub(r"‘\1’", text)
    out, last = [], 0
    for span in _spans(text, flags):
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


# -- checks of one msgstr ---------------------------------------------------


#: `{}`, `{:>10}`, `{!r}`: numbered automatically, so each one takes the next argument.
_AUTO_FIELD = re.compile(r"\{[!:}]")


#: Flags that declare a format string (gettext's, and those locpipe reads).
_FORMAT_FLAGS = frozenset(
    {
        "c-format",
        "python-format",
        "python-brace-format",
        "javascript-format",
        TEMPLATE_FLAG,
        ICU_FLAG,
    }
)


def _auto_only(found: Counter[str]) -> bool | None:
    """True when every brace field of `found` is automatic (`{}`), False when
    every one is numbered (`{0}`), None otherwise (no fields, or both)."""
    kinds = {bool(_AUTO_FIELD.match(t)) for t in found if re.match(r"\{[\d!:}]", t)}
    return kinds.pop() if len(kinds) == 1 else None


def _number_fields(text: str) -> str:
    """`text` with its automatic brace fields numbered as str.format does: `{}: {}` → `{0}: {1}`."""
    count = iter(range(1000))
    return re.sub(r"(?<!\{)\{(?=[!:}])", lambda m: "{" + str(next(count)), text)


def _reusable(token: str) -> bool:
    """`%(name)s`, `%1$s`, `{name}`, `{0}`, `${name}`: taken by name or index,
    so a repeat still formats (a repeated `%s` or `{}` asks for one argument
    too many: `'{}: {}'.format(x)` raises IndexError)."""
    if _AUTO_FIELD.match(token):
        return False
    return token.startswith(("%(", "{", "$")) or re.match(r"%\d+\$", token) is not None


def check_placeholders(pair: Pair) -> Iterator[Note]:
    """printf, brace and `string.Template` placeholders lost, added or
    duplicated, also inside tag attributes, code spans and URLs. A repeat of a
    named or numbered one is a warning (it formats fine), and so is one added
    to a source that has none and no flag saying it is a format string (such
    a text is not formatted: "use \"{\" and \"}\"" → "\"{}\""); everything
    else, a `{}` more or less included, is an error."""
    expected = format_placeholders(pair.source, pair.flags)
    got = format_placeholders(pair.target, pair.flags)
    auto = (_auto_only(expected), _auto_only(got))
    if None not in auto and auto[0] != auto[1]:
        # "{}" → "{0}" formats alike: number the automatic fields of both.
        expected = format_placeholders(_number_fields(pair.source), pair.flags)
        got = format_placeholders(_number_fields(pair.target), pair.flags)
    for token in pair.optional:
        expected[token] = min(expected[token], got[token])
    unformatted = not expected and not _FORMAT_FLAGS.intersection(pair.flags)
    for note in _diff(+expected, got):
        harmless = note.startswith("duplicated") and _reusable(note.split(" ", 1)[1])
        yield (WARNING if harmless or unformatted else ERROR), note


def _tags(text: str, flags: tuple[str, ...]) -> Counter[str]:
    """The real tags of `text`, without attributes (translators may translate title="…")."""
    found: list[str] = []
    for s in _spans(text, flags):
        if s.kind == TAG:
            found.append(text[s.start : s.end])
        elif s.kind == im.HTML_CODE:  # `<code>…</code>`: its two tags
            token = text[s.start : s.end]
            found += [token[: token.index(">") + 1], token[token.rindex("<") :]]
    keys: list[tuple[str, str, str]] = []
    for token in found:
        m = _TAG_NAME.match(token)
        if token.startswith("<!--") or m is None:
            keys.append(("", "!--", "<!---->"))
            continue
        suffix = "/" if token.endswith("/>") else ""
        keys.append((m.group(1), m.group(2), f"<{m.group(1)}{m.group(2)}{suffix}>"))
    paired = {name for slash, name, _ in keys if slash} & {n for s, n, _ in keys if not s}
    real = Counter[str]()
    for (slash, name, key), token in zip(keys, found, strict=True):
        known = name == "!--" or name.lower() in _HTML_TAGS or name in paired
        if known or "=" in token or token.endswith("/>") or slash:
            real[key] += 1
    return real


def _balance(tags: Counter[str]) -> dict[str, int]:
    """Opening minus closing tags, by name."""
    found: Counter[str] = Counter()
    for key, n in tags.items():
        name = key.strip("</>")
        if not key.endswith("/>"):
            found[name] += -n if key.startswith("</") else n
    return {name: n for name, n in found.items() if n}


def _style_only(source: Counter[str], target: Counter[str]) -> bool:
    """True when the tags differ only by whole pairs of emphasis tags (`<b>…</b>`
    lost, `<em>` added): the HTML stays balanced and nothing but the styling changes."""
    changed = {key.strip("</>") for key in (source - target) + (target - source)}
    return changed <= _STYLE_TAGS and _balance(source) == _balance(target)


def _code_texts(text: str, flags: tuple[str, ...]) -> list[str]:
    plain = _TEX_QUOTE.sub(r"‘\1’", text)
    texts = []
    for s in _spans(plain, flags):
        token = plain[s.start : s.end]
        if s.kind == CODE:
            texts.append(token.strip("`"))
        elif s.kind == im.HTML_CODE:
            texts.append(html.unescape(token[token.index(">") + 1 : token.rindex("<")]))
    return texts


#: Inline markup of Markdown/MyST and reST (locpipe.documents.inline_markup),
#: with the severity of one lost or added: a lost link target, role or
#: footnote breaks the page; lost emphasis delimiters only look off. A bare
#: `[label]` is not checked: it is a link only where a definition exists, and
#: in app strings it is text a translator rightly translates ("[source]" →
#: "[소스]"); MT keeps it all the same, since it is masked.
_INLINE_SEVERITY = dict.fromkeys(im.LINK_KINDS - {im.REFERENCE}, ERROR)
_INLINE_SEVERITY |= dict.fromkeys({im.TARGET, im.SUBSTITUTION}, ERROR)
_INLINE_SEVERITY |= {im.ATTR_LIST: ERROR, im.JINJA: ERROR}
_INLINE_SEVERITY |= dict.fromkeys({im.EMPHASIS, im.SHORTCODE}, WARNING)


def _inline_markup(text: str, flags: tuple[str, ...]) -> dict[str, Counter[str]]:
    found: dict[str, Counter[str]] = {kind: Counter() for kind in _INLINE_SEVERITY}
    for span in _spans(text, flags):
        if span.kind in found:
            found[span.kind][text[span.start : span.end]] += 1
    return found


def check_markup(pair: Pair) -> Iterator[Note]:
    """HTML/XML tags lost or added (error; a whole pair of emphasis tags such
    as `<b>…</b>` only a warning; angle-bracketed prose such as `<user>` is
    not a tag); Markdown/MyST/reST link targets, labels, autolinks,
    footnotes, roles, targets and substitutions lost or added (error),
    emphasis delimiters (warning); inline code whose text is gone, and
    entities other than `&amp;` and punctuation not carried over (warning)."""
    source_tags, target_tags = _tags(pair.source, pair.flags), _tags(pair.target, pair.flags)
    for note in _diff(source_tags, target_tags):
        yield (WARNING if _style_only(source_tags, target_tags) else ERROR), note
    source_marks = _inline_markup(pair.source, pair.flags)
    target_marks = _inline_markup(pair.target, pair.flags)
    for kind, severity in _INLINE_SEVERITY.items():
        for note in _diff(source_marks[kind], target_marks[kind]):
            yield severity, note
    target_plain = html.unescape(pair.target)
    for code in _code_texts(pair.source, pair.flags):
        if code not in pair.target:
            yield WARNING, f"lost `{code}`"
    entities = [pair.source[s.start : s.end] for s in _spans(pair.source, ()) if s.kind == ENTITY]
    for entity in dict.fromkeys(entities):
        char = html.unescape(entity)
        kept = entity in pair.target or char in target_plain
        # &amp; may become 和/및; &#39;, &mdash; … are punctuation the language spells its way
        if (
            not kept
            and entity != "&amp;"
            and not unicodedata.category(char[:1] or "C").startswith("P")
        ):
            yield WARNING, f"lost {entity}"


def check_urls(pair: Pair) -> Iterator[Note]:
    """URLs and e-mail addresses, also in attributes, not carried over
    unchanged; one whose only change is its locale (`/en-US/` → `/ko/`,
    `hl=en` → `hl=zh-CN`) points at the translated page and is fine."""
    source, target = links(pair.source), links(pair.target)
    for lost, added in urls.localised(+(source - target), +(target - source), pair.language):
        source[lost] -= 1
        target[added] -= 1
    for note in _diff(+source, +target):
        yield ERROR, note


def check_numbers(pair: Pair) -> Iterator[Note]:
    """A numeral of the source missing (error) or one the source does not
    account for (warning alone, error with a missing one: a changed number).
    Month and day names, ordinals, number words, radix words, CJK dates,
    full-width digits, grouping and scale words (万, 억) are understood."""
    missing, added = numerals.compare(
        _blank_spans(pair.source, pair.flags), _blank_spans(pair.target, pair.flags)
    )
    if missing or added:
        parts = [f"{n.text} missing" for n in missing] + [f"{n.text} added" for n in added]
        yield (ERROR if missing else WARNING), "numbers differ: " + ", ".join(parts)


def _words(text: str, flags: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """(tokens, English words) of `text` outside spans; a word is a token of
    3+ letters only, so identifiers ("plugin_name", "sha1", "^account/$") have none."""
    tokens = _blank_spans(text, flags).split()
    return tokens, [w for t in tokens if _WORD.fullmatch(w := t.strip(_EDGE_PUNCT))]


def _has_words(text: str, flags: tuple[str, ...]) -> bool:
    """True when `text` has English words to translate (not a lone name like
    "GitHub", nor an identifier)."""
    tokens, words = _words(text, flags)
    if len(words) != 1 or len(tokens) != 1:
        return bool(words)
    word = words[0]
    return not (word.isupper() or any(c.isupper() for c in word[1:]))


#: The most words a UI term kept in English has ("Fixed IP", "Floating IP Address").
_TERM_WORDS = 3


def _kept_in_english(pair: Pair) -> bool:
    """A translation made only of the source's own English words ("Fixed
    IPs" → "Fixed IP"): the team kept the term, as when it is identical."""
    if _HANGUL.search(pair.target) or _HAN.search(pair.target) or _KANA.search(pair.target):
        return False
    _, target_words = _words(pair.target, pair.flags)
    if len(target_words) > _TERM_WORDS or len(pair.source.split()) > _TERM_WORDS:
        return False  # a sentence left in English is not a kept term
    source_words = {w.casefold().rstrip("s") for w in _words(pair.source, pair.flags)[1]}
    return bool(target_words) and all(
        w.casefold().rstrip("s") in source_words for w in target_words
    )


def check_identical(pair: Pair) -> Iterator[Note]:
    """msgstr equal to msgid, or made only of its English words (info: teams
    keep UI terms in English); a lone name ("GitHub"), an identifier or a
    name in Title Case ("Debug Toolbar") is not reported."""
    if not _has_words(pair.source, pair.flags):
        return
    if pair.identical:
        tokens, words = _words(pair.source, pair.flags)
        if not (len(tokens) > 1 and all(w[0].isupper() for w in words)):
            yield INFO, "translation is identical to the source"
    elif _kept_in_english(pair):
        yield INFO, "translation keeps the source's English words"


def check_script(pair: Pair) -> Iterator[Note]:
    """Hangul in a zh translation the source does not have (error); a ko
    translation with letters but no Hangul, a zh one with no Han, Simplified
    characters in a Traditional locale (zh_TW, zh_Hant) or the reverse
    (warning). Translations of digits and symbols only ("one" → "1") are fine."""
    plain = _blank_spans(pair.target, pair.flags)
    if pair.language == "zh" and _HANGUL.search(plain) and not _HANGUL.search(pair.source):
        yield ERROR, "Hangul in a Chinese translation"
        return
    if pair.identical or not _has_words(pair.source, pair.flags) or _kept_in_english(pair):
        return
    if not any(c.isalpha() for c in plain):
        return
    if pair.language == "ko" and not _HANGUL.search(plain):
        yield WARNING, "no Hangul in a Korean translation"
    elif pair.language == "zh" and not _HAN.search(plain):
        yield WARNING, "no Chinese characters in a Chinese translation"
    elif pair.language == "zh" and (wrong := hanzi.other_variant(plain, pair.script)):
        expected = "Traditional" if pair.script == "Hant" else "Simplified"
        yield WARNING, f"not {expected} Chinese: {''.join(wrong)}"
    elif pair.language == "ja" and not (_KANA.search(plain) or _HAN.search(plain)):
        yield WARNING, "no kana or kanji in a Japanese translation"


#: (pattern, repeats from which it is a warning, an error): one syllable or
#: character, then a unit of 2-40 characters (a word, a phrase).
_LOOPS = ((re.compile(r"(.)\1{4,}"), 5, 7), (re.compile(r"(.{2,40}?)\1{2,}"), 3, 4))


def _squash(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


def _loops(text: str) -> Iterator[tuple[str, int, int, int]]:
    """(unit, times, warn_at, error_at) of each run of a repeated unit in
    `text`, spaces and punctuation ignored."""
    for pattern, warn_at, error_at in _LOOPS:
        for m in pattern.finditer(_squash(text)):
            unit = m.group(1)
            if any(c.isalpha() for c in unit):
                yield unit, len(m.group(0)) // len(unit), warn_at, error_at


def check_repetition(pair: Pair) -> Iterator[Note]:
    """The same syllable or phrase many times in a row, the typical MT loop:
    error from 4 repeats (7 for one character), warning from 3 (5). A unit
    the source has as often is not a loop ("very very very", "opt", "-opt
    args", "--opt args" …)."""
    if pair.identical:
        return
    in_source = max((times for _, times, _, _ in _loops(pair.source)), default=0)
    squashed_source = _squash(pair.source)
    for unit, times, warn_at, error_at in _loops(pair.target):
        if times >= warn_at and times > max(in_source, squashed_source.count(unit)):
            yield (
                (ERROR if times >= error_at else WARNING),
                f"“{unit}” repeated {times} times in a row",
            )
            return


#: Spans that hold translated text: a bracketed label, emphasis delimiters.
_TEXT_SPANS = frozenset({im.REFERENCE, im.EMPHASIS})


def _prose(text: str, flags: tuple[str, ...]) -> str:
    """`text` with its protected spans blanked, but for those whose text is
    translated ("[No details]" → "[세부 정보 없음]" is words, not markup)."""
    out, last = [], 0
    for span in _spans(text, flags):
        if span.kind not in _TEXT_SPANS:
            out += [text[last : span.start], " "]
            last = span.end
    out.append(text[last:])
    return "".join(out)


def _equivalent_length(text: str, flags: tuple[str, ...], ratio: float) -> float:
    """Non-space characters as English would count them: a CJK character is
    worth 1/ratio, a Latin letter or digit 1 ("Makefile" is as long in both)."""
    plain = _prose(text, flags)
    wide = sum(1 for c in plain if _WIDE.match(c))
    narrow = sum(1 for c in plain if not c.isspace()) - wide
    return wide / ratio + narrow


def check_length(pair: Pair) -> Iterator[Note]:
    """Far shorter or longer than usual for the language (warning), counted in
    non-space characters: Chinese needs about a third as many as English,
    Korean about 0.4; Latin words kept in the translation count as in English.
    Only from 20 characters of English and a gap of 15 characters' worth, and
    never for a translation with no text of its own (other checks say what
    it lost)."""
    if pair.identical:
        return
    src = sum(not c.isspace() for c in _prose(pair.source, pair.flags))
    if src < _MIN_LENGTH:
        return
    expected = _EXPECTED_RATIO.get(pair.language, _DEFAULT_RATIO)
    tgt = _equivalent_length(pair.target, pair.flags, expected)
    if tgt < 1 or abs(tgt - src) < _MIN_GAP or 1 / _RATIO_BAND <= tgt / src <= _RATIO_BAND:
        return
    word = "short" if tgt < src else "long"
    yield WARNING, f"translation looks too {word} (about {round(tgt)} characters' worth for {src})"


def check_tokens(pair: Pair) -> Iterator[Note]:
    """Control tokens of a translation model (`<unk>`, `<s>`, `</s>`,
    `<blank>`, ` ⁇ `) the source does not have (error): machine output
    that must not ship, or a person's copy of it."""
    extra = control_tokens(pair.target, pair.source)
    if extra:
        yield ERROR, "model control token " + ", ".join(dict.fromkeys(extra))


def _edges(text: str) -> tuple[str, str]:
    """The leading and the trailing whitespace of `text`."""
    body = text.strip()
    if not body:
        return text, ""
    lead = text[: text.index(body)]
    return lead, text[len(lead) + len(body) :]


def _spacing_ok(source_ws: str, target_ws: str, neighbour: str, language: str) -> bool:
    """Whitespace the translation adds; indentation around a line break
    (template layout, insignificant in HTML); a space dropped next to
    full-width punctuation, or in Chinese, which writes no spaces between words."""
    if not source_ws or "\n" in source_ws:
        return True
    return not target_ws and (neighbour in _CJK_PUNCT or language == "zh")


def check_whitespace(pair: Pair) -> Iterator[Note]:
    """A leading/trailing newline on one side only, which `msgfmt --check`
    rejects (error); leading or trailing spaces of the source dropped or
    changed, which breaks messages built by concatenation (warning). See
    `_spacing_ok` for what is fine ("Name: " → "名称：")."""
    source, target = pair.source, pair.target
    (src_lead, src_trail), (tgt_lead, tgt_trail) = _edges(source), _edges(target)
    body = target.strip()
    edges = (
        ("leading", "begin", str.startswith, src_lead, tgt_lead, body[:1]),
        ("trailing", "end", str.endswith, src_trail, tgt_trail, body[-1:]),
    )
    for where, verb, at, src_ws, tgt_ws, neighbour in edges:
        if at(source, "\n") != at(target, "\n"):
            yield ERROR, f"msgid and msgstr do not both {verb} with \\n"
        elif src_ws != tgt_ws and not _spacing_ok(src_ws, tgt_ws, neighbour, pair.language):
            yield WARNING, f"{where} whitespace {src_ws!r} became {tgt_ws!r}"


#: name → (what it catches, the function). Add a check here: a function of a
#: `Pair` that yields (severity, note).
PAIR_CHECKS: dict[str, Callable[[Pair], Iterator[Note]]] = {
    "placeholders": check_placeholders,
    "markup": check_markup,
    "urls": check_urls,
    "numbers": check_numbers,
    "whitespace": check_whitespace,
    "identical": check_identical,
    "script": check_script,
    "repetition": check_repetition,
    "length": check_length,
    "tokens": check_tokens,
}
#: What still runs on an entry whose source text is unknown (a key msgid
#: without its English catalogue): the checks that read the translation alone.
TARGET_ONLY = frozenset({"script", "repetition", "tokens"})


# -- checks of a whole entry ------------------------------------------------


@dataclass(frozen=True, slots=True)
class Entry:
    """A message with what its catalogue says about plurals."""

    message: Message
    nplurals: int | None  # from the header's Plural-Forms, None when absent


def check_untranslated(entry: Entry) -> Iterator[Note]:
    """An empty msgstr, or some empty plural forms (warning)."""
    message = entry.message
    if message.translated and message.translations:
        return
    empty = [i for i, t in enumerate(message.translations) if not t]
    if message.msgid_plural is None or len(empty) == len(message.translations):
        yield WARNING, "not translated"
    else:
        yield WARNING, f"msgstr[{', '.join(map(str, empty))}] empty"


def check_plurals(entry: Entry) -> Iterator[Note]:
    """A plural entry whose number of msgstr[n] is not the header's nplurals
    (error: gettext looks up a form that is not there); not an untranslated
    one, which nothing compiles."""
    forms = len(entry.message.msgstr_plural)
    if not any(entry.message.msgstr_plural):
        return
    if entry.message.msgid_plural is not None and entry.nplurals not in (None, forms):
        yield (
            ERROR,
            f"{forms} plural form(s), the header's Plural-Forms says nplurals={entry.nplurals}",
        )


def check_rst_spacing(entry: Entry) -> Iterator[Note]:
    """reST markup a translation glues to a letter (`` :doc:`usage`을 ``,
    ``` ``pip``를 ```), which docutils shows raw (warning; the .mo gets an
    escaped space there, `\\ `, and the .po should too). Only entries from
    reST sources (a `#:` reference to a .rst or .txt file)."""
    message = entry.message
    if not from_rest(message.references):
        return
    sources = [message.msgid_plural or message.msgid] * len(message.translations)
    for source, target in zip(sources, message.translations, strict=True):
        if target and separate_rst(source, target) != target:
            yield WARNING, "reST markup touches a letter: write `\\ ` between them"
            return


ENTRY_CHECKS: dict[str, Callable[[Entry], Iterator[Note]]] = {
    "plurals": check_plurals,
    "untranslated": check_untranslated,
    "rst-spacing": check_rst_spacing,
}

#: Every check by name, with the first line of what it catches (README, --help).
CHECKS = {
    name: (func.__doc__ or "").split("\n\n")[0].replace("\n    ", " ").strip()
    for name, func in {**ENTRY_CHECKS, **PAIR_CHECKS}.items()
} | {
    "source": "Key msgids (`help.txt`) with no English catalogue to compare their "
    "translations with (info, once per file)."
}


def _merge(check: str, notes: list[Note]) -> tuple[str, str, str] | None:
    """One finding per check: the worst severity, the notes joined."""
    if not notes:
        return None
    severity = next(level for level in SEVERITIES if any(s == level for s, _ in notes))
    return check, severity, ", ".join(n for _, n in notes)


def _pair_findings(
    pair: Pair, checks: Sequence[str], prefix: str = ""
) -> Iterator[tuple[str, str, str]]:
    for check in checks:
        finding = _merge(check, list(PAIR_CHECKS[check](pair)))
        if finding is not None:
            yield finding[0], finding[1], prefix + finding[2]


def _findings(
    entry: Entry, language: str, script: str, source: str | None
) -> Iterator[tuple[str, str, str]]:
    """The findings of one entry; `source` is its English text when that is
    not its msgid ("" when unknown: a key without its English catalogue)."""
    for check, run in ENTRY_CHECKS.items():
        finding = _merge(check, list(run(entry)))
        if finding is not None:
            yield finding
            if check == "untranslated":
                return
    message, flags = entry.message, entry.message.flags
    checks = [c for c in PAIR_CHECKS if source != "" or c in TARGET_ONLY]
    if message.msgid_plural is None:
        text = message.msgid if source is None else source
        pair = Pair(text, message.msgstr, flags, language, script, Counter())
        yield from _pair_findings(pair, checks)
        return
    # With several forms, one may spell out its number ("one file"), so
    # placeholders only the plural msgid has need not appear in every form.
    optional: Counter[str] = Counter()
    if (entry.nplurals or 2) > 1:
        optional = format_placeholders(message.msgid_plural, flags) - format_placeholders(
            message.msgid, flags
        )
    for i, form in enumerate(message.msgstr_plural):
        pair = Pair(message.msgid_plural, form, flags, language, script, optional, message.msgid)
        yield from _pair_findings(pair, checks, f"msgstr[{i}]: ")


def _harm(severity: str, message: Message) -> tuple[str, str]:
    """(severity, suffix): a fuzzy entry no tool ships (a carried-over
    translation, not machine output) cannot break the app and is already
    marked for review, so what it lacks is told as info for its reviewer."""
    if message.fuzzy and state(message) is State.FUZZY:
        return INFO, " (fuzzy: not shipped)"
    return severity, ""


def check_catalog(
    catalog: Catalog,
    path: str,
    locale: str,
    options: Options = NO_OPTIONS,
    sources: Sources | None = None,
) -> list[Problem]:
    """The problems of the active entries of `catalog` (read from `path`, in
    `locale`, any spelling: `ko_KR`, `zh_Hans`, `zh_TW` …), in file order;
    `line` is each entry's `lineno`. `sources` are the English texts of a
    key catalogue (see `english_texts`); without them, key entries are
    checked only for what needs no source, and one `source` info says so.
    Findings `options` or the entry's `# check: ignore=` decided are left out."""
    parsed = parse_locale(locale)
    language, script = (parsed.language, parsed.script) if parsed is not None else ("", "")
    nplurals = declared_nplurals(catalog.header_field("Plural-Forms") or "")
    problems: list[Problem] = []
    unsourced: list[Message] = []
    for m in catalog.active():
        if not m.msgid:
            continue
        source = (sources or {}).get((m.msgctxt, m.msgid))
        if source is None and is_key(m):
            source = ""
            unsourced.append(m)
        for check, severity, text in _findings(Entry(m, nplurals), language, script, source):
            if check == "identical" and m.msgid.strip() in options.identical_allowed:
                continue
            severity, suffix = _harm(severity, m)
            problem = Problem.of(path, m, check, text + suffix, severity)
            if not decided(problem, m, options):
                problems.append(problem)
    if unsourced and "source" not in options.disabled:
        first = unsourced[0]
        problems.insert(
            0,
            Problem.of(
                path,
                first,
                "source",
                f"{len(unsourced)} msgid(s) are keys, such as {first.msgid!r}, and no "
                "English catalogue gives their text: placeholders, markup, URLs and "
                "numbers of those were not compared (give the English catalogue: "
                "--source-catalogue, or the check_source_catalogue setting)",
                INFO,
            ),
        )
    return problems

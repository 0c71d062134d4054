"""Placeholders and markup: find them, hide them from MT, put them back. Pure.

A *protected span* is text a translation must carry over unchanged: printf
directives (`%s`, `%(name)s`, `%1$d`, `%.2f`, `%%`), brace fields (`{0}`,
`{name!r:>10}`, `{{count}}`), `string.Template` placeholders (`${name}`,
`$name`), AngularJS expressions in `{$ … $}` (OpenStack Horizon's
delimiters), the placeholders of JavaScript gettext
libraries (gettext.js `%1`, i18next `{{name}}` and `$t(key)`), ICU MessageFormat
(`{name}`, `{count, plural, one {# file} other {# files}}`) in entries flagged
`icu-message-format`, HTML/XML tags and entities, Markdown inline code, URLs
and e-mail addresses, and the inline markup of Markdown/MyST and reST listed
in `MARKUP_FINDERS` (link targets and labels, footnotes, autolinks, roles,
substitutions, emphasis delimiters; see `locpipe.documents.inline_markup`).

printf and brace directives are found with full rules when the entry's flags
say so (`c-format`, `python-format`, `python-brace-format`), not at all when a
`no-…` flag says so, and otherwise only where the text clearly is a format
string: `%(name)s` and `%1$s` always; `%s`, `%d`, `%.2f` … only when not glued
to a following letter and without the space flag, so "5% off" is not `% o`;
`%%` only next to another directive. `string.Template` placeholders
likewise: with `python-template-format` every `$name`, `${name}` and `$$`;
otherwise `${name}` (also dotted, `${mlist.display_name}`, as Mailman
writes) and a bare `$name` of at least two letters (`$listname`, `$HOME`),
never `$5` or a lone `$`. On real catalogues (Mailman, Postorius, Horizon,
Sphinx) every `$name` outside `{$ … $}` is a variable the text must keep.

**Sentinels.** `mask` replaces each span by `ZX<n>Z` (`ZX0Z`, `ZX1Z`, …).
Translation models keep uppercase Latin codes such as product numbers as they
are, SentencePiece splits these into pieces every Argos vocabulary has, and
there is no punctuation to lose: `_` becomes a space in Argos' tokeniser,
brackets and `<>` are dropped or rewritten, private-use characters become
`<unk>`. The closing `Z` keeps the index apart from digits the model writes
next to it ("ZX1Z2024年"). `unmask` accepts the spellings a model or its
detokeniser produces: any case, full-width letters and digits, and a space
inside. Text in the source that already looks like a sentinel is masked too,
so restoring can never mistake it for one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from locpipe.documents import inline_markup as im

#: Span kinds, in the order they win when two spans start at the same place.
PRINTF, BRACE, TEMPLATE, ICU, TAG, ENTITY, CODE, URL, EMAIL, SENTINEL = (
    "printf",
    "brace",
    "template",
    "icu",
    "tag",
    "entity",
    "code",
    "url",
    "email",
    "sentinel",
)
#: Kinds that count as format placeholders (what `placeholders` returns).
FORMAT_KINDS = frozenset({PRINTF, BRACE, TEMPLATE, ICU})

#: The flag that says an entry is a `string.Template` (gettext has none; the
#: name follows its `python-format`, `python-brace-format`).
TEMPLATE_FLAG = "python-template-format"

#: The flag that says an entry is an ICU MessageFormat string (Weblate's name).
ICU_FLAG = "icu-message-format"

_PRINTF_FULL = re.compile(
    r"%(?:\([^()\s]*\))?(?:\d+\$)?[-+ #0']*(?:\*(?:\d+\$)?|\d+)?(?:\.(?:\*(?:\d+\$)?|\d+))?"
    r"(?:hh|h|ll|l|L|q|j|z|t|I64|I32)?[diouxXeEfFgGaAcCsSpnr%]"
)
_PRINTF_CLEAR = re.compile(
    r"%%"
    r"|%\([^()\s]+\)[-+ #0]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]"
    r"|%\d+\$[-+#0']*\d*(?:\.\d+)?(?:hh|h|ll|l|L|z|j|t)?[diouxXeEfFgGaAcsp]"
    r"|%[-+#0]?\d*(?:\.\d+)?(?:ll|l|h|z)?[sdiufxXeEgGc](?![A-Za-z])"
)
# {{count}}, {{- html}}, {{price, currency}}: i18next and Handlebars.
_MUSTACHE = re.compile(r"\{\{-?\s*[A-Za-z_][\w.-]*\s*(?:,[^{}]*)?\}\}")
_BRACE = re.compile(
    r"\{(?:\d+|[A-Za-z_]\w*)?(?:\.\w+|\[[^\[\]{}]*\])*(?:![rsa])?(?::[^{}]*(?:\{[^{}]*\}[^{}]*)*)?\}"
)
_BRACE_ESCAPE = re.compile(r"\{\{|\}\}")
#: `string.Template`: `${name}` (dotted names too), `$name`, the `$$` escape.
#: Names are ASCII, as string.Template's idpattern: "$HOME에서" is `$HOME`.
_TEMPLATE_FULL = re.compile(r"\$(?:\{[A-Za-z_][A-Za-z0-9_.]*\}|[A-Za-z_][A-Za-z0-9_]*|\$)")
_TEMPLATE_CLEAR = re.compile(
    r"(?<!\$)\$\{[A-Za-z_][A-Za-z0-9_.]*\}|(?<![\w$])\$[A-Za-z_][A-Za-z0-9_]+"
)
#: AngularJS expressions between Horizon's interpolation delimiters: `{$ ctrl.max + 1 $}`.
_ANGULAR = re.compile(r"\{\$[^{}$]*\$\}")
#: A JavaScript string literal inside one: its text is translated.
_LITERAL = re.compile(r"'[^']*'|\"[^\"]*\"")
_TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][\w:.-]*(?:\s+[^<>]*?)?\s*/?>", re.DOTALL)
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]*|#\d+|#[xX][0-9A-Fa-f]+);")
_CODE = im.CODE_RE
# CJK punctuation, full-width forms and typographic quotes end a URL:
# "见https://x.org。", "such as “https://”".
_URL = re.compile(
    r"(?<![A-Za-z0-9.+-])(?:(?:https?|ftp)://|www\.)"
    r"[^\s<>\"'`\u2018-\u201f\u2039\u203a\u00ab\u00bb\u3000-\u303f\uff00-\uffef]+",
    re.IGNORECASE,
)
_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._+-])[A-Za-z0-9][A-Za-z0-9._+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
)
_URL_TRAILING = ".,;:!?'\"*"

#: Placeholders of JavaScript gettext libraries that no `#,` flag announces
#: (xgettext marks only `%s`/`%d` strings `javascript-format`), found whenever
#: printf directives are looked for: (pattern, kind, example).
_JS_PLACEHOLDERS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"%[1-9](?![\d$])"), PRINTF, "gettext.js: 'Hello %1, you have %2 messages'"),
    (re.compile(r"\$t\([^()\n]*\)"), BRACE, "i18next nesting: 'See $t(common.help)'"),
)
#: Inline markup of Markdown/MyST and reST: one finder per construct, each
#: returning (start, end, kind) spans (locpipe.documents.inline_markup has an example of
#: each). Add a construct here to have it masked, restored and checked.
MARKUP_FINDERS: tuple[Callable[[str], im.Found], ...] = (
    im.markdown_links,  # [text](target), ![alt](src), [text][label], [label]
    im.footnotes,  # [^name], [^name]: …
    im.autolinks,  # <https://…>, <a@b.org>
    im.roles,  # {doc}`usage`, :py:class:`Foo`
    im.targets,  # (label)=
    im.rst_links,  # `text <url>`_, `label`_
    im.substitutions,  # |version|
    im.emphasis,  # **strong**, *em*
    im.attr_lists,  # { .class }, {: #id }
    im.shortcodes,  # :material-check:, :smile:
    im.html_code,  # <code>text</code>
    im.jinja_tags,  # {% include-markdown "x.md" %}
)
#: Span kinds in the order they win when two spans start at the same place.
_ORDER = [
    im.JINJA,
    im.TARGET,
    im.ROLE,
    im.RST_LINK,
    im.AUTOLINK,
    URL,
    EMAIL,
    CODE,
    im.FOOTNOTE,
    im.LINK_OPEN,
    im.LINK_CLOSE,
    im.REFERENCE,
    im.HTML_CODE,
    TAG,
    ICU,
    PRINTF,
    TEMPLATE,
    BRACE,
    ENTITY,
    im.SUBSTITUTION,
    im.EMPHASIS,
    im.ATTR_LIST,
    im.SHORTCODE,
    SENTINEL,
]

#: A sentinel as written by `mask`, and as a model may give it back.
SENTINEL_RE = re.compile(r"[ZzＺｚ][ \u3000]?[XxＸｘ][ \u3000]?(\d{1,4})[ \u3000]?[ZzＺｚ]")


# Text just before a sentinel that would make "ZX1" + "ZX0Z" read as "ZX1Z".
_SENTINEL_PREFIX = re.compile(r"[ZzＺｚ][ \u3000]?[XxＸｘ][ \u3000]?\d{1,4}[ \u3000]?\Z")


def sentinel(index: int) -> str:
    """The sentinel that stands for protected span number `index`."""
    return f"ZX{index}Z"


@dataclass(frozen=True, slots=True)
class Span:
    """A protected span `text[start:end]` and what kind of thing it is."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True, slots=True)
class Masked:
    """`text` with each protected span replaced by a sentinel; `tokens[i]` is
    the original text of sentinel `i`."""

    text: str
    tokens: tuple[str, ...]
    #: Per token: (lowest running depth, net depth) of the link openers and
    #: closers it holds, so `unmask` can tell a link whose brackets moved apart.
    links: tuple[tuple[int, int], ...] = ()


def _mode(flags: Sequence[str], positive: tuple[str, ...], negative: tuple[str, ...]) -> str:
    if any(f in positive for f in flags):
        return "full"
    if any(f in negative for f in flags):
        return "off"
    return "clear"


def _url_end(text: str, start: int, end: int) -> int:
    """Cut at a closing bracket the URL did not open (`[a](https://x.org/)-b`
    ends before `)`), then trim trailing punctuation."""
    depth = {")": 0, "]": 0}
    for i in range(start, end):
        char = text[i]
        if char in "([":
            depth[")" if char == "(" else "]"] += 1
        elif char in ")]":
            depth[char] -= 1
            if depth[char] < 0:
                end = i
                break
    while end > start:
        last = text[end - 1]
        if last in _URL_TRAILING or (last in ")]" and _unbalanced(text[start:end], last)):
            end -= 1
        else:
            break
    return end


def _unbalanced(url: str, closing: str) -> bool:
    opening = "(" if closing == ")" else "["
    return url.count(closing) > url.count(opening)


def _urls(text: str) -> list[Span]:
    """The URLs of `text`, each cut where `_url_end` says it ends."""
    found = []
    for m in _URL.finditer(text):
        end = _url_end(text, m.start(), m.end())
        if end > m.start():
            found.append(Span(m.start(), end, URL))
    return found


def _candidates(text: str, flags: Sequence[str]) -> list[Span]:
    found: list[Span] = []
    printf = _mode(flags, ("c-format", "python-format"), ("no-c-format", "no-python-format"))
    if printf != "off":
        pattern = _PRINTF_FULL if printf == "full" else _PRINTF_CLEAR
        spans = [Span(m.start(), m.end(), PRINTF) for m in pattern.finditer(text)]
        if printf == "clear" and all(text[s.start : s.end] == "%%" for s in spans):
            spans = []  # "100%% sure" is not a format string on its own
        found += spans
        for pattern, kind, _example in _JS_PLACEHOLDERS:
            found += [Span(m.start(), m.end(), kind) for m in pattern.finditer(text)]
    brace = _mode(flags, ("python-brace-format",), ("no-python-brace-format",))
    if ICU_FLAG in flags:
        found += icu_spans(text)
    elif brace != "off":
        found += [Span(m.start(), m.end(), BRACE) for m in _BRACE.finditer(text)]
        # In a python-brace-format string "{{" and "}}" are escaped braces.
        extra = _BRACE_ESCAPE if brace == "full" else _MUSTACHE
        found += [Span(m.start(), m.end(), BRACE) for m in extra.finditer(text)]
    template = _mode(flags, (TEMPLATE_FLAG,), ("no-" + TEMPLATE_FLAG,))
    if template != "off":
        pattern = _TEMPLATE_FULL if template == "full" else _TEMPLATE_CLEAR
        found += [Span(m.start(), m.end(), TEMPLATE) for m in pattern.finditer(text)]
    found += [Span(m.start(), m.end(), BRACE) for m in _ANGULAR.finditer(text)]
    found += [Span(m.start(), m.end(), TAG) for m in _TAG.finditer(text)]
    found += [Span(m.start(), m.end(), ENTITY) for m in _ENTITY.finditer(text)]
    found += [Span(m.start(), m.end(), CODE) for m in _CODE.finditer(text)]
    found += _urls(text)
    found += [Span(m.start(), m.end(), EMAIL) for m in _EMAIL.finditer(text)]
    for finder in MARKUP_FINDERS:
        found += [Span(start, end, kind) for start, end, kind in finder(text)]
    # "`text <url>`_" is a reST link, not Markdown code: its opener wins.
    openers = {s.start for s in found if s.kind == im.LINK_OPEN and text[s.start] == "`"}
    return [s for s in found if not (s.kind == CODE and s.start in openers)]


def _select(candidates: list[Span]) -> list[Span]:
    """Leftmost-longest, non-overlapping."""
    candidates.sort(key=lambda s: (s.start, -s.end, _ORDER.index(s.kind)))
    chosen: list[Span] = []
    for span in candidates:
        if not chosen or span.start >= chosen[-1].end:
            chosen.append(span)
    return chosen


def spans(text: str, flags: Sequence[str] = ()) -> list[Span]:
    """The protected spans of `text`, with their kinds, left to right."""
    return _select(_candidates(text, flags))


def format_spans(text: str, flags: Sequence[str] = ()) -> list[Span]:
    """The format directives of `text` (printf, brace, Template and ICU
    kinds), left to right, wherever they are: inside an element or a URL
    too, where `spans` keeps the whole element (`<code>%(code)s</code>`)
    but the format call still fills them, and msgfmt -c still checks them."""
    return _select([s for s in _candidates(text, flags) if s.kind in FORMAT_KINDS])


def protected_spans(text: str, flags: Sequence[str] = ()) -> list[tuple[int, int]]:
    """(start, end) of each protected span of `text`, left to right, not overlapping.

    `flags` are the entry's `#,` flags; they decide how printf and brace
    directives are found (see the module docstring).
    """
    return [(s.start, s.end) for s in spans(text, flags)]


def placeholders(text: str, flags: Sequence[str] = ()) -> Counter[str]:
    """The multiset of format placeholders (printf and brace) in `text`.

    `%%` is left out: it is an escaped percent sign, not an argument, and a
    translation may spell the percent differently.
    """
    return _arguments(text, spans(text, flags))


def protected(text: str, flags: Sequence[str] = ()) -> Counter[str]:
    """The multiset of every protected span of `text`: what `mask` hides from
    MT and `unmask` checks (placeholders, tags, code, URLs, inline markup).
    Placeholders count as in `placeholders` (an ICU argument by its name)."""
    found = spans(text, flags)
    counted = _arguments(text, found)
    counted.update(text[s.start : s.end] for s in found if s.kind not in FORMAT_KINDS)
    return counted


def _arguments(text: str, found: Iterable[Span]) -> Counter[str]:
    counted: Counter[str] = Counter()
    for span in found:
        token = text[span.start : span.end]
        if span.kind == ICU:
            # An ICU argument counts by its name: "{count, plural, one {" is
            # {count}; the glue between plural cases and `#` are not arguments
            # (Korean needs no `one` case).
            name = _ICU_NAME.match(token)
            if name is not None:
                counted["{" + name.group(1) + "}"] += 1
        elif span.kind == TEMPLATE and token != "$$":
            # `$name` and `${name}` are the same placeholder of a Template.
            counted["${" + token.strip("${}") + "}"] += 1
        elif span.kind == BRACE and token.startswith("{$"):
            # An AngularJS expression may hold a string literal to translate.
            counted[_LITERAL.sub(lambda m: m.group(0)[0] * 2, token)] += 1
        elif span.kind in FORMAT_KINDS and token not in ("%%", "$$"):
            counted[token] += 1
    return counted


_ICU_NAME = re.compile(r"\{\s*(\w+)")
_ICU_ARGUMENT = re.compile(r"\{\s*(\w+)\s*(?:,\s*(\w+)\s*(?:,([^{}]*))?)?\}")
_ICU_COMPLEX = re.compile(
    r"\{\s*\w+\s*,\s*(?P<type>plural|select|selectordinal)\s*,\s*(?:offset:\d+\s*)?[\w=]+\s*\{"
)
_ICU_NEXT_CASE = re.compile(r"\}\s*([\w=]+)\s*\{")
_ICU_END = re.compile(r"\}\s*\}")


def icu_spans(text: str) -> list[Span]:
    """The spans of ICU MessageFormat syntax in `text`: simple arguments
    (`{name}`, `{n, number}`) whole; of a plural or select, the head
    (`{count, plural, one {`), the glue between cases (`} other {`), the end
    (`}}`) and `#`, so the text of each case stays translatable. Text that does
    not parse as MessageFormat gives what parsed before it."""
    found: list[Span] = []
    _icu_message(text, 0, found, in_plural=False)
    return found


def _icu_message(text: str, pos: int, found: list[Span], *, in_plural: bool) -> int:
    """Scan a message from `pos` to its closing `}` (or the end); return where it stops."""
    while pos < len(text):
        char = text[pos]
        if char == "}":
            return pos
        if char == "#" and in_plural:
            found.append(Span(pos, pos + 1, ICU))
        elif char == "{":
            simple = _ICU_ARGUMENT.match(text, pos)
            head = _ICU_COMPLEX.match(text, pos)
            if head is not None:
                pos = _icu_cases(text, head, found)
                if pos < 0:
                    return len(text)
                continue
            if simple is None:
                return len(text)
            found.append(Span(pos, simple.end(), ICU))
            pos = simple.end()
            continue
        pos += 1
    return pos


def _icu_cases(text: str, head: re.Match[str], found: list[Span]) -> int:
    """Scan the cases of a plural/select whose head `head` matched; return the
    position after its closing `}`, or -1 when it does not close."""
    found.append(Span(head.start(), head.end(), ICU))
    in_plural = head.group("type") != "select"
    pos = head.end()
    while True:
        pos = _icu_message(text, pos, found, in_plural=in_plural)
        end = _ICU_END.match(text, pos)
        if end is not None:
            found.append(Span(end.start(), end.end(), ICU))
            return end.end()
        following = _ICU_NEXT_CASE.match(text, pos)
        if following is None:
            return -1
        found.append(Span(following.start(), following.end(), ICU))
        pos = following.end()


def format_placeholders(text: str, flags: Sequence[str] = ()) -> Counter[str]:
    """Like `placeholders`, but also those inside tags, code spans and URLs
    (`<a href="%(url)s">`, `` `{name}` ``, `https://x.org/%(version)s/`)."""
    found = [s for s in _candidates(text, flags) if s.kind in FORMAT_KINDS]
    return _arguments(text, _select(found))


def links(text: str) -> Counter[str]:
    """The multiset of URLs and e-mail addresses in `text`, also those inside
    tag attributes (`<a href="…">`) and code spans."""
    found = Counter(text[s.start : s.end] for s in _urls(text))
    found.update(m.group(0) for m in _EMAIL.finditer(text))
    return found


def mask(text: str, flags: Sequence[str] = ()) -> Masked:
    """Replace each protected span of `text` by a sentinel (`ZX0Z`, `ZX1Z`, …).

    Spans with nothing between them become one sentinel (`%(n)d%%` → `ZX0Z`),
    which a model keeps more easily than two glued together.
    """
    found = _candidates(text, flags)
    found += [Span(m.start(), m.end(), SENTINEL) for m in SENTINEL_RE.finditer(text)]
    merged: list[list[int]] = []
    kinds: list[list[str]] = []
    for span in _select(found):
        previous_end = merged[-1][1] if merged else 0
        start = span.start
        clash = _SENTINEL_PREFIX.search(text, previous_end, start)
        if clash is not None:
            start = clash.start()  # protect the look-alike prefix with the span
        if merged and previous_end == start:
            merged[-1][1] = span.end
            kinds[-1].append(span.kind)
        else:
            merged.append([start, span.end])
            kinds.append([span.kind])
    pieces: list[str] = []
    tokens: list[str] = []
    last = 0
    for start, end in merged:
        pieces += [text[last:start], sentinel(len(tokens))]
        tokens.append(text[start:end])
        last = end
    pieces.append(text[last:])
    links = tuple(im.link_balance(k) for k in kinds)
    return Masked(text="".join(pieces), tokens=tuple(tokens), links=links)


def unmask(translated: str, masked: Masked) -> tuple[str, list[str]]:
    """Put the original spans back into `translated` (the MT of `masked.text`).

    Sentinels may come back in any order and in the spellings described in
    the module docstring. Returns the restored text and the problems, such as
    "lost %(user_name)s" or "duplicated {0}"; no problems means every span of
    the source appears exactly as often as in the source.
    """
    problems: list[str] = []
    seen: Counter[str] = Counter()
    order: list[int] = []
    touching = _touching_letters(masked.text)

    def restore(match: re.Match[str]) -> str:
        index = int(match.group(1))
        if index >= len(masked.tokens):
            problems.append(f"unknown marker {match.group(0)}")
            return match.group(0)
        seen[masked.tokens[index]] += 1
        order.append(index)
        token = masked.tokens[index]
        # reST inline markup must not touch a letter ("``x``를" is not a
        # literal); an escaped space separates it and renders as nothing.
        # Only where the translation made it touch: a source that already
        # had a letter there meant it so, and gets its text back unchanged.
        before, after = im.rst_sides(token)
        was_before, was_after = touching.get(index, (False, False))
        if before and not was_before and translated[match.start() - 1 : match.start()].isalnum():
            token = "\\ " + token
        if after and not was_after and translated[match.end() : match.end() + 1].isalnum():
            token += "\\ "
        return token

    restored = SENTINEL_RE.sub(restore, translated)
    # Compare as multisets: two `%s` may swap sentinels and still be right.
    expected = Counter(masked.tokens)
    for token in expected:
        if seen[token] < expected[token]:
            problems.append(f"lost {token}")
        elif seen[token] > expected[token]:
            problems.append(f"duplicated {token}")
    if not problems and masked.links and not _links_nest(order, masked.links):
        problems.append("link brackets out of order")
    return restored, problems


#: Suffixes of reST sources (Sphinx, Django's docs): where a `#:` reference
#: points to one, the entry is reST and its markup must stand apart from letters.
REST_SUFFIXES = (".rst", ".rest", ".txt")


#: Every token `separate_rst` may set apart holds one of these (a literal or a
#: role's backquote, a substitution's bar, a reference's trailing underscore):
#: a text without them is left as it is, at no cost.
_RST_MARKS = ("`", "|", "_")


def from_rest(references: Sequence[str]) -> bool:
    """Whether an entry's `#:` references (`docs/usage.rst:12`) name a reST source."""
    return any(ref.rpartition(":")[0].endswith(REST_SUFFIXES) for ref in references)


def separate_rst(source: str, target: str) -> str:
    """`target` with an escaped space (`\\ `, which renders as nothing)
    wherever reST inline markup touches a letter it did not touch in `source`
    ("``pip``를" → "``pip``\\ 를", `` :doc:`x`을 `` → `` :doc:`x`\\ 을 ``):
    docutils shows such markup raw. What a person wrote is otherwise kept."""
    if not any(mark in target for mark in _RST_MARKS):
        return target
    meant: set[tuple[str, bool]] = set()
    for s in spans(source):
        token = source[s.start : s.end]
        if s.start and source[s.start - 1].isalnum():
            meant.add((token, True))
        if source[s.end : s.end + 1].isalnum():
            meant.add((token, False))
    pieces: list[str] = []
    last = 0
    for s in spans(target):
        token = target[s.start : s.end]
        before, after = im.rst_sides(token)
        pieces.append(target[last : s.start])
        if before and s.start and target[s.start - 1].isalnum() and (token, True) not in meant:
            pieces.append("\\ ")
        pieces.append(token)
        if after and target[s.end : s.end + 1].isalnum() and (token, False) not in meant:
            pieces.append("\\ ")
        last = s.end
    pieces.append(target[last:])
    return "".join(pieces)


def _touching_letters(masked_text: str) -> dict[int, tuple[bool, bool]]:
    """For each sentinel of a masked source: whether a letter or digit stood
    right before it and right after it in the source."""
    return {
        int(m.group(1)): (
            masked_text[m.start() - 1 : m.start()].isalnum(),
            masked_text[m.end() : m.end() + 1].isalnum(),
        )
        for m in SENTINEL_RE.finditer(masked_text)
    }


def _links_nest(order: list[int], links: tuple[tuple[int, int], ...]) -> bool:
    """Whether the link openers and closers of the tokens, in the `order` the
    translation put them, still open before they close."""
    depth = 0
    for index in order:
        lowest, net = links[index]
        if depth + lowest < 0:
            return False
        depth += net
    return depth == 0


#: What translation models write for what they cannot say: SentencePiece's
#: unknown piece (`<unk>`, rendered ` ⁇ ` by its decoder), sequence markers
#: and padding, and the `<blank>` of some Marian vocabularies. None belongs
#: in a shipped translation; in a rebuilt Markdown page `<unk>` parses as HTML.
CONTROL_TOKENS = ("<unk>", "<blank>", "<pad>", "<s>", "</s>", "\u2047")


def control_tokens(text: str, source: str = "") -> list[str]:
    """The model control tokens of `text` that `source` does not account for
    (a source may write `<s>`, HTML's strikethrough), each as often as it is extra."""
    extra: list[str] = []
    for token in CONTROL_TOKENS:
        extra += [token] * (text.count(token) - source.count(token))
    return extra

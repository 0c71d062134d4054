"""Inline markup of Markdown/MyST and reST that a translation must keep. Pure.

Each finder returns `(start, end, kind)` spans of one construct; the table
`placeholders.MARKUP_FINDERS` lists them, and `placeholders.mask` hides them
from MT like URLs and inline code. The translatable part of a link (its text)
stays visible: only the opener (`[`, `![`) and the closer (`](target)`,
`][label]`) are masked, so a model that drops one loses a sentinel and the
entry falls back to the source instead of shipping a broken link.

What each kind protects, with an example:

| kind | example |
|---|---|
| link-open, link-close | `[text](docs/setup.md#a)`, `![logo](a.svg "t")`, `[text][label]` |
| reference | `[Werkzeug]`, `[Werkzeug][]` (the label is the link text) |
| footnote | `[^pypy]`, `[^pypy]:` opening a footnote definition |
| autolink | `<https://www.attrs.org/>`, `<hynek@example.com>` |
| role | MyST `` {doc}`usage` ``, reST `` :class:`attrs.Foo` `` (with a title: opener and closer) |
| target | MyST `(api-validators)=` |
| link-open, link-close | reST `` `text <https://x.org>`_ `` (`` ` `` and `` <…>`_ ``) |
| rst-link | reST `` `label`_ ``, `click-contrib_`, `PEP8__` |
| substitution | reST `|version|`, `|name|_` |
| emphasis | the delimiters of `**strong**`, `*em*`, `__strong__`, `_em_` |
| attr-list | Python-Markdown attribute lists: `{ .md-button }`, `{: #id }`, `{#id}` |
| shortcode | MkDocs Material icons and emoji: `:octicons-heart-16:`, `:smile:` |
| html-code | `<code>…</code>`, `<kbd>…</kbd>`, `<samp>…</samp>` whole (code is not prose) |
| jinja | Jinja tags of MkDocs plugins: `{% include-markdown "../README.md" %}`, `{# note #}` |

Inline code, HTML tags and `{{ sub }}` substitutions are found by
`placeholders` itself (kinds code, tag, brace).
"""

from __future__ import annotations

import re

LINK_OPEN, LINK_CLOSE, REFERENCE, FOOTNOTE, AUTOLINK = (
    "link-open",
    "link-close",
    "reference",
    "footnote",
    "autolink",
)
ROLE, TARGET, RST_LINK, SUBSTITUTION, EMPHASIS = (
    "role",
    "target",
    "rst-link",
    "substitution",
    "emphasis",
)
ATTR_LIST, SHORTCODE, HTML_CODE, JINJA = "attr-list", "shortcode", "html-code", "jinja"
#: Kinds whose loss breaks a link, a cross-reference or a page's rendering.
LINK_KINDS = frozenset({LINK_OPEN, LINK_CLOSE, REFERENCE, FOOTNOTE, AUTOLINK, ROLE, RST_LINK})

Found = list[tuple[int, int, str]]

#: Inline code, as CommonMark pairs backtick runs of the same length.
CODE_RE = re.compile(r"(?<!`)(`+)(?!`)[^\n]+?(?<!`)\1(?!`)")
_MAX_LABEL = 80
_MAX_LABEL_WORDS = 4
#: A shortcut reference `[label]` (not a link text, a footnote or a definition).
#: Labels holding placeholders, code or tags ("[%s]") are left to those kinds.
_SHORTCUT = re.compile(rf"(?<![\]\\])\[([^\[\]\n%{{}}<>`&*\0]{{1,{_MAX_LABEL}}})\](?![(\[])")
_AUTOLINK = re.compile(
    r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+"
    r"(?:\.[A-Za-z0-9-]+)*)>"
)
FOOTNOTE_RE = re.compile(r"\[\^[^\]\s]+\]:?")
_MYST_ROLE = re.compile(r"\{[A-Za-z][\w.+:-]*\}(`+)(?!`).+?(?<!`)\1(?!`)")
_RST_ROLE = re.compile(
    r"(?<![\w:`])(?::[A-Za-z][\w.+-]*)+:(`+)(?!`).+?(?<!`)\1(?!`)(?::[A-Za-z][\w.+-]*)*:?"
)
#: The title of a role with an explicit target: `` `the API <api>` `` → "the API".
_ROLE_TITLE = re.compile(r"(?<=[^`]`)([^`<>]*?[^\s`<>])\s*<[^<>`]+>`+\Z")
_MYST_TARGET = re.compile(r"\A\([^()\s]+\)=\Z")
_RST_LINK = re.compile(r"(?<![\w`])`([^`<>\n]*?\S)(\s*<[^<>`\n]+>`__?)(?!\w)")
_RST_REFERENCE = re.compile(r"(?<![\w`])`[^`<>\n]+`__?(?!\w)")
_RST_NAMED = re.compile(r"(?<![\w`|])[A-Za-z0-9](?:[\w.+-]*[A-Za-z0-9])?__?(?!\w)")
_SUBSTITUTION = re.compile(r"(?<![\w|])\|[^|\s](?:[^|\n]*[^|\s])?\|(?:__?)?(?![\w|])")
_EMPHASIS = re.compile(
    r"(?<![\w*\\])(\*\*|\*)(?=[^\s*])[^*\n]*?(?<=[^\s*\\])\1(?![\w*])"
    r"|(?<![\w\\])(__|_)(?=[^\s_])[^_\n]*?(?<=[^\s_\\])\2(?!\w)"
)


_ATTR = r"(?:[#.][\w-]+|[\w-]+=(?:\"[^\"\n]*\"|'[^'\n]*'|[^\s{}\"']+))"
ATTR_LIST_RE = re.compile(rf"\{{:?[ \t]*{_ATTR}(?:[ \t]+{_ATTR})*[ \t]*\}}")
#: `:name:` of an emoji or an icon (`:fontawesome-brands-github:`), not a
#: reST role (its backtick follows) nor a time or ratio (`10:30:45`).
SHORTCODE_RE = re.compile(r"(?<![\w:`\\]):[a-z0-9+_][a-z0-9+_-]*:(?![\w:`])")
_HTML_CODE = re.compile(
    r"<(code|kbd|samp|var)(?:\s[^<>]*)?>(?:(?!</?\1\b).)*</\1\s*>", re.IGNORECASE | re.DOTALL
)


_JINJA = re.compile(r"\{%.*?%\}|\{#.*?#\}", re.DOTALL)


def jinja_tags(text: str) -> Found:
    """Jinja statement and comment tags (`{% include-markdown "x.md" %}`), whole."""
    return [(m.start(), m.end(), JINJA) for m in _JINJA.finditer(text)]


def attr_lists(text: str) -> Found:
    """Python-Markdown attribute lists: `{ .class }`, `{: #id }`, `{#id}`, `{ key="v" }`."""
    return [(m.start(), m.end(), ATTR_LIST) for m in ATTR_LIST_RE.finditer(text)]


def shortcodes(text: str) -> Found:
    """Icon and emoji shortcodes (pymdownx.emoji): `:material-check:`, `:smile:`, `:+1:`."""
    return [(m.start(), m.end(), SHORTCODE) for m in SHORTCODE_RE.finditer(text)]


def html_code(text: str) -> Found:
    """Inline `<code>…</code>` (and `<kbd>`, `<samp>`, `<var>`), tags and text together."""
    return [(m.start(), m.end(), HTML_CODE) for m in _HTML_CODE.finditer(text)]


def _blank(text: str, pattern: re.Pattern[str]) -> str:
    """`text` with every match of `pattern` made NULs of the same length, so
    brackets inside code spans are not taken for link brackets."""
    return pattern.sub(lambda m: "\0" * len(m.group(0)), text)


def _opening_bracket(text: str, close: int) -> int:
    """The index of the `[` that the `]` at `close` closes, or -1."""
    depth = 0
    i = close - 1
    while i >= 0:
        char = text[i]
        escaped = i > 0 and text[i - 1] == "\\"
        if not escaped and char == "]":
            depth += 1
        elif not escaped and char == "[":
            if depth == 0:
                return i
            depth -= 1
        i -= 1
    return -1


def _destination_end(text: str, opening: int) -> int:
    """The index after the `)` closing the destination that starts at `(`,
    or -1: CommonMark's balanced parentheses and `<…>` destinations."""
    i = opening + 1
    if i < len(text) and text[i] == "<":
        end = text.find(">", i)
        if end < 0:
            return -1
        i = end + 1
    depth = 0
    quote = ""
    while i < len(text):
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'" and text[i - 1].isspace():
            quote = char
        elif char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                return i + 1
            depth -= 1
        elif char == "\n" and text[i - 1 : i] == "\n":
            return -1
        i += 1
    return -1


def markdown_links(text: str) -> Found:
    """Openers and closers of inline links, images and full references, and
    whole collapsed or shortcut references (`[label][]`, `[label]`)."""
    plain = _blank(text, CODE_RE)
    found: Found = []
    taken: list[tuple[int, int]] = []
    for close in [i for i, c in enumerate(plain) if c == "]" and plain[i - 1 : i] != "\\"]:
        after = plain[close + 1 : close + 2]
        if after not in ("(", "["):
            continue
        start = _opening_bracket(plain, close)
        if start < 0:
            continue
        if after == "(":
            end = _destination_end(plain, close + 1)
        else:
            end = plain.find("]", close + 2) + 1
            if end == 0 or end - close > _MAX_LABEL:
                continue
            if end == close + 3 and start + 1 < close:  # [label][]: the label is the text
                found.append((start, end, REFERENCE))
                taken.append((start, end))
                continue
        if end < 0:
            continue
        opener = start - 1 if start > 0 and plain[start - 1] == "!" else start
        found += [(opener, start + 1, LINK_OPEN), (close, end, LINK_CLOSE)]
        taken += [(opener, end)]
    for m in _SHORTCUT.finditer(plain):
        label = m.group(1).strip()
        inside = any(s <= m.start() < e for s, e in taken)
        if m.start() == 0 and plain[m.end() : m.end() + 1] == ":":
            continue  # a reference definition "[label]: url"
        if _is_label(label) and not inside:
            found.append((m.start(), m.end(), REFERENCE))
    return found


def _is_label(label: str) -> bool:
    """Whether bracketed text reads as a reference label ("Werkzeug", "PEP 8"),
    not prose in brackets, a task box or a footnote."""
    if not label or label in ("x", "X", " ") or label.startswith("^"):
        return False
    return len(label.split()) <= _MAX_LABEL_WORDS and not any(c in label for c in ",;!?")


def footnotes(text: str) -> Found:
    """Footnote references `[^name]`, and `[^name]:` opening a definition."""
    return [(m.start(), m.end(), FOOTNOTE) for m in FOOTNOTE_RE.finditer(text)]


def autolinks(text: str) -> Found:
    """CommonMark autolinks: `<scheme:…>` and `<address@host>`."""
    return [(m.start(), m.end(), AUTOLINK) for m in _AUTOLINK.finditer(text)]


def roles(text: str) -> Found:
    """MyST roles (`` {doc}`usage` ``) and reST roles (`` :py:class:`Foo` ``),
    whole; a reST role with an explicit title (`` :doc:`the API <api>` ``) as
    an opener and a closer, so its title is translated. (A MyST role stays
    whole: CommonMark reads its body as an inline code span, which a page
    must keep byte for byte.)"""
    found: Found = [(m.start(), m.end(), ROLE) for m in _MYST_ROLE.finditer(text)]
    for m in _RST_ROLE.finditer(text):
        title = _ROLE_TITLE.search(m.group(0))
        if title is None or _is_code_role(m.group(0)):
            found.append((m.start(), m.end(), ROLE))
        else:
            found.append((m.start(), m.start() + title.start(1), LINK_OPEN))
            found.append((m.start() + title.end(1), m.end(), LINK_CLOSE))
    return found


#: Roles whose text, title included, renders as code (`` :meth:`app.logger
#: <flask.Flask.logger>` ``): never translated. Any role of a programming
#: language's domain (`:py:…:`, `:c:…:`, `:cpp:…:`, `:js:…:`) is one too.
CODE_ROLES = frozenset(
    "meth func class attr mod obj data const exc type member var macro struct union enum "
    "enumerator function method property option envvar program file command".split()
)
_CODE_DOMAINS = frozenset({"py", "c", "cpp", "js"})


def _is_code_role(role: str) -> bool:
    """Whether a reST role (`` :py:meth:`…` ``) renders its text as code."""
    names = role[: role.index("`")].strip(":").split(":")
    return names[-1] in CODE_ROLES or names[0] in _CODE_DOMAINS


def targets(text: str) -> Found:
    """A MyST target line `(label)=`."""
    stripped = text.strip()
    if _MYST_TARGET.match(stripped):
        start = text.index(stripped)
        return [(start, start + len(stripped), TARGET)]
    return []


def rst_links(text: str) -> Found:
    """reST hyperlink references: `` `text <url>`_ `` as an opener (`` ` ``)
    and a closer (`` <url>`_ ``), so the link text is translated; a named
    reference (`` `label`_ ``, `click-contrib_`) whole."""
    found: Found = []
    for m in _RST_LINK.finditer(text):
        found += [(m.start(), m.start() + 1, LINK_OPEN), (m.start(2), m.end(2), LINK_CLOSE)]
    found += [(m.start(), m.end(), RST_LINK) for m in _RST_REFERENCE.finditer(text)]
    return found + [(m.start(), m.end(), RST_LINK) for m in _RST_NAMED.finditer(text)]


def substitutions(text: str) -> Found:
    """reST substitution references: `|name|`, `|name|_`."""
    return [(m.start(), m.end(), SUBSTITUTION) for m in _SUBSTITUTION.finditer(text)]


def emphasis(text: str) -> Found:
    """The delimiters of a strong or emphasis run (the words inside are
    translated): `**`…`**`, `*`…`*`, `__`…`__`, `_`…`_`."""
    found: Found = []
    for m in _EMPHASIS.finditer(_blank(text, CODE_RE)):
        width = len(m.group(1) or m.group(2))
        found += [(m.start(), m.start() + width, EMPHASIS), (m.end() - width, m.end(), EMPHASIS)]
    return found


def link_balance(kinds: list[str]) -> tuple[int, int]:
    """(lowest running depth, net depth) of the link openers and closers in a
    masked token made of spans of `kinds`, in order."""
    depth = lowest = 0
    for kind in kinds:
        depth += 1 if kind == LINK_OPEN else -1 if kind == LINK_CLOSE else 0
        lowest = min(lowest, depth)
    return lowest, depth


#: reST inline markup, which docutils only recognises between spaces or
#: punctuation: a role, a hyperlink (opener, closer or named reference), a
#: substitution, a ``literal`` (Markdown writes single backticks when the code
#: has none inside, so a double-backtick span is taken for reST).
_RST_INLINE = re.compile(
    r"\A(?:(?::[A-Za-z][\w.+-]*)+:`.*|.*`__?|\|[^|]+\|(?:__?)?|``[^`]+``|`|\s*<[^<>`]+>`"
    r"|[A-Za-z0-9](?:[\w.+-]*[A-Za-z0-9])?__?)\Z",
    re.DOTALL,
)
#: A token that only opens markup ("`" of a hyperlink, ":doc:`" before a title).
_RST_OPENER = re.compile(r"\A(?:`|(?::[A-Za-z][\w.+-]*)+:`)\Z")


def rst_sides(token: str) -> tuple[bool, bool]:
    """Whether a masked token is reST inline markup that must stand apart from
    a letter (before, after): "``pip``를" is not a literal, "``pip``\\ 를" is."""
    if _RST_INLINE.match(token) is None:
        return False, False
    before = not token[:1].isspace()
    after = _RST_OPENER.match(token) is None
    return before, after

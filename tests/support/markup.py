"""What a rebuilt Markdown/MyST document must keep from its source, per markdown-it."""

from __future__ import annotations

import re
from collections import Counter

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

# Footnotes as MyST and Python-Markdown read them: "[^a]: 中文" is a footnote,
# not a CommonMark link definition whose destination is the Chinese sentence.
_MD = MarkdownIt("commonmark").enable("table").use(footnote_plugin)
#: A MyST role marker ({doc}, {py:class}) and a MyST substitution ({{ name }}).
_ROLE = re.compile(r"\{[A-Za-z][\w:.+-]*\}(?=`)")
_SUBSTITUTION = re.compile(r"\{\{[^{}\n]*\}\}")
_FOOTNOTE = re.compile(r"\[\^[^\]\s]+\]")


def _inline_children(tokens: list[Token]) -> list[Token]:
    return [child for tok in tokens if tok.type == "inline" for child in tok.children or []]


def block_structure(text: str) -> list[tuple[str, str, int]]:
    """The block tokens of `text` (type, tag, nesting), inline content left out."""
    return [(t.type, t.tag, t.nesting) for t in _MD.parse(text) if t.type != "inline"]


def markup(text: str) -> Counter[tuple[str, str]]:
    """The multiset of (kind, bytes) for link targets, image sources, inline
    code spans, inline HTML, role markers, substitutions, footnote refs and
    strong/emphasis runs (by delimiter)."""
    found: Counter[tuple[str, str]] = Counter()
    for child in _inline_children(_MD.parse(text)):
        if child.type == "link_open":
            found["link", str(child.attrs.get("href", ""))] += 1
        elif child.type == "image":
            found["image", str(child.attrs.get("src", ""))] += 1
        elif child.type == "code_inline":
            found["code", child.markup + child.content + child.markup] += 1
        elif child.type == "html_inline":
            found["html", child.content] += 1
        elif child.type == "footnote_ref":
            found["footnote", str(child.meta.get("label", ""))] += 1
        elif child.type in ("strong_open", "em_open"):
            found["emphasis", child.markup] += 1
        elif child.type == "text":
            found.update(("role", m.group(0)) for m in _ROLE.finditer(child.content))
            found.update(("subst", m.group(0)) for m in _SUBSTITUTION.finditer(child.content))
            found.update(("footnote", m.group(0)) for m in _FOOTNOTE.finditer(child.content))
    return found

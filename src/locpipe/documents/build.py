"""Rebuilt documents: the source with every segment replaced by its translation.

Documents are re-segmented and each segment looked up by its text, so no
positional keys are needed. What lies between segments (Markdown syntax, code
blocks, blank lines) is copied byte for byte.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from locpipe.documents.segment import Segment
from locpipe.locales import parse_locale
from locpipe.model import Catalog, Message

#: Languages whose script puts no space between sentences.
NO_SPACE_LANGUAGES = frozenset({"zh", "ja"})


@dataclass(frozen=True, slots=True)
class Anchor:
    """Write `text` at source offset `at` when the heading `start`..`end`
    has a translated segment: the English heading's id (`mkdocs.anchors`)."""

    start: int
    end: int
    at: int
    text: str


@dataclass(frozen=True, slots=True)
class Rebuilt:
    """A translated document and how much of it was translated."""

    text: str
    segments: int
    translated: int

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.segments if self.segments else 100.0


def translations(cat: Catalog, ships: Callable[[Message], bool]) -> dict[str, str]:
    """msgid → msgstr for the active, singular entries that `ships` accepts:
    the same test as for the `.mo` file, so an entry an app would not get
    (a lost placeholder or link, a state the policy leaves out) keeps its
    source text in the rebuilt document too."""
    return {
        m.msgid: m.msgstr for m in cat.active() if m.msgid_plural is None and m.msgstr and ships(m)
    }


def _no_space(locale: str) -> bool:
    parsed = parse_locale(locale)
    return parsed is not None and parsed.language in NO_SPACE_LANGUAGES


def _gap(text: str, no_space: bool, before: str, after: str) -> str:
    # Chinese joins the sentences of a line with no space, but not where a
    # Latin sentence (one left in English, or ending in markup such as `**`)
    # meets its neighbour: "Second one.Third one." and "**again.**Commands"
    # (whose `**` would then render) keep the space the source had. A gap
    # holding anything else (a newline, Markdown syntax, a table bar) is kept
    # so the layout survives.
    if no_space and text and text.strip(" ") == "" and not _latin(before[-1:] + after[:1]):
        return ""
    return text


def _latin(chars: str) -> bool:
    """Whether any of `chars` is ASCII (a Latin letter, digit or markup)."""
    return any(char.isascii() for char in chars)


def rebuild(
    source: str,
    segments: Sequence[Segment],
    lookup: Mapping[str, str],
    locale: str,
    anchors: Sequence[Anchor] = (),
) -> Rebuilt:
    """`source` with each segment replaced by its translation, if there is one.

    `lookup` maps a segment's text to its translation; a segment without one
    keeps its source text. Each of `anchors` whose heading has a translated
    segment is written in (the English heading's id: `mkdocs.anchors`).
    """
    targets = [lookup.get(seg.text) or "" for seg in segments]
    done = [seg.start for seg, target in zip(segments, targets, strict=True) if target]
    inserts = sorted((a.at, a.text) for a in anchors if any(a.start <= s < a.end for s in done))
    parts: list[str] = []
    position = 0
    no_space = _no_space(locale)
    k = 0

    def gap_to(end: int, following: str) -> None:
        nonlocal k
        start = position
        while k < len(inserts) and inserts[k][0] <= end:
            parts.extend((source[start : inserts[k][0]], inserts[k][1]))
            start = inserts[k][0]
            k += 1
        gap = source[start:end]
        parts.append(_gap(gap, no_space, parts[-1], following) if start else gap)

    for seg, target in zip(segments, targets, strict=True):
        text = target or source[seg.start : seg.end]
        gap_to(seg.start, text)
        parts.append(text)
        position = seg.end
    gap_to(len(source), "")
    return Rebuilt(text="".join(parts), segments=len(segments), translated=len(done))

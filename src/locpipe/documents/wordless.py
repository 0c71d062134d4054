"""Which segments have words to translate, and which are trailing references. Pure.

Real documentation is full of sentences that are not prose: badge rows,
link-only lines, bare URLs, version numbers, dates, identifiers. Sending them
to MT wastes time and gives a reviewer entries with nothing to review, so
`segment` leaves them out of the catalogue and `build` copies them as they
are. A changelog entry's trailing reference (`… setter. (Pull #1185)`,
`` ([#2258](…)) ``) stays with the sentence it belongs to.

| text | words? | why |
|---|---|---|
| `[![CI](https://ci/b.svg)](https://ci)` | no | image alt text is not prose |
| `<https://www.attrs.org/>`, `https://x.org/a` | no | a URL |
| `24.2.0 - 2024-08-06` | no | numbers |
| `` `attrs.define` ``, `attrs.define()`, `--no-deps`, `*.md` | no | code-like |
| `(api-validators)=` | no | a MyST target |
| `[Documentation](https://x.org)` | yes | link text is translated |
| `Changelog` | yes | one word is enough |
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from locpipe.placeholders import SENTINEL_RE, mask

#: An image, whole: its alt text is a label for the picture (badges), not prose.
_IMAGE = re.compile(r"!\[[^\[\]]*\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)")
#: What may surround a word: punctuation, brackets, quotes.
_EDGES = "()[]{}<>.,;:!?\"'“”‘’*_~|#-–—/"
#: A word to translate: letters and digits with a run of two letters ("prose",
#: "Python3"), with inner apostrophes or hyphens; no `.`, `_` or `()` inside.
_WORD = re.compile(r"[^\W_]*[^\W\d_]{2}[^\W_]*(?:['’-][^\W_]+)*")
#: Words a changelog reference may hold: "(Pull #1185)", "(see #12, fixes #13)".
REFERENCE_WORDS = frozenset(
    "pull pr prs issue issues see also fixes fix fixed closes close ref refs gh bpo bug bugs "
    "and by thanks via cf".split()
)
_MAX_REFERENCE = 120
_OPTION = re.compile(r"--?[A-Za-z]")
#: A file glob (`*.md`, `docs/**/*.py`): mkdocs-literate-nav's wildcard items.
_GLOB = re.compile(r"[\w./-]*[*?][\w*?./-]*[./][\w*?./-]*")


#: A character or sequence that may start something `mask` protects
#: (placeholders, tags, entities, code, URLs, e-mail, inline markup, roles).
#: Most prose has none, and then masking, the costly part, changes nothing.
_MAYBE_MASKED = re.compile(r"[\[\]<>`{}%|*_@$&\\~^=#!]|://|www\.|:\w")


def plain_text(text: str) -> str:
    """`text` with masked markup and images blanked out."""
    if _MAYBE_MASKED.search(text) is None:
        return SENTINEL_RE.sub(" ", text)
    return SENTINEL_RE.sub(" ", mask(_IMAGE.sub(" ", text)).text)


def _iter_words(text: str) -> Iterator[str]:
    """The words of `text` outside masked markup, images and code-like tokens."""
    for raw in plain_text(text).split():
        if _OPTION.match(raw) or _GLOB.fullmatch(raw):
            continue  # --no-deps, -v: command-line options; *.md: a file glob
        token = raw.strip(_EDGES)
        if _WORD.fullmatch(token):
            yield token


def _words(text: str) -> list[str]:
    return list(_iter_words(text))


@functools.lru_cache(maxsize=1 << 16)
def has_words(text: str) -> bool:
    """Whether `text` has at least one word to translate (see the module
    table). Cached: each locale asks it of the same texts."""
    return next(_iter_words(text), None) is not None


def is_reference(text: str) -> bool:
    """Whether `text` is a trailing reference such as `(Pull #1185)`,
    `` ([#2258](https://…)) `` or `#1122`: short, and with no words but the
    ones a reference uses."""
    body = text.strip()
    if not body or len(body) > _MAX_REFERENCE:
        return False
    return all(word.lower() in REFERENCE_WORDS for word in _words(body))

"""Pseudo-localisation: a Translator that needs no model.

"Save %(n)d files" becomes "⟦Šáṽé %(n)d ƒíļéš ļöŕéɱ í⟧": every Latin letter
accented (so untranslated, hard-coded strings stand out), about a third
longer (so layouts meet text that grows, as German or Russian does), and
bracketed (so truncation shows). The brackets are ⟦ ⟧, not [ ]: square
brackets around a sentence are Markdown and reST syntax (mkdocs-autorefs reads
them as a reference link) and would change the page they are meant to test.
Placeholders, markup, URLs and e-mail addresses are masked with
`placeholders.mask` and come back unchanged; leading and trailing whitespace
stays outside the brackets. Deterministic: the same text always gives the
same output. Its locale is `en_XA`, the pseudo-locale Android and Chrome use
for accented, lengthened English.
"""

from __future__ import annotations

from collections.abc import Sequence

from locpipe import __version__
from locpipe.placeholders import SENTINEL_RE, mask, unmask

LOCALE = "en_XA"
#: The markers around each pseudo-translation (U+27E6, U+27E7).
OPEN, CLOSE = "⟦", "⟧"

#: How much longer the visible text gets (Android's pseudo-locale: ~30-40%).
EXPANSION = 0.35

_ACCENTS = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "áƀçðéƒĝĥíĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ",
)
_FILLER = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor"


def accent(text: str) -> str:
    """`text` with each ASCII letter replaced by an accented look-alike."""
    return text.translate(_ACCENTS)


def _padding(visible: int) -> str:
    """Filler that makes `visible` characters about EXPANSION longer, with the
    two brackets counted."""
    extra = round(visible * EXPANSION) - 2
    if extra <= 1:
        return ""
    words = (_FILLER + " ") * (extra // len(_FILLER) + 1)
    return " " + words[: extra - 1].rstrip()


def pseudo_localise(text: str) -> str:
    """The pseudo-translation of one text (see the module docstring)."""
    body = text.strip()
    if not body:
        return text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    masked = mask(body)
    parts = SENTINEL_RE.split(masked.text)
    # re.split with one group: text, index, text, index, …, text
    visible = sum(len(p) for p in parts[::2])
    pieces = [accent(p) if i % 2 == 0 else f"ZX{p}Z" for i, p in enumerate(parts)]
    padding = accent(_padding(visible))
    if len(parts) == 5 and not parts[0] and not parts[-1] and parts[2].strip():
        # Wholly inside one piece of markup ("[Getting Started](start.md)",
        # "**Note**"): the markers go inside it, so a list of links stays one.
        text = f"{pieces[1]}{OPEN}{pieces[2]}{padding}{CLOSE}{pieces[3]}"
    else:
        text = f"{OPEN}{''.join(pieces)}{padding}{CLOSE}"
    restored, _ = unmask(text, masked)
    return f"{lead}{restored}{trail}"


class PseudoTranslator:
    """The Translator protocol (locpipe.mt) for the `en_XA` pseudo-locale."""

    @property
    def engine_id(self) -> str:
        """`pseudo locpipe <version>`, written to the `# mt:` comment."""
        return f"pseudo locpipe {__version__}"

    def translate(self, texts: Sequence[str]) -> list[str]:
        """One pseudo-translation per text, in the same order."""
        return [pseudo_localise(text) for text in texts]


class PseudoProvider:
    """Serves the pseudo-locale with PseudoTranslator (the pipeline's EngineProvider)."""

    def check(self, locale: str) -> None:
        """Nothing to check: the pseudo engine needs no model."""

    def load(self, locale: str) -> PseudoTranslator:
        """A PseudoTranslator, whatever the locale."""
        return PseudoTranslator()

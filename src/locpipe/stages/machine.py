"""Machine translation: what a locale's catalogues still need, translated batch by batch.

`pending` gathers the distinct untranslated source texts of a locale with
the format flags that decide what is masked; `translate` masks them
(placeholders, markup, glossary terms), hands them to the engine in batches
and yields each batch's translations restored, with what the engine lost
and its scores, as batches finish; `joined` gathers finished batches and
`filled` puts them into a catalogue. The driver writes the catalogues as
batches finish (whenever translating has taken longer than the last write),
so an interrupted run keeps what it finished.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from locpipe import catalog, terms
from locpipe.documents import wordless
from locpipe.model import Catalog
from locpipe.mt import Hypothesis, Translator, batch_size, translate_batches, translate_scored
from locpipe.placeholders import control_tokens, mask, unmask

#: Longer segments are not machine-translated (they stay untranslated and are
#: counted as `too_long`): MT models are trained on sentences, and decoding
#: one of many thousand tokens takes minutes.
MAX_MT_CHARS = 2000


def pending(
    catalogues: Mapping[str, Catalog],
    templates: Mapping[str, Catalog],
    format_flags: Sequence[str] = (),
) -> dict[str, tuple[str, ...]]:
    """The distinct untranslated source texts of a locale's `catalogues` (by
    domain), shortest first, each with the format flags of its entries (they
    decide what to mask). The template's own flags count too: a flag gettext
    does not know (`icu-message-format`) is not written to the catalogue.
    `format_flags` are the configured ones, for every entry."""
    flags: dict[str, set[str]] = {}
    for domain, cat in catalogues.items():
        pot = templates.get(domain)
        template_flags = {m.key: m.flags for m in pot.messages} if pot is not None else {}
        for message in cat.active():
            for text in catalog.pending_sources(message):
                flags.setdefault(text, set()).update(
                    (*message.flags, *template_flags.get(message.key, ()), *format_flags)
                )
    # A text with no words (`%(count)s`, `{0}: {1}`, a URL) is left to
    # people: MT has nothing to translate in it (see locpipe.documents.wordless).
    wanted = (t for t in flags if len(t) <= MAX_MT_CHARS and wordless.has_words(t))
    ordered = sorted(wanted, key=lambda t: (len(t), t))
    return {text: tuple(sorted(flags[text])) for text in ordered}


def too_long(catalogues: Iterable[Catalog]) -> int:
    """How many untranslated texts of `catalogues` are too long for MT."""
    return sum(
        1
        for cat in catalogues
        for message in cat.active()
        for text in catalog.pending_sources(message)
        if len(text) > MAX_MT_CHARS
    )


@dataclass(frozen=True, slots=True)
class Batch:
    """One batch translated (or several, `joined`): source → translation,
    what the engine lost or added per source, its score per source (when it
    gives one), and how many texts the batch held. `origin` (for joined
    batches) numbers the batch each source came in: a plural entry is filled
    only from one batch, as when each batch is filled on its own."""

    translations: dict[str, str]
    warnings: dict[str, list[str]] = field(default_factory=dict)
    scores: dict[str, float] = field(default_factory=dict)
    size: int = 0
    origin: dict[str, int] | None = None


def translate(
    texts: Mapping[str, tuple[str, ...]], engine: Translator, glossary: terms.Glossary
) -> Iterator[Batch]:
    """The translations of `texts` (see `pending`: text → format flags), one
    Batch per engine batch, in the order batches finish."""
    batches = _batches(list(texts), batch_size(engine))

    def masked(batch: Sequence[str]) -> list[terms.TermMasked]:
        return [terms.mask_terms(mask(text, texts[text]), glossary) for text in batch]

    if getattr(engine, "translate_batches", None) is None:
        # An engine in this process takes one batch after the other: each is
        # masked when it is sent, so the masks of a whole document are never
        # held at once.
        for batch in batches:
            sent = masked(batch)
            yield _restore(batch, sent, translate_scored(engine, [m.text for m in sent]))
        return
    every = [masked(batch) for batch in batches]  # a cluster takes them all at once
    for index, outputs in translate_batches(engine, [[m.text for m in b] for b in every]):
        yield _restore(batches[index], every[index], outputs)


def joined(batches: Sequence[Batch]) -> Batch:
    """Finished batches as one, filling a catalogue as filling it with each
    in turn does (see `Batch.origin`)."""
    if len(batches) == 1:
        return batches[0]
    translations: dict[str, str] = {}
    warnings: dict[str, list[str]] = {}
    scores: dict[str, float] = {}
    origin: dict[str, int] = {}
    for number, batch in enumerate(batches):
        translations.update(batch.translations)
        warnings.update(batch.warnings)
        scores.update(batch.scores)
        origin.update(dict.fromkeys(batch.translations, number))
    return Batch(translations, warnings, scores, sum(b.size for b in batches), origin)


def filled(cat: Catalog, batch: Batch, engine_id: str, nplurals: int) -> tuple[Catalog, int]:
    """`cat` with its untranslated entries that `batch` translated filled as
    machine entries (catalog.apply_machine), and how many were filled."""
    return catalog.apply_machine(
        cat, batch.translations, engine_id, nplurals, batch.warnings, batch.scores, batch.origin
    )


def _restore(
    texts: Sequence[str], masked: Sequence[terms.TermMasked], outputs: Sequence[Hypothesis]
) -> Batch:
    """The translations of `texts` (sent to the engine with placeholders,
    markup and glossary terms masked) restored; per text what the engine lost
    or added; and the engine's score per text (when it gives one)."""
    translations: dict[str, str] = {}
    warnings: dict[str, list[str]] = {}
    scores: dict[str, float] = {}
    for text, m, output in zip(texts, masked, outputs, strict=True):
        with_terms, placed = terms.restore_terms(output.text, m)
        translations[text], problems = unmask(with_terms, m.base)
        problems += placed
        # `<unk>`, ` ⁇ `, `</s>`: the model could not say something; never ship it.
        extra = control_tokens(translations[text], text)
        problems += [f"model control token {token}" for token in dict.fromkeys(extra)]
        if problems:
            warnings[text] = problems
        if output.score is not None:
            scores[text] = output.score
    return Batch(translations, warnings, scores, len(texts))


def _batches(texts: Sequence[str], size: int) -> list[Sequence[str]]:
    return [texts[i : i + size] for i in range(0, len(texts), size)]

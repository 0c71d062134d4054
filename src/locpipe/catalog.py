"""The entry lifecycle: templates, updates, machine and memory fills. Pure.

States (DESIGN.md), with the one meaning of *reviewed* that PO editors and
the frameworks' compilers share: *untranslated* (an empty msgstr),
*machine* (fuzzy, with an `# mt:` marker whose fingerprint still matches the
msgstr and whose source hash the msgid), *reviewed* (translated, not fuzzy,
no `# mt-warning:` still standing) and *fuzzy* (every other fuzzy entry: a
person's edit left fuzzy, a carry-over to a changed source, a memory
suggestion; a translation waiting for review). Provenance lives in `# `
translator comments because msgmerge, msgcat and PO editors keep those;
locpipe.provenance reads them back however a tool wrapped them.

The `# mt:` marker holds the engine id, `score:<mean log-probability>` (when
the engine gives one), `fp:<hash of msgstr>` and `src:<hash of the source>`.
The `src:` hash lets locpipe tell, after GNU `msgmerge` has carried a fuzzy
entry over to a changed msgid (msgmerge writes no `#|` for an entry that was
already fuzzy), that the translation belongs to another sentence. Markers
without `src:` (older files) are still understood.

Merging a template in follows msgmerge's rules: locpipe.merge, which builds
on the states defined here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from locpipe import provenance
from locpipe.formats.validity import carried, carried_forms, entry_failures, fit_edges
from locpipe.model import FUZZY, Catalog, Message
from locpipe.placeholders import control_tokens, protected
from locpipe.similarity import SimilarityIndex

MT_PREFIX = "mt: "
TM_PREFIX = "tm: "
WARNING_PREFIX = "mt-warning: "
#: A machine translation a person accepted (cleared fuzzy) reads
#: `mt-reviewed: <engine id>`: no fingerprint, so it can never be taken for
#: machine output again, whatever flag another tool puts back.
REVIEWED_PREFIX = "mt-reviewed: "
SCORE_PREFIX = "score:"

#: msgmerge's threshold for carrying a translation over to a changed msgid:
#: a pair must score strictly above it (gettext's FUZZY_THRESHOLD).
FUZZY_THRESHOLD = 0.6

#: The least similarity at which a reviewed translation of another sentence
#: comes in from the translation memory as a fuzzy suggestion.
MEMORY_THRESHOLD = 0.8


class State(StrEnum):
    UNTRANSLATED = "untranslated"
    MACHINE = "machine"
    FUZZY = "fuzzy"
    REVIEWED = "reviewed"


def mt_comment(message: Message) -> str | None:
    """The `mt: …` marker of `message` as one line, `mt: <engine id>
    score:… fp:… src:…`, however a tool wrapped it (see locpipe.provenance)."""
    block = provenance.find(message.translator_comments, provenance.MT)
    return None if block is None else f"{MT_PREFIX}{block.text}"


def fingerprint(texts: Sequence[str]) -> str:
    """A short hash of texts: of MT output (a person's edit no longer matches
    it) or of an entry's source."""
    digest = hashlib.sha1("\x00".join(texts).encode("utf-8")).hexdigest()
    return digest[:12]


def source_hash(message: Message) -> str:
    """A short hash of the entry's source (msgctxt, msgid, msgid_plural)."""
    return fingerprint((message.msgctxt or "", message.msgid, message.msgid_plural or ""))


def _machine_block(message: Message) -> provenance.Block | None:
    return provenance.find(message.translator_comments, provenance.MT)


def mt_score(message: Message) -> float | None:
    """The engine's score written in the `# mt:` comment (see `score_token`), if any."""
    block = _machine_block(message)
    value = block.token("score") if block is not None else None
    return float(value) if value is not None else None


def score_token(score: float | None) -> str:
    """`score:-0.42 `: the score as written in the `# mt:` comment (two
    decimals, enough to order a review), or nothing without a score."""
    return "" if score is None else f"{SCORE_PREFIX}{score:.2f} "


def _machine_output(message: Message, block: provenance.Block) -> bool:
    """True when the msgstr is still exactly what MT wrote."""
    return block.token("fp") == fingerprint(message.translations)


def _source_changed(block: provenance.Block, message: Message) -> bool:
    """True when the `# mt:` comment was written for another source text."""
    src = block.token("src")
    return src is not None and src != source_hash(message)


def state(message: Message, flags: Sequence[str] = ()) -> State:
    """The lifecycle state of `message` (see the module docstring).

    *Reviewed* is what PO editors and the frameworks' compilers call done:
    translated, not fuzzy, and no `# mt-warning:` still standing (`flags`:
    the configured format flags, see `warned`). Every fuzzy entry is *fuzzy*
    (needs work) but untouched machine output for this very source: a
    person's edit left fuzzy, a `#|` carry-over, a memory suggestion.
    """
    if not message.translated:
        return State.UNTRANSLATED
    if not message.fuzzy:
        return State.FUZZY if warned(message, flags) else State.REVIEWED
    block = _machine_block(message)
    if block is None or message.previous_msgid is not None:
        return State.FUZZY
    if _source_changed(block, message) or not _machine_output(message, block):
        return State.FUZZY
    return State.MACHINE


def stale_machine(message: Message) -> bool:
    """Machine output that msgmerge carried over to a changed msgid: fuzzy,
    an MT fingerprint that still matches and a source hash that does not
    (with a `#|` the old msgid, from `msgmerge --previous`, or without one).
    locpipe translates such entries afresh: machine text of another sentence
    is no suggestion worth a reviewer's time, and must not ship."""
    block = _machine_block(message)
    return (
        block is not None
        and message.fuzzy
        and _source_changed(block, message)
        and _machine_output(message, block)
    )


def spans_intact(message: Message, flags: Sequence[str] = ()) -> bool:
    """Every msgstr form holds the protected spans (placeholders, tags, code,
    URLs, inline markup) of msgid or of msgid_plural, and no model control
    token (`<unk>`, ` ⁇ `) they lack (`flags`: format flags configured for
    every entry, besides its own)."""
    flags = (*message.flags, *flags)
    sources = [message.msgid]
    if message.msgid_plural is not None:
        sources.append(message.msgid_plural)
    wanted = [protected(source, flags) for source in sources]
    return all(
        protected(form, flags) in wanted and not control_tokens(form, "".join(sources))
        for form in message.translations
    )


def warned(message: Message, flags: Sequence[str] = ()) -> bool:
    """True when an `# mt-warning:` still stands: on a fuzzy entry (machine
    output with a problem MT made: a lost placeholder, a term placed by
    position), or on an entry a person accepted without putting every
    protected span back (`flags` as in `spans_intact`)."""
    has_warning = provenance.has(message.translator_comments, provenance.WARNING)
    return has_warning and (message.fuzzy or not spans_intact(message, flags))


def _recorded(message: Message, flags: Sequence[str]) -> Message:
    """`message` with a person's acceptance written into its comments (see
    `record_reviews`); unchanged when there is nothing to record."""
    if message.fuzzy or not message.translated:
        return message
    comments = message.translator_comments
    warned_before = provenance.has(comments, provenance.WARNING)
    if not warned_before and not provenance.has(comments, provenance.MT):
        return message  # nothing to record (most reviewed entries: no spans to look for)
    if warned_before and spans_intact(message, flags):
        comments = provenance.without(comments, provenance.WARNING)
    block = provenance.find(comments, provenance.MT)
    if block is not None:
        comments = provenance.replaced(comments, block, [provenance.reviewed(block.engine)])
    if comments == message.translator_comments:
        return message
    return message.replace(translator_comments=comments)


def record_reviews(cat: Catalog, flags: Sequence[str] = ()) -> Catalog:
    """Write down what people did in a PO editor, where no tool can undo it.

    An entry that is not fuzzy has been reviewed: its `# mt: … fp: src:`
    comment becomes `# mt-reviewed: <engine id>` (so a fuzzy flag that plain
    `msgmerge -U` adds back later cannot make it "machine" again: it is then
    an old reviewed translation waiting for review, kept), and its
    `# mt-warning:` comments are dropped once its placeholders are all back
    (the person resolved them; the entry ships; `flags` are the configured
    format flags). A warning on an entry accepted as it is stays, and keeps it
    out of apps. Fuzzy entries are left as they are.
    """
    messages = tuple(_recorded(m, flags) for m in cat.messages)
    if messages == cat.messages:
        return cat
    return Catalog(header=cat.header, messages=messages)


def accept(
    message: Message, texts: Sequence[str] | None = None, flags: Sequence[str] = ()
) -> Message:
    """`message` as a person accepts it in review, with `texts` (its msgstr
    forms) when they changed them: fuzzy and the `#|` previous source
    cleared, and the acceptance recorded as `record_reviews` records one a
    PO editor made (`flags` as there). The result is *reviewed*."""
    if texts is not None:
        if len(texts) != len(message.translations):
            raise ValueError(f"{len(texts)} texts for {len(message.translations)} msgstr forms")
        if message.msgid_plural is not None:
            message = message.replace(msgstr_plural=tuple(texts))
        else:
            message = message.replace(msgstr=texts[0])
    if not message.translated:
        raise ValueError("an empty translation cannot be accepted (reject the entry instead)")
    cleared = message.replace(
        flags=flagged(message.flags, False),
        previous_msgctxt=None,
        previous_msgid=None,
        previous_msgid_plural=None,
    )
    return _recorded(cleared, flags)


def reject(message: Message) -> Message:
    """`message` back to *untranslated*, as a person rejects it in review:
    every msgstr form emptied, fuzzy, the `#|` previous source and the
    provenance comments (`# mt:`, `# tm:`, …) dropped; other comments kept."""
    return message.replace(
        msgstr="",
        msgstr_plural=tuple("" for _ in message.msgstr_plural),
        flags=flagged(message.flags, False),
        translator_comments=without_provenance(message.translator_comments),
        previous_msgctxt=None,
        previous_msgid=None,
        previous_msgid_plural=None,
    )


@dataclass(frozen=True, slots=True)
class Occurrence:
    """A source sentence at a place: the msgid and its `#:` reference."""

    text: str
    reference: str


def template(header: Message, occurrences: Iterable[Occurrence]) -> Catalog:
    """A .pot catalogue: one entry per distinct text, in first-seen order,
    with every reference of the text."""
    refs: dict[str, list[str]] = {}
    for occ in occurrences:
        places = refs.setdefault(occ.text, [])
        if occ.reference not in places:
            places.append(occ.reference)
    messages = tuple(Message(msgid=text, references=tuple(places)) for text, places in refs.items())
    return Catalog(header=header, messages=messages)


def without_provenance(comments: Sequence[str]) -> tuple[str, ...]:
    """`comments` less every provenance marker: what people wrote."""
    return provenance.without(comments)


def flagged(template_flags: Sequence[str], fuzzy: bool) -> tuple[str, ...]:
    """`template_flags` with `fuzzy` first when `fuzzy`, and without it otherwise."""
    rest = tuple(f for f in template_flags if f != FUZZY)
    return ((FUZZY,) if fuzzy else ()) + rest


def fit_plurals(cat: Catalog, nplurals: int) -> Catalog:
    """Give every plural entry exactly `nplurals` msgstr forms (a template
    carries two empty ones; ko and zh_CN have one)."""
    messages = []
    for m in cat.messages:
        forms = m.msgstr_plural
        if m.msgid_plural is not None and len(forms) != nplurals:
            fitted = (forms + (forms[-1:] or ("",)) * nplurals)[:nplurals]
            m = m.replace(msgstr_plural=fitted)
        messages.append(m)
    return Catalog(header=cat.header, messages=tuple(messages))


def pending_sources(message: Message) -> tuple[str, ...]:
    """What MT must translate for `message`: its msgid (and msgid_plural) when
    it is an untranslated active entry, else nothing."""
    if message.obsolete or message.translated:  # i.e. not State.UNTRANSLATED, cheaply
        return ()
    if message.msgid_plural is not None:
        return (message.msgid, message.msgid_plural)
    return (message.msgid,)


def pending(catalog: Catalog) -> list[str]:
    """The source texts of the untranslated active entries, in file order."""
    return [text for message in catalog.active() for text in pending_sources(message)]


def apply_machine(
    catalog: Catalog,
    translations: Mapping[str, str],
    engine_id: str,
    nplurals: int = 1,
    warnings: Mapping[str, Sequence[str]] | None = None,
    scores: Mapping[str, float] | None = None,
    origin: Mapping[str, int] | None = None,
) -> tuple[Catalog, int]:
    """Fill untranslated entries from `translations` (source → MT output).

    Each filled entry is fuzzy with an `# mt: <engine_id>` marker and its
    `score:<score> fp:<fingerprint> src:<source hash>` line (any `#|` previous msgid is
    dropped; `scores` gives the engine's score per source, the lowest of the
    two for a plural entry, and no `score:` is written without one), and a
    `# mt-warning: …` comment when `warnings` lists problems for its source
    (placeholders the engine lost). `origin`, when given, numbers the batch
    each source was translated in: a plural entry whose msgid and
    msgid_plural came in different batches is left as filling with each
    batch alone leaves it. Returns the new catalogue and how many entries
    were filled.
    """
    filled = 0
    messages: list[Message] = []
    for message in catalog.messages:
        if message.obsolete or message.translated:  # i.e. not State.UNTRANSLATED, cheaply
            messages.append(message)
            continue
        plural = message.msgid_plural
        source = plural if plural is not None else message.msgid
        text = translations.get(source)
        if not text or (plural is not None and message.msgid not in translations):
            messages.append(message)
            continue
        if plural is not None and origin is not None and origin[message.msgid] != origin[plural]:
            messages.append(message)
            continue
        forms = _machine_forms(text, translations.get(message.msgid, text), plural, nplurals)
        # Engines drop the newlines and spaces at the ends; msgfmt -c wants
        # the msgid's leading and trailing newline back.
        forms = tuple(
            fit_edges(form, message.msgid if i == 0 or plural is None else plural)
            for i, form in enumerate(forms)
        )
        known = [scores[src] for src in (message.msgid, source) if scores and src in scores]
        score = score_token(min(known)) if known else ""
        comments = [*provenance.machine(engine_id, fingerprint(forms), source_hash(message), score)]
        problems = [p for src in {message.msgid, source} for p in (warnings or {}).get(src, ())]
        made = message.replace(
            msgstr="" if plural is not None else forms[0],
            msgstr_plural=forms if plural is not None else (),
            previous_msgctxt=None,
            previous_msgid=None,
            previous_msgid_plural=None,
        )
        if not problems:  # what msgfmt -c rejects (directives out of order) never ships
            problems = [f"msgfmt -c: {reason}" for reason in entry_failures(made, None)]
        if problems:
            comments.append(provenance.warning(sorted(set(problems))))
        messages.append(
            made.replace(
                flags=flagged(message.flags, True),
                translator_comments=(*without_provenance(message.translator_comments), *comments),
            )
        )
        filled += 1
    return Catalog(header=catalog.header, messages=tuple(messages)), filled


def _machine_forms(text: str, singular: str, plural: str | None, nplurals: int) -> tuple[str, ...]:
    """The msgstr forms MT fills: one text for a singular entry; for a plural
    entry the MT of msgid_plural in every form (ko and zh have one form), but
    msgstr[0] from msgid where the language has a singular form (en_XA)."""
    if plural is None:
        return (text,)
    if nplurals == 1:
        return (text,)
    return (singular, *(text,) * (nplurals - 1))


def _normalise(text: str) -> str:
    return " ".join(text.split())


MemoryKey = tuple[str | None, str, str | None]  # msgctxt, msgid, msgid_plural (normalised)


def _memory_key(message: Message) -> MemoryKey:
    plural = message.msgid_plural
    return (
        message.msgctxt,
        _normalise(message.msgid),
        None if plural is None else _normalise(plural),
    )


class Memory(dict[str, tuple[Message, str]]):
    """Reviewed translations by whitespace-normalised msgid → (entry, name of
    the catalogue it comes from), singular entries only: the ones near
    matches are searched among. `by_key` holds every reviewed entry (plural
    ones too) by msgctxt, msgid and msgid_plural; `by_text` the singular
    reviewed entries that serve exact matches only (a framework's
    catalogues); `suggested` texts a person wrote but did not mark done, by
    key, offered as fuzzy suggestions. The similarity index is built on the
    first near-match search (and again if entries were added since)."""

    _index: SimilarityIndex | None = None
    _keys: list[str] | None = None

    def __init__(self, entries: Mapping[str, tuple[Message, str]] | None = None) -> None:
        super().__init__(entries or {})
        self.by_key: dict[MemoryKey, tuple[Message, str]] = {}
        self.by_text: dict[str, tuple[Message, str]] = {}
        self.suggested: dict[MemoryKey, tuple[Message, str]] = {}

    def add(self, message: Message, name: str, *, near: bool = True) -> None:
        """Add a reviewed entry, unless one of its source is in already;
        `near`: also a candidate for near matches."""
        self.by_key.setdefault(_memory_key(message), (message, name))
        if message.msgid_plural is None:
            (self if near else self.by_text).setdefault(_normalise(message.msgid), (message, name))

    def exact(self, message: Message) -> tuple[Message, str] | None:
        """The reviewed entry with the same source as `message`: same context
        first (the same word in two contexts has two translations); a
        singular entry falls back to the same msgid in any context."""
        found = self.by_key.get(_memory_key(message))
        if found is None and message.msgid_plural is None:
            text = _normalise(message.msgid)
            found = self.get(text) or self.by_text.get(text)
        return found

    def near(self, text: str, threshold: float) -> tuple[float, Message, str] | None:
        """The most similar entry scoring at least `threshold` against the
        normalised `text` (the first one on a tie), with its score."""
        if self._keys is None or len(self._keys) != len(self):
            self._keys = list(self)
            self._index = SimilarityIndex(self._keys)
        assert self._index is not None
        found = self._index.best(_normalise(text), threshold, strict=False)
        if not found:
            return None
        score, i = found[0]
        source, name = self[self._keys[i]]
        return score, source, name


def human_text(message: Message) -> bool:
    """Whether `message` holds text a person wrote or kept: translated, and
    not untouched machine output (which MT makes again)."""
    return any(message.translations) and state(message) is not State.MACHINE


def memory_entries(catalog: Catalog) -> tuple[Message, ...]:
    """The entries of `catalog` that `memory` may take, whatever role the
    catalogue has (live, orphaned, compendium): those with a person's text
    (see `human_text`), active and obsolete, in file order. A store of the
    memory keeps just these."""
    return tuple(m for m in catalog.messages if human_text(m))


def memory(
    catalogs: Mapping[str, Catalog],
    *,
    orphaned: Mapping[str, Catalog] | None = None,
    packages: Mapping[str, Catalog] | None = None,
) -> Memory:
    """Reviewed translations by whitespace-normalised msgid, with the name of
    the catalogue they come from. Active entries come first (the first
    catalogue by name wins), then obsolete (`#~`) ones, so a sentence that
    moved to another document finds its reviewed text. Machine and fuzzy
    entries never enter as reviewed.

    `orphaned` catalogues (of gone or renamed documents) give their reviewed
    active entries like the others, and every other text a person wrote in
    them (fuzzy entries, obsolete ones) as a fuzzy suggestion for the same
    source, so nothing of theirs is lost. `packages` are the catalogues a
    framework loads besides the app's (Django's own, an installed package's):
    their reviewed entries come last and serve exact matches only, so an app
    string a framework already translates takes that human translation
    instead of MT, which would shadow it.
    """
    found = Memory()
    everyone = {**catalogs, **(orphaned or {})}
    for name, cat in sorted(everyone.items()):
        for message in cat.active():
            if state(message) is State.REVIEWED:
                found.add(message, name)
    for name, cat in sorted(catalogs.items()):
        for message in cat.obsolete():
            if state(message) is State.REVIEWED:
                found.add(message, name)
    for name, cat in sorted((orphaned or {}).items()):
        for message in cat.messages:
            if human_text(message) and (message.obsolete or state(message) is not State.REVIEWED):
                found.suggested.setdefault(_memory_key(message), (message, name))
    for name, cat in (packages or {}).items():
        for message in cat.active():
            if state(message) is State.REVIEWED:
                found.add(message, name, near=False)
    return found


def tm_comment(name: str, score: float | None = None) -> str:
    """The `# tm:` comment of a memory fill: `tm: <name>` for an exact match,
    `tm: <name> ~<percent>%` for a near one (the percentage rounded down)."""
    return provenance.memory(name, score)


def apply_memory(
    catalog: Catalog,
    reviewed: Mapping[str, tuple[Message, str]],
    *,
    near: float | None = MEMORY_THRESHOLD,
) -> tuple[Catalog, int]:
    """Fill untranslated entries from the translation memory `reviewed`.

    An entry whose whitespace-normalised source is in the memory takes that
    reviewed translation as reviewed, marked `# tm: <catalogue>`; so does
    untouched machine output (state *machine*): machine text never stands
    where a person's translation of the same source exists. An untranslated
    entry whose source a person translated without marking it done (a fuzzy
    or obsolete entry of an orphaned catalogue, see `memory`) takes that
    text as a fuzzy suggestion, marked `# tm: <catalogue>`. An entry
    still untranslated whose source is at least `near` similar to a memory
    sentence (None: no near matches) takes that translation as a *fuzzy
    suggestion*: fuzzy, `#|` previous msgid the memory's sentence (so a
    reviewer sees exactly what differs), marked `# tm: <catalogue> ~<score>%`.

    A translation whose source had other whitespace at its ends takes the
    entry's (formats.validity.carried), so `msgfmt -c` passes.

    Suggestions are state *fuzzy*, so MT, which only fills untranslated
    entries, leaves them alone, and they are not shipped until a person
    clears the fuzzy flag. That is the choice of Poedit's pre-translation
    and of CAT tools: a reviewed translation of a near-identical sentence
    needs a few words changed, where MT output needs a full review; the cost
    is that such an entry shows the source text in apps until reviewed.

    A plural entry takes only an exact match with as many plural forms.
    Returns the catalogue and how many entries were filled (both kinds).
    """
    index = reviewed if isinstance(reviewed, Memory) else Memory(reviewed)
    filled = 0
    messages: list[Message] = []
    for message in catalog.messages:
        filled_message = None if message.obsolete else _from_memory(message, index, near)
        messages.append(filled_message or message)
        filled += filled_message is not None
    return Catalog(header=catalog.header, messages=tuple(messages)), filled


def _fits(found: tuple[Message, str] | None, message: Message) -> tuple[Message, str] | None:
    """`found`, when it has as many forms as `message` needs."""
    if found is None or len(found[0].translations) != len(message.translations):
        return None
    return found


def _from_memory(message: Message, index: Memory, near: float | None) -> Message | None:
    """`message` filled from the memory (see `apply_memory`), or None."""
    if message.translated:
        # Untouched machine output gives way to a person's translation of
        # the same source; anything else a person may have touched stays.
        if not message.fuzzy or state(message) is not State.MACHINE:
            return None
        exact, suggested, suggestion = _fits(index.exact(message), message), None, None
        if exact is None:
            return None
    else:
        exact = _fits(index.exact(message), message)
        suggested = _fits(index.suggested.get(_memory_key(message)), message)
        suggestion = None
        if (
            exact is None
            and suggested is None
            and near is not None
            and message.msgid_plural is None
        ):
            suggestion = index.near(message.msgid, near)
    plural = message.msgid_plural is not None
    rest = without_provenance(message.translator_comments)
    found = exact or suggested
    if found is not None:
        source, name = found
        forms = carried_forms(source.translations, source, message.msgid, message.msgid_plural)
        keep_previous = exact is None and source.fuzzy and source.previous_msgid is not None
        return message.replace(
            msgstr="" if plural else forms[0],
            msgstr_plural=forms if plural else (),
            flags=flagged(message.flags, exact is None),
            translator_comments=(*rest, tm_comment(name)),
            previous_msgctxt=source.previous_msgctxt if keep_previous else None,
            previous_msgid=source.previous_msgid if keep_previous else None,
            previous_msgid_plural=source.previous_msgid_plural if keep_previous else None,
        )
    if suggestion is None:
        return None
    score, source, name = suggestion
    return message.replace(
        msgstr=carried(source.msgstr, source.msgid, message.msgid),
        flags=flagged(message.flags, True),
        translator_comments=(*rest, tm_comment(name, score)),
        previous_msgctxt=source.msgctxt,
        previous_msgid=source.msgid,
        previous_msgid_plural=None,
    )


@dataclass(frozen=True, slots=True)
class Counts:
    """Entries of a catalogue by state."""

    reviewed: int = 0
    machine: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    obsolete: int = 0


def counts(catalog: Catalog) -> Counts:
    """How many active entries are in each state, and how many are obsolete."""
    tally = {s: 0 for s in State}
    for message in catalog.active():
        tally[state(message)] += 1
    return Counts(
        reviewed=tally[State.REVIEWED],
        machine=tally[State.MACHINE],
        fuzzy=tally[State.FUZZY],
        untranslated=tally[State.UNTRANSLATED],
        obsolete=len(catalog.obsolete()),
    )

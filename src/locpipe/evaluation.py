"""`locpipe eval`: the installed models of a locale, scored on its own reviewed text.

The reviewed entries of a locale's catalogues are the references: their
sources are translated by every model that can serve the locale (as the
pipeline translates them: placeholders and markup masked), and the outputs
are scored with sacrebleu's chrF and BLEU against the reviewed translations.
Nothing is written to the catalogues; the report is returned as data, and a
sample of the worst sentences can be written for a person to read.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from locpipe.catalog import State, state
from locpipe.config import Config
from locpipe.errors import LocpipeError, ModelError, install_extra
from locpipe.formats.pofile import read_po
from locpipe.mt import Translator
from locpipe.mt.models import Runnable
from locpipe.placeholders import mask, unmask

#: Columns of the report, in order.
COLUMNS = ("model", "sentences", "chrF", "BLEU", "seconds")


@dataclass(frozen=True, slots=True)
class Pair:
    """A reviewed entry: the source, its reviewed translation, and where it is."""

    source: str
    reference: str
    flags: tuple[str, ...]
    where: str  # file:line


@dataclass(frozen=True, slots=True)
class Scored:
    """One model's output for one pair, with its sentence-level chrF."""

    pair: Pair
    output: str
    chrf: float


@dataclass(frozen=True, slots=True)
class ModelScore:
    """One row of the report."""

    model: str  # the engine id, as written to `# mt:` comments
    sentences: int
    chrf: float
    bleu: float
    seconds: float
    worst: tuple[Scored, ...]


@dataclass(frozen=True, slots=True)
class EvalReport:
    locale: str
    bleu_tokenize: str
    rows: tuple[ModelScore, ...]


def reviewed_pairs(config: Config, locale: str) -> list[Pair]:
    """The reviewed, singular entries of every catalogue of `locale`, once per source.

    Obsolete entries count (they are reviewed text too); plural entries and
    entries whose source is empty do not.
    """
    if locale not in config.argos_locales:
        raise LocpipeError(
            f"{locale!r} is not a configured locale",
            file=config.config_file,
            fix="give one of: " + ", ".join(config.argos_locales),
        )
    folder = config.root / config.locales_dir / locale / "LC_MESSAGES"
    pairs: dict[tuple[str | None, str], Pair] = {}
    for po in sorted(folder.rglob("*.po")):
        for message in read_po(po).messages:
            if not message.msgid or message.msgid_plural is not None:
                continue
            if state(message) is not State.REVIEWED:
                continue
            key = (message.msgctxt, message.msgid)
            pairs.setdefault(
                key,
                Pair(message.msgid, message.msgstr, message.flags, f"{po}:{message.lineno}"),
            )
    return list(pairs.values())


def bleu_tokenizer(locale: str) -> str:
    """sacrebleu's tokenizer for BLEU in `locale`: `zh` for Chinese, else `13a`.

    Korean is written with spaces, so 13a word tokens mean something; chrF,
    which needs no tokenizer, is the figure to trust first for both.
    """
    return "zh" if locale.lower().startswith("zh") else "13a"


def _translate(engine: Translator, pairs: Sequence[Pair]) -> list[str]:
    masked = [mask(p.source, p.flags) for p in pairs]
    outputs = engine.translate([m.text for m in masked])
    return [unmask(out, m)[0] for out, m in zip(outputs, masked, strict=True)]


def evaluate(
    locale: str,
    pairs: Sequence[Pair],
    models: Sequence[Runnable],
    load: Callable[[Runnable], Translator],
    *,
    worst: int = 0,
    clock: Callable[[], float] = time.perf_counter,
) -> EvalReport:
    """Score each model of `models` on `pairs`; keep its `worst` lowest-chrF sentences."""
    try:
        from sacrebleu.metrics.bleu import BLEU
        from sacrebleu.metrics.chrf import CHRF
    except ImportError as exc:
        raise LocpipeError("locpipe eval needs sacrebleu", fix=install_extra("eval")) from exc
    if not pairs:
        raise LocpipeError(
            f"no reviewed entries in the catalogues of {locale}",
            fix="review some machine translations first (clear their fuzzy flag)",
        )
    if not models:
        raise ModelError(
            f"no installed model serves {locale}",
            fix="install one: locpipe models install FILE.argosmodel | NAME | DIR",
        )
    tokenize = bleu_tokenizer(locale)
    chrf, bleu = CHRF(), BLEU(tokenize=tokenize)
    references = [p.reference for p in pairs]
    rows: list[ModelScore] = []
    for model in models:
        started = clock()
        engine = load(model)
        outputs = _translate(engine, pairs)
        seconds = clock() - started
        scored = sorted(
            (
                Scored(p, out, chrf.sentence_score(out, [p.reference]).score)
                for p, out in zip(pairs, outputs, strict=True)
            ),
            key=lambda s: s.chrf,
        )
        rows.append(
            ModelScore(
                model=model.engine_id,
                sentences=len(pairs),
                chrf=chrf.corpus_score(outputs, [references]).score,
                bleu=bleu.corpus_score(outputs, [references]).score,
                seconds=seconds,
                worst=tuple(scored[:worst]),
            )
        )
    return EvalReport(locale, tokenize, tuple(rows))


def format_table(report: EvalReport) -> str:
    """The report as an aligned text table, one model per row."""
    width = max([len("model"), *(len(r.model) for r in report.rows)])
    lines = [f"{'model':<{width}}  {'sentences':>9}  {'chrF':>6}  {'BLEU':>6}  {'seconds':>8}"]
    for r in report.rows:
        lines.append(
            f"{r.model:<{width}}  {r.sentences:>9}  {r.chrf:>6.2f}  {r.bleu:>6.2f}  "
            f"{r.seconds:>8.2f}"
        )
    return "\n".join(lines)


def worst_markdown(report: EvalReport) -> str:
    """The worst sentences of each model, as Markdown for a person to read."""
    out = [f"# Worst sentences for {report.locale} (sentence chrF, lowest first)", ""]
    for row in report.rows:
        out += [f"## {row.model}", ""]
        for s in row.worst:
            out += [
                f"- chrF {s.chrf:.1f} — {s.pair.where}",
                f"  - source: {s.pair.source}",
                f"  - reviewed: {s.pair.reference}",
                f"  - model: {s.output}",
            ]
        out.append("")
    return "\n".join(out)


def write_worst(report: EvalReport, path: Path) -> None:
    """Write worst_markdown(report) to `path` (never a catalogue)."""
    from locpipe.fsio import atomic_write_bytes

    if path.suffix in (".po", ".pot", ".mo"):
        raise LocpipeError(
            "the sample of worst sentences is Markdown, not a catalogue",
            file=path,
            fix="give a .md path",
        )
    atomic_write_bytes(path, worst_markdown(report).encode("utf-8"))

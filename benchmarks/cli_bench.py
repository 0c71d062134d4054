"""(d) a no-change run of a 10,000-sentence project, (e) `locpipe --help`, (g) vs msgmerge.

(g) also times an update after a person reviewed every entry and 5% of the
sentences changed, where every changed sentence searches the reviewed ones
for the most similar (msgmerge's fuzzy matching), against msgmerge on the
same reviewed catalogues and new templates.

The project is made by one run of the pipeline in this process with an
instant engine (reversed text; the catalogues are written once per
catalogue rather than after every batch, which only saves set-up time). The
timed runs are the real CLI in subprocesses.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks import project
from benchmarks.corpus import make_corpus

SENTENCES = 10_000
DOCUMENTS = 20
LOCALES = ["ko", "zh_CN"]
HELP_RUNS = 5


class InstantEngine:
    """A Translator that reverses the text: no model, no time."""

    engine_id = "bench instant 1"
    batch_sentences = 10 * SENTENCES  # one write per catalogue

    def translate(self, texts: Sequence[str]) -> list[str]:
        return [text[::-1] for text in texts]


class InstantProvider:
    """Serves every locale with the InstantEngine."""

    def check(self, locale: str) -> None:
        pass

    def load(self, locale: str) -> InstantEngine:
        return InstantEngine()


@dataclass
class CliFigures:
    """What the CLI part of the benchmark measured."""

    entries: int = 0
    setup_seconds: float = 0.0
    nochange_seconds: float = 0.0
    nochange_cold_seconds: float = 0.0
    help_seconds: float = 0.0
    update_seconds: float = 0.0
    msgmerge_seconds: float = 0.0
    msgmerge_files: int = 0
    changed_sentences: int = 0
    changed_update_seconds: float = 0.0
    changed_msgmerge_seconds: float = 0.0


def _create(root: Path) -> float:
    import time

    from locpipe import pipeline
    from locpipe.config import load_config

    corpus = make_corpus(SENTENCES, repeats=0.0, documents=DOCUMENTS, seed=11)
    project.make_project(root, corpus.document_texts(), LOCALES)
    started = time.perf_counter()
    pipeline.translate(load_config(root), InstantProvider())
    return time.perf_counter() - started


def _msgmerge(root: Path, scratch: Path) -> tuple[float, int]:
    """Seconds for GNU msgmerge to merge every catalogue with its template."""
    scratch.mkdir(parents=True, exist_ok=True)
    jobs = [
        (po, root / "locales" / f"{po.stem}.pot")
        for locale in LOCALES
        for po in sorted((root / "locales" / locale / "LC_MESSAGES").glob("*.po"))
    ]
    import time

    started = time.perf_counter()
    for index, (po, pot) in enumerate(jobs):
        out = scratch / f"{index}.po"
        subprocess.run(
            ["msgmerge", "--quiet", "--previous", "-o", str(out), str(po), str(pot)], check=True
        )
    return time.perf_counter() - started, len(jobs)


def _review_all(root: Path) -> None:
    """Clear every fuzzy flag, as a reviewer accepting each entry would."""
    from locpipe.formats.pofile import read_po, write_po
    from locpipe.model import FUZZY, Catalog

    for locale in LOCALES:
        for po in (root / "locales" / locale / "LC_MESSAGES").glob("*.po"):
            cat = read_po(po)
            messages = tuple(
                m.replace(flags=tuple(f for f in m.flags if f != FUZZY)) for m in cat.messages
            )
            write_po(po, Catalog(cat.header, messages))


def _change_sources(root: Path, every: int) -> int:
    """Change one word in every `every`-th sentence of the corpus; return how many."""
    corpus = make_corpus(SENTENCES, repeats=0.0, documents=DOCUMENTS, seed=11)
    changed = corpus.distinct[::every]
    for doc in sorted((root / "content").glob("*.txt")):
        text = doc.read_text("utf-8")
        for sentence in changed:
            text = text.replace(sentence, sentence.replace(" the ", " this ", 1))
        doc.write_text(text, "utf-8")
    return len(changed)


def _changed_run(root: Path, env: dict[str, str], scratch: Path) -> tuple[int, float, float]:
    """(sentences changed, locpipe update seconds, msgmerge seconds)."""
    _review_all(root)
    saved = scratch / "reviewed"
    shutil.copytree(root / "locales", saved)
    changed = _change_sources(root, 20)
    seconds = project.locpipe(["update", "-q"], cwd=root, env=env).check("update").seconds
    for locale in LOCALES:  # msgmerge merges the same reviewed catalogues
        shutil.rmtree(root / "locales" / locale)
        shutil.copytree(saved / locale, root / "locales" / locale)
    merge_seconds = _msgmerge(root, scratch / "merged")[0] if shutil.which("msgmerge") else 0.0
    return changed, seconds, merge_seconds


def run(work: Path) -> CliFigures:
    """Create the project, then time the no-change runs, --help and msgmerge."""
    figures = CliFigures(entries=SENTENCES)
    root = work / "project10k"
    env = project.environment(work / "home")
    figures.setup_seconds = _create(root)

    project.locpipe(["translate", "-q"], cwd=root, env=env).check("warm-up run")
    figures.nochange_seconds = min(
        project.locpipe(["translate", "-q"], cwd=root, env=env).check("no-change run").seconds
        for _ in range(3)
    )
    shutil.rmtree(root / ".locpipe-cache", ignore_errors=True)
    cold = project.locpipe(["translate", "-q"], cwd=root, env=env).check("cold no-change run")
    figures.nochange_cold_seconds = cold.seconds

    figures.help_seconds = statistics.median(
        project.locpipe(["--help"], cwd=root, env=env).check("--help").seconds
        for _ in range(HELP_RUNS)
    )
    figures.update_seconds = (
        project.locpipe(["update", "-q"], cwd=root, env=env).check("update").seconds
    )
    if shutil.which("msgmerge"):
        figures.msgmerge_seconds, figures.msgmerge_files = _msgmerge(root, work / "msgmerge")
    changed = _changed_run(root, env, work / "changed")
    figures.changed_sentences, figures.changed_update_seconds = changed[:2]
    figures.changed_msgmerge_seconds = changed[2]
    return figures

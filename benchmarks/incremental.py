"""(i) Cost in proportion to the change: re-runs of `locpipe update` beside GNU msgmerge.

A project of N sentences (documents of about 200 sentences, 2 locales) is
machine-translated once in this process with an instant engine, every entry
is reviewed (fuzzy cleared), and one `locpipe update` records it. Then, in
order, each scenario changes the project and times the real CLI in a
subprocess (Python start-up included):

- no change: `locpipe update` and `locpipe translate` (best of 3);
- one sentence changed in one document;
- 1% of the sentences changed, in 10% of the documents;
- 1% of the sentences changed, spread over every document;
- one document of 200 new sentences added.

msgmerge runs in the same process tree on the same inputs: for each changed
catalogue, `msgmerge --previous` of the catalogue as it was before the
scenario with the template locpipe wrote (msgmerge does not segment; the
template is given to it). For the added document it merges the new template
into an empty catalogue. Its time is summed over the changed catalogues.
Sizes: LOCPIPE_BENCH_SIZES (e.g. "10000,40000", default 10000,40000,100000).
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks import project
from benchmarks.cli_bench import InstantProvider
from benchmarks.corpus import make_corpus

PER_DOCUMENT = 200
LOCALES = ("ko", "zh_CN")
DEFAULT_SIZES = (10_000, 40_000, 100_000)
#: After a run, files it wrote are "racily clean" for a moment (their
#: timestamps too close to the state's to trust): the next run hashes them.
#: The benchmark waits this long before a timed run, as a person would.
SETTLE_SECONDS = 2.2


def sizes() -> tuple[int, ...]:
    """The project sizes to measure, from LOCPIPE_BENCH_SIZES."""
    raw = os.environ.get("LOCPIPE_BENCH_SIZES", "")
    if not raw.strip():
        return DEFAULT_SIZES
    return tuple(int(part) for part in raw.replace(" ", "").split(",") if part)


@dataclass
class Row:
    """One scenario at one size."""

    sentences: int
    scenario: str
    seconds: float
    maxrss_mb: float
    changed_catalogues: int = 0
    msgmerge_seconds: float | None = None
    files_written: int = 0
    notes: list[str] = field(default_factory=list)


def _documents(root: Path) -> list[Path]:
    return sorted((root / "content").glob("*.txt"))


def _create(root: Path, sentences: int) -> float:
    from locpipe import pipeline
    from locpipe.config import load_config
    from locpipe.formats.pofile import read_po, write_po
    from locpipe.model import FUZZY, Catalog

    documents = max(1, sentences // PER_DOCUMENT)
    corpus = make_corpus(sentences, repeats=0.0, documents=documents, seed=11)
    project.make_project(root, corpus.document_texts(), list(LOCALES))
    started = time.perf_counter()
    pipeline.translate(load_config(root), InstantProvider(), stop_after="mt")
    for locale in LOCALES:  # a reviewer accepts every entry
        for po in (root / "locales" / locale / "LC_MESSAGES").glob("*.po"):
            cat = read_po(po)
            messages = tuple(
                m.replace(flags=tuple(f for f in m.flags if f != FUZZY)) for m in cat.messages
            )
            write_po(po, Catalog(cat.header, messages))
    return time.perf_counter() - started


def _catalogues(root: Path, domains: Sequence[str]) -> list[Path]:
    return [root / "locales" / loc / "LC_MESSAGES" / f"{d}.po" for d in domains for loc in LOCALES]


def _msgmerge(root: Path, saved: Path, domains: Sequence[str]) -> float:
    """Seconds for msgmerge --previous of each saved catalogue of `domains`
    (an empty one when there was none) with the template now on disk."""
    out = saved / "out.po"
    started = time.perf_counter()
    for domain in domains:
        pot = root / "locales" / f"{domain}.pot"
        for locale in LOCALES:
            old = saved / locale / f"{domain}.po"
            if not old.exists():
                old.parent.mkdir(parents=True, exist_ok=True)
                old.write_text(f'msgid ""\nmsgstr ""\n"Language: {locale}\\n"\n', "utf-8")
            cmd = ["msgmerge", "--quiet", "--previous", "-o", str(out), str(old), str(pot)]
            subprocess.run(cmd, check=True)
    return time.perf_counter() - started


def _save(root: Path, saved: Path, domains: Sequence[str]) -> None:
    shutil.rmtree(saved, ignore_errors=True)
    for domain in domains:
        for locale in LOCALES:
            po = root / "locales" / locale / "LC_MESSAGES" / f"{domain}.po"
            if po.exists():
                (saved / locale).mkdir(parents=True, exist_ok=True)
                shutil.copy2(po, saved / locale / f"{domain}.po")


def _change(doc: Path, count: int, rng: random.Random) -> int:
    """Change one word in `count` sentences of `doc` ("the" → "this"); return how many."""
    text = doc.read_text("utf-8")
    places = [i for i in range(len(text)) if text.startswith(" the ", i)]
    chosen = sorted(rng.sample(places, min(count, len(places))), reverse=True)
    for i in chosen:
        text = text[:i] + " this " + text[i + len(" the ") :]
    doc.write_text(text, "utf-8")
    return len(chosen)


def _timed_update(root: Path, env: dict[str, str], row: Row) -> Row:
    time.sleep(SETTLE_SECONDS)
    run = project.locpipe(["update"], cwd=root, env=env).check(row.scenario)
    row.seconds, row.maxrss_mb = run.seconds, run.maxrss_mb
    written = [line for line in run.stdout.splitlines() if line.endswith("file(s) written")]
    row.files_written = int(written[-1].split()[0]) if written else 0
    return row


def measure(work: Path, sentences: int, say: object = print) -> list[Row]:
    """Every scenario at one size; `say` reports progress."""
    report = say if callable(say) else print
    root = work / f"project{sentences}"
    env = project.environment(work / "home")
    saved = work / f"saved{sentences}"
    rows: list[Row] = []
    rng = random.Random(sentences)
    report(f"(i) {sentences} sentences: creating the project")
    setup = _create(root, sentences)
    project.locpipe(["update", "-q"], cwd=root, env=env).check("recording run")
    report(f"(i) {sentences} sentences: made and reviewed in {setup:.0f} s")
    domains = [d.stem for d in _documents(root)]

    time.sleep(SETTLE_SECONDS)
    best = min(
        (project.locpipe(["update", "-q"], cwd=root, env=env).check("no change") for _ in range(3)),
        key=lambda r: r.seconds,
    )
    rows.append(Row(sentences, "no change: update", best.seconds, best.maxrss_mb))
    project.locpipe(["translate", "-q"], cwd=root, env=env).check("translate")
    time.sleep(SETTLE_SECONDS)
    best = min(
        (
            project.locpipe(["translate", "-q"], cwd=root, env=env).check("no change")
            for _ in range(3)
        ),
        key=lambda r: r.seconds,
    )
    rows.append(Row(sentences, "no change: translate", best.seconds, best.maxrss_mb))

    one = domains[len(domains) // 2]
    _save(root, saved, [one])
    _change(root / "content" / f"{one}.txt", 1, rng)
    row = _timed_update(root, env, Row(sentences, "one sentence changed", 0, 0, 2))
    row.msgmerge_seconds = _msgmerge(root, saved, [one])
    rows.append(row)

    hundredth = max(1, sentences // 100)
    some = domains[::10] or domains[:1]
    _save(root, saved, some)
    per_doc = -(-hundredth // len(some))
    changed = sum(_change(root / "content" / f"{d}.txt", per_doc, rng) for d in some)
    row = Row(sentences, "1% changed, in 10% of documents", 0, 0, 2 * len(some))
    row.notes.append(f"{changed} sentences in {len(some)} documents")
    rows.append(_timed_update(root, env, row))
    row.msgmerge_seconds = _msgmerge(root, saved, some)

    _save(root, saved, domains)
    per_doc = max(1, hundredth // len(domains))
    changed = sum(_change(root / "content" / f"{d}.txt", per_doc, rng) for d in domains)
    row = Row(sentences, "1% changed, across every document", 0, 0, 2 * len(domains))
    row.notes.append(f"{changed} sentences in {len(domains)} documents")
    rows.append(_timed_update(root, env, row))
    row.msgmerge_seconds = _msgmerge(root, saved, domains)

    extra = make_corpus(PER_DOCUMENT, repeats=0.0, documents=1, seed=sentences + 1)
    (root / "content" / "added.txt").write_text(extra.document_texts()[0], "utf-8")
    _save(root, saved, ["added"])
    row = _timed_update(root, env, Row(sentences, "one document added", 0, 0, 2))
    row.msgmerge_seconds = _msgmerge(root, saved, ["added"])
    rows.append(row)
    shutil.rmtree(root, ignore_errors=True)
    return rows


def run(work: Path, say: object = print) -> list[Row]:
    """Every size of `sizes()`."""
    if shutil.which("msgmerge") is None:
        raise RuntimeError("(i) needs GNU msgmerge (apt-get install gettext)")
    return [row for n in sizes() for row in measure(work, n, say)]


def table(rows: Sequence[Row]) -> str:
    """The rows as a Markdown table."""
    lines = [
        "| sentences | scenario | locpipe update | peak RSS | files written"
        " | msgmerge (changed catalogues) | locpipe / msgmerge |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        merge = (
            ""
            if r.msgmerge_seconds is None
            else f"{r.msgmerge_seconds:.3f} s ({r.changed_catalogues})"
        )
        ratio = "" if not r.msgmerge_seconds else f"{r.seconds / r.msgmerge_seconds:.2f}"
        note = f" ({'; '.join(r.notes)})" if r.notes else ""
        lines.append(
            f"| {r.sentences:,} | {r.scenario}{note} | {r.seconds:.3f} s | {r.maxrss_mb:.0f} MB"
            f" | {r.files_written} | {merge} | {ratio} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory(prefix="locpipe-inc-") as tmp:
        print(table(run(Path(tmp))))

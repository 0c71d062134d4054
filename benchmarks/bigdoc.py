"""(j) One large Markdown document: `locpipe update` and `translate --engine pseudo`, peak RSS.

The document is generated: sections with headings, paragraphs of corpus
sentences (with inline code, links and emphasis here and there), bullet
lists and fenced code blocks, until it reaches the size asked for. Each run
is the real CLI in a fresh subprocess, measured by wait4 (project.run_timed).
Sizes: LOCPIPE_BENCH_BIGDOC_MB (default 50).
"""

from __future__ import annotations

import os
import random
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks import project
from benchmarks.corpus import make_corpus

DEFAULT_MB = 50.0
#: The issue's target: peak RSS at most this many times the document's size.
TARGET_RATIO = 10.0


def megabytes() -> float:
    """The document size to measure, from LOCPIPE_BENCH_BIGDOC_MB."""
    return float(os.environ.get("LOCPIPE_BENCH_BIGDOC_MB", DEFAULT_MB))


def make_markdown(size: int, seed: int = 5) -> str:
    """A Markdown document of about `size` bytes (UTF-8)."""
    rng = random.Random(seed)
    # Distinct sentences for most of the text, as in real documentation.
    corpus = make_corpus(max(1000, size // 150), repeats=0.0, documents=1, seed=seed)
    sentences = corpus.distinct
    parts: list[str] = []
    total = 0
    n = 0
    section = 0

    def take() -> str:
        nonlocal n
        sentence = sentences[n % len(sentences)]
        n += 1
        roll = rng.random()
        if roll < 0.05:
            words = sentence.split(" ")
            i = rng.randrange(len(words))
            words[i] = f"`{words[i].strip('.,?')}`"
            sentence = " ".join(words)
            sentence = sentence if sentence[-1] in ".?" else sentence + "."
        elif roll < 0.08:
            sentence = f"See [the guide](https://example.org/guide/{n}) for details. {sentence}"
        elif roll < 0.1:
            sentence = sentence.replace(" the ", " *the* ", 1)
        return sentence

    while total < size:
        if n % 120 == 0:
            section += 1
            block = f"## Section {section}: {take().rstrip('.?')}"
        else:
            kind = rng.random()
            if kind < 0.7:
                block = " ".join(take() for _ in range(rng.randint(2, 6)))
            elif kind < 0.9:
                block = "\n".join(f"- {take()}" for _ in range(rng.randint(2, 5)))
            else:
                block = (
                    "```python\n"
                    + "\n".join(f"value_{i} = compute({i}, {rng.randint(0, 99)})" for i in range(6))
                    + "\n```"
                )
        parts.append(block)
        total += len(block.encode("utf-8")) + 2
    return "# A large document\n\n" + "\n\n".join(parts) + "\n"


@dataclass
class BigRow:
    command: str
    megabytes: float
    seconds: float
    maxrss_mb: float

    @property
    def ratio(self) -> float:
        return self.maxrss_mb / self.megabytes


def run(work: Path, say: object = print) -> list[BigRow]:
    """`update` then `translate --engine pseudo` on one generated document."""
    report = say if callable(say) else print
    size = int(megabytes() * 1_000_000)
    root = work / "bigdoc"
    shutil.rmtree(root, ignore_errors=True)
    (root / "content").mkdir(parents=True)
    text = make_markdown(size)
    doc = root / "content" / "big.md"
    doc.write_text(text, "utf-8")
    actual = doc.stat().st_size / 1e6
    (root / "locpipe.toml").write_text(
        'locales = ["ko", "zh_CN"]\nsources = ["content/*.md"]\n', "utf-8"
    )
    env = project.environment(work / "home")
    rows = []
    for command, args in (
        ("update", ["update", "-q"]),
        ("translate --engine pseudo", ["translate", "--engine", "pseudo", "-q"]),
    ):
        report(f"(j) {actual:.1f} MB Markdown: locpipe {command}")
        started = time.perf_counter()
        done = project.locpipe(args, cwd=root, env=env).check(command)
        rows.append(BigRow(command, actual, time.perf_counter() - started, done.maxrss_mb))
    shutil.rmtree(root, ignore_errors=True)
    return rows


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory(prefix="locpipe-big-") as tmp:
        for row in run(Path(tmp)):
            print(
                f"{row.command}: {row.megabytes:.1f} MB, {row.seconds:.1f} s, "
                f"peak {row.maxrss_mb:.0f} MB ({row.ratio:.1f}x)"
            )

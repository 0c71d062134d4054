"""(a) Argos per sentence, (b) raw CTranslate2 limit, (c) `locpipe translate` end to end.

All three run the same installed package with the same decoding settings
(int8, beam 4, length penalty 0.2). The benchmark model ends its output by
itself well inside every cap, so the paths decode the same tokens; the
outputs are compared to show it.
"""

from __future__ import annotations

import json
import random
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks import cluster_bench, limit, project
from benchmarks.corpus import Corpus

REPO = Path(__file__).resolve().parent.parent
#: Sentences in the sweep sample and in the Argos baseline subset.
SWEEP_SAMPLE = 240
BASELINE_SUBSET = 200


@dataclass
class MTFigures:
    """What the MT part of the benchmark measured."""

    distinct: int = 0
    sweep: list[limit.Timing] = field(default_factory=list)
    best: limit.Setting | None = None
    limit_runs: list[limit.Timing] = field(default_factory=list)
    locpipe_seconds: float = 0.0
    locpipe_maxrss_mb: float = 0.0
    locpipe_same: tuple[int, int] = (1 << 30, 0)
    argos_seconds: float = 0.0
    argos_sentences: int = 0
    argos_import_seconds: float = 0.0
    argos_load_seconds: float = 0.0
    argos_same: tuple[int, int] = (0, 0)
    cluster: cluster_bench.ClusterFigures | None = None

    @property
    def limit_rate(self) -> float:
        return max(t.rate for t in self.limit_runs)

    @property
    def locpipe_rate(self) -> float:
        return self.distinct / self.locpipe_seconds

    @property
    def argos_rate(self) -> float:
        return self.argos_sentences / self.argos_seconds


def _say(text: str) -> None:
    print(f"  … {text}", file=sys.stderr, flush=True)


def _read_msgstrs(locales_dir: Path) -> dict[str, str]:
    import polib

    found: dict[str, str] = {}
    for po in sorted((locales_dir / "ko" / "LC_MESSAGES").glob("*.po")):
        for entry in polib.pofile(str(po)):
            found[entry.msgid] = entry.msgstr
    return found


def run(corpus: Corpus, archive: Path, work: Path, cores: int) -> MTFigures:
    """Install the package, then time (b), (c), (b), (c) and (a)."""
    import sentencepiece as spm

    from locpipe.mt.batching import decoding_cap

    figures = MTFigures(distinct=len(corpus.distinct))
    env = project.environment(work / "home")
    root = project.make_project(work / "project", corpus.document_texts(), ["ko"])
    project.locpipe(["models", "install", str(archive)], cwd=root, env=env).check("install")
    package = next(p for p in (work / "home" / "packages").iterdir() if p.is_dir())
    processor = spm.SentencePieceProcessor(model_file=str(package / "sentencepiece.model"))
    sentences = corpus.distinct
    tokens: list[list[str]] = processor.encode(sentences, out_type=str)
    cap = decoding_cap(max(len(t) for t in tokens))

    sample = random.Random(3).sample(range(len(tokens)), SWEEP_SAMPLE)
    _say(f"(b) sweep: {len(limit.sweep_settings(cores))} settings on {SWEEP_SAMPLE} sentences")
    figures.best, figures.sweep = limit.best_setting(
        package / "model", [tokens[i] for i in sample], cores, cap
    )
    _say(f"(b) limit with {figures.best} on {len(tokens)} sentences")
    timing, outputs = limit.run(package / "model", tokens, figures.best, cap)
    figures.limit_runs.append(timing)
    reference = dict(zip(sentences, processor.decode(outputs), strict=True))

    runs = []
    _say("(h) starting a local Dask cluster on the same cores")
    cluster = cluster_bench.ClusterBench(work / "dask", env, cores, len(sentences))
    try:  # (b), (c) and (h) alternate; the better of two runs counts for each
        for attempt in (1, 2):
            _say(f"(c) locpipe translate, run {attempt}")
            shutil.rmtree(root / "locales", ignore_errors=True)
            shutil.rmtree(root / ".locpipe-cache", ignore_errors=True)
            runs.append(project.locpipe(["translate", "-q"], cwd=root, env=env).check("translate"))
            produced = _read_msgstrs(root / "locales")
            same = sum(produced.get(s) == reference[s].strip() for s in sentences)
            figures.locpipe_same = min(figures.locpipe_same, (same, len(sentences)))
            _say(f"(h) locpipe translate --cluster, run {attempt}")
            cluster.translate(root, reference)
            if attempt == 1:
                _say("(b) limit, run 2")
                timing = limit.run(package / "model", tokens, figures.best, cap)[0]
                figures.limit_runs.append(timing)
    finally:
        figures.cluster = cluster.finish(root)
    figures.locpipe_seconds = min(r.seconds for r in runs)
    figures.locpipe_maxrss_mb = max(r.maxrss_mb for r in runs)

    subset = random.Random(5).sample(sentences, BASELINE_SUBSET)
    _say(f"(a) argostranslate.translate on {len(subset)} sentences, one call each")
    source, target = work / "argos_in.json", work / "argos_out.json"
    source.write_text(json.dumps(subset), "utf-8")
    cmd = [sys.executable, "-m", "benchmarks.argos_baseline", str(source), str(target)]
    project.run_timed(cmd, cwd=REPO, env=env).check("argos baseline")
    report = json.loads(target.read_text("utf-8"))
    figures.argos_seconds = report["seconds"]
    figures.argos_sentences = report["sentences"]
    figures.argos_import_seconds = report["import_seconds"]
    figures.argos_load_seconds = report["load_seconds"]
    same = sum(
        out == reference[s].strip() for s, out in zip(subset, report["outputs"], strict=True)
    )
    figures.argos_same = (same, len(subset))
    return figures

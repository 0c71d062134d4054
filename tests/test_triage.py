"""Confidence triage: MT scores in `# mt:`, `locpipe review`, status and its CI gate."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from locpipe import catalog
from locpipe.catalog import State, mt_score, state
from locpipe.formats.pofile import read_po
from locpipe.model import Catalog, Message
from locpipe.mt.argos import ArgosModel
from locpipe.mt.batching import LENGTH_PENALTY
from locpipe.mt.engine import ArgosEngine, mean_log_prob
from tests.conftest import SAMPLE, Project

DOMAIN = SAMPLE.stem


def po(project: Project, locale: str) -> Path:
    return project.locales / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def scores_by_msgid(path: Path) -> dict[str, float | None]:
    return {m.msgid: mt_score(m) for m in read_po(path).active() if state(m) is State.MACHINE}


def review_json(project: Project, *args: str) -> list[dict[str, object]]:
    done = project.run("review", "--json", *args, check=True)
    entries: list[dict[str, object]] = json.loads(done.stdout)["entries"]
    return entries


def test_machine_entries_carry_scores(translated: Project) -> None:
    for locale in ("ko", "zh_CN"):
        scores = scores_by_msgid(po(translated, locale))
        assert scores, locale
        for msgid, score in scores.items():
            assert score is not None, msgid
            assert score <= 0.0
        # A random model is not equally sure of everything.
        assert len(set(scores.values())) > 1


def test_review_lists_lowest_score_first_with_file_and_line(translated: Project) -> None:
    entries = review_json(translated)
    scores = [e["score"] for e in entries]
    assert scores == sorted(scores)  # type: ignore[type-var]
    total = sum(len(scores_by_msgid(po(translated, loc))) for loc in ("ko", "zh_CN"))
    assert len(entries) == total
    for entry in entries[:10]:
        path = translated.root / str(entry["file"])
        lines = path.read_text(encoding="utf-8").splitlines()
        line = int(str(entry["line"]))
        # The entry starts there: its msgid follows within the entry's lines.
        block = "\n".join(lines[line - 1 : line + 12])
        assert block.startswith("#")
        assert "msgid" in block

    worst = translated.run("review", "--worst", "3", check=True).stdout.splitlines()
    assert len(worst) == 3
    for text, entry in zip(worst, entries[:3], strict=True):
        assert text.startswith(f"{entry['file']}:{entry['line']}: {entry['score']:.2f}: ")


def test_review_by_locale_and_below(translated: Project) -> None:
    everything = review_json(translated)
    ko = review_json(translated, "--locale", "ko")
    assert ko == [e for e in everything if e["locale"] == "ko"]
    cut = float(str(everything[len(everything) // 2]["score"]))
    below = review_json(translated, "--below", str(cut))
    assert below == [e for e in everything if float(str(e["score"])) < cut]


def test_status_shows_lowest_and_gates_ci(translated: Project) -> None:
    entries = review_json(translated)
    done = translated.run("status", check=True)
    assert "lowest-scoring machine entries" in done.stdout
    assert f"{entries[0]['file']}:{entries[0]['line']}:" in done.stdout
    document = json.loads(translated.run("status", "--json", check=True).stdout)
    assert [e["score"] for e in document["lowest_scores"]] == [e["score"] for e in entries[:5]]

    median = float(str(entries[len(entries) // 2]["score"]))
    below = sum(1 for e in entries if float(str(e["score"])) < median)
    assert below > 0
    failing = translated.run("status", "--fail-below", str(median), "--max", str(below - 1))
    assert failing.returncode == 1
    assert f"{below} shipping machine entries score below" in failing.stderr
    passing = translated.run("status", "--fail-below", str(median), "--max", str(below))
    assert passing.returncode == 0

    # Machine entries that do not ship do not count.
    config = translated.root / "locpipe.toml"
    config.write_text(config.read_text(encoding="utf-8") + 'compile = "reviewed"\n', "utf-8")
    assert translated.run("status", "--fail-below", "0").returncode == 0


@pytest.mark.parametrize("options", [["--previous", "-U"], ["-U"]], ids=["previous", "plain"])
def test_scores_survive_msgmerge(translated: Project, options: list[str]) -> None:
    pot = translated.locales / f"{DOMAIN}.pot"
    for locale in ("ko", "zh_CN"):
        path = po(translated, locale)
        before = scores_by_msgid(path)
        subprocess.run(
            ["msgmerge", "--quiet", *options, str(path), str(pot)], check=True, timeout=60
        )
        assert scores_by_msgid(path) == before
    entries = review_json(translated)
    assert [e["score"] for e in entries] == sorted(e["score"] for e in entries)  # type: ignore[type-var]
    # And locpipe's next run keeps them as they are.
    translated.run("update", check=True)
    for locale in ("ko", "zh_CN"):
        assert all(s is not None for s in scores_by_msgid(po(translated, locale)).values())


def test_pseudo_engine_writes_no_score(project: Project) -> None:
    shutil.rmtree(project.root / "content")
    (project.root / "content").mkdir()
    (project.root / "content" / "a.txt").write_text("Save the file.\n\nOpen it.\n", "utf-8")
    project.run("translate", "--engine", "pseudo", check=True)
    cat = read_po(project.locales / "en_XA" / "LC_MESSAGES" / "a.po")
    machine = [m for m in cat.active() if state(m) is State.MACHINE]
    assert len(machine) == 2
    assert all(mt_score(m) is None for m in machine)
    assert all("score:" not in (catalog.mt_comment(m) or "") for m in machine)
    done = project.run("review", "--json", "--locale", "en_XA", check=True)
    assert [e["score"] for e in json.loads(done.stdout)["entries"]] == [None, None]


def test_plural_entry_takes_the_lower_score() -> None:
    entry = Message("One file", msgid_plural="%d files", msgstr_plural=("",))
    filled, count = catalog.apply_machine(
        Catalog(Message(""), (entry,)),
        {"One file": "a", "%d files": "b"},
        "argos t 1",
        scores={"One file": -0.5, "%d files": -1.25},
    )
    assert count == 1
    assert mt_score(filled.messages[0]) == -1.25


def test_mean_log_prob_matches_ctranslate2_with_penalty_one(models_dir: Path) -> None:
    """The score is the mean log-probability per token: what CTranslate2
    returns with length_penalty 1, derived from Argos' 0.2 run, both for a
    hypothesis cut by the decoding cap and for one ended by an end token."""
    import ctranslate2

    folder = next(
        p for p in models_dir.iterdir() if p.is_dir() and p.name.startswith("translate-en_zh")
    )
    model = ArgosModel(folder.name, "en", "zh", "1.0", folder)
    engine = ArgosEngine(model, beam_size=1, threads=1)
    tokens = engine._tokenizer.encode(["Relations between the two countries improved."])
    translator = ctranslate2.Translator(str(model.model_dir), compute_type="int8")

    def run(penalty: float, **extra: object) -> tuple[float, int]:
        result = translator.translate_batch(
            tokens, beam_size=1, length_penalty=penalty, return_scores=True, **extra
        )[0]
        return result.scores[0], len(result.hypotheses[0])

    cap = 12
    first, length = run(LENGTH_PENALTY, max_decoding_length=cap)
    assert length == cap  # the test model never ends by itself
    assert mean_log_prob(first, length, cap) == pytest.approx(
        run(1.0, max_decoding_length=cap)[0], rel=1e-4
    )
    end = translator.translate_batch(tokens, beam_size=1, max_decoding_length=cap)[0]
    stop = end.hypotheses[0][4]
    ended, length = run(LENGTH_PENALTY, max_decoding_length=cap, end_token=stop)
    assert length < cap
    assert mean_log_prob(ended, length, cap) == pytest.approx(
        run(1.0, max_decoding_length=cap, end_token=stop)[0], rel=1e-4
    )
    hypothesis = engine.translate_scored(["Relations between the two countries improved."])[0]
    assert hypothesis.score is not None and hypothesis.score < 0

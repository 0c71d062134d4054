"""`locpipe eval`: every installed model of a locale scored on the reviewed entries.

Two test models serve `ko` (the tiny Argos package and a generated OPUS-MT
folder); a catalogue holds reviewed entries (some the machine output
accepted as is, some edited, some rewritten). The report has a row per
model with the documented columns, its chrF is sacrebleu's on the same
pairs, and no catalogue changes.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from sacrebleu.metrics.bleu import BLEU
from sacrebleu.metrics.chrf import CHRF

from locpipe.catalog import State, state
from locpipe.config import load_config
from locpipe.evaluation import COLUMNS, evaluate, reviewed_pairs
from locpipe.formats.pofile import read_po, write_po
from locpipe.mt.argos import package_at
from locpipe.mt.engine import ArgosEngine
from locpipe.mt.models import Runnable, read_folder_model
from tests.conftest import Project
from tests.support.ct2_models import build_marian_folder

REWRITTEN = "검토자가 다시 쓴 문장입니다"


def _review(project: Project) -> int:
    """Clear fuzzy on most ko machine entries: accepted, edited or rewritten."""
    count = 0
    for po in (project.locales / "ko" / "LC_MESSAGES").glob("*.po"):
        catalog = read_po(po)
        messages = []
        for index, message in enumerate(catalog.messages):
            if message.msgid and state(message) is State.MACHINE and index % 4:
                text = {1: message.msgstr, 2: message.msgstr[: len(message.msgstr) // 2 + 1]}
                flags = tuple(f for f in message.flags if f != "fuzzy")
                message = message.replace(msgstr=text.get(index % 4, REWRITTEN), flags=flags)
                count += 1
            messages.append(message)
        write_po(po, dataclasses.replace(catalog, messages=tuple(messages)))
    return count


def test_eval_reports_each_model_and_changes_no_catalogue(
    translated: Project, models_dir: Path, tmp_path: Path
) -> None:
    # a HOME of its own: the folder model installs there
    project = Project(translated.root, {**translated.env, "HOME": str(tmp_path / "home")})
    reviewed = _review(project)
    assert reviewed > 10
    marian = build_marian_folder(tmp_path / "build", to_code="ko")
    project.run("models", "install", str(marian), check=True)
    before = project.snapshot()

    done = project.run("eval", "ko", "--worst", "3", "--worst-file", "worst-ko.md")
    assert done.returncode == 0, done.stderr
    header, *rows = done.stdout.splitlines()[1:]
    assert header.split() == list(COLUMNS)
    assert [r.split()[:2] for r in rows] == [
        ["argos", "translate-en_ko-1_0"],
        ["marian", "opus-mt-en-ko"],
    ]
    assert all(r.split()[3] == str(reviewed) for r in rows)  # model id has 3 words

    as_json = json.loads(project.run("eval", "ko", "--json", check=True).stdout)
    assert [list(row) for row in as_json["rows"]] == [
        ["model", "sentences", "chrf", "bleu", "seconds"]
    ] * 2
    assert as_json["bleu_tokenize"] == "13a"

    worst = (project.root / "worst-ko.md").read_text(encoding="utf-8")
    assert worst.count("  - reviewed: ") == 6 and "## marian opus-mt-en-ko 1.0" in worst
    after = project.snapshot()
    after.pop("worst-ko.md")
    assert after == before  # no catalogue (nor anything else) changed

    # The same scores in process, and sacrebleu's own on the very same pairs.
    config = load_config(project.root)
    pairs = reviewed_pairs(config, "ko")
    assert len(pairs) == reviewed
    models: list[Runnable] = [
        package_at(models_dir / "translate-en_ko-1_0"),
        read_folder_model(
            Path(project.env["HOME"]) / ".local/share/locpipe/models/opus-mt-en-ko"
        ).route("ko"),
    ]
    outputs: dict[str, list[str]] = {}

    class Recording:
        def __init__(self, model: Runnable) -> None:
            self.engine = ArgosEngine(model, beam_size=config.beam_size, threads=config.threads)
            self.engine_id = self.engine.engine_id

        def translate(self, texts: list[str]) -> list[str]:
            out = self.engine.translate(texts)
            outputs[self.engine_id] = out
            return out

    report = evaluate("ko", pairs, models, Recording, worst=3)
    references = [[p.reference for p in pairs]]
    for row, printed in zip(report.rows, as_json["rows"], strict=True):
        chrf = CHRF().corpus_score(outputs[row.model], references).score
        bleu = BLEU().corpus_score(outputs[row.model], references).score
        assert row.chrf == chrf and round(printed["chrf"], 6) == round(chrf, 6)
        assert row.bleu == bleu and round(printed["bleu"], 6) == round(bleu, 6)
    # accepted machine output scores 100 for the model that made it
    accepted = {p.source for p in pairs if p.reference and p.reference != REWRITTEN}
    assert accepted and report.rows[0].chrf > report.rows[1].chrf


def test_eval_without_reviewed_entries_or_locale_is_a_clear_error(translated: Project) -> None:
    done = translated.run("eval", "ko")
    assert done.returncode == 1
    assert "no reviewed entries in the catalogues of ko" in done.stderr
    done = translated.run("eval", "fr")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "'fr' is not a configured locale" in done.stderr and "ko, zh_CN" in done.stderr


def test_eval_on_a_real_django_catalogue(project_with_models: Project) -> None:
    """Django's Korean catalogue (tests/data/po): plural and fuzzy entries left
    out, python-format placeholders masked; the count matches polib's."""
    import polib

    source = Path(__file__).parent / "data" / "po" / "django-ko.po"
    project = project_with_models
    target = project.locales / "ko" / "LC_MESSAGES" / "django.po"
    target.parent.mkdir(parents=True)
    target.write_bytes(source.read_bytes())
    (project.root / "locpipe.toml").write_text(
        'locales = ["ko"]\nsources = []\nthreads = 1\nbeam_size = 1\n', encoding="utf-8"
    )
    po = polib.pofile(str(source))
    expected = {
        (e.msgctxt, e.msgid)
        for e in [*po.translated_entries(), *po.obsolete_entries()]
        if not e.msgid_plural and e.msgstr and "fuzzy" not in e.flags
    }
    done = project.run("eval", "ko", "--json", check=True)
    (row,) = json.loads(done.stdout)["rows"]
    assert row["model"] == "argos translate-en_ko-1_0 1.0"
    assert row["sentences"] == len(expected) > 300
    assert target.read_bytes() == source.read_bytes()

"""A reviewer saves a catalogue while `locpipe translate` is running (issue 24).

A run holds every catalogue in memory and writes after each MT batch. Before,
a save made in the meantime (Poedit, polib) was overwritten at the next batch
write, and a save into a catalogue the run did not write again was recorded
in the run cache as the run's own, so its `.mo` stayed stale. Now the run
merges the save (their edits win), or leaves a save it cannot read alone and
says so, and records only what it wrote.

The timing is deterministic: the save happens inside the run's progress
callback, which the driver calls after each batch has been written (and once
before the first batch), never by sleeping. polib is the person's editor.
"""

from __future__ import annotations

import gettext
import shutil
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path

import polib
import pytest

from locpipe import pipeline
from locpipe.catalog import State, state
from locpipe.cli import main
from locpipe.config import load_config
from locpipe.formats.pofile import read_po
from locpipe.model import Message
from locpipe.report import Report
from tests.conftest import Project

DOMAIN = "china-south-korea-relations"
#: the shortest sentence (batches go shortest first): machine-translated in
#: the first batch, then corrected by the reviewer
EARLY = "China and South Korea seek to keep relations on the “right track”"
#: the longest: still untranslated when the reviewer translates it
LATE = (
    "During the telephone conversation, Lee Jae-myung noted that he affirmed his readiness "
    "to work with the Chinese side to deepen bilateral relations, including supporting the "
    "Confucian-Islamic Civilizations Dialogue initiative, which aims to enhance exchanges "
    "between peoples and deepen the integration of civilizations."
)


class Echo:
    """A deterministic engine that translates two sentences per batch."""

    engine_id = "echo test 1"
    batch_sentences = 2

    def translate(self, texts: Sequence[str]) -> list[str]:
        return [f"기계 {len(text)}" for text in texts]


class Engines:
    def check(self, locale: str) -> None:
        pass

    def load(self, locale: str) -> Echo:
        return Echo()


class SaveDuring:
    """Progress that runs `save` once, in `locale`, after `batches` batches
    have been written (0: before the first batch, after the catalogues were
    written)."""

    def __init__(self, locale: str, batches: int, save: Callable[[], None]) -> None:
        self.locale, self.batches, self.save = locale, batches, save
        self.current = ""
        self.done = 0
        self.saved = False

    def _maybe(self) -> None:
        if self.current == self.locale and self.done == self.batches and not self.saved:
            self.saved = True
            self.save()

    def start(self, label: str, total: int) -> None:
        self.current, self.done = label, 0
        self._maybe()

    def advance(self, done: int) -> None:
        self.done += 1
        self._maybe()

    def finish(self) -> None:
        pass


def _po(project: Project, locale: str) -> Path:
    return project.locales / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def _translate(project: Project, progress: SaveDuring | None = None) -> Report:
    return pipeline.translate(load_config(project.root), Engines(), progress=progress)


def _review(path: Path, texts: dict[str, str]) -> Callable[[], None]:
    """What a reviewer does in an editor: set msgstr, clear fuzzy, save."""

    def save() -> None:
        po = polib.pofile(str(path))
        for msgid, text in texts.items():
            entry = po.find(msgid)
            assert entry is not None, msgid
            entry.msgstr = text
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        po.save()

    return save


def _entries(path: Path) -> dict[str, Message]:
    return {m.msgid: m for m in read_po(path).messages}


def _compiled(path: Path) -> gettext.GNUTranslations:
    with path.with_suffix(".mo").open("rb") as stream:
        return gettext.GNUTranslations(stream)


def test_a_polib_save_between_batches_survives_the_run(project: Project) -> None:
    path = _po(project, "ko")
    reviewed = {EARLY: "사람이 고친 번역", LATE: "사람이 먼저 한 번역"}
    seen: dict[str, str] = {}

    def review() -> None:
        seen.update((k, m.msgstr) for k, m in _entries(path).items() if k in reviewed)
        _review(path, reviewed)()

    progress = SaveDuring("ko", 1, review)
    report = _translate(project, progress)
    assert progress.saved
    assert seen == {EARLY: f"기계 {len(EARLY)}", LATE: ""}  # as the reviewer found them
    entries = _entries(path)
    for msgid, text in reviewed.items():
        assert entries[msgid].msgstr == text
        assert state(entries[msgid]) is State.REVIEWED
    # every other entry was machine-translated, batch after batch, around the save
    others = [m for m in entries.values() if m.msgid not in reviewed]
    assert others and all(state(m) is State.MACHINE for m in others)
    assert report.merged == ((Path(f"locales/ko/LC_MESSAGES/{DOMAIN}.po"), 2),)
    assert report.conflicts == ()
    compiled = _compiled(path)
    assert all(compiled.gettext(msgid) == text for msgid, text in reviewed.items())
    if shutil.which("msgfmt"):
        subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], check=True)
    # and the next run changes nothing the reviewer wrote
    _translate(project)
    assert {k: _entries(path)[k].msgstr for k in reviewed} == reviewed


def test_a_save_the_run_never_writes_again_is_not_recorded_as_its_own(
    project: Project,
) -> None:
    """ko is done when zh_CN is translated: the ko save lands after the run's
    last ko write, so its .mo is stale at the end of the run; the run cache
    must not call the file locpipe's, so the next run compiles the review."""
    ko = _po(project, "ko")
    reviewed = {EARLY: "사람이 고친 번역"}
    progress = SaveDuring("zh_CN", 1, _review(ko, reviewed))
    _translate(project, progress)
    assert progress.saved
    assert _entries(ko)[EARLY].msgstr == "사람이 고친 번역"
    again = _translate(project)
    assert Path(ko.with_suffix(".mo")) in again.written  # a full run, not the cached report
    assert _compiled(ko).gettext(EARLY) == "사람이 고친 번역"
    assert _translate(project).written == ()  # and then the cache holds again


@pytest.mark.parametrize("how", ["broken", "deleted"])
def test_a_save_that_cannot_be_merged_stops_that_catalogue_only(project: Project, how: str) -> None:
    ko = _po(project, "ko")
    broken = b'msgid "half a save\n'

    def save() -> None:
        if how == "broken":
            ko.write_bytes(broken)
        else:
            ko.unlink()

    report = _translate(project, SaveDuring("ko", 1, save))
    assert [c.file for c in report.conflicts] == [str(ko)]
    expected = "cannot be read" if how == "broken" else "deleted while locpipe was working"
    assert expected in str(report.conflicts[0])
    if how == "broken":
        assert ko.read_bytes() == broken
    else:
        assert not ko.exists()
    assert not ko.with_suffix(".mo").exists() or how == "deleted"
    zh = _entries(_po(project, "zh_CN"))
    assert all(state(m) is State.MACHINE for m in zh.values())  # the other locale went on


def test_the_cli_names_the_merge_and_fails_on_a_conflict(
    project: Project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Through `locpipe translate --engine pseudo` (one batch): the save lands
    before the first batch write."""
    pseudo = project.locales / "en_XA" / "LC_MESSAGES" / f"{DOMAIN}.po"
    saves = iter(
        [
            _review(pseudo, {EARLY: "[Reviewed]"}),
            lambda: pseudo.write_bytes(b"not a catalogue\n"),
        ]
    )
    monkeypatch.setattr(
        "locpipe.progress.make_progress",
        lambda **_: SaveDuring("en_XA", 0, next(saves)),
    )
    argv = ["translate", "-C", str(project.root), "--engine", "pseudo"]
    assert main(argv) == 0
    err = capsys.readouterr().err
    assert f"locales/en_XA/LC_MESSAGES/{DOMAIN}.po was saved by someone else" in err
    assert _entries(pseudo)[EARLY].msgstr == "[Reviewed]"
    # a new sentence makes the next run write the catalogue again
    source = next((project.root / "content").glob("*.txt"))
    source.write_text(source.read_text(encoding="utf-8") + "\nOne more.\n", encoding="utf-8")
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert f"locpipe: error: {pseudo}:1: saved by someone else meanwhile" in err
    assert "Traceback" not in err
    assert pseudo.read_bytes() == b"not a catalogue\n"

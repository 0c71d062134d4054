"""Issue 20: a run with the state of the last one writes the same bytes as a run without it.

A hypothesis state machine edits a project of a few documents (sentences
added, removed and changed; documents added and deleted), plays a reviewer
(types, accepts, corrects, empties entries; an edit of the same size whose
mtime is put back), deletes compiled files and rebuilt documents, edits a
template by hand, changes a compendium, and deletes or corrupts the state.
Each run (update, mt or translate, either compile policy) happens twice: in
the project, with its state, and in a copy without `.locpipe-cache`. The
trees must be byte-identical and the reports equal.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, precondition, rule

from locpipe import pipeline, state
from locpipe.config import Config
from locpipe.documents.segment import segment
from locpipe.formats.pofile import read_po, write_po
from locpipe.incremental import Run
from locpipe.model import FUZZY, Catalog, Message
from locpipe.report import Report
from tests.conftest import SAMPLE
from tests.test_reliability_statemachine import FakeProvider

LOCALES = ("ko", "zh_CN", "zh_TW")
SENTENCES = list(dict.fromkeys(s.text for s in segment(SAMPLE.read_text("utf-8"), "text")))[:24]
STATE = Path(".locpipe-cache") / "state.sqlite"
COMPENDIUM = Path("memory") / "ko.po"


def tree(root: Path) -> dict[str, bytes]:
    """Every file of the project but locpipe's own cache, by relative path."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".locpipe-cache" not in p.relative_to(root).parts
    }


def shown(report: Report, root: Path) -> Report:
    return Report(
        report.locales, tuple(p.relative_to(root) for p in report.written), report.orphans
    )


def same_size_edit(path: Path, old: str, new: str) -> None:
    """Replace `old` by `new` (as many bytes) in `path` and put its mtime back."""
    before = path.stat()
    data = path.read_bytes()
    assert len(old.encode()) == len(new.encode()) and old.encode() in data
    path.write_bytes(data.replace(old.encode(), new.encode(), 1))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size


class IncrementalEqualsFull(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.tmp = Path(tempfile.mkdtemp(prefix="locpipe-inc-"))
        self.root = self.tmp / "project"
        self.now = datetime(2026, 1, 1, tzinfo=UTC)
        self.documents: dict[str, list[str]] = {}
        self.counter = 0

    def teardown(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)

    def config(self, root: Path) -> Config:
        return Config(
            root=root,
            locales=LOCALES,
            sources=("content/*.txt",),
            compendia=(COMPENDIUM.as_posix(),),
            threads=1,
        )

    def _write(self) -> None:
        folder = self.root / "content"
        folder.mkdir(parents=True, exist_ok=True)
        for path in folder.glob("*.txt"):
            if path.stem not in self.documents:
                path.unlink()
        for name, sentences in self.documents.items():
            text = "\n\n".join(sentences) + "\n"
            path = folder / f"{name}.txt"
            if not path.exists() or path.read_text("utf-8") != text:
                path.write_text(text, "utf-8")

    def _catalogues(self) -> list[Path]:
        return sorted((self.root / "locales").glob("*/LC_MESSAGES/*.po"))

    # -- documents ---------------------------------------------------------------

    @initialize(data=st.data())
    def start(self, data: st.DataObject) -> None:
        for name in ("a", "b", "c"):
            picked = data.draw(st.lists(st.sampled_from(SENTENCES), min_size=2, max_size=5))
            self.documents[name] = list(dict.fromkeys(picked))
        self.run_stage("build", None)

    @rule(data=st.data())
    def edit_document(self, data: st.DataObject) -> None:
        name = data.draw(st.sampled_from(sorted(self.documents)))
        sentences = self.documents[name]
        action = data.draw(st.sampled_from(("add", "remove", "change")))
        index = data.draw(st.integers(0, len(sentences) - 1))
        if action == "add":
            sentences.insert(index, data.draw(st.sampled_from(SENTENCES)))
        elif action == "remove" and len(sentences) > 1:
            del sentences[index]
        else:
            body = sentences[index].rstrip(".!?")
            sentences[index] = f"{body} {data.draw(st.sampled_from(('again', 'today')))}."
        self.documents[name] = list(dict.fromkeys(sentences))

    @rule(data=st.data())
    def add_or_delete_document(self, data: st.DataObject) -> None:
        if len(self.documents) > 1 and data.draw(st.booleans()):
            del self.documents[data.draw(st.sampled_from(sorted(self.documents)))]
        else:
            name = data.draw(st.sampled_from(("d", "e", "f")))
            self.documents[name] = data.draw(
                st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4, unique=True)
            )

    # -- the reviewer and other hands ----------------------------------------------

    @precondition(lambda self: bool(self._catalogues()))
    @rule(data=st.data(), action=st.sampled_from(("type", "accept", "correct", "empty")))
    def review(self, data: st.DataObject, action: str) -> None:
        po = data.draw(st.sampled_from(self._catalogues()))
        cat = read_po(po)
        if not cat.messages:
            return
        index = data.draw(st.integers(0, len(cat.messages) - 1))
        m = cat.messages[index]
        if m.msgid_plural is not None:
            return
        self.counter += 1
        if action == "accept":
            new = m.replace(flags=tuple(f for f in m.flags if f != FUZZY), previous_msgid=None)
        elif action == "correct":
            new = m.replace(msgstr=f"고침 {self.counter}")
        elif action == "empty":
            new = m.replace(msgstr="", flags=(), translator_comments=())
        else:
            new = m.replace(msgstr=f"검토 {self.counter}", flags=(), previous_msgid=None)
        messages = list(cat.messages)
        messages[index] = new
        write_po(po, Catalog(header=cat.header, messages=tuple(messages)))

    @precondition(lambda self: bool(self._catalogues()))
    @rule(data=st.data())
    def same_size_same_mtime_edit(self, data: st.DataObject) -> None:
        po = data.draw(st.sampled_from(self._catalogues()))
        text = po.read_text("utf-8")
        for old, new in (("#, fuzzy\n", "# fuzzy.\n"), ("[ko]", "[KO]"), ("[zh", "[ZH")):
            if old in text:
                same_size_edit(po, old, new)
                return

    @rule(data=st.data())
    def delete_an_output(self, data: st.DataObject) -> None:
        outputs = sorted(self.root.glob("locales/*/LC_MESSAGES/*.mo"))
        outputs += sorted((self.root / "build").rglob("*.txt"))
        if outputs:
            data.draw(st.sampled_from(outputs)).unlink()

    @rule(data=st.data())
    def edit_a_template(self, data: st.DataObject) -> None:
        pots = sorted((self.root / "locales").glob("*.pot"))
        if pots:
            pot = data.draw(st.sampled_from(pots))
            pot.write_text(pot.read_text("utf-8").replace('msgstr ""', 'msgstr "x"', 2), "utf-8")

    @rule(data=st.data())
    def write_compendium(self, data: st.DataObject) -> None:
        picked = data.draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4))
        self.counter += 1
        messages = tuple(
            Message(s, msgstr=f"말뭉치 {self.counter} {i}") for i, s in enumerate(picked)
        )
        header = Message("", msgstr="Language: ko\nContent-Type: text/plain; charset=UTF-8\n")
        path = self.root / COMPENDIUM
        path.parent.mkdir(parents=True, exist_ok=True)
        write_po(path, Catalog(header, tuple({m.msgid: m for m in messages}.values())))

    @rule(how=st.sampled_from(("delete", "truncate", "garble", "zero")))
    def spoil_state(self, how: str) -> None:
        state = self.root / STATE
        if not state.exists():
            return
        data = state.read_bytes()
        if how == "delete":
            state.unlink()
        elif how == "truncate":
            state.write_bytes(data[: len(data) // 2])
        elif how == "garble":
            middle = len(data) // 2
            state.write_bytes(data[:middle] + bytes(b ^ 0x5A for b in data[middle : middle + 64]))
        else:
            state.write_bytes(b"")

    # -- a run -----------------------------------------------------------------

    @rule(
        stage=st.sampled_from(("update", "mt", "build")),
        policy=st.sampled_from((None, "reviewed")),
    )
    def run_stage(self, stage: str, policy: str | None) -> None:
        self._write()
        self.now += timedelta(minutes=1)
        full = self.tmp / "full"
        shutil.rmtree(full, ignore_errors=True)
        shutil.copytree(self.root, full, ignore=shutil.ignore_patterns(".locpipe-cache"))
        reports = []
        # fsync makes writes durable, which this test does not look at.
        with mock.patch("locpipe.fsio.os.fsync"):
            for root in (self.root, full):
                report = pipeline.translate(
                    self.config(root),
                    FakeProvider(),
                    stop_after=stage,
                    compile_policy=policy,
                    now=self.now,
                )
                reports.append(shown(report, root))
        assert tree(self.root) == tree(full)
        assert reports[0] == reports[1]


IncrementalEqualsFull.TestCase.settings = settings(
    max_examples=int(os.environ.get("LOCPIPE_INC_EXAMPLES", "12")),
    stateful_step_count=14,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestIncrementalEqualsFull = IncrementalEqualsFull.TestCase


# -- the state on its own -------------------------------------------------------


def _project(tmp_path: Path) -> Config:
    content = tmp_path / "content"
    content.mkdir(parents=True)
    for name, sentences in (("a", SENTENCES[:6]), ("b", SENTENCES[6:12]), ("c", SENTENCES[12:18])):
        (content / f"{name}.txt").write_text("\n\n".join(sentences) + "\n", "utf-8")
    return Config(root=tmp_path, locales=("ko", "zh_CN"), sources=("content/*.txt",), threads=1)


def _translate(config: Config, stage: str = "build") -> Report:
    with mock.patch("locpipe.fsio.os.fsync"):
        return pipeline.translate(
            config, FakeProvider(), stop_after=stage, now=datetime(2026, 1, 1, tzinfo=UTC)
        )


def test_a_re_run_reads_only_the_changed_document_and_its_catalogues(tmp_path: Path) -> None:
    config = _project(tmp_path)
    _translate(config)
    doc = tmp_path / "content" / "b.txt"
    doc.write_text(doc.read_text("utf-8").replace(".", " again.", 1), "utf-8")
    read: list[str] = []
    observe = Run.observe

    def spy(run: Run, path: Path) -> bytes:
        read.append(path.relative_to(tmp_path).as_posix())
        return observe(run, path)

    with mock.patch.object(Run, "observe", spy):
        report = _translate(config)
    assert sorted(read) == [
        "locales/b.pot",
        "locales/ko/LC_MESSAGES/b.po",
        "locales/zh_CN/LC_MESSAGES/b.po",
    ]
    assert [row.new for row in report.locales] == [1, 1]
    assert [row.machine for row in report.locales] == [1, 1]


@pytest.mark.parametrize("racy", [True, False], ids=["racily clean: hashed", "by its times"])
def test_a_hand_edit_of_the_same_size_and_mtime_is_seen(tmp_path: Path, racy: bool) -> None:
    config = replace(_project(tmp_path), compile="reviewed")
    _translate(config)
    po = tmp_path / "locales" / "ko" / "LC_MESSAGES" / "a.po"
    mo = po.with_suffix(".mo")
    assert b"[ko]" not in mo.read_bytes()  # only reviewed entries ship
    # A reviewer accepts a machine translation: "#, fuzzy" becomes a comment
    # of the same size, and the file's mtime is put back as it was.
    same_size_edit(po, "#, fuzzy\n", "# fuzzy.\n")
    margin = state.MARGIN_NS if racy else -(10**19)
    with mock.patch.object(state, "MARGIN_NS", margin):
        _translate(config)
    assert mo.read_bytes().count(b"[ko]") == 1  # the accepted entry ships


def test_a_racily_clean_file_whose_times_and_size_match_is_compared_by_its_bytes(
    tmp_path: Path,
) -> None:
    path = tmp_path / "f.po"
    path.write_bytes(b"before")
    store = state.Store(tmp_path, tmp_path / "state.sqlite", "key")
    now = time.time_ns()
    store.saw(path, b"before", os.stat(path), now)
    assert store.unchanged(path)
    # Another file's stat, identical in every field the state keeps: only the
    # bytes tell them apart.
    recorded = store.seen["f.po"]
    assert recorded is not None
    store.seen["f.po"] = replace(recorded, digest=state.digest(b"after!"))
    assert not store.unchanged(path)  # racy: hashed, and the hash differs
    store.seen["f.po"] = replace(recorded, digest=state.digest(b"after!"), seen_ns=now * 2)
    assert store.unchanged(path)  # long since: the times are trusted


SPOILS = {
    "deleted": lambda data: None,
    "empty": lambda data: b"",
    "truncated": lambda data: data[: len(data) // 3],
    "garbage": lambda data: bytes(range(256)) * 8,
    "flipped bytes": lambda data: data[:-200] + bytes(b ^ 0xFF for b in data[-200:]),
}


@pytest.mark.parametrize("spoil", sorted(SPOILS))
def test_a_spoilt_state_gives_the_same_bytes_as_no_state(tmp_path: Path, spoil: str) -> None:
    config = _project(tmp_path / "project")
    _translate(config)
    review = tmp_path / "project" / "locales" / "ko" / "LC_MESSAGES" / "c.po"
    review.write_text(review.read_text("utf-8").replace("#, fuzzy\n", "", 2), "utf-8")
    doc = tmp_path / "project" / "content" / "a.txt"
    doc.write_text(doc.read_text("utf-8") + "\n" + SENTENCES[20] + "\n", "utf-8")
    full = tmp_path / "full"
    shutil.copytree(tmp_path / "project", full, ignore=shutil.ignore_patterns(".locpipe-cache"))
    path = tmp_path / "project" / STATE
    spoilt = SPOILS[spoil](path.read_bytes())
    if spoilt is None:
        path.unlink()
    else:
        path.write_bytes(spoilt)
    assert shown(_translate(config), config.root) == shown(
        _translate(replace(config, root=full)), full
    )
    assert tree(tmp_path / "project") == tree(full)


def test_a_state_of_another_configuration_or_version_is_not_trusted(tmp_path: Path) -> None:
    config = _project(tmp_path)
    _translate(config)
    assert state.Store.open(config).trusted
    assert not state.Store.open(replace(config, project="other")).trusted
    with mock.patch.object(state, "__version__", "0.0.0-other"):
        assert not state.Store.open(config).trusted
    with mock.patch.object(state, "SCHEMA", state.SCHEMA + 1):
        assert not state.Store.open(config).trusted

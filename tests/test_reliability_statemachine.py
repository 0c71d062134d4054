"""Issue 7, point 5: random document edits and reviews over many runs.

A hypothesis state machine edits the sample article (adds, removes, changes
and restores sentences), plays a reviewer in a PO editor (types a
translation, accepts a machine one, corrects a machine one and leaves it
fuzzy) and runs the pipeline in-process with a fast fake engine. After every
run:

* every reviewed translation whose sentence is in the document is there, in
  its entry, unchanged and still reviewed;
* one whose sentence left the document is kept: obsolete (`#~`) under its own
  msgid, or carried over as the fuzzy suggestion of a similar new sentence
  with the old sentence as `#| msgid` (what GNU msgmerge does); such a
  suggestion's text stays in the catalogue until the reviewer replaces it;
* every catalogue and the template pass `msgfmt --check`.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from unittest import mock

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, precondition, rule

from locpipe import pipeline
from locpipe.catalog import State, state
from locpipe.config import Config
from locpipe.documents.segment import segment
from locpipe.formats.pofile import read_po, write_po
from locpipe.model import FUZZY, Catalog
from tests.conftest import SAMPLE

LOCALES = ("ko", "zh_CN")
DOMAIN = "article"
SENTENCES = list(dict.fromkeys(s.text for s in segment(SAMPLE.read_text("utf-8"), "text")))
EDITS = ("indeed", "again", "quickly", "today", "in 2025")


class FakeEngine:
    """Instant, deterministic "translation" that keeps the masks intact."""

    def __init__(self, locale: str) -> None:
        self.locale = locale

    @property
    def engine_id(self) -> str:
        return "fake tiny 1.0"

    def translate(self, texts: Sequence[str]) -> list[str]:
        return [f"[{self.locale}] {text}" for text in texts]


class FakeProvider:
    def check(self, locale: str) -> None:
        pass

    def load(self, locale: str) -> FakeEngine:
        return FakeEngine(locale)


def _change(sentence: str, word: str) -> str:
    """A similar sentence (above the fuzzy threshold): a word added before the
    final punctuation."""
    body, end = (sentence[:-1], sentence[-1]) if sentence[-1] in ".!?" else (sentence, "")
    return f"{body} {word}{end}"


class ReviewsSurvive(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="locpipe-sm-"))
        self.config = Config(root=self.root, locales=LOCALES, sources=("content/*.txt",), threads=1)
        self.now = datetime(2026, 1, 1, tzinfo=UTC)
        self.document: list[str] = []
        self.seen: list[str] = list(SENTENCES)  # sentences to add or restore
        self.reviewed: dict[tuple[str, str], str] = {}  # (locale, msgid) → text
        self.suggestions: set[tuple[str, str]] = set()  # (locale, text) carried over
        self.counter = 0
        self.runs = 0

    def teardown(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    # -- helpers -------------------------------------------------------------

    def _write_document(self) -> None:
        path = self.root / "content" / f"{DOMAIN}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        # One sentence per paragraph: each paragraph is exactly one segment.
        path.write_text("\n\n".join(self.document) + "\n", encoding="utf-8")

    def _po(self, locale: str) -> Path:
        return self.root / "locales" / locale / "LC_MESSAGES" / f"{DOMAIN}.po"

    def _text(self, locale: str) -> str:
        self.counter += 1
        return f"검토 {self.counter}" if locale == "ko" else f"审阅 {self.counter}"

    # -- the document ----------------------------------------------------------

    @initialize(sentences=st.lists(st.sampled_from(SENTENCES), min_size=3, max_size=8))
    def start(self, sentences: list[str]) -> None:
        self.document = list(dict.fromkeys(sentences))
        self.run()

    @rule(data=st.data())
    def add_or_restore_sentence(self, data: st.DataObject) -> None:
        sentence = data.draw(st.sampled_from(self.seen))
        index = data.draw(st.integers(0, len(self.document)))
        self.document.insert(index, sentence)

    @precondition(lambda self: len(self.document) > 1)
    @rule(data=st.data())
    def remove_sentence(self, data: st.DataObject) -> None:
        del self.document[data.draw(st.integers(0, len(self.document) - 1))]

    @rule(data=st.data(), word=st.sampled_from(EDITS))
    def change_sentence(self, data: st.DataObject, word: str) -> None:
        index = data.draw(st.integers(0, len(self.document) - 1))
        changed = _change(self.document[index], word)
        self.document[index] = changed
        self.seen.append(changed)

    # -- the reviewer ----------------------------------------------------------

    @rule(
        locale=st.sampled_from(LOCALES),
        data=st.data(),
        action=st.sampled_from(("type", "accept", "correct")),
    )
    def review(self, locale: str, data: st.DataObject, action: str) -> None:
        cat = read_po(self._po(locale))
        active = [i for i, m in enumerate(cat.messages) if not m.obsolete]
        if not active:
            return
        index = data.draw(st.sampled_from(active))
        m = cat.messages[index]
        before = state(m)
        if action == "accept" and before in (State.MACHINE, State.FUZZY):
            # A PO editor's "approve": fuzzy and the #| previous strings go.
            new = m.replace(
                flags=tuple(f for f in m.flags if f != FUZZY),
                previous_msgctxt=None,
                previous_msgid=None,
                previous_msgid_plural=None,
            )
        elif action == "correct" and before is State.MACHINE:
            # Corrected but left fuzzy: "needs work", not reviewed, and never lost.
            new = m.replace(msgstr=self._text(locale))
            assert state(new) is State.FUZZY
            self.suggestions.add((locale, new.msgstr))
            messages = list(cat.messages)
            messages[index] = new
            write_po(self._po(locale), Catalog(header=cat.header, messages=tuple(messages)))
            return
        else:
            new = m.replace(
                msgstr=self._text(locale),
                flags=tuple(f for f in m.flags if f != FUZZY),
                previous_msgctxt=None,
                previous_msgid=None,
                previous_msgid_plural=None,
            )
        assert state(new) is State.REVIEWED
        self.suggestions.discard((locale, m.msgstr))
        self.reviewed[locale, m.msgid] = new.msgstr
        messages = list(cat.messages)
        messages[index] = new
        write_po(self._po(locale), Catalog(header=cat.header, messages=tuple(messages)))

    # -- a run -----------------------------------------------------------------

    @rule()
    def run(self) -> None:
        self._write_document()
        self.now += timedelta(minutes=1)
        # fsync makes writes durable, which this test does not look at (the
        # kill test does); on a busy disk it is most of the time of a step.
        with mock.patch("locpipe.fsio.os.fsync"):
            pipeline.translate(self.config, FakeProvider(), now=self.now)
        self.runs += 1
        self._check()

    def _check(self) -> None:
        in_document = set(self.document)
        for locale in LOCALES:
            cat = read_po(self._po(locale))
            active = {m.msgid: m for m in cat.active()}
            obsolete = {m.msgid: m for m in cat.obsolete()}
            assert set(active) == in_document
            texts = {t for m in cat.messages for t in m.translations}
            for (loc, msgid), text in list(self.reviewed.items()):
                if loc != locale:
                    continue
                if msgid in in_document:
                    m = active[msgid]
                    assert m.msgstr == text, (msgid, m.msgstr, text)
                    assert state(m) is State.REVIEWED, m
                elif msgid in obsolete:
                    assert obsolete[msgid].msgstr == text, (msgid, obsolete[msgid])
                else:
                    carried = [
                        m
                        for m in cat.active()
                        if m.previous_msgid == msgid and m.msgstr == text and m.fuzzy
                    ]
                    assert carried, f"reviewed {text!r} of {msgid!r} is lost"
                    del self.reviewed[loc, msgid]
                    self.suggestions.add((locale, text))
            for loc, text in self.suggestions:
                if loc == locale:
                    assert text in texts, f"carried-over {text!r} is lost"
        self._msgfmt()

    def _msgfmt(self) -> None:
        files = [self._po(locale) for locale in LOCALES]
        files.append(self.root / "locales" / f"{DOMAIN}.pot")
        for path in files:
            done = subprocess.run(
                ["msgfmt", "--check", "-o", "/dev/null", str(path)],
                capture_output=True,
                text=True,
            )
            assert done.returncode == 0, f"{path}: {done.stderr}"


ReviewsSurvive.TestCase.settings = settings(
    max_examples=40,
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestReviewsSurvive = ReviewsSurvive.TestCase


def test_fake_engine_keeps_masks() -> None:
    """The fake engine returns its input (masks included) with a prefix."""
    assert FakeEngine("ko").translate(["a ⟦0⟧ b"]) == ["[ko] a ⟦0⟧ b"]

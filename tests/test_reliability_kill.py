"""Issue 7, point 2: SIGKILL `locpipe translate` at seeded random moments.

One project is prepared once: three documents with 660 distinct sentences
(about three MT batches per locale), one of them translated beforehand, some
entries reviewed (typed over untranslated ones, accepted machine ones, edited
machine ones). Each trial copies it, starts the real CLI, kills it with
SIGKILL after a seeded random delay spread over the length of a full run, and
checks what a user would find:

* every `.po` and `.pot` passes `msgfmt --check` (no torn file);
* every reviewed translation and every machine entry from before the run is
  there unchanged;
* the next run completes, keeps every machine entry the killed run wrote (same
  msgstr, same `# mt:` comment) and machine-translates exactly the entries that
  were still untranslated: nothing is translated twice.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from locpipe import mt
from locpipe.catalog import State, mt_comment, record_reviews, state
from locpipe.formats.pofile import read_po, write_po
from locpipe.model import Catalog, Message
from tests.conftest import Project, make_project

SEED = 20261128
TRIALS = 20
LOCALES = ("ko", "zh_CN")
DOCUMENTS = {"harbour": 60, "council": 300, "festival": 300}  # sentences per document
WORDS = (
    "river city council market harbour train morning report museum garden bridge winter "
    "summer teacher student festival library road village mountain ferry tower"
).split()
VERBS = "opened closed visited described announced repaired painted measured".split()

Key = tuple[str, str, str]  # (locale, domain, msgid)


def _documents(rng: random.Random) -> dict[str, str]:
    """Short distinct sentences (a number in each), four to a paragraph.

    Short, so a full run of 1,320 entries takes about two seconds here:
    the decoding and the catalogue writes both grow with sentence length.
    """
    docs: dict[str, str] = {}
    n = 0
    for name, count in DOCUMENTS.items():
        sentences = []
        for _ in range(count):
            n += 1
            sentences.append(
                f"The {rng.choice(WORDS)} {rng.choice(VERBS)} {n} {rng.choice(WORDS)}s."
            )
        paragraphs = [" ".join(sentences[i : i + 4]) for i in range(0, count, 4)]
        docs[name] = f"The {name} notes\n\n" + "\n\n".join(paragraphs) + "\n"
    return docs


def _entries(root: Path) -> dict[Key, Message]:
    """Every active entry of every catalogue under `root`."""
    found: dict[Key, Message] = {}
    for po in sorted((root / "locales").glob("*/LC_MESSAGES/*.po")):
        locale = po.parent.parent.name
        for message in read_po(po).active():
            found[locale, po.stem, message.msgid] = message
    return found


def _msgfmt_check(root: Path) -> None:
    """`msgfmt --check` every catalogue and template (in parallel: it is cheap)."""
    files = sorted((root / "locales").rglob("*.po")) + sorted((root / "locales").rglob("*.pot"))
    checks = [
        (
            path,
            subprocess.Popen(
                ["msgfmt", "--check", "-o", "/dev/null", str(path)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            ),
        )
        for path in files
    ]
    for path, proc in checks:
        _, err = proc.communicate()
        assert proc.returncode == 0, f"{path}: {err}"


def _filled_columns(stdout: str) -> dict[str, tuple[int, int]]:
    """(machine, reused) per locale from a run's report table."""
    found = {}
    for line in stdout.splitlines():
        if match := re.match(r"(ko|zh_CN)\s+\d+\s+(\d+)\s+(\d+)\s", line):
            found[match[1]] = (int(match[2]), int(match[3]))
    return found


@dataclass(frozen=True)
class Prepared:
    project: Project
    kept: dict[Key, Message]  # reviewed and machine entries from before the run
    reviewed: int
    total: int  # active entries over all catalogues after a full run
    duration: float  # seconds a full run took here, to spread the kills over


def _review(root: Path) -> None:
    """Review some entries the way a person does in a PO editor."""
    for locale in LOCALES:
        for po in sorted((root / "locales" / locale / "LC_MESSAGES").glob("*.po")):
            cat = read_po(po)
            messages = list(cat.messages)
            for i, m in enumerate(messages):
                if m.obsolete or i % 9:
                    continue
                if state(m) is State.UNTRANSLATED:  # typed in by a reviewer
                    messages[i] = m.replace(msgstr=f"검토 {i}" if locale == "ko" else f"审阅 {i}")
                elif i % 2:  # accepted as is: fuzzy cleared
                    messages[i] = m.replace(flags=tuple(f for f in m.flags if f != "fuzzy"))
                else:  # corrected, fuzzy left on: still reviewed (fingerprint differs)
                    messages[i] = m.replace(msgstr=m.msgstr + " 수정")
            write_po(po, Catalog(header=cat.header, messages=tuple(messages)))


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory, models_dir: Path) -> Prepared:
    base = tmp_path_factory.mktemp("kill")
    project = make_project(base, models_dir)
    root = project.root
    for doc in (root / "content").iterdir():
        doc.unlink()
    docs = _documents(random.Random(SEED))
    (root / "locpipe.toml").write_text(
        'locales = ["ko", "zh_CN"]\nsources = ["content/*.txt"]\nthreads = 1\nbeam_size = 1\n',
        encoding="utf-8",
    )
    first, *rest = docs
    (root / "content" / f"{first}.txt").write_text(docs[first], encoding="utf-8")
    project.run("translate", "-q", check=True)  # the first document: machine entries
    for name in rest:
        (root / "content" / f"{name}.txt").write_text(docs[name], encoding="utf-8")
    project.run("update", "-q", check=True)  # the others: untranslated entries
    _review(root)
    before = _entries(root)
    kept = {k: m for k, m in before.items() if state(m) is not State.UNTRANSLATED}
    reviewed = sum(1 for m in kept.values() if state(m) is State.REVIEWED)
    pending = sum(1 for m in before.values() if state(m) is State.UNTRANSLATED)
    assert reviewed >= 100 and pending > 2 * mt.BATCH_SENTENCES * len(LOCALES)

    reference = base / "reference"
    shutil.copytree(root, reference)
    start = time.monotonic()
    Project(reference, project.env).run("translate", "-q", check=True)
    duration = time.monotonic() - start
    return Prepared(project, kept, reviewed, len(_entries(reference)), duration)


def _recorded(message: Message) -> Message:
    """`message` as a run leaves it once it has recorded a person's review
    (an accepted machine translation's comment rewritten)."""
    return record_reviews(Catalog(Message(""), (message,))).messages[0]


@dataclass
class Outcome:
    killed: bool
    written: int  # machine entries the killed run left on disk
    stale_temp_files: int


def _trial(prepared: Prepared, root: Path, delay: float) -> Outcome:
    shutil.copytree(prepared.project.root, root)
    project = Project(root, prepared.project.env)
    proc = subprocess.Popen(
        [sys.executable, "-m", "locpipe", "translate", "-q"],
        cwd=root,
        env=project.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(delay)
    killed = proc.poll() is None
    if killed:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    stale = len(list((root / "locales").rglob(".*.tmp")))

    # After the kill: no torn file, nothing from before lost or altered.
    _msgfmt_check(root)
    after_kill = _entries(root)
    for key, message in prepared.kept.items():
        assert after_kill.get(key) in (message, _recorded(message)), key
    filled_after_kill = {
        k: m for k, m in after_kill.items() if k not in prepared.kept and m.translated
    }
    for message in filled_after_kill.values():
        # machine output, or a fuzzy suggestion from the memory (a near match)
        assert state(message) in (State.MACHINE, State.FUZZY), message
        assert mt_comment(message) or any(c.startswith("tm: ") for c in message.translator_comments)
    machine_after_kill = [m for m in filled_after_kill.values() if state(m) is State.MACHINE]

    # The next run completes and translates only what was still untranslated.
    done = project.run("translate", check=True)
    _msgfmt_check(root)
    final = _entries(root)
    assert len(final) == prepared.total
    for key, message in prepared.kept.items():
        assert final[key] in (message, _recorded(message)), key
    for key, message in filled_after_kill.items():
        assert final[key] == message, f"re-translated after the kill: {key}"
    assert all(state(m) is not State.UNTRANSLATED for m in final.values())
    # Every entry untranslated after the kill was filled once by the next run:
    # by MT, or by the memory; nothing written before the kill was redone.
    translated_before = set(prepared.kept) | set(filled_after_kill)
    expected = {}
    for locale in LOCALES:
        fresh = [m for k, m in final.items() if k[0] == locale and k not in translated_before]
        machine = sum(1 for m in fresh if state(m) is State.MACHINE)
        expected[locale] = (machine, len(fresh) - machine)
    assert _filled_columns(done.stdout) == expected, done.stdout
    return Outcome(killed, len(machine_after_kill), stale)


def test_sigkill_at_random_moments_loses_nothing(
    prepared: Prepared, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rng = random.Random(SEED)
    outcomes = [
        _trial(prepared, tmp_path / f"trial{n}", rng.uniform(0.1, 1.0) * prepared.duration)
        for n in range(TRIALS)
    ]
    to_translate = prepared.total - len(prepared.kept)
    partial = [o for o in outcomes if o.killed and 0 < o.written < to_translate]
    with capsys.disabled():
        print(
            f"\nkill trials: {TRIALS}, killed mid-run: {sum(o.killed for o in outcomes)}, "
            f"with part of the MT on disk: {len(partial)} "
            f"(machine entries kept: {sorted(o.written for o in partial)} of {to_translate}), "
            f"with stale temp files: {sum(1 for o in outcomes if o.stale_temp_files)}, "
            f"full run: {prepared.duration:.1f} s"
        )
    assert any(o.killed for o in outcomes), "every run finished before its kill"
    assert partial, "no kill landed while batches were being written"


def test_stale_temporary_files_of_killed_writes_can_be_cleared(tmp_path: Path) -> None:
    """A write killed before its rename leaves `.<name>.<hex>.tmp` beside an
    intact target; `remove_stale_temps` (for a run holding the lock) clears
    exactly those."""
    from locpipe import fsio

    target = tmp_path / "ko" / "LC_MESSAGES" / "doc.po"
    fsio.atomic_write_bytes(target, b"kept")
    fd, name = fsio._create_temp(target)  # what a killed write leaves behind
    os.close(fd)
    others = [target.parent / ".hidden.tmp", target.parent / "notes.tmp", tmp_path / "x.po"]
    for other in others:
        other.write_bytes(b"not ours")
    assert fsio.remove_stale_temps(tmp_path) == [Path(name)]
    assert target.read_bytes() == b"kept"
    assert all(other.exists() for other in others)
    assert fsio.remove_stale_temps(tmp_path / "missing") == []

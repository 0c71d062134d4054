"""The editing paths translators really take, through the real CLI.

Each test plays one thing a person does to the files between runs (delete
the header, accept a machine translation, fix a warned entry, move or
rename a document, save with a byte-order mark, run out of disk) and checks
that no reviewed translation is lost, garbled or kept from shipping.
"""

from __future__ import annotations

import codecs
import gettext
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from locpipe import orphans
from locpipe.catalog import MT_PREFIX, REVIEWED_PREFIX, WARNING_PREFIX, State, state
from locpipe.formats.headers import CHECKED_FIELDS
from locpipe.formats.jsonexport import EXPORTERS
from locpipe.formats.pofile import format_po, read_po, write_po
from locpipe.model import Catalog, Message
from tests.conftest import REPO, SAMPLE, Project

DOMAIN = SAMPLE.stem
SHIM = Path(__file__).resolve().parent / "support" / "oserror"
ACCEPTED = (
    "For many countries in the Asia-Pacific region, including South Korea, "
    "China is a critical economic partner."
)
MOVED = "Both sides agreed to strengthen exchanges to foster strategic mutual trust."
KO_MOVED = "양측은 전략적 상호 신뢰를 증진하기 위해 교류를 강화하기로 합의했다."


def po(project: Project, locale: str = "ko", domain: str = DOMAIN) -> Path:
    return project.locales / locale / "LC_MESSAGES" / f"{domain}.po"


def entries(path: Path) -> dict[str, Message]:
    return {m.msgid: m for m in read_po(path).messages}


def edit(path: Path, change: dict[str, dict[str, object]]) -> None:
    """What a person does in a PO editor: set fields of some entries."""
    cat = read_po(path)
    messages = tuple(m.replace(**change[m.msgid]) if m.msgid in change else m for m in cat.messages)
    write_po(path, Catalog(cat.header, messages))


def edit_source(project: Project, old: str, new: str) -> None:
    source = project.root / "content" / SAMPLE.name
    text = source.read_text(encoding="utf-8")
    assert text.count(old) == 1
    source.write_text(text.replace(old, new), encoding="utf-8")


def without_header(path: Path) -> bytes:
    """The catalogue's bytes with its header entry deleted by hand."""
    cat = read_po(path)
    return format_po(Catalog(Message(""), cat.messages)).encode("utf-8")


def reused(output: str, locale: str) -> int:
    """The "reused" column of the run summary for `locale`."""
    lines = output.splitlines()
    head = next(line.split() for line in lines if line.startswith("locale "))
    row = next(line.split() for line in lines if line.split()[:1] == [locale])
    return int(row[head.index("reused")])


def msgfmt_check(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["msgfmt", "-c", "-o", os.devnull, str(path)], capture_output=True, text=True, check=False
    )


def test_a_stray_charset_in_a_msgid_does_not_garble_a_catalogue_without_header(
    translated: Project,
) -> None:
    """The charset comes from the header only: with the header deleted, the
    catalogue is UTF-8, whatever some msgid says about charsets."""
    stray = "Set charset=ISO-8859-1 in old mail clients."
    edit_source(translated, f"{ACCEPTED}", f"{stray} {ACCEPTED}")
    translated.run("update", check=True)
    path = po(translated)
    edit(path, {ACCEPTED: {"msgstr": KO_MOVED, "flags": ()}})
    path.write_bytes(without_header(path))
    translated.run("update", check=True)
    found = entries(path)
    assert found[ACCEPTED].msgstr == KO_MOVED
    assert state(found[ACCEPTED]) is State.REVIEWED
    assert KO_MOVED.encode("utf-8") in path.read_bytes()

    # Bytes that are not UTF-8 in a catalogue without header are refused.
    broken = without_header(path).replace(KO_MOVED.encode(), "é".encode("latin-1"))
    path.write_bytes(broken)
    done = translated.run("update")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    line = broken[: broken.index("é".encode("latin-1"))].count(b"\n") + 1
    assert f"{path.relative_to(translated.root)}:{line}:" in done.stderr or f"{path}:{line}:" in (
        done.stderr
    )
    assert "UTF-8" in done.stderr and "fix:" in done.stderr
    assert path.read_bytes() == broken


def test_a_deleted_header_is_rebuilt_with_every_field(translated: Project) -> None:
    path = po(translated, "zh_CN")
    path.write_bytes(without_header(path))
    assert msgfmt_check(path).returncode != 0
    translated.run("update", check=True)
    header = read_po(path)
    for name in (*CHECKED_FIELDS, "Language", "Plural-Forms", "POT-Creation-Date"):
        assert header.header_field(name), name
    checked = msgfmt_check(path)
    assert checked.returncode == 0 and checked.stderr == ""


def test_an_accepted_machine_translation_survives_plain_msgmerge(translated: Project) -> None:
    """Accepted as is (fuzzy cleared), recorded by the next run; then the
    sentence changes and `msgmerge -U` (no --previous) makes it fuzzy again:
    locpipe keeps the accepted text as fuzzy for the reviewer."""
    path = po(translated)
    accepted = entries(path)[ACCEPTED]
    assert state(accepted) is State.MACHINE
    edit(path, {ACCEPTED: {"flags": ()}})
    translated.run("translate", check=True)
    recorded = entries(path)[ACCEPTED]
    assert recorded.msgstr == accepted.msgstr and not recorded.fuzzy
    assert not any(c.startswith(MT_PREFIX) for c in recorded.translator_comments)
    assert any(c.startswith(REVIEWED_PREFIX + "argos ") for c in recorded.translator_comments)

    changed = ACCEPTED.replace("critical economic", "critical trading")
    edit_source(translated, ACCEPTED, changed)
    translated.run("extract", check=True)
    pot = translated.locales / f"{DOMAIN}.pot"
    subprocess.run(["msgmerge", "-q", "-U", "--backup=off", str(path), str(pot)], check=True)
    merged = entries(path)[changed]
    assert merged.fuzzy and merged.previous_msgid is None and merged.msgstr == accepted.msgstr
    done = translated.run("translate", check=True)
    kept = entries(path)[changed]
    assert kept.msgstr == accepted.msgstr, "the accepted translation was replaced by MT"
    assert kept.fuzzy and state(kept) is State.FUZZY
    assert "machine" in done.stdout


def test_a_fixed_warned_entry_ships(translated: Project) -> None:
    """A reviewer fixes an entry MT warned about and clears fuzzy: the warning
    goes, and the entry reaches the .mo and JSON files status counts it in."""
    path = po(translated)
    fixed = "아시아태평양 지역의 많은 나라에 중국은 중요한 경제 협력국이다."
    original = entries(path)[ACCEPTED]
    edit(
        path,
        {
            ACCEPTED: {
                "msgstr": fixed,
                "flags": (),
                "translator_comments": (*original.translator_comments, WARNING_PREFIX + "lost %s"),
            }
        },
    )
    translated.run("translate", check=True)
    translated.run("compile", "--format", "json", check=True)
    entry = entries(path)[ACCEPTED]
    assert entry.msgstr == fixed and state(entry) is State.REVIEWED
    assert not any(c.startswith(WARNING_PREFIX) for c in entry.translator_comments)
    mo = path.with_suffix(".mo")
    with mo.open("rb") as handle:
        assert gettext.GNUTranslations(handle).gettext(ACCEPTED) == fixed
    exported = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    assert exported["messages"][ACCEPTED] == fixed
    status = json.loads(translated.run("status", "--json", check=True).stdout)
    ko = next(r for r in status["locales"] if r["locale"] == "ko")
    assert ko["reviewed"] + ko["machine"] == len(exported["messages"])


def test_moved_sentences_and_renamed_documents_get_their_reviews_back(
    translated: Project,
) -> None:
    content = translated.root / "content"
    edit(po(translated), {MOVED: {"msgstr": KO_MOVED, "flags": ()}})
    edit_source(translated, f" {MOVED}", "")
    (content / "summit.txt").write_text(f"{MOVED}\n", encoding="utf-8")
    done = translated.run("translate", check=True)
    assert reused(done.stdout, "ko") >= 1
    moved = entries(po(translated, "ko", "summit"))[MOVED]
    assert moved.msgstr == KO_MOVED and state(moved) is State.REVIEWED
    assert entries(po(translated))[MOVED].obsolete, "the old place keeps it as #~"

    old = entries(po(translated))
    reviewed = {k: m.msgstr for k, m in old.items() if state(m) is State.REVIEWED}
    assert len(reviewed) == 1
    edit(po(translated), {ACCEPTED: {"flags": ()}})  # accepted as is
    reviewed[ACCEPTED] = old[ACCEPTED].msgstr
    (content / SAMPLE.name).rename(content / "relations.txt")
    done = translated.run("translate", check=True)
    assert reused(done.stdout, "ko") >= 1
    renamed = entries(po(translated, "ko", "relations"))
    assert renamed[ACCEPTED].msgstr == reviewed[ACCEPTED]
    assert state(renamed[ACCEPTED]) is State.REVIEWED
    assert f"orphan: locales/ko/LC_MESSAGES/{DOMAIN}.po" in done.stdout
    assert f"orphan: locales/{DOMAIN}.pot" in done.stdout


def test_orphans_are_named_kept_out_of_totals_and_removed_only_by_prune(
    translated: Project,
) -> None:
    content = translated.root / "content"
    extra = "The delegation visited Busan.\n\nIt left on Friday.\n"
    (content / "visit.txt").write_text(extra, encoding="utf-8")
    translated.run("translate", check=True)
    orphan = po(translated, "ko", "visit")
    edit(orphan, {"It left on Friday.": {"msgstr": "It left on Friday.", "flags": ()}})
    for locale in ("ko", "zh_CN"):  # everything live is reviewed
        cat = read_po(po(translated, locale))
        edit(po(translated, locale), {m.msgid: {"flags": ()} for m in cat.active()})
    (content / "visit.txt").unlink()
    before = translated.snapshot()
    done = translated.run("translate", check=True)
    for name in ("ko/LC_MESSAGES/visit.po", "zh_CN/LC_MESSAGES/visit.po", "visit.pot"):
        assert f"orphan: locales/{name}" in done.stdout
    kept = [name for name in before if "visit" in name and not name.startswith("build/")]
    assert len(kept) >= 5 and all((translated.root / name).is_file() for name in kept)
    # The rebuilt document goes with its source: build/ mirrors the sources.
    gone = [name for name in before if "visit" in name and name.startswith("build/")]
    assert len(gone) == 2 and not any((translated.root / name).exists() for name in gone)
    again = translated.run("translate", check=True)  # a no-change run names them too
    assert "0 file(s) written" in again.stdout and "orphan: locales/visit.pot" in again.stdout

    table = translated.run("status", check=True).stdout
    assert "visit (orphan)" in table and "orphaned catalogue" in table
    status = json.loads(translated.run("status", "--json", check=True).stdout)
    assert sorted(status["orphans"]) == [
        "locales/ko/LC_MESSAGES/visit.po",
        "locales/zh_CN/LC_MESSAGES/visit.po",
    ]
    for total in status["locales"]:
        assert total["percent_reviewed"] == 100.0, total
    assert translated.run("status", "--fail-under", "100").returncode == 0
    check = translated.run("check", "--json")
    assert "visit" not in check.stdout and "not checked, orphan" in check.stderr

    listed = translated.run("prune", "--dry-run", check=True).stdout
    # The ko orphan holds a reviewed text no live catalogue has: kept unless
    # forced; the zh_CN one holds machine output only, made again at will.
    assert "would remove locales/zh_CN/LC_MESSAGES/visit.po (2 machine)" in listed
    assert (
        "would keep locales/ko/LC_MESSAGES/visit.po: 1 reviewed text(s) a person wrote "
        "exist in no live catalogue (locpipe prune --force deletes them)"
    ) in listed
    assert all((translated.root / name).is_file() for name in kept)
    pruned = translated.run("prune")
    assert pruned.returncode == 1
    ko = [name for name in kept if name.startswith("locales/ko/")]
    assert len(ko) >= 2 and all((translated.root / name).is_file() for name in ko)
    assert not any((translated.root / name).exists() for name in kept if name not in ko)
    forced = translated.run("prune", "--force", check=True).stdout
    assert sorted(line.split()[1] for line in forced.splitlines()[:-1]) == sorted(ko)
    assert not any((translated.root / name).exists() for name in kept)
    assert po(translated).is_file() and po(translated).with_suffix(".mo").is_file()
    assert "orphan" not in translated.run("status", check=True).stdout


def test_prune_removes_the_english_i18next_resource_of_a_gone_domain(
    translated: Project,
) -> None:
    content = translated.root / "content"
    (content / "visit.txt").write_text("The delegation visited Busan.\n", encoding="utf-8")
    translated.run("translate", check=True)
    for fmt in ("i18next", "jed"):
        translated.run("compile", "--format", fmt, check=True)
    english = translated.locales / "en" / "LC_MESSAGES"
    assert sorted(p.name for p in english.iterdir()) == sorted(
        [f"{DOMAIN}.i18next.json", "visit.i18next.json"]
    )
    (content / "visit.txt").unlink()
    translated.run("translate", check=True)
    listed = translated.run("prune", "--dry-run", check=True).stdout
    assert "would remove locales/en/LC_MESSAGES/visit.i18next.json" in listed
    assert DOMAIN not in listed  # the live domain's resources (and .jed.json) stay
    translated.run("prune", check=True)
    assert [p.name for p in english.iterdir()] == [f"{DOMAIN}.i18next.json"]
    for locale in ("ko", "zh_CN"):
        assert (translated.locales / locale / "LC_MESSAGES" / f"{DOMAIN}.i18next.json").is_file()


def test_prune_knows_every_file_compile_writes() -> None:
    suffixes = [suffix for suffix, _ in EXPORTERS.values()]
    assert set(suffixes) <= set(orphans.CATALOGUE_SUFFIXES)
    # Longest first: "app.jed.json" is domain "app", not "app.jed".
    for i, suffix in enumerate(orphans.CATALOGUE_SUFFIXES):
        assert not any(suffix.endswith(earlier) for earlier in orphans.CATALOGUE_SUFFIXES[:i])


def _failing(project: Project, kind: str, folder: Path) -> dict[str, str]:
    env = dict(project.env)
    env["PYTHONPATH"] = os.pathsep.join([str(SHIM), str(REPO)])
    env["LOCPIPE_TEST_OSERROR"] = f"{kind}:{folder}"
    return env


@pytest.mark.parametrize(
    ("kind", "words"), [("ENOSPC", "No space left"), ("EACCES", "Permission denied")]
)
def test_a_full_disk_or_read_only_locales_is_one_line_and_changes_nothing(
    translated: Project, kind: str, words: str
) -> None:
    edit_source(translated, ACCEPTED, ACCEPTED.replace("critical", "vital"))
    before = translated.snapshot()
    failing = Project(translated.root, _failing(translated, kind, translated.locales))
    done = failing.run("translate")
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    message = done.stderr.strip()
    assert len(message.splitlines()) == 1 and message.startswith("locpipe: error: ")
    assert words in message and str(translated.locales) in message
    assert translated.snapshot() == before, "nothing may change, nor be left half-written"


def _into_closed_pipe(project: Project, *args: str) -> subprocess.CompletedProcess[str]:
    """`locpipe ARGS | head -1` where the reader is gone before locpipe writes."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(
            [sys.executable, "-m", "locpipe", *args],
            cwd=project.root,
            env=project.env,
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    finally:
        os.close(write_end)


@pytest.mark.parametrize("args", [("status",), ("review",), ("status", "--json")])
def test_a_closed_pipe_ends_a_report_quietly(translated: Project, args: tuple[str, ...]) -> None:
    """As `grep | head`: exit 0 and no message, so `set -o pipefail` scripts
    that stop reading early do not fail."""
    done = _into_closed_pipe(translated, *args)
    read = translated.run(*args)
    assert read.stdout  # there was something to cut short
    assert (done.returncode, done.stderr) == (0, read.stderr)  # what stderr says anyway


def test_a_closed_pipe_keeps_the_exit_code_of_a_failing_check(translated: Project) -> None:
    """The output is cut short, the verdict is not: the test models' gibberish
    has errors, and `check | head -1` still exits 1."""
    done = _into_closed_pipe(translated, "check")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    assert "broken pipe" not in done.stderr
    assert done.stderr.strip().splitlines()[-1].endswith("warning(s)")


@pytest.mark.parametrize("saved", ["bom", "crlf"])
def test_a_bom_or_crlf_is_normalised_even_when_nothing_else_changes(
    translated: Project, saved: str
) -> None:
    path = po(translated)
    clean = path.read_bytes()
    if saved == "bom":
        path.write_bytes(codecs.BOM_UTF8 + clean)
        assert msgfmt_check(path).returncode != 0, "msgfmt rejects the BOM"
    else:
        path.write_bytes(clean.replace(b"\n", b"\r\n"))
    translated.run("translate", check=True)
    assert path.read_bytes() == clean
    assert msgfmt_check(path).returncode == 0

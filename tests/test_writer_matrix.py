"""What ships is what a person reviewed, whichever tool saved the catalogue.

A writer × scenario matrix. For each PO writer a project is machine-translated
once (a tiny model whose package and version names are long, so the
provenance marker is longer than any wrapping tool's width), then a person:

* accepts one machine entry as it is (clears fuzzy),
* edits one and clears fuzzy,
* edits one and leaves it fuzzy,

saving through the writer (polib and translate-toolkit edit through their own
API; for the command-line tools the edit is made as Poedit makes it and the
tool then saves the file). Then one source sentence changes, `locpipe
extract` writes the template and the writer's merge (msgmerge -U, pybabel
update, translate-toolkit's pot2po) runs, and `locpipe translate` runs.

Each case checks what `status` counts for its entry and exactly which
entries the `.mo` file, the JSON export and the rebuilt document ship, under
the default policy and `--reviewed-only`.
"""

from __future__ import annotations

import gettext
import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polib
import pytest

from locpipe import catalog, pipeline
from locpipe.catalog import State
from locpipe.config import load_config
from locpipe.formats.pofile import read_po, write_po
from locpipe.model import Catalog, Message
from tests.conftest import Project, make_project

# A version and package name as long as real ones get (OPUS-MT/NLLB style),
# so `mt: argos <package> <version>` is longer than any tool's wrap width.
LONG_VERSION = "2026.11.29-opus-mt-tc-big-en-ko-distilled-int8-rc1"

ACCEPT = "The valley is wide and green in spring."
EDIT = "Farmers bring their goods to the market on Sundays."
FUZZY = "The old bridge was rebuilt after the flood."
CHANGED = "Visitors can walk along the river to the northern village."
CHANGED_TO = "Visitors can walk along the river to the southern village."
UNTOUCHED = "The museum opens at nine in the morning."
DOCUMENT = "".join(f"{s}\n\n" for s in (ACCEPT, EDIT, FUZZY, CHANGED, UNTOUCHED))
EDITED = "농부들은 일요일마다 시장에 물건을 가져온다."
EDITED_FUZZY = "옛 다리는 홍수 뒤에 다시 지어졌다."
DOMAIN = "valley"


@dataclass(frozen=True)
class Edit:
    """What the person does to one entry: a new text (None: keep it), and
    whether it stays fuzzy."""

    text: str | None
    fuzzy: bool


EDITS = {ACCEPT: Edit(None, False), EDIT: Edit(EDITED, False), FUZZY: Edit(EDITED_FUZZY, True)}


def run(*args: str | Path, cwd: Path | None = None) -> None:
    subprocess.run([str(a) for a in args], check=True, capture_output=True, cwd=cwd)


def tool(name: str) -> str:
    """A console script of this test environment (pybabel, pomerge, pot2po)."""
    return str(Path(sys.executable).with_name(name))


# ------------------------------------------------------------- person's edits


def edit_as_poedit(po: Path) -> None:
    """Poedit writes with gettext-po, which writes what msgcat writes: as locpipe does."""
    cat = read_po(po)
    messages = []
    for m in cat.messages:
        change = EDITS.get(m.msgid)
        if change is not None:
            flags = tuple(f for f in m.flags if f != "fuzzy") + (("fuzzy",) if change.fuzzy else ())
            m = m.replace(msgstr=change.text or m.msgstr, flags=flags)
        messages.append(m)
    write_po(po, Catalog(cat.header, tuple(messages)))


def edit_with_polib(po: Path, wrapwidth: int) -> None:
    pofile = polib.pofile(str(po), wrapwidth=wrapwidth)
    for entry in pofile:
        change = EDITS.get(entry.msgid)
        if change is None:
            continue
        entry.msgstr = change.text or entry.msgstr
        if not change.fuzzy and "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    pofile.save()


def edit_with_translate_toolkit(po: Path) -> None:
    """translate-toolkit's PO store, which Weblate and Pootle save with."""
    from translate.storage import factory

    store = factory.getobject(str(po))
    for unit in store.units:
        change = EDITS.get(unit.source)
        if change is None:
            continue
        if change.text is not None:
            unit.target = change.text
        unit.markfuzzy(change.fuzzy)
    store.save()


def edit_then_pomerge(po: Path) -> None:
    """translate-toolkit's pomerge: the person's edits (input) merged into the file."""
    edited = po.with_name("edited.po")
    shutil.copy(po, edited)
    edit_as_poedit(edited)
    run(tool("pomerge"), "-t", po, "-i", edited, "-o", po)
    edited.unlink()


def then(command: Callable[[Path], list[str | Path]]) -> Callable[[Path], None]:
    """Edit as Poedit does, then save the file with `command`."""

    def save(po: Path) -> None:
        edit_as_poedit(po)
        run(*command(po))

    return save


def pot_of(po: Path) -> Path:
    return po.parents[2] / f"{DOMAIN}.pot"


MSGMERGE = ["msgmerge", "-q", "--backup=none", "-U"]
DJANGO_MSGMERGE = ["msgmerge", "-q", "--backup=none", "--previous", "--update"]


def msgmerge(po: Path, *options: str) -> list[str | Path]:
    return [*MSGMERGE, *options, po, pot_of(po)]


def pybabel_update(po: Path) -> list[str | Path]:
    return [tool("pybabel"), "-q", "update", "-i", pot_of(po), "-o", po, "-l", "ko"]


def pot2po(po: Path) -> list[str | Path]:
    return [tool("pot2po"), "-t", po, pot_of(po), po]


@dataclass(frozen=True)
class Writer:
    save: Callable[[Path], None]
    #: the merge this writer's users run when the template changes
    merge: Callable[[Path], list[str | Path]]


WRITERS = {
    "polib": Writer(lambda po: edit_with_polib(po, 78), msgmerge),
    "polib-wrapwidth-0": Writer(lambda po: edit_with_polib(po, 0), msgmerge),
    "translate-toolkit": Writer(edit_with_translate_toolkit, pot2po),
    "pomerge": Writer(edit_then_pomerge, msgmerge),
    "msgcat-w79-poedit": Writer(then(lambda po: ["msgcat", "-w", "79", "-o", po, po]), msgmerge),
    "msgcat-no-wrap": Writer(then(lambda po: ["msgcat", "--no-wrap", "-o", po, po]), msgmerge),
    "msgattrib": Writer(then(lambda po: ["msgattrib", "-o", po, po]), msgmerge),
    "msgmerge-U": Writer(then(msgmerge), msgmerge),
    "msgmerge-U-previous": Writer(
        then(lambda po: msgmerge(po, "--previous")), lambda po: msgmerge(po, "--previous")
    ),
    "pybabel-update": Writer(then(pybabel_update), pybabel_update),
    "django-makemessages": Writer(
        then(lambda po: [*DJANGO_MSGMERGE, po, pot_of(po)]),
        lambda po: [*DJANGO_MSGMERGE, po, pot_of(po)],
    ),
}


# ------------------------------------------------------------------ projects


@pytest.fixture(scope="module")
def long_named_models(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An Argos packages folder with a tiny en→ko model with a long version."""
    from tests.support.argos_package import build_argos_package

    base = tmp_path_factory.mktemp("long-model")
    model = build_argos_package(base, to_code="ko", size="tiny", package_version=LONG_VERSION)
    installer = make_project(base, base / "packages")
    installer.install_models({"ko": model})
    return base / "packages"


@pytest.fixture(scope="module")
def machine_translated(
    tmp_path_factory: pytest.TempPathFactory, long_named_models: Path
) -> Project:
    project = make_project(tmp_path_factory.mktemp("matrix-base"), long_named_models)
    shutil.rmtree(project.root / "content")
    (project.root / "content").mkdir()
    (project.root / "content" / f"{DOMAIN}.txt").write_text(DOCUMENT, encoding="utf-8")
    (project.root / "locpipe.toml").write_text(
        'locales = ["ko"]\nsources = ["content/*.txt"]\nthreads = 1\nbeam_size = 1\n',
        encoding="utf-8",
    )
    project.run("translate", check=True)
    return project


@dataclass(frozen=True)
class Outcome:
    """The catalogue after the final run, and what each output ships."""

    before: dict[str, Message]  # the machine entries as first translated
    entries: dict[str, Message]
    counts: catalog.Counts
    ships: dict[tuple[str, str], frozenset[str]]  # (output, policy) → msgids


def shipped(project: Project) -> dict[tuple[str, str], frozenset[str]]:
    config = load_config(project.root)
    po = project.locales / "ko" / "LC_MESSAGES" / f"{DOMAIN}.po"
    found: dict[tuple[str, str], frozenset[str]] = {}
    for policy in ("all", "reviewed"):
        pipeline.compile_catalogs(config, policy)
        with po.with_suffix(".mo").open("rb") as f:  # read as apps read it
            mo = gettext.GNUTranslations(f)
        found["mo", policy] = frozenset(k for k in mo._catalog if k)  # type: ignore[attr-defined]
        pipeline.compile_catalogs(config, policy, "json")
        document = json.loads(po.with_suffix(".json").read_text(encoding="utf-8"))
        found["json", policy] = frozenset(document["messages"])
        pipeline.build_documents(config, policy, 0.0)
        rebuilt = (project.root / "build" / "ko" / "content" / f"{DOMAIN}.txt").read_text(
            encoding="utf-8"
        )
        translations = {m.msgid: m.msgstr for m in read_po(po).active()}
        found["build", policy] = frozenset(
            msgid for msgid, text in translations.items() if text and text in rebuilt
        )
    return found


_OUTCOMES: dict[str, Outcome | BaseException] = {}


def outcome(name: str, base: Project, tmp_path_factory: pytest.TempPathFactory) -> Outcome:
    """Play the scenario once per writer (every case of a writer reads it)."""
    if name in _OUTCOMES:
        found = _OUTCOMES[name]
        if isinstance(found, BaseException):
            raise found
        return found
    try:
        _OUTCOMES[name] = _play(name, base, tmp_path_factory)
    except Exception as exc:
        _OUTCOMES[name] = exc
        raise
    return _OUTCOMES[name]  # type: ignore[return-value]


def _play(name: str, base: Project, tmp_path_factory: pytest.TempPathFactory) -> Outcome:
    writer = WRITERS[name]
    root = tmp_path_factory.mktemp(f"matrix-{name}") / "proj"
    shutil.copytree(base.root, root)
    project = Project(root=root, env=base.env)
    po = project.locales / "ko" / "LC_MESSAGES" / f"{DOMAIN}.po"
    before = {m.msgid: m for m in read_po(po).messages}
    writer.save(po)
    source = root / "content" / f"{DOMAIN}.txt"
    source.write_text(DOCUMENT.replace(CHANGED, CHANGED_TO), encoding="utf-8")
    project.run("extract", check=True)
    run(*writer.merge(po), cwd=root)
    project.run("translate", check=True)
    final = read_po(po)
    return Outcome(
        before=before,
        entries={m.msgid: m for m in final.active()},
        counts=catalog.counts(final),
        ships=shipped(project),
    )


@pytest.fixture(params=list(WRITERS))
def case(
    request: pytest.FixtureRequest,
    machine_translated: Project,
    tmp_path_factory: pytest.TempPathFactory,
) -> Outcome:
    return outcome(request.param, machine_translated, tmp_path_factory)


OUTPUTS = ("mo", "json", "build")


def ships_under(result: Outcome, msgid: str) -> dict[str, set[str]]:
    """For each policy, the outputs that ship `msgid`."""
    return {
        policy: {out for out in OUTPUTS if msgid in result.ships[out, policy]}
        for policy in ("all", "reviewed")
    }


EVERYWHERE = set(OUTPUTS)


def test_accept(case: Outcome) -> None:
    entry = case.entries[ACCEPT]
    assert catalog.state(entry) is State.REVIEWED
    assert entry.msgstr == case.before[ACCEPT].msgstr
    assert catalog.mt_comment(entry) is None
    assert any(c.startswith("mt-reviewed: argos ") for c in entry.translator_comments)
    assert ships_under(case, ACCEPT) == {"all": EVERYWHERE, "reviewed": EVERYWHERE}


def test_edit(case: Outcome) -> None:
    entry = case.entries[EDIT]
    assert catalog.state(entry) is State.REVIEWED and entry.msgstr == EDITED
    assert ships_under(case, EDIT) == {"all": EVERYWHERE, "reviewed": EVERYWHERE}


def test_leave_fuzzy(case: Outcome) -> None:
    entry = case.entries[FUZZY]
    assert catalog.state(entry) is State.FUZZY and entry.msgstr == EDITED_FUZZY
    assert ships_under(case, FUZZY) == {"all": set(), "reviewed": set()}


def test_source_changed_and_merged(case: Outcome) -> None:
    """The machine text of the old sentence is neither kept nor shipped:
    the new sentence is translated afresh."""
    assert CHANGED not in case.entries
    entry = case.entries[CHANGED_TO]
    assert catalog.state(entry) is State.MACHINE
    assert entry.msgstr != case.before[CHANGED].msgstr
    assert entry.previous_msgid is None
    assert ships_under(case, CHANGED_TO) == {"all": EVERYWHERE, "reviewed": set()}


def test_untouched_machine_entries_stay_machine(case: Outcome) -> None:
    entry = case.entries[UNTOUCHED]
    assert catalog.state(entry) is State.MACHINE
    assert entry.msgstr == case.before[UNTOUCHED].msgstr
    assert ships_under(case, UNTOUCHED) == {"all": EVERYWHERE, "reviewed": set()}


def test_status_counts(case: Outcome) -> None:
    assert case.counts == catalog.Counts(reviewed=2, machine=2, fuzzy=1, untranslated=0)
    assert case.ships["mo", "reviewed"] == {ACCEPT, EDIT}
    assert case.ships["mo", "all"] == {ACCEPT, EDIT, CHANGED_TO, UNTOUCHED}

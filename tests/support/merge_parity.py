"""Compare `locpipe update` with `msgmerge --previous` on a real catalogue pair.

A pair is an old catalogue (`old.po`, human-reviewed, from an older release)
and a newer release's template (`new.pot`). locpipe runs through its real
update path (a throw-away project whose `templates` lists the .pot); GNU
msgmerge runs on the same two files. Both outputs are then read with polib,
an independent reader, and compared entry by entry.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import polib

from locpipe import pipeline
from locpipe.config import load_config

#: locpipe's locale for a catalogue's locale (zh_Hans is served as zh_CN).
LOCALES = {"ko": "ko", "zh_Hans": "zh_CN", "zh_CN": "zh_CN"}


@dataclass(frozen=True)
class Tally:
    translated: int
    fuzzy: int
    untranslated: int
    obsolete: int


@dataclass(frozen=True)
class Result:
    """What both tools made of one pair."""

    name: str
    template_entries: int
    locpipe: Tally
    msgmerge: Tally
    lost: tuple[str, ...]  # msgids of old human translations locpipe dropped
    msgmerge_lost: tuple[str, ...]
    unfilled: tuple[str, ...]  # msgids msgmerge fills and locpipe leaves empty
    farther: tuple[str, ...]  # fuzzy fills whose #| source is less similar than msgmerge's
    msgfmt_errors: str
    second_run_wrote: tuple[str, ...]
    locpipe_po: Path
    msgmerge_po: Path


def _key(entry: polib.POEntry) -> tuple[str | None, str]:
    return (entry.msgctxt, entry.msgid)


def _texts(entry: polib.POEntry) -> tuple[str, ...]:
    if entry.msgid_plural:
        return tuple(v for _, v in sorted(entry.msgstr_plural.items()))
    return (entry.msgstr,)


def _filled(entry: polib.POEntry) -> bool:
    return any(_texts(entry))


def tally(po: polib.POFile) -> Tally:
    active = [e for e in po if not e.obsolete]
    fuzzy = sum(1 for e in active if "fuzzy" in e.flags and _filled(e))
    translated = sum(1 for e in active if "fuzzy" not in e.flags and all(_texts(e)))
    return Tally(
        translated=translated,
        fuzzy=fuzzy,
        untranslated=len(active) - translated - fuzzy,
        obsolete=sum(1 for e in po if e.obsolete),
    )


def human_translations(po: polib.POFile) -> list[polib.POEntry]:
    """The old catalogue's translated, non-fuzzy entries (active or obsolete)."""
    return [e for e in po if e.msgid and "fuzzy" not in e.flags and all(_texts(e))]


def lost(old: polib.POFile, new: polib.POFile) -> tuple[str, ...]:
    """msgids of `old`'s human translations whose text appears nowhere in
    `new` (neither in an active entry, fuzzy or not, nor in an obsolete one)."""
    kept = {text for e in new for text in _texts(e) if text}
    return tuple(e.msgid for e in human_translations(old) if not any(t in kept for t in _texts(e)))


def _similarity(a: str, b: str) -> float:
    from locpipe.similarity import similarity

    return similarity(a, b)


def run_locpipe(old_po: Path, pot: Path, locale: str, project: Path) -> tuple[Path, list[Path]]:
    """Merge `pot` into a copy of `old_po` with `locpipe update` (the library
    call behind it) in a new project at `project`; update a second time and
    return the catalogue and the files the second run wrote."""
    domain = pot.stem
    project.mkdir(parents=True)
    shutil.copy(pot, project / f"{domain}.pot")
    target = project / "locales" / locale / "LC_MESSAGES" / f"{domain}.po"
    target.parent.mkdir(parents=True)
    shutil.copy(old_po, target)
    (project / "locpipe.toml").write_text(
        f'locales = ["{locale}"]\nsources = []\ntemplates = ["{domain}.pot"]\n', encoding="utf-8"
    )
    config = load_config(project)
    pipeline.translate(config, None, stop_after="update")
    second = pipeline.translate(config, None, stop_after="update")
    return target, list(second.written)


def run_msgmerge(old_po: Path, pot: Path, out: Path) -> Path:
    subprocess.run(
        ["msgmerge", "--quiet", "--previous", "-o", str(out), str(old_po), str(pot)], check=True
    )
    return out


def compare(name: str, old_po: Path, pot: Path, locale: str, work: Path) -> Result:
    """Run both tools on the pair and compare their outputs entry by entry."""
    work.mkdir(parents=True, exist_ok=True)
    ours, rewritten = run_locpipe(old_po, pot, LOCALES[locale], work / "project")
    theirs = run_msgmerge(old_po, pot, work / "msgmerge.po")
    check = subprocess.run(
        ["msgfmt", "-c", "-o", "/dev/null", str(ours)], capture_output=True, text=True
    )
    old, mine, gnu = (polib.pofile(str(p)) for p in (old_po, ours, theirs))
    by_key = {_key(e): e for e in mine if not e.obsolete}
    unfilled: list[str] = []
    farther: list[str] = []
    for entry in gnu:
        if entry.obsolete or not _filled(entry):
            continue
        found = by_key.get(_key(entry))
        if found is None or not _filled(found):
            unfilled.append(entry.msgid)
        elif "fuzzy" in entry.flags and entry.previous_msgid and "fuzzy" in found.flags:
            theirs_score = _similarity(entry.previous_msgid, entry.msgid)
            ours_score = _similarity(found.previous_msgid or found.msgid, found.msgid)
            if ours_score < theirs_score:
                farther.append(entry.msgid)
    template = polib.pofile(str(pot))
    return Result(
        name=name,
        template_entries=len([e for e in template if not e.obsolete]),
        locpipe=tally(mine),
        msgmerge=tally(gnu),
        lost=lost(old, mine),
        msgmerge_lost=lost(old, gnu),
        unfilled=tuple(unfilled),
        farther=tuple(farther),
        msgfmt_errors=(check.stderr if check.returncode else ""),
        second_run_wrote=tuple(str(p) for p in rewritten),
        locpipe_po=ours,
        msgmerge_po=theirs,
    )


def table(results: list[Result]) -> str:
    """A Markdown table: pairs × translated/fuzzy/untranslated/obsolete for
    both tools, with lost and unfilled counts."""
    lines = [
        "| pair | entries | locpipe T/F/U/O | msgmerge T/F/U/O | lost (locpipe/msgmerge) "
        "| msgmerge-filled left empty |",
        "|---|---|---|---|---|---|",
    ]
    for r in results:
        a, b = r.locpipe, r.msgmerge
        lines.append(
            f"| {r.name} | {r.template_entries} "
            f"| {a.translated}/{a.fuzzy}/{a.untranslated}/{a.obsolete} "
            f"| {b.translated}/{b.fuzzy}/{b.untranslated}/{b.obsolete} "
            f"| {len(r.lost)}/{len(r.msgmerge_lost)} | {len(r.unfilled)} |"
        )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """Print the table for every pair folder (old.po + new.pot, named
    `<anything>-<locale>`) under the folder `argv[0]`."""
    import tempfile

    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for pair in sorted(p for p in Path(argv[0]).iterdir() if (p / "old.po").is_file()):
            locale = pair.name.rsplit("-", 1)[1]
            results.append(
                compare(pair.name, pair / "old.po", pair / "new.pot", locale, Path(tmp) / pair.name)
            )
    print(table(results))
    for r in results:
        for label, items in (("lost", r.lost), ("unfilled", r.unfilled), ("farther", r.farther)):
            for msgid in items:
                print(f"{r.name}: {label}: {msgid[:70]!r}")
        if r.msgfmt_errors or r.second_run_wrote:
            print(f"{r.name}: msgfmt: {r.msgfmt_errors!r} rewritten: {r.second_run_wrote}")
    return 0


if __name__ == "__main__":
    import sys

    raise SystemExit(main(sys.argv[1:]))

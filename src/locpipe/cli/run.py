"""The commands that run the pipeline: translate (and its stages), build,
compile, prune, segment."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from locpipe.cli.common import as_run_here, on_wait, policy, project_config, say

if TYPE_CHECKING:
    from locpipe.catalog import Counts
    from locpipe.config import Config
    from locpipe.mt import Translator
    from locpipe.mt.cluster import ClusterEngines
    from locpipe.mt.providers import LocaleEngines
    from locpipe.report import Report


def _print_report(args: argparse.Namespace, report: Report) -> None:
    from locpipe.stages.machine import MAX_MT_CHARS

    columns = ("new", "machine", "reused", "reviewed", "fuzzy", "untranslated")
    say(args, "locale  " + "  ".join(f"{c:>12}" for c in columns))
    for row in report.locales:
        values = "  ".join(f"{getattr(row, c):>12}" for c in columns)
        say(args, f"{row.locale:<6}  {values}")
    say(args, f"{len(report.written)} file(s) written")
    _say_orphans(args, report.orphans)
    for row in report.locales:
        if row.too_long:
            print(
                f"locpipe: {row.too_long} segment(s) of {row.locale} are longer than "
                f"{MAX_MT_CHARS} characters and were not machine-translated; "
                "split them in the source, or translate them in a PO editor",
                file=sys.stderr,
            )
    for path, kept in report.merged:
        print(
            f"locpipe: {path} was saved by someone else during the run: their save is "
            f"kept ({kept} of their entries) and merged with this run's",
            file=sys.stderr,
        )
    for conflict in report.conflicts:
        print(f"locpipe: error: {conflict}", file=sys.stderr)


def _say_orphans(args: argparse.Namespace, orphans: Sequence[Path]) -> None:
    for path in orphans:
        say(args, f"orphan: {path} (its document or template is gone; kept as memory)")
    if orphans:
        say(args, as_run_here("locpipe prune removes orphans (locpipe prune --dry-run lists them)"))


class _Engines:
    """The engines of a run, made on first use: a run with nothing to
    translate never loads the MT stack (CTranslate2, Argos, Dask)."""

    def __init__(self, config: Config, cluster: bool) -> None:
        self.config = config
        self.cluster = cluster
        self.local: LocaleEngines | None = None
        self.remote: ClusterEngines | None = None

    def _engines(self) -> LocaleEngines | ClusterEngines:
        if self.cluster:
            if self.remote is None:
                from locpipe.mt.cluster import ClusterEngines

                self.remote = ClusterEngines(self.config)
            return self.remote
        if self.local is None:
            from locpipe.mt.providers import LocaleEngines

            self.local = LocaleEngines(self.config)
        return self.local

    def check(self, locale: str) -> None:
        self._engines().check(locale)

    def load(self, locale: str) -> Translator:
        return self._engines().load(locale)

    def devices(self) -> list[str]:
        made = self.remote or self.local
        return made.devices() if made is not None else []

    def close(self) -> None:
        if self.remote is not None:
            self.remote.close()


def cmd_translate(args: argparse.Namespace) -> int:
    """translate, and the stages on their own: extract, update, mt."""
    from locpipe.pipeline import translate
    from locpipe.progress import make_progress

    config = project_config(args)
    if getattr(args, "engine", "argos") == "pseudo":
        config = config.with_overrides(locales=(config.pseudo_locale,))
    engines = _Engines(config, bool(config.cluster) and args.stage in ("mt", "build"))
    try:
        report = translate(
            config,
            engines,
            stop_after=args.stage,
            progress=make_progress(quiet=args.quiet),
            wait=not args.no_wait,
            on_wait=on_wait,
            compile_policy="reviewed" if getattr(args, "reviewed_only", False) else None,
            min_percent=getattr(args, "keep", 0.0),
        )
    finally:
        engines.close()
    _print_report(args, report)
    for device in engines.devices():
        say(args, f"translated on {device}")
    return 1 if report.conflicts else 0


def cmd_build(args: argparse.Namespace) -> int:
    from locpipe.pipeline import build_documents

    config = project_config(args)
    written = build_documents(
        config, policy(args, config), args.keep, wait=not args.no_wait, on_wait=on_wait
    )
    say(args, f"{len(written)} file(s) written")
    return 0


def cmd_compile(args: argparse.Namespace) -> int:
    from locpipe.pipeline import compile_catalogs

    config = project_config(args)
    written = compile_catalogs(
        config, policy(args, config), args.format, wait=not args.no_wait, on_wait=on_wait
    )
    say(args, f"{len(written)} file(s) written")
    return 0


def _by_state(counts: Counts, *, machine: bool = True) -> str:
    parts = [
        f"{n} {name}"
        for name, n in (
            ("reviewed", counts.reviewed),
            ("machine", counts.machine if machine else 0),
            ("fuzzy", counts.fuzzy),
            ("untranslated", counts.untranslated if machine else 0),
            ("obsolete", counts.obsolete),
        )
        if n
    ]
    return ", ".join(parts) or "no entries"


def cmd_prune(args: argparse.Namespace) -> int:
    from locpipe.pipeline import prune_orphans

    config = project_config(args)
    found = prune_orphans(
        config, dry_run=args.dry_run, force=args.force, wait=not args.no_wait, on_wait=on_wait
    )
    kept = [p for p in found if not p.removed]
    removed = [p for p in found if p.removed]
    verb = "would remove" if args.dry_run else "removed"
    for pruned in removed:
        note = f" ({_by_state(pruned.counts)})" if pruned.counts is not None else ""
        print(f"{verb} {config.shown(pruned.path)}{note}")
    for pruned in kept:
        if pruned.unkept is None:
            continue
        print(
            f"{'would keep' if args.dry_run else 'kept'} {config.shown(pruned.path)}: "
            f"{_by_state(pruned.unkept, machine=False)} text(s) a person wrote exist in no "
            "live catalogue (locpipe prune --force deletes them)"
        )
    done = "would be removed" if args.dry_run else "removed"
    say(args, f"{len(removed)} orphaned file(s) {done}" if found else "no orphans")
    return 1 if kept and not args.dry_run else 0


def cmd_segment(args: argparse.Namespace) -> int:
    from locpipe.documents import sources
    from locpipe.documents.segment import format_for, segment

    text = sources.read_text(Path(args.file), args.file)
    for seg in segment(text, args.format or format_for(args.file)):
        print(f"{seg.line}\t{seg.kind}\t{seg.text}")
    return 0

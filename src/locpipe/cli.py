"""The command line: parse, load the config, call one library function, report.

Imports of the library happen inside the commands so `locpipe --help` stays
fast. Every LocpipeError is turned into one message and an exit code here.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from locpipe.config import Config
    from locpipe.mt.cluster import ClusterEngines
    from locpipe.pipeline import Report

EPILOG = """examples:
  locpipe translate                 segment, update, machine-translate, compile
  locpipe models install en_ko.argosmodel en_zh.argosmodel
  locpipe status
  locpipe prune --dry-run           list catalogues whose document is gone
"""


def _config(args: argparse.Namespace) -> Config:
    from locpipe.config import load_config

    config = load_config(Path(args.project))
    return config.with_overrides(
        threads=getattr(args, "threads", None),
        beam_size=getattr(args, "beam_size", None),
        device=getattr(args, "device", None),
        cluster=getattr(args, "cluster", None),
    )


def _say(args: argparse.Namespace, text: str) -> None:
    if not getattr(args, "quiet", False):
        print(text)


def _print_report(args: argparse.Namespace, report: Report) -> None:
    from locpipe.pipeline import MAX_MT_CHARS

    columns = ("new", "machine", "reused", "reviewed", "fuzzy", "untranslated")
    _say(args, "locale  " + "  ".join(f"{c:>12}" for c in columns))
    for row in report.locales:
        values = "  ".join(f"{getattr(row, c):>12}" for c in columns)
        _say(args, f"{row.locale:<6}  {values}")
    _say(args, f"{len(report.written)} file(s) written")
    _say_orphans(args, report.orphans)
    for row in report.locales:
        if row.too_long:
            print(
                f"locpipe: {row.too_long} segment(s) of {row.locale} are longer than "
                f"{MAX_MT_CHARS} characters and were not machine-translated; "
                "split them in the source, or translate them in a PO editor",
                file=sys.stderr,
            )


def _say_orphans(args: argparse.Namespace, orphans: Sequence[Path]) -> None:
    for path in orphans:
        _say(args, f"orphan: {path} (its document or template is gone; kept as memory)")
    if orphans:
        _say(args, "locpipe prune removes orphans (locpipe prune --dry-run lists them)")


def cmd_translate(args: argparse.Namespace) -> int:
    """translate, and the stages on their own: extract, update, mt."""
    from locpipe.mt.providers import LocaleEngines
    from locpipe.pipeline import translate
    from locpipe.progress import make_progress

    config = _config(args)
    if getattr(args, "engine", "argos") == "pseudo":
        config = config.with_overrides(locales=(config.pseudo_locale,))
    engines: LocaleEngines | ClusterEngines
    if config.cluster and args.stage in ("mt", "build"):
        from locpipe.mt.cluster import ClusterEngines

        engines = ClusterEngines(config)
    else:
        engines = LocaleEngines(config)
    try:
        report = translate(
            config,
            engines,
            stop_after=args.stage,
            progress=make_progress(quiet=args.quiet),
            wait=not args.no_wait,
            on_wait=_on_wait,
            compile_policy="reviewed" if getattr(args, "reviewed_only", False) else None,
            min_percent=getattr(args, "keep", 0.0),
        )
    finally:
        if not isinstance(engines, LocaleEngines):
            engines.close()
    _print_report(args, report)
    for device in engines.devices():
        _say(args, f"translated on {device}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from locpipe.orphans import of_project
    from locpipe.pipeline import Paths, check_catalogues
    from locpipe.qa import format_problems, problems_to_json

    if args.files:
        from locpipe.qa.checkfiles import check_files

        problems = check_files([Path(f) for f in args.files], args.locale)
    else:
        config = _config(args)
        problems = check_catalogues(config)
        for _, po in of_project(config, Paths.of(config)).catalogues:
            print(f"locpipe: not checked, orphan: {po}", file=sys.stderr)
    if args.json:
        print(problems_to_json(problems))
    else:
        print(format_problems(problems), end="")
    errors = sum(1 for p in problems if p.severity == "error")
    if not args.json:
        print(f"{errors} error(s), {len(problems) - errors} warning(s)", file=sys.stderr)
    return 1 if errors else 0


def _on_wait() -> None:
    print("locpipe: waiting for another run to finish…", file=sys.stderr, flush=True)


def _policy(args: argparse.Namespace, config: Config) -> str:
    return "reviewed" if args.reviewed_only else config.compile


def cmd_build(args: argparse.Namespace) -> int:
    from locpipe.pipeline import build_documents

    config = _config(args)
    written = build_documents(
        config, _policy(args, config), args.keep, wait=not args.no_wait, on_wait=_on_wait
    )
    _say(args, f"{len(written)} file(s) written")
    return 0


def cmd_compile(args: argparse.Namespace) -> int:
    from locpipe.pipeline import compile_catalogs

    config = _config(args)
    written = compile_catalogs(
        config, _policy(args, config), args.format, wait=not args.no_wait, on_wait=_on_wait
    )
    _say(args, f"{len(written)} file(s) written")
    return 0


def cmd_prune(args: argparse.Namespace) -> int:
    from locpipe.pipeline import prune_orphans

    config = _config(args)
    found = prune_orphans(config, dry_run=args.dry_run, wait=not args.no_wait, on_wait=_on_wait)
    verb = "would remove" if args.dry_run else "removed"
    for path, reviewed in found:
        where = path.relative_to(config.root) if path.is_relative_to(config.root) else path
        note = f" ({reviewed} reviewed entries)" if reviewed else ""
        print(f"{verb} {where.as_posix()}{note}")
    done = "would be removed" if args.dry_run else "removed"
    _say(args, f"{len(found)} orphaned file(s) {done}" if found else "no orphans")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    import json

    from locpipe import triage
    from locpipe.status import below, format_json, format_table, gather

    config = _config(args)
    rows = gather(config)
    scored = triage.gather(config)
    lowest = [e for e in scored if e.score is not None][: args.lowest]
    if args.json:
        document = json.loads(format_json(rows, config.locales))
        document["lowest_scores"] = [e.as_json() for e in lowest]
        print(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        print(format_table(rows, config.locales))
        if lowest:
            print("\nlowest-scoring machine entries (review first; more: locpipe review):")
            print(triage.format_listing(lowest), end="")
    failed = False
    if args.fail_under is not None:
        problems = below(rows, config.locales, args.fail_under)
        for problem in problems:
            print(f"locpipe: status: {problem}", file=sys.stderr)
        failed = bool(problems)
    if args.fail_below is not None:
        low = triage.low_scoring(scored, args.fail_below)
        if len(low) > args.max:
            print(
                f"locpipe: status: {len(low)} shipping machine entries score below "
                f"{args.fail_below:g} (at most {args.max} allowed); review them: "
                f"locpipe review --below {args.fail_below:g}",
                file=sys.stderr,
            )
            failed = True
    return 1 if failed else 0


def cmd_review(args: argparse.Namespace) -> int:
    from locpipe import triage

    config = _config(args)
    entries = triage.gather(config, args.locale or None)
    if args.below is not None:
        entries = [e for e in entries if e.score is not None and e.score < args.below]
    if args.worst is not None:
        entries = entries[: args.worst]
    if args.json:
        print(triage.format_json(entries))
    else:
        print(triage.format_listing(entries), end="")
        print(f"{len(entries)} machine entr{'y' if len(entries) == 1 else 'ies'}", file=sys.stderr)
    return 0


def cmd_segment(args: argparse.Namespace) -> int:
    from locpipe.documents import sources
    from locpipe.documents.segment import format_for, segment

    text = sources.read_text(Path(args.file), args.file)
    for seg in segment(text, args.format or format_for(args.file)):
        print(f"{seg.line}\t{seg.kind}\t{seg.text}")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    import json
    from dataclasses import asdict

    from locpipe.evaluation import evaluate, format_table, reviewed_pairs, write_worst
    from locpipe.mt.engine import ArgosEngine
    from locpipe.mt.providers import serving_models

    config = _config(args)
    pairs = reviewed_pairs(config, args.locale)
    models = serving_models(config, args.locale)
    if args.model:
        models = [m for m in models if any(name in m.engine_id.split() for name in args.model)]
    report = evaluate(
        args.locale,
        pairs,
        models,
        lambda m: ArgosEngine(m, beam_size=config.beam_size, threads=config.threads),
        worst=args.worst,
    )
    if args.json:
        rows = [{k: v for k, v in asdict(r).items() if k != "worst"} for r in report.rows]
        print(
            json.dumps(
                {"locale": args.locale, "bleu_tokenize": report.bleu_tokenize, "rows": rows},
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        print(
            f"{args.locale}: {len(pairs)} reviewed sentence(s); BLEU tokenizer "
            f"{report.bleu_tokenize}; chrF and BLEU 0-100, higher is closer to the reviews"
        )
        print(format_table(report))
    if args.worst_file:
        write_worst(report, Path(args.worst_file))
        print(f"worst sentences written to {args.worst_file}", file=sys.stderr)
    return 0


def cmd_models_list(args: argparse.Namespace) -> int:
    from locpipe.locales import language_of
    from locpipe.mt.argos import installed_models, installed_sha256, packages_dir
    from locpipe.mt.models import installed_folder_models, models_dir

    models = installed_models()
    print(f"packages folder: {packages_dir()}")
    if not models:
        print("no Argos packages installed (see: locpipe models install --help)")
    for m in models:
        serves = language_of(m.to_code) if m.from_code == "en" else None
        digest = installed_sha256(m)
        print(
            f"{m.name}\t{m.from_code}→{m.to_code}\tversion {m.version or '-'}\t{serves or '-'}"
            + (f"\tsha256 {digest}" if digest else "")
        )
    folders = installed_folder_models()
    if folders:
        print(f"models folder: {models_dir()}")
    for f in folders:
        codes = ", ".join(code for code in f.targets.values())
        print(f"{f.name}\t{f.family}\tversion {f.version or '-'}\t{codes}")
    return 0


def _install_one(args: argparse.Namespace, from_code: str, to_code: str) -> None:
    from locpipe.mt import argos
    from locpipe.progress import make_download_progress

    quiet = getattr(args, "quiet", False)
    model = argos.install_from_index(
        from_code,
        to_code,
        progress=make_download_progress(quiet=quiet),
        say=lambda text: _say(args, text),
        sha256=args.sha256,
    )
    print(f"installed {model.name} ({model.from_code}→{model.to_code}) in {model.path}")
    print(f"sha256 {argos.installed_sha256(model)}  (kept in {argos.checksum_file(model.path)})")


def cmd_models_install(args: argparse.Namespace) -> int:
    from locpipe.errors import ModelError
    from locpipe.mt import argos

    if args.missing:
        config = _config(args)
        for locale in config.argos_locales:
            to_code = config.argos_code(locale)
            if config.model_for(locale) is not None:
                continue  # served by the model configured for it, not by Argos
            if argos.find_model(config.source_language, to_code) is not None:
                continue
            _say(args, f"{locale}: no {config.source_language}→{to_code} model installed")
            try:
                _install_one(args, config.source_language, to_code)
            except ModelError as exc:
                print(f"locpipe: could not install a model for {locale}: {exc}", file=sys.stderr)
        return 0
    if not args.packages:
        raise ModelError(
            "nothing to install", fix="name .argosmodel files or packages, or pass --missing"
        )
    if args.sha256 and len(args.packages) > 1:
        raise ModelError("--sha256 pins one package", fix="install one package per command")
    for item in args.packages:
        path = Path(item)
        if path.is_dir():
            from locpipe.mt.models import install_folder

            folder = install_folder(path)
            print(f"installed {folder.name} ({folder.family}) in {folder.path}")
        elif item.endswith(".argosmodel") or path.exists():
            model = argos.install_file(path, sha256=args.sha256)
            print(f"installed {model.name} ({model.from_code}→{model.to_code}) in {model.path}")
            print(f"sha256 {argos.installed_sha256(model)}")
        else:
            _install_one(args, *_pair(item))
    return 0


def _pair(name: str) -> tuple[str, str]:
    from locpipe.errors import ModelError

    pair = name.removeprefix("translate-")
    from_code, sep, to_code = pair.partition("_")
    if not sep or not from_code or not to_code:
        raise ModelError(
            f"{name!r} is neither an .argosmodel file nor a package name",
            fix="give a file, or a name such as translate-en_ko",
        )
    return from_code, to_code


def cmd_models_remove(args: argparse.Namespace) -> int:
    from locpipe.mt.argos import remove

    for name in args.names:
        print(f"removed {remove(name)}")
    return 0


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-C",
        "--project",
        default=".",
        metavar="DIR",
        help="the project folder (default: the current one)",
    )


def _add_run_options(parser: argparse.ArgumentParser, *, translating: bool) -> None:
    parser.add_argument(
        "--no-wait", action="store_true", help="fail at once if another run is active"
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    if translating:
        parser.add_argument(
            "--engine",
            choices=("argos", "pseudo"),
            default="argos",
            help="argos (the installed models) or pseudo (fills the en_XA pseudo-locale, "
            "no model needed)",
        )
        parser.add_argument(
            "--threads", type=int, help="CPU threads for translation (0: one per core)"
        )
        parser.add_argument("--beam-size", type=int, help="beam size (Argos uses 4)")
        parser.add_argument(
            "--device",
            choices=("auto", "cpu", "cuda"),
            help="where to translate: auto (every GPU when there is one, else the CPU; "
            "the default), cpu or cuda",
        )
        parser.add_argument(
            "--cluster",
            metavar="ADDRESS",
            help="translate on the workers of a running Dask scheduler, e.g. "
            "tcp://10.0.0.5:8786 (needs 'locpipe[cluster]')",
        )


def _add_keep(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--keep",
        type=float,
        default=0.0,
        metavar="PCT",
        help="rebuild only documents at least PCT%% translated (as po4a's --keep)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of `locpipe` and its subcommands."""
    parser = argparse.ArgumentParser(
        prog="locpipe",
        description="Offline localisation: English documents and .pot templates into "
        "reviewed gettext catalogues for ko and zh_CN.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    from locpipe import __version__

    parser.add_argument("--version", action="version", version=f"locpipe {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(
        name: str, func: Callable[[argparse.Namespace], int], help_text: str, example: str
    ) -> argparse.ArgumentParser:
        p = sub.add_parser(
            name,
            help=help_text,
            description=help_text,
            epilog=f"example:\n  {example}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        p.set_defaults(func=func)
        _add_common(p)
        return p

    p = command(
        "translate",
        cmd_translate,
        "Run every stage: segment sources, update templates and catalogues, "
        "machine-translate what is untranslated, compile .mo files.",
        "locpipe translate --reviewed-only",
    )
    p.set_defaults(stage="build")
    p.add_argument("--reviewed-only", action="store_true", help="leave machine entries out of .mo")
    _add_run_options(p, translating=True)
    _add_keep(p)

    p = command(
        "build",
        cmd_build,
        "Rebuild every source document in each locale under the build directory, "
        "each sentence replaced by its translation (the source where there is none).",
        "locpipe build --keep 80",
    )
    p.add_argument("--reviewed-only", action="store_true", help="use reviewed entries only")
    _add_run_options(p, translating=False)
    _add_keep(p)

    for stage, help_text in (
        ("extract", "Segment the sources into .pot templates; nothing else."),
        ("update", "Segment sources and update templates and catalogues; no translation."),
        ("mt", "Update, then machine-translate what is untranslated; no .mo, no build."),
    ):
        p = command(stage, cmd_translate, help_text, f"locpipe {stage}")
        p.set_defaults(stage=stage)
        _add_run_options(p, translating=stage == "mt")

    p = command(
        "compile",
        cmd_compile,
        "Compile every catalogue to a .mo file, or to JSON for JavaScript apps.",
        "locpipe compile --format json",
    )
    p.add_argument("--reviewed-only", action="store_true", help="leave machine entries out")
    _add_run_options(p, translating=False)
    p.add_argument(
        "--format",
        choices=("mo", "json", "jed", "i18next"),
        default="mo",
        help="mo (gettext, the default), json (<locale>/LC_MESSAGES/<domain>.json, "
        "for gettext.js), jed (<domain>.jed.json) or i18next (<domain>.i18next.json)",
    )

    p = command(
        "check",
        cmd_check,
        "Check catalogues for broken placeholders, markup, numbers, URLs, plural "
        "forms, wrong script, repetition loops and more; print errors and warnings, "
        "exit 1 on any error. With files, check those .po files of any project.",
        "locpipe check --json\n  locpipe check django/conf/locale/*/LC_MESSAGES/django.po",
    )
    p.add_argument(
        "files",
        nargs="*",
        metavar="FILE.po",
        help="catalogues to check instead of the project's; the locale comes from "
        "the Language header, then the path (<locale>/LC_MESSAGES/, <locale>.po)",
    )
    p.add_argument("--locale", help="the locale of every FILE.po (ko, ko_KR, zh_Hans, zh_TW …)")
    p.add_argument("--json", action="store_true", help="print the problems as JSON")

    p = command(
        "status",
        cmd_status,
        "Show review progress for each locale and domain: entries per state, "
        "the share reviewed, source words and translated characters (no spaces, "
        "the measure for Chinese and Korean).",
        "locpipe status --fail-under 80",
    )
    p.add_argument(
        "--json",
        action="store_true",
        help="print JSON: {version, catalogues: [row], locales: [row]}; the row keys are "
        "documented in locpipe.status",
    )
    p.add_argument(
        "--fail-under",
        type=float,
        metavar="PCT",
        help="exit 1 when a locale has less than PCT%% of its entries reviewed (for CI)",
    )
    p.add_argument(
        "--fail-below",
        type=float,
        metavar="SCORE",
        help="exit 1 when more than --max shipping machine entries have an MT score "
        "below SCORE (for CI; scores are mean log-probabilities, e.g. -1.5)",
    )
    p.add_argument(
        "--max",
        type=int,
        default=0,
        metavar="N",
        help="how many entries below --fail-below are allowed (default 0)",
    )
    p.add_argument(
        "--lowest",
        type=int,
        default=5,
        metavar="N",
        help="how many of the lowest-scoring machine entries to show (default 5)",
    )

    p = command(
        "review",
        cmd_review,
        "List machine entries lowest MT score first, as file:line: score: source → "
        "translation, so review starts where the model was least sure.",
        "locpipe review --worst 20",
    )
    p.add_argument("--worst", type=int, metavar="N", help="list only the N lowest-scoring")
    p.add_argument("--below", type=float, metavar="SCORE", help="list only scores below SCORE")
    p.add_argument(
        "--locale", action="append", metavar="LOCALE", help="only this locale (repeatable)"
    )
    p.add_argument(
        "--json", action="store_true", help="print JSON (keys documented in locpipe.triage)"
    )

    p = command(
        "prune",
        cmd_prune,
        "Delete orphans: the catalogues, templates, .mo and .json files of documents "
        "and templates that are gone, and their rebuilt documents. Nothing else ever "
        "deletes them (they stay translation memory until then).",
        "locpipe prune --dry-run",
    )
    p.add_argument(
        "-n", "--dry-run", action="store_true", help="list what would be removed; remove nothing"
    )
    p.add_argument("--no-wait", action="store_true", help="fail at once if another run is active")
    p.add_argument("-q", "--quiet", action="store_true", help="print only what is removed")

    p = command(
        "segment",
        cmd_segment,
        "Print the segments of a document with their line and block kind.",
        "locpipe segment content/article.md",
    )
    p.add_argument("file", help="a .txt or .md document")
    p.add_argument("--format", choices=("text", "markdown"), help="override the format")

    p = command(
        "eval",
        cmd_eval,
        "Score each installed model that serves LOCALE on your reviewed translations: "
        "translate their sources, report chrF and BLEU (sacrebleu), sentences and time. "
        "Writes no catalogue.",
        "locpipe eval ko --worst 20 --worst-file worst-ko.md",
    )
    p.add_argument("locale", help="a configured locale, e.g. ko")
    p.add_argument(
        "--model",
        action="append",
        metavar="NAME",
        help="score only this installed model (repeatable; default: every one serving LOCALE)",
    )
    p.add_argument(
        "--worst",
        type=int,
        default=10,
        metavar="N",
        help="keep the N sentences with the lowest chrF per model (default 10)",
    )
    p.add_argument(
        "--worst-file",
        metavar="FILE.md",
        help="write those sentences, with source and review, to FILE.md",
    )
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--threads", type=int, help="CPU threads for translation (0: one per core)")
    p.add_argument("--beam-size", type=int, help="beam size (Argos uses 4)")

    models = sub.add_parser(
        "models",
        help="List, install and remove Argos Translate packages.",
        description="List, install and remove Argos Translate packages "
        "(in ARGOS_PACKAGES_DIR, or Argos' default folder).",
    )
    msub = models.add_subparsers(dest="models_command", required=True, metavar="ACTION")
    p = msub.add_parser(
        "list",
        help="list installed packages and the language each serves",
        description="List installed packages and the language each serves.",
    )
    p.set_defaults(func=cmd_models_list)
    p = msub.add_parser(
        "install",
        help="install .argosmodel files or model folders (offline), or packages by name",
        description="Install .argosmodel files and OPUS-MT/NLLB model folders (no network "
        "needed), or packages by name from the Argos package index (network).",
        epilog="examples:\n  locpipe models install en_ko.argosmodel\n"
        "  locpipe models install translate-en_ko translate-en_zh\n"
        "  locpipe models install --sha256 HEX translate-en_ko\n"
        "  locpipe models install ./nllb-200-distilled-600M   (a converted model folder)\n"
        "  locpipe models install --missing",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("packages", nargs="*", metavar="FILE_OR_NAME")
    p.add_argument(
        "--missing",
        action="store_true",
        help="install from the index every configured locale's missing model; "
        "without a network, say so and go on",
    )
    p.add_argument(
        "--sha256",
        metavar="HEX",
        help="install only if the package file has this SHA-256 (one package)",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="print no steps, no progress")
    _add_common(p)
    p.set_defaults(func=cmd_models_install)
    p = msub.add_parser(
        "remove", help="uninstall packages by name", description="Uninstall packages by name."
    )
    p.add_argument("names", nargs="+", metavar="NAME")
    p.set_defaults(func=cmd_models_remove)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `locpipe` command; returns the exit code."""
    from locpipe.errors import LocpipeError

    args = build_parser().parse_args(argv)
    try:
        code: int = args.func(args)
        sys.stdout.flush()  # a closed pipe fails here, not at interpreter exit
    except LocpipeError as exc:
        print(f"locpipe: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("locpipe: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`locpipe status | head -1`): nothing more can
        # be shown; silence the final flush too.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        print("locpipe: error: <stdout>: broken pipe (the output was cut short)", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"locpipe: error: {_os_error(exc)}", file=sys.stderr)
        return 1
    return code


def _os_error(exc: OSError) -> str:
    """One line for an OS error: the file, what happened and the fix."""
    import errno

    where = f"{exc.filename}: " if exc.filename else ""
    what = exc.strerror or str(exc)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        fix = "free disk space and run again (files already written are complete)"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        fix = "make the file and its folder writable for you, or run where you can write"
    else:
        fix = "check the file and run again"
    return f"{where}{what} (fix: {fix})"

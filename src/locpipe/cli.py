"""The command line: parse, load the config, call one library function, report.

Imports of the library happen inside the commands so `locpipe --help` stays
fast. Every LocpipeError is turned into one message and an exit code here.
"""

from __future__ import annotations

import argparse
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
    for row in report.locales:
        if row.too_long:
            print(
                f"locpipe: {row.too_long} segment(s) of {row.locale} are longer than "
                f"{MAX_MT_CHARS} characters and were not machine-translated; "
                "split them in the source, or translate them in a PO editor",
                file=sys.stderr,
            )


def cmd_translate(args: argparse.Namespace) -> int:
    """translate, and the stages on their own: extract, update, mt."""
    from locpipe.config import PSEUDO_LOCALE
    from locpipe.mt.providers import LocaleEngines
    from locpipe.pipeline import translate
    from locpipe.progress import make_progress

    config = _config(args)
    if getattr(args, "engine", "argos") == "pseudo":
        config = config.with_overrides(locales=(PSEUDO_LOCALE,))
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
    from locpipe.pipeline import check_catalogues
    from locpipe.qa import format_problems, problems_to_json

    problems = check_catalogues(_config(args))
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


def cmd_status(args: argparse.Namespace) -> int:
    from locpipe.status import below, format_json, format_table, gather

    config = _config(args)
    rows = gather(config)
    if args.json:
        print(format_json(rows, config.locales))
    else:
        print(format_table(rows, config.locales))
    if args.fail_under is not None:
        problems = below(rows, config.locales, args.fail_under)
        for problem in problems:
            print(f"locpipe: status: {problem}", file=sys.stderr)
        if problems:
            return 1
    return 0


def cmd_segment(args: argparse.Namespace) -> int:
    from locpipe import sources
    from locpipe.segment import format_for, segment

    text = sources.read_text(Path(args.file), args.file)
    for seg in segment(text, args.format or format_for(args.file)):
        print(f"{seg.line}\t{seg.kind}\t{seg.text}")
    return 0


def cmd_models_list(args: argparse.Namespace) -> int:
    from locpipe.locales import language_of
    from locpipe.mt.argos import installed_models, packages_dir

    models = installed_models()
    print(f"packages folder: {packages_dir()}")
    if not models:
        print("no Argos packages installed (see: locpipe models install --help)")
    for m in models:
        serves = language_of(m.to_code) if m.from_code == "en" else None
        print(f"{m.name}\t{m.from_code}→{m.to_code}\tversion {m.version or '-'}\t{serves or '-'}")
    return 0


def cmd_models_install(args: argparse.Namespace) -> int:
    from locpipe.errors import ModelError
    from locpipe.mt import argos

    if args.missing:
        config = _config(args)
        for locale in config.argos_locales:
            to_code = config.argos_code(locale)
            if argos.find_model(config.source_language, to_code) is not None:
                continue
            try:
                model = argos.install_from_index(config.source_language, to_code)
            except ModelError as exc:
                print(f"locpipe: could not install a model for {locale}: {exc}", file=sys.stderr)
                continue
            print(f"installed {model.name} ({model.from_code}→{model.to_code}) for {locale}")
        return 0
    if not args.packages:
        raise ModelError(
            "nothing to install", fix="name .argosmodel files or packages, or pass --missing"
        )
    for item in args.packages:
        if item.endswith(".argosmodel") or Path(item).exists():
            model = argos.install_file(Path(item))
        else:
            from_code, to_code = _pair(item)
            model = argos.install_from_index(from_code, to_code)
        print(f"installed {model.name} ({model.from_code}→{model.to_code}) in {model.path}")
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
        choices=("mo", "json"),
        default="mo",
        help="mo (gettext, the default) or json (locales/<locale>/LC_MESSAGES/<domain>.json)",
    )

    p = command(
        "check",
        cmd_check,
        "Check catalogues for broken placeholders, numbers, URLs, wrong script, "
        "repetition loops and more; exit 1 on any error.",
        "locpipe check --json",
    )
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

    p = command(
        "segment",
        cmd_segment,
        "Print the segments of a document with their line and block kind.",
        "locpipe segment content/article.md",
    )
    p.add_argument("file", help="a .txt or .md document")
    p.add_argument("--format", choices=("text", "markdown"), help="override the format")

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
        help="install .argosmodel files (offline) or packages by name (network)",
        description="Install .argosmodel files (no network needed) or packages by name "
        "from the Argos package index (network).",
        epilog="examples:\n  locpipe models install en_ko.argosmodel\n"
        "  locpipe models install translate-en_ko translate-en_zh\n"
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
    except LocpipeError as exc:
        print(f"locpipe: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("locpipe: interrupted", file=sys.stderr)
        return 130
    return code

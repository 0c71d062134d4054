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
        threads=getattr(args, "threads", None), beam_size=getattr(args, "beam_size", None)
    )


def _say(args: argparse.Namespace, text: str) -> None:
    if not getattr(args, "quiet", False):
        print(text)


def _print_report(args: argparse.Namespace, report: Report) -> None:
    columns = ("new", "machine", "reused", "reviewed", "fuzzy", "untranslated")
    _say(args, "locale  " + "  ".join(f"{c:>12}" for c in columns))
    for row in report.locales:
        values = "  ".join(f"{getattr(row, c):>12}" for c in columns)
        _say(args, f"{row.locale:<6}  {values}")
    _say(args, f"{len(report.written)} file(s) written")


def cmd_translate(args: argparse.Namespace) -> int:
    from locpipe.mt import ArgosProvider
    from locpipe.pipeline import translate
    from locpipe.progress import make_progress

    config = _config(args)
    report = translate(
        config,
        ArgosProvider(config),
        progress=make_progress(quiet=args.quiet),
        wait=not args.no_wait,
        on_wait=lambda: print("locpipe: waiting for another run to finish…", file=sys.stderr),
        compile_policy="reviewed" if args.reviewed_only else None,
        min_percent=args.keep,
    )
    _print_report(args, report)
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from locpipe.pipeline import build_documents

    config = _config(args)
    policy = "reviewed" if args.reviewed_only else config.compile
    written = build_documents(config, policy, args.keep)
    _say(args, f"{len(written)} file(s) written")
    return 0


def cmd_update(args: argparse.Namespace) -> int:
    from locpipe.pipeline import translate

    report = translate(_config(args), None, wait=not args.no_wait)
    _print_report(args, report)
    return 0


def cmd_compile(args: argparse.Namespace) -> int:
    from locpipe.pipeline import compile_catalogs

    config = _config(args)
    written = compile_catalogs(config, "reviewed" if args.reviewed_only else config.compile)
    _say(args, f"{len(written)} file(s) written")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from locpipe.status import format_table, gather

    rows = gather(_config(args))
    print(format_table(rows))
    return 0


def cmd_segment(args: argparse.Namespace) -> int:
    from locpipe import sources
    from locpipe.segment import format_for, segment

    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        from locpipe.errors import SourceError

        raise SourceError(f"cannot read: {exc.strerror}", file=path) from exc
    text = sources.decode(data, str(path))
    for seg in segment(text, args.format or format_for(str(path))):
        print(f"{seg.line}\t{seg.kind}\t{seg.text}")
    return 0


def cmd_models_list(args: argparse.Namespace) -> int:
    from locpipe.argos import installed_models, packages_dir
    from locpipe.config import ARGOS_CODES

    locales = {code: locale for locale, code in ARGOS_CODES.items()}
    models = installed_models()
    print(f"packages folder: {packages_dir()}")
    if not models:
        print("no Argos packages installed (see: locpipe models install --help)")
    for m in models:
        serves = locales.get(m.to_code, "-") if m.from_code == "en" else "-"
        print(f"{m.name}\t{m.from_code}→{m.to_code}\tversion {m.version or '-'}\tlocale {serves}")
    return 0


def cmd_models_install(args: argparse.Namespace) -> int:
    from locpipe import argos
    from locpipe.errors import ModelError

    if args.missing:
        config = _config(args)
        for locale in config.locales:
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
    from locpipe.argos import remove

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
    p.add_argument("--reviewed-only", action="store_true", help="leave machine entries out of .mo")
    p.add_argument("--no-wait", action="store_true", help="fail at once if another run is active")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    p.add_argument("--threads", type=int, help="CPU threads for translation (0: one per core)")
    p.add_argument("--beam-size", type=int, help="beam size (Argos uses 4)")
    _add_keep(p)

    p = command(
        "build",
        cmd_build,
        "Rebuild every source document in each locale under the build directory, "
        "each sentence replaced by its translation (the source where there is none).",
        "locpipe build --keep 80",
    )
    p.add_argument("--reviewed-only", action="store_true", help="use reviewed entries only")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    _add_keep(p)

    p = command(
        "update",
        cmd_update,
        "Segment sources and update templates and catalogues; no translation.",
        "locpipe update",
    )
    p.add_argument("--no-wait", action="store_true", help="fail at once if another run is active")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")

    p = command("compile", cmd_compile, "Compile every catalogue to a .mo file.", "locpipe compile")
    p.add_argument("--reviewed-only", action="store_true", help="leave machine entries out")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")

    command(
        "status",
        cmd_status,
        "Show entries per state for each locale and domain.",
        "locpipe status",
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
        help="list installed packages and the locale each serves",
        description="List installed packages and the locale each serves.",
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

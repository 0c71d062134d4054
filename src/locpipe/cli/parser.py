"""The argument parser of `locpipe` and its subcommands."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from locpipe.cli.models import (
    cmd_eval,
    cmd_models_install,
    cmd_models_list,
    cmd_models_remove,
)
from locpipe.cli.reports import cmd_check, cmd_review, cmd_status
from locpipe.cli.run import (
    cmd_build,
    cmd_compile,
    cmd_prune,
    cmd_segment,
    cmd_translate,
)

#: The port of `locpipe review --serve`: a fixed one, so the page's copy of
#: unsaved work in the browser (kept per address) is found again after a restart.
DEFAULT_REVIEW_PORT = 8484

EPILOG = """examples:
  locpipe translate                 segment, update, machine-translate, compile
  locpipe models install en_ko.argosmodel en_zh.argosmodel
  locpipe status
  locpipe prune --dry-run           list catalogues whose document is gone
"""


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
            "tcp://10.0.0.5:8786 (needs locpipe's cluster extra)",
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
    p.add_argument(
        "--source-catalogue",
        metavar="FILE.po",
        help="the English catalogue whose msgstrs are the text of key msgids "
        "(list:admin:notice.txt); by default the en catalogue of the same domain "
        "beside each file, or the check_source_catalogue setting",
    )
    p.add_argument(
        "--json",
        action="store_true",
        help="print the findings as JSON, each with a stable id for check_allow",
    )

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
        "translation, so review starts where the model was least sure; with --serve, "
        "review them in a browser page on this machine.",
        "locpipe review --worst 20\n  locpipe review --serve",
    )
    p.add_argument(
        "--serve",
        action="store_true",
        help="serve the review page on 127.0.0.1 and print its address (with a secret "
        "token); accept, edit and reject entries there, and save to the .po files",
    )
    p.add_argument(
        "--port",
        type=int,
        default=DEFAULT_REVIEW_PORT,
        metavar="N",
        help=f"the port of --serve (default {DEFAULT_REVIEW_PORT}; 0: any free port)",
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
        "and templates that are gone, and their rebuilt documents, listing each "
        "catalogue's entries by state. Nothing else ever deletes them (they stay "
        "translation memory until then), and a catalogue holding a person's text that "
        "no live catalogue holds is kept unless --force.",
        "locpipe prune --dry-run",
    )
    p.add_argument(
        "-n", "--dry-run", action="store_true", help="list what would be removed; remove nothing"
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="also delete catalogues holding texts a person wrote (reviewed, fuzzy, obsolete) "
        "that no live catalogue holds; without it they are kept and prune exits 1",
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
    limits = p.add_argument_group(
        "limits", "caps on what the index and a package may make locpipe read and write"
    )
    for flag, default, what in (
        ("--max-index-mb", 16, "the package index"),
        ("--max-download-mb", 2000, "one package download"),
        ("--max-unpacked-mb", 4000, "a package once unpacked"),
    ):
        limits.add_argument(
            flag, type=_positive, metavar="MB", help=f"size limit of {what} (default {default})"
        )
    limits.add_argument(
        "--timeout",
        type=_positive,
        metavar="SECONDS",
        help="time limit of the index and of each package download (default 3600)",
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


def _positive(text: str) -> float:
    """A number above 0 (argparse type for the limits)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"must be above 0: {text!r}")
    return value

"""The commands about models: models list, install and remove, and eval."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from locpipe.cli.common import as_run_here, project_config, say

if TYPE_CHECKING:
    from locpipe.mt.download import Limits


def cmd_eval(args: argparse.Namespace) -> int:
    import json
    from dataclasses import asdict

    from locpipe.evaluation import evaluate, format_table, reviewed_pairs, write_worst
    from locpipe.mt.devices import detect
    from locpipe.mt.engine import ArgosEngine
    from locpipe.mt.providers import serving_models

    config = project_config(args)
    pairs = reviewed_pairs(config, args.locale)
    models = serving_models(config, args.locale)
    if args.model:
        models = [m for m in models if any(name in m.engine_id.split() for name in args.model)]
    placement = detect(config.device)  # where translate would run, --device cuda included
    report = evaluate(
        args.locale,
        pairs,
        models,
        lambda m: ArgosEngine(
            m, beam_size=config.beam_size, threads=config.threads, placement=placement
        ),
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
        print(as_run_here("no Argos packages installed (see: locpipe models install --help)"))
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


def _limits(args: argparse.Namespace) -> Limits:
    """The download and unpacking limits, the flags applied to the defaults."""
    from locpipe.mt.download import LIMITS, MB

    changes = {
        field: round(value * MB) if field != "seconds" else value
        for field, value in (
            ("index_bytes", args.max_index_mb),
            ("download_bytes", args.max_download_mb),
            ("unpacked_bytes", args.max_unpacked_mb),
            ("seconds", args.timeout),
        )
        if value is not None
    }
    return replace(LIMITS, **changes)


def _install_one(args: argparse.Namespace, from_code: str, to_code: str) -> None:
    from locpipe.mt import argos
    from locpipe.progress import make_download_progress

    quiet = getattr(args, "quiet", False)
    model = argos.install_from_index(
        from_code,
        to_code,
        progress=make_download_progress(quiet=quiet),
        say=lambda text: say(args, text),
        sha256=args.sha256,
        limits=_limits(args),
    )
    print(f"installed {model.name} ({model.from_code}→{model.to_code}) in {model.path}")
    print(f"sha256 {argos.installed_sha256(model)}  (kept in {argos.checksum_file(model.path)})")


def cmd_models_install(args: argparse.Namespace) -> int:
    from locpipe.errors import ModelError
    from locpipe.mt import argos

    if args.missing:
        config = project_config(args)
        for locale in config.argos_locales:
            to_code = config.argos_code(locale)
            if config.model_for(locale) is not None:
                continue  # served by the model configured for it, not by Argos
            if argos.find_model(config.source_language, to_code) is not None:
                continue
            say(args, f"{locale}: no {config.source_language}→{to_code} model installed")
            try:
                _install_one(args, config.source_language, to_code)
            except ModelError as exc:
                print(
                    f"locpipe: could not install a model for {locale}: {as_run_here(str(exc))}",
                    file=sys.stderr,
                )
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
            model = argos.install_file(path, sha256=args.sha256, limits=_limits(args))
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

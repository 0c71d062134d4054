"""The commands that report: check, status, review."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from locpipe.cli.common import as_run_here, project_config

if TYPE_CHECKING:
    from locpipe.config import Config


def cmd_check(args: argparse.Namespace) -> int:
    from locpipe.errors import LocpipeError
    from locpipe.layout import Paths
    from locpipe.orphans import of_project
    from locpipe.qa import format_problems, problems_to_json
    from locpipe.qa.project import check_catalogues, qa_options

    failed: list[LocpipeError] = []
    config = project_config(args)
    english = Path(args.source_catalogue) if args.source_catalogue else None
    if args.files:
        from locpipe.qa.checkfiles import check_files

        def report(exc: LocpipeError) -> None:  # go on with the other files
            failed.append(exc)
            print(f"locpipe: error: {exc}", file=sys.stderr)

        paths = [Path(f) for f in args.files]
        problems = check_files(paths, args.locale, english, qa_options(config), report)
    else:
        problems = check_catalogues(config, english)
        for _, po in of_project(config, Paths.of(config)).catalogues:
            print(f"locpipe: not checked, orphan: {po}", file=sys.stderr)
    if args.json:
        print(problems_to_json(problems))
    else:
        print(format_problems(problems), end="")
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = sum(1 for p in problems if p.severity == "warning")
    if not args.json:
        info = len(problems) - errors - warnings
        also = f", {info} info" if info else ""
        unread = f", {len(failed)} file(s) not checked" if failed else ""
        print(f"{errors} error(s), {warnings} warning(s){also}{unread}", file=sys.stderr)
    return 1 if errors or failed else 0


def cmd_status(args: argparse.Namespace) -> int:
    import functools
    import json

    from locpipe import triage
    from locpipe.formats.pofile import read_po
    from locpipe.status import below, format_json, format_table, gather

    config = project_config(args)
    read = functools.cache(read_po)  # the table and the score listing read each file once
    rows = gather(config, read)
    scored = triage.gather(config, read=read)
    lowest = [e for e in scored if e.score is not None][: args.lowest]
    if args.json:
        document = json.loads(format_json(rows, config.locales))
        document["lowest_scores"] = [e.as_json() for e in lowest]
        print(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        print(as_run_here(format_table(rows, config.locales)))
        if lowest:
            more = as_run_here("locpipe review")
            print(f"\nlowest-scoring machine entries (review first; more: {more}):")
            print(triage.format_listing(lowest), end="")
    failed = False
    if args.fail_under is not None:
        problems = below(rows, config.locales, args.fail_under)
        for problem in problems:
            print(f"locpipe: status: {as_run_here(problem)}", file=sys.stderr)
        failed = bool(problems)
    if args.fail_below is not None:
        low = triage.low_scoring(scored, args.fail_below)
        if len(low) > args.max:
            print(
                f"locpipe: status: {len(low)} shipping machine entries score below "
                f"{args.fail_below:g} (at most {args.max} allowed); review them: "
                + as_run_here(f"locpipe review --below {args.fail_below:g}"),
                file=sys.stderr,
            )
            failed = True
    return 1 if failed else 0


def cmd_review(args: argparse.Namespace) -> int:
    from locpipe import triage

    config = project_config(args)
    if args.serve:
        return _serve_review(config, args.port)
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


def _serve_review(config: Config, port: int) -> int:
    from locpipe.review.server import serve
    from locpipe.review.session import Session

    server = serve(Session(config), port)
    print(f"Review in your browser: {server.url}", flush=True)
    print("(only this machine can open it; Ctrl+C stops the server)", file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("locpipe: review server stopped", file=sys.stderr)
    finally:
        server.server_close()
    return 0

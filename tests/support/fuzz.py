"""Mutations of real catalogues, for fuzzing the PO reader and the CLI.

`mutate(data, rng)` applies one to three edits a hostile or careless hand
makes to a .po file: lines deleted, duplicated, swapped or cut, bytes
flipped, and fragments that have broken readers inserted (escapes such as
`\\x110000` and `\\xD800`, keywords, quotes, charsets, a BOM, NULs, CRs).
`classify` runs one input through a reader and says how it ended; anything
but "read" or "refused" (a LocpipeError) is a crash.

The suite runs a bounded number of mutations (tests/test_fuzz.py); the long
campaign runs as

    .venv/bin/python -m tests.support.fuzz --seconds 600 [--seed N] [--cli N]

and prints the counts.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

from locpipe.errors import LocpipeError

DATA = Path(__file__).resolve().parent.parent / "data"

#: Fragments inserted into lines: what has broken PO readers before.
FRAGMENTS = [
    b"\\x110000", b"\\xD800", b"\\x" + b"f" * 300, b"\\xe9", b"\\xc3\\xa9", b"\\0", b"\\777",
    b"\\", b'\\"', b'"', b'""', b"\\q", b"\\u00e9", b"msgstr", b'msgstr ""', b'msgstr[0] ""',
    b'msgstr[99999999999999999999] ""', b'msgid ""', b'msgctxt ""', b'msgid_plural ""',
    b"#~ ", b"#| ", b"#, fuzzy", b"#, range: 9..1", b"#: ", b"#.", b"#~|", b"\x00", b"\r",
    b"\xef\xbb\xbf", b"\xff\xfe", b"\xed\xa0\x80", b"charset=base64", b"charset=rot13",
    b"charset=punycode", b"charset=UTF-16", b"charset=", b"nplurals=0; plural=n;",
    b"Plural-Forms: nplurals=99999999999; plural=(n>1);\\n", b"\t", b"\xe2\x80\xa8",
]  # fmt: skip


def corpus() -> list[Path]:
    """Every .po and .pot file vendored under tests/data, sorted."""
    return sorted(p for p in DATA.rglob("*") if p.suffix in (".po", ".pot") and p.is_file())


def mutate(data: bytes, rng: random.Random) -> bytes:
    """`data` with one to three random edits."""
    lines = data.split(b"\n")
    for _ in range(rng.randint(1, 3)):
        if not lines:
            lines = [b""]
        i = rng.randrange(len(lines))
        kind = rng.randrange(8)
        if kind == 0:
            del lines[i]
        elif kind == 1:
            lines.insert(i, lines[i])
        elif kind == 2:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == 3:
            lines[i] = lines[i][: rng.randrange(len(lines[i]) + 1)]
        elif kind == 4 and lines[i]:
            k = rng.randrange(len(lines[i]))
            lines[i] = lines[i][:k] + bytes([rng.randrange(256)]) + lines[i][k + 1 :]
        elif kind == 5:
            k = rng.randrange(len(lines[i]) + 1)
            lines[i] = lines[i][:k] + rng.choice(FRAGMENTS) + lines[i][k:]
        elif kind == 6:
            lines.insert(i, rng.choice(FRAGMENTS) + b' "' + rng.choice(FRAGMENTS) + b'"')
        else:
            del lines[i:]  # a save cut short
    return b"\n".join(lines)


def mutations(seed: int) -> Iterator[tuple[Path, bytes]]:
    """Endless (corpus file, mutated bytes), reproducible from `seed`."""
    rng = random.Random(seed)
    files = corpus()
    contents = {path: path.read_bytes() for path in files}
    while True:
        path = rng.choice(files)
        yield path, mutate(contents[path], rng)


def classify(run: Callable[[], object]) -> str:
    """ "read", "refused" (a LocpipeError), or "crash: <exception>" (with its
    traceback on stderr)."""
    try:
        run()
    except LocpipeError:
        return "refused"
    except Exception as exc:  # the point of fuzzing: anything else is a bug
        traceback.print_exc()
        return f"crash: {type(exc).__name__}: {exc}"[:200]
    return "read"


def reader_outcome(data: bytes, name: str) -> str:
    """How the PO reader ends on `data`; when it reads it, what the writer
    makes of it must read back and be written the same (write → read →
    write is stable), else "crash: …"."""
    from locpipe.formats.pofile import format_po, parse_po

    def run() -> None:
        written = format_po(parse_po(data, name))
        if format_po(parse_po(written.encode("utf-8"), name)) != written:
            raise AssertionError("write → read → write changed the text")

    return classify(run)


def cli_outcome(argv: list[str]) -> str:
    """How `locpipe ARGV` ends, run in this process: "exit N", or "crash: …"
    when an exception escapes main (a traceback for the user)."""
    import contextlib
    import io

    from locpipe.cli import main

    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
    except SystemExit as exc:  # argparse
        return f"exit {exc.code}"
    except Exception as exc:
        traceback.print_exc()
        return f"crash: {type(exc).__name__}: {exc}"[:200]
    if "Traceback" in err.getvalue():
        return "crash: a traceback was printed"
    return f"exit {code}"


def pseudo_project(root: Path) -> Path:
    """A project translating one short document into the pseudo-locale, run
    once; returns the catalogue a test may replace."""
    (root / "content").mkdir(parents=True, exist_ok=True)
    (root / "content" / "doc.md").write_text(
        "# A title\n\nOne sentence. Another one, with %(name)s and {count}.\n", encoding="utf-8"
    )
    (root / "locpipe.toml").write_text('locales = ["ko"]\nsources = ["content/*.md"]\n', "utf-8")
    outcome = cli_outcome(["translate", "-q", "-C", str(root), "--engine", "pseudo"])
    assert outcome == "exit 0", outcome
    return root / "locales" / "en_XA" / "LC_MESSAGES" / "doc.po"


def campaign(seconds: float, seed: int, cli_every: int, workdir: Path) -> Counter[str]:
    """Mutate and read for `seconds`; every `cli_every`th input also goes
    through `locpipe check FILE` and, as a project's catalogue, through
    `locpipe translate --engine pseudo` (0: never). Returns outcome counts."""
    counts: Counter[str] = Counter()
    deadline = time.monotonic() + seconds
    workdir.mkdir(parents=True, exist_ok=True)
    project = Path(tempfile.mkdtemp(prefix="project-", dir=workdir))
    catalogue = pseudo_project(project)
    argv = ["translate", "-q", "-C", str(project), "--engine", "pseudo"]
    for n, (path, data) in enumerate(mutations(seed)):
        if time.monotonic() > deadline:
            break
        counts["reader " + reader_outcome(data, path.name)] += 1
        if cli_every and n % cli_every == 0:
            target = workdir / ("x" + path.suffix)
            target.write_bytes(data)
            counts["cli check " + cli_outcome(["check", str(target)])] += 1
            catalogue.write_bytes(data)
            counts["cli translate " + cli_outcome(argv)] += 1
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--cli", type=int, default=20, help="every Nth input also via the CLI")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/locpipe-fuzz"))
    args = parser.parse_args(argv)
    started = time.monotonic()
    counts = campaign(args.seconds, args.seed, args.cli, args.workdir)
    print(f"corpus: {len(corpus())} files under {DATA}, seed {args.seed}, "
          f"{time.monotonic() - started:.0f} s")  # fmt: skip
    for outcome, count in sorted(counts.items()):
        print(f"{count:>9}  {outcome}")
    crashes = sum(c for o, c in counts.items() if "crash" in o)
    print(f"{sum(counts.values()):>9}  inputs, {crashes} crash(es)")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())

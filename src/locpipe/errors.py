"""The one error hierarchy of locpipe.

Library code raises these; only the CLI turns them into a message and an exit
code. Each error carries what the user needs to act: the file, the line where
there is one, and the fix.
"""

from __future__ import annotations

from pathlib import Path


class LocpipeError(Exception):
    """Base class: a problem the user can fix, reported without a traceback."""

    exit_code = 1

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        line: int | None = None,
        fix: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = str(file) if file is not None else None
        self.line = line
        self.fix = fix

    def __str__(self) -> str:
        where = ""
        if self.file is not None:
            where = f"{self.file}:{self.line}: " if self.line is not None else f"{self.file}: "
        text = f"{where}{self.message}"
        if self.fix:
            text += f"\n  fix: {self.fix}"
        return text


#: locpipe's extras (pyproject.toml [project.optional-dependencies]) and what
#: each adds; tests/test_install.py keeps the two equal.
EXTRAS = {
    "eval": "sacrebleu>=2.4,<3",
    "cluster": "distributed>=2024.1",
    "traditional": "opencc>=1.1.6",
}


def install_extra(extra: str) -> str:
    """The fix that installs one of locpipe's extras: its packages by name,
    which pip finds wherever locpipe was installed from."""
    return f"pip install '{EXTRAS[extra]}' (locpipe's {extra} extra)"


class ConfigError(LocpipeError):
    """The configuration is missing, malformed or names something unknown."""

    exit_code = 2


class SourceError(LocpipeError):
    """A source document cannot be read as UTF-8 text."""


class PoSyntaxError(LocpipeError):
    """A .po or .pot file is malformed."""


class CompileError(LocpipeError):
    """A catalogue holds an entry that `msgfmt --check` would reject."""


class ModelError(LocpipeError):
    """A translation model is missing, corrupt or cannot be installed."""

    exit_code = 2


class LockedError(LocpipeError):
    """Another locpipe run holds the lock on the locales directory."""

    exit_code = 3


def decode_utf8(data: bytes, path: Path, error: type[LocpipeError], fix: str) -> str:
    """`data` (the bytes of `path`) as text, a byte-order mark dropped; `error`
    naming the line of the first bad byte, with `fix`, when it is not UTF-8."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error(
            "not valid UTF-8",
            file=path,
            line=data.count(b"\n", 0, exc.start) + 1,
            fix=fix,
        ) from exc

"""Configuration: `[tool.locpipe]` of pyproject.toml, or a locpipe.toml, as a frozen Config.

A `locpipe.toml` takes precedence and may hold the keys at its top level or
under `[tool.locpipe]`. Every value is checked here, so the rest of the code
can trust a Config.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from locpipe.errors import ConfigError
from locpipe.locales import EXAMPLES, PSEUDO_LOCALE, is_supported, parse_locale

__all__ = ["PSEUDO_LOCALE", "Config", "load_config"]

COMPILE_POLICIES = ("all", "reviewed")
#: Where machine translation decodes (locpipe.mt.devices).
DEVICES = ("auto", "cpu", "cuda")
CONFIG_FILES = ("locpipe.toml", "pyproject.toml")


@dataclass(frozen=True, slots=True)
class Config:
    """Everything a run needs to know, with paths resolved against `root`."""

    root: Path
    source_language: str = "en"
    locales: tuple[str, ...] = ("ko", "zh_CN")
    sources: tuple[str, ...] = ("content/**/*.txt", "content/**/*.md")
    templates: tuple[str, ...] = ()
    compendia: tuple[str, ...] = ()
    locales_dir: Path = Path("locales")
    build_dir: Path = Path("build")
    compile: str = "all"
    beam_size: int = 4
    threads: int = 0
    device: str = "auto"
    cluster: str = ""
    project: str = "locpipe"
    config_file: Path | None = None

    @property
    def argos_locales(self) -> tuple[str, ...]:
        """The configured locales an Argos model serves (all but the pseudo-locale)."""
        return tuple(locale for locale in self.locales if locale != PSEUDO_LOCALE)

    def argos_code(self, locale: str) -> str:
        """The Argos language code that serves `locale` (validated by load_config)."""
        parsed = parse_locale(locale)
        code = parsed.argos_code if parsed else None
        if code is None:
            raise ValueError(f"no Argos language serves the locale {locale!r}")
        return code

    def with_overrides(self, **changes: Any) -> Config:
        """A copy with the non-None `changes` applied (command-line flags)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


# key → (python type, description used in error messages)
_SCHEMA: dict[str, tuple[type, str]] = {
    "source_language": (str, 'a language code such as "en"'),
    "locales": (list, 'a list of locales such as ["ko", "zh_CN"]'),
    "sources": (list, 'a list of glob patterns such as ["content/**/*.md"]'),
    "templates": (list, "a list of .pot paths or glob patterns"),
    "compendia": (list, "a list of .po paths or glob patterns (translation memory)"),
    "locales_dir": (str, "a directory path"),
    "build_dir": (str, "a directory path"),
    "compile": (str, '"all" (machine entries included) or "reviewed"'),
    "beam_size": (int, "a whole number from 1 to 16"),
    "threads": (int, "a whole number; 0 picks one per core"),
    "device": (str, '"auto" (a GPU when there is one), "cpu" or "cuda"'),
    "cluster": (str, 'the address of a Dask scheduler, e.g. "tcp://10.0.0.5:8786"'),
    "project": (str, "the name written to Project-Id-Version"),
}


def load_config(root: Path) -> Config:
    """Read the configuration of the project at `root`.

    Uses `locpipe.toml` when present, else `[tool.locpipe]` of
    `pyproject.toml`, else the defaults. Raises ConfigError naming the file,
    the line and the expected value for anything malformed or unknown.
    """
    root = root.resolve()
    for name in CONFIG_FILES:
        path = root / name
        if not path.is_file():
            continue
        data = path.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ConfigError(
                "not valid UTF-8",
                file=path,
                line=data.count(b"\n", 0, exc.start) + 1,
                fix="save the file as UTF-8 (TOML requires it)",
            ) from exc
        try:
            parsed = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            where = re.search(r"\(at line (\d+)", str(exc))
            raise ConfigError(
                f"not valid TOML: {exc}",
                file=path,
                line=int(where.group(1)) if where else None,
                fix="correct the TOML syntax",
            ) from exc
        tool = parsed.get("tool", {})
        table = tool.get("locpipe") if isinstance(tool, dict) else None
        if not isinstance(tool, dict) or not isinstance(table, dict | None):
            raise ConfigError(
                "[tool] and [tool.locpipe] must be tables",
                file=path,
                line=_line_of(text, "tool"),
                fix="write the settings under a [tool.locpipe] header",
            )
        if table is None and name == "locpipe.toml":
            table = {k: v for k, v in parsed.items() if k != "tool"}
        if table is None:
            continue
        return _from_table(root, path, text, table)
    return Config(root=root)


def _line_of(text: str, key: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip().startswith(key) and "=" in line:
            return number
    return None


def _from_table(root: Path, path: Path, text: str, table: dict[str, Any]) -> Config:
    if not isinstance(table, dict):
        raise ConfigError(
            f"the locpipe settings must be a table, not {table!r}",
            file=path,
            line=_line_of(text, "locpipe"),
            fix="write them under a [tool.locpipe] heading (or at the top of locpipe.toml)",
        )
    values: dict[str, Any] = {}
    for key, value in table.items():
        line = _line_of(text, key)
        if key not in _SCHEMA:
            known = ", ".join(sorted(_SCHEMA))
            raise ConfigError(
                f"unknown setting {key!r}", file=path, line=line, fix=f"use one of: {known}"
            )
        expected, description = _SCHEMA[key]
        ok = isinstance(value, expected) and not (expected is int and isinstance(value, bool))
        if ok and expected is list:
            ok = all(isinstance(item, str) for item in value)
        if not ok:
            raise ConfigError(
                f"{key} must be {description}, not {value!r}",
                file=path,
                line=line,
                fix=f"set {key} to {description}",
            )
        values[key] = tuple(value) if expected is list else value
    config = Config(root=root, config_file=path)
    for key in ("locales_dir", "build_dir"):
        if key in values:
            values[key] = Path(values[key])
    config = replace(config, **values)
    _validate(config, text)
    return config


def _validate(config: Config, text: str) -> None:
    path = config.config_file
    for locale in config.locales:
        if not is_supported(locale):
            raise ConfigError(
                f"unknown locale {locale!r}",
                file=path,
                line=_line_of(text, "locales"),
                fix="locpipe translates into Korean and Chinese, spelt as your catalogues "
                "spell them, e.g. " + ", ".join(EXAMPLES),
            )
    if config.compile not in COMPILE_POLICIES:
        raise ConfigError(
            f"compile must be one of {COMPILE_POLICIES}, not {config.compile!r}",
            file=path,
            line=_line_of(text, "compile"),
            fix='set compile = "all" or compile = "reviewed"',
        )
    if not 1 <= config.beam_size <= 16:
        raise ConfigError(
            f"beam_size must be from 1 to 16, not {config.beam_size}",
            file=path,
            line=_line_of(text, "beam_size"),
            fix="set beam_size = 4 (what Argos uses)",
        )
    if config.device not in DEVICES:
        raise ConfigError(
            f"device must be one of {DEVICES}, not {config.device!r}",
            file=path,
            line=_line_of(text, "device"),
            fix='set device = "auto" (a GPU when there is one, else the CPU)',
        )
    if config.threads < 0:
        raise ConfigError(
            "threads must not be negative",
            file=path,
            line=_line_of(text, "threads"),
            fix="set threads = 0 to use every core",
        )


def default_threads() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1

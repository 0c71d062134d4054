"""Configuration: `[tool.locpipe]` of pyproject.toml, or a locpipe.toml, as a frozen Config.

A `locpipe.toml` takes precedence and may hold the keys at its top level or
under `[tool.locpipe]`. Every value is checked here, so the rest of the code
can trust a Config.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from locpipe.errors import ConfigError, decode_utf8
from locpipe.locales import EXAMPLES, PSEUDO_LOCALE, canonical, is_supported, parse_locale

__all__ = ["PSEUDO_LOCALE", "Config", "load_config"]

COMPILE_POLICIES = ("all", "reviewed")

#: `layout = "…"`: the folder names and paths each framework reads, so one
#: line configures a project. Keys set next to `layout` win over its values.
#: Folder names are what each framework's lookup was measured to find:
#: Django maps Accept-Language zh-CN, zh-hans and zh to `zh_Hans`; Flask-Babel
#: turns zh_CN into Babel's `zh_Hans_CN` and Python's gettext then looks in
#: `zh_Hans_CN/` and `zh/`; plain gettext with LANG=zh_CN.UTF-8 finds `zh_CN/`.
LAYOUTS: dict[str, dict[str, Any]] = {
    "gettext": {"locales": ("ko", "zh_CN"), "locales_dir": Path("locales")},
    "django": {
        "locales": ("ko", "zh_Hans"),
        "locales_dir": Path("locale"),
        "templates": ("locale/*.pot",),  # makemessages --keep-pot: django.pot, djangojs.pot
        "sources": (),
        # Django's own catalogues (conf/locale and contrib apps): memory
        # before MT, so an app never shadows Django's human translations.
        "package_catalogues": ("django",),
    },
    "flask-babel": {
        "locales": ("ko", "zh_Hans_CN"),
        "locales_dir": Path("translations"),
        "templates": ("messages.pot",),  # pybabel extract -F babel.cfg -o messages.pot .
        "sources": (),
    },
}

#: Where machine translation decodes (locpipe.mt.devices).
DEVICES = ("auto", "cpu", "cuda")
#: The most CPU threads a run may ask for: more than any machine has cores,
#: far less than the C int CTranslate2 takes (a bigger number was a traceback
#: after the catalogues were written).
MAX_THREADS = 1024
#: The folder of locpipe's own state, in the project (see locpipe.runcache).
CACHE_DIR = ".locpipe-cache"
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
    #: installed packages whose catalogues the app also loads (locpipe.packages)
    package_catalogues: tuple[str, ...] = ()
    locales_dir: Path = Path("locales")
    build_dir: Path = Path("build")
    compile: str = "all"
    layout: str = "gettext"
    pseudo_locale: str = PSEUDO_LOCALE
    format_flags: tuple[str, ...] = ()
    beam_size: int = 4
    threads: int = 0
    device: str = "auto"
    cluster: str = ""
    project: str = "locpipe"
    #: (locale, glossary CSV path) pairs, see locpipe.terms
    glossary: tuple[tuple[str, str], ...] = ()
    #: do-not-translate terms, and the file listing more (see locpipe.terms)
    do_not_translate: tuple[str, ...] = ()
    do_not_translate_file: str | None = None
    #: [tool.locpipe.models]: (locale, installed model name) pairs; other locales use Argos.
    models: tuple[tuple[str, str], ...] = ()
    #: `locpipe check`: checks switched off, finding ids decided fine, msgids
    #: that may stay identical (see locpipe.qa.checks.Options)
    check_disable: tuple[str, ...] = ()
    check_allow: tuple[str, ...] = ()
    check_identical_allow: tuple[str, ...] = ()
    #: the English catalogue of key msgids, `{domain}` standing for the
    #: domain; "" for the `en` catalogue beside each one
    check_source_catalogue: str = ""
    #: An MkDocs site's mkdocs.yml ("" for none): build writes each locale's
    #: site (documents.mkdocs).
    mkdocs: str = ""
    #: locales_dir and build_dir may lie outside the project folder (or be
    #: links to folders outside it) only when this is set
    allow_outside_project: bool = False
    config_file: Path | None = None

    def model_for(self, locale: str) -> str | None:
        """The installed model configured for `locale`, or None for the Argos default."""
        return dict(self.models).get(locale)

    @property
    def argos_locales(self) -> tuple[str, ...]:
        """The configured locales an Argos model serves (all but the pseudo-locale)."""
        return tuple(locale for locale in self.locales if locale != self.pseudo_locale)

    def argos_code(self, locale: str) -> str:
        """The Argos language code that serves `locale` (validated by load_config)."""
        parsed = parse_locale(locale)
        code = parsed.argos_code if parsed else None
        if code is None:
            raise ValueError(f"no Argos language serves the locale {locale!r}")
        return code

    def shown(self, path: Path) -> str:
        """`path` as messages and reports show it: relative to the project
        when it lies inside it."""
        return (path.relative_to(self.root) if path.is_relative_to(self.root) else path).as_posix()

    def with_overrides(self, **changes: Any) -> Config:
        """A copy with the non-None `changes` applied (command-line flags),
        checked as the configuration is: ConfigError naming the flag."""
        config = replace(self, **{k: v for k, v in changes.items() if v is not None})
        for key in ("threads", "beam_size"):
            if changes.get(key) is not None:
                problem = _number_problem(key, changes[key])
                if problem is not None:
                    flag = "--" + key.replace("_", "-")
                    raise ConfigError(f"{flag} {problem}", fix=f"give {flag} {_NUMBERS[key][2]}")
        return config


# key → (python type(s), description used in error messages)
_SCHEMA: dict[str, tuple[type | tuple[type, ...], str]] = {
    "source_language": (str, 'a language code such as "en"'),
    "locales": (list, 'a list of locales such as ["ko", "zh_CN"]'),
    "sources": (list, 'a list of glob patterns such as ["content/**/*.md"]'),
    "templates": (list, "a list of .pot paths or glob patterns"),
    "compendia": (list, "a list of .po paths or glob patterns (translation memory)"),
    "package_catalogues": (
        list,
        'a list of installed packages whose catalogues the app loads, e.g. ["django", "wtforms"]',
    ),
    "locales_dir": (str, "a directory path"),
    "build_dir": (str, "a directory path"),
    "compile": (str, '"all" (machine entries included) or "reviewed"'),
    "beam_size": (int, "a whole number from 1 to 16"),
    "threads": (int, "a whole number; 0 picks one per core"),
    "device": (str, '"auto" (a GPU when there is one), "cpu" or "cuda"'),
    "cluster": (str, 'the address of a Dask scheduler, e.g. "tcp://10.0.0.5:8786"'),
    "project": (str, "the name written to Project-Id-Version"),
    "layout": (str, '"gettext", "django" or "flask-babel"'),
    "pseudo_locale": (str, 'an English locale name such as "en_XA" or, for Babel, "en_001"'),
    "format_flags": (list, 'flags every entry gets, such as ["icu-message-format"]'),
    "glossary": (dict, 'a table of locale = CSV path, such as {ko = "terms/ko.csv"}'),
    "do_not_translate": (
        (list, str),
        'a list of terms such as ["GitHub"], or the path of a file with one term per line',
    ),
    "models": (dict, 'a table of locale = "installed model name"'),
    "check_disable": (list, 'a list of check names such as ["identical"]'),
    "check_allow": (list, "a list of finding ids from `locpipe check --json`"),
    "check_identical_allow": (list, 'a list of msgids that may stay untranslated, ["Flavor"]'),
    "check_source_catalogue": (
        str,
        'the English catalogue of key msgids, e.g. "locales/en/LC_MESSAGES/{domain}.po"',
    ),
    "mkdocs": (str, 'the path of an MkDocs site\'s configuration, such as "mkdocs.yml"'),
    "allow_outside_project": (
        bool,
        "true to let locales_dir and build_dir lie outside the project folder",
    ),
}
#: The whole-number settings: (lowest, highest, an example of a good value).
_NUMBERS = {
    "beam_size": (1, 16, "4 (what Argos uses)"),
    "threads": (0, MAX_THREADS, "0 (one per core)"),
}


def _number_problem(key: str, value: int) -> str | None:
    """What is wrong with `value` for the whole-number setting `key`, or None."""
    low, high, _ = _NUMBERS[key]
    if low <= value <= high:
        return None
    return f"must be from {low} to {high}, not {value}"


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
        text = decode_utf8(data, path, ConfigError, "save the file as UTF-8 (TOML requires it)")
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
    config = Config(root=root)
    _check_folders(config, "")
    return config


def _line_of(text: str, key: str) -> int | None:
    """The line that sets `key` (bare or quoted), or that opens its table."""
    pattern = re.compile(rf"""\s*(?:{re.escape(key)}|"{re.escape(key)}"|'{re.escape(key)}')\s*=""")
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line) or line.strip() in (f"[{key}]", f"[tool.{key}]"):
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
        if ok and isinstance(value, list):
            ok = all(isinstance(item, str) for item in value)
        if ok and expected is dict:
            ok = all(isinstance(item, str) for item in value.values())
            value = tuple(sorted(value.items()))
        if not ok:
            raise ConfigError(
                f"{key} must be {description}, not {value!r}",
                file=path,
                line=line,
                fix=f"set {key} to {description}",
            )
        values[key] = tuple(value) if isinstance(value, list) else value
    layout = values.get("layout", "gettext")
    if layout not in LAYOUTS:
        raise ConfigError(
            f"unknown layout {layout!r}",
            file=path,
            line=_line_of(text, "layout"),
            fix="set layout to one of: " + ", ".join(f'"{name}"' for name in LAYOUTS),
        )
    config = replace(Config(root=root, config_file=path), **LAYOUTS[layout])
    _spell_locales(values)
    _terminology(values, path, text, config.locales)
    for key in ("locales_dir", "build_dir"):
        if key in values:
            values[key] = Path(values[key])
    config = replace(config, **values)
    _validate(config, text)
    return config


def _spell_locales(values: dict[str, Any]) -> None:
    """Locale names as folder names (`zh-cn` → `zh_CN`, see locales.canonical),
    wherever the settings name one."""
    if "locales" in values:
        values["locales"] = tuple(canonical(name) for name in values["locales"])
    if "pseudo_locale" in values:
        values["pseudo_locale"] = canonical(values["pseudo_locale"])
    for key in ("glossary", "models"):
        if key in values:
            values[key] = tuple((canonical(name), value) for name, value in values[key])


def layout_folder(layout: str, locale: str) -> str:
    """The folder name under which `layout`'s framework looks for `locale`:
    Django reads Chinese only under a script name (`zh_Hans`, `zh_Hant`: a
    zh-CN or zh-TW request falls back to them); Flask-Babel looks where Babel's
    parse of the name points (`zh_CN` → `zh_Hans_CN`); plain gettext takes the
    name as it is."""
    parsed = parse_locale(locale)
    if parsed is None or locale == PSEUDO_LOCALE:
        return locale
    if layout == "django" and parsed.language == "zh" and not _has_script(locale):
        return f"zh_{parsed.script}"
    if layout == "flask-babel":
        from babel import Locale, UnknownLocaleError

        try:
            return str(Locale.parse(locale))
        except (UnknownLocaleError, ValueError):
            return locale
    return locale


def _has_script(locale: str) -> bool:
    return any(len(part) == 4 and part.isalpha() for part in locale.split("_")[1:])


def _terminology(
    values: dict[str, Any], path: Path, text: str, default_locales: tuple[str, ...]
) -> None:
    """Turn the glossary table and the do-not-translate setting into Config fields."""
    table = values.pop("glossary", None)
    if table is not None:
        locales = values.get("locales", default_locales)
        for locale, file in table:
            if locale not in locales:  # _from_table has checked every file is a str
                raise ConfigError(
                    f"glossary: {locale} = {file!r} names no configured locale or no file path",
                    file=path,
                    line=_line_of(text, "glossary"),
                    fix='give a CSV path per configured locale: glossary = {ko = "terms/ko.csv"}',
                )
        values["glossary"] = table
    terms = values.get("do_not_translate")
    if isinstance(terms, str):
        values["do_not_translate_file"] = terms
        values["do_not_translate"] = ()
    elif terms is not None and any(not t.strip() for t in terms):
        raise ConfigError(
            "do_not_translate holds an empty term",
            file=path,
            line=_line_of(text, "do_not_translate"),
            fix="remove the empty string from the list",
        )


def _validate(config: Config, text: str) -> None:
    path = config.config_file
    pseudo = parse_locale(config.pseudo_locale)
    if pseudo is None or pseudo.language != "en":
        raise ConfigError(
            f"pseudo_locale must be an English locale name, not {config.pseudo_locale!r}",
            file=path,
            line=_line_of(text, "pseudo_locale"),
            fix='pseudo-English keeps English plural rules: use "en_XA", or a name Babel '
            'knows and your app does not ship, such as "en_001", for Babel-based apps',
        )
    for locale in config.locales:
        if locale != config.pseudo_locale and not is_supported(locale):
            raise ConfigError(
                f"unknown locale {locale!r}",
                file=path,
                line=_line_of(text, "locales"),
                fix="locpipe translates into Korean and Chinese, spelt as your catalogues "
                "spell them, e.g. " + ", ".join(EXAMPLES),
            )
    unknown = _unknown_checks(config.check_disable)
    if unknown:
        raise ConfigError(
            f"check_disable names no check: {', '.join(unknown)}",
            file=path,
            line=_line_of(text, "check_disable"),
            fix="use check names: " + ", ".join(_check_names()),
        )
    for locale in config.locales:
        folder = layout_folder(config.layout, locale)
        if locale != config.pseudo_locale and folder != locale:
            raise ConfigError(
                f"layout {config.layout!r} looks for {locale!r} in the folder {folder!r}",
                file=path,
                line=_line_of(text, "locales"),
                fix=f'write "{folder}" in locales instead of "{locale}"',
            )
    for locale, _name in config.models:
        if locale not in config.locales:
            raise ConfigError(
                f"[models] names a model for {locale!r}, which is not in locales",
                file=path,
                line=_line_of(text, locale),
                fix="add the locale to locales, or remove its line from [models]",
            )
    if config.compile not in COMPILE_POLICIES:
        raise ConfigError(
            f"compile must be one of {COMPILE_POLICIES}, not {config.compile!r}",
            file=path,
            line=_line_of(text, "compile"),
            fix='set compile = "all" or compile = "reviewed"',
        )
    for key, (_low, _high, example) in _NUMBERS.items():
        problem = _number_problem(key, getattr(config, key))
        if problem is not None:
            raise ConfigError(
                f"{key} {problem}",
                file=path,
                line=_line_of(text, key),
                fix=f"set {key} = {example}",
            )
    if config.device not in DEVICES:
        raise ConfigError(
            f"device must be one of {DEVICES}, not {config.device!r}",
            file=path,
            line=_line_of(text, "device"),
            fix='set device = "auto" (a GPU when there is one, else the CPU)',
        )
    for key in ("sources", "templates", "compendia"):
        for pattern in getattr(config, key):
            if not pattern.strip() or Path(pattern).is_absolute():
                raise ConfigError(
                    f"{key} holds the pattern {pattern!r}; patterns are relative to the "
                    "project folder and not empty",
                    file=path,
                    line=_line_of(text, key),
                    fix=f'write it relative to the project, e.g. {key} = ["{_EXAMPLES[key]}"]',
                )
    _check_folders(config, text)


_EXAMPLES = {"sources": "docs/**/*.md", "templates": "messages.pot", "compendia": "memory/*.po"}


def _check_folders(config: Config, text: str) -> None:
    """Refuse a locales_dir or build_dir that is the project folder itself or
    in locpipe's cache, or (unless allow_outside_project) resolves, links
    followed, outside the project: runs write and delete files there."""
    root = config.root.resolve()
    for key in ("locales_dir", "build_dir"):
        folder = (config.root / getattr(config, key)).resolve()
        default = getattr(Config(root=root), key)
        inside = f'give {key} a folder inside the project (the default is "{default}")'
        if folder == root:
            problem, fix = "is the project folder itself", inside
        elif folder.is_relative_to(root / CACHE_DIR):
            problem, fix = f"is inside locpipe's own {CACHE_DIR} folder", inside
        elif not folder.is_relative_to(root) and not config.allow_outside_project:
            problem = f"is {folder}, outside the project folder {root}"
            fix = f"{inside}, or set allow_outside_project = true to write there on purpose"
        else:
            continue
        raise ConfigError(
            f"{key} {problem}", file=config.config_file, line=_line_of(text, key), fix=fix
        )


def default_threads() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _unknown_checks(names: Sequence[str]) -> list[str]:
    """Those of `names` that name no QA check (the QA tables are loaded only
    when some name is given: a run that checks nothing never needs them)."""
    return [name for name in names if name not in _check_names()] if names else []


def _check_names() -> list[str]:
    from locpipe.qa.checks import CHECKS

    return sorted(CHECKS)

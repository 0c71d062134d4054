"""Print the extras of locpipe that this project's configuration needs, joined
by commas (`traditional`, `cluster`), or nothing: `make translate` installs
them with locpipe, before locpipe (or anything but Python) is installed.

It reads the configuration as locpipe does (`locpipe.toml`, else
`[tool.locpipe]` of `pyproject.toml`) and locale names with locpipe's own
`src/locpipe/locales.py`, which needs only the standard library. A file that
cannot be read gives no extras: the locpipe run then reports the problem.
"""

from __future__ import annotations

import importlib.util
import sys
import tomllib
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent.parent
LOCALES_PY = HERE / "src" / "locpipe" / "locales.py"


def _locales_module() -> Any:
    spec = importlib.util.spec_from_file_location("_locpipe_locales", LOCALES_PY)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def settings(root: Path) -> dict[str, Any]:
    """The locpipe settings of the project at `root` ({} when none or unreadable)."""
    for name in ("locpipe.toml", "pyproject.toml"):
        path = root / name
        if not path.is_file():
            continue
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            return {}
        tool = data.get("tool", {})
        table = tool.get("locpipe") if isinstance(tool, dict) else None
        if table is None and name == "locpipe.toml":
            table = data
        if isinstance(table, dict):
            return table
    return {}


def needed_extras(root: Path) -> list[str]:
    """The extras the configuration at `root` needs, in a fixed order."""
    table = settings(root)
    locales = table.get("locales", [])
    parse = _locales_module().parse_locale
    extras = []
    if isinstance(locales, list) and any(
        (found := parse(name)) is not None and found.language == "zh" and found.script == "Hant"
        for name in locales
        if isinstance(name, str)
    ):
        extras.append("traditional")
    if isinstance(table.get("cluster"), str) and table["cluster"]:
        extras.append("cluster")
    return extras


if __name__ == "__main__":
    print(",".join(needed_extras(Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd())))

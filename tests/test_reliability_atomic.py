"""Issue 7, point 1: every write locpipe makes to a project is atomic.

`fsio.atomic_write_bytes` is tested in test_fsio.py; this proves nothing
else in the library writes a file: no `write_text`/`write_bytes`/`open(…, "w")`
/`os.replace`/`rename` outside fsio.py, bar the model installer's staging
inside its own temporary folder (listed below, each with why).
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "locpipe"
WRITERS = {"write_text", "write_bytes", "rename", "replace", "unlink", "rmtree", "extractall"}

#: (module, call, source line) that may write without fsio, and why.
ALLOWED = {
    ("argos.py", "open", 'with archive.open(info) as source, target.open("xb") as out:'): (
        "unpacking into a fresh temporary folder, each file created new"
    ),
    ("argos.py", "rmtree", "shutil.rmtree(target)"): "`locpipe models remove` asked for it",
    ("argos.py", "unlink", "checksum_file(target).unlink(missing_ok=True)"): "the same",
    (
        "download.py",
        "unlink",
        "target.unlink(missing_ok=True)  # only ever the file _stream created",
    ): ("a failed download's temp file"),
    ("download.py", "open", 'with _open(url, limits) as response, target.open("xb") as out:'): (
        "the download, created new in its own temporary folder"
    ),
    ("models.py", "rename", 'final.rename(tmp / ".replaced")'): "swap by rename",
    ("models.py", "rename", "staged.rename(final)"): "the atomic swap of a package or model folder",
    # A Dask worker unpacking a shipped model in its own scratch folder, not a project.
    ("cluster_worker.py", "write_bytes", "archive.write_bytes(self.data)"): "temporary folder",
    (
        "cluster_worker.py",
        "rename",
        'unpack(archive, Path(tmp) / "unpacked").rename(target / top)',
    ): ("atomic swap"),
}


def _writes(module: Path) -> list[tuple[str, str, str]]:
    """(module, call, source line) of every call that may write a file."""
    source = module.read_text(encoding="utf-8")
    lines = source.splitlines()
    found: list[tuple[int, str, str]] = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        owner = (
            func.value.id
            if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
            else None
        )
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if owner == "self":
            continue  # the pipeline's own write helpers, which call fsio
        if name == "replace":
            writes = owner in ("os", "shutil")  # not str/Message/dataclasses.replace
        elif name == "open":
            writes = _opens_for_writing(node)
        else:
            writes = name in WRITERS
        if writes:
            found.append((node.lineno, name, lines[node.lineno - 1].strip()))
    return [(module.name, name, line) for _, name, line in sorted(found)]


def _opens_for_writing(node: ast.Call) -> bool:
    # open(path, mode) and path.open(mode)
    first = 0 if isinstance(node.func, ast.Attribute) else 1
    modes = [*node.args[first : first + 1], *(k.value for k in node.keywords if k.arg == "mode")]
    return any(
        isinstance(m, ast.Constant) and isinstance(m.value, str) and set(m.value) & set("wax+")
        for m in modes
    )


def test_every_write_goes_through_fsio() -> None:
    offenders = []
    for module in sorted(SRC.rglob("*.py")):
        if module.name == "fsio.py":
            continue
        offenders += [w for w in _writes(module) if w not in ALLOWED]
    assert offenders == [], "write through locpipe.fsio instead"


def test_the_scan_finds_a_plain_write(tmp_path: Path) -> None:
    module = tmp_path / "bad.py"
    module.write_text(
        "from pathlib import Path\n"
        "import os\n"
        "def save(p: Path) -> None:\n"
        "    p.write_text('x')\n"
        "    open(p, 'w').close()\n"
        "    p.open('xb').close()\n"
        "    os.replace(p, p)\n"
        "    'a'.replace('a', 'b')\n",
        encoding="utf-8",
    )
    assert [call for _, call, _ in _writes(module)] == ["write_text", "open", "open", "replace"]

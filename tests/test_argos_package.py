"""Tests for the synthetic Argos package builder in ``tests/support/argos_package.py``.

Everything that imports ``argostranslate`` runs in a subprocess with its data,
config, cache and package directories pointed at a temporary directory:
``argostranslate.settings`` reads them once, at import, and creates them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import ctranslate2
import numpy as np
import pytest
import sentencepiece as spm

from tests.support.argos_package import (
    ARGOS_VERSION,
    SIZES,
    build_argos_package,
    package_dir_name,
    target_piece_mask,
)

REPO_ROOT = Path(__file__).resolve().parents[1]

SOURCES = [
    "The city council approved a new budget on Tuesday.",
    "Engineers released an update that fixes a memory leak in the storage service.",
    "Hello.",
    "Click the button to save your changes, or press Escape to cancel.",
    "Kubernetes operators reconcile the desired state of heterogeneous clusters.",
    "Prices rose by 4% in March (see table 2).",
]


def _is_hangul(char: str) -> bool:
    return 0xAC00 <= ord(char) <= 0xD7A3


def _is_han(char: str) -> bool:
    return 0x4E00 <= ord(char) <= 0x9FFF or 0x3400 <= ord(char) <= 0x4DBF


def _in_target_script(text: str, to_code: str) -> bool:
    if to_code == "ko":
        return all(_is_hangul(c) or c == " " for c in text) and text == text.strip()
    return all(_is_han(c) for c in text)


def _extract(archive: Path, dest: Path) -> Path:
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(dest)
    (top,) = dest.iterdir()
    return top


class Loaded:
    """An extracted package with its tokenizer and translator loaded."""

    def __init__(self, archive: Path, dest: Path) -> None:
        self.archive = archive
        self.root = _extract(archive, dest)
        self.sp = spm.SentencePieceProcessor(model_file=str(self.root / "sentencepiece.model"))
        self.translator = ctranslate2.Translator(
            str(self.root / "model"), device="cpu", compute_type="int8", intra_threads=1
        )

    def translate(self, sources: list[str], beam_size: int) -> list[str]:
        """Translate with the length cap a caller is expected to set."""
        tokens = [self.sp.encode(s, out_type=str) for s in sources]
        results = self.translator.translate_batch(
            tokens,
            beam_size=beam_size,
            max_decoding_length=max(map(len, tokens)) + 5,
        )
        return [self.sp.decode(r.hypotheses[0]) for r in results]


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Build ko and zh twice with seed 0 and ko once with seed 1; load them all."""
    base = tmp_path_factory.mktemp("argos-packages")
    built: dict[str, Any] = {}
    for key, to_code, seed in [
        ("ko", "ko", 0),
        ("ko-again", "ko", 0),
        ("ko-seed1", "ko", 1),
        ("zh", "zh", 0),
        ("zh-again", "zh", 0),
    ]:
        archive = build_argos_package(base / key, to_code=to_code, seed=seed)
        built[key] = Loaded(archive, base / f"{key}-extracted")
    return built


@pytest.mark.parametrize("to_code", ["ko", "zh"])
def test_archive_layout_and_metadata(packages: dict[str, Any], to_code: str) -> None:
    archive: Path = packages[to_code].archive
    assert archive.name == f"en_{to_code}.argosmodel"
    assert zipfile.is_zipfile(archive)
    top = package_dir_name(to_code, "1.0")
    assert top == f"translate-en_{to_code}-1_0"
    with zipfile.ZipFile(archive) as zf:
        names = zf.namelist()
        assert {name.split("/", 1)[0] for name in names} == {top}
        for required in [
            "metadata.json",
            "README.md",
            "sentencepiece.model",
            "model/model.bin",
            "model/config.json",
            "model/shared_vocabulary.json",
        ]:
            assert f"{top}/{required}" in names
        metadata = json.loads(zf.read(f"{top}/metadata.json"))
    assert metadata == {
        "package_version": "1.0",
        "argos_version": ARGOS_VERSION,
        "from_code": "en",
        "from_name": "English",
        "to_code": to_code,
        "to_name": {"ko": "Korean", "zh": "Chinese"}[to_code],
        "type": "translate",
        "links": [],
    }


def test_package_version_names_top_directory(tmp_path: Path) -> None:
    archive = build_argos_package(tmp_path, to_code="zh", package_version="1.9.2")
    with zipfile.ZipFile(archive) as zf:
        assert zf.namelist()[0] == "translate-en_zh-1_9_2/"
        metadata = json.loads(zf.read("translate-en_zh-1_9_2/metadata.json"))
    assert metadata["package_version"] == "1.9.2"


def test_same_seed_gives_identical_bytes(packages: dict[str, Any]) -> None:
    for key in ["ko", "zh"]:
        first = packages[key].archive.read_bytes()
        assert first == packages[f"{key}-again"].archive.read_bytes()
    assert packages["ko"].archive.read_bytes() != packages["ko-seed1"].archive.read_bytes()


def test_tiny_model_shape(packages: dict[str, Any]) -> None:
    config = json.loads((packages["ko"].root / "model" / "config.json").read_text())
    assert config["unk_token"] == "<unk>"
    assert config["eos_token"] == "</s>"
    vocabulary = json.loads((packages["ko"].root / "model" / "shared_vocabulary.json").read_text())
    sp = packages["ko"].sp
    assert vocabulary == [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    assert vocabulary[:3] == ["<unk>", "<s>", "</s>"]
    assert len(vocabulary) == SIZES["tiny"].sp_vocab_size


@pytest.mark.parametrize("to_code", ["ko", "zh"])
@pytest.mark.parametrize("beam_size", [1, 4])
def test_output_is_deterministic_nonempty_target_script(
    packages: dict[str, Any], to_code: str, beam_size: int
) -> None:
    outputs = packages[to_code].translate(SOURCES, beam_size)
    assert all(outputs), outputs
    assert all(_in_target_script(text, to_code) for text in outputs), outputs
    # Same package again, and an independent build with the same seed.
    assert packages[to_code].translate(SOURCES, beam_size) == outputs
    assert packages[f"{to_code}-again"].translate(SOURCES, beam_size) == outputs
    # Gibberish that still depends on the source: batch results can be told apart.
    assert len(set(outputs)) == len(SOURCES)


def test_seed_changes_output(packages: dict[str, Any]) -> None:
    assert packages["ko"].translate(SOURCES, 1) != packages["ko-seed1"].translate(SOURCES, 1)


@pytest.mark.parametrize("beam_size", [1, 4])
def test_decoding_runs_to_the_callers_length_cap(packages: dict[str, Any], beam_size: int) -> None:
    """</s> is never produced: the output has exactly max_decoding_length pieces."""
    loaded = packages["zh"]
    tokens = [loaded.sp.encode(s, out_type=str) for s in SOURCES]
    for cap in (1, 7, 30):
        results = loaded.translator.translate_batch(
            tokens, beam_size=beam_size, max_decoding_length=cap
        )
        assert [len(r.hypotheses[0]) for r in results] == [cap] * len(SOURCES)


def test_target_piece_mask() -> None:
    pieces = ["<unk>", "<s>", "</s>", "<0x41>", "▁", "▁한국", "어", "中文", "▁中", "abc", "가a"]
    ko = target_piece_mask(pieces, "ko")
    zh = target_piece_mask(pieces, "zh")
    assert np.flatnonzero(ko).tolist() == [5, 6]
    assert np.flatnonzero(zh).tolist() == [7]


def test_rejects_unknown_language_and_size(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="to_code"):
        build_argos_package(tmp_path, to_code="de")
    with pytest.raises(ValueError, match="size"):
        build_argos_package(tmp_path, to_code="ko", size="huge")  # type: ignore[arg-type]


_SUBPROCESS_CHECK = """
import json, sys, zipfile
from pathlib import Path
from tests.support.argos_package import build_argos_package

out = Path(sys.argv[1])
archive = build_argos_package(out / "build", to_code="ko")
with zipfile.ZipFile(archive) as zf:
    zf.extractall(out / "extracted")
(root,) = (out / "extracted").iterdir()

from argostranslate.package import Package
package = Package(root)
pieces = package.tokenizer.encode("The museum will reopen in March.")

import ctranslate2
translator = ctranslate2.Translator(str(root / "model"), device="cpu", compute_type="int8")
result = translator.translate_batch([pieces], beam_size=4, max_decoding_length=len(pieces) + 5)
print(json.dumps({
    "from_code": package.from_code,
    "to_code": package.to_code,
    "to_name": package.to_name,
    "type": package.type,
    "readme": package.get_readme() is not None,
    "output": package.tokenizer.decode(result[0].hypotheses[0]),
    "modules": sorted(
        name for name in ("argostranslate.translate", "torch", "spacy", "stanza")
        if name in sys.modules
    ),
}))
"""


def test_loads_with_argostranslate_without_importing_translate(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "ARGOS_PACKAGES_DIR": str(home / "packages"),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")])),
    }
    proc = subprocess.run(
        [sys.executable, "-c", _SUBPROCESS_CHECK, str(tmp_path)],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert report["modules"] == []
    assert (report["from_code"], report["to_code"], report["to_name"]) == ("en", "ko", "Korean")
    assert report["type"] == "translate"
    assert report["readme"]
    assert report["output"] and _in_target_script(report["output"], "ko")


def test_command_line(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "tests.support.argos_package", "--to", "zh", "--out", str(tmp_path)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    path = Path(proc.stdout.strip())
    assert path == tmp_path / "en_zh.argosmodel"
    assert zipfile.is_zipfile(path)


def test_base_package(tmp_path: Path) -> None:
    """The benchmark's model: the real Argos size (about 2 s and 95 MB)."""
    loaded = Loaded(build_argos_package(tmp_path, to_code="zh", size="base"), tmp_path / "x")
    vocabulary = json.loads((loaded.root / "model" / "shared_vocabulary.json").read_text())
    assert len(vocabulary) == 32000
    outputs = loaded.translate(SOURCES[:3], beam_size=4)
    assert all(outputs) and all(_in_target_script(o, "zh") for o in outputs)

"""OPUS-MT (Marian) and NLLB-200 conversions, installed from a folder and chosen per locale.

The folders are generated here in the layouts `ct2-transformers-converter`
writes (tests/support/ct2_models.py). They install with `locpipe models
install DIR`, [tool.locpipe.models] picks one per locale (Argos stays the
default), they translate, and the `# mt:` comment names the model.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import ctranslate2
import pytest
import sentencepiece as spm

from locpipe.catalog import mt_comment
from locpipe.formats.pofile import read_po
from locpipe.mt.batching import decoding_cap
from locpipe.mt.engine import ArgosEngine
from locpipe.mt.models import read_folder_model
from tests.conftest import Project
from tests.support.ct2_models import build_marian_folder, build_nllb_folder

SOURCES = [
    "Hello world.",
    "The city council approved a new budget on Tuesday.",
    "Click the button to save your changes, or press Escape to cancel.",
]


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("ct2-folders")
    return {
        "marian": build_marian_folder(base, to_code="ko", target_token=">>kor<<"),
        "nllb": build_nllb_folder(base),
    }


def _direct(folder: Path, tokens_of: list[list[str]], prefix: list[str]) -> list[list[str]]:
    """The model run by hand with the token layout its family documents."""
    translator = ctranslate2.Translator(str(folder), device="cpu", compute_type="int8")
    out = []
    for tokens in tokens_of:
        result = translator.translate_batch(
            [tokens],
            target_prefix=[prefix] if prefix else None,
            beam_size=4,
            length_penalty=0.2,
            max_decoding_length=decoding_cap(len(tokens)) + len(prefix),
        )
        out.append(result[0].hypotheses[0][len(prefix) :])
    return out


def test_marian_layout(folders: dict[str, Path]) -> None:
    """Source: pieces of source.spm + </s>, the >>kor<< token first; output: target.spm."""
    folder = folders["marian"]
    source = spm.SentencePieceProcessor(model_file=str(folder / "source.spm"))
    target = spm.SentencePieceProcessor(model_file=str(folder / "target.spm"))
    tokens = [[">>kor<<", *source.encode(s, out_type=str), "</s>"] for s in SOURCES]
    expected = [target.decode_pieces(h).strip() for h in _direct(folder, tokens, [])]
    engine = ArgosEngine(read_folder_model(folder).route("ko"), threads=1)
    assert [engine.translate([s])[0] for s in SOURCES] == expected
    assert all(expected) and engine.engine_id == "marian opus-mt-en-ko 1.0"


@pytest.mark.parametrize(
    ("locale", "code"), [("ko", "kor_Hang"), ("zh_CN", "zho_Hans"), ("zh_TW", "zho_Hant")]
)
def test_nllb_layout(folders: dict[str, Path], locale: str, code: str) -> None:
    """Source: eng_Latn + pieces + </s>; target prefix: the locale's FLORES-200 code."""
    folder = folders["nllb"]
    sp = spm.SentencePieceProcessor(model_file=str(folder / "sentencepiece.bpe.model"))
    tokens = [["eng_Latn", *sp.encode(s, out_type=str), "</s>"] for s in SOURCES]
    expected = [sp.decode_pieces(h).strip() for h in _direct(folder, tokens, [code])]
    engine = ArgosEngine(read_folder_model(folder).route(locale), threads=1)
    assert [engine.translate([s])[0] for s in SOURCES] == expected
    assert all(expected)


def test_nllb_target_prefix_changes_the_output(folders: dict[str, Path]) -> None:
    model = read_folder_model(folders["nllb"])
    outputs = {
        locale: ArgosEngine(model.route(locale), threads=1).translate(SOURCES)
        for locale in ("ko", "zh_CN", "zh_TW")
    }
    assert len({tuple(o) for o in outputs.values()}) == 3


def _comments(project: Project, locale: str) -> set[str]:
    """The engine ids in the `# mt:` comments of `locale` (score and hashes left out)."""
    found = set()
    for po in (project.locales / locale / "LC_MESSAGES").glob("*.po"):
        for message in read_po(po).messages:
            comment = mt_comment(message)
            if message.msgid and comment:
                found.add(" ".join(w for w in comment.split() if ":" not in w[:-1]))
    return found


def test_installed_from_folders_chosen_per_locale_with_provenance(
    project_with_models: Project, folders: dict[str, Path]
) -> None:
    project = project_with_models
    for folder in folders.values():
        done = project.run("models", "install", str(folder), check=True)
        assert f"installed {folder.name}" in done.stdout
    home = Path(project.env["HOME"])
    installed = home / ".local" / "share" / "locpipe" / "models"
    assert sorted(p.name for p in installed.iterdir()) == ["nllb-200-test", "opus-mt-en-ko"]
    listed = project.run("models", "list", check=True).stdout
    assert "opus-mt-en-ko\tmarian" in listed and "nllb-200-test\tnllb" in listed

    (project.root / "locpipe.toml").write_text(
        'locales = ["ko", "zh_CN", "zh_TW"]\nsources = ["content/*.txt"]\n'
        "threads = 1\nbeam_size = 1\n\n"
        '[models]\nko = "opus-mt-en-ko"\nzh_TW = "nllb-200-test"\n',
        encoding="utf-8",
    )
    project.run("translate", "-q", check=True)
    assert _comments(project, "ko") == {"mt: marian opus-mt-en-ko 1.0"}
    assert _comments(project, "zh_TW") == {"mt: nllb nllb-200-test 1.0"}
    assert _comments(project, "zh_CN") == {"mt: argos translate-en_zh-1_0 1.0"}  # the default

    assert "removed" in project.run("models", "remove", "opus-mt-en-ko", check=True).stdout
    assert [p.name for p in installed.iterdir()] == ["nllb-200-test"]


def _translate_with(project: Project, locale: str, model: str) -> str:
    """Run `translate` for `locale` served by `model`; expect exit 2; return stderr."""
    (project.root / "locpipe.toml").write_text(
        f'locales = ["{locale}"]\nsources = ["content/*.txt"]\n[models]\n{locale} = "{model}"\n',
        encoding="utf-8",
    )
    done = project.run("translate")
    assert done.returncode == 2
    assert not project.locales.exists()
    return done.stderr


def test_configured_model_missing_or_wrong_is_a_clear_error(
    project: Project, folders: dict[str, Path]
) -> None:
    stderr = _translate_with(project, "ko", "nllb-200-distilled-600M")
    assert "no installed model named 'nllb-200-distilled-600M'" in stderr
    assert "locpipe models install DIR" in stderr
    project.run("models", "install", str(folders["marian"]), check=True)
    stderr = _translate_with(project, "zh_CN", "opus-mt-en-ko")
    assert "the model opus-mt-en-ko does not translate into zh_CN" in stderr


def test_a_model_for_an_unconfigured_locale_is_a_config_error(project: Project) -> None:
    (project.root / "locpipe.toml").write_text(
        'locales = ["ko"]\nsources = ["content/*.txt"]\n\n[models]\nzh_CN = "nllb-200-test"\n',
        encoding="utf-8",
    )
    done = project.run("translate")
    assert done.returncode == 2
    assert "locpipe.toml:5: [models] names a model for 'zh_CN', which is not in locales" in (
        done.stderr
    )


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ("no-metadata", "no locpipe-model.json in the folder"),
        ("bad-family", "family must be one of marian, nllb"),
        ("no-target-spm", "no target.spm in the folder"),
        ("bad-to-code", "to_code must be ko, zh or zt"),
        ("no-model", "no CTranslate2 model (model.bin)"),
    ],
)
def test_bad_folders_are_refused(
    project: Project, folders: dict[str, Path], tmp_path: Path, change: str, expected: str
) -> None:
    folder = tmp_path / "opus-mt-en-ko"
    shutil.copytree(folders["marian"], folder)
    meta = folder / "locpipe-model.json"
    if change == "no-metadata":
        meta.unlink()
    elif change in ("bad-family", "bad-to-code"):
        data = json.loads(meta.read_text())
        data.update({"family": "m2m"} if change == "bad-family" else {"to_code": "ja"})
        meta.write_text(json.dumps(data))
    else:
        (folder / ("target.spm" if change == "no-target-spm" else "model.bin")).unlink()
    done = project.run("models", "install", str(folder))
    assert done.returncode == 2
    assert expected in done.stderr and "locpipe-model.json" in done.stderr
    assert "Traceback" not in done.stderr

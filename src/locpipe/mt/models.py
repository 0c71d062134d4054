"""CTranslate2 model families beyond Argos: what each needs to run, read from a folder.

A model the engine runs is a `Runnable`: a CTranslate2 model folder, a
tokenizer, the tokens to put around each source sentence, the target prefix,
and the name written to the `# mt:` comment. Argos packages are Runnables
(`locpipe.mt.argos.ArgosModel`); the families here are installed from a
folder with `locpipe models install DIR` and described by a small
`locpipe-model.json` in it:

- **marian** (OPUS-MT conversions): `source.spm` and `target.spm`; each source
  ends with `</s>`; multi-target models want a `>>xxx<<` token first
  (`"target_token"`). One target language (`"to_code"`, an Argos-style code:
  `ko`, `zh`, `zt`).
- **nllb** (NLLB-200 conversions): one SentencePiece model
  (`sentencepiece.bpe.model`, as published), each source is `eng_Latn`
  pieces `</s>`, the target prefix names the language (`kor_Hang`,
  `zho_Hans`, `zho_Hant`). One model serves every locale it has a code for.

CTranslate2 files may be at the top of the folder (what
`ct2-transformers-converter --output_dir` writes) or in `model/`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

from locpipe.errors import ModelError
from locpipe.fsio import is_safe_name
from locpipe.locales import parse_locale
from locpipe.mt.tokenizers import SentencePieceTokenizer, Tokenizer

METADATA = "locpipe-model.json"
FAMILIES = ("marian", "nllb")

#: (language, script) → NLLB-200 language code (FLORES-200 spelling).
NLLB_CODES = {
    ("en", "Latn"): "eng_Latn",
    ("ko", "Hang"): "kor_Hang",
    ("zh", "Hans"): "zho_Hans",
    ("zh", "Hant"): "zho_Hant",
}
NLLB_SPM_NAMES = ("sentencepiece.bpe.model", "sentencepiece.model")


class Runnable(Protocol):
    """What the CTranslate2 engine needs to run a model for one target language."""

    @property
    def model_dir(self) -> Path: ...
    @property
    def engine_id(self) -> str: ...
    @property
    def source_prefix(self) -> tuple[str, ...]: ...
    @property
    def source_suffix(self) -> tuple[str, ...]: ...
    @property
    def target_prefix(self) -> tuple[str, ...]: ...
    def tokenizer(self) -> Tokenizer: ...


@dataclass(frozen=True, slots=True)
class Route:
    """A folder model bound to one target language: a Runnable."""

    model_dir: Path
    engine_id: str
    source_spm: Path
    target_spm: Path
    source_prefix: tuple[str, ...] = ()
    source_suffix: tuple[str, ...] = ()
    target_prefix: tuple[str, ...] = ()

    def tokenizer(self) -> Tokenizer:
        return SentencePieceTokenizer(self.source_spm, self.target_spm)


@dataclass(frozen=True, slots=True)
class FolderModel:
    """An installed Marian or NLLB model (a folder with locpipe-model.json)."""

    name: str
    family: str
    version: str
    path: Path
    from_code: str
    #: locale-independent target: (language, script) → target token / prefix
    targets: dict[tuple[str, str], str] = field(default_factory=dict)
    target_token: str = ""

    @property
    def model_dir(self) -> Path:
        inner = self.path / "model"
        return inner if (inner / "model.bin").is_file() else self.path

    def serves(self, locale: str) -> bool:
        """True when this model can translate into `locale`."""
        return self._target_of(locale) is not None

    def _target_of(self, locale: str) -> str | None:
        parsed = parse_locale(locale)
        if parsed is None:
            return None
        return self.targets.get((parsed.language, parsed.script))

    def route(self, locale: str) -> Route:
        """This model bound to `locale` (ModelError when it does not serve it)."""
        target = self._target_of(locale)
        if target is None:
            raise ModelError(
                f"the model {self.name} does not translate into {locale}",
                file=self.path / METADATA,
                fix="choose another model for this locale under [tool.locpipe.models]",
            )
        engine_id = f"{self.family} {self.name} {self.version or '-'}"
        if self.family == "nllb":
            spm = _first_file(self.path, NLLB_SPM_NAMES)
            return Route(
                self.model_dir,
                engine_id,
                spm,
                spm,
                source_prefix=(NLLB_CODES[("en", "Latn")],),
                source_suffix=("</s>",),
                target_prefix=(target,),
            )
        return Route(
            self.model_dir,
            engine_id,
            self.path / "source.spm",
            self.path / "target.spm",
            source_prefix=(self.target_token,) if self.target_token else (),
            source_suffix=("</s>",),
        )


def _first_file(directory: Path, names: tuple[str, ...]) -> Path:
    for name in names:
        if (directory / name).is_file():
            return directory / name
    return directory / names[0]


def _bad(directory: Path, message: str, fix: str) -> ModelError:
    return ModelError(message, file=directory / METADATA, fix=fix)


def read_folder_model(directory: Path) -> FolderModel:
    """The folder model in `directory`, its metadata and files checked.

    Raises ModelError naming the file and what to add when the metadata is
    missing or wrong or a file the family needs is absent.
    """
    path = directory / METADATA
    example = '{"family": "nllb"} or {"family": "marian", "to_code": "ko"}'
    try:
        meta: Any = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise _bad(directory, f"no {METADATA} in the folder", f"write one, e.g. {example}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _bad(directory, f"not valid JSON: {exc}", f"write e.g. {example}") from exc
    if not isinstance(meta, dict) or meta.get("family") not in FAMILIES:
        raise _bad(directory, f"family must be one of {', '.join(FAMILIES)}", f"e.g. {example}")
    family = str(meta["family"])
    if not any((d / "model.bin").is_file() for d in (directory, directory / "model")):
        raise _bad(
            directory,
            "no CTranslate2 model (model.bin) in the folder or in model/",
            "convert the model with ct2-transformers-converter --output_dir into this folder",
        )
    common = FolderModel(
        name=str(meta.get("name") or directory.name),
        family=family,
        version=str(meta.get("version", "")),
        path=directory,
        from_code=str(meta.get("from_code", "en")),
    )
    if not is_safe_name(common.name):
        raise _bad(
            directory,
            f"bad name {common.name!r}",
            "give a plain folder name as name (letters, digits, '.', '_', '+', '-')",
        )
    if family == "nllb":
        if not any((directory / n).is_file() for n in NLLB_SPM_NAMES):
            raise _bad(
                directory,
                "no SentencePiece model (sentencepiece.bpe.model) in the folder",
                "copy sentencepiece.bpe.model from the NLLB-200 model files",
            )
        targets = dict(NLLB_CODES)
        for locale, code in dict(meta.get("targets", {})).items():
            parsed = parse_locale(str(locale))
            if parsed is not None:
                targets[(parsed.language, parsed.script)] = str(code)
        return replace(common, targets=targets)
    for spm in ("source.spm", "target.spm"):
        if not (directory / spm).is_file():
            raise _bad(directory, f"no {spm} in the folder", "copy it from the OPUS-MT model files")
    to_code = meta.get("to_code")
    served = [key for key in NLLB_CODES if _argos_code(key) == to_code]
    if not served:
        raise _bad(
            directory,
            f"to_code must be ko, zh or zt, not {to_code!r}",
            'add "to_code": "ko" (or "zh", "zt") to the metadata',
        )
    return replace(
        common,
        targets=dict.fromkeys(served, str(to_code)),
        target_token=str(meta.get("target_token", "")),
    )


def _argos_code(key: tuple[str, str]) -> str | None:
    parsed = parse_locale(f"{key[0]}_{key[1]}")
    return parsed.argos_code if parsed else None


def models_dir() -> Path:
    """Where folder models are installed: LOCPIPE_MODELS_DIR, else
    $XDG_DATA_HOME/locpipe/models (~/.local/share/locpipe/models)."""
    import os

    explicit = os.environ.get("LOCPIPE_MODELS_DIR")
    if explicit:
        return Path(explicit)
    data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data) / "locpipe" / "models"


def installed_folder_models() -> list[FolderModel]:
    """Every installed folder model, sorted by name."""
    root = models_dir()
    if not root.is_dir():
        return []
    return [
        read_folder_model(child)
        for child in sorted(root.iterdir())
        if child.is_dir() and not child.name.startswith(".")
    ]


def install_folder(directory: Path) -> FolderModel:
    """Copy a Marian or NLLB model folder into models_dir(), replacing an older copy.

    The folder is checked first; the copy is made beside the target and
    renamed into place, so a failed install leaves nothing.
    """
    import shutil
    import tempfile

    model = read_folder_model(directory)
    root = models_dir()
    root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".locpipe-install-", dir=root) as tmp:
        staged = Path(tmp) / model.name
        shutil.copytree(directory, staged)
        final = root / model.name
        move_into_place(staged, final, Path(tmp))
    return read_folder_model(final)


def move_into_place(staged: Path, final: Path, tmp: Path) -> None:
    """Rename `staged` to `final`, moving an older `final` into `tmp` first.

    Two renames, not rmtree then rename: an install killed between them
    leaves the old copy in the temporary folder, never half of one.
    """
    if final.exists():
        final.rename(tmp / ".replaced")
    staged.rename(final)

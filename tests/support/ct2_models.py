"""Tiny OPUS-MT (Marian) and NLLB-200 model folders, laid out as conversions are.

What `ct2-transformers-converter --output_dir DIR` writes (config.json,
model.bin, the vocabulary) with the tokenizer files copied beside it, and the
`locpipe-model.json` a user adds:

- Marian: `source.spm` (trained on the English corpus) and `target.spm`
  (trained on the target corpus), separate source and target vocabularies;
  a multi-target model's `>>xxx<<` token is in the source vocabulary.
- NLLB: one `sentencepiece.bpe.model` for both sides, the FLORES-200 language
  codes in the shared vocabulary; the decoder emits Hangul or Han pieces.

Weights are seeded random numbers (see argos_package.py): gibberish.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import sentencepiece as spm

from tests.support.argos_package import build_spec, target_piece_mask, train_sentencepiece

NLLB_CODES = ["eng_Latn", "kor_Hang", "zho_Hans", "zho_Hant"]


def _pieces(model: bytes) -> list[str]:
    processor = spm.SentencePieceProcessor(model_proto=model)
    return [processor.id_to_piece(i) for i in range(processor.get_piece_size())]


def build_marian_folder(
    out: Path,
    *,
    to_code: str = "ko",
    name: str = "opus-mt-en-ko",
    target_token: str = "",
    seed: int = 0,
) -> Path:
    """A converted OPUS-MT model folder with its locpipe-model.json; returns it."""
    corpus = {"ko": "ko", "zh": "zh"}[to_code]
    source_model = train_sentencepiece(400, languages=["en"])
    target_model = train_sentencepiece(1200, languages=[corpus])
    source_vocabulary = _pieces(source_model) + ([target_token] if target_token else [])
    target_vocabulary = _pieces(target_model)
    spec = build_spec(
        target_vocabulary,
        target_piece_mask(target_vocabulary, to_code),
        seed,
        eos_bias=1.5,
        source_vocabulary=source_vocabulary,
    )
    folder = out / name
    folder.mkdir(parents=True)
    spec.save(str(folder))
    (folder / "source.spm").write_bytes(source_model)
    (folder / "target.spm").write_bytes(target_model)
    metadata: dict[str, str] = {"family": "marian", "to_code": to_code, "version": "1.0"}
    if target_token:
        metadata["target_token"] = target_token
    (folder / "locpipe-model.json").write_text(json.dumps(metadata), encoding="utf-8")
    return folder


def build_nllb_folder(out: Path, *, name: str = "nllb-200-test", seed: int = 0) -> Path:
    """A converted NLLB-200 model folder with its locpipe-model.json; returns it."""
    model = train_sentencepiece(1500)
    vocabulary = _pieces(model) + NLLB_CODES
    allowed = target_piece_mask(vocabulary, "ko") | target_piece_mask(vocabulary, "zh")
    spec = build_spec(vocabulary, np.asarray(allowed), seed, eos_bias=1.5)
    folder = out / name
    folder.mkdir(parents=True)
    spec.save(str(folder))
    (folder / "sentencepiece.bpe.model").write_bytes(model)
    (folder / "locpipe-model.json").write_text(
        json.dumps({"family": "nllb", "version": "1.0"}), encoding="utf-8"
    )
    return folder

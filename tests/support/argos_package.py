"""Build small, deterministic Argos Translate packages for tests and benchmarks.

Real Argos models cannot be downloaded on the build machines, so the test suite
and the benchmarks make their own ``.argosmodel`` files here.  A package built
by :func:`build_argos_package` has the real Argos layout::

    en_ko.argosmodel                 (a zip archive)
    └── translate-en_ko-1_0/
        ├── metadata.json            (argos_version "1.9", type "translate", links [])
        ├── README.md
        ├── sentencepiece.model
        └── model/                   (a CTranslate2 Transformer)
            ├── config.json
            ├── model.bin
            └── shared_vocabulary.json

and loads with ``argostranslate.package.Package(extracted_dir)``, with
``ctranslate2.Translator(dir / "model", device="cpu", compute_type="int8")``
and with ``sentencepiece.SentencePieceProcessor(model_file=...)``.

How it is made
--------------
* **Tokeniser.**  A SentencePiece unigram model is trained in memory, at build
  time, on the few KB of English, Korean and Chinese sentences in
  ``tests/support/corpus/`` (written for these tests).  ``byte_fallback`` is
  on and ``character_coverage`` is 1.0, so any input tokenises without
  ``<unk>`` and every Hangul/Han character of the corpus is a piece of its own.
  Training is single-threaded and therefore reproducible.
* **Model.**  A ``ctranslate2.specs.TransformerSpec`` (pre-norm, ReLU,
  sinusoidal positions, biases on every linear layer, as in the OpenNMT-py
  models Argos ships) whose every weight is drawn from a numpy generator seeded
  with ``(seed, crc32(variable name))``, so a variable's value does not depend
  on the order in which the spec is filled.  Weights are quantised to int8
  when saved, like the real Argos models.
* **Vocabulary.**  One shared vocabulary: the SentencePiece pieces in id order
  (``<unk>``, ``<s>``, ``</s>`` first).  For ``size="base"`` the corpus is far
  too small to train tens of thousands of pieces (it supports ~1.8k), so the
  CTranslate2 vocabulary is *padded* with synthetic pieces ``<synthetic_NNNNN>``
  up to 32000 entries.  Source text never produces them (SentencePiece does
  not know them) and the decoder can never emit them (see below), but they
  give the embedding and output-projection matrices, and so the per-step
  softmax, the size of a real Argos model.
* **Output in the target script.**  The output projection's bias is
  ``-10000`` for every piece that is not made of target-script characters
  (Hangul syllables for ``ko``, CJK ideographs for ``zh``; Korean pieces may
  carry the ``▁`` word-boundary prefix, Chinese ones may not), including
  ``<unk>``, ``<s>``, byte-fallback pieces and the synthetic padding.  So every
  decoded piece is a Hangul or Han piece, with beam search or greedy search.
* **Output never empty.**  ``</s>`` is masked in the same way, so a hypothesis
  never ends by itself: decoding always runs to the caller's
  ``max_decoding_length``.  Callers must cap the length relative to the source
  (locpipe does, see DESIGN.md "Machine translation"); without a cap
  CTranslate2's default of 256 tokens applies.  Output is deterministic
  gibberish that depends on the source sentence, the seed and the decoding
  options - never a translation.

Sizes
-----
``tiny``: 2+2 layers, d_model 64, 4 heads, ffn 128, 1500 pieces (for tests).
``base``: 6+6 layers, d_model 512, 8 heads, ffn 2048, 32000-entry vocabulary,
int8 - the architecture of the Argos Translate packages (for benchmarks).

Command line::

    python -m tests.support.argos_package --to ko --size tiny --out DIR

prints the path of the package it wrote.
"""

from __future__ import annotations

import argparse
import functools
import io
import json
import os
import stat
import sys
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
import sentencepiece as spm
from ctranslate2 import specs

from tests.support.bpe import bpe_vocabulary, learn_bpe, moses_words

__all__ = [
    "ARGOS_VERSION",
    "LANGUAGES",
    "SIZES",
    "ModelShape",
    "build_argos_package",
    "build_spec",
    "main",
    "package_dir_name",
    "target_piece_mask",
    "train_sentencepiece",
]

#: ``argos_version`` written to ``metadata.json``.
ARGOS_VERSION = "1.9"

#: Where the training text lives (one sentence per line, UTF-8).
CORPUS_DIR = Path(__file__).with_name("corpus")

#: BPE merges learnt for ``tokenizer="bpe"`` packages.
BPE_MERGES = 800

#: Bias given to output pieces the decoder must never produce.
MASKED_BIAS = -10000.0

#: Sentinel used by ``ctranslate2.specs`` for an unset optional variable.
_OPTIONAL = "__optional"

Size = Literal["tiny", "base"]


@dataclass(frozen=True)
class ModelShape:
    """Architecture and vocabulary sizes of one package size."""

    encoder_layers: int
    decoder_layers: int
    d_model: int
    num_heads: int
    ffn_dim: int
    #: Pieces requested from SentencePiece (a soft limit: the corpus decides).
    sp_vocab_size: int
    #: Size of the CTranslate2 vocabulary; padded with synthetic pieces if larger
    #: than the trained SentencePiece model. ``None`` means no padding.
    ct2_vocab_size: int | None
    #: Weight quantisation applied when saving (``None`` keeps float32).
    quantization: str | None


SIZES: dict[str, ModelShape] = {
    "tiny": ModelShape(2, 2, 64, 4, 128, 1500, None, "int8"),
    "base": ModelShape(6, 6, 512, 8, 2048, 32000, 32000, "int8"),
}


def _is_hangul(char: str) -> bool:
    return 0xAC00 <= ord(char) <= 0xD7A3


def _is_han(char: str) -> bool:
    code = ord(char)
    return 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF


@dataclass(frozen=True)
class _Language:
    name: str
    is_script_char: Callable[[str], bool]
    #: Whether output pieces may carry SentencePiece's "▁" word-boundary marker.
    allow_word_boundary: bool


#: Target languages a package can be built for (Argos codes).
LANGUAGES: dict[str, _Language] = {
    "ko": _Language("Korean", _is_hangul, allow_word_boundary=True),
    "zh": _Language("Chinese", _is_han, allow_word_boundary=False),
    # Argos' code for Traditional Chinese: Han output, like zh (the corpus has
    # no Traditional text of its own; the package stands in for a real en→zt).
    "zt": _Language("Chinese (Traditional)", _is_han, allow_word_boundary=False),
}


def package_dir_name(to_code: str, package_version: str) -> str:
    """Return the archive's top directory, e.g. ``translate-en_ko-1_0``."""
    return f"translate-en_{to_code}-{package_version.replace('.', '_')}"


def _corpus_sentences(languages: Sequence[str] = ()) -> list[str]:
    sentences: list[str] = []
    for path in sorted(CORPUS_DIR.glob("*.txt")):
        if languages and path.stem not in languages:
            continue
        text = path.read_text(encoding="utf-8")
        sentences.extend(line.strip() for line in text.splitlines() if line.strip())
    return sentences


@functools.cache
def _bpe() -> tuple[str, tuple[str, ...]]:
    """BPE codes learnt from the corpus and the pieces they make (learnt once)."""
    words = moses_words(_corpus_sentences())
    codes = learn_bpe(words, BPE_MERGES)
    return codes, tuple(bpe_vocabulary(codes, words))


def train_sentencepiece(
    vocab_size: int, user_symbols: Sequence[str] = (), languages: Sequence[str] = ()
) -> bytes:
    """Train a SentencePiece unigram model on the test corpus, in memory.

    ``vocab_size`` is a soft limit: if the corpus cannot support that many
    pieces, the model gets as many as it can.  The result is deterministic.

    Returns:
        The serialized model (the content of ``sentencepiece.model``).
    """
    buffer = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(_corpus_sentences(languages)),
        model_writer=buffer,
        vocab_size=vocab_size,
        hard_vocab_limit=False,
        model_type="unigram",
        character_coverage=1.0,
        byte_fallback=True,
        num_threads=1,
        minloglevel=2,
        **({"user_defined_symbols": list(user_symbols)} if user_symbols else {}),
    )
    return buffer.getvalue()


def target_piece_mask(pieces: Sequence[str], to_code: str) -> npt.NDArray[np.bool_]:
    """Return which pieces the decoder may emit for ``to_code``.

    A piece is allowed when, without a leading ``▁`` (only accepted for
    languages written with spaces), it is non-empty and made only of
    target-script characters.  Special, byte-fallback and synthetic pieces are
    never allowed.
    """
    language = LANGUAGES[to_code]
    allowed = np.zeros(len(pieces), dtype=np.bool_)
    for index, piece in enumerate(pieces):
        body = piece.removesuffix("@@")  # a BPE piece joined to the next one
        if language.allow_word_boundary and body.startswith("▁"):
            body = body[1:]
        allowed[index] = bool(body) and all(language.is_script_char(c) for c in body)
    return allowed


def _random(seed: int, name: str, shape: tuple[int, ...], scale: float) -> npt.NDArray[np.float32]:
    rng = np.random.default_rng([seed, zlib.crc32(name.encode("utf-8"))])
    return rng.standard_normal(shape, dtype=np.float32) * np.float32(scale)


def _fill_linear(
    layer: Any, name: str, seed: int, out_dim: int, in_dim: int, *, gain: float = 1.0
) -> None:
    layer.weight = _random(seed, f"{name}/weight", (out_dim, in_dim), gain / np.sqrt(in_dim))
    layer.bias = _random(seed, f"{name}/bias", (out_dim,), 0.02)


def _fill_layer_norm(layer: Any, dim: int) -> None:
    layer.gamma = np.ones(dim, dtype=np.float32)
    layer.beta = np.zeros(dim, dtype=np.float32)


def _fill_attention(attention: Any, name: str, seed: int, d: int, *, self_attention: bool) -> None:
    _fill_layer_norm(attention.layer_norm, d)
    # Self-attention: fused QKV, output.  Encoder-decoder attention: query, fused KV, output.
    shapes = [(3 * d, d), (d, d)] if self_attention else [(d, d), (2 * d, d), (d, d)]
    for index, (out_dim, in_dim) in enumerate(shapes):
        _fill_linear(attention.linear[index], f"{name}/linear_{index}", seed, out_dim, in_dim)


def _fill_ffn(ffn: Any, name: str, seed: int, d: int, ffn_dim: int) -> None:
    _fill_layer_norm(ffn.layer_norm, d)
    _fill_linear(ffn.linear_0, f"{name}/linear_0", seed, ffn_dim, d)
    _fill_linear(ffn.linear_1, f"{name}/linear_1", seed, d, ffn_dim)


def _build_spec(
    vocabulary: list[str],
    allowed: npt.NDArray[np.bool_],
    shape: ModelShape,
    seed: int,
    eos_bias: float | None = None,
    source_vocabulary: list[str] | None = None,
) -> Any:
    """Return a validated ``TransformerSpec`` with seeded random weights."""
    d = shape.d_model
    vocab_size = len(vocabulary)
    spec = specs.TransformerSpec.from_config(
        (shape.encoder_layers, shape.decoder_layers), shape.num_heads
    )
    encoder, decoder = spec.encoder, spec.decoder

    # Embeddings are multiplied by sqrt(d_model) at run time, as in OpenNMT.
    source_vocabulary = source_vocabulary or vocabulary
    encoder.embeddings[0].weight = _random(
        seed, "encoder/embeddings", (len(source_vocabulary), d), d**-0.5
    )
    decoder.embeddings.weight = _random(seed, "decoder/embeddings", (vocab_size, d), d**-0.5)
    _fill_layer_norm(encoder.layer_norm, d)
    _fill_layer_norm(decoder.layer_norm, d)

    for index, layer in enumerate(encoder.layer):
        name = f"encoder/layer_{index}"
        _fill_attention(
            layer.self_attention, f"{name}/self_attention", seed, d, self_attention=True
        )
        _fill_ffn(layer.ffn, f"{name}/ffn", seed, d, shape.ffn_dim)
    for index, layer in enumerate(decoder.layer):
        name = f"decoder/layer_{index}"
        _fill_attention(
            layer.self_attention, f"{name}/self_attention", seed, d, self_attention=True
        )
        _fill_attention(layer.attention, f"{name}/attention", seed, d, self_attention=False)
        _fill_ffn(layer.ffn, f"{name}/ffn", seed, d, shape.ffn_dim)

    # Output projection: random weights over allowed pieces, a mask for the rest
    # (</s> included, so a hypothesis only stops at max_decoding_length).
    projection = decoder.projection
    projection.weight = _random(seed, "decoder/projection/weight", (vocab_size, d), 4 * d**-0.5)
    bias = _random(seed, "decoder/projection/bias", (vocab_size,), 0.5)
    bias[~allowed] = MASKED_BIAS
    if eos_bias is not None:
        bias[vocabulary.index("</s>")] = eos_bias
    projection.bias = bias

    unset = [name for name, value in spec.variables().items() if value is None]
    if unset:  # pragma: no cover - guards against a changed ctranslate2 spec layout
        raise RuntimeError(f"ctranslate2 spec variables left unset: {unset}")
    spec.register_source_vocabulary(source_vocabulary)
    spec.register_target_vocabulary(vocabulary)
    spec.validate()
    spec.optimize(quantization=shape.quantization)
    return spec


#: The spec builder, for the other CTranslate2 families (tests/support/ct2_models.py).
def build_spec(
    vocabulary: list[str],
    allowed: npt.NDArray[np.bool_],
    seed: int = 0,
    *,
    eos_bias: float | None = None,
    source_vocabulary: list[str] | None = None,
) -> Any:
    """A tiny Transformer spec over `vocabulary` (target) and `source_vocabulary`."""
    return _build_spec(vocabulary, allowed, SIZES["tiny"], seed, eos_bias, source_vocabulary)


def _readme(to_code: str, size: str, seed: int, shape: ModelShape, vocab_size: int) -> str:
    return (
        f"# Synthetic English → {LANGUAGES[to_code].name} test package\n\n"
        "Built by `tests/support/argos_package.py` in the locpipe repository for tests\n"
        "and benchmarks. The weights are seeded random numbers: the output is\n"
        f"deterministic gibberish in the target script, never a translation.\n\n"
        f"- size: {size}, seed: {seed}\n"
        f"- layers: {shape.encoder_layers}+{shape.decoder_layers}, d_model {shape.d_model}, "
        f"heads {shape.num_heads}, ffn {shape.ffn_dim}, vocabulary {vocab_size}\n"
        "- `</s>` is never produced: callers must set `max_decoding_length`.\n"
    )


def _write_zip(source_dir: Path, archive: Path) -> None:
    """Zip ``source_dir`` (as the archive's top directory) reproducibly and atomically."""
    fd, tmp_name = tempfile.mkstemp(prefix=f".{archive.name}.", dir=archive.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        with zipfile.ZipFile(tmp, "w") as zf:
            entries = [source_dir, *sorted(source_dir.rglob("*"))]
            for path in entries:
                arcname = path.relative_to(source_dir.parent).as_posix()
                if path.is_dir():
                    info = zipfile.ZipInfo(arcname + "/", date_time=(1980, 1, 1, 0, 0, 0))
                    info.external_attr = (stat.S_IFDIR | 0o755) << 16
                    zf.writestr(info, b"")
                    continue
                info = zipfile.ZipInfo(arcname, date_time=(1980, 1, 1, 0, 0, 0))
                info.external_attr = (stat.S_IFREG | 0o644) << 16
                # model.bin is mostly incompressible random int8: store it.
                info.compress_type = (
                    zipfile.ZIP_STORED if path.name == "model.bin" else zipfile.ZIP_DEFLATED
                )
                zf.writestr(info, path.read_bytes())
        tmp.replace(archive)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def build_argos_package(
    out_dir: Path,
    *,
    to_code: str,
    size: Size = "tiny",
    seed: int = 0,
    package_version: str = "1.0",
    tokenizer: Literal["spm", "bpe"] = "spm",
    target_prefix: str = "",
    eos_bias: float | None = None,
) -> Path:
    """Build a synthetic English→``to_code`` Argos Translate package.

    Args:
        out_dir: Directory that receives the package (created if missing).
        to_code: Argos target language code: ``"ko"``, ``"zh"`` or ``"zt"``.
        size: ``"tiny"`` (fast, for tests) or ``"base"`` (the real Argos
            architecture, for benchmarks).
        seed: Seed of the random weights. Same arguments, same bytes.
        package_version: ``package_version`` in ``metadata.json``; also names
            the archive's top directory (``translate-en_ko-1_0`` for ``"1.0"``).
        tokenizer: ``"spm"`` (``sentencepiece.model``) or ``"bpe"`` (``bpe.model``:
            Moses tokens + BPE codes learnt from the corpus, as some Argos packages).
        target_prefix: written to ``metadata.json`` and added to the vocabulary
            (a SentencePiece user symbol), never produced by the decoder itself.
        eos_bias: output bias of ``</s>``; ``None`` masks it (decoding runs to
            the caller's cap), a number lets hypotheses end by themselves.

    Returns:
        The path of ``out_dir/en_<to_code>.argosmodel`` (overwritten if present).

    Raises:
        ValueError: For an unknown ``to_code`` or ``size``.
    """
    if to_code not in LANGUAGES:
        raise ValueError(f"unsupported to_code {to_code!r}; expected one of {sorted(LANGUAGES)}")
    if size not in SIZES:
        raise ValueError(f"unsupported size {size!r}; expected one of {sorted(SIZES)}")
    shape = SIZES[size]
    language = LANGUAGES[to_code]

    if tokenizer == "bpe":
        bpe_codes, bpe_pieces = _bpe()
        vocabulary = ["<unk>", "<s>", "</s>", *bpe_pieces]
        tokenizer_files = {"bpe.model": bpe_codes.encode("utf-8")}
    else:
        symbols = (target_prefix,) if target_prefix else ()
        sp_model = train_sentencepiece(shape.sp_vocab_size, symbols)
        processor = spm.SentencePieceProcessor(model_proto=sp_model)
        vocabulary = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
        tokenizer_files = {"sentencepiece.model": sp_model}
    if target_prefix and target_prefix not in vocabulary:
        vocabulary.append(target_prefix)
    if shape.ct2_vocab_size is not None and len(vocabulary) < shape.ct2_vocab_size:
        vocabulary += [f"<synthetic_{i:05d}>" for i in range(len(vocabulary), shape.ct2_vocab_size)]
    allowed = target_piece_mask(vocabulary, to_code)
    if not allowed.any():  # pragma: no cover - only if the corpus loses its target text
        raise RuntimeError(f"the corpus yields no {language.name} pieces")

    spec = _build_spec(vocabulary, allowed, shape, seed, eos_bias)

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    archive = out_dir / f"en_{to_code}.argosmodel"
    metadata = {
        "package_version": package_version,
        "argos_version": ARGOS_VERSION,
        "from_code": "en",
        "from_name": "English",
        "to_code": to_code,
        "to_name": language.name,
        "type": "translate",
        "links": [],
    }
    if target_prefix:
        metadata["target_prefix"] = target_prefix
    with tempfile.TemporaryDirectory(prefix="argos-package-") as staging:
        root = Path(staging) / package_dir_name(to_code, package_version)
        (root / "model").mkdir(parents=True)
        spec.save(str(root / "model"))
        for name, data in tokenizer_files.items():
            (root / name).write_bytes(data)
        (root / "metadata.json").write_text(
            json.dumps(metadata, indent=4, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        (root / "README.md").write_text(
            _readme(to_code, size, seed, shape, len(vocabulary)), encoding="utf-8"
        )
        _write_zip(root, archive)
    return archive


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; prints the path of the built package."""
    parser = argparse.ArgumentParser(
        prog="python -m tests.support.argos_package",
        description="Build a synthetic Argos Translate package (deterministic gibberish).",
    )
    parser.add_argument("--to", dest="to_code", required=True, choices=sorted(LANGUAGES))
    parser.add_argument("--size", default="tiny", choices=sorted(SIZES))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--package-version", default="1.0")
    parser.add_argument("--out", type=Path, required=True, help="output directory")
    args = parser.parse_args(argv)
    path = build_argos_package(
        args.out,
        to_code=args.to_code,
        size=args.size,
        seed=args.seed,
        package_version=args.package_version,
    )
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())

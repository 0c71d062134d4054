"""The benchmark model: the real Argos architecture, ending its output by itself.

`tests/support/argos_package.py` builds packages whose decoder never emits
`</s>`, so output length is whatever `max_decoding_length` the caller passes.
`argostranslate.translate` passes none (CTranslate2's default, 256 tokens),
locpipe caps relative to the source: the paths would do different work. This
wrapper builds the same architecture (6+6 layers, d_model 512, 8 heads, ffn
2048, 32000-piece vocabulary, int8) with the same seeded random weights, but
wired so that the model itself ends every hypothesis after about
`RATIO * source_tokens + OFFSET` target tokens, as a real model stops near a
plausible translation length. Every path then decodes the same tokens and no
cap ever bites (checked by the benchmark, which compares the outputs).

How: the last `LANE` dims of the residual stream are a "length lane".
Positions are a stored table (sinusoidal, as usual, except the lane, which
holds a ramp ±p·SLOPE); no sublayer and no embedding writes into the lane.
In decoder layer 0, the last attention head of the encoder-decoder attention
has zero queries, so it averages the encoder's lane (the source's mean
position, i.e. its length) and writes it back negatively, shifted by
OFFSET. The `</s>` logit reads the lane: it crosses zero when the target
position passes the source-derived threshold. Compute is unchanged: the same
matrices are multiplied whatever their values.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import sentencepiece as spm
from ctranslate2 import specs

from tests.support import argos_package as builder

#: Residual dims used as the length lane (the last attention head).
LANE = 64
#: Lane value per position.
SLOPE = 0.01
#: Target tokens per source token, and extra tokens.
RATIO = 0.6
OFFSET = 4.0
#: Gain of the `</s>` logit on the lane (sharp: stops within a step or two).
EOS_GAIN = 40.0
#: Rows of the stored position table (Argos' default cap is 256).
MAX_POSITIONS = 1024
#: Mean per-token std of the encoder's residual stream, measured for seed 0
#: (the encoder output is layer-normed, so the lane shrinks by it).
ENCODER_STD = 2.47

EOS_ID = 2

Array = npt.NDArray[np.float32]


def _positions(d: int, signs: Array) -> Array:
    """Sinusoidal positions (CTranslate2's layout) with the lane as a ramp."""
    half = d // 2
    inv = np.exp(np.arange(half, dtype=np.float32) * -(np.log(10000.0) / (half - 1)))
    steps = np.arange(MAX_POSITIONS, dtype=np.float32)[:, None]
    table = np.concatenate([np.sin(steps * inv), np.cos(steps * inv)], axis=1)
    table[:, d - LANE :] = steps * SLOPE * signs
    return table.astype(np.float32)


def _clear_lane_rows(linear: Any, d: int) -> None:
    """Make a sublayer's output projection write nothing into the lane."""
    weight, bias = linear.weight, linear.bias
    weight[d - LANE : d] = 0.0
    bias[d - LANE : d] = 0.0


def _wire(spec: Any, shape: builder.ModelShape, encoder_std: float) -> None:
    d = shape.d_model
    lane = slice(d - LANE, d)
    signs = np.where(np.arange(LANE) % 2 == 0, 1.0, -1.0).astype(np.float32)
    encoder, decoder = spec.encoder, spec.decoder
    for stack in (encoder, decoder):
        stack.position_encodings.encodings = _positions(d, signs)
    encoder.embeddings[0].weight[:, lane] = 0.0
    decoder.embeddings.weight[:, lane] = 0.0
    for layer in encoder.layer:
        _clear_lane_rows(layer.self_attention.linear[-1], d)
        _clear_lane_rows(layer.ffn.linear_1, d)
    for layer in decoder.layer:
        _clear_lane_rows(layer.self_attention.linear[-1], d)
        _clear_lane_rows(layer.attention.linear[-1], d)
        _clear_lane_rows(layer.ffn.linear_1, d)

    # Decoder layer 0, encoder-decoder attention, last head: uniform attention
    # (zero queries) over the encoder lane, written back as -mean * gain.
    cross = decoder.layer[0].attention
    cross.linear[0].weight[lane] = 0.0
    cross.linear[0].bias[lane] = 0.0
    values = cross.linear[1]  # fused keys (first d rows) and values
    values.weight[d + lane.start : 2 * d] = 0.0
    values.weight[d + lane.start : 2 * d, lane] = np.eye(LANE, dtype=np.float32)
    values.bias[d + lane.start : 2 * d] = 0.0
    gain = 2.0 * encoder_std * RATIO  # mean position (n-1)/2, layer-normed by encoder_std
    out = cross.linear[2]
    out.weight[lane, lane] = -gain * np.eye(LANE, dtype=np.float32)
    out.bias[lane] = -signs * SLOPE * OFFSET

    # </s> reads the lane: positive once the target passes RATIO*n + OFFSET.
    projection = decoder.projection
    projection.weight[EOS_ID] = 0.0
    projection.weight[EOS_ID, lane] = signs * (EOS_GAIN / (LANE * SLOPE))
    projection.bias[EOS_ID] = 0.0


def build_spec(
    vocabulary: list[str],
    allowed: npt.NDArray[np.bool_],
    shape: builder.ModelShape,
    seed: int,
    encoder_std: float = ENCODER_STD,
) -> Any:
    """The builder's random Transformer, wired to stop by itself (see module doc)."""
    d = shape.d_model
    spec = specs.TransformerSpec.from_config(
        (shape.encoder_layers, shape.decoder_layers), shape.num_heads
    )
    encoder, decoder = spec.encoder, spec.decoder
    vocab_size = len(vocabulary)
    encoder.embeddings[0].weight = builder._random(
        seed, "encoder/embeddings", (vocab_size, d), d**-0.5
    )
    decoder.embeddings.weight = builder._random(
        seed, "decoder/embeddings", (vocab_size, d), d**-0.5
    )
    builder._fill_layer_norm(encoder.layer_norm, d)
    builder._fill_layer_norm(decoder.layer_norm, d)
    for index, layer in enumerate(encoder.layer):
        name = f"encoder/layer_{index}"
        builder._fill_attention(
            layer.self_attention, f"{name}/self_attention", seed, d, self_attention=True
        )
        builder._fill_ffn(layer.ffn, f"{name}/ffn", seed, d, shape.ffn_dim)
    for index, layer in enumerate(decoder.layer):
        name = f"decoder/layer_{index}"
        builder._fill_attention(
            layer.self_attention, f"{name}/self_attention", seed, d, self_attention=True
        )
        builder._fill_attention(layer.attention, f"{name}/attention", seed, d, self_attention=False)
        builder._fill_ffn(layer.ffn, f"{name}/ffn", seed, d, shape.ffn_dim)
    projection = decoder.projection
    projection.weight = builder._random(
        seed, "decoder/projection/weight", (vocab_size, d), 4 * d**-0.5
    )
    bias = builder._random(seed, "decoder/projection/bias", (vocab_size,), 0.5)
    bias[~allowed] = builder.MASKED_BIAS
    projection.bias = bias
    _wire(spec, shape, encoder_std)
    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)
    spec.validate()
    spec.optimize(quantization=shape.quantization)
    return spec


def build_bench_package(
    out_dir: Path, *, to_code: str = "ko", seed: int = 0, encoder_std: float = ENCODER_STD
) -> Path:
    """Write `out_dir/en_<to_code>.argosmodel`: base size, stops by itself."""
    shape = builder.SIZES["base"]
    sp_model = builder.train_sentencepiece(shape.sp_vocab_size)
    processor = spm.SentencePieceProcessor(model_proto=sp_model)
    vocabulary = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    assert shape.ct2_vocab_size is not None
    vocabulary += [f"<synthetic_{i:05d}>" for i in range(len(vocabulary), shape.ct2_vocab_size)]
    allowed = builder.target_piece_mask(vocabulary, to_code)
    allowed[EOS_ID] = True
    spec = build_spec(vocabulary, allowed, shape, seed, encoder_std)

    out_dir.mkdir(parents=True, exist_ok=True)
    archive = out_dir / f"en_{to_code}.argosmodel"
    metadata = {
        "package_version": "1.0",
        "argos_version": builder.ARGOS_VERSION,
        "from_code": "en",
        "from_name": "English",
        "to_code": to_code,
        "to_name": builder.LANGUAGES[to_code].name,
        "type": "translate",
        "links": [],
    }
    with tempfile.TemporaryDirectory(prefix="bench-package-") as staging:
        root = Path(staging) / builder.package_dir_name(to_code, "1.0")
        (root / "model").mkdir(parents=True)
        spec.save(str(root / "model"))
        (root / "sentencepiece.model").write_bytes(sp_model)
        (root / "metadata.json").write_text(json.dumps(metadata, indent=4) + "\n", "utf-8")
        (root / "README.md").write_text(
            "# locpipe benchmark model\n\nRandom weights, base size; ends output by itself "
            f"after about {RATIO} x source tokens + {OFFSET}.\n",
            "utf-8",
        )
        builder._write_zip(root, archive)
    return archive

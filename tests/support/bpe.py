"""A tiny BPE learner (subword-nmt's algorithm, codes format 0.2) for test packages.

Argos packages may carry `bpe.model` instead of `sentencepiece.model`: Moses
tokenisation, then BPE codes applied by `argostranslate.apply_bpe`. The codes
here are learnt, deterministically, from the test corpus.
"""

from __future__ import annotations

import io
import itertools
from collections import Counter
from collections.abc import Iterable

from sacremoses.tokenize import MosesTokenizer


def moses_words(sentences: Iterable[str], lang: str = "en") -> list[str]:
    """Every word of `sentences` as Moses tokenizes them (what Argos feeds BPE)."""
    tokenizer = MosesTokenizer(lang)
    return [w for s in sentences for w in tokenizer.tokenize(s)]


def learn_bpe(words: Iterable[str], merges: int) -> str:
    """BPE codes (`#version: 0.2` then one `left right` pair per line).

    Ties between equally frequent pairs go to the smallest pair, so the
    result does not depend on dictionary order.
    """
    vocab: Counter[tuple[str, ...]] = Counter(
        (*word[:-1], word[-1] + "</w>") for word in words if word
    )
    lines = ["#version: 0.2"]
    for _ in range(merges):
        pairs: Counter[tuple[str, str]] = Counter()
        for symbols, count in vocab.items():
            for pair in itertools.pairwise(symbols):
                pairs[pair] += count
        if not pairs:
            break
        best = min(pairs, key=lambda p: (-pairs[p], p))
        if pairs[best] < 2:
            break
        lines.append(f"{best[0]} {best[1]}")
        merged: Counter[tuple[str, ...]] = Counter()
        for symbols, count in vocab.items():
            out: list[str] = []
            i = 0
            while i < len(symbols):
                if i + 1 < len(symbols) and (symbols[i], symbols[i + 1]) == best:
                    out.append(symbols[i] + symbols[i + 1])
                    i += 2
                else:
                    out.append(symbols[i])
                    i += 1
            merged[tuple(out)] += count
        vocab = merged
    return "\n".join(lines) + "\n"


def bpe_vocabulary(codes: str, words: Iterable[str]) -> list[str]:
    """Every token that `codes` makes of `words`, plus each character alone
    (with and without the `@@` joint), sorted."""
    from argostranslate.apply_bpe import BPE

    bpe = BPE(io.StringIO(codes))
    word_list = list(words)
    tokens = set(bpe.segment_tokens(word_list))
    for char in {c for w in word_list for c in w}:
        tokens.update((char, char + "@@"))
    return sorted(tokens)

"""(f) Sentence segmentation: locpipe's splitter vs pySBD, one paragraph at a time."""

from __future__ import annotations

import time
from dataclasses import dataclass

from benchmarks.corpus import Corpus

#: Size of the single long paragraph locpipe must split in one go.
BIG_PARAGRAPH_BYTES = 1_000_000


@dataclass(frozen=True, slots=True)
class SegmentationResult:
    """Sentences per second, and how many sentences came out vs the corpus."""

    name: str
    seconds: float
    expected: int
    found: int

    @property
    def rate(self) -> float:
        return self.expected / self.seconds


def locpipe_split(corpus: Corpus) -> SegmentationResult:
    """`locpipe.documents.segment.split_sentences` over every paragraph of the corpus."""
    from locpipe.documents.segment import split_sentences

    paragraphs = corpus.paragraphs()
    started = time.perf_counter()
    found = sum(len(split_sentences(p)) for p in paragraphs)
    seconds = time.perf_counter() - started
    return SegmentationResult("locpipe split_sentences", seconds, len(corpus.sentences), found)


def locpipe_documents(corpus: Corpus) -> SegmentationResult:
    """`locpipe.documents.segment.segment` over every document (blocks, then sentences)."""
    from locpipe.documents.segment import segment

    texts = corpus.document_texts()
    started = time.perf_counter()
    found = sum(len(segment(text, "text")) for text in texts)
    seconds = time.perf_counter() - started
    return SegmentationResult("locpipe segment (documents)", seconds, len(corpus.sentences), found)


def pysbd_split(corpus: Corpus) -> SegmentationResult:
    """pySBD (English, clean=False), called once per paragraph as tools do."""
    import pysbd

    segmenter = pysbd.Segmenter(language="en", clean=False)
    paragraphs = corpus.paragraphs()
    started = time.perf_counter()
    found = sum(len(segmenter.segment(p)) for p in paragraphs)
    seconds = time.perf_counter() - started
    return SegmentationResult("pySBD 0.3.4", seconds, len(corpus.sentences), found)


def big_paragraph(corpus: Corpus) -> tuple[float, int, int]:
    """Seconds for locpipe to split one paragraph of about 1 MB; its size and sentences."""
    from locpipe.documents.segment import split_sentences

    sentences = corpus.sentences
    parts: list[str] = []
    size = 0
    while size < BIG_PARAGRAPH_BYTES:
        sentence = sentences[len(parts) % len(sentences)]
        parts.append(sentence)
        size += len(sentence.encode("utf-8")) + 1
    paragraph = " ".join(parts)
    started = time.perf_counter()
    found = len(split_sentences(paragraph))
    seconds = time.perf_counter() - started
    if found != len(parts):
        raise RuntimeError(f"1 MB paragraph: {found} sentences, expected {len(parts)}")
    return seconds, len(paragraph.encode("utf-8")), found

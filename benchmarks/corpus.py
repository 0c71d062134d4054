"""A seeded synthetic English corpus: news-style sentences, paragraphs, documents.

Sentences are built from a small grammar (subject, verb phrase, object,
optional clauses), so they read like the articles locpipe is meant for and
have realistic lengths (roughly 8 to 40 words). They avoid abbreviations and
placeholders, so every segmenter splits the paragraphs into exactly these
sentences and the MT paths all see the same inputs. The same seed gives the
same corpus.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

SUBJECTS = (
    "The city council",
    "A team of engineers",
    "The regional government",
    "Researchers at the university",
    "The transport ministry",
    "Local farmers",
    "The national bank",
    "A group of volunteers",
    "The hospital board",
    "Several technology companies",
    "The school district",
    "Environmental groups",
    "The weather service",
    "The football club",
    "Small business owners",
    "The port authority",
    "Officials in the capital",
    "The energy regulator",
    "Teachers across the province",
    "The museum director",
)
VERBS = (
    "approved",
    "announced",
    "rejected",
    "postponed",
    "criticised",
    "welcomed",
    "published",
    "reviewed",
    "expanded",
    "delayed",
    "funded",
    "proposed",
    "questioned",
    "supported",
    "completed",
)
ADJECTIVES = (
    "new",
    "long-awaited",
    "controversial",
    "ambitious",
    "modest",
    "revised",
    "regional",
    "five-year",
    "digital",
    "public",
    "temporary",
    "national",
)
OBJECTS = (
    "budget for public transport",
    "plan to repair the old bridge",
    "study on air quality",
    "programme for rural schools",
    "agreement on water prices",
    "project to build affordable housing",
    "report about hospital waiting times",
    "strategy for renewable energy",
    "proposal to extend the railway line",
    "policy on electric buses",
    "investment in broadband networks",
    "reform of the pension system",
    "campaign against food waste",
    "contract for the new stadium",
    "review of safety rules in factories",
)
TIMES = (
    "on Monday",
    "on Tuesday",
    "last week",
    "this morning",
    "after a long debate",
    "earlier this year",
    "in March",
    "at the end of the summer",
    "despite strong opposition",
    "after months of negotiations",
)
REASONS = (
    "because costs had risen sharply",
    "after residents complained about the noise",
    "as demand grew faster than expected",
    "since the previous plan had failed",
    "while critics warned about the risks",
    "although the details remain unclear",
    "so that more families can benefit",
    "which could save millions every year",
    "because the old system was too slow",
    "as prices for fuel and food kept rising",
)
QUOTES = (
    "a spokesperson said",
    "the minister told reporters",
    "according to a statement released later",
    "local newspapers reported",
    "one of the organisers explained",
)
FOLLOW_UPS = (
    "The decision affects about {n} people in the area",
    "More than {n} residents signed a petition",
    "The work is expected to take {m} months",
    "Around {n} new jobs could be created",
    "The first results should be available within {m} weeks",
    "Critics say the plan ignores {n} households",
    "It will cost roughly {n} million dollars",
)
QUESTIONS = (
    "Will the {obj} really help",
    "Who will pay for the {obj}",
    "Why did it take so long to agree on the {obj}",
)


@dataclass(frozen=True, slots=True)
class Corpus:
    """Documents made of paragraphs made of sentences."""

    documents: tuple[tuple[tuple[str, ...], ...], ...]

    @property
    def sentences(self) -> list[str]:
        """Every sentence in order, repeats included."""
        return [s for doc in self.documents for para in doc for s in para]

    @property
    def distinct(self) -> list[str]:
        """Distinct sentences, in first-seen order."""
        return list(dict.fromkeys(self.sentences))

    def paragraphs(self) -> list[str]:
        """Each paragraph as one line of text."""
        return [" ".join(para) for doc in self.documents for para in doc]

    def document_texts(self) -> list[str]:
        """Each document as plain text, paragraphs separated by blank lines."""
        return ["\n\n".join(" ".join(p) for p in doc) + "\n" for doc in self.documents]


def _sentence(rng: random.Random) -> str:
    kind = rng.random()
    obj = f"{rng.choice(ADJECTIVES)} {rng.choice(OBJECTS)}"
    if kind < 0.08:
        return rng.choice(QUESTIONS).format(obj=obj) + "?"
    if kind < 0.3:
        line = rng.choice(FOLLOW_UPS).format(n=rng.randint(12, 98000), m=rng.randint(2, 36))
        if rng.random() < 0.5:
            line += f", {rng.choice(REASONS)}"
        return line + "."
    parts = [f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} the {obj} {rng.choice(TIMES)}"]
    if rng.random() < 0.6:
        parts.append(rng.choice(REASONS))
    if rng.random() < 0.3:
        parts.append(rng.choice(QUOTES))
    if rng.random() < 0.2:
        parts.append(
            f"and {rng.choice(SUBJECTS).lower()} {rng.choice(VERBS)} it {rng.choice(TIMES)}"
        )
    return ", ".join(parts) + "."


def make_corpus(
    distinct: int = 2400, *, repeats: float = 0.08, documents: int = 40, seed: int = 7
) -> Corpus:
    """`distinct` different sentences in `documents` documents, plus repeats.

    A fraction `repeats` of extra sentences are copies of earlier ones, placed
    in other paragraphs and documents, as boilerplate is in real content.
    """
    rng = random.Random(seed)
    unique: dict[str, None] = {}
    while len(unique) < distinct:
        unique.setdefault(_sentence(rng), None)
    pool = list(unique)
    stream = pool + [rng.choice(pool) for _ in range(int(distinct * repeats))]
    rng.shuffle(stream)
    per_doc = -(-len(stream) // documents)
    docs = []
    for start in range(0, len(stream), per_doc):
        chunk = stream[start : start + per_doc]
        paras = []
        i = 0
        while i < len(chunk):
            size = rng.randint(2, 6)
            paras.append(tuple(chunk[i : i + size]))
            i += size
        docs.append(tuple(paras))
    return Corpus(tuple(docs))

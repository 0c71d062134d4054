"""(a) The baseline: `argostranslate.translate.translate` once per sentence.

This is how PO auto-translators built on Argos work. Run in its own process
(`python -m benchmarks.argos_baseline IN.json OUT.json`), with
ARGOS_PACKAGES_DIR pointing at a folder where the benchmark package is
installed. Argos' own settings are kept (beam 4, length penalty 0.2, one
worker using every core) except the compute type, pinned to int8 as in the
other paths.

Argos splits each input into sentences first with MiniSBD, whose English
model it would download; the inputs here are single sentences already, so
that step is replaced by "the input is one sentence". That only makes the
baseline faster. A network guard makes any connection attempt fail loudly.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    """Translate the sentences of argv[0] (JSON list); write timings to argv[1]."""
    source, target = Path(argv[0]), Path(argv[1])
    sentences: list[str] = json.loads(source.read_text("utf-8"))

    from tests.support.network import install_guard

    install_guard()
    started = time.perf_counter()
    from argostranslate import sbd, translate

    sbd.MiniSBDSentencizer.split_sentences = lambda self, text: [text]  # type: ignore[method-assign]
    imported = time.perf_counter() - started

    started = time.perf_counter()
    translate.translate("The first call loads the model.", "en", "ko")
    loaded = time.perf_counter() - started

    outputs: list[str] = []
    started = time.perf_counter()
    for sentence in sentences:
        outputs.append(translate.translate(sentence, "en", "ko"))
    seconds = time.perf_counter() - started
    report = {
        "import_seconds": imported,
        "load_seconds": loaded,
        "seconds": seconds,
        "sentences": len(sentences),
        "outputs": outputs,
    }
    target.write_text(json.dumps(report, ensure_ascii=False), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

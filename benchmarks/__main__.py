"""`make bench`: build the model and corpus, run every measurement, print one table."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import bigdoc, cli_bench, incremental, mt_bench, review_bench, segmentation
from benchmarks.corpus import make_corpus
from benchmarks.model import build_bench_package

Row = tuple[str, str, str, str]  # measurement, value, target, met


def _met(ok: bool) -> str:
    return "yes" if ok else "NO"


def _mt_rows(mt: mt_bench.MTFigures) -> list[Row]:
    c_over_b = mt.locpipe_rate / mt.limit_rate
    c_over_a = mt.locpipe_rate / mt.argos_rate
    return [
        (
            f"(a) argostranslate.translate per sentence ({mt.argos_sentences} random)",
            f"{mt.argos_rate:8.2f} sent/s",
            "",
            "",
        ),
        (
            f"(b) raw translate_batch {mt.best} ({mt.distinct}, best of 2)",
            f"{mt.limit_rate:8.2f} sent/s",
            "",
            "",
        ),
        (
            f"(c) locpipe translate, end to end ({mt.distinct}, best of 2)",
            f"{mt.locpipe_rate:8.2f} sent/s",
            "",
            "",
        ),
        ("(c)/(b)", f"{c_over_b:8.2f} x", ">= 0.9", _met(c_over_b >= 0.9)),
        ("(c)/(a)", f"{c_over_a:8.2f} x", ">= 5", _met(c_over_a >= 5)),
        (
            "(c) peak RSS (wait4 ru_maxrss)",
            f"{mt.locpipe_maxrss_mb:8.0f} MB",
            "<= 1536 MB",
            _met(mt.locpipe_maxrss_mb <= 1536),
        ),
        ("(c) outputs identical to (b)", "{}/{}".format(*mt.locpipe_same), "all", ""),
        ("(a) outputs identical to (b)", "{}/{}".format(*mt.argos_same), "all", ""),
        *_cluster_rows(mt),
    ]


def _cluster_rows(mt: mt_bench.MTFigures) -> list[Row]:
    h = mt.cluster
    if h is None:
        return []
    h_over_c = h.rate / mt.locpipe_rate
    return [
        (
            f"(h) locpipe translate --cluster, 1 worker x {h.threads} threads (best of 2)",
            f"{h.rate:8.2f} sent/s",
            "",
            "",
        ),
        ("(h)/(c) same cores", f"{h_over_c:8.2f} x", ">= 0.85", _met(h_over_c >= 0.85)),
        ("(h) outputs identical to (b)", "{}/{}".format(*h.same), "all", ""),
        ("(h) package shipped and loaded on the worker", f"{h.ready_seconds:8.2f} s", "", ""),
        ("(h) scheduler round trip per task (no-op)", f"{h.task_ms:8.2f} ms", "", ""),
        ("(h) bytes on the wire per sentence", f"{h.bytes_per_sentence:8.0f} B", "", ""),
        ("(h) coordinator write rate (instant engine)", f"{h.write_rate:8.0f} sent/CPU s", "", ""),
    ]


def _other_rows(
    cli: cli_bench.CliFigures, seg: list[segmentation.SegmentationResult], big: tuple[float, int]
) -> list[Row]:
    rows: list[Row] = [
        (
            f"(d) no-change translate, {cli.entries} x {len(cli_bench.LOCALES)} locales",
            f"{cli.nochange_seconds:8.3f} s",
            "<= 1 s",
            _met(cli.nochange_seconds <= 1),
        ),
        ("(d) same, run cache removed (full check)", f"{cli.nochange_cold_seconds:8.3f} s", "", ""),
        (
            "(e) locpipe --help (median of 5)",
            f"{cli.help_seconds:8.3f} s",
            "<= 0.3 s",
            _met(cli.help_seconds <= 0.3),
        ),
    ]
    for result in seg:
        found = "" if result.found == result.expected else f" ({result.found} found!)"
        rows.append((f"(f) {result.name}", f"{result.rate:8.0f} sent/s{found}", "", ""))
    rows.append(
        (
            f"(f) locpipe split_sentences, one {big[1] / 1e6:.1f} MB paragraph",
            f"{big[0]:8.3f} s",
            "",
            "",
        )
    )
    rows.append(
        ("(g) locpipe update, no change, all catalogues", f"{cli.update_seconds:8.3f} s", "", "")
    )
    rows.append(
        (
            f"(g) GNU msgmerge --previous, {cli.msgmerge_files} files",
            f"{cli.msgmerge_seconds:8.3f} s",
            "",
            "",
        )
    )
    rows.append(
        (
            f"(g) locpipe update, all reviewed, {cli.changed_sentences} sentences changed",
            f"{cli.changed_update_seconds:8.3f} s",
            "",
            "",
        )
    )
    rows.append(
        ("(g) GNU msgmerge --previous, same", f"{cli.changed_msgmerge_seconds:8.3f} s", "", "")
    )
    return rows


def _print_table(rows: list[Row]) -> None:
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    line = "  ".join("-" * w for w in widths)
    print(line)
    for index, row in enumerate(rows):
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
        if index == 0:
            print(line)
    print(line)


def _print_sweep(mt: mt_bench.MTFigures) -> None:
    print(f"\n(b) sweep on {mt_bench.SWEEP_SAMPLE} sentences (inter, intra, batch_type, size):")
    for timing in sorted(mt.sweep, key=lambda t: -t.rate):
        print(f"  {timing.setting!s:32} {timing.rate:7.2f} sent/s")
    runs = ", ".join(f"{t.rate:.2f}" for t in mt.limit_runs)
    print(f"(b) full runs: {runs} sent/s; output tokens {mt.limit_runs[0].output_tokens}")
    print(
        f"(a) import {mt.argos_import_seconds:.2f} s, model load + first call "
        f"{mt.argos_load_seconds:.2f} s (not counted in its rate)"
    )


def _incremental(work: Path) -> None:
    """(i) re-runs beside msgmerge and (j) one large document: their own tables."""
    rows = incremental.run(work / "incremental")
    print("\n(i) cost in proportion to the change (locpipe update vs GNU msgmerge --previous)")
    print(incremental.table(rows))
    print()
    _bigdoc(work)


def _bigdoc(work: Path) -> None:
    """(j) one large Markdown document: peak RSS against the 10x target."""
    for row in bigdoc.run(work / "bigdoc"):
        met = "yes" if row.ratio <= bigdoc.TARGET_RATIO else "NO"
        print(
            f"(j) {row.megabytes:.1f} MB Markdown, locpipe {row.command}: {row.seconds:.1f} s, "
            f"peak RSS {row.maxrss_mb:.0f} MB = {row.ratio:.1f}x the input "
            f"(target <= {bigdoc.TARGET_RATIO:.0f}x: {met})"
        )


def main() -> int:
    """Run the benchmark; print the table. Returns the exit code.

    LOCPIPE_BENCH=incremental runs only (i) and (j), LOCPIPE_BENCH=bigdoc only
    (j); LOCPIPE_BENCH_SIZES and LOCPIPE_BENCH_BIGDOC_MB choose their sizes
    (see those modules).
    """
    started = time.perf_counter()
    cores = len(os.sched_getaffinity(0))
    print(f"locpipe benchmark: {cores} cores, load average {os.getloadavg()[0]:.2f}", flush=True)
    only = {"incremental": _incremental, "bigdoc": _bigdoc}.get(os.environ.get("LOCPIPE_BENCH", ""))
    if only is not None:
        with tempfile.TemporaryDirectory(prefix="locpipe-bench-") as tmp:
            only(Path(tmp))
        print(f"bench wall time {time.perf_counter() - started:.0f} s")
        return 0
    corpus = make_corpus()
    with tempfile.TemporaryDirectory(prefix="locpipe-bench-") as tmp:
        work = Path(tmp)
        archive = build_bench_package(work / "package")
        print(
            f"corpus: {len(corpus.sentences)} sentences, {len(corpus.distinct)} distinct, "
            f"{len(corpus.documents)} documents; model: base (6+6, 512, 8 heads, ffn 2048, "
            "32000 pieces, int8), beam 4",
            flush=True,
        )
        mt = mt_bench.run(corpus, archive, work / "mt", cores)
        cli = cli_bench.run(work / "cli")
        review = review_bench.run(work / "review")
        _incremental(work)
    seg = [
        segmentation.locpipe_split(corpus),
        segmentation.locpipe_documents(corpus),
        segmentation.pysbd_split(corpus),
    ]
    big_seconds, big_bytes, _ = segmentation.big_paragraph(corpus)
    _print_sweep(mt)
    print()
    header: Row = ("measurement", "value", "target", "met")
    other = _other_rows(cli, seg, (big_seconds, big_bytes))
    _print_table([header, *_mt_rows(mt), *other, *review_bench.rows(review)])
    print(
        f"cores {cores}; load average at the end {os.getloadavg()[0]:.2f}; "
        f"bench wall time {time.perf_counter() - started:.0f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

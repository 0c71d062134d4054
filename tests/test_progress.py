"""The terminal progress display: a bar on a TTY, plain lines elsewhere, nothing when quiet."""

from __future__ import annotations

import io

from locpipe.progress import NullProgress, TerminalProgress, make_progress, render


def test_render_shows_count_rate_and_eta() -> None:
    line = render("ko", 50, 200, 10.0)
    assert "50/200" in line
    assert "5.0 sent/s" in line
    assert "ETA 0:30" in line
    assert line.count("█") == 7


def test_tty_redraws_one_line() -> None:
    out = io.StringIO()
    bar = TerminalProgress(out, tty=True)
    bar.start("zh_CN", 4)
    for done in range(1, 5):
        bar.advance(done)
    bar.finish()
    text = out.getvalue()
    assert text.count("\r") == 5
    assert text.endswith("\n") and text.count("\n") == 1
    assert "4/4" in text


def test_plain_output_prints_whole_lines_not_every_step() -> None:
    out = io.StringIO()
    bar = TerminalProgress(out, tty=False)
    bar.start("ko", 1000)
    for done in range(1, 1000):
        bar.advance(done)
    bar.advance(1000)
    lines = out.getvalue().splitlines()
    assert "\r" not in out.getvalue()
    assert lines[0].endswith("ETA 0:00") and "0/1000" in lines[0]
    assert "1000/1000" in lines[-1]
    assert len(lines) == 2, "no line between the first and the last within a few seconds"


def test_quiet_draws_nothing() -> None:
    assert isinstance(make_progress(quiet=True), NullProgress)

"""Merge conformance over real catalogue pairs (tests/data/merge): `locpipe
update` against `msgmerge --previous`, entry by entry.

For every pair: no human translation of the old catalogue is lost, every
entry msgmerge fills (translated or fuzzy) locpipe fills too, from a source
at least as similar as msgmerge's, the result passes `msgfmt -c`, and a
second update writes no file. `python -m tests.support.merge_parity DIR`
prints the table of both tools' results.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.merge_parity import compare

PAIRS = sorted(p for p in (Path(__file__).parent / "data" / "merge").iterdir() if p.is_dir())


@pytest.mark.parametrize("pair", PAIRS, ids=[p.name for p in PAIRS])
def test_locpipe_update_keeps_and_fills_what_msgmerge_does(tmp_path: Path, pair: Path) -> None:
    locale = pair.name.rsplit("-", 1)[1]
    result = compare(pair.name, pair / "old.po", pair / "new.pot", locale, tmp_path)
    assert result.msgmerge_lost == (), "the reference itself keeps every translation"
    assert result.lost == (), "human translations locpipe dropped"
    assert result.unfilled == (), "entries msgmerge fills that locpipe leaves empty"
    assert result.farther == (), "fuzzy fills from a less similar source than msgmerge's"
    assert result.msgfmt_errors == ""
    assert result.second_run_wrote == ()
    assert result.locpipe.translated == result.msgmerge.translated

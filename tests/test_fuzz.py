"""Fuzzing the PO reader, the configuration and the CLI: no input ends in a
traceback (issue 24).

Bounded here (a few seconds); the long campaign is `python -m
tests.support.fuzz --seconds N` (its counts are in the issue's notes). Each
input must be read, or refused with a LocpipeError (one line for the user);
what the reader reads must be written stably (write → read → write).
"""

from __future__ import annotations

import tempfile
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support import fuzz


def test_mutated_real_catalogues_never_crash_the_reader() -> None:
    counts: Counter[str] = Counter()
    mutations = fuzz.mutations(seed=24)
    for _ in range(400):
        path, data = next(mutations)
        counts[fuzz.reader_outcome(data, path.name)] += 1
    assert set(counts) == {"read", "refused"}, counts
    assert counts["read"] > 50 and counts["refused"] > 50  # both paths were exercised


_po_token = st.sampled_from(
    [
        'msgid "a"', 'msgid ""', 'msgstr "b"', 'msgstr ""', 'msgctxt "c"', 'msgid_plural "p"',
        'msgstr[0] "x"', 'msgstr[1] "y"', "msgstr[7] ''", '"continued"', '"\\n"', "#, fuzzy",
        "#, python-format, no-c-format", "#: a.py:1 b.py", "#. note", "# translator",
        '#| msgid "old"', '#~ msgid "gone"', '#~ msgstr "x"', '#~| msgid "older"', "",
        '"Content-Type: text/plain; charset=UTF-8\\n"', '"Plural-Forms: nplurals=2;\\n"',
    ]
)  # fmt: skip
_fragment = st.sampled_from([f.decode("latin-1") for f in fuzz.FRAGMENTS])


def _with_fragment(token: str, fragment: str) -> str:
    """`token` with `fragment` inside its first string (or in front)."""
    return token.replace('"', '"' + fragment, 1) if '"' in token else fragment + token


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            _po_token, st.builds(lambda t, f: t.replace('"', '"' + f, 1), _po_token, _fragment)
        ),
        max_size=25,
    ),
    st.sampled_from(["utf-8", "latin-1"]),
)
def test_po_token_soup_is_read_or_refused(lines: list[str], encoding: str) -> None:
    data = "\n".join(lines).encode(encoding, "surrogateescape")
    assert fuzz.reader_outcome(data, "soup.po") in ("read", "refused")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_are_read_or_refused(data: bytes) -> None:
    assert fuzz.reader_outcome(data, "bytes.po") in ("read", "refused")


def test_mutated_catalogues_through_the_cli(tmp_path: Path) -> None:
    """`locpipe check FILE` and `locpipe translate` (pseudo engine) over a
    project whose catalogue is a mutated real one."""
    catalogue = fuzz.pseudo_project(tmp_path / "project")
    argv = ["translate", "-q", "-C", str(tmp_path / "project"), "--engine", "pseudo"]
    outcomes: Counter[str] = Counter()
    mutations = fuzz.mutations(seed=7)
    for n in range(40):
        path, data = next(mutations)
        target = tmp_path / f"m{n}{path.suffix}"
        target.write_bytes(data)
        outcomes["check " + fuzz.cli_outcome(["check", str(target)])] += 1
        if n % 2 == 0:
            catalogue.write_bytes(data)
            outcomes["translate " + fuzz.cli_outcome(argv)] += 1
    assert not [o for o in outcomes if "crash" in o], outcomes
    assert outcomes["check exit 1"] and outcomes["translate exit 1"]  # refusals seen


_value = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False),
    st.text(max_size=12),
    st.lists(st.text(max_size=8), max_size=3),
    st.dictionaries(st.text(max_size=5), st.text(max_size=8), max_size=2),
)
_keys = st.sampled_from(
    [
        "locales", "sources", "templates", "compendia", "locales_dir", "build_dir", "compile",
        "beam_size", "threads", "device", "layout", "pseudo_locale", "format_flags", "glossary",
        "do_not_translate", "models", "allow_outside_project", "source_language", "project",
    ]
)  # fmt: skip


def _toml(value: object) -> str:
    import json

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)} = {json.dumps(v)}" for k, v in value.items()) + "}"
    return json.dumps(value)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.dictionaries(_keys, _value, max_size=4))
def test_any_setting_is_run_or_refused(tmp_path: Path, table: dict[str, object]) -> None:
    """Any value for any key of locpipe.toml, through `locpipe translate`."""
    root = Path(tempfile.mkdtemp(dir=tmp_path))
    (root / "content").mkdir()
    lines = [f"{key} = {_toml(value)}" for key, value in table.items() if value is not None]
    (root / "locpipe.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    outcome = fuzz.cli_outcome(["translate", "-q", "-C", str(root), "--engine", "pseudo"])
    assert outcome.startswith("exit "), outcome

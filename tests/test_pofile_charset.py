"""The writer against msgcat on what real catalogues contain beyond the
common case: an ASCII charset, header-only files, a translator's header."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from locpipe.formats.pofile import format_po, parse_po, write_po
from locpipe.model import Catalog
from tests.conftest import Project

ASCII = (
    b"# Old catalogue.\n"
    b'msgid ""\nmsgstr ""\n'
    b'"Project-Id-Version: app 1.0\\n"\n'
    b'"Content-Type: text/plain; charset={charset}\\n"\n'
    b'"Content-Transfer-Encoding: 7bit\\n"\n\n'
    b'msgid "Hello"\nmsgstr "Hallo"\n'
)


def _msgcat(path: Path, *options: str) -> bytes:
    return subprocess.run(["msgcat", *options, str(path)], capture_output=True, check=True).stdout


@pytest.mark.parametrize("charset", [b"ASCII", b"US-ASCII", b"ascii"])
def test_an_ascii_catalogue_is_written_as_msgcat_writes_it(tmp_path: Path, charset: bytes) -> None:
    source = tmp_path / "in.po"
    source.write_bytes(ASCII.replace(b"{charset}", charset))
    assert format_po(parse_po(source.read_bytes(), "in.po")).encode() == _msgcat(source)


def test_an_ascii_catalogue_given_korean_says_utf8(tmp_path: Path) -> None:
    cat = parse_po(ASCII.replace(b"{charset}", b"ASCII"), "in.po")
    translated = Catalog(cat.header, tuple(m.replace(msgstr="안녕") for m in cat.messages))
    target = tmp_path / "out.po"
    write_po(target, translated)
    assert b"charset=UTF-8" in target.read_bytes()
    check = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(target)], capture_output=True)
    assert check.returncode == 0, check.stderr
    assert _msgcat(target) == target.read_bytes()


def test_a_header_only_catalogue_is_written_as_msgcat_force_po_writes_it(tmp_path: Path) -> None:
    # msgcat writes nothing for it without --force-po; locpipe keeps the file,
    # so an empty catalogue keeps its Language, Plural-Forms and translator.
    source = tmp_path / "in.po"
    source.write_bytes(ASCII.replace(b"{charset}", b"UTF-8").split(b'msgid "Hello"')[0])
    assert _msgcat(source) == b""
    ours = format_po(parse_po(source.read_bytes(), "in.po")).encode()
    assert ours == _msgcat(source, "--force-po")


def test_last_translator_set_by_a_person_is_kept(project: Project) -> None:
    (project.root / "locpipe.toml").write_text(
        'locales = ["ko"]\nsources = []\ntemplates = ["app.pot"]\n', encoding="utf-8"
    )
    pot = project.root / "app.pot"
    pot.write_text('msgid ""\nmsgstr ""\n\nmsgid "One"\nmsgstr ""\n', encoding="utf-8")
    project.run("update", "-q", check=True)
    po = project.root / "locales" / "ko" / "LC_MESSAGES" / "app.po"
    text = po.read_text(encoding="utf-8")
    assert '"Last-Translator: locpipe\\n"' in text
    po.write_text(
        text.replace("Last-Translator: locpipe", "Last-Translator: Kim Minji <mj@example.org>"),
        encoding="utf-8",
    )
    pot.write_text(pot.read_text(encoding="utf-8") + '\nmsgid "Two"\nmsgstr ""\n', "utf-8")
    project.run("update", "-q", check=True)
    assert '"Last-Translator: Kim Minji <mj@example.org>\\n"' in po.read_text(encoding="utf-8")

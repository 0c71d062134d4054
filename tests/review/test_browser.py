"""`locpipe review --serve` in a real browser: Debian's Chromium, driven by Playwright.

Skipped, saying why, when Chromium or Playwright is missing on a developer's
machine; `.ci/run` sets LOCPIPE_REQUIRE_BROWSER=1, which makes a missing
browser a failure instead. The browser is never downloaded: Playwright runs
the system's /usr/bin/chromium.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import polib
import pytest

from locpipe import pipeline, status
from locpipe.config import Config, load_config
from locpipe.review.server import ReviewServer, serve, start
from locpipe.review.session import Session
from tests.review.conftest import (
    ACCEPTED,
    EDIT_KO,
    EDITED,
    NOW,
    REJECTED,
    SKIPPED,
    po_path,
)
from tests.support import review_project
from tests.support.browser import launch, missing

REQUIRED = os.environ.get("LOCPIPE_REQUIRE_BROWSER") == "1"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    why = missing()
    if why is not None:
        if REQUIRED:
            pytest.fail(f"browser tests required (LOCPIPE_REQUIRE_BROWSER=1): {why}")
        pytest.skip(why)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = launch(playwright)
        yield launched
        launched.close()


@pytest.fixture
def server(config: Config) -> Iterator[ReviewServer]:
    running = serve(Session(config, now=lambda: NOW), 0)
    start(running)
    yield running
    running.shutdown()
    running.server_close()


@pytest.fixture
def page(browser: Any, server: ReviewServer) -> Iterator[Any]:
    context = browser.new_context()
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.goto(server.url + "#ko%2Fsharing")
    opened.wait_for_selector("#list li")
    yield opened
    context.close()
    assert errors == []


def expect(locator: Any) -> Any:
    """Playwright's expect: it waits without evaluating strings, which the
    page's Content-Security-Policy forbids."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def wait_for_entry(page: Any, msgid: str) -> None:
    expect(page.locator("#source")).to_have_text(msgid)


def test_accept_edit_reject_and_save_write_what_the_cli_lifecycle_writes(
    page: Any, config: Config, tmp_path: Path
) -> None:
    # What the same three decisions give through a PO editor and `locpipe update`.
    copy = tmp_path / "copy"
    shutil.copytree(config.root, copy)
    copy_config = load_config(copy)
    po = polib.pofile(str(po_path(copy_config)), wrapwidth=0)
    for e in po:
        if e.msgid in (ACCEPTED, EDITED):
            e.flags.remove("fuzzy")
        if e.msgid == EDITED:
            e.msgstr = EDIT_KO
        if e.msgid == REJECTED:
            e.msgstr, e.tcomment = "", ""
            e.flags.remove("fuzzy")
    po.save()
    pipeline.translate(copy_config, None, stop_after="update", now=NOW)
    expected = po_path(copy_config).read_bytes()

    # Worst score first: the entry that lost its number, with its QA error.
    wait_for_entry(page, EDITED)
    assert "numbers" in str(page.text_content("#problems"))
    page.fill("#text-0", EDIT_KO)
    # QA is recomputed for the text as typed.
    expect(page.locator("#problems")).to_have_text("no findings")
    page.keyboard.press("Control+Enter")  # an edit, since the text changed
    wait_for_entry(page, REJECTED)
    page.keyboard.press("Control+Shift+Backspace")
    wait_for_entry(page, SKIPPED)
    page.keyboard.press("Alt+ArrowDown")
    wait_for_entry(page, ACCEPTED)
    page.keyboard.press("Control+Enter")
    assert "3 decision(s) to save" in str(page.text_content("#pending"))
    page.keyboard.press("Alt+ArrowUp")  # back to it: the decision shows, the text is kept
    wait_for_entry(page, ACCEPTED)
    assert page.input_value("#text-0") == review_project.TRANSLATIONS["ko"][ACCEPTED]
    assert "Decided: accept" in str(page.text_content("#decision"))
    assert po_path(config).read_bytes() != expected  # nothing written before the save
    page.keyboard.press("Control+S")
    expect(page.locator("#message")).to_contain_text("Saved 3 decision(s)")

    assert po_path(config).read_bytes() == expected

    # The page's progress figures are those of `locpipe status`.
    rows = json.loads(status.format_json(status.gather(config), config.locales))
    for row in rows["locales"]:
        button = page.locator(f'#locales button[data-locale="{row["locale"]}"]')
        for name in ("reviewed", "machine", "fuzzy", "untranslated"):
            shown = button.locator(f'[data-count="{name}"]').text_content()
            assert shown == f"{row[name]} {name}", (row["locale"], name)
        assert button.locator('[data-count="percent_reviewed"]').text_content() == (
            f"{row['percent_reviewed']:.1f}%"  # as the `status` table shows it
        )
    ko = rows["locales"][0]
    assert (ko["reviewed"], ko["machine"], ko["untranslated"]) == (2, 6, 1)
    assert page.evaluate("localStorage.length") == 0  # nothing left unsaved


def test_a_file_saved_by_another_tool_is_not_overwritten_and_the_typed_text_stays(
    page: Any, config: Config
) -> None:
    wait_for_entry(page, EDITED)
    page.fill("#text-0", EDIT_KO)
    page.keyboard.press("Control+Enter")
    wait_for_entry(page, REJECTED)
    typed = "백업을 복원하면 작업 공간의 파일이 모두 바뀝니다."
    page.fill("#text-0", typed)  # typed, not decided yet

    # Another tool saves the catalogue meanwhile.
    path = po_path(config)
    po = polib.pofile(str(path))
    next(e for e in po if e.msgid == ACCEPTED).msgstr = "백업은 매일 밤 2:00(UTC)에 실행됩니다."
    po.save()
    theirs = path.read_bytes()

    page.keyboard.press("Control+S")
    expect(page.locator("#message")).to_contain_text("Not saved")
    message = str(page.text_content("#message"))
    assert "changed on disk since the page read it" in message
    assert "nothing was written" in message
    assert path.read_bytes() == theirs
    # Everything typed is still in the page, and kept in the browser too.
    assert page.input_value("#text-0") == typed
    assert "1 decision(s) to save, 1 typed text(s)" in str(page.text_content("#pending"))
    page.keyboard.press("Alt+ArrowUp")
    wait_for_entry(page, EDITED)
    assert page.input_value("#text-0") == EDIT_KO

    # Even a reload of the page keeps them (the browser's copy).
    page.reload()
    page.wait_for_selector("#list li")
    assert "Restored 2" in str(page.text_content("#message"))
    assert "1 decision(s) to save, 1 typed text(s)" in str(page.text_content("#pending"))
    assert page.is_enabled("#save")
    wait_for_entry(page, EDITED)
    assert page.input_value("#text-0") == EDIT_KO
    page.keyboard.press("Alt+ArrowDown")
    wait_for_entry(page, REJECTED)
    assert page.input_value("#text-0") == typed

    # Saved after the reload: the other tool's text and the reviewer's both stand.
    page.keyboard.press("Control+S")
    expect(page.locator("#message")).to_contain_text("Saved 1 decision(s)")
    text = path.read_text(encoding="utf-8")
    assert "백업은 매일 밤 2:00(UTC)에 실행됩니다." in text
    assert EDIT_KO in text
    assert typed not in text  # typed but never accepted: still only in the page
    assert page.input_value("#text-0") == typed

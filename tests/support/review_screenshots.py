"""Screenshots of the review page in ko and zh_CN, on the hand-translated project.

`python -m tests.support.review_screenshots OUT_DIR` writes review-ko.png and
review-zh_CN.png: the page as a reviewer sees it after a few decisions, in
Debian's Chromium (/usr/bin/chromium), with the Noto CJK fonts
(`apt-get install fonts-noto-cjk`) for the Korean and Chinese text.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from locpipe.review.server import serve, start
from locpipe.review.session import Session
from tests.support import review_project
from tests.support.browser import launch


def shoot(out: Path) -> list[Path]:
    """Write the two screenshots into `out`; return their paths."""
    from playwright.sync_api import expect, sync_playwright

    written = []
    with tempfile.TemporaryDirectory() as tmp:
        config = review_project.make(Path(tmp) / "proj")
        server = serve(Session(config), 0)
        start(server)
        with sync_playwright() as playwright:
            browser = launch(playwright)
            page = browser.new_page(viewport={"width": 1400, "height": 860})
            # ko: two entries decided, the third (a lost number) being fixed as typed.
            page.goto(server.url + "#ko%2Fsharing")
            page.wait_for_selector("#list li")
            page.fill("#text-0", "초대된 멤버는 7일 후 만료되는 링크가 담긴 이메일을 받습니다.")
            page.keyboard.press("Control+Enter")
            page.keyboard.press("Control+Enter")
            page.keyboard.press("Alt+ArrowDown")
            page.keyboard.press("Alt+ArrowDown")
            page.keyboard.press("Alt+ArrowDown")
            page.fill("#text-0", "백업이 두 번 연속 실패하면 문의하세요.")
            expect(page.locator("#problems")).to_contain_text("glossary")
            written.append(out / "review-ko.png")
            page.screenshot(path=written[-1])
            # zh_CN: the entry whose source changed since it was translated.
            page.goto("about:blank")
            page.goto(server.url + "#zh_CN%2Fsharing")
            page.wait_for_selector("#list li")
            page.locator("#list li").last.click()
            expect(page.locator("#diff ins")).to_have_text(" and admins")
            page.fill("#text-0", "只有所有者和管理员才能删除工作区。")
            expect(page.locator("#qa-state")).to_have_text("(as typed)")
            written.append(out / "review-zh_CN.png")
            page.screenshot(path=written[-1])
            browser.close()
        server.shutdown()
        server.server_close()
    return written


if __name__ == "__main__":
    for path in shoot(Path(sys.argv[1])):
        print(path)

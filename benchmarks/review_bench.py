"""(i) The review page on a 5,000-entry catalogue: how long each request takes.

One document of 5,000 distinct sentences (the benchmark corpus), its ko
catalogue filled with machine entries (placeholder Korean text and seeded
scores, as `locpipe translate` would leave them), reviewed through the page's
own server. Each figure is the median of several runs:

- the baseline: reading that catalogue and running `locpipe check`'s QA on it
  (`qa.project.check_catalogue`), the work any view of its findings must do;
- `api/catalogue`: the whole page of the catalogue (every entry with its
  context, terms, diff and QA) through the App, and over HTTP on 127.0.0.1;
- `api/check`: QA of one entry as typed; `api/save`: one accepted entry
  written (the whole file, under the lock);
- with Chromium installed: the page opened until its list of 5,000 entries
  is drawn.

`python -m benchmarks.review_bench` prints the rows alone.
"""

from __future__ import annotations

import http.client
import json
import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks.corpus import make_corpus
from locpipe import catalog, pipeline, terms
from locpipe.config import load_config
from locpipe.formats.pofile import read_po, write_po
from locpipe.layout import Paths
from locpipe.qa.project import check_catalogue
from locpipe.review.server import App, Request, serve, start
from locpipe.review.session import Session
from tests.support.browser import launch, missing

ENTRIES = 5000


@dataclass(frozen=True, slots=True)
class ReviewFigures:
    entries: int
    baseline: float  # seconds: read + QA of the catalogue
    baseline_cpu: float  # the same in CPU seconds (what the machine's load does not change)
    cold: float  # the first api/catalogue through the App (every entry checked)
    cold_cpu: float
    catalogue: float  # api/catalogue again (QA findings remembered)
    catalogue_http: float  # the same over HTTP
    json_bytes: int
    check: float
    save: float
    #: the page opened until its first entry is shown, and until all are listed
    browser: tuple[float, float] | None


def _median(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


#: Words for placeholder Korean text (what the checks see, not a translation).
_WORDS = (
    "시의회는 정부가 연구진이 새로운 계획을 지난주 발표했다 지역 주민들의 교통 예산을 위해 "
    "오늘 병원 학교 항구 에너지 박물관 관계자는 올해 말까지 검토할 것이라고 밝혔다 그러나"
).split()


def _placeholder_korean(source: str, rng: random.Random) -> str:
    """Korean-looking text about half as many words long as `source`, with
    its numbers (a tenth of them lost, as machine output loses some)."""
    words = [rng.choice(_WORDS) for _ in range(max(2, len(source.split()) // 2))]
    numbers = [w.strip(".,") for w in source.split() if w.strip(".,").isdigit()]
    if rng.random() > 0.1:
        words += numbers
    return " ".join(words) + "."


def make_project(root: Path, entries: int = ENTRIES) -> None:
    """A project whose one document has `entries` distinct sentences, its ko
    catalogue all machine entries."""
    sentences = make_corpus(distinct=entries, repeats=0.0, documents=1).distinct
    (root / "content").mkdir(parents=True)
    paragraphs = [" ".join(sentences[i : i + 5]) for i in range(0, len(sentences), 5)]
    (root / "content" / "big.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    (root / "locpipe.toml").write_text(
        'locales = ["ko"]\nsources = ["content/*.txt"]\n', encoding="utf-8"
    )
    config = load_config(root)
    pipeline.translate(config, None, stop_after="update")
    path = Paths.of(config).catalog("ko", "big")
    cat = read_po(path)
    rng = random.Random(5)
    texts = {m.msgid: _placeholder_korean(m.msgid, rng) for m in cat.active()}
    scores = {text: -rng.uniform(0.05, 2.5) for text in texts}
    filled, count = catalog.apply_machine(cat, texts, "argos bench 1.0", scores=scores)
    assert count == len(cat.active())
    write_po(path, filled)


def run(work: Path) -> ReviewFigures:
    """Measure the review server on a project made under `work`."""
    root = work / "review-project"
    make_project(root)
    config = load_config(root)
    path = Paths.of(config).catalog("ko", "big")
    glossary = terms.load(config, "ko")

    def baseline() -> object:
        return check_catalogue(read_po(path), "big.po", "ko", glossary, config)

    server = serve(Session(config), 0)
    start(server)
    app: App = server.app
    port = server.server_address[1]
    headers = {"host": f"127.0.0.1:{port}", "content-type": "application/json"}
    route = f"/{app.token}/api/catalogue?locale=ko&domain=big"
    try:
        cpu = time.process_time()
        base = _median(3, baseline)
        base_cpu = (time.process_time() - cpu) / 3
        started, cpu = time.perf_counter(), time.process_time()
        response = app.handle(Request("GET", route, headers))
        cold, cold_cpu = time.perf_counter() - started, time.process_time() - cpu
        page = json.loads(response.body)
        assert len(page["entries"]) == ENTRIES
        in_app = _median(5, lambda: app.handle(Request("GET", route, headers)))

        def over_http() -> object:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            conn.request("GET", route, headers={"Host": headers["host"]})
            data = conn.getresponse().read()
            conn.close()
            return data

        http_time = _median(5, over_http)
        first = page["entries"][0]
        ask = {
            "locale": "ko",
            "domain": "big",
            "version": page["version"],
            "key": first["key"],
            "texts": ["시의회는 3 계획을 발표했다."],
        }
        check_body = json.dumps(ask).encode()
        check = _median(
            20, lambda: app.handle(Request("POST", f"/{app.token}/api/check", headers, check_body))
        )
        # Before the saves below, which take entries out of the list the page opens on.
        browser = _browser(server.url + "#ko%2Fbig") if missing() is None else None
        saves = []
        for entry in page["entries"][:5]:
            version = json.loads(app.handle(Request("GET", route, headers)).body)["version"]
            decision = {"key": entry["key"], "action": "accept", "texts": []}
            data = {"locale": "ko", "domain": "big", "version": version, "decisions": [decision]}
            started = time.perf_counter()
            saved = app.handle(
                Request("POST", f"/{app.token}/api/save", headers, json.dumps(data).encode())
            )
            saves.append(time.perf_counter() - started)
            assert saved.status == 200, saved.body
    finally:
        server.shutdown()
        server.server_close()
    return ReviewFigures(
        entries=ENTRIES,
        baseline=base,
        baseline_cpu=base_cpu,
        cold=cold,
        cold_cpu=cold_cpu,
        catalogue=in_app,
        catalogue_http=http_time,
        json_bytes=len(response.body),
        check=check,
        save=statistics.median(saves),
        browser=browser,
    )


def _browser(url: str) -> tuple[float, float]:
    """Seconds from opening the page to its first entry shown (ready to be
    worked on), and to its whole list of entries drawn (medians of 3)."""
    from playwright.sync_api import sync_playwright

    first, whole = [], []
    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page()
        for _ in range(3):
            page.goto("about:blank")
            started = time.perf_counter()
            page.goto(url)
            page.locator("#text-0").wait_for(timeout=120_000)
            first.append(time.perf_counter() - started)
            page.locator("#list li").nth(ENTRIES - 1).wait_for(state="attached", timeout=120_000)
            whole.append(time.perf_counter() - started)
        browser.close()
    return statistics.median(first), statistics.median(whole)


def rows(f: ReviewFigures) -> list[tuple[str, str, str, str]]:
    """The benchmark table's rows for the review page."""
    shown, listed = (f"{t:8.2f} s" for t in f.browser) if f.browser else ("(no chromium)",) * 2
    return [
        (
            f"(i) baseline: read + QA one catalogue, {f.entries} entries",
            f"{f.baseline:8.3f} s ({f.baseline_cpu:.3f} s CPU)",
            "",
            "",
        ),
        (
            f"(i) review page, first api/catalogue ({f.json_bytes / 1e6:.1f} MB of JSON)",
            f"{f.cold:8.3f} s ({f.cold_cpu:.3f} s CPU)",
            "",
            "",
        ),
        (
            "(i) first api/catalogue / baseline, CPU seconds",
            f"{f.cold_cpu / f.baseline_cpu:8.2f} x",
            "<= 1.5",
            "",
        ),
        ("(i) api/catalogue again (QA remembered)", f"{f.catalogue:8.3f} s", "<= 1 s", ""),
        (
            "(i) api/catalogue again, over HTTP on 127.0.0.1",
            f"{f.catalogue_http:8.3f} s",
            "<= 1 s",
            "",
        ),
        ("(i) api/check (QA of one entry as typed)", f"{f.check * 1000:8.1f} ms", "<= 100 ms", ""),
        ("(i) api/save (one decision, whole file)", f"{f.save:8.3f} s", "<= 1 s", ""),
        ("(i) Chromium: page opened until the first entry is shown", shown, "<= 2 s", ""),
        (f"(i) Chromium: ... until all {f.entries} entries are listed", listed, "<= 5 s", ""),
    ]


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="locpipe-review-bench-") as tmp:
        figures = run(Path(tmp))
        shutil.rmtree(tmp, ignore_errors=True)
    for name, value, target, _ in rows(figures):
        print(f"{name:70} {value:>16}  {target}")


if __name__ == "__main__":
    main()

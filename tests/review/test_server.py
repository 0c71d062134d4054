"""`locpipe review --serve` without a browser: the server's checks, its pages and its saves.

The App is called directly (no socket) for everything but the two tests of
the HTTP layer and of the command, which use a loopback server they start.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import polib
import pytest

from locpipe import catalog, pipeline, status
from locpipe.config import Config, load_config
from locpipe.formats.pofile import read_po
from locpipe.lock import project_lock
from locpipe.model import Catalog
from locpipe.review import store
from locpipe.review.decisions import Decision, DecisionError, apply
from locpipe.review.server import App, Request, Response, serve, start
from locpipe.review.session import Session
from tests.conftest import NETGUARD, REPO
from tests.review.conftest import (
    ACCEPTED,
    CHANGED,
    EDIT_KO,
    EDITED,
    NOW,
    REJECTED,
    po_path,
)
from tests.support import review_project
from tests.support.network import allow_loopback, forbid_loopback

TOKEN = "s3cret-token"
PORT = 8484
HOST = {"host": f"127.0.0.1:{PORT}"}


@pytest.fixture
def app(config: Config) -> App:
    return App(Session(config, now=lambda: NOW), TOKEN, PORT)


def get(app: App, route: str, headers: dict[str, str] | None = None) -> Response:
    return app.handle(Request("GET", f"/{TOKEN}/{route}", HOST if headers is None else headers))


def post(app: App, route: str, data: object, **extra: str) -> Response:
    headers = {**HOST, "content-type": "application/json", **extra}
    return app.handle(Request("POST", f"/{TOKEN}/{route}", headers, json.dumps(data).encode()))


def body(response: Response) -> Any:
    return json.loads(response.body)


def page(app: App, locale: str = "ko") -> dict[str, Any]:
    response = get(app, f"api/catalogue?locale={locale}&domain=sharing")
    assert response.status == 200, response.body
    result: dict[str, Any] = body(response)
    return result


def entry(data: dict[str, Any], msgid: str) -> dict[str, Any]:
    found: dict[str, Any] = next(e for e in data["entries"] if e["msgid"] == msgid)
    return found


# -- who may ask -----------------------------------------------------------------


@pytest.mark.parametrize(
    "target",
    [f"/{TOKEN}x/", f"/{TOKEN[:-1]}/", "/", "/api/project", f"/x/{TOKEN}/", "", f"/?token={TOKEN}"],
    ids=["longer", "shorter", "none", "no-token-api", "not-first", "empty", "query"],
)
def test_every_request_needs_the_token(app: App, target: str) -> None:
    response = app.handle(Request("GET", target, HOST))
    assert response.status == 403
    assert "token" in body(response)["message"]
    for_post = app.handle(Request("POST", target + "api/save", HOST, b"{}"))
    assert for_post.status == 403


def test_the_page_its_script_and_the_api_answer_with_the_token(app: App) -> None:
    index = get(app, "")
    assert index.status == 200 and index.content_type.startswith("text/html")
    assert b'src="review.js"' in index.body
    assert get(app, "review.js").content_type.startswith("text/javascript")
    assert get(app, "review.css").status == 200
    assert body(get(app, "api/project"))["locales"] == ["ko", "zh_CN"]
    moved = app.handle(Request("GET", f"/{TOKEN}", HOST))
    assert moved.status == 301 and ("Location", f"/{TOKEN}/") in moved.headers


@pytest.mark.parametrize(
    "host",
    ["evil.example", f"evil.example:{PORT}", "127.0.0.1", f"127.0.0.1:{PORT + 1}", "", "[::1]"],
)
def test_other_host_headers_are_refused(app: App, host: str) -> None:
    """A DNS-rebinding page reaches 127.0.0.1 under its own name: refused."""
    response = get(app, "api/project", {"host": host})
    assert response.status == 421
    assert post(app, "api/save", {}, host=host).status == 421


def test_localhost_by_name_is_accepted(app: App) -> None:
    assert get(app, "api/project", {"host": f"localhost:{PORT}"}).status == 200


def test_posts_from_other_origins_or_not_json_are_refused(app: App) -> None:
    data = {"locale": "ko", "domain": "sharing", "version": "x", "decisions": []}
    assert post(app, "api/save", data, origin="http://evil.example").status == 403
    assert post(app, "api/save", data, origin=f"http://127.0.0.1:{PORT + 1}").status == 403
    plain = app.handle(Request("POST", f"/{TOKEN}/api/save", HOST, json.dumps(data).encode()))
    assert plain.status == 415
    assert post(app, "api/save", data, origin=f"http://127.0.0.1:{PORT}").status == 409


def test_every_response_forbids_framing_sniffing_and_foreign_scripts(app: App) -> None:
    for response in (get(app, ""), get(app, "api/project"), get(app, "", {"host": "x"})):
        headers = dict(response.headers)
        assert "script-src 'self'" in headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "no-referrer"


@pytest.mark.parametrize(
    ("locale", "domain"),
    [("ko", "../ko/LC_MESSAGES/sharing"), ("ko", "missing"), ("fr", "sharing"), ("ko", "")],
)
def test_only_the_projects_catalogues_can_be_named(app: App, locale: str, domain: str) -> None:
    response = get(app, f"api/catalogue?locale={locale}&domain={domain}")
    assert response.status == 400
    assert "no catalogue" in body(response)["message"]


# -- what the page shows -----------------------------------------------------------


def test_entries_come_worst_score_first_then_fuzzy(app: App) -> None:
    entries = page(app)["entries"]
    machine = [e["score"] for e in entries if e["state"] == "machine"]
    assert machine == sorted(review_project.SCORES[e["msgid"]] for e in entries[:9])
    assert [e["state"] for e in entries] == ["machine"] * 9 + ["fuzzy"]


def test_an_entry_carries_its_context_diff_terms_and_problems(app: App) -> None:
    data = page(app)
    edited = entry(data, EDITED)
    at = edited["place"]
    assert data["sentences"][at] == EDITED
    assert data["sentences"][at - 2 : at] == [
        "Open the settings page and choose a workspace.",
        "You can invite up to 5 people to each workspace.",
    ]
    assert data["sentences"][at + 1 : at + 3] == [
        CHANGED,
        "To change a member's role, select the member and click **Edit role**.",
    ]
    assert data["context"] == 2
    assert entry(data, "Backups")["source"] is None  # no glossary term in it
    assert [(p["check"], p["severity"]) for p in edited["problems"]] == [("numbers", "error")]
    changed = entry(data, CHANGED)
    assert changed["previous"] == review_project.EDITED[0]
    assert ["+", " and admins"] in changed["diff"]
    assert "".join(t for op, t in changed["diff"] if op != "+") == review_project.EDITED[0]
    assert "".join(t for op, t in changed["diff"] if op != "-") == CHANGED
    support = entry(data, "Contact support if a backup fails twice in a row.")
    assert [t["target"] for t in support["terms"]] == ["지원팀", "백업"]
    marked = [(text, i) for text, i in support["source"] if i is not None]
    assert marked == [("support", 0), ("backup", 1)]
    assert "".join(text for text, _ in support["source"]) == support["msgid"]


def test_progress_is_what_status_reports(app: App, config: Config) -> None:
    shown = body(get(app, "api/status"))
    rows = status.gather(config)
    assert shown == json.loads(status.format_json(rows, config.locales))
    assert body(get(app, "api/project"))["status"] == shown


def test_qa_is_recomputed_for_the_text_as_typed(app: App) -> None:
    key = [None, EDITED]
    ask = {"locale": "ko", "domain": "sharing", "key": key}
    fixed = body(post(app, "api/check", {**ask, "texts": [EDIT_KO]}))
    assert fixed == {"problems": []}
    broken = body(post(app, "api/check", {**ask, "texts": ["7일 후 %(name)s"]}))
    assert "numbers" not in {p["check"] for p in broken["problems"]}
    assert "placeholders" in {p["check"] for p in broken["problems"]}
    empty = body(post(app, "api/check", {**ask, "texts": [""]}))
    assert [p["check"] for p in empty["problems"]] == ["untranslated"]
    # The glossary is checked as for a reviewed entry: "지원팀" missing.
    contact = [None, "Contact support if a backup fails twice in a row."]
    lacking = body(post(app, "api/check", {**ask, "key": contact, "texts": ["백업 문의"]}))
    assert "glossary" in {p["check"] for p in lacking["problems"]}


# -- saving ------------------------------------------------------------------------


def decisions() -> list[dict[str, object]]:
    return [
        {"key": [None, ACCEPTED], "action": "accept", "texts": []},
        {"key": [None, EDITED], "action": "edit", "texts": [EDIT_KO]},
        {"key": [None, REJECTED], "action": "reject", "texts": []},
        {"key": [None, CHANGED], "action": "accept", "texts": []},
    ]


def save(app: App, version: str, items: list[dict[str, object]] | None = None) -> Response:
    data = {"locale": "ko", "domain": "sharing", "version": version, "decisions": items}
    return post(app, "api/save", {**data, "decisions": decisions() if items is None else items})


def edited_in_polib(path: Path) -> None:
    """What a reviewer does in a PO editor for the same four decisions."""
    po = polib.pofile(str(path), wrapwidth=0)
    for e in po:
        if e.msgid in (ACCEPTED, EDITED, CHANGED):
            e.flags.remove("fuzzy")
            e.previous_msgid = None
        if e.msgid == EDITED:
            e.msgstr = EDIT_KO
        if e.msgid == REJECTED:
            e.msgstr = ""
            e.flags.remove("fuzzy")
            e.tcomment = ""  # the machine's note goes with its text
    po.save()


def test_a_save_writes_what_a_po_editor_and_locpipe_update_write(
    app: App, config: Config, tmp_path: Path
) -> None:
    """The page's decisions give the bytes of the same decisions made in a PO
    editor (polib) and recorded by `locpipe update` (the CLI lifecycle)."""
    copy = tmp_path / "copy"
    shutil.copytree(config.root, copy)
    copy_config = load_config(copy)
    edited_in_polib(po_path(copy_config))
    pipeline.translate(copy_config, None, stop_after="update", now=NOW)
    expected = po_path(copy_config).read_bytes()

    response = save(app, page(app)["version"])
    assert response.status == 200, response.body
    written = po_path(config).read_bytes()
    assert written == expected
    # The library path on the same copy gives the same bytes as well.
    cat = read_po(po_path(config))
    states = {m.msgid: catalog.state(m) for m in cat.active()}
    assert states[ACCEPTED] is states[EDITED] is states[CHANGED] is catalog.State.REVIEWED
    assert states[REJECTED] is catalog.State.UNTRANSLATED
    accepted = next(m for m in cat.active() if m.msgid == ACCEPTED)
    assert accepted.translator_comments == ("mt-reviewed: argos translate-en_ko 1.1",)
    assert po_path(config).read_text(encoding="utf-8").count("PO-Revision-Date: 2030-01-02 03:04")

    result = body(response)
    assert result["status"] == json.loads(status.format_json(status.gather(config), config.locales))
    ko = result["status"]["locales"][0]
    assert (ko["reviewed"], ko["machine"], ko["fuzzy"], ko["untranslated"]) == (3, 6, 0, 1)
    assert result["catalogue"]["version"] != page(app, "zh_CN")["version"]
    assert entry(result["catalogue"], EDITED)["texts"] == [EDIT_KO]
    # Nothing left for `locpipe update` to change: the save already wrote it all.
    before = written
    pipeline.translate(config, None, stop_after="update", now=NOW)
    assert po_path(config).read_bytes() == before


def test_a_second_save_with_the_old_version_is_refused(app: App, config: Config) -> None:
    version = page(app)["version"]
    assert save(app, version, decisions()[:1]).status == 200
    written = po_path(config).read_bytes()
    again = save(app, version, decisions()[1:2])
    assert again.status == 409
    assert po_path(config).read_bytes() == written


def test_a_file_saved_by_another_tool_since_the_page_read_it_is_not_overwritten(
    app: App, config: Config
) -> None:
    version = page(app)["version"]
    path = po_path(config)
    po = polib.pofile(str(path))
    next(e for e in po if e.msgid == ACCEPTED).msgstr = "백업은 매일 밤 2:00(UTC)에 실행됩니다."
    po.save()
    theirs = path.read_bytes()
    response = save(app, version)
    assert response.status == 409
    message = body(response)["message"]
    assert "changed on disk since the page read it" in message
    assert "locales/ko/LC_MESSAGES/sharing.po" in message
    assert "nothing was written" in message
    assert path.read_bytes() == theirs
    # After a reload the page saves on top of the other tool's text.
    assert save(app, page(app)["version"], decisions()[1:2]).status == 200
    cat = read_po(path)
    theirs_kept = next(m for m in cat.active() if m.msgid == ACCEPTED).msgstr
    assert theirs_kept == "백업은 매일 밤 2:00(UTC)에 실행됩니다."


def test_a_save_landing_after_the_check_and_before_the_write_is_not_overwritten(
    app: App, config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An editor takes no lock: a save can land after the page's version was
    checked, while the new text is being made. The write checks again."""
    version = page(app)["version"]
    path = po_path(config)
    real_format = store.format_po

    saved: list[bytes] = []

    def format_while_they_save(cat: Catalog) -> str:
        po = polib.pofile(str(path))
        next(e for e in po if e.msgid == ACCEPTED).msgstr = "그 사이에 저장한 번역"
        po.save()
        saved.append(path.read_bytes())
        return real_format(cat)

    monkeypatch.setattr(store, "format_po", format_while_they_save)
    response = save(app, version)
    assert response.status == 409
    assert "changed on disk since the page read it" in body(response)["message"]
    assert saved == [path.read_bytes()]  # their save, byte for byte


def test_a_save_while_a_run_holds_the_lock_writes_nothing(app: App, config: Config) -> None:
    version = page(app)["version"]
    before = po_path(config).read_bytes()
    with project_lock(config, wait=False):
        response = save(app, version)
    assert response.status == 423
    assert "a locpipe run is working" in body(response)["message"]
    assert po_path(config).read_bytes() == before
    assert save(app, version).status == 200


@pytest.mark.parametrize(
    ("item", "words"),
    [
        ({"key": [None, EDITED], "action": "edit", "texts": [""]}, "empty translation"),
        ({"key": [None, EDITED], "action": "edit", "texts": ["a", "b"]}, "2 translation(s)"),
        ({"key": [None, "No such sentence."], "action": "accept"}, "no entry"),
        ({"key": [None, EDITED], "action": "approve"}, "unknown action"),
        ({"key": EDITED, "action": "accept"}, "needs a key"),
    ],
    ids=["empty", "forms", "unknown-entry", "unknown-action", "bad-key"],
)
def test_bad_decisions_are_refused_and_write_nothing(
    app: App, config: Config, item: dict[str, object], words: str
) -> None:
    before = po_path(config).read_bytes()
    response = save(app, page(app)["version"], [item])
    assert response.status == 400
    assert words in body(response)["message"]
    assert po_path(config).read_bytes() == before


def test_malformed_requests_get_a_message(app: App) -> None:
    raw = app.handle(
        Request("POST", f"/{TOKEN}/api/save", {**HOST, "content-type": "application/json"}, b"{")
    )
    assert raw.status == 400 and "not JSON" in body(raw)["message"]
    assert post(app, "api/save", [1]).status == 400
    assert post(app, "api/nothing", {}).status == 404
    assert get(app, "api/nothing").status == 404
    assert app.handle(Request("DELETE", f"/{TOKEN}/api/save", HOST)).status == 405


def test_decisions_go_through_the_lifecycle_functions() -> None:
    machine = catalog.apply_machine(
        catalog.Catalog(catalog.Message(""), (catalog.Message("Hello %s"),)),
        {"Hello %s": "안녕 %s"},
        "argos x 1",
    )[0]
    accepted = apply(machine, [Decision((None, "Hello %s"), "accept")])
    assert accepted.messages == (catalog.accept(machine.messages[0]),)
    rejected = apply(machine, [Decision((None, "Hello %s"), "reject")])
    assert rejected.messages == (catalog.reject(machine.messages[0]),)
    assert catalog.state(rejected.messages[0]) is catalog.State.UNTRANSLATED
    with pytest.raises(DecisionError, match="empty"):
        apply(rejected, [Decision((None, "Hello %s"), "accept")])


# -- the HTTP layer and the command -------------------------------------------------


def test_the_server_answers_on_loopback_only_with_the_token(config: Config) -> None:
    server = serve(Session(config), 0, token=TOKEN)
    port = server.server_address[1]
    assert server.server_address[0] == "127.0.0.1"
    assert server.url == f"http://127.0.0.1:{port}/{TOKEN}/"
    start(server)
    allow_loopback(port)
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", f"/{TOKEN}/api/project")
        response = conn.getresponse()
        assert response.status == 200
        assert json.loads(response.read())["project"] == "workspace-docs"
        conn.request("GET", "/api/project")
        response = conn.getresponse()
        assert response.status == 403
        response.read()
        conn.putrequest("POST", f"/{TOKEN}/api/save")
        conn.putheader("Content-Length", str(64 * 1024 * 1024))
        conn.endheaders()
        assert conn.getresponse().status == 413
        conn.close()
    finally:
        forbid_loopback(port)
        server.shutdown()
        server.server_close()


def test_the_command_prints_the_address_and_stops_on_ctrl_c(config: Config) -> None:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("LOCPIPE_")},
        "PYTHONPATH": os.pathsep.join([str(NETGUARD), str(REPO)]),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "locpipe", "review", "--serve", "--port", "0"],
        cwd=config.root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.startswith("Review in your browser: http://127.0.0.1:")
        url = line.split(": ", 1)[1].strip()
        port = int(url.split(":")[2].split("/")[0])
        token = url.rstrip("/").rsplit("/", 1)[1]
        assert len(token) >= 32
        allow_loopback(port)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", f"/{token}/api/status")
        assert conn.getresponse().status == 200
        conn.close()
        forbid_loopback(port)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=20)
        assert process.returncode == 0
        assert "review server stopped" in err
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()


def test_a_port_in_use_is_one_line_naming_the_fix(config: Config) -> None:
    server = serve(Session(config), 0)
    try:
        port = server.server_address[1]
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(NETGUARD), str(REPO)])}
        done = subprocess.run(
            [sys.executable, "-m", "locpipe", "review", "--serve", "--port", str(port)],
            cwd=config.root,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        server.server_close()
    assert done.returncode == 1
    assert f"port {port} on 127.0.0.1 is in use" in done.stderr
    assert "--port" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_translation_msgfmt_would_reject_is_not_accepted(app: App, config: Config) -> None:
    path = po_path(config)
    po = polib.pofile(str(path))
    entry_ = next(e for e in po if e.msgid == ACCEPTED)
    entry_.msgid, entry_.flags = "Backups run every night at %(time)s.", ["fuzzy", "python-format"]
    po.save()
    before = path.read_bytes()
    key = [None, "Backups run every night at %(time)s."]
    data = page(app)
    lost = save(app, data["version"], [{"key": key, "action": "accept", "texts": []}])
    assert lost.status == 400
    assert "msgfmt -c would reject" in body(lost)["message"]
    assert path.read_bytes() == before
    fixed = {"key": key, "action": "edit", "texts": ["백업은 매일 밤 %(time)s에 실행됩니다."]}
    assert save(app, data["version"], [fixed]).status == 200

"""The review page's web server: the standard library's, on 127.0.0.1 only.

`App.handle` is the whole server as a function from a Request to a Response
(tested without sockets); `serve` puts it behind `http.server`'s threading
server. Every request, the page and its script included, must

- carry the session's random token as the first path segment
  (`http://127.0.0.1:PORT/TOKEN/`), compared in constant time: another user
  of the machine, or a web page guessing ports, cannot read or save;
- name this server in its Host header (127.0.0.1:PORT or localhost:PORT),
  so a DNS-rebinding page whose name now points at 127.0.0.1 is refused;
- for a POST, come from the page itself: JSON, and no Origin but this server's.

Responses forbid framing, sniffing, caching and referrers, and the page may
load nothing but its own script and style (Content-Security-Policy).
"""

from __future__ import annotations

import errno
import hmac
import json
import secrets
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Any
from urllib.parse import parse_qs, urlsplit

from locpipe.errors import LockedError, LocpipeError
from locpipe.review.decisions import Decision, DecisionError
from locpipe.review.session import Session, UnknownCatalogueError
from locpipe.review.store import ChangedOnDiskError

#: The largest request body accepted (a save of every entry of a big catalogue fits).
MAX_BODY = 32 * 1024 * 1024

HOST = "127.0.0.1"

_STATIC = {
    "": ("index.html", "text/html; charset=utf-8"),
    "review.js": ("review.js", "text/javascript; charset=utf-8"),
    "review.css": ("review.css", "text/css; charset=utf-8"),
}

_SECURITY_HEADERS = (
    (
        "Content-Security-Policy",
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
        "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    ),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "no-referrer"),
    ("Cache-Control", "no-store"),
)


@dataclass(frozen=True, slots=True)
class Request:
    """An HTTP request: `target` as sent (path and query), header names lower-case."""

    method: str
    target: str
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""


@dataclass(frozen=True, slots=True)
class Response:
    status: int
    body: bytes
    content_type: str = "application/json; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()


def _json(status: int, data: object) -> Response:
    return Response(status, json.dumps(data, ensure_ascii=False).encode("utf-8"))


def _error(status: int, kind: str, message: str) -> Response:
    return _json(status, {"error": kind, "message": message})


class _BadRequest(Exception):
    pass


def _fields(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _BadRequest(f"the request is not JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise _BadRequest("the request must be a JSON object")
    return data


def _text(data: Mapping[str, Any], name: str) -> str:
    value = data.get(name)
    if not isinstance(value, str):
        raise _BadRequest(f"{name!r} must be a string")
    return value


def _key(data: Mapping[str, Any]) -> tuple[str | None, str]:
    key = data.get("key")
    if (
        isinstance(key, list)
        and len(key) == 2
        and (key[0] is None or isinstance(key[0], str))
        and isinstance(key[1], str)
    ):
        return key[0], key[1]
    raise _BadRequest("'key' must be [msgctxt, msgid]")


def _texts(data: Mapping[str, Any]) -> list[str]:
    texts = data.get("texts")
    if isinstance(texts, list) and all(isinstance(t, str) for t in texts):
        return texts
    raise _BadRequest("'texts' must be a list of strings")


def _static(name: str) -> bytes:
    return resources.files("locpipe.review").joinpath("static", name).read_bytes()


class App:
    """The server of one session: checks every request, then routes it.

    `port` is the port the server listens on (the Host header must name it).
    """

    def __init__(self, session: Session, token: str, port: int) -> None:
        self.session = session
        self.token = token
        self.port = port
        self.origins = {f"http://{HOST}:{port}", f"http://localhost:{port}"}
        self.hosts = {f"{HOST}:{port}", f"localhost:{port}"}
        self.static = {route: (_static(name), kind) for route, (name, kind) in _STATIC.items()}
        # The server answers on several threads; the session's caches and
        # saves see one request at a time.
        self._lock = threading.Lock()

    def handle(self, request: Request) -> Response:
        """The response to `request`, with the security headers."""
        response = self._checked(request)
        return Response(
            response.status,
            response.body,
            response.content_type,
            response.headers + _SECURITY_HEADERS,
        )

    def _checked(self, request: Request) -> Response:
        host = request.headers.get("host", "")
        if host.lower() not in self.hosts:
            return _error(
                HTTPStatus.MISDIRECTED_REQUEST,
                "host",
                f"this server answers only as {HOST}:{self.port}, not {host!r}",
            )
        url = urlsplit(request.target)
        _, token, rest = (url.path + "/").split("/", 2) if url.path[:1] == "/" else ("", "", "")
        if not hmac.compare_digest(token.encode("utf-8"), self.token.encode("utf-8")):
            return _error(
                HTTPStatus.FORBIDDEN,
                "token",
                "missing or wrong token: open the address 'locpipe review --serve' printed",
            )
        route = rest.rstrip("/")
        if url.path == f"/{token}":  # the address without its final slash
            moved = (("Location", f"/{token}/"),)
            return Response(HTTPStatus.MOVED_PERMANENTLY, b"", headers=moved)
        if request.method == "GET":
            return self._get(route, parse_qs(url.query))
        if request.method != "POST":
            return _error(HTTPStatus.METHOD_NOT_ALLOWED, "method", f"{request.method} not allowed")
        origin = request.headers.get("origin")
        if origin is not None and origin not in self.origins:
            return _error(HTTPStatus.FORBIDDEN, "origin", f"requests from {origin!r} refused")
        if not request.headers.get("content-type", "").startswith("application/json"):
            return _error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "type", "send application/json")
        return self._post(route, request.body)

    def _get(self, route: str, query: Mapping[str, list[str]]) -> Response:
        if route in self.static:
            body, kind = self.static[route]
            return Response(HTTPStatus.OK, body, kind)

        def arg(name: str) -> str:
            return query.get(name, [""])[0]

        handlers: dict[str, Callable[[], object]] = {
            "api/project": self.session.project,
            "api/status": self.session.status,
            "api/catalogue": lambda: self.session.catalogue(arg("locale"), arg("domain")),
        }
        if route not in handlers:
            return _error(HTTPStatus.NOT_FOUND, "route", f"no such page: {route!r}")
        return self._run(handlers[route])

    def _post(self, route: str, body: bytes) -> Response:
        def check() -> object:
            data = _fields(body)
            version = data.get("version")
            problems = self.session.check(
                _text(data, "locale"),
                _text(data, "domain"),
                _key(data),
                _texts(data),
                version if isinstance(version, str) else None,
            )
            return {"problems": problems}

        def save() -> object:
            data = _fields(body)
            decisions = data.get("decisions")
            if not isinstance(decisions, list) or not all(isinstance(d, dict) for d in decisions):
                raise _BadRequest("'decisions' must be a list of objects")
            return self.session.save(
                _text(data, "locale"),
                _text(data, "domain"),
                _text(data, "version"),
                [Decision.from_json(d) for d in decisions],
            )

        handlers = {"api/check": check, "api/save": save}
        if route not in handlers:
            return _error(HTTPStatus.NOT_FOUND, "route", f"no such action: {route!r}")
        return self._run(handlers[route])

    def _run(self, handler: Callable[[], object]) -> Response:
        """The handler's result as JSON, or its error as a JSON message."""
        try:
            with self._lock:
                result = handler()
            return _json(HTTPStatus.OK, result)
        except _BadRequest as exc:
            return _error(HTTPStatus.BAD_REQUEST, "request", str(exc))
        except ChangedOnDiskError as exc:
            return _error(HTTPStatus.CONFLICT, "changed", str(exc))
        except LockedError:
            return _error(
                HTTPStatus.LOCKED,
                "locked",
                "a locpipe run is working on these catalogues; nothing was written. "
                "Your decisions are kept in this page: save again when the run has ended.",
            )
        except (DecisionError, UnknownCatalogueError) as exc:
            return _error(HTTPStatus.BAD_REQUEST, "decision", str(exc))
        except LocpipeError as exc:
            return _error(HTTPStatus.UNPROCESSABLE_ENTITY, "file", str(exc))
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            return _error(HTTPStatus.INTERNAL_SERVER_ERROR, "os", f"{where}{exc.strerror or exc}")


class _Handler(BaseHTTPRequestHandler):
    """Hands each request to the App; logs nothing (the page shows errors)."""

    server: ReviewServer
    protocol_version = "HTTP/1.1"

    def _serve(self) -> None:
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if not 0 <= length <= MAX_BODY:
            self.send_error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
            return
        body = self.rfile.read(length)
        headers = {name.lower(): value for name, value in self.headers.items()}
        response = self.server.app.handle(Request(self.command, self.path, headers, body))
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        for name, value in response.headers:
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(response.body)

    do_GET = do_POST = do_HEAD = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _serve

    def log_message(self, format: str, *args: Any) -> None:
        pass


class ReviewServer(ThreadingHTTPServer):
    """The review server listening on 127.0.0.1; `url` is the page's address."""

    daemon_threads = True
    app: App

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.server_address[1]}/{self.app.token}/"


def serve(session: Session, port: int = 0, token: str | None = None) -> ReviewServer:
    """A review server for `session` bound to 127.0.0.1:`port` (0: any free
    port), with `token` (a new random one when None). Call `serve_forever`
    on it, or `start` to run it in a thread."""
    try:
        server = ReviewServer((HOST, port), _Handler)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise LocpipeError(
                f"port {port} on {HOST} is in use",
                fix="choose another with --port N, or leave --port out for any free port",
            ) from exc
        raise
    server.app = App(session, token or secrets.token_urlsafe(24), server.server_address[1])
    return server


def start(server: ReviewServer) -> threading.Thread:
    """Run `server` in a daemon thread (tests, benchmarks); stop it with
    `server.shutdown()`."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return thread

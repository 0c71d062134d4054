"""A package index and package files served on 127.0.0.1, for download tests.

The server is a thread of the test process; `routes` maps a path to what to
answer: bytes (200), an int (that HTTP status), `Truncated(bytes)` (the
full Content-Length announced, half the body sent, then the connection
closed), or what a hostile or broken server sends: `Unsized(bytes)` (no
Content-Length, the body, then the connection closed), `Announced(bytes,
length)` (a false Content-Length) or `Drip(...)` (a byte at a time, slowly,
for as long as the client listens or `count` bytes).
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Truncated:
    body: bytes


@dataclass(frozen=True)
class Unsized:
    body: bytes


@dataclass(frozen=True)
class Announced:
    body: bytes
    length: int


@dataclass(frozen=True)
class Drip:
    interval: float = 0.02
    count: int = 100_000


Answer = bytes | int | Truncated | Unsized | Announced | Drip


@dataclass
class PackageServer:
    port: int
    routes: dict[str, Answer] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"


def _handler(server: PackageServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            server.requests.append(self.path)
            answer = server.routes.get(self.path, 404)
            if isinstance(answer, int):
                self.send_error(answer)
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            if isinstance(answer, Drip | Unsized):
                self.end_headers()
                self.close_connection = True
                # the client may give up first, as it should with a drip
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self._send_without_length(answer)
                return
            body = answer if isinstance(answer, bytes) else answer.body
            length = answer.length if isinstance(answer, Announced) else len(body)
            self.send_header("Content-Length", str(length))
            self.end_headers()
            if isinstance(answer, Truncated):
                self.wfile.write(body[: len(body) // 2])
                self.wfile.flush()
                self.close_connection = True
                return
            self.wfile.write(body)

        def _send_without_length(self, answer: Drip | Unsized) -> None:
            if isinstance(answer, Unsized):
                self.wfile.write(answer.body)
                return
            for _ in range(answer.count):
                self.wfile.write(b" ")
                self.wfile.flush()
                time.sleep(answer.interval)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@contextmanager
def serve() -> Iterator[PackageServer]:
    """A running server on a free loopback port; stopped on exit."""
    state = PackageServer(port=0)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    state.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


@contextmanager
def serve_allowed() -> Iterator[PackageServer]:
    """`serve`, with the socket guard letting this process reach the server."""
    from tests.support.network import allow_loopback, forbid_loopback

    with serve() as running:
        allow_loopback(running.port)
        try:
            yield running
        finally:
            forbid_loopback(running.port)

"""A package index and package files served on 127.0.0.1, for download tests.

The server is a thread of the test process; `routes` maps a path to what to
answer: bytes (200), an int (that HTTP status), or `Truncated(bytes)` (the
full Content-Length announced, half the body sent, then the connection
closed).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Truncated:
    body: bytes


Answer = bytes | int | Truncated


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
            body = answer.body if isinstance(answer, Truncated) else answer
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if isinstance(answer, Truncated):
                self.wfile.write(body[: len(body) // 2])
                self.wfile.flush()
                self.close_connection = True
                return
            self.wfile.write(body)

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

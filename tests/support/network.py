"""A guard that makes any network connection attempt fail loudly.

One narrow exception: connections to a loopback port a test opened itself
(its own package-index server), allowed with `allow_loopback(port)` in the
test process and through LOCPIPE_TEST_LOOPBACK_PORT in processes it starts.
"""

from __future__ import annotations

import os
import socket
from typing import Any

LOOPBACK_ENV = "LOCPIPE_TEST_LOOPBACK_PORT"
_LOOPBACK_HOSTS = frozenset({"127.0.0.1", "::1"})
_allowed_ports: set[int] = set()

_original_connect = socket.socket.connect
_original_connect_ex = socket.socket.connect_ex


class NetworkBlocked(RuntimeError):
    """Raised when code under test tries to open a network connection."""


def _check(sock: socket.socket, address: Any) -> None:
    if sock.family == socket.AF_UNIX:
        return
    if (
        sock.family in (socket.AF_INET, socket.AF_INET6)
        and isinstance(address, tuple)
        and address[0] in _LOOPBACK_HOSTS
        and address[1] in _allowed_ports
    ):
        return
    raise NetworkBlocked(f"test tried to connect to {address!r}")


def allow_loopback(port: int) -> None:
    """Let this process connect to 127.0.0.1:`port` (a server the test started)."""
    _allowed_ports.add(port)


def forbid_loopback(port: int) -> None:
    """Undo allow_loopback."""
    _allowed_ports.discard(port)


def _connect(self: socket.socket, address: Any) -> None:
    _check(self, address)
    _original_connect(self, address)


def _connect_ex(self: socket.socket, address: Any) -> int:
    _check(self, address)
    return _original_connect_ex(self, address)


def install_guard() -> None:
    """Block connect() on every non-Unix socket in this process (but an allowed loopback port)."""
    port = os.environ.get(LOOPBACK_ENV, "")
    if port.isdigit():
        _allowed_ports.add(int(port))
    socket.socket.connect = _connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _connect_ex  # type: ignore[method-assign]


def remove_guard() -> None:
    """Restore the original socket methods."""
    socket.socket.connect = _original_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _original_connect_ex  # type: ignore[method-assign]

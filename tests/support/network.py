"""A guard that makes any network connection attempt fail loudly."""

from __future__ import annotations

import socket
from typing import Any

_original_connect = socket.socket.connect
_original_connect_ex = socket.socket.connect_ex


class NetworkBlocked(RuntimeError):
    """Raised when code under test tries to open a network connection."""


def _check(sock: socket.socket, address: Any) -> None:
    if sock.family != socket.AF_UNIX:
        raise NetworkBlocked(f"test tried to connect to {address!r}")


def _connect(self: socket.socket, address: Any) -> None:
    _check(self, address)
    _original_connect(self, address)


def _connect_ex(self: socket.socket, address: Any) -> int:
    _check(self, address)
    return _original_connect_ex(self, address)


def install_guard() -> None:
    """Block connect() on every non-Unix socket in this process."""
    socket.socket.connect = _connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _connect_ex  # type: ignore[method-assign]


def remove_guard() -> None:
    """Restore the original socket methods."""
    socket.socket.connect = _original_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _original_connect_ex  # type: ignore[method-assign]

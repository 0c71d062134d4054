"""A guard that makes any network connection attempt fail loudly.

Tests that start their own loopback-only servers (a local Dask cluster)
allow loopback addresses, and nothing else, in the processes they start:
with LOOPBACK_ENV set to "1", tests/support/netguard calls `allow_loopback`.
"""

from __future__ import annotations

import ipaddress
import socket
from typing import Any

#: Set to "1" in a child's environment to let it reach loopback addresses.
LOOPBACK_ENV = "LOCPIPE_TEST_LOOPBACK"

_loopback_allowed = False

_original_connect = socket.socket.connect
_original_connect_ex = socket.socket.connect_ex


class NetworkBlocked(RuntimeError):
    """Raised when code under test tries to open a network connection."""


def _is_loopback(address: Any) -> bool:
    if not isinstance(address, tuple) or not address:
        return False
    try:
        return ipaddress.ip_address(address[0]).is_loopback
    except ValueError:  # a host name: only "localhost"
        return address[0] == "localhost"


def _check(sock: socket.socket, address: Any) -> None:
    if sock.family == socket.AF_UNIX:
        return
    if _loopback_allowed and _is_loopback(address):
        return
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


def allow_loopback() -> None:
    """Allow loopback connections for the rest of this process (child processes)."""
    global _loopback_allowed
    _loopback_allowed = True

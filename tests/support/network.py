"""A guard that makes any network connection attempt fail loudly.

Two narrow exceptions, both for servers a test started itself on this machine:
- one loopback port (a package-index server), allowed with
  `allow_loopback(port)` in the test process and through LOOPBACK_ENV
  (LOCPIPE_TEST_LOOPBACK_PORT) in the processes it starts;
- every loopback address (a local Dask cluster, whose processes pick their
  own ports), allowed in the processes a test starts with LOOPBACK_ANY_ENV
  (LOCPIPE_TEST_LOOPBACK) set to "1": tests/support/netguard then calls
  `allow_any_loopback`.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from typing import Any

LOOPBACK_ENV = "LOCPIPE_TEST_LOOPBACK_PORT"
#: Set to "1" in a child's environment to let it reach any loopback address.
LOOPBACK_ANY_ENV = "LOCPIPE_TEST_LOOPBACK"

_LOOPBACK_HOSTS = frozenset({"127.0.0.1", "::1"})
_allowed_ports: set[int] = set()
_any_loopback = False

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
    if (
        sock.family in (socket.AF_INET, socket.AF_INET6)
        and isinstance(address, tuple)
        and address[0] in _LOOPBACK_HOSTS
        and address[1] in _allowed_ports
    ):
        return
    if _any_loopback and _is_loopback(address):
        return
    raise NetworkBlocked(f"test tried to connect to {address!r}")


def allow_loopback(port: int) -> None:
    """Let this process connect to 127.0.0.1:`port` (a server the test started)."""
    _allowed_ports.add(port)


def forbid_loopback(port: int) -> None:
    """Undo allow_loopback."""
    _allowed_ports.discard(port)


def allow_any_loopback() -> None:
    """Allow loopback connections for the rest of this process (child processes)."""
    global _any_loopback
    _any_loopback = True


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

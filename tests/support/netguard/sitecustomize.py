"""Loaded by every Python process the tests start (PYTHONPATH): no network.

Any attempt to connect a non-Unix socket raises, so a test that would reach
the network fails instead of passing on a machine that has one. A test that
starts its own loopback servers sets LOCPIPE_TEST_LOOPBACK=1 for its children.
"""

import os

from tests.support.network import LOOPBACK_ENV, allow_loopback, install_guard

install_guard()
if os.environ.get(LOOPBACK_ENV) == "1":
    allow_loopback()

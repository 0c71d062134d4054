"""Loaded by every Python process the tests start (PYTHONPATH): no network.

Any attempt to connect a non-Unix socket raises, so a test that would reach
the network fails instead of passing on a machine that has one. A test that
starts its own loopback servers lets its children reach them: one port
through LOCPIPE_TEST_LOOPBACK_PORT, or every loopback address (a local Dask
cluster) with LOCPIPE_TEST_LOOPBACK=1.
"""

import os

from tests.support.network import LOOPBACK_ANY_ENV, allow_any_loopback, install_guard

install_guard()
if os.environ.get(LOOPBACK_ANY_ENV) == "1":
    allow_any_loopback()

"""Loaded by every Python process the tests start (PYTHONPATH): no network.

Any attempt to connect a non-Unix socket raises, so a test that would reach
the network fails instead of passing on a machine that has one.
"""

from tests.support.network import install_guard

install_guard()

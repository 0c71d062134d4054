"""Helpers shared by the test suite (synthetic Argos packages, ...)."""

"""locpipe: an offline localisation pipeline built on gettext catalogues."""

__version__ = "0.1.0"

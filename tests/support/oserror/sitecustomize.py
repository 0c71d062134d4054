"""Loaded instead of the network guard by test processes that must meet an
OS error: LOCPIPE_TEST_OSERROR="ENOSPC:/some/folder" (or EACCES) makes every
file opened for writing under that folder fail as a full disk (the file is
created, then its writes fail, as on a real full disk) or a folder the user
may not write. Works as root too, where permission bits do not stop writes.
The network guard is installed as usual.
"""

import errno
import os

from tests.support.network import install_guard

install_guard()

_SPEC = os.environ.get("LOCPIPE_TEST_OSERROR", "")
if _SPEC:
    _KIND, _, _PREFIX = _SPEC.partition(":")
    _CODE = getattr(errno, _KIND)
    _open, _mkdir = os.open, os.mkdir
    _WRITING = os.O_WRONLY | os.O_RDWR | os.O_CREAT

    def _under(path: object) -> bool:
        return isinstance(path, str | os.PathLike) and os.path.abspath(path).startswith(_PREFIX)

    def _failing_open(path, flags, mode=0o777, *, dir_fd=None):  # type: ignore[no-untyped-def]
        if not (flags & _WRITING and _under(path)):
            return _open(path, flags, mode, dir_fd=dir_fd)
        if _CODE != errno.ENOSPC:
            raise OSError(_CODE, os.strerror(_CODE), os.fspath(path))
        fd = _open(path, flags, mode, dir_fd=dir_fd)
        full = _open("/dev/full", os.O_WRONLY)
        os.dup2(full, fd)  # the file exists; writing to it fails with ENOSPC
        os.close(full)
        return fd

    def _failing_mkdir(path, mode=0o777, *, dir_fd=None):  # type: ignore[no-untyped-def]
        if _under(path) and _CODE != errno.ENOSPC:
            raise OSError(_CODE, os.strerror(_CODE), os.fspath(path))
        return _mkdir(path, mode, dir_fd=dir_fd)

    os.open = _failing_open
    os.mkdir = _failing_mkdir

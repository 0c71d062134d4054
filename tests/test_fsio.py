"""Atomic writes: identical content is a no-op, new content replaces whole."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from locpipe.fsio import atomic_write_bytes, read_bytes


def test_creates_parent_directories(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "file.po"
    assert atomic_write_bytes(target, b"data") is True
    assert read_bytes(target) == b"data"


def test_identical_content_is_not_rewritten(tmp_path: Path) -> None:
    target = tmp_path / "file.po"
    atomic_write_bytes(target, b"same")
    os.utime(target, ns=(1_000_000_000, 1_000_000_000))
    assert atomic_write_bytes(target, b"same") is False
    assert target.stat().st_mtime_ns == 1_000_000_000


def test_changed_content_replaces_file_and_keeps_mode(tmp_path: Path) -> None:
    target = tmp_path / "file.po"
    atomic_write_bytes(target, b"old")
    target.chmod(0o640)
    inode = target.stat().st_ino
    assert atomic_write_bytes(target, b"new content") is True
    assert read_bytes(target) == b"new content"
    assert target.stat().st_mode & 0o777 == 0o640
    assert target.stat().st_ino != inode  # a rename, not an in-place rewrite


def test_same_length_different_bytes_is_written(tmp_path: Path) -> None:
    target = tmp_path / "file.po"
    atomic_write_bytes(target, b"abc")
    assert atomic_write_bytes(target, b"abd") is True
    assert read_bytes(target) == b"abd"


def test_no_temporary_files_left_behind(tmp_path: Path) -> None:
    target = tmp_path / "file.po"
    for i in range(3):
        atomic_write_bytes(target, f"v{i}".encode())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.po"]


def test_failed_write_leaves_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "file.po"
    atomic_write_bytes(target, b"old")

    def broken_replace(src: str, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        atomic_write_bytes(target, b"new")
    assert read_bytes(target) == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.po"]


def test_new_file_gets_umask_permissions(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        target = tmp_path / "fresh.po"
        atomic_write_bytes(target, b"x")
    finally:
        os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o644


def test_read_missing_file_raises(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_bytes(tmp_path / "missing")

"""Atomic writes: identical content is a no-op, new content replaces whole."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from locpipe.fsio import (
    TEMP_MARK,
    ChangedOnDisk,
    atomic_write_bytes,
    digest,
    is_safe_name,
    read_bytes,
    read_tracked,
    remove_stale_temps,
    stamp_of,
    write_if_unchanged,
)


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


# ---------------------------------------------------------------- tracked writes


def test_a_tracked_write_goes_through_while_the_file_is_as_read(tmp_path: Path) -> None:
    target = tmp_path / "doc.po"
    target.write_bytes(b"as read")
    data, snapshot = read_tracked(target)
    assert data == b"as read" and snapshot.sha256 == digest(b"as read")
    after = write_if_unchanged(target, b"ours", snapshot)
    assert target.read_bytes() == b"ours"
    assert after.sha256 == digest(b"ours") and after.stamp == stamp_of(target)
    # the snapshot returned is the base of the next write
    write_if_unchanged(target, b"ours again", after)
    assert target.read_bytes() == b"ours again"


def test_a_tracked_write_refuses_a_file_someone_saved_meanwhile(tmp_path: Path) -> None:
    target = tmp_path / "doc.po"
    target.write_bytes(b"as read")
    _, snapshot = read_tracked(target)
    target.write_bytes(b"their save")
    with pytest.raises(ChangedOnDisk) as caught:
        write_if_unchanged(target, b"ours", snapshot)
    assert caught.value.current == b"their save"
    assert target.read_bytes() == b"their save"
    assert "changed on disk since locpipe read it" in str(caught.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.po"]


def test_a_tracked_write_refuses_a_file_created_or_deleted_meanwhile(tmp_path: Path) -> None:
    target = tmp_path / "new.po"
    data, absent = read_tracked(target)
    assert data is None and absent.sha256 is None
    target.write_bytes(b"theirs")
    with pytest.raises(ChangedOnDisk):
        write_if_unchanged(target, b"ours", absent)
    _, present = read_tracked(target)
    target.unlink()
    with pytest.raises(ChangedOnDisk) as caught:
        write_if_unchanged(target, b"ours", present)
    assert caught.value.current is None and not target.exists()


def test_a_save_landing_while_the_new_bytes_are_written_is_not_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check runs again after the temporary file is on disk, just before
    the rename: a save in that window still wins."""
    target = tmp_path / "doc.po"
    target.write_bytes(b"as read")
    _, snapshot = read_tracked(target)
    real_fsync = os.fsync

    def save_during_fsync(fd: int) -> None:
        real_fsync(fd)
        target.write_bytes(b"their save")

    monkeypatch.setattr(os, "fsync", save_during_fsync)
    with pytest.raises(ChangedOnDisk):
        write_if_unchanged(target, b"ours", snapshot)
    assert target.read_bytes() == b"their save"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.po"]


def test_writing_what_is_there_changes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "doc.po"
    target.write_bytes(b"same")
    os.utime(target, ns=(1_000_000_000, 1_000_000_000))
    _, snapshot = read_tracked(target)
    assert write_if_unchanged(target, b"same", snapshot) == snapshot
    assert target.stat().st_mtime_ns == 1_000_000_000


# ---------------------------------------------------------------- names and the sweep


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("translate-en_ko-1_9", True),
        ("translate", True),
        ("nllb-200.distilled", True),
        ("", False),
        (".", False),
        ("..", False),
        ("a..b", False),
        (".hidden", False),
        ("-rf", False),
        ("a/b", False),
        ("a\\b", False),
        ("/abs", False),
        ("new\nline", False),
        ("tab\t", False),
        ("a b", False),
        ("x" * 201, False),
        ("ko\u200b", False),
    ],
)
def test_safe_names(name: str, safe: bool) -> None:
    assert is_safe_name(name) is safe


def test_the_sweep_removes_only_locpipe_temp_files_and_never_follows_links(
    tmp_path: Path,
) -> None:
    locales = tmp_path / "locales" / "ko" / "LC_MESSAGES"
    locales.mkdir(parents=True)
    ours = locales / f".doc.po{TEMP_MARK}0123abcd.tmp"
    ours.write_bytes(b"left by a killed write")
    # what other tools name alike: editors, older tools, a folder outside
    theirs = [
        locales / ".doc.po.0123abcd.tmp",
        locales / ".notes.tmp",
        locales / f".doc.po{TEMP_MARK}0123ABCD.tmp",
        locales / f"doc.po{TEMP_MARK}0123abcd.tmp",
    ]
    for path in theirs:
        path.write_bytes(b"not ours")
    outside = tmp_path / "shared"
    outside.mkdir()
    elsewhere = outside / f".x.po{TEMP_MARK}0123abcd.tmp"
    elsewhere.write_bytes(b"another project's")
    (tmp_path / "locales" / "link").symlink_to(outside)
    (locales / f".link.po{TEMP_MARK}0123abcd.tmp").symlink_to(elsewhere)
    assert remove_stale_temps(tmp_path / "locales") == [ours]
    assert all(path.exists() for path in theirs)
    assert elsewhere.read_bytes() == b"another project's"

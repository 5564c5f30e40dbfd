"""All-or-nothing output: complete files with ordinary permissions, or nothing at all."""

from __future__ import annotations

import os
import stat

import pytest

from shells import atomic
from shells.atomic import atomic_path


def test_written_file_replaces_target_with_the_users_default_permissions(tmp_path) -> None:
    """The result is readable like any new file (0666 less the umask), not private 0600."""
    target = tmp_path / "roster.xlsx"
    target.write_text("old")
    old_umask = os.umask(0o022)
    try:
        with atomic_path(target) as tmp:
            tmp.write_text("new")
    finally:
        os.umask(old_umask)
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["roster.xlsx"]


def test_error_while_writing_keeps_the_old_file_and_leaves_no_debris(tmp_path) -> None:
    """A failure inside the block re-raises, the previous file is untouched, no temp file."""
    target = tmp_path / "results.xlsx"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("half")
        raise RuntimeError("writer crashed")
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["results.xlsx"]


def test_failed_final_move_leaves_no_debris(tmp_path, monkeypatch) -> None:
    """If the rename itself fails (disk full), nothing new appears and the error surfaces."""
    target = tmp_path / "out.xlsx"

    def boom(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(atomic.os, "replace", boom)
    with pytest.raises(OSError), atomic_path(target) as tmp:
        tmp.write_text("new")
    assert list(tmp_path.iterdir()) == []

"""All-or-nothing file output shared by every writer (roster, appraisal results).

A workbook is written to a temporary file beside the target and moved into place with
``os.replace`` only when complete, so an interrupted or failed run never leaves half a file
and never destroys the previous one. ``mkstemp`` creates its file private (0600); the result
gets the permissions any new file of the user gets (0666 less the umask), because a roster
is meant to be read by colleagues and shared folders.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextlib.contextmanager
def atomic_path(target: str | Path, suffix: str = ".part") -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces ``target``, else it vanishes."""
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    fd, name = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=suffix, dir=folder)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.chmod(tmp, _default_mode())
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)

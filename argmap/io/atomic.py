"""Write files so that a crash leaves either the old or the new complete file, never half.

Every file argmap writes (maps in every format, pictures, merge results, git attributes) goes
through `write_bytes_atomic`:

1. the new bytes go to a temporary file beside the target (same directory, so the same file
   system and the rename below is atomic), which is flushed and fsync'ed;
2. with `backup=True` and an existing target, the old version becomes `NAME.bak`: a hard link
   to the old file (or, where links are not allowed, a fsync'ed copy) made under a temporary
   name and renamed over `NAME.bak`, so the backup too is always complete;
3. the temporary file is renamed over the target (`os.replace`, atomic on POSIX and Windows);
4. on POSIX the directory is fsync'ed, so the renames themselves survive a power cut.

A kill at any moment leaves the target either old or new, never missing or partial
(tests/io/test_atomic.py kills a saving process hundreds of times to check it); at worst a
`.NAME.*.tmp` file is left behind, which is never read. The new file keeps the old file's
permission bits (a new file gets the usual ones, 0666 less the umask), and a target that is a
symbolic link is saved through to the file it points at.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import stat
import tempfile
from pathlib import Path

from argmap.model.errors import ArgmapError

BACKUP_SUFFIX = ".bak"


class SaveError(ArgmapError):
    """A file could not be written (no such folder, permission denied, disk full ...); the
    previous version, if any, is untouched."""


def backup_path(path: str | os.PathLike[str]) -> Path:
    """Where the previous version of `path` is kept: `NAME.ext.bak` beside it."""
    target = Path(path)
    return target.with_name(target.name + BACKUP_SUFFIX)


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes, *, backup: bool = True) -> None:
    """Replace `path` with `data` atomically, keeping the previous version as `NAME.bak`.

    OS errors become a one-line `SaveError` naming the file; the old file is then unchanged.
    """
    try:
        _write(Path(os.path.realpath(path)), data, backup)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise SaveError(f"cannot save: {reason}", file=str(path)) from None


def _write(target: Path, data: bytes, backup: bool) -> None:
    directory = target.parent
    try:
        old_mode: int | None = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        old_mode = None
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            mode = _new_file_mode() if old_mode is None else old_mode
            if hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        if not hasattr(os, "fchmod"):
            os.chmod(tmp, mode)
        if backup and old_mode is not None:
            _keep_backup(target)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _fsync_directory(directory)


def _keep_backup(target: Path) -> None:
    """Make `NAME.bak` the current version of `target`, atomically (link, else copy)."""
    final = backup_path(target)
    tmp = final.with_name(f".{final.name}.{secrets.token_hex(6)}.tmp")
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp)
    try:
        os.link(target, tmp)
    except FileNotFoundError:
        return  # the old file went away meanwhile: nothing to keep
    except OSError:  # no hard links here (some network and FAT file systems): copy
        try:
            with open(target, "rb") as src, open(tmp, "wb") as dst:
                shutil.copyfileobj(src, dst)
                dst.flush()
                os.fsync(dst.fileno())
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise
    try:
        os.replace(tmp, final)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _new_file_mode() -> int:
    """0666 less the process umask: what `open()` would have given a new file (mkstemp gives
    0600, which would hide a saved map from the user's group)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _fsync_directory(directory: Path) -> None:
    """Make the renames durable (POSIX; Windows cannot open a directory and needs no such)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems refuse fsync on directories; the data is already safe
    finally:
        os.close(fd)

"""The archive on disk (`outputs/`): atomic writes, event folders, versions, the lock."""

from __future__ import annotations

import errno
import fcntl
import json
import os
import re
import shutil
import sqlite3
import tempfile
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from jobs.errors import LockHeld, OutputsNotWritable, UnknownEvent
from jobs.models import Event, event_from_json

EVENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")
# Every temporary file of an atomic write ends so (the renderer's too), so that a run
# can sweep up what a killed one left.
TEMP_SUFFIX = ".tmp"
# Threads of `page_writer`, and how many pages it holds in memory waiting for one.
WRITE_THREADS = 16
_WRITES_QUEUED = 128
# A page's text, or a function that makes it.
Page = str | bytes | Callable[[], str | bytes]


def _file_mode() -> int:
    """The mode a new file gets under the process's umask (mkstemp alone would give 0600)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def atomic_write(path: Path, data: str | bytes, *, sync: bool = True) -> bool:
    """Write via a temporary file and rename; returns False (and writes nothing) if unchanged.

    `sync=False` skips the fsync of each file, for pages written by the thousand that the
    caller makes durable at once (`sync_all`) before recording them as written.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        if path.read_bytes() == raw:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fchmod(handle.fileno(), _file_mode())
            if sync:
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


@contextmanager
def page_writer(*, threads: int = WRITE_THREADS) -> Iterator[Callable[[Path, Page], None]]:
    """A `write(path, page)` that hands atomic writes (without fsync) to a few threads;
    a page given as a function is made by that function in the thread.

    Replacing a page frees the old file's blocks, which waits on the disk: 1–4 ms a page
    on ext4 mounted with online discard, where rendering the page takes a fraction of
    that; threads overlap those waits. Leaving the block waits for every write and raises
    the first error; the caller still makes the pages durable (`sync_all`).
    """
    slots = threading.BoundedSemaphore(_WRITES_QUEUED)
    futures: list[Future[bool]] = []

    def written(future: Future[bool]) -> None:
        slots.release()

    with ThreadPoolExecutor(threads, thread_name_prefix="page-writer") as pool:

        def write(path: Path, page: Page) -> None:
            slots.acquire()
            future = pool.submit(_write_page, path, page)
            future.add_done_callback(written)
            futures.append(future)

        yield write
    for future in futures:
        future.result()


def _write_page(path: Path, page: Page) -> bool:
    return atomic_write(path, page() if callable(page) else page, sync=False)


def sync_all() -> None:
    """Flush every file written without `sync` to disk (one call, however many files)."""
    os.sync()


def atomic_copy(source: Path, target: Path) -> None:
    """Copy a file so that `target` is either absent or complete, never half-written."""
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out, source.open("rb") as src:
            shutil.copyfileobj(src, out)
            out.flush()
            os.fsync(out.fileno())
        shutil.copystat(source, tmp)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def not_writable_as_73(outputs: Path) -> Iterator[None]:
    """Turn a permission error met while writing the archive into OutputsNotWritable.

    A read-only state.sqlite or event folder is found only when written to, mid-run.
    """
    try:
        yield
    except PermissionError as exc:
        raise OutputsNotWritable(f"cannot write {exc.filename or outputs}: {exc.strerror or exc}") from exc
    except sqlite3.OperationalError as exc:
        if "readonly" not in str(exc) and "read-only" not in str(exc):
            raise
        raise OutputsNotWritable(f"the state database in {outputs} is read-only: {exc}") from exc


def remove_stale_temps(outputs: Path) -> list[Path]:
    """Delete temporary files a killed run left behind (only call under the lock)."""
    removed = []
    for pattern in (
        f".*{TEMP_SUFFIX}",
        f"*/.*{TEMP_SUFFIX}",
        f"events/*/.*{TEMP_SUFFIX}",
        f"events/*/versions/.*{TEMP_SUFFIX}",
    ):
        for path in outputs.glob(pattern):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def write_json(path: Path, data: Any) -> bool:
    return atomic_write(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def event_dir(outputs: Path, event_id: str) -> Path:
    """The folder of an event; ids are checked so no id can point outside `outputs/events/`."""
    if not EVENT_ID.match(event_id):
        raise UnknownEvent(f"{event_id!r} is not an event id")
    return outputs / "events" / event_id


def prepare_outputs(outputs: Path) -> None:
    """Create the archive folders, or say plainly why they cannot be written.

    Writes nothing where the folders exist and are writable, so that a run which
    finds nothing new leaves the archive as it was.
    """
    try:
        for sub in ("events", "runs"):
            (outputs / sub).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputsNotWritable(f"outputs folder {outputs} is not writable: {exc.strerror or exc}") from exc
    for folder in (outputs, outputs / "events", outputs / "runs"):
        if not os.access(folder, os.W_OK | os.X_OK):
            raise OutputsNotWritable(f"outputs folder {folder} is not writable: permission denied")


# File descriptors of the locks this process holds: a forked worker closes its copies,
# or an orphaned worker of a killed run would keep the lock alive after its parent died.
_HELD: set[int] = set()


def _close_inherited_locks() -> None:
    # dup2 rather than close: the fd number stays valid for the file object that owns it.
    if not _HELD:
        return
    null = os.open(os.devnull, os.O_RDONLY)
    try:
        for fd in _HELD:
            os.dup2(null, fd)
    finally:
        os.close(null)
    _HELD.clear()


os.register_at_fork(after_in_child=_close_inherited_locks)


class ArchiveLock:
    """An exclusive lock on the archive, held for a whole run.

    `flock` is released by the kernel when its holder dies, so a run killed with
    SIGKILL never leaves a stale lock behind. The lock file itself is never
    written, so taking the lock changes nothing in the archive.
    """

    def __init__(self, outputs: Path) -> None:
        self.path = outputs / ".lock"
        self.handle: IO[bytes] | None = None

    def __enter__(self) -> ArchiveLock:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.handle = self.path.open("ab")
        except OSError as exc:
            raise OutputsNotWritable(
                f"outputs folder {self.path.parent} is not writable: {exc.strerror or exc}"
            ) from exc
        try:
            fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            self.handle.close()
            self.handle = None
            if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                raise LockHeld(
                    f"another run holds the archive lock ({self.path}); nothing was touched, try again later"
                ) from exc
            raise
        _HELD.add(self.handle.fileno())
        return self

    def __exit__(self, *_: Any) -> None:
        if self.handle is not None:
            _HELD.discard(self.handle.fileno())
            fcntl.flock(self.handle, fcntl.LOCK_UN)
            self.handle.close()
            self.handle = None


def keep_previous_version(folder: Path, version: int) -> None:
    """Copy the current briefing files into versions/ as v<version>.* before they are replaced."""
    versions = folder / "versions"
    for name, suffix in (("event.json", "json"), ("briefing.html", "html"), ("briefing.pdf", "pdf")):
        current = folder / name
        target = versions / f"v{version}.{suffix}"
        if current.exists() and not target.exists():
            versions.mkdir(exist_ok=True)
            atomic_copy(current, target)


def retire_event(outputs: Path, old_id: str, survivor_id: str) -> None:
    """Move a merged event's folder under its survivor's versions/, so nothing is lost."""
    old = event_dir(outputs, old_id)
    if not old.exists():
        return
    target = event_dir(outputs, survivor_id) / "versions" / f"merged-{old_id}"
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        shutil.rmtree(old)
    else:
        os.replace(old, target)


def read_event(outputs: Path, event_id: str) -> Event | None:
    path = event_dir(outputs, event_id) / "event.json"
    try:
        return event_from_json(json.loads(path.read_text("utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def read_index(outputs: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads((outputs / "index.json").read_text("utf-8"))
    except (OSError, ValueError):
        return []
    return list(data.get("events", [])) if isinstance(data, dict) else list(data)

"""Worker-process helpers shared by the parsing and rendering pools."""

from __future__ import annotations

import os
import signal


def die_with_parent() -> None:
    """Ask Linux to kill this worker when its parent dies (a killed run leaves no orphans)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() == 1:  # the parent died before prctl took effect
        os._exit(1)

"""Process hardening: no core dumps from the app or any of its children.

The app's processes hold decrypted meeting text, the data key and model inputs in memory. A crash
with core dumps enabled would write all of it to disk in the clear (a core file, or systemd-coredump's
store). Every process therefore sets its core-file limit to 0 and, on Linux, marks itself
non-dumpable (which also stops other processes of the same user from attaching a debugger or
reading its memory through /proc). The dumpable flag is reset by execve, so each child entry point
calls this again; the zero limit is inherited anyway.
"""

from __future__ import annotations

import ctypes
import sys

PR_SET_DUMPABLE = 4
PR_GET_DUMPABLE = 3


def disable_core_dumps() -> None:
    """Called first in main() and in every child process's entry point. Best effort: a platform
    without these controls (Windows) keeps its defaults."""
    try:
        import resource
    except ImportError:  # Windows
        return
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ValueError, OSError):
        pass
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)  # the already loaded C library: no find_library probing
        libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)


def core_dumps_disabled() -> bool:
    """Whether this process can write no core file (for tests and the security report)."""
    try:
        import resource
    except ImportError:
        return False
    if resource.getrlimit(resource.RLIMIT_CORE) != (0, 0):
        return False
    if sys.platform.startswith("linux"):
        return int(ctypes.CDLL(None).prctl(PR_GET_DUMPABLE, 0, 0, 0, 0)) == 0
    return True

"""Giving freed memory back to the system, so a long lesson does not grow the window (glibc on Linux; elsewhere
these do nothing).

Every job's thread allocates its results in a malloc arena of its own, and glibc keeps freed pages in them:
the window's resident memory crept up run after run although Python held nothing more. Two arenas and a
trim after each job keep it flat (measured with ``benchmarks/worker_process.py``).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys

M_ARENA_MAX = -8


def _libc():
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc if hasattr(libc, "malloc_trim") and hasattr(libc, "mallopt") else None
    except OSError:
        return None


def limit_arenas(count: int = 2) -> bool:
    """At most ``count`` malloc arenas in this process (call early, before the threads start)."""
    libc = _libc()
    return bool(libc is not None and libc.mallopt(M_ARENA_MAX, int(count)))


def trim() -> bool:
    """Return the free pages at the top of the heaps to the system; True when some were returned."""
    libc = _libc()
    return bool(libc is not None and libc.malloc_trim(0))

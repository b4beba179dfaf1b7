"""Waiting for a lock that a Stop or Cancel may interrupt: one way for every job that queues for a turn."""

from __future__ import annotations

from collections.abc import Callable


def acquire(lock, cancelled: Callable[[], bool] | None = None, poll_s: float = 0.05,
            waiting: Callable[[], None] | None = None) -> bool:
    """Take ``lock`` (a ``threading.Lock`` or ``RLock``), waiting as long as it takes; False, without it, once
    ``cancelled()`` turns true while waiting. ``waiting()`` is called once, before the wait, when the lock is not
    free at once."""
    if lock.acquire(blocking=False):
        return True
    if waiting is not None:
        waiting()
    while not lock.acquire(timeout=poll_s):
        if cancelled is not None and cancelled():
            return False
    return True

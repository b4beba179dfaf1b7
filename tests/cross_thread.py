"""Waiting for a signal that a job thread keeps emitting (a training's ``batch``, its ``snapshot``).

Never ``qtbot.waitSignal`` on such a signal: the blocker is a plain Python object, so PySide routes the signal
through a receiver it deletes when the blocker goes, while the job thread goes on emitting. A queued emission
already on its way then calls the dead blocker's slot, and the test process dies (segfault) a moment later, in
whatever test runs next. ``tests/test_cross_thread.py`` shows that this helper's receiver stays valid instead:
it is a QObject with a real slot, kept until the emitter is gone.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot


class Seen(QObject):
    """Counts a one-argument signal's emissions and keeps the last argument (a real slot on a UI-thread QObject)."""

    def __init__(self, signal):
        super().__init__()
        self.count, self.last = 0, None
        signal.connect(self.record)

    @Slot(object)
    def record(self, value) -> None:
        self.count += 1
        self.last = value


def wait_first(qtbot, signal, start, timeout: int = 60000) -> Seen:
    """Call ``start()`` and wait until ``signal`` (emitted from another thread) has arrived once. Keep the
    returned ``Seen`` for as long as the emitter may emit (the test's end is fine)."""
    seen = Seen(signal)
    start()
    qtbot.waitUntil(lambda: seen.count > 0, timeout=timeout)
    return seen

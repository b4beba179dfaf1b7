"""Export GIF…, off the UI thread: the time-lapse's frames are grabbed on the UI thread (widgets paint only there,
about 10 ms a frame), then Pillow quantizes and writes them on a job thread. Done on the UI thread, a 120-frame
export froze the window for 7.2 s, 5.9 s of it quantizing. The exports belong to the application, not to a view
(a view may go while its GIF is written): joined at quit, so a GIF being written is finished, never cut short."""

from __future__ import annotations

import atexit

from PySide6.QtCore import QCoreApplication, QThread, Signal

from mnist_studio.ui.background.jobs import Job, Jobs
from mnist_studio.ui.learning.timelapse import save_gif

_JOBS: Jobs | None = None


class GifExport(Job):
    """Write one GIF: ``saved(path, frames)`` or ``failed(path, reason)``."""

    saved = Signal(str, int)
    failed = Signal(str, str)

    def __init__(self, path: str, frames: list, durations: list[int]):
        super().__init__()
        self.path, self._frames, self._durations = str(path), frames, durations

    def work(self) -> None:
        frames, self._frames = self._frames, None  # the frames go with this thread's work, not with the job
        try:
            count = save_gif(self.path, frames, self._durations)
        except (OSError, ValueError) as exc:
            self.failed.emit(self.path, getattr(exc, "strerror", None) or str(exc))
            return
        finally:
            del frames
        self.saved.emit(self.path, count)


def _jobs() -> Jobs:
    global _JOBS
    if _JOBS is None:
        _JOBS = Jobs()
        atexit.register(_finish_all)  # a process that ends without quitting the app (a script, the tests)
    app = QCoreApplication.instance()
    if app is not None and not app.property("gifExportHooked"):
        app.aboutToQuit.connect(_finish_all)
        app.setProperty("gifExportHooked", True)
    return _JOBS


def _finish_all() -> None:
    if _JOBS is not None:
        _JOBS.shutdown(60000)


def start(path: str, frames: list, durations: list[int]) -> GifExport:
    """Write ``frames`` (``timelapse.gif_frames``) to ``path`` in the background; connect to the job's signals."""
    job = GifExport(path, frames, durations)
    _jobs().start(job, QThread.Priority.LowPriority)
    return job


def wait_all(timeout_ms: int = 60000) -> bool:
    """Tests and benchmarks: block until every export has ended."""
    return _JOBS is None or _JOBS.wait_all(timeout_ms)

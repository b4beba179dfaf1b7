"""Export GIF…, off the UI thread: the time-lapse's frames are grabbed on the UI thread (widgets paint only there,
a few ms a frame), then scaled, quantized by Pillow and written on a job thread. Done on the UI thread, a
120-frame export froze the window for 4.2 s with the view at 640x700, 7.2 s at 1280x760 (5.9 s of it
quantizing). The exports belong to the application, not to a view (a view may go while its GIF is written):
joined at quit, so a GIF being written is finished, never cut short."""

from __future__ import annotations

from PySide6.QtCore import QThread, Signal

from mnist_studio.ui.background.jobs import ApplicationJobs, Job
from mnist_studio.ui.learning.timelapse import save_gif

_JOBS = ApplicationJobs("gifExport", timeout_ms=60000)


class GifExport(Job):
    """Write one GIF: ``saved(path, frames)`` or ``failed(path, reason)``."""

    saved = Signal(str, int)
    failed = Signal(str, str)

    def __init__(self, path: str, frames: list, durations: list[int]):
        super().__init__()
        self.path, self._frames, self._durations = str(path), frames, durations

    def work(self) -> None:
        frames, self._frames = self._frames, None  # emptied as it is encoded (``save_gif``)
        try:
            count = save_gif(self.path, frames, self._durations)
        except OSError as exc:
            self.failed.emit(self.path, exc.strerror or str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - out of memory on a school laptop, a Pillow error: said, never stuck
            self.failed.emit(self.path, f"{type(exc).__name__}: {exc}")
            return
        self.saved.emit(self.path, count)


def start(path: str, frames: list, durations: list[int], on_saved, on_failed) -> bool:
    """Write ``frames`` (``timelapse.gif_frames``) to ``path`` in the background: ``on_saved(path, frames)`` or
    ``on_failed(path, reason)`` on the UI thread (connected before the thread starts). False, and nothing runs,
    once the exports have been shut down (the app is quitting)."""
    jobs = _JOBS.get()
    if jobs.closed:
        return False
    job = GifExport(path, frames, durations)
    job.saved.connect(on_saved)
    job.failed.connect(on_failed)
    jobs.start(job, QThread.Priority.LowPriority)
    return True


def wait_all(timeout_ms: int = 60000) -> bool:
    """Tests and benchmarks: block until every export has ended."""
    return _JOBS.wait_all(timeout_ms)

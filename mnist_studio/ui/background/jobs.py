"""The one way the window runs work off the UI thread: a ``Job`` on its own ``JobThread``, kept by ``Jobs``.

- ``Job``: a QObject whose ``work()`` runs on the job's thread and speaks through the job's own signals (queued
  onto the UI thread: the job object itself lives on the UI thread, so it is created, read and deleted there).
  ``cancel()`` and ``close(keep)`` are thread-safe; ``work`` polls ``cancelled``.
- ``JobThread``: the QThread that owns one job. ``shutdown()`` closes the job and joins the thread.
- ``Jobs``: the job threads of one owner (a tab, a map, the app). Each thread is reaped once it has ended
  (waited for, then deleted); ``shutdown()`` closes every job and joins every thread, so that no QThread is
  ever destroyed while it runs (Qt aborts the process when one is). After it, ``start`` runs nothing: word
  queued before the close (a loader's last signals) must not start a thread that its owner then destroys.
- A join that times out (a job slower to stop than its owner waits: an evaluation mid-batch on a busy laptop)
  hands the thread to this module (``keep_until_ended``): it loses its Qt parent, so the owner may go, and
  is released once it has ended (joined at interpreter exit at the latest).

Why not superqt's ``thread_worker`` (what napari uses): it runs functions as QRunnables on the global
QThreadPool. Our jobs block on the Keras worker's pipe for minutes and must each be stopped mid-run, then
joined one by one when a tab or the window closes (keep or discard the partial run); a pool runnable cannot be
joined alone, a ``FunctionWorker`` cannot be stopped at all (only generator workers, at their yields), and a
long training would hold one of the pool's few threads that Qt itself also uses. One QThread per job, as the
design asks, is what this module gives, in about a hundred lines.
"""

from __future__ import annotations

import atexit
import logging

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

log = logging.getLogger(__name__)


class Job(QObject):
    """Work for a ``JobThread``: subclasses implement ``work()`` (run on the job's thread) and emit their own
    signals from it. ``ended`` is emitted after ``work`` returns, whatever happened."""

    ended = Signal()

    def __init__(self):
        super().__init__()
        self._cancel = False

    @property
    def cancelled(self) -> bool:
        return self._cancel

    def cancel(self) -> None:
        """Thread-safe: give the job up; ``work`` stops at its next check and says nothing more."""
        self._cancel = True

    def close(self, keep: bool) -> None:
        """Thread-safe: the window is closing. A job with something worth keeping overrides this."""
        del keep
        self.cancel()

    def work(self) -> None:
        raise NotImplementedError

    def run(self) -> None:
        try:
            self.work()
        except Exception:  # a job says its own errors; one it did not foresee is logged, never fatal
            log.exception("%s failed", type(self).__name__)
        finally:
            self.ended.emit()


class JobThread(QThread):
    """The thread of one job; the job stays a UI-thread object, only its ``work`` runs here."""

    def __init__(self, job: Job, parent: QObject | None = None):
        super().__init__(parent)
        self.job = job

    def run(self) -> None:
        self.job.run()

    def shutdown(self, timeout_ms: int | None = 2000, keep: bool = True) -> bool:
        """Close the job as for closing the window and wait up to ``timeout_ms`` (None: until it ends). False:
        it is still finishing (a save in progress); it is then kept until it ends (``keep_until_ended``), so its
        owner may go; an owner that needs its end waits on ``finished``."""
        if self.isRunning():
            self.job.close(keep)
            if not (self.wait() if timeout_ms is None else self.wait(timeout_ms)):
                keep_until_ended(self)
                return False
        return True


class Jobs(QObject):
    """The job threads of one owner that runs several jobs (one job alone may keep its ``JobThread`` itself).
    Threads are parented here and deleted once they have ended; the owner calls ``shutdown()`` before it goes
    (an application-wide one at quit, as ``ui.draw.nondigit_job`` does)."""

    jobEnded = Signal(object)  # the job, once its thread has ended (on the UI thread; owners connect methods)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.threads: list[JobThread] = []  # running, or ended and not yet reaped
        self.closed = False  # shut down: nothing starts any more

    def start(self, job: Job, priority: QThread.Priority = QThread.Priority.InheritPriority) -> JobThread:
        """Run ``job`` on a new thread. Once shut down, the job is cancelled and its thread never starts (a
        thread that never ran may be destroyed with its owner; a running one would abort the process)."""
        thread = JobThread(job, self)
        if self.closed:
            log.info("%s not started: its owner has shut down", type(job).__name__)
            job.cancel()
            return thread
        thread.finished.connect(self._reap)
        self.threads.append(thread)
        thread.start(priority)
        return thread

    def running(self) -> list[Job]:
        return [thread.job for thread in self.threads if not thread.isFinished()]

    def _reap(self) -> None:
        alive, ended = [], []
        for thread in self.threads:
            if thread.isFinished():
                thread.wait()  # "finished" is queued a moment before run() has really returned
                thread.deleteLater()
                ended.append(thread.job)
            else:
                alive.append(thread)
        self.threads[:] = alive  # in place: ``join`` may hold this list for an owner being destroyed
        for job in ended:
            self.jobEnded.emit(job)

    def wait_all(self, timeout_ms: int = 30000) -> bool:
        """Tests and benchmarks: block until every job has ended."""
        return all(thread.wait(timeout_ms) for thread in list(self.threads))

    def shutdown(self, timeout_ms: int | None = None, keep: bool = True) -> bool:
        """Close every job and join its thread (``timeout_ms`` each; None waits as long as it takes); start
        nothing after."""
        self.closed = True
        return join(self.threads, timeout_ms, keep)


def join(threads: list[JobThread], timeout_ms: int | None = None, keep: bool = True) -> bool:
    """Close every job of ``threads`` and wait for its thread. For an owner's ``destroyed`` signal, hold the
    ``Jobs.threads`` list itself (``Jobs`` keeps it up to date in place), not the ``Jobs`` object."""
    for thread in list(threads):
        thread.job.close(keep)
    ended = True
    for thread in list(threads):
        if not (thread.wait() if timeout_ms is None else thread.wait(timeout_ms)):
            keep_until_ended(thread)
            ended = False
    return ended


class _Keeper(QObject):
    """Threads whose owners stopped waiting for them: held here, without a Qt parent, until they end."""

    def __init__(self):
        super().__init__()
        self.threads: set[JobThread] = set()

    def keep(self, thread: JobThread) -> None:
        if thread in self.threads:
            return
        self.threads.add(thread)
        thread.setParent(None)  # the owner's destruction no longer destroys it
        thread.finished.connect(self._release)  # queued onto this (the UI) thread
        if thread.isFinished():
            self._release()

    @Slot()
    def _release(self) -> None:
        for thread in list(self.threads):
            if not shiboken6.isValid(thread):
                self.threads.discard(thread)
            elif thread.isFinished():
                thread.wait()
                self.threads.discard(thread)  # Python owns it now: deleted with its last reference

    def wait_all(self, timeout_ms: int = 30000) -> bool:
        return all(thread.wait(timeout_ms) for thread in list(self.threads) if shiboken6.isValid(thread))


_KEEPER: _Keeper | None = None


@atexit.register
def _join_kept_at_exit() -> None:
    """Never let interpreter exit destroy a kept thread that still runs. Registered when this module is imported,
    so before the window's own exit hook (``main_window``), and so run after it: a thread that the window's
    exit-time shutdown keeps is joined here too."""
    if _KEEPER is not None:
        _KEEPER.wait_all()


def keep_until_ended(thread: JobThread) -> None:
    """Keep ``thread`` (still running after its join timed out) until it ends, whatever becomes of its owner."""
    global _KEEPER
    if _KEEPER is None:
        _KEEPER = _Keeper()
    log.warning("%s did not stop in time; it is kept until it ends", type(thread.job).__name__)
    _KEEPER.keep(thread)


def kept() -> int:
    """How many threads are kept after a join that timed out and have not ended yet."""
    return 0 if _KEEPER is None else sum(1 for t in _KEEPER.threads if shiboken6.isValid(t) and not t.isFinished())


class ApplicationJobs:
    """Jobs that belong to the application, not to a window or a tab (a view may go while they run): the ``Jobs``
    is made on first use and shut down when the application quits, or at interpreter exit for a process that
    never quits (a script, the tests). ``before_shutdown()`` runs first (e.g. to release jobs that wait)."""

    def __init__(self, name: str, timeout_ms: int | None = None, before_shutdown=None):
        self._name, self._timeout_ms, self._before = name, timeout_ms, before_shutdown
        self._jobs: Jobs | None = None

    def get(self) -> Jobs:
        if self._jobs is None:
            self._jobs = Jobs()
            atexit.register(self.shutdown)  # after ``_join_kept_at_exit``'s registration, so it runs before it
        app = QCoreApplication.instance()
        hooked = f"{self._name}JobsHooked"
        if app is not None and not app.property(hooked):
            app.aboutToQuit.connect(self.shutdown)
            app.setProperty(hooked, True)
        return self._jobs

    def shutdown(self) -> None:
        if self._before is not None:
            self._before()
        if self._jobs is not None:
            self._jobs.shutdown(self._timeout_ms)

    def wait_all(self, timeout_ms: int = 30000) -> bool:
        """Tests and benchmarks: block until every job has ended."""
        return self._jobs is None or self._jobs.wait_all(timeout_ms)

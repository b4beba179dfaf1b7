"""``KerasWorker``: the window's handle on the Keras worker process (``worker.process``). Qt-free.

One warm worker, started in the background and reused across jobs; jobs run one at a time (a second caller
waits its turn, and can give up while it waits). ``run`` blocks, so call it from a job thread: the UI thread
never waits on the pipe. The worker is replaced when it dies (killed, out of memory, a crash inside the
backend): the job that was running raises ``WorkerCrashed`` with a message for the user, and the next job
starts a fresh one. It is recycled after a job when its memory passes ``memory_limit_mb``, and when another
backend is chosen (at once when idle, else after the running job).

Why ``multiprocessing.connection`` and a plain child interpreter, not ``QProcess``: the core stays Qt-free, so
the CLI and the tests drive the same worker; the connection pickles numpy arrays as raw buffers; a fresh
``python -m mnist_studio.worker.process`` copies no Qt state or threads (as a fork would) and, unlike
``multiprocessing``'s spawn, never re-imports the caller's main script.
"""

from __future__ import annotations

import atexit
import os
import secrets
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from mnist_studio.runtime import heap, messages
from mnist_studio.worker.process import KEEP, Reply, Request, worker_nice

MEMORY_LIMIT_MB = int(os.environ.get("MNIST_STUDIO_WORKER_MEMORY_MB", "3000"))
POLL_S = 0.05
_PENDING = object()  # no result yet
STOP, CLOSE_KEEP, DISCARD = 1, 2, 3  # what a job's owner may ask of it (see ``KerasWorker.run``)
URGENT = ("train", "finetune")  # a click's job: the next to run when the running job ends
YIELDING = ("prepare", "features")  # background work (warm-ups, the Inside map's prefetch): let a click's go first
CONNECT_TIMEOUT_S = 60.0  # the child connects before it imports Keras: a second or two even on a busy laptop


class WorkerError(RuntimeError):
    """A job failed; the message is for the user. ``template`` and ``values``: the job's own worded error
    (``runtime.messages``), for a window that shows it in the user's language; None and () otherwise."""

    template: str | None = None
    values: tuple[str, ...] = ()

    @classmethod
    def of(cls, payload) -> WorkerError:
        text, template, values = messages.from_payload(payload)
        error = cls(text)
        error.template, error.values = template, values
        return error


class WorkerCrashed(WorkerError):
    """The worker process ended in the middle of a job (killed, out of memory, a crash in the backend);
    ``reason`` says how ("stopped by SIGKILL ..."), for a window that words the message in its language."""

    def __init__(self, message: str, reason: str = ""):
        super().__init__(message)
        self.reason = reason


class JobDiscarded(WorkerError):
    """The job was thrown away on purpose (``close_job(keep=False)``): nothing of it was kept."""


class JobCancelled(WorkerError):
    """The job was cancelled while it waited for its turn: it never started."""


class WorkerBusy(JobCancelled):
    """``run(..., wait=False)`` found another job running: this one never started."""


def _exit_reason(code: int | None) -> str:
    if code is None:
        return "it stopped answering"
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return f"it was stopped by {name}" + (" (killed, perhaps out of memory)" if -code == 9 else "")
    return f"it exited with status {code}"


class KerasWorker:
    def __init__(self, backend: str | None = None, memory_limit_mb: int = MEMORY_LIMIT_MB):
        self.backend = backend  # None: the process's configured backend ($KERAS_BACKEND, keras.json)
        self.memory_limit_mb = memory_limit_mb
        self._job_lock = threading.Lock()  # one job at a time
        self._waiting_lock = threading.Lock()
        self._urgent_waiting = 0  # jobs of a click (URGENT) waiting for the lock: background ones let them first
        self._proc_lock = threading.RLock()  # starting, killing, replacing the process
        self._proc: subprocess.Popen | None = None
        self._conn = None
        self._control = None
        self._ready: dict | None = None
        self._job = 0
        self._running_kind: str | None = None  # the kind of the job that holds the job lock
        self._discarding = False
        self._recycle = False
        self.starts = 0  # processes started so far (tests and benchmarks read it)

    # -- the process ----------------------------------------------------------------------------------
    def start(self) -> None:
        """Start the worker process if none is running; returns once it has connected (Keras then imports
        in the background: the first job waits for it)."""
        from multiprocessing.connection import Listener

        with self._proc_lock:
            if self._proc is not None and self._proc.poll() is None:
                return
            self._close_pipe()
            key = secrets.token_bytes(32)
            env = dict(os.environ, MNIST_STUDIO_WORKER_KEY=key.hex())
            env.pop("MNIST_STUDIO_WORKER_BACKEND", None)
            if self.backend:
                env["MNIST_STUDIO_WORKER_BACKEND"] = self.backend
            with Listener(authkey=key) as listener:
                proc = subprocess.Popen([sys.executable, "-m", "mnist_studio.worker.process", str(listener.address)],
                                        env=env, stdin=subprocess.DEVNULL, creationflags=_priority_flags())
                conns = _accept(listener, proc, 2)
            if conns is None:
                proc.kill()
                proc.wait()
                raise WorkerCrashed(f"The Keras worker process did not start: {_exit_reason(proc.returncode)}.")
            self._proc, (self._conn, self._control), self._ready = proc, conns, None
            self.starts += 1

    def idle(self) -> bool:
        """Is no job running now (the job lock free)?"""
        return not self._job_lock.locked()

    def running(self) -> str | None:
        """The kind of the job running now (what a waiting job waits for), or None."""
        return self._running_kind

    @property
    def pid(self) -> int | None:
        proc = self._proc
        return proc.pid if proc is not None and proc.poll() is None else None

    def alive(self) -> bool:
        return self.pid is not None

    def info(self) -> dict | None:
        """The worker's ``ready`` message once Keras is up: {"backend": name, "pid": pid}, else None."""
        return self._ready

    def rss_mb(self) -> float | None:
        pid = self.pid
        if pid is None:
            return None
        try:
            pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
        except (OSError, ValueError, IndexError):
            return None
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20

    def kill(self) -> None:
        """End the worker at once (a running job raises ``JobDiscarded``); the next job starts a fresh one."""
        with self._proc_lock:
            proc = self._proc
            if proc is not None and proc.poll() is None:
                self._discarding = self._job_lock.locked()
                proc.kill()
                proc.wait(5)
            self._proc, self._ready = None, None
            self._close_pipe()

    def shutdown(self, timeout_s: float = 2.0) -> None:
        """Ask the worker to exit (after its job), then end it if it has not within ``timeout_s``."""
        with self._proc_lock:
            proc, conn = self._proc, self._conn
            if proc is None:
                return
            if proc.poll() is None and not self._job_lock.locked() and conn is not None:
                try:
                    conn.send(None)
                    proc.wait(timeout_s)
                except (OSError, ValueError, subprocess.TimeoutExpired):
                    pass
            if proc.poll() is None:
                proc.kill()
                proc.wait(5)
            self._proc, self._ready = None, None
            self._close_pipe()

    def set_backend(self, name: str | None) -> None:
        """Train on ``name`` from the next job: the worker is replaced now when idle, else after its job."""
        if name == self.backend:
            return
        self.backend = name
        if self._job_lock.acquire(blocking=False):
            try:
                self.shutdown()
            finally:
                self._job_lock.release()
        else:
            self._recycle = True

    def _close_pipe(self) -> None:
        for conn in (self._conn, self._control):
            if conn is not None:
                try:
                    conn.close()
                except OSError:
                    pass
        self._conn = self._control = None

    # -- jobs -----------------------------------------------------------------------------------------
    def _signal(self, level: int) -> None:
        """The running job's owner asks it to stop (``STOP``), stop for closing (``CLOSE_KEEP``: no test
        evaluation, the partial model saved) or be thrown away (``DISCARD``: the worker ends at once)."""
        if level >= DISCARD:
            self.kill()
            return
        self._send_control((self._job, KEEP if level >= CLOSE_KEEP else 0))

    def _send_control(self, message) -> None:
        with self._proc_lock:
            control = self._control
            if control is None:
                return
            try:
                control.send(message)
            except (OSError, ValueError):
                pass  # the worker has gone: the job ends anyway

    def run(self, kind: str, on_event: Callable[[object], None] | None = None,
            cancelled: Callable[[], int] | None = None, messages: Callable[[], list] | None = None,
            wait: bool = True, **params):
        """Run one job and return its result; ``on_event`` gets its events on the calling thread.

        ``cancelled()`` is the owner's wish, polled on this thread: 0 go on, ``STOP`` (or True) stop at the
        next batch and keep what it has, ``CLOSE_KEEP`` the same without a test evaluation, ``DISCARD`` end
        the worker now. While the job waits for the one before it, any wish cancels it (``JobCancelled``); with
        ``wait=False`` it does not wait (``WorkerBusy``). ``messages()``, polled on this thread too while the job
        runs, returns ``(key, value)`` pairs for its control channel (``("drawing", image)``: ``worker.process``).
        Raises ``WorkerError`` (the job failed: a message for the user), ``WorkerCrashed``, ``JobDiscarded``."""
        urgent = kind in URGENT
        with self._waiting_lock:
            self._urgent_waiting += urgent
        try:
            if not self._acquire(kind, blocking=False):
                if not wait:
                    raise WorkerBusy(f"the worker runs {self._running_kind or 'another job'}")
                if on_event is not None:
                    from mnist_studio.networks.training import PhaseEvent

                    on_event(PhaseEvent("waiting", self._running_kind or ""))  # another tab's job runs first
                while not self._acquire(kind, timeout=POLL_S):
                    if cancelled is not None and cancelled():
                        raise JobCancelled("cancelled while waiting for the running job")
        finally:
            with self._waiting_lock:
                self._urgent_waiting -= urgent
        try:
            self._discarding, self._running_kind = False, kind
            return self._run(kind, on_event, cancelled, params, messages)
        finally:
            self._after_job()  # may replace the process (memory, backend): still this job's time
            self._running_kind = None
            self._job_lock.release()

    def _acquire(self, kind: str, blocking: bool = True, timeout: float = -1) -> bool:
        """The job lock; a background job (``YIELDING``) lets a click's job that waits go first: it only takes a
        free lock, and only while no click's job waits (checked and taken at once, under ``_waiting_lock``)."""
        if kind not in YIELDING:
            return self._job_lock.acquire(blocking, timeout) if blocking else self._job_lock.acquire(False)
        with self._waiting_lock:
            got = not self._urgent_waiting and self._job_lock.acquire(False)
        if not got and blocking:
            time.sleep(max(timeout, 0.0))
        return got

    def _run(self, kind, on_event, cancelled, params, messages=None):
        self.start()
        conn, proc = self._conn, self._proc
        while self._ready is None:  # the "ready" message: Keras imported in the worker
            if cancelled is not None and cancelled():
                raise JobCancelled("cancelled while the worker started")
            self._receive(conn, proc, 0, None)
        with self._proc_lock:
            self._job += 1
            job = self._job
        try:
            conn.send(Request(job, kind, params))
        except (OSError, ValueError) as exc:
            raise self._ended(proc) from exc
        sent = 0
        while True:
            wish = int(cancelled() or 0) if cancelled is not None else 0
            if wish > sent:
                sent = wish
                self._signal(wish)
            for key, value in (messages() if messages is not None else ()):
                self._send_control((job, key, value))
            reply = self._receive(conn, proc, job, on_event)
            if reply is not _PENDING:
                return reply

    def _receive(self, conn, proc, job, on_event):
        """Wait a moment for the next message of ``job``: events go to ``on_event``; returns the result, or
        ``_PENDING`` when there is none yet; raises on an error or when the process ends."""
        while True:
            try:
                if conn is None or not conn.poll(POLL_S):
                    if proc is None or proc.poll() is not None or conn is not self._conn:
                        raise self._ended(proc)
                    return _PENDING
                reply: Reply = conn.recv()
            except (EOFError, OSError, ValueError) as exc:
                raise self._ended(proc) from exc
            if reply.kind == "ready":
                self._ready = reply.payload
                return reply.payload
            if reply.job != job:
                continue  # a late message of a job that ended
            if reply.kind == "event":
                if on_event is not None:
                    on_event(reply.payload)
                return _PENDING
            if reply.kind == "result":
                return reply.payload
            if job == 0:  # Keras could not start in the worker
                self.kill()
            raise WorkerError.of(reply.payload)

    def _ended(self, proc) -> WorkerError:
        if self._discarding:
            return JobDiscarded("discarded")
        code = None
        if proc is not None:
            try:
                code = proc.wait(2)  # the pipe closes a moment before the process is reaped
            except subprocess.TimeoutExpired:
                proc.kill()
        with self._proc_lock:
            if self._proc is proc:
                self._proc, self._ready = None, None
                self._close_pipe()
        reason = _exit_reason(code)
        return WorkerCrashed(f"The Keras worker process ended in the middle of the job: {reason}. "
                             "Nothing half-written was kept; the next job starts a fresh worker.", reason)

    def _after_job(self) -> None:
        heap.trim()  # the job's arrays are gone: give their pages back (the caller's process, the window)
        rss = self.rss_mb()
        if self._recycle or (rss is not None and rss > self.memory_limit_mb):
            self._recycle = False
            self.shutdown()


_SHARED: KerasWorker | None = None
_SHARED_LOCK = threading.Lock()


def shared() -> KerasWorker:
    """The process's one worker (the window's tabs share it; the CLI keeps running Keras in-process)."""
    global _SHARED
    with _SHARED_LOCK:
        if _SHARED is None:
            _SHARED = KerasWorker()
            atexit.register(_SHARED.shutdown)  # the worker also exits by itself when the pipe closes
        return _SHARED


def _priority_flags() -> int:
    """Windows has no nice: the worker starts "below normal", as ``process.lower_priority`` does elsewhere."""
    return subprocess.BELOW_NORMAL_PRIORITY_CLASS if sys.platform == "win32" and worker_nice() > 0 else 0


def _accept(listener, proc: subprocess.Popen, count: int):
    """``count`` connections from ``proc``, or None when it dies or takes longer than CONNECT_TIMEOUT_S."""
    conns: list = []
    done = threading.Event()

    def accept() -> None:
        try:
            while len(conns) < count:
                conns.append(listener.accept())
        except (OSError, EOFError):
            pass
        done.set()

    threading.Thread(target=accept, daemon=True, name="worker-accept").start()
    end = time.monotonic() + CONNECT_TIMEOUT_S
    while not done.wait(POLL_S):
        if proc.poll() is not None or time.monotonic() > end:
            listener.close()  # ends the accept
            done.wait(5)
            for conn in conns:
                conn.close()
            return None
    return tuple(conns) if len(conns) == count else None

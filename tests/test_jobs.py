"""ui.background.jobs: the one way the window runs work off the UI thread (real QThreads, no sleeps in the tests'
own thread: the jobs wait on events)."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtCore import QThread, Signal

from mnist_studio.ui.background.jobs import Job, Jobs, JobThread, join


class Waiting(Job):
    """Waits until cancelled (or released), then says which."""

    said = Signal(str)

    def __init__(self):
        super().__init__()
        self.release = threading.Event()
        self.thread_name = None
        self.kept = None

    def work(self) -> None:
        self.thread_name = QThread.currentThread()
        while not self.cancelled and not self.release.wait(0.005):
            pass
        self.said.emit("cancelled" if self.cancelled else "released")

    def close(self, keep: bool) -> None:
        self.kept = keep
        super().close(keep)


class Failing(Job):
    def work(self) -> None:
        raise RuntimeError("boom")


def test_a_job_runs_off_the_ui_thread_and_speaks_through_queued_signals(qtbot):
    jobs = Jobs()
    job = Waiting()
    heard, ended = [], []
    jobs.jobEnded.connect(ended.append)
    job.said.connect(lambda text: heard.append((text, QThread.currentThread())))
    thread = jobs.start(job)
    assert jobs.running() == [job]
    with qtbot.waitSignal(thread.finished, timeout=10000):
        job.release.set()
    qtbot.waitUntil(lambda: heard != [])
    assert heard == [("released", QThread.currentThread())]  # delivered on the UI thread
    assert job.thread_name is not QThread.currentThread()
    qtbot.waitUntil(lambda: jobs.threads == [])  # reaped once ended
    assert jobs.running() == [] and ended == [job]  # and its owner told, on the UI thread


def test_shutdown_closes_every_job_and_joins_its_thread(qtbot):
    jobs = Jobs()
    waiting = [Waiting() for _ in range(3)]
    threads = [jobs.start(job) for job in waiting]
    assert all(thread.isRunning() for thread in threads)
    assert jobs.shutdown(keep=False)
    assert all(thread.isFinished() for thread in threads)
    assert [job.kept for job in waiting] == [False, False, False]
    assert all(job.cancelled for job in waiting)


def test_join_works_on_the_threads_list_an_owner_hands_to_its_destroyed_signal(qtbot):
    jobs = Jobs()
    held = jobs.threads  # what EmbeddingMaps gives its parent's ``destroyed``
    job = Waiting()
    jobs.start(job)
    second = Waiting()
    with qtbot.waitSignal(jobs.start(second).finished, timeout=10000):
        second.release.set()
    qtbot.waitUntil(lambda: len(jobs.threads) == 1)
    assert held is jobs.threads  # reaping keeps the list itself up to date
    assert join(held, timeout_ms=10000)
    assert job.cancelled and jobs.running() == []


def test_a_job_that_raises_is_logged_and_still_ends_its_thread(qtbot, caplog):
    thread = JobThread(Failing())
    with qtbot.waitSignal(thread.job.ended, timeout=10000):
        thread.start()
    assert thread.wait(10000)
    assert thread.shutdown()  # nothing left to stop
    assert "Failing failed" in caplog.text and "boom" in caplog.text


def test_a_thread_still_finishing_says_so_and_ends_later(qtbot):
    class Slow(Waiting):
        def close(self, keep: bool) -> None:  # a save in progress: closing does not end it at once
            self.kept = keep

    job = Slow()
    thread = JobThread(job)
    thread.start()
    assert thread.shutdown(timeout_ms=50, keep=True) is False and job.kept is True
    with qtbot.waitSignal(thread.finished, timeout=10000):
        job.release.set()
    assert thread.shutdown(timeout_ms=None)


def test_a_job_started_after_shutdown_never_runs_and_its_owner_can_go(qtbot):
    """Word queued before a window closed (a loader's last signal) may reach an owner already shut down: its
    job must not start a thread that the owner's destruction would then abort on."""
    owner = Jobs()
    owner.shutdown()
    job = Waiting()
    thread = owner.start(job)
    try:
        assert job.cancelled and not thread.isRunning() and not thread.isFinished()
        assert owner.running() == [] and owner.threads == []
    finally:  # a regression fails here, not by aborting the whole test run below
        job.cancel()
        thread.wait(10000)
    owner.deleteLater()  # with a running thread among its children, Qt would abort the process here
    qtbot.waitUntil(lambda: not shiboken6.isValid(owner), timeout=5000)
    assert job.thread_name is None  # its work never ran


def test_an_owner_whose_join_timed_out_can_go_while_its_thread_finishes(qtbot):
    """The Evaluate tab joins its evaluations for 5 s at most; on a busy laptop one was still mid-batch when its
    window closed, and the monkey soak's restart then deleted the window: Qt aborted the process ("QThread:
    Destroyed while thread is still running"). A thread whose join times out is kept until it ends."""
    from mnist_studio.ui.background import jobs

    class Slow(Waiting):
        def close(self, keep: bool) -> None:  # mid-batch: closing does not end it at once
            self.kept = keep

    owner = Jobs()
    job = Slow()
    thread = owner.start(job)
    qtbot.waitUntil(lambda: job.thread_name is not None, timeout=5000)
    before = jobs.kept()  # a slow join elsewhere in this test run may still be counted
    try:
        assert owner.shutdown(timeout_ms=50) is False and thread.isRunning()
        assert thread.parent() is None and jobs.kept() == before + 1  # no longer the owner's child
    finally:  # a regression fails here, not by aborting the whole test run below
        if thread.parent() is not None:
            job.release.set()
            thread.wait(10000)
    owner.deleteLater()  # with the running thread still its child, Qt would abort the process here
    qtbot.waitUntil(lambda: not shiboken6.isValid(owner), timeout=5000)
    assert thread.isRunning()
    with qtbot.waitSignal(job.said, timeout=10000) as said:
        job.release.set()
    assert said.args == ["released"]
    qtbot.waitUntil(lambda: jobs.kept() == before, timeout=5000)
    assert thread.isFinished()


def test_a_job_threads_own_join_that_times_out_keeps_it_too(qtbot):
    from mnist_studio.ui.background import jobs

    class Slow(Waiting):
        def close(self, keep: bool) -> None:
            self.kept = keep

    owner = Jobs()
    job = Slow()
    thread = JobThread(job, owner)
    thread.start()
    before = jobs.kept()
    try:
        assert thread.shutdown(timeout_ms=50) is False and thread.parent() is None
    finally:
        if thread.parent() is not None:
            job.release.set()
            thread.wait(10000)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(owner), timeout=5000)
    job.release.set()
    qtbot.waitUntil(lambda: jobs.kept() == before, timeout=10000)
    assert thread.wait(5000)


EXIT_SCRIPT = """
import atexit, threading
from PySide6.QtWidgets import QApplication
from mnist_studio.ui.background.jobs import Job, Jobs

app = QApplication([])
release = threading.Event()

class Slow(Job):
    def work(self):
        release.wait(30)

    def close(self, keep):  # mid-batch: closing does not end it at once
        threading.Timer(1.0, release.set).start()

owner = Jobs()
owner.start(Slow())

@atexit.register  # registered after jobs.py was imported, as main_window's exit hook is: so it runs first
def window_exit_hook():
    assert owner.shutdown(timeout_ms=50) is False  # the join times out at exit: the thread is kept
    print("kept at exit", flush=True)
"""


def test_a_thread_kept_by_an_exit_time_shutdown_is_joined_before_the_interpreter_ends(tmp_path):
    """A program that exits without closing its window: the window's exit hook joins its jobs, and one that does
    not stop in time is kept. The keeper's own exit hook must still join it after that (it used to be registered
    at the first kept thread, too late to run), or the interpreter's end destroys it running and Qt aborts."""
    import os
    import subprocess
    import sys

    script = tmp_path / "exit_with_a_slow_job.py"
    script.write_text(EXIT_SCRIPT)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, str(script)], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "kept at exit" in done.stdout and "Destroyed while thread" not in done.stderr

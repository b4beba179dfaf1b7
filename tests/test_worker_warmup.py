"""The worker's warm-up: it runs only while no job waits, a job that arrives is served before the next step,
and the real steps (imports, MNIST, a first small training with live views) run on this backend."""

from __future__ import annotations

import multiprocessing

import pytest

from mnist_studio.worker import warmup
from mnist_studio.worker.warmup import Warmup


@pytest.fixture
def pipe():
    mine, theirs = multiprocessing.Pipe()
    yield mine, theirs
    mine.close()
    theirs.close()


def test_an_idle_worker_runs_every_step_then_waits_for_its_job(pipe, monkeypatch):
    monkeypatch.setattr(warmup, "WARM_IDLE_S", 0.01)
    worker_end, window_end = pipe
    ran = []
    steps = [(name, lambda interrupt, name=name: ran.append(name)) for name in ("a", "b", "c")]
    warm = Warmup(steps)

    def last_step_sends_a_job(interrupt):  # the window's job arrives as the warm-up's last step ends
        ran.append("c")
        window_end.send("job")
        assert interrupt.wait(10)  # the watcher saw it

    warm.pending[-1] = ("c", last_step_sends_a_job)
    assert warm.next_request(worker_end) == "job"
    assert ran == ["a", "b", "c"] and warm.done == ["a", "b"]  # c gave way to the job: it runs when idle again
    assert [name for name, _ in warm.pending] == ["c"]


def test_a_job_that_arrives_interrupts_the_step_which_runs_again_when_idle(pipe, monkeypatch):
    monkeypatch.setattr(warmup, "WARM_IDLE_S", 0.01)
    worker_end, window_end = pipe
    ran = []

    def long_step(interrupt):  # a first training: it stops at its next batch once interrupted
        ran.append("long")
        window_end.send("train")
        assert interrupt.wait(10)

    warm = Warmup([("long", long_step), ("second", lambda interrupt: ran.append("second"))])
    assert warm.next_request(worker_end) == "train"  # served at once: the step gave way
    assert ran == ["long"] and [name for name, _ in warm.pending] == ["long", "second"] and warm.done == []
    window_end.send("evaluate")
    assert warm.next_request(worker_end) == "evaluate" and ran == ["long"]  # a job waiting: no step first
    window_end.send(None)
    assert warm.next_request(worker_end) is None


def test_a_failing_step_ends_the_warm_up_and_the_job_is_still_served(pipe, monkeypatch, caplog):
    monkeypatch.setattr(warmup, "WARM_IDLE_S", 0.01)
    worker_end, window_end = pipe

    def broken(interrupt):
        window_end.send("job")
        raise MemoryError("no room")

    warm = Warmup([("broken", broken), ("never", lambda interrupt: pytest.fail("ran after a failed step"))])
    assert warm.next_request(worker_end) == "job"
    assert warm.pending == [] and warm.done == [] and "no room" in caplog.text


def test_off_when_the_environment_says_so(monkeypatch):
    monkeypatch.setenv("MNIST_STUDIO_WORKER_WARMUP", "0")
    assert Warmup().pending == []
    monkeypatch.setenv("MNIST_STUDIO_WORKER_WARMUP", "1")
    assert [name for name, _ in Warmup().pending] == ["imports", "mnist", "first training"]


def test_the_real_steps_run_on_this_backend():
    for _, step in warmup.STEPS:
        step(warmup.Interrupt())


def test_an_interrupted_first_training_stops_at_once():
    from mnist_studio.runtime.backend import JobCancelled

    interrupt = warmup.Interrupt()
    interrupt.set()  # the job was already waiting when the step began
    try:
        warmup.STEPS[-1][1](interrupt)
    except JobCancelled:
        pass

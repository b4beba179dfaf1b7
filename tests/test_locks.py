"""runtime.locks: the one way a queued job waits for its turn and gives up when cancelled."""

import threading

from mnist_studio.runtime import locks


def test_a_free_lock_is_taken_without_waiting():
    lock, waits = threading.Lock(), []
    assert locks.acquire(lock, cancelled=lambda: True, waiting=lambda: waits.append(1))
    assert lock.locked() and waits == []


def test_a_held_lock_is_waited_for_and_taken_once_released():
    lock, waits = threading.Lock(), []
    lock.acquire()
    releaser = threading.Timer(0.2, lock.release)
    releaser.start()
    assert locks.acquire(lock, cancelled=lambda: False, poll_s=0.01, waiting=lambda: waits.append(1))
    releaser.join()
    assert lock.locked() and waits == [1]  # told once, however many polls it took


def test_a_wait_that_is_cancelled_gives_up_without_the_lock():
    lock = threading.Lock()
    lock.acquire()
    polls = []

    def cancelled():
        polls.append(1)
        return len(polls) >= 3

    assert not locks.acquire(lock, cancelled, poll_s=0.01)
    assert len(polls) == 3
    lock.release()
    assert not lock.locked()  # the cancelled wait took nothing

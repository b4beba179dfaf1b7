"""Shared pieces of the class-server tests: a real server on 127.0.0.1, phones, and asyncio with a time limit."""

from __future__ import annotations

import asyncio
import contextlib

import aiohttp
import numpy as np

from mnist_studio.classroom import ClassServer, Limits, shipped_predict
from mnist_studio.classroom.conversation import MIN_EXTENT
from mnist_studio.classroom.simulate import Phone, pen_digits
from mnist_studio.digits.strokes import render

HOST = "127.0.0.1"  # tests bind and connect here only
CODE = "4821"
_PREDICT = None


def predict():
    """The shipped MLP and CNN read with numpy (no Keras), built once per test session."""
    global _PREDICT
    if _PREDICT is None:
        _PREDICT = shipped_predict()
    return _PREDICT


@contextlib.contextmanager
def served(**kwargs):
    server = ClassServer(predict(), host=HOST, port=0, code=CODE, **kwargs)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def run(coro, timeout: float = 60.0):
    """Run a coroutine to its end on a fresh event loop, failing after ``timeout`` seconds."""
    return asyncio.run(asyncio.wait_for(coro, timeout))


@contextlib.asynccontextmanager
async def phones(server: ClassServer, *nicknames: str, join: bool = True):
    async with aiohttp.ClientSession() as session:
        out = [Phone(session, server.url, server.code, name) for name in nicknames]
        try:
            for phone in out:
                if join:
                    reply = await phone.join()
                    assert reply["type"] == "welcome", reply
                else:
                    await phone.connect()
            yield out
        finally:
            for phone in out:
                await phone.close()


def readable_digits(count: int, seed: int = 3) -> list[tuple[int, list]]:
    """Held-out pen digits both shipped models read right (so a test can expect the label back)."""
    out = []
    for label, strokes in pen_digits(8 * count, seed=seed):
        image = render([np.asarray(s) for s in strokes], min_extent=MIN_EXTENT)
        probs = predict()(image)
        if all(int(np.argmax(p)) == label for p in probs.values()):
            out.append((label, strokes))
        if len(out) == count:
            return out
    raise AssertionError("not enough readable pen digits")


def limits(**kwargs) -> Limits:
    return Limits(**kwargs)

"""A simulated phone (an aiohttp websocket client) drawing real pen handwriting: for the tests and the load benchmark.

``Phone`` speaks the page's protocol: it joins, sends the drawing as it grows (one message in flight,
as the page does), waits for each live answer and times it, and submits. Digits come from the UCI pen
digits of writers the shipped models never trained on, placed on the canvas as a student would draw.
"""

from __future__ import annotations

import asyncio
import time

import aiohttp
import numpy as np

from mnist_studio.digits import pendigits

TIMEOUT_S = 10.0


def to_canvas(strokes: list[np.ndarray], margin: float = 0.15, rng: np.random.Generator | None = None) -> list:
    """Pen strokes (any units, y down) -> canvas units (0..1 square), the longer side filling ``1 - 2 * margin``;
    with ``rng``, a little jitter in size and place (a hand never draws the same digit twice)."""
    every = np.concatenate([np.asarray(s, np.float64)[:, :2] for s in strokes])
    lo, hi = every.min(axis=0), every.max(axis=0)
    extent = float(max(hi - lo)) or 1.0
    size = 1.0 - 2 * margin
    offset = np.array([margin, margin]) + (size - (hi - lo) / extent * size) / 2
    if rng is not None:
        size *= rng.uniform(0.8, 1.05)
        offset = offset + rng.uniform(-0.05, 0.05, 2)
    out = []
    for s in strokes:
        p = (np.asarray(s, np.float64)[:, :2] - lo) / extent * size + offset
        out.append(np.round(np.clip(p, 0.0, 1.0), 4).tolist())
    return out


def pen_digits(count: int, seed: int = 0) -> list[tuple[int, list]]:
    """``count`` (label, canvas strokes) from held-out pen writers, jittered so no two are the same picture."""
    data = pendigits.load()
    pool = np.flatnonzero(np.isin(data.writers, pendigits.HELD_OUT_WRITERS))
    rng = np.random.default_rng(seed)
    picks = rng.choice(pool, size=count, replace=count > len(pool))
    return [(int(data.labels[i]), to_canvas(data.strokes(int(i)), rng=rng)) for i in picks]


def growing(strokes: list, steps: int) -> list[list]:
    """The drawing as it grows, in ``steps`` snapshots (what the page sends while the pen moves)."""
    total = sum(len(s) for s in strokes)
    out = []
    for k in range(1, steps + 1):
        budget = max(1, round(total * k / steps))
        snap = []
        for s in strokes:
            if budget <= 0:
                break
            snap.append(s[:budget])
            budget -= len(s)
        out.append(snap)
    return out


class Phone:
    """One student's phone. ``roundtrips_ms``: strokes -> answer times; ``saved``: digit ids the server confirmed."""

    def __init__(self, session: aiohttp.ClientSession, url: str, code: str, nickname: str, lang: str = "en"):
        self.session = session
        self.ws_url = url.rstrip("/") + "/ws"
        self.code, self.nickname, self.lang = code, nickname, lang
        self.ws: aiohttp.ClientWebSocketResponse | None = None
        self.token = ""
        self.student = ""
        self.prompt: dict = {}
        self.seq = 0
        self.n = 0
        self.roundtrips_ms: list[float] = []
        self.saved: list[int] = []
        self.errors: list[dict] = []
        self.join_to_first_answer_ms: float | None = None
        self._joined_at = 0.0

    async def connect(self) -> None:
        self.ws = await self.session.ws_connect(self.ws_url, max_msg_size=1 << 20)

    async def send(self, obj) -> None:
        await self.ws.send_json(obj)

    async def receive(self, timeout: float = TIMEOUT_S) -> dict:
        """The next message (a prompt is remembered on the way)."""
        msg = await self.ws.receive(timeout=timeout)
        if msg.type != aiohttp.WSMsgType.TEXT:
            raise ConnectionError(f"the server closed the connection ({msg.type.name}, {msg.data!r}, {msg.extra!r})")
        data = msg.json()
        if data.get("type") == "prompt":
            self.prompt = data
        elif data.get("type") == "error":
            self.errors.append(data)
        return data

    async def expect(self, *kinds: str, timeout: float = TIMEOUT_S) -> dict:
        """Messages until one of ``kinds``, an "error" or a "bye"."""
        deadline = time.monotonic() + timeout
        while True:
            data = await self.receive(max(0.01, deadline - time.monotonic()))
            if data.get("type") in (*kinds, "error", "bye"):
                return data

    async def join(self, code: str | None = None) -> dict:
        if self.ws is None or self.ws.closed:
            await self.connect()
        self._joined_at = time.perf_counter()
        await self.send({"type": "join", "code": self.code if code is None else code, "nickname": self.nickname,
                         "lang": self.lang, "token": self.token})
        reply = await self.expect("welcome")
        if reply["type"] == "welcome":
            self.token, self.student = reply["token"], reply["student"]
            await self.expect("prompt")
        return reply

    async def ask(self, strokes: list) -> dict:
        """Send the drawing, wait for its answer; the round trip is recorded."""
        self.seq += 1
        t0 = time.perf_counter()
        await self.send({"type": "strokes", "strokes": strokes, "seq": self.seq})
        while True:
            reply = await self.expect("answer")
            if reply["type"] != "answer" or reply.get("seq") == self.seq:
                break
        ms = (time.perf_counter() - t0) * 1000
        if reply["type"] == "answer":
            self.roundtrips_ms.append(ms)
            if self.join_to_first_answer_ms is None:
                self.join_to_first_answer_ms = (time.perf_counter() - self._joined_at) * 1000
        return reply

    async def draw(self, strokes: list, steps: int = 6, pause_s: float = 0.0) -> dict:
        """Draw as a hand does: the growing drawing, one live answer each."""
        reply = {}
        for snap in growing(strokes, steps):
            reply = await self.ask(snap)
            if pause_s:
                await asyncio.sleep(pause_s)
        return reply

    async def submit(self, strokes: list) -> dict:
        self.n += 1
        await self.send({"type": "submit", "strokes": strokes, "n": self.n})
        reply = await self.expect("saved")
        if reply["type"] == "saved":
            self.saved.append(int(reply["id"]))
            await self.expect("prompt")
        return reply

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

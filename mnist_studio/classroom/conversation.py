"""One phone's websocket: join, live answers, saved digits, prompts; every message checked and rate-limited.

Runs on the server's event loop. ``predict`` (~1.5 ms of numpy for both shipped models, measured with
render included) runs inline: cheaper than handing each drawing to another thread, and the page keeps
one drawing in flight at a time, so a busy server slows its phones down instead of queueing work.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
from aiohttp import WSCloseCode, WSMsgType, web

from mnist_studio.classroom.limits import Limits, PerAddress, TokenBucket
from mnist_studio.classroom.messages import BadMessage, Join, Skip, Strokes, Submit, dump, parse
from mnist_studio.classroom.state import ClassState, DuplicateDigit
from mnist_studio.digits.strokes import render

if TYPE_CHECKING:
    from mnist_studio.classroom.state import Predict

log = logging.getLogger(__name__)

# As the Draw tab (ui/common/drawing.py MIN_EXTENT): a drawing smaller than this fraction of the canvas side is
# scaled as if it were this large, so a dot stays a dot. Canvas units are the same: 0..1 of the square, y down.
MIN_EXTENT = 0.08
REFUSED_EVENTS_PER_CONNECTION = 5  # "refused" events one connection may put in front of the teacher
CLOSE_FLOOD = WSCloseCode.POLICY_VIOLATION
CLOSE_REPLACED = 4000  # the same student opened the page again elsewhere
CLOSE_REMOVED = 4001  # the teacher removed the student


def answer_models(probs: dict[str, np.ndarray]) -> dict:
    out = {}
    for name, p in probs.items():
        p = np.asarray(p, np.float64).reshape(-1)
        k = int(np.argmax(p))
        out[name] = {"digit": k, "confidence": round(float(p[k]), 4) if np.isfinite(p[k]) else 0.0}
    return out


class Gate:
    """Who may join: the code, and the per-address buckets for join attempts and wrong codes."""

    def __init__(self, code: str, limits: Limits):
        self.code = code
        self.joins = PerAddress(limits.join_attempts_per_minute)
        self.wrong = PerAddress(limits.wrong_codes_per_minute)

    def check(self, address: str, code: str) -> str:
        """"" when the code is right and the address may try; else the refusal's reason."""
        if not self.wrong.available(address) or not self.joins.take(address):
            return "too_many_tries"
        if not secrets.compare_digest(code.encode(), self.code.encode()):
            self.wrong.take(address)
            return "wrong_code"
        return ""


class Conversation:
    """The server side of one websocket."""

    def __init__(self, ws: web.WebSocketResponse, address: str, state: ClassState, predict: Predict,
                 limits: Limits, gate: Gate, sessions: dict[str, Conversation],
                 on_change: Callable[[], None] | None = None):
        self.ws = ws
        self.address = address
        self.state = state
        self.predict = predict
        self.limits = limits
        self.gate = gate
        self.sessions = sessions  # student id -> their live conversation (shared, event loop only)
        self.student_id = ""
        self.messages = TokenBucket(limits.messages_per_second, limits.message_burst)
        self.digits = TokenBucket(limits.digits_per_minute / 60.0, limits.digit_burst)
        self.refusals = 0
        self.refused_events = 0
        self.closing = False

    # -- sending -----------------------------------------------------------------------------------
    async def send(self, obj: dict) -> bool:
        if self.ws.closed:
            return False
        try:
            await self.ws.send_str(dump(obj))
            return True
        except (ConnectionError, RuntimeError):  # the phone went away mid-send
            return False

    async def close(self, code: int, reason: str) -> None:
        if self.closing:
            return
        self.closing = True
        await self.send({"type": "bye", "reason": reason})
        try:
            await self.ws.close(code=code, message=reason.encode()[:120])
        except (ConnectionError, RuntimeError):
            pass

    async def refuse(self, reason: str, detail: str = "") -> None:
        self.refusals += 1
        if self.refused_events < REFUSED_EVENTS_PER_CONNECTION:
            self.refused_events += 1
            self.state.emit("refused", self.student_id, detail=f"{reason}: {detail or reason}"[:200])
        await self.send({"type": "error", "reason": reason, "detail": (detail or reason)[:200]})
        if self.refusals >= self.limits.refusals_before_close:
            await self.close(CLOSE_FLOOD, "flood")

    # -- the conversation ------------------------------------------------------------------------
    async def run(self) -> None:
        timer = asyncio.get_running_loop().call_later(self.limits.join_timeout_s, self._join_timeout)
        try:
            async for msg in self.ws:
                if msg.type in (WSMsgType.ERROR, WSMsgType.CLOSE, WSMsgType.CLOSING, WSMsgType.CLOSED):
                    break
                if not self.messages.take():
                    await self.refuse("too_fast", "messages come too fast")
                elif msg.type == WSMsgType.TEXT:
                    started = time.perf_counter()
                    await self.handle(msg.data)
                    self.state.timed((time.perf_counter() - started) * 1000.0)
                else:
                    await self.refuse("binary", "only text frames are accepted")
                if self.closing:
                    break
        finally:
            timer.cancel()
            if self.student_id and self.sessions.get(self.student_id) is self:
                del self.sessions[self.student_id]
                self.state.disconnected(self.student_id)

    def _join_timeout(self) -> None:
        if not self.student_id and not self.ws.closed:
            asyncio.ensure_future(self.close(WSCloseCode.POLICY_VIOLATION, "join_timeout"))

    async def handle(self, data: str) -> None:
        try:
            message = parse(data, self.limits)
        except BadMessage as bad:
            await self.refuse(bad.reason, bad.detail)
            return
        if isinstance(message, Join):
            await self.join(message)
        elif not self.student_id or not self.state.exists(self.student_id):
            await self.refuse("not_joined", "join the class first")
        elif isinstance(message, Strokes):
            await self.answer(message)
        elif isinstance(message, Submit):
            await self.submit(message)
        elif isinstance(message, Skip):
            prompt = self.state.skip(self.student_id)
            if prompt is not None:
                await self.send(prompt.as_message())

    async def join(self, message: Join) -> None:
        if self.student_id:
            await self.refuse("already_joined", "this connection has joined already")
            return
        reason = self.gate.check(self.address, message.code)
        if reason:
            await self.refuse(reason, "wrong join code" if reason == "wrong_code" else "too many tries: wait a minute")
            return
        resuming = bool(message.token) and self.state.resumable(message.token)
        if not resuming and self.state.count() >= self.limits.max_students:
            await self.refuse("class_full", "the class is full")
            return
        sid, token, nickname, _ = self.state.join(message.nickname, self.address, message.token)
        earlier = self.sessions.get(sid)
        self.student_id = sid
        self.sessions[sid] = self
        if earlier is not None and earlier is not self:
            earlier.student_id = ""  # its end must not mark the student as gone
            await earlier.close(CLOSE_REPLACED, "replaced")
        await self.send({"type": "welcome", "student": sid, "token": token, "nickname": nickname,
                         "resumed": resuming})
        prompt = self.state.prompt(sid)
        if prompt is not None:
            await self.send(prompt.as_message())

    def _read(self, strokes: list[np.ndarray]) -> tuple[np.ndarray | None, dict[str, np.ndarray]]:
        image = render(strokes, min_extent=MIN_EXTENT)
        if image is None:
            return None, {}
        return image, self.predict(image)

    async def answer(self, message: Strokes) -> None:
        try:
            image, probs = self._read(message.strokes)
        except Exception:  # noqa: BLE001 - a model failing must not take the class down
            log.exception("class server: predicting a drawing failed")
            await self.send({"type": "error", "reason": "server_error", "detail": "the models could not read it"})
            return
        await self.send({"type": "answer", "seq": message.seq, "models": answer_models(probs)})

    async def submit(self, message: Submit) -> None:
        if not self.digits.take():
            await self.refuse("too_many_digits", "too many digits in a short time: wait a little")
            return
        try:
            image, probs = self._read(message.strokes)
        except Exception:  # noqa: BLE001
            log.exception("class server: reading a submitted digit failed")
            await self.send({"type": "error", "reason": "server_error", "detail": "the models could not read it"})
            return
        if image is None:
            await self.refuse("blank", "nothing drawn")
            return
        try:
            digit_id, label, _ = self.state.save(self.student_id, message.n, image, message.strokes, probs)
        except DuplicateDigit as dup:
            await self.send({"type": "error", "reason": "duplicate", "detail": str(dup), "n": message.n})
            return
        except KeyError:  # removed by the teacher a moment ago
            return
        # Stored first, then told: a connection dropped here loses nothing the phone believed saved.
        await self.send({"type": "saved", "id": digit_id, "label": label, "n": message.n,
                         "models": answer_models(probs)})
        prompt = self.state.prompt(self.student_id)
        if prompt is not None:
            await self.send(prompt.as_message())

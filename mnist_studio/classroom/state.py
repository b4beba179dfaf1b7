"""The class's state: students, their prompts and saved digits, and the events the Class tab polls.

Written on the server's event loop, read from the UI thread: every access holds one lock, and the UI
only ever gets frozen snapshot copies. A digit is stored here before the phone is told it was saved.
"""

from __future__ import annotations

import collections
import random
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from mnist_studio.digits.handwriting import PREPROCESSING, DigitSet, to_uint8

# A 28x28 float32 image in [0, 1] -> {"MLP": (10,) probabilities, "CNN": ...}; called on the server's thread.
Predict = Callable[[np.ndarray], dict[str, np.ndarray]]

MAX_EVENTS = 10_000  # events the UI has not drained yet; the oldest go first
MAX_TIMINGS = 20_000  # the latest messages' handling times


class DuplicateDigit(Exception):
    """The drawing is pixel-for-pixel a digit already saved (a class set holds no twins)."""

    def __init__(self, digit_id: int):
        self.digit_id = digit_id
        super().__init__(f"identical to digit {digit_id}")


@dataclass(frozen=True)
class Student:
    id: str
    nickname: str
    connected: bool
    digits: int


@dataclass(frozen=True)
class ClassDigit:
    id: int
    student_id: str
    nickname: str
    label: int  # the prompt the student was answering
    image: np.ndarray  # (28, 28) float32 in [0, 1], from strokes.render
    strokes: list[np.ndarray]  # (N, 2) float32, canvas units 0..1, y down
    probs: dict[str, np.ndarray]  # model name -> (10,) probabilities, when it was drawn
    time: float  # time.time() when saved


@dataclass(frozen=True)
class ClassEvent:
    kind: str  # "joined" | "left" | "digit" | "removed" | "refused"
    student_id: str = ""
    digit_id: int = -1
    detail: str = ""


@dataclass
class Prompt:
    digit: int
    round: int  # 1-based
    index: int  # 1-based position in the round
    of: int  # the round's size

    def as_message(self) -> dict:
        return {"type": "prompt", "digit": self.digit, "round": self.round, "index": self.index, "of": self.of}


@dataclass
class _Record:
    id: str
    nickname: str
    token: str
    address: str
    connected: bool = True
    digits: int = 0
    deck: list[int] = field(default_factory=list)
    round: int = 0
    index: int = 0  # prompts done in this round
    submits: dict[int, int] = field(default_factory=dict)  # the page's submit counter -> digit id
    rng: random.Random = field(default_factory=random.Random)


class ClassState:
    def __init__(self, round_size: int = 10, seed: int | None = None):
        self.round_size = max(1, int(round_size))
        self._lock = threading.Lock()
        self._students: dict[str, _Record] = {}
        self._by_token: dict[str, str] = {}
        self._digits: dict[int, ClassDigit] = {}
        self._pictures: dict[bytes, int] = {}  # the uint8 image of every saved digit: a class set has no twins
        self._next_digit = 1
        self._next_student = 1
        self._events: collections.deque[ClassEvent] = collections.deque(maxlen=MAX_EVENTS)
        self._handling_ms: collections.deque[float] = collections.deque(maxlen=MAX_TIMINGS)
        self._seed = seed

    # -- events ----------------------------------------------------------------------------------
    def emit(self, kind: str, student_id: str = "", digit_id: int = -1, detail: str = "") -> None:
        with self._lock:
            self._events.append(ClassEvent(kind, student_id, digit_id, detail))

    def timed(self, ms: float) -> None:
        self._handling_ms.append(ms)  # deque.append is atomic: no lock on the hot path

    def handling_ms(self) -> list[float]:
        with self._lock:
            return list(self._handling_ms)

    def drain(self) -> list[ClassEvent]:
        with self._lock:
            out = list(self._events)
            self._events.clear()
        return out

    # -- students --------------------------------------------------------------------------------
    def count(self) -> int:
        with self._lock:
            return len(self._students)

    def join(self, nickname: str, address: str, token: str = "") -> tuple[str, str, str, bool]:
        """(student id, token, nickname as shown, resumed). A known token resumes that student."""
        with self._lock:
            sid = self._by_token.get(token) if token else None
            if sid is not None and sid in self._students:
                rec = self._students[sid]
                rec.connected = True
                rec.address = address
                self._events.append(ClassEvent("joined", sid, detail="again"))
                return rec.id, rec.token, rec.nickname, True
            sid = f"s{self._next_student}"
            self._next_student += 1
            token = secrets.token_urlsafe(18)
            rng = random.Random(None if self._seed is None else f"{self._seed}-{sid}")
            rec = _Record(sid, self._unique(nickname), token, address, rng=rng)
            self._students[sid] = rec
            self._by_token[token] = sid
            self._events.append(ClassEvent("joined", sid))
            return rec.id, rec.token, rec.nickname, False

    def _unique(self, nickname: str) -> str:
        taken = {r.nickname.casefold() for r in self._students.values()}
        if nickname.casefold() not in taken:
            return nickname
        n = 2
        while f"{nickname} {n}".casefold() in taken:
            n += 1
        return f"{nickname} {n}"

    def resumable(self, token: str) -> bool:
        with self._lock:
            return token in self._by_token

    def exists(self, student_id: str) -> bool:
        with self._lock:
            return student_id in self._students

    def disconnected(self, student_id: str) -> None:
        with self._lock:
            rec = self._students.get(student_id)
            if rec is None or not rec.connected:
                return
            rec.connected = False
            self._events.append(ClassEvent("left", student_id))

    def remove_student(self, student_id: str) -> bool:
        with self._lock:
            rec = self._students.pop(student_id, None)
            if rec is None:
                return False
            self._by_token.pop(rec.token, None)
            for digit_id in [d.id for d in self._digits.values() if d.student_id == student_id]:
                self._forget(digit_id)
            self._events.append(ClassEvent("removed", student_id, detail="student"))
            return True

    def students(self) -> list[Student]:
        with self._lock:
            return [Student(r.id, r.nickname, r.connected, r.digits) for r in self._students.values()]

    def nickname(self, student_id: str) -> str:
        with self._lock:
            rec = self._students.get(student_id)
            return rec.nickname if rec else ""

    # -- prompts ---------------------------------------------------------------------------------
    def prompt(self, student_id: str) -> Prompt | None:
        """The student's current prompt (a new shuffled round starts when one ends)."""
        with self._lock:
            rec = self._students.get(student_id)
            return None if rec is None else self._current(rec)

    def _current(self, rec: _Record) -> Prompt:
        if not rec.deck or rec.index >= len(rec.deck):
            digits = [i % 10 for i in range(self.round_size)] if self.round_size >= 10 else \
                rec.rng.sample(range(10), self.round_size)
            rec.rng.shuffle(digits)
            rec.deck, rec.index, rec.round = digits, 0, rec.round + 1
        return Prompt(rec.deck[rec.index], rec.round, rec.index + 1, len(rec.deck))

    def skip(self, student_id: str) -> Prompt | None:
        with self._lock:
            rec = self._students.get(student_id)
            if rec is None:
                return None
            self._current(rec)
            rec.index += 1
            return self._current(rec)

    # -- digits ----------------------------------------------------------------------------------
    def save(self, student_id: str, n: int, image: np.ndarray, strokes: list[np.ndarray],
             probs: dict[str, np.ndarray]) -> tuple[int, int, bool]:
        """Store the digit for the student's current prompt; (digit id, label, was already saved).

        A submit repeated with the same counter ``n`` (resent after a reconnect) is stored once."""
        with self._lock:
            rec = self._students.get(student_id)
            if rec is None:
                raise KeyError(student_id)
            if n and n in rec.submits:
                done = rec.submits[n]
                label = self._digits[done].label if done in self._digits else -1
                return done, label, True
            picture = to_uint8(image).tobytes()
            if picture in self._pictures:
                raise DuplicateDigit(self._pictures[picture])
            label = self._current(rec).digit
            digit_id = self._next_digit
            self._next_digit += 1
            self._digits[digit_id] = ClassDigit(
                digit_id, student_id, rec.nickname, label, np.array(image, np.float32),
                [np.asarray(s, np.float32) for s in strokes],
                {k: np.array(v, np.float32) for k, v in probs.items()}, time.time())
            rec.digits += 1
            self._pictures[picture] = digit_id
            if n:
                if len(rec.submits) >= 64:
                    del rec.submits[next(iter(rec.submits))]
                rec.submits[n] = digit_id
            rec.index += 1
            self._events.append(ClassEvent("digit", student_id, digit_id))
            return digit_id, label, False

    def remove_digit(self, digit_id: int) -> bool:
        with self._lock:
            digit = self._forget(digit_id)
            if digit is None:
                return False
            rec = self._students.get(digit.student_id)
            if rec is not None:
                rec.digits -= 1
            self._events.append(ClassEvent("removed", digit.student_id, digit_id, detail="digit"))
            return True

    def _forget(self, digit_id: int) -> ClassDigit | None:
        digit = self._digits.pop(digit_id, None)
        if digit is not None:
            self._pictures.pop(to_uint8(digit.image).tobytes(), None)
        return digit

    def digits(self) -> list[ClassDigit]:
        with self._lock:
            return [_copy(d) for d in self._digits.values()]

    def digit_set(self, name: str = "class") -> DigitSet:
        """Every saved digit as a ``DigitSet``: one writer per student (their nickname, unique in the class)."""
        digits = self.digits()
        if not digits:
            return DigitSet.empty(name)
        x = np.stack([to_uint8(d.image) for d in digits])
        y = np.array([d.label for d in digits], np.int64)
        writer = np.array([d.nickname for d in digits], dtype=str)
        strokes = [[np.pad(s, ((0, 0), (0, 1)), constant_values=1.0) for s in d.strokes] for d in digits]
        return DigitSet(x, y, writer, strokes, PREPROCESSING, name)


def _copy(d: ClassDigit) -> ClassDigit:
    return ClassDigit(d.id, d.student_id, d.nickname, d.label, d.image.copy(), [s.copy() for s in d.strokes],
                      {k: v.copy() for k, v in d.probs.items()}, d.time)

"""Every size and rate bound of the class server in one place, and the token buckets that enforce the rates."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Limits:
    """Bounds on what a phone may send. The defaults fit a class of 40 drawing at a human pace with room to spare.

    Sizes are checked on every message before anything is computed from it; rates are token buckets
    (a sustained rate plus a burst). A connection that keeps sending refused messages is closed.
    """

    max_message_bytes: int = 64 * 1024  # one text frame; a larger one is refused (4x that closes the socket)
    max_points_per_stroke: int = 1000
    max_strokes_per_digit: int = 40
    max_points_per_digit: int = 4000
    coordinate_min: float = -0.25  # canvas units: 0..1 is the drawing square, a little outside is allowed
    coordinate_max: float = 1.25
    max_nickname_chars: int = 20
    max_code_chars: int = 16
    join_attempts_per_minute: float = 120.0  # per IP address, right code or wrong (a whole class behind one NAT)
    wrong_codes_per_minute: float = 10.0  # per IP address: guessing the 4-digit code takes hours
    messages_per_second: float = 20.0  # per connection, sustained
    message_burst: int = 40
    digits_per_minute: float = 30.0  # per connection: saved digits, sustained
    digit_burst: int = 10
    refusals_before_close: int = 40  # refused messages on one connection before it is closed (a flood)
    max_students: int = 100
    max_connections: int = 160  # open websockets, joined or not
    join_timeout_s: float = 30.0  # a socket that has not joined by then is closed
    heartbeat_s: float = 20.0  # websocket pings: a phone that went away is noticed


class TokenBucket:
    """``rate`` tokens per second up to ``burst``; ``take()`` is True while a token is left."""

    def __init__(self, rate: float, burst: float, clock: Callable[[], float] = time.monotonic):
        self.rate = float(rate)
        self.burst = float(burst)
        self._clock = clock
        self._tokens = float(burst)
        self._at = clock()

    def _refill(self) -> None:
        now = self._clock()
        self._tokens = min(self.burst, self._tokens + (now - self._at) * self.rate)
        self._at = now

    def take(self, n: float = 1.0) -> bool:
        self._refill()
        if self._tokens >= n:
            self._tokens -= n
            return True
        return False

    def available(self) -> bool:
        self._refill()
        return self._tokens >= 1.0


class PerAddress:
    """A token bucket per IP address (only touched on the server's event loop: no lock needed)."""

    MAX_ADDRESSES = 4096  # a bound on memory; the oldest entries go first

    def __init__(self, per_minute: float, clock: Callable[[], float] = time.monotonic):
        self.per_minute = per_minute
        self._clock = clock
        self._buckets: dict[str, TokenBucket] = {}

    def bucket(self, address: str) -> TokenBucket:
        found = self._buckets.get(address)
        if found is None:
            if len(self._buckets) >= self.MAX_ADDRESSES:
                del self._buckets[next(iter(self._buckets))]
            burst = max(1.0, self.per_minute)
            found = self._buckets[address] = TokenBucket(self.per_minute / 60.0, burst, self._clock)
        return found

    def take(self, address: str) -> bool:
        return self.bucket(address).take()

    def available(self, address: str) -> bool:
        return self.bucket(address).available()

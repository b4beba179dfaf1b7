"""The phone's messages: parsed from one text frame, validated and size-bounded, or refused with a reason.

Every check happens before anything is computed from a message: its bytes, JSON without NaN/Infinity
or huge numbers, its type, each field's type, and for strokes the counts of strokes and points, that
every coordinate is a finite number in the allowed range. A refused message raises ``BadMessage``
whose ``reason`` is one of the short codes the page translates (``REASONS``).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass

import numpy as np

from mnist_studio.classroom.limits import Limits

# Reasons a message or a join is refused (the page shows each in the phone's language).
REASONS = ("bad_message", "too_big", "binary", "unknown_type", "bad_strokes", "blank", "not_joined",
           "already_joined", "wrong_code", "too_many_tries", "bad_nickname", "class_full", "too_fast",
           "too_many_digits", "duplicate", "server_error")


class BadMessage(ValueError):
    """A message refused; ``reason`` is a code from ``REASONS``, ``detail`` says what was wrong (English)."""

    def __init__(self, reason: str, detail: str = ""):
        self.reason = reason
        self.detail = detail or reason
        super().__init__(f"{reason}: {self.detail}")


@dataclass(frozen=True)
class Join:
    code: str
    nickname: str  # cleaned (see clean_nickname)
    lang: str  # "ko" or "en"
    token: str  # "" for a new student; a token from "welcome" resumes that student


@dataclass(frozen=True)
class Strokes:
    strokes: list[np.ndarray]  # (N, 2) float64, canvas units 0..1, y down
    seq: int  # echoed in the answer so the page can drop a stale one


@dataclass(frozen=True)
class Submit:
    strokes: list[np.ndarray]
    n: int  # the page's submit counter: a submit resent after a reconnect is saved once


@dataclass(frozen=True)
class Skip:
    pass


Message = Join | Strokes | Submit | Skip

_MAX_INT_DIGITS = 12
_CONTROL = re.compile(r"[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")
_SPACES = re.compile(r"\s+")


def _no_constant(name: str):
    raise BadMessage("bad_message", f"{name} is not a number JSON allows")


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > _MAX_INT_DIGITS:
        raise BadMessage("bad_message", "a number is too long")
    return int(text)


def _bounded_float(text: str) -> float:
    if len(text) > 40:
        raise BadMessage("bad_message", "a number is too long")
    return float(text)


def decode(data: str, limits: Limits) -> dict:
    """The JSON object in a text frame (bounded in bytes; NaN, Infinity and 50-digit numbers refused)."""
    if len(data) > limits.max_message_bytes or len(data.encode("utf-8", "surrogatepass")) > limits.max_message_bytes:
        raise BadMessage("too_big", f"a message may be at most {limits.max_message_bytes} bytes")
    try:
        obj = json.loads(data, parse_constant=_no_constant, parse_int=_bounded_int, parse_float=_bounded_float)
    except BadMessage:
        raise
    except RecursionError:
        raise BadMessage("bad_message", "nested too deeply") from None
    except (ValueError, TypeError) as exc:
        raise BadMessage("bad_message", f"not JSON ({str(exc)[:60]})") from None
    if not isinstance(obj, dict):
        raise BadMessage("bad_message", "a message is a JSON object")
    return obj


def _text(obj: dict, key: str, max_chars: int, required: bool = True) -> str:
    value = obj.get(key, None if required else "")
    if not isinstance(value, str):
        raise BadMessage("bad_message", f"{key!r} must be text")
    if len(value) > max_chars:
        raise BadMessage("bad_message", f"{key!r} is too long")
    return value


def _int(obj: dict, key: str, default: int) -> int:
    value = obj.get(key, default)
    if type(value) is not int or not 0 <= value < 2**40:
        raise BadMessage("bad_message", f"{key!r} must be a whole number")
    return value


def clean_nickname(raw: str, max_chars: int) -> str:
    """NFC, control and direction-override characters removed, spaces collapsed, trimmed, cut to ``max_chars``.

    Any script is kept (Korean, Arabic, emoji...); the result is shown as plain text everywhere."""
    text = unicodedata.normalize("NFC", raw)
    text = _CONTROL.sub("", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cs", "Co", "Cn"))
    text = _SPACES.sub(" ", text).strip()
    return text[:max_chars].strip()


def parse_strokes(value, limits: Limits) -> list[np.ndarray]:
    """``[[[x, y], ...], ...]`` -> (N, 2) float64 arrays; every count, type and coordinate checked."""
    if not isinstance(value, list):
        raise BadMessage("bad_strokes", "'strokes' must be a list of strokes")
    if len(value) > limits.max_strokes_per_digit:
        raise BadMessage("bad_strokes", f"at most {limits.max_strokes_per_digit} strokes per digit")
    total = 0
    out = []
    for stroke in value:
        if not isinstance(stroke, list) or not stroke:
            raise BadMessage("bad_strokes", "a stroke is a non-empty list of points")
        if len(stroke) > limits.max_points_per_stroke:
            raise BadMessage("bad_strokes", f"at most {limits.max_points_per_stroke} points per stroke")
        total += len(stroke)
        if total > limits.max_points_per_digit:
            raise BadMessage("bad_strokes", f"at most {limits.max_points_per_digit} points per digit")
        for point in stroke:
            if type(point) is not list or len(point) != 2:
                raise BadMessage("bad_strokes", "a point is [x, y]")
            x, y = point
            if type(x) not in (int, float) or type(y) not in (int, float):
                raise BadMessage("bad_strokes", "coordinates must be numbers")
        arr = np.array(stroke, dtype=np.float64)
        if not np.isfinite(arr).all():
            raise BadMessage("bad_strokes", "coordinates must be finite")
        if arr.min() < limits.coordinate_min or arr.max() > limits.coordinate_max:
            raise BadMessage("bad_strokes", f"coordinates must lie in [{limits.coordinate_min}, "
                                            f"{limits.coordinate_max}]")
        out.append(arr)
    return out


def parse(data, limits: Limits) -> Message:
    """One websocket frame's payload (``str`` for text; anything else is refused) -> a typed message."""
    if not isinstance(data, str):
        raise BadMessage("binary", "only text frames are accepted")
    obj = decode(data, limits)
    kind = obj.get("type")
    if kind == "join":
        lang = _text(obj, "lang", 35, required=False)
        nickname = clean_nickname(_text(obj, "nickname", 4 * limits.max_nickname_chars + 64),
                                  limits.max_nickname_chars)
        if not nickname:
            raise BadMessage("bad_nickname", "a nickname is needed")
        return Join(code=_text(obj, "code", limits.max_code_chars).strip(), nickname=nickname,
                    lang="ko" if lang.lower().startswith("ko") else "en",
                    token=_text(obj, "token", 64, required=False))
    if kind == "strokes":
        return Strokes(parse_strokes(obj.get("strokes"), limits), _int(obj, "seq", 0))
    if kind == "submit":
        strokes = parse_strokes(obj.get("strokes"), limits)
        if not strokes:
            raise BadMessage("blank", "nothing drawn")
        return Submit(strokes, _int(obj, "n", 0))
    if kind == "skip":
        return Skip()
    if not isinstance(kind, str):
        raise BadMessage("bad_message", "'type' must be text")
    raise BadMessage("unknown_type", f"unknown message type {kind[:30]!r}")


def dump(obj: dict) -> str:
    """A server message as compact JSON (never NaN)."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)

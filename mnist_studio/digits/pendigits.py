"""Real pen handwriting: the UCI "Pen-Based Recognition of Handwritten Digits" trajectories.

E. Alpaydin and F. Alimoglu, Bogazici University, UCI Machine Learning Repository (1998), CC BY 4.0.
Digits written with a pen on a tablet screen by 30 writers. The project ships them converted to a
compact ``resources/pendigits.npz`` (``scripts/build_pendigits_npz.py``):

- ``points`` (P, 2) int16: x, y in tablet units, **y down** (flipped from the tablet's y up);
- ``stroke_starts`` (S,) int32: index into ``points`` where each stroke starts;
- ``digit_starts`` (N,) int32: index into ``stroke_starts`` where each digit's strokes start;
- ``labels`` (N,) uint8 and ``writers`` (N,) uint8 (1..30).

Always measure on writers a model never trained on: ``writer_split``.
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from mnist_studio.storage.paths import resources_dir

# The one split of the 30 writers (scripts/train_shipped_models.py, benchmarks/, the "not a digit?" check):
TRAIN_WRITERS = tuple(range(1, 21))  # the shipped models (and each model's "not a digit?" check) learn from these
TUNING_WRITERS = tuple(range(21, 26))  # settings are chosen on these: training, the check's threshold, ...
# (the fine-tune's settings excepted: the shipped models read these writers too well to tell them apart, so
# benchmarks/finetune_settings.py chooses them on writers 1-20 and a base that never saw any pen digit)
REPORTING_WRITERS = tuple(range(26, 31))  # no choice looks at these: each figure is reported on them once
HELD_OUT_WRITERS = TUNING_WRITERS + REPORTING_WRITERS  # no shipped model trained on any of them

CREDIT = ("Pen-Based Recognition of Handwritten Digits, E. Alpaydin and F. Alimoglu, "
          "UCI Machine Learning Repository (1998), CC BY 4.0")


class PenDataError(ValueError):
    """The pen-digit file is missing, unreadable or not in the expected layout."""


@dataclass(frozen=True)
class PenDigits:
    points: np.ndarray
    stroke_starts: np.ndarray
    digit_starts: np.ndarray
    labels: np.ndarray
    writers: np.ndarray

    def __len__(self) -> int:
        return len(self.labels)

    def strokes(self, i: int) -> list[np.ndarray]:
        """Digit ``i`` as a list of (N, 2) float arrays, screen coordinates (y down)."""
        s0 = self.digit_starts[i]
        s1 = self.digit_starts[i + 1] if i + 1 < len(self.digit_starts) else len(self.stroke_starts)
        bounds = [*self.stroke_starts[s0:s1], self.stroke_starts[s1] if s1 < len(self.stroke_starts)
                  else len(self.points)]
        return [self.points[a:b].astype(np.float64) for a, b in zip(bounds[:-1], bounds[1:], strict=True)]

    def subset(self, mask) -> PenDigits:
        """The digits where ``mask`` (bool array or indices) selects, re-packed."""
        idx = np.arange(len(self))[mask] if np.asarray(mask).dtype == bool else np.asarray(mask)
        return from_strokes([self.strokes(int(i)) for i in idx], self.labels[idx], self.writers[idx])

    def render(self, **kwargs) -> np.ndarray:
        """Every digit through ``strokes.render``: (N, 28, 28) float32 in [0, 1]."""
        from mnist_studio.digits.strokes import render

        out = np.zeros((len(self), 28, 28), np.float32)
        for i in range(len(self)):
            img = render(self.strokes(i), **kwargs)
            if img is not None:
                out[i] = img
        return out


def from_strokes(digits: list[list[np.ndarray]], labels, writers) -> PenDigits:
    points, stroke_starts, digit_starts = [], [], []
    n_points = 0
    for strokes in digits:
        digit_starts.append(len(stroke_starts))
        for s in strokes:
            stroke_starts.append(n_points)
            points.append(np.asarray(s, dtype=np.float64)[:, :2])
            n_points += len(s)
    pts = np.concatenate(points).round().astype(np.int16) if points else np.zeros((0, 2), np.int16)
    return PenDigits(pts, np.asarray(stroke_starts, np.int32), np.asarray(digit_starts, np.int32),
                     np.asarray(labels, np.uint8), np.asarray(writers, np.uint8))


def parse_unipen(path: str | os.PathLike) -> PenDigits:
    """Read the UNIPEN text (``pendigits-orig.tra``): labels, writers, strokes with y flipped down."""
    digits, labels, writers = [], [], []
    strokes: list | None = None
    current: list | None = None
    try:
        text = Path(path).read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError) as exc:
        raise PenDataError(f"{path}: not a readable UNIPEN text file ({exc})") from exc
    for lineno, line in enumerate(text.splitlines(), 1):
        parts = line.split()
        if not parts:
            continue
        head = parts[0]
        if head == ".SEGMENT":
            strokes = []
            digits.append(strokes)
            labels.append(None)
            writers.append(None)
        elif head == ".COMMENT" and strokes is not None:
            labels[-1], writers[-1] = int(parts[1]), int(parts[2])
        elif head == ".PEN_DOWN" and strokes is not None:
            current = []
        elif head == ".PEN_UP" and current is not None:
            if current:
                strokes.append(np.array(current, np.float64))
            current = None
        elif current is not None and not head.startswith("."):
            try:
                current.append((float(parts[0]), -float(parts[1])))  # y up on the tablet -> y down
            except (ValueError, IndexError) as exc:
                raise PenDataError(f"{path}:{lineno}: expected 'x y', got {line!r}") from exc
    if not digits or any(v is None for v in labels):
        raise PenDataError(f"{path}: no labelled .SEGMENT DIGIT records found")
    return from_strokes(digits, labels, writers)


def default_path() -> Path:
    return resources_dir() / "pendigits.npz"


def load(path: str | os.PathLike | None = None) -> PenDigits:
    """The shipped pen digits (or a converted ``.npz`` / a UNIPEN ``.tra`` at ``path``)."""
    p = Path(path) if path is not None else default_path()
    if p.suffix == ".tra":
        return parse_unipen(p)
    if not p.is_file():
        raise PenDataError(f"pen-digit file {p} does not exist")
    return _load_npz(str(p.resolve()), p.stat().st_mtime_ns)


@lru_cache(maxsize=2)
def _load_npz(path: str, _mtime: int) -> PenDigits:
    keys = ("points", "stroke_starts", "digit_starts", "labels", "writers")
    try:
        with np.load(path, allow_pickle=False) as npz:
            missing = [k for k in keys if k not in npz.files]
            if missing:
                raise PenDataError(f"pen-digit file {path} lacks {', '.join(missing)}")
            data = PenDigits(*(npz[k] for k in keys))
    except PenDataError:
        raise
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
        raise PenDataError(f"pen-digit file {path} is unreadable or truncated: {exc}") from exc
    if data.points.ndim != 2 or data.points.shape[1:] != (2,) or len(data.labels) != len(data.digit_starts) \
            or len(data.writers) != len(data.labels):
        raise PenDataError(f"pen-digit file {path}: arrays do not fit together")
    return data


def writer_split(data: PenDigits, test_writers) -> tuple[np.ndarray, np.ndarray]:
    """Boolean masks (train, test) that keep every writer's digits on one side only."""
    test = np.isin(data.writers, np.asarray(list(test_writers)))
    return ~test, test


def random_affine(rng: np.random.Generator, rotate: float, slant: float, stretch: float) -> np.ndarray:
    """A 2x2 matrix: a random rotation (up to ``rotate`` radians), slant (x-shear up to ``slant``) and aspect
    change (up to ``stretch``), as one hand varies from digit to digit."""
    angle, shear = rng.uniform(-rotate, rotate), rng.uniform(-slant, slant)
    aspect = rng.uniform(1 - stretch, 1 + stretch)
    c, s = np.cos(angle), np.sin(angle)
    return np.array([[c, -s], [s, c]]) @ np.array([[1.0, shear], [0.0, 1.0]]) @ np.diag([aspect, 1 / aspect])


def jitter_strokes(strokes: list[np.ndarray], rng: np.random.Generator, rotate: float = 0.2,
                   slant: float = 0.3, stretch: float = 0.15, move: float = 0.05,
                   turn: float = 0.08, wobble: float = 0.01) -> list[np.ndarray]:
    """A plausible variation of one digit's pen trajectories, applied before rendering.

    The whole digit gets a random rotation (radians), slant (x-shear) and aspect change; each stroke
    then moves by up to ``move`` and turns by up to ``turn`` about its own centre (people do not
    put the bar of a 4 or the cross of a 7 in the same place twice), and every point wobbles by a
    smooth random offset of up to ``wobble``. Distances are fractions of the digit's size.
    """
    every = np.concatenate(strokes)
    lo, hi = every.min(axis=0), every.max(axis=0)
    size = float(max(hi[0] - lo[0], hi[1] - lo[1], 1e-6))
    centre = (lo + hi) / 2
    whole = random_affine(rng, rotate, slant, stretch)
    out = []
    for stroke in strokes:
        p = (np.asarray(stroke, np.float64)[:, :2] - centre) / size
        mid = p.mean(axis=0)
        a = rng.uniform(-turn, turn)
        local = np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]])
        p = (p - mid) @ local.T + mid + rng.uniform(-move, move, 2)
        if len(p) > 3 and wobble > 0:  # a smooth offset: a few random control values, interpolated
            knots = rng.uniform(-wobble, wobble, (4, 2))
            at = np.linspace(0, 3, len(p))
            p = p + np.stack([np.interp(at, np.arange(4), knots[:, k]) for k in range(2)], axis=1)
        out.append(p @ whole.T)
    return out


def training_images(data: PenDigits, copies: int = 4, seed: int = 0,
                    width_range: tuple[float, float] = (1.8, 2.6)) -> tuple[np.ndarray, np.ndarray]:
    """Every digit rendered once as written plus ``copies`` jittered re-renders (stroke width drawn
    from ``width_range``): (N * (1 + copies), 28, 28) float32 images and their labels."""
    from mnist_studio.digits.strokes import render

    rng = np.random.default_rng(seed)
    n = len(data)
    images = np.zeros((n * (1 + copies), 28, 28), np.float32)
    for i in range(n):
        strokes = data.strokes(i)
        img = render(strokes)
        if img is not None:
            images[i] = img
        for k in range(copies):
            img = render(jitter_strokes(strokes, rng), width=float(rng.uniform(*width_range)))
            if img is not None:
                images[n * (1 + k) + i] = img
    return images, np.tile(data.labels, 1 + copies).astype(np.uint8)

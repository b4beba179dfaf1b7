"""Personal and class digit sets: your own handwriting as a ``.npz`` in the Keras layout.

A set holds ``x`` (N, 28, 28) uint8, white ink on black, exactly what the models read; ``y`` (N,)
labels 0-9; ``writer`` (N,) names; and the pen strokes, so a set can be re-rendered when the
preprocessing improves. Strokes are packed without pickle:

- ``points`` (P, 3) float32: x, y in canvas units (0..1, y down) and pen pressure;
- ``stroke_starts`` (S,) int64: where each stroke starts in ``points``;
- ``sample_starts`` (N + 1,) int64: where each sample's strokes start in ``stroke_starts``.

``preprocessing`` names the renderer that made ``x`` from the strokes; sets made by different
renderers are never merged (a model would learn two geometries as one). Files are always read with
``allow_pickle=False`` and written atomically; a bad file raises ``DigitSetError`` with a message
that says what is wrong, and nothing on disk changes.
"""

from __future__ import annotations

import io
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from numpy.lib import format as npy_format

from mnist_studio.runtime.messages import WordedError
from mnist_studio.storage.paths import user_data_dir
from mnist_studio.storage.setfiles import create_new, safe_name

PREPROCESSING = "strokes-v1"  # mnist_studio.digits.strokes.render at MNIST geometry
UNKNOWN_PREPROCESSING = "unknown"  # a plain x/y file made elsewhere
FORMAT = 1
MAX_SET_BYTES = 256 * 2**20  # ~300,000 digits with their strokes; a bigger file is refused before it is read
KEYS = ("x", "y", "writer", "points", "stroke_starts", "sample_starts", "preprocessing", "format")


class DigitSetError(WordedError, ValueError):
    """A digit set that cannot be used; the message names the file and the problem.

    ``template`` is the English message with ``%1``, ``%2``… where ``values`` go, so the app can show
    it in the user's language (``str(exc)`` is the English text, as the command line prints it)."""


@dataclass
class DigitSet:
    x: np.ndarray  # (N, 28, 28) uint8, ink 255 on 0
    y: np.ndarray  # (N,) int64
    writer: np.ndarray  # (N,) str ("" when unknown)
    strokes: list[list[np.ndarray]] = field(default_factory=list)  # per sample: (K, 3) float32 arrays
    preprocessing: str = PREPROCESSING
    name: str = ""

    def __post_init__(self):
        n = len(self.y)
        if not self.strokes:
            self.strokes = [[] for _ in range(n)]

    @classmethod
    def empty(cls, name: str = "") -> DigitSet:
        return cls(np.zeros((0, 28, 28), np.uint8), np.zeros(0, np.int64), np.zeros(0, "<U1"), [], name=name)

    def __len__(self) -> int:
        return len(self.y)

    # -- editing (the My digits tab) ---------------------------------------------------------------
    def add(self, strokes, label: int, writer: str = "") -> int:
        """Render ``strokes`` with the one stroke path and append the sample; returns its index."""
        from mnist_studio.digits.strokes import render

        if not 0 <= int(label) <= 9:
            raise DigitSetError("a digit's label must be 0-9, got %1", label)
        packed = [np.asarray(s, np.float32).reshape(len(s), -1) for s in strokes if len(s)]
        packed = [np.pad(s, ((0, 0), (0, 3 - s.shape[1])), constant_values=1.0) if s.shape[1] < 3 else s[:, :3]
                  for s in packed]
        image = render(packed)
        if image is None:
            raise DigitSetError("the drawing is blank")
        same = np.flatnonzero((self.x == to_uint8(image)).all(axis=(1, 2)))
        if len(same):
            raise DigitSetError("this drawing is identical to digit %1 of the set; not added twice", same[0] + 1)
        self.x = np.concatenate([self.x, to_uint8(image)[None]])
        self.y = np.append(self.y, np.int64(label))
        self.writer = np.append(self.writer.astype(str), str(writer))
        self.strokes.append(packed)
        return len(self) - 1

    def remove(self, index: int) -> None:
        keep = np.arange(len(self)) != index
        self.x, self.y, self.writer = self.x[keep], self.y[keep], self.writer[keep]
        del self.strokes[index]

    def relabel(self, index: int, label: int) -> None:
        if not 0 <= int(label) <= 9:
            raise DigitSetError("a digit's label must be 0-9, got %1", label)
        self.y[index] = int(label)

    def subset(self, indices) -> DigitSet:
        idx = np.asarray(indices, dtype=np.int64)
        return DigitSet(self.x[idx], self.y[idx], self.writer[idx], [self.strokes[i] for i in idx],
                        self.preprocessing, self.name)

    # -- views ---------------------------------------------------------------------------------------
    def images(self) -> np.ndarray:
        """(N, 28, 28) float32 in [0, 1], what a ``Predictor`` takes."""
        return self.x.astype(np.float32) / 255.0

    def writers(self) -> list[str]:
        return sorted(set(self.writer.tolist()))

    def counts(self) -> np.ndarray:
        return np.bincount(self.y, minlength=10)[:10]

    def rerender(self) -> DigitSet:
        """The same samples rendered by today's stroke path (samples without strokes keep their x)."""
        from mnist_studio.digits.strokes import render

        x = self.x.copy()
        for i, strokes in enumerate(self.strokes):
            if strokes:
                image = render(strokes)
                if image is not None:
                    x[i] = to_uint8(image)
        return DigitSet(x, self.y.copy(), self.writer.copy(), list(self.strokes), PREPROCESSING, self.name)


def to_uint8(image: np.ndarray) -> np.ndarray:
    return np.clip(np.rint(np.asarray(image, np.float32) * 255.0), 0, 255).astype(np.uint8)


# -- checking ------------------------------------------------------------------------------------------
def validate(ds: DigitSet, label: str = "the set") -> DigitSet:
    """Raise ``DigitSetError`` unless ``ds`` is a usable set (shapes, dtypes, labels, duplicates)."""
    x, y, writer = ds.x, ds.y, ds.writer
    if not isinstance(x, np.ndarray) or x.ndim != 3 or x.shape[1:] != (28, 28):
        raise DigitSetError("%1: x must be (N, 28, 28) images, got shape %2", label, getattr(x, "shape", None))
    if x.dtype != np.uint8:
        raise DigitSetError("%1: x must be uint8 (0-255, white ink on black), got %2", label, x.dtype)
    if not isinstance(y, np.ndarray) or y.ndim != 1 or y.dtype.kind not in "iu":
        raise DigitSetError("%1: y must be (N,) whole numbers, got %2 %3", label, getattr(y, "dtype", None),
                            getattr(y, "shape", None))
    if len(y) != len(x):
        raise DigitSetError("%1: %2 images but %3 labels", label, len(x), len(y))
    if len(x) == 0:
        raise DigitSetError("%1 is empty: draw or import some digits first", label)
    bad = np.flatnonzero((y < 0) | (y > 9))
    if len(bad):
        raise DigitSetError("%1: labels must be 0-9; sample %2 has %3", label, bad[0], y[bad[0]])
    if writer.shape != y.shape or writer.dtype.kind != "U":
        raise DigitSetError("%1: writer must be (N,) strings, got %2 %3", label, writer.dtype, writer.shape)
    if len(ds.strokes) != len(y):
        raise DigitSetError("%1: strokes for %2 samples but %3 labels", label, len(ds.strokes), len(y))
    dup = duplicates(x)
    if dup:
        a, b = dup[0]
        raise DigitSetError("%1: samples %2 and %3 are identical (%4 duplicate(s)); remove the copies",
                            label, a, b, len(dup))
    return ds


def duplicates(x: np.ndarray) -> list[tuple[int, int]]:
    """(first, repeat) index pairs of byte-identical images."""
    seen: dict[bytes, int] = {}
    out = []
    for i, img in enumerate(np.ascontiguousarray(x)):
        key = img.tobytes()
        if key in seen:
            out.append((seen[key], i))
        else:
            seen[key] = i
    return out


# -- files ---------------------------------------------------------------------------------------------
def sets_dir() -> Path:
    return user_data_dir() / "digits"


def _pack_strokes(strokes: list[list[np.ndarray]]):
    points, stroke_starts, sample_starts = [], [], [0]
    n_points = 0
    for sample in strokes:
        for s in sample:
            arr = np.asarray(s, np.float32).reshape(len(s), -1)
            if arr.shape[1] < 3:
                arr = np.pad(arr, ((0, 0), (0, 3 - arr.shape[1])), constant_values=1.0)
            stroke_starts.append(n_points)
            points.append(arr[:, :3])
            n_points += len(arr)
        sample_starts.append(len(stroke_starts))
    pts = np.concatenate(points) if points else np.zeros((0, 3), np.float32)
    return pts.astype(np.float32), np.asarray(stroke_starts, np.int64), np.asarray(sample_starts, np.int64)


def _unpack_strokes(points, stroke_starts, sample_starts, n: int, label: str) -> list[list[np.ndarray]]:
    ok = (points.ndim == 2 and points.shape[1] == 3 and points.dtype.kind == "f"
          and stroke_starts.ndim == 1 and stroke_starts.dtype.kind in "iu"
          and sample_starts.shape == (n + 1,) and sample_starts.dtype.kind in "iu"
          and np.all(np.diff(sample_starts) >= 0) and sample_starts[0] == 0
          and sample_starts[-1] == len(stroke_starts)
          and np.all(np.diff(np.append(stroke_starts, len(points))) >= 0)
          and (len(stroke_starts) == 0 or stroke_starts[0] == 0)
          and np.isfinite(points).all())
    if not ok:
        raise DigitSetError("%1: the stroke arrays (points, stroke_starts, sample_starts) do not fit together", label)
    bounds = np.append(stroke_starts, len(points))
    out = []
    for i in range(n):
        out.append([points[bounds[j]:bounds[j + 1]] for j in range(sample_starts[i], sample_starts[i + 1])])
    return out


def to_bytes(ds: DigitSet) -> bytes:
    validate(ds)
    points, stroke_starts, sample_starts = _pack_strokes(ds.strokes)
    buf = io.BytesIO()
    np.savez_compressed(
        buf, x=ds.x, y=ds.y.astype(np.int64), writer=ds.writer.astype(str), points=points,
        stroke_starts=stroke_starts, sample_starts=sample_starts,
        preprocessing=np.array(ds.preprocessing), format=np.array(FORMAT),
    )
    return buf.getvalue()


def save(ds: DigitSet, path: str | os.PathLike | None = None) -> Path:
    """Write ``ds`` atomically; an invalid set writes nothing.

    With ``path``: that file, replaced atomically (the set that is open there, saved again; or an export
    the user chose). Without: a new file in ``<user data>/digits`` named after the set (``미나.npz``),
    under a free name (``미나 (2).npz``) if another set has it: a new set never replaces another one."""
    from mnist_studio.storage.setfiles import atomic_write_bytes

    payload = to_bytes(ds)  # validates first: a bad set never touches the disk
    target = Path(path) if path is not None else sets_dir() / f"{safe_name(ds.name)}.npz"
    try:
        if path is None:
            return create_new(sets_dir(), ds.name, payload)
        atomic_write_bytes(target, payload)
    except OSError as exc:
        raise DigitSetError("could not write %1: %2", target, exc.strerror or exc) from exc
    return target


def load(path: str | os.PathLike) -> DigitSet:
    """Read and check a set; raise ``DigitSetError`` (never anything else) for a bad file."""
    p = Path(path)
    label = str(p)
    if not p.is_file():
        raise DigitSetError("%1: no such file", label)
    try:
        with open(p, "rb") as fh:
            magic = fh.read(6)
    except OSError as exc:
        raise DigitSetError("%1 cannot be read: %2", label, exc.strerror or exc) from exc
    if magic.startswith(b"\x93NUMPY"):
        raise DigitSetError("%1: a single array, not a digit set (.npz with x and y)", label)
    if not magic.startswith(b"PK"):
        raise DigitSetError("%1 is unreadable or truncated: not a .npz digit set", label)
    try:
        with np.load(p, allow_pickle=False) as npz:
            missing = [k for k in ("x", "y") if k not in npz.files]
            if missing:
                raise DigitSetError("%1 is not a digit set: it lacks %2", label, " and ".join(missing))
            _check_size(npz, label)
            arrays = {k: npz[k] for k in KEYS if k in npz.files}
            if not all(isinstance(a, np.ndarray) for a in arrays.values()):
                raise DigitSetError("%1 is unreadable or truncated: not a .npz digit set", label)
    except DigitSetError:
        raise
    except ValueError as exc:
        if "pickle" in str(exc).lower():
            raise DigitSetError("%1: holds Python objects (pickle); refused for safety", label) from exc
        raise DigitSetError("%1 is unreadable or truncated: %2", label, exc) from exc
    except (zipfile.BadZipFile, EOFError, OSError, KeyError) as exc:
        raise DigitSetError("%1 is unreadable or truncated (not a .npz digit set): %2", label, exc) from exc
    except MemoryError as exc:
        raise DigitSetError("%1 is too large to read as a digit set", label) from exc
    x, y = arrays["x"], arrays["y"]
    n = len(y) if y.ndim == 1 else -1
    writer = arrays.get("writer", np.full(max(n, 0), "", dtype="<U1"))
    if writer.dtype.kind != "U":
        raise DigitSetError("%1: writer must be strings, got %2", label, writer.dtype)
    stamp = arrays.get("preprocessing")
    preprocessing = str(stamp) if stamp is not None and stamp.dtype.kind == "U" and stamp.ndim == 0 \
        else UNKNOWN_PREPROCESSING
    if "format" in arrays and (arrays["format"].ndim != 0 or arrays["format"].dtype.kind not in "iu"
                               or int(arrays["format"]) > FORMAT):
        raise DigitSetError("%1: made by a newer MNIST Studio (format %2); update the app", label, arrays["format"])
    strokes: list = []
    if n > 0 and all(k in arrays for k in ("points", "stroke_starts", "sample_starts")):
        strokes = _unpack_strokes(arrays["points"], arrays["stroke_starts"], arrays["sample_starts"], n, label)
    ds = DigitSet(x, y.astype(np.int64) if y.dtype.kind in "iu" else y, writer, strokes, preprocessing,
                  name=p.stem)
    return validate(ds, label)


def _check_size(npz, label: str) -> None:
    """Refuse a set whose arrays would take more than ``MAX_SET_BYTES``, before reading any of them: the
    sizes the zip declares (a zip bomb) and the shapes the ``.npy`` headers declare (a forged header)."""
    readers = {(1, 0): npy_format.read_array_header_1_0, (2, 0): npy_format.read_array_header_2_0}
    declared = 0
    for info in npz.zip.infolist():
        size = info.file_size
        if info.filename.removesuffix(".npy") in KEYS and size <= MAX_SET_BYTES:
            with npz.zip.open(info) as fh:
                reader = readers.get(npy_format.read_magic(fh))
                if reader is not None:
                    shape, _, dtype = reader(fh)
                    size = max(size, int(np.prod(shape, dtype=np.float64)) * dtype.itemsize)
        declared += size
    if declared > MAX_SET_BYTES:
        raise DigitSetError("%1 is too large for a digit set (%2 MB of arrays; at most %3 MB)", label,
                            f"{declared / 2**20:,.0f}", MAX_SET_BYTES >> 20)


def slug(text: str) -> str:
    """The set's name as a file name stem: kept in any script, made safe for every OS (``setfiles``)."""
    return safe_name(text)


def list_sets() -> list[Path]:
    folder = sets_dir()
    return sorted(folder.glob("*.npz")) if folder.is_dir() else []


def import_set(path: str | os.PathLike) -> tuple[DigitSet, Path]:
    """Check a set from anywhere (USB stick, shared folder) and keep a copy in the user data dir
    (under a free name: never over a set already there)."""
    ds = load(path)
    return ds, save(ds)


def merge(sets: list[DigitSet], name: str = "class") -> DigitSet:
    """One class set from several students' sets.

    Refused (``DigitSetError``, naming the sets): no sets, different preprocessing versions, and any
    sample that appears twice (the same file imported twice, or a copy of someone's digit). A
    sample without a writer is attributed to its set's name, so writer-held-out scoring still works.
    """
    if not sets:
        raise DigitSetError("nothing to merge: choose at least one set")
    for i, ds in enumerate(sets):
        validate(ds, _name(ds, i))
    versions = {ds.preprocessing for ds in sets}
    if len(versions) > 1:
        detail = ", ".join(f"{_name(ds, i)}: {ds.preprocessing}" for i, ds in enumerate(sets))
        raise DigitSetError("these sets were made with different preprocessing versions (%1); open each older "
                            "set in My digits and save it (that re-renders it) before merging", detail)
    dup = duplicates(np.concatenate([ds.x for ds in sets]))
    if dup:  # validate() found none inside one set: the first pair spans two sets
        starts = np.cumsum([0] + [len(ds) for ds in sets])
        (a, first), (i, repeat) = (_locate(starts, k) for k in dup[0])
        raise DigitSetError("%1 sample %2 is identical to %3 sample %4: was the same set imported twice?",
                            _name(sets[i], i), repeat, _name(sets[a], a), first)
    writers = [np.where(ds.writer == "", ds.name or f"set {i + 1}", ds.writer) for i, ds in enumerate(sets)]
    return DigitSet(
        np.concatenate([ds.x for ds in sets]), np.concatenate([ds.y for ds in sets]).astype(np.int64),
        np.concatenate(writers).astype(str), [s for ds in sets for s in ds.strokes], versions.pop(), name,
    )


def _locate(starts: np.ndarray, k: int) -> tuple[int, int]:
    """(set, sample in that set) of sample ``k`` of the sets laid end to end (``starts``: their first indices)."""
    i = int(np.searchsorted(starts, k, side="right")) - 1
    return i, int(k - starts[i])


def _name(ds: DigitSet, i: int) -> str:
    return f"'{ds.name}'" if ds.name else f"set {i + 1}"

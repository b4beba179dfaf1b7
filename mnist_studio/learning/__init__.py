"""Watching a network learn: snapshots taken while training, stored with the run, replayed afterwards; Qt-free.

A ``Snapshot`` is what the live views draw at one moment of a run (first-layer weights, feature maps, the fixed
validation slice's predictions, the map, the drawing's probabilities); a ``Timelapse`` is a run's header plus
its snapshots, stored as ``learning.npz`` beside the run's model (float16/uint8, no pickles). The snapshots are
taken in the Keras worker by ``learning.recorder`` and stream to the window as ``SnapshotEvent``s.
"""

from __future__ import annotations

import io
import json
import math
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

__all__ = ["FILENAME", "MAX_STORED", "MAX_STORED_BYTES", "Snapshot", "SnapshotEvent", "Timelapse", "thin_indices"]

FILENAME = "learning.npz"
VERSION = 1
MAX_STORED = 120  # snapshots kept in a run's file, spread evenly over the run (first and last always)
MAX_STORED_BYTES = 4_500_000  # raw bytes of the stored snapshots (compressed on disk: smaller still)
MAX_FILE_BYTES = 64 * 1024 * 1024  # a file bigger than this is not a time-lapse this app wrote
MAX_DRAWINGS = 32

# Stable keys for the ``unsupported`` message (the UI translates by key; the English text is the fallback).
UNSUPPORTED = {
    "first_layer": "This network's first layer ({kind}) cannot be drawn as pictures; the other views still work.",
    "dense_input": "This network's first Dense layer does not read the 28x28 pixels directly, so its weights "
                   "cannot be drawn as digit-sized pictures; the other views still work.",
}


@dataclass
class Snapshot:
    index: int  # position in the run's live stream (0 = the untrained network); stored runs keep a thinned subset
    step: int  # training batches done
    epoch: float  # fractional epochs done, e.g. 1.5
    loss: float  # the running training values at that moment (nan before the first batch)
    accuracy: float
    first_layer: np.ndarray  # float16 (n, h, w): MLP 16 fixed first-Dense units as 28x28; CNN first-conv kernels
    feature_maps: np.ndarray | None  # CNN: float16 (n_filters, H, W) on the fixed validation digit; else None
    val_pred: np.ndarray  # uint8 (n_val,) predicted class of the fixed validation slice
    map_xy: np.ndarray  # float32 (n_map, 2) in [-1, 1], each aligned to the previous snapshot's
    drawing_probs: np.ndarray | None  # float32 (10,) the current drawing read by this network; None: no drawing
    epoch_end: bool = False  # taken at the end of an epoch (after its validation)
    drawing_index: int = -1  # which of ``Timelapse.drawings`` drawing_probs read (-1: none)
    seconds: float = 0.0  # since the run's first snapshot (the time-lapse can play at the run's own pace)

    @property
    def nbytes(self) -> int:
        arrays = (self.first_layer, self.feature_maps, self.val_pred, self.map_xy, self.drawing_probs)
        return sum(a.nbytes for a in arrays if a is not None) + 32


@dataclass
class Timelapse:
    architecture: str  # "mlp" | "cnn" | another description
    val_labels: np.ndarray  # uint8 (n_val,)
    map_labels: np.ndarray  # uint8 (n_map,): the map digits are the first n_map of the validation slice
    val_digit: np.ndarray  # float32 (28, 28) the fixed validation digit of the feature maps
    drawing: np.ndarray | None  # float32 (28, 28) the drawing the last snapshots read
    unsupported: str | None  # a message when the first layer cannot be drawn; the other views still work
    snapshots: list[Snapshot] = field(default_factory=list)
    unsupported_key: str | None = None  # a key of ``UNSUPPORTED`` (for a translated message)
    drawings: list[np.ndarray] = field(default_factory=list)  # every drawing the snapshots read, in order
    preset: str = ""
    n_filters: int = 0  # CNN: the first conv's filter count (first_layer may show fewer)
    _stride: int = field(default=1, repr=False, compare=False)
    FILENAME = FILENAME

    def confusion(self, i: int) -> np.ndarray:
        """(10, 10) counts of snapshot ``i``'s predictions on the validation slice; rows = true digit."""
        pred = self.snapshots[i].val_pred.astype(np.int64)
        m = np.zeros((10, 10), np.int64)
        np.add.at(m, (self.val_labels.astype(np.int64), pred), 1)
        return m

    def drawing_for(self, i: int) -> np.ndarray | None:
        """The drawing snapshot ``i`` read (None when it read none)."""
        k = self.snapshots[i].drawing_index
        return self.drawings[k] if 0 <= k < len(self.drawings) else None

    @property
    def nbytes(self) -> int:
        head = self.val_labels.nbytes + self.map_labels.nbytes + self.val_digit.nbytes
        return head + sum(d.nbytes for d in self.drawings) + sum(s.nbytes for s in self.snapshots)

    def header(self) -> Timelapse:
        """This time-lapse without its snapshots (what travels with a run's first snapshot)."""
        return Timelapse(self.architecture, self.val_labels, self.map_labels, self.val_digit, self.drawing,
                         self.unsupported, [], self.unsupported_key, list(self.drawings), self.preset, self.n_filters)

    def append(self, snapshot: Snapshot, limit: int = 2 * MAX_STORED) -> None:
        """Add a stream's next snapshot; past ``limit`` only every other kept one stays (the stream's indices
        stay evenly spaced, the latest always kept): memory stays bounded however long the run."""
        ends = sum(s.epoch_end for s in self.snapshots) <= max(2, limit) // 4  # keep epoch ends while few

        def kept(s: Snapshot) -> bool:
            return s.index % self._stride == 0 or (ends and s.epoch_end)

        if len(self.snapshots) > 1 and not kept(self.snapshots[-1]):
            self.snapshots.pop()  # the latest was kept only for being the latest
        self.snapshots.append(snapshot)
        while len(self.snapshots) > max(2, limit):
            self._stride *= 2
            last = self.snapshots[-1]
            self.snapshots = [s for s in self.snapshots if kept(s) or s is last]

    def add(self, event: SnapshotEvent) -> None:
        """The window's side of the stream: ``Timelapse`` = the first event's header, then ``add`` every event
        (its snapshot, and the drawing it first read) to replay the run so far while it trains."""
        if event.drawing is not None:
            self.drawings.append(event.drawing)
        self.drawing = self.drawings[event.snapshot.drawing_index] if event.snapshot.drawing_index >= 0 else None
        self.append(event.snapshot)

    def _thinned(self, count: int) -> list[Snapshot]:
        keep = thin_indices(len(self.snapshots), count, [i for i, s in enumerate(self.snapshots) if s.epoch_end])
        return [self.snapshots[i] for i in keep]

    def stored(self, count: int | None = None) -> Timelapse:
        """The copy that is written: at most ``count`` snapshots (default: MAX_STORED within MAX_STORED_BYTES)."""
        if count is None:
            per = max(1, max((s.nbytes for s in self.snapshots), default=1))
            count = max(2, min(MAX_STORED, MAX_STORED_BYTES // per))
        out = self.header()
        out.snapshots = self._thinned(count) if len(self.snapshots) > count else list(self.snapshots)
        used = sorted({s.drawing_index for s in out.snapshots if s.drawing_index >= 0})
        remap = {old: new for new, old in enumerate(used)}
        out.drawings = [self.drawings[k] for k in used]
        out.snapshots = [_replace(s, drawing_index=remap.get(s.drawing_index, -1)) for s in out.snapshots]
        return out

    # -- the file -------------------------------------------------------------------------------------------
    def save(self, run_dir: Path) -> Path:
        """Write ``run_dir/learning.npz`` atomically (thinned to MAX_STORED snapshots, float16/uint8)."""
        from mnist_studio.storage.runs import atomic_write_bytes

        t = self.stored()
        if not t.snapshots:
            raise ValueError("a time-lapse needs at least one snapshot")
        s0 = t.snapshots[0]
        meta = dict(version=VERSION, architecture=t.architecture, unsupported=t.unsupported,
                    unsupported_key=t.unsupported_key, preset=t.preset, n_filters=int(t.n_filters),
                    has_drawing=t.drawing is not None, has_feature_maps=s0.feature_maps is not None)
        arrays = dict(
            meta=np.frombuffer(json.dumps(meta).encode(), np.uint8),
            val_labels=t.val_labels.astype(np.uint8), map_labels=t.map_labels.astype(np.uint8),
            val_digit=t.val_digit.astype(np.float16),
            drawing=(t.drawing if t.drawing is not None else np.zeros((28, 28))).astype(np.float16),
            drawings=np.stack(t.drawings).astype(np.float16) if t.drawings else np.zeros((0, 28, 28), np.float16),
            index=np.array([s.index for s in t.snapshots], np.int32),
            step=np.array([s.step for s in t.snapshots], np.int64),
            epoch=np.array([s.epoch for s in t.snapshots], np.float32),
            loss=np.array([s.loss for s in t.snapshots], np.float32),
            accuracy=np.array([s.accuracy for s in t.snapshots], np.float32),
            seconds=np.array([s.seconds for s in t.snapshots], np.float32),
            epoch_end=np.array([s.epoch_end for s in t.snapshots], bool),
            drawing_index=np.array([s.drawing_index for s in t.snapshots], np.int16),
            first_layer=np.stack([s.first_layer for s in t.snapshots]).astype(np.float16),
            val_pred=np.stack([s.val_pred for s in t.snapshots]).astype(np.uint8),
            map_xy=np.stack([s.map_xy for s in t.snapshots]).astype(np.float16),
            drawing_probs=np.stack([np.full(10, np.nan) if s.drawing_probs is None else s.drawing_probs
                                    for s in t.snapshots]).astype(np.float16),
        )
        if s0.feature_maps is not None:
            arrays["feature_maps"] = np.stack([s.feature_maps for s in t.snapshots]).astype(np.float16)
        buf = io.BytesIO()
        np.savez_compressed(buf, **arrays)
        path = Path(run_dir) / FILENAME
        atomic_write_bytes(path, buf.getvalue())
        return path

    @classmethod
    def load(cls, run_dir: Path) -> Timelapse | None:
        """The run's time-lapse; None when it has none. A damaged file raises ``ValueError`` saying what is wrong."""
        path = Path(run_dir) / FILENAME
        if not path.is_file():
            return None
        try:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                raise ValueError(f"{size:,} bytes, more than a time-lapse can be")
            with np.load(path, allow_pickle=False) as z:
                return _from_arrays({k: z[k] for k in z.files})
        except (ValueError, OSError, EOFError, KeyError, TypeError, zipfile.BadZipFile, zlib.error) as exc:
            raise ValueError(f"The time-lapse {path} is damaged: {exc}") from exc


@dataclass
class SnapshotEvent:
    snapshot: Snapshot
    header: Timelapse | None  # with snapshots=[]: sent with a run's first snapshot, None afterwards
    drawing: np.ndarray | None = None  # a drawing first read by this snapshot (its drawing_index), else None


def thin_indices(n: int, count: int, prefer=()) -> list[int]:
    """``count`` of ``range(n)`` spread evenly, first and last always; the ``prefer`` ones (epoch ends) too while
    they are few (each replaces the nearest plain pick)."""
    if n <= count:
        return list(range(n))
    if count <= 2:
        return [0, n - 1][-count:]
    chosen = set(np.round(np.linspace(0, n - 1, count)).astype(int).tolist())
    prefer = sorted({int(p) for p in prefer if 0 <= p < n})
    if len(prefer) > count // 4:
        return sorted(chosen)
    for p in prefer:
        if p in chosen:
            continue
        plain = [q for q in chosen if q not in (0, n - 1) and q not in prefer]
        if plain:
            chosen.discard(min(plain, key=lambda q: abs(q - p)))
        chosen.add(p)
    return sorted(chosen)


def _replace(s: Snapshot, **changes) -> Snapshot:
    from dataclasses import replace

    return replace(s, **changes)


def _need(arrays: dict, name: str, dtype, shape: tuple) -> np.ndarray:
    """``arrays[name]`` checked: its dtype kind and its shape (None = any size on that axis)."""
    if name not in arrays:
        raise ValueError(f"no {name!r} array")
    a = arrays[name]
    if a.dtype != np.dtype(dtype):
        raise ValueError(f"{name!r} is {a.dtype}, expected {np.dtype(dtype)}")
    if a.ndim != len(shape) or any(want is not None and got != want for got, want in zip(a.shape, shape, strict=True)):
        raise ValueError(f"{name!r} has shape {a.shape}, expected {tuple('N' if s is None else s for s in shape)}")
    return a


def _from_arrays(z: dict) -> Timelapse:
    meta = json.loads(bytes(_need(z, "meta", np.uint8, (None,))).decode("utf-8"))
    if not isinstance(meta, dict) or meta.get("version") != VERSION:
        raise ValueError(f"unknown time-lapse version {meta.get('version') if isinstance(meta, dict) else meta!r}")
    val_labels = _need(z, "val_labels", np.uint8, (None,))
    map_labels = _need(z, "map_labels", np.uint8, (None,))
    n_val, n_map = len(val_labels), len(map_labels)
    if n_map > n_val or (val_labels > 9).any() or (map_labels > 9).any():
        raise ValueError("labels out of range")
    index = _need(z, "index", np.int32, (None,))
    s = len(index)
    if s == 0:
        raise ValueError("no snapshots")
    first = _need(z, "first_layer", np.float16, (s, None, None, None))
    maps = _need(z, "feature_maps", np.float16, (s, None, None, None)) if meta.get("has_feature_maps") else None
    drawings = _need(z, "drawings", np.float16, (None, 28, 28))
    if len(drawings) > MAX_DRAWINGS * 8:
        raise ValueError("too many drawings")
    cols = dict(step=_need(z, "step", np.int64, (s,)), epoch=_need(z, "epoch", np.float32, (s,)),
                loss=_need(z, "loss", np.float32, (s,)), accuracy=_need(z, "accuracy", np.float32, (s,)),
                seconds=_need(z, "seconds", np.float32, (s,)),
                epoch_end=_need(z, "epoch_end", np.bool_, (s,)),
                drawing_index=_need(z, "drawing_index", np.int16, (s,)),
                val_pred=_need(z, "val_pred", np.uint8, (s, n_val)),
                map_xy=_need(z, "map_xy", np.float16, (s, n_map, 2)),
                drawing_probs=_need(z, "drawing_probs", np.float16, (s, 10)))
    if (cols["val_pred"] > 9).any():
        raise ValueError("predicted classes out of range")
    if ((cols["drawing_index"] < -1) | (cols["drawing_index"] >= len(drawings))).any():
        raise ValueError("a snapshot refers to a drawing the file lacks")
    snapshots = []
    for i in range(s):
        probs = cols["drawing_probs"][i].astype(np.float32)
        snapshots.append(Snapshot(
            index=int(index[i]), step=int(cols["step"][i]), epoch=float(cols["epoch"][i]),
            loss=float(cols["loss"][i]), accuracy=float(cols["accuracy"][i]), first_layer=first[i],
            feature_maps=None if maps is None else maps[i], val_pred=cols["val_pred"][i],
            map_xy=cols["map_xy"][i].astype(np.float32),
            drawing_probs=None if not np.isfinite(probs).all() else probs,
            epoch_end=bool(cols["epoch_end"][i]), drawing_index=int(cols["drawing_index"][i]),
            seconds=float(cols["seconds"][i])))
    unsupported = meta.get("unsupported")
    key = meta.get("unsupported_key")
    for name, value in (("architecture", meta.get("architecture")), ("preset", meta.get("preset", ""))):
        if not isinstance(value, str):
            raise ValueError(f"{name} is not text")
    if not (unsupported is None or isinstance(unsupported, str)) or not (key is None or key in UNSUPPORTED):
        raise ValueError("odd unsupported-layer message")
    n_filters = meta.get("n_filters", 0)
    if not isinstance(n_filters, int) or n_filters < 0 or not math.isfinite(n_filters):
        raise ValueError("odd filter count")
    drawing = _need(z, "drawing", np.float16, (28, 28)).astype(np.float32) if meta.get("has_drawing") else None
    return Timelapse(architecture=meta["architecture"], val_labels=val_labels, map_labels=map_labels,
                     val_digit=_need(z, "val_digit", np.float16, (28, 28)).astype(np.float32), drawing=drawing,
                     unsupported=unsupported, snapshots=snapshots, unsupported_key=key,
                     drawings=[d.astype(np.float32) for d in drawings], preset=meta.get("preset", ""),
                     n_filters=n_filters)

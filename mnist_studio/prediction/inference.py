"""``Predictor``: fast single/batch prediction for live drawing and evaluation.

Batches go through Keras' compiled ``predict_on_batch`` (a ``tf.function`` on TensorFlow, ``jax.jit`` on
JAX; on JAX batches are padded to a few fixed sizes so it compiles once per size, not per call);
``model.predict()`` sets up a whole data pipeline on every call (~43 ms here for one image), far too
slow for a pen. A single image (the live canvas) goes through a numpy pass over the same weights when
the model's layers allow it (see ``numpy_layers``): the framework's thread pools sleep between strokes and
waking them costs more than the model.
"""

from __future__ import annotations

import io
import json
import struct
import zipfile
from pathlib import Path

import numpy as np

from mnist_studio.prediction.numpy_layers import NumpyForward, softmax
from mnist_studio.runtime.messages import WordedError
from mnist_studio.storage.paths import shipped_model_path

SHIPPED = ("mlp", "cnn")
ACCEPTED_INPUTS = {(28, 28), (28, 28, 1), (784,)}
FAST_MAX_BATCH = 8  # up to this many images (the live canvas sends one) take the numpy fast path


class ModelLoadError(WordedError, ValueError):
    """A file that is not a usable MNIST model; the message says why (a template and its values, where the
    window words it in the user's language: ``runtime.messages``)."""


# Limits on what a model file may make us read (a real MNIST model: a few MB, ~10 KB of config, < 5M numbers).
MAX_CONFIG_BYTES = 16 * 2**20  # config.json
MAX_ARCHIVE_BYTES = 2**30  # every member of the zip, uncompressed, together (a zip bomb is refused unread)
MAX_MEMBERS = 1000
MAX_PARAMS = 200_000_000  # numbers in the weights (800 MB of float32)
MAX_DEPTH = 100  # nesting of config.json (Keras writes ~10 levels)
REFUSED_CLASSES = {  # layers that carry code of their own; refused for safety, whatever Keras' safe mode does
    "Lambda": "a Lambda layer (arbitrary Python code)",
    "__lambda__": "a serialized Python function (bytecode)",
    "TFSMLayer": "a TFSMLayer (a TensorFlow SavedModel runs its own graph code)",
}
GADGETS = {"get_file", "enable_unsafe_deserialization"}  # Keras functions a crafted config has reached for


def _walk_configs(node):
    """Every dict in ``node`` (iteratively: no recursion limit), with its depth."""
    stack = [(node, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise RecursionError(f"nested more than {MAX_DEPTH} levels deep")
        if isinstance(item, dict):
            yield item
            stack.extend((value, depth + 1) for value in item.values())
        elif isinstance(item, list):
            stack.extend((value, depth + 1) for value in item)


def _is_keras(module: str) -> bool:
    return module == "keras" or module.startswith("keras.")


def _foreign_code(config) -> str | None:
    """What in ``config`` names code outside Keras (or a layer that runs code), or ``None``."""
    for node in _walk_configs(config):
        kind = node.get("class_name")
        if isinstance(kind, str) and kind in REFUSED_CLASSES:
            return f"contains {REFUSED_CLASSES[kind]}"
        module = node.get("module")
        if "module" in node and module is not None and not (isinstance(module, str) and _is_keras(module)):
            return f"names code outside Keras (module {module!r})"
        registered = node.get("registered_name")
        if isinstance(registered, str) and ">" in registered and not _is_keras(registered.split(">")[0]):
            return f"names code outside Keras (registered name {registered!r})"
        if kind == "function" and node.get("config") in GADGETS:
            return f"calls a Keras utility, not a model part (function {node['config']!r})"
    return None


class _Window(io.RawIOBase):
    """A stored (uncompressed) zip member as a seekable file, read in place: h5py seeks back and forth, which
    ``ZipFile.open`` does by decompressing from the start each time."""

    def __init__(self, path: Path, info: zipfile.ZipInfo):
        super().__init__()
        self._fh = open(path, "rb")  # noqa: SIM115 - closed in close()
        self._fh.seek(info.header_offset)
        header = self._fh.read(zipfile.sizeFileHeader)
        if len(header) != zipfile.sizeFileHeader or header[:4] != zipfile.stringFileHeader:
            self._fh.close()
            raise zipfile.BadZipFile(f"bad local header for {info.filename}")
        name_length, extra_length = struct.unpack("<2H", header[26:30])  # the local header's last two fields
        self._start = info.header_offset + zipfile.sizeFileHeader + name_length + extra_length
        self._size, self._pos = info.file_size, 0

    def readable(self):
        return True

    def seekable(self):
        return True

    def tell(self):
        return self._pos

    def seek(self, offset, whence=io.SEEK_SET):
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: self._size}[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def readinto(self, buffer):
        n = max(0, min(len(buffer), self._size - self._pos))
        self._fh.seek(self._start + self._pos)
        data = self._fh.read(n)
        buffer[:len(data)] = data
        self._pos += len(data)
        return len(data)

    def close(self):
        self._fh.close()
        super().close()


def open_member(path: Path, zf: zipfile.ZipFile, name: str):
    """A zip member as a seekable binary file, never more than ``MAX_ARCHIVE_BYTES`` of it."""
    info = zf.getinfo(name)
    if info.compress_type == zipfile.ZIP_STORED:
        return _Window(path, info)
    with zf.open(info) as fh:
        return io.BytesIO(fh.read(MAX_ARCHIVE_BYTES + 1)[:MAX_ARCHIVE_BYTES])


def _scan_h5(h5) -> tuple[float, list[str]]:
    """(numbers in every dataset, what reads from other files) of an open ``h5py.File``: shapes only."""
    import h5py

    total, problems = 0.0, []

    def visit(key, obj):
        nonlocal total
        if isinstance(obj, h5py.Dataset):
            total += float(np.prod(obj.shape, dtype=np.float64)) if obj.shape else 1.0
            if obj.external or obj.is_virtual:
                problems.append(f"its weights read data from other files ({key})")

    def link(key, lnk):
        if isinstance(lnk, h5py.ExternalLink):
            problems.append(f"its weights link to another file ({key} -> {lnk.filename})")

    h5.visititems(visit)
    if hasattr(h5, "visititems_links"):  # h5py >= 3.11
        h5.visititems_links(link)
    return total, problems


def _weights_problem(path: Path, zf: zipfile.ZipFile) -> str | None:
    """Too many numbers, or data read from other files, in the archive's HDF5 weights (no data is read);
    ``None`` when fine or not HDF5 at all (the loader says what is wrong then)."""
    import h5py  # a Keras dependency; ~60 ms

    for name in zf.namelist():
        if not name.endswith(".h5"):
            continue
        try:
            with open_member(path, zf, name) as fh, h5py.File(fh, "r") as h5:
                total, problems = _scan_h5(h5)
        except (OSError, ValueError, KeyError, RuntimeError, TypeError, zipfile.BadZipFile):
            continue
        if problems:
            return problems[0]
        if total > MAX_PARAMS:
            return f"its weights hold {total:,.0f} numbers, more than a model here may have ({MAX_PARAMS:,})"
    return None


def inspect_file(path: Path) -> dict:
    """Read a ``.keras`` archive's config without building anything; refuse what we never run, and any file
    too big to be an MNIST model, before Keras reads a byte of it."""
    if not path.is_file():
        raise ModelLoadError("%1: no such model file", path)
    if not zipfile.is_zipfile(path):
        raise ModelLoadError("%1 is not a Keras model file (.keras archive)", path)
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            total = sum(info.file_size for info in infos)
            if len(infos) > MAX_MEMBERS or total > MAX_ARCHIVE_BYTES:
                raise ModelLoadError("%1 is too large to be a model: %2 files, %3 MB unpacked (at most %4 MB); "
                                     "it was not loaded", path, f"{len(infos):,}", f"{total / 2**20:,.0f}",
                                     f"{MAX_ARCHIVE_BYTES >> 20:,}")
            info = zf.getinfo("config.json")
            with zf.open(info) as fh:
                raw = fh.read(MAX_CONFIG_BYTES + 1)
            if info.file_size > MAX_CONFIG_BYTES or len(raw) > MAX_CONFIG_BYTES:
                raise ModelLoadError("%1: its config.json is over %2 MB, too large to describe a model; it was not "
                                     "loaded", path, MAX_CONFIG_BYTES >> 20)
            config = json.loads(raw)
            if not isinstance(config, dict):
                raise ModelLoadError("%1 is not a Keras model file: config.json is not a model description", path)
            problem = _foreign_code(config)
            if problem:
                raise ModelLoadError("%1: this model file %2; it was not loaded (refused for safety)", path, problem)
            problem = _weights_problem(path, zf)
            if problem:
                raise ModelLoadError("%1: %2; it was not loaded", path, problem)
    except ModelLoadError:
        raise
    except RecursionError as exc:
        raise ModelLoadError("%1: its config.json is nested too deeply to describe a model; it was not loaded",
                             path) from exc
    except (KeyError, zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise ModelLoadError("%1 is not a Keras model file: %2", path, exc) from exc
    return config


def load_model(source: str | Path):
    """Load a shipped name (``mlp``, ``cnn``) or a ``.keras`` path with Keras ``safe_mode=True``."""
    path = shipped_model_path(str(source)) if str(source) in SHIPPED else Path(source).expanduser()
    inspect_file(path)
    from mnist_studio.runtime.backend import keras

    try:
        model = keras.saving.load_model(path, compile=False, safe_mode=True)
    except Exception as exc:  # Keras raises many types for bad archives
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        if "safe_mode" in str(exc):
            raise ModelLoadError("%1 was refused by Keras safe mode: %2", path, reason) from exc
        raise ModelLoadError("%1 could not be loaded as a Keras model: %2", path, reason) from exc
    check_model(model, str(path))
    return model


def check_model(model, label: str = "model") -> None:
    try:
        in_shape = tuple(model.inputs[0].shape[1:])
        out_shape = tuple(model.outputs[0].shape[1:])
    except (AttributeError, IndexError, TypeError) as exc:
        raise ModelLoadError("%1 has no single input and output", label) from exc
    if len(model.inputs) != 1 or in_shape not in ACCEPTED_INPUTS:
        raise ModelLoadError("%1 expects input %2; an MNIST model takes 28x28 images (28, 28), (28, 28, 1) or (784,)",
                             label, in_shape)
    if out_shape != (10,):
        raise ModelLoadError("%1 outputs %2; an MNIST model outputs 10 class scores", label, out_shape)


def as_batch(images) -> np.ndarray:
    """(N, 28, 28) or one (28, 28) image -> a float32 (N, 28, 28) batch; anything else is refused."""
    batch = np.asarray(images, dtype=np.float32)
    if batch.ndim == 2:
        batch = batch[None]
    if batch.ndim != 3 or batch.shape[1:] != (28, 28):
        raise ValueError(f"Predictor expects (N, 28, 28) or (28, 28) images, got {batch.shape}")
    return batch


class Predictor:
    """Maps (N, 28, 28) float32 images in [0, 1] to (N, 10) probabilities."""

    def __init__(self, model, name: str = "model", source: str | None = None):
        check_model(model, name)
        from mnist_studio.runtime import backend

        self.model = model
        self.name = name
        self.source = source
        self.explainer = None  # explain.explainer_for builds it on first use
        self._in_shape = tuple(model.inputs[0].shape[1:])
        self._softmax = not _ends_in_softmax(model)
        self._pad = backend.current() == "jax"  # jit compiles once per input shape
        if getattr(model, "optimizer", None) is None:
            model.jit_compile = backend.jit_compile()  # not XLA on TensorFlow: slower here, a compile per shape
        self._compiled(np.zeros((1, 28, 28), np.float32))  # compile once now, not under the pen
        self.fast = NumpyForward.from_model(model)  # None when the model has layers it does not cover

    @property
    def in_shape(self) -> tuple:
        """The shape of one image as the model reads it: (28, 28), (28, 28, 1) or (784,)."""
        return self._in_shape

    @classmethod
    def load(cls, source: str | Path) -> Predictor:
        name = str(source) if str(source) in SHIPPED else Path(source).stem
        return cls(load_model(source), name=name, source=str(source))

    def predict(self, images) -> np.ndarray:
        batch = as_batch(images)
        if batch.shape[0] == 0:
            return np.zeros((0, 10), np.float32)
        if self.fast is not None and batch.shape[0] <= FAST_MAX_BATCH:
            out = self.fast(batch.reshape((-1, *self._in_shape)))
            if self._softmax:
                out = softmax(out)
            return out.astype(np.float32, copy=False)
        return self._compiled(batch)

    def predict_compiled(self, images) -> np.ndarray:
        """Always the compiled Keras call (benchmarks compare it with the numpy fast path)."""
        return self._compiled(np.asarray(images, np.float32).reshape(-1, 28, 28))

    def _compiled(self, batch: np.ndarray) -> np.ndarray:
        n = batch.shape[0]
        x = batch.reshape((n, *self._in_shape))
        if self._pad and n != _bucket(n):
            x = np.concatenate([x, np.zeros((_bucket(n) - n, *self._in_shape), np.float32)])
        out = np.asarray(self.model.predict_on_batch(x), np.float32)[:n]
        if self._softmax:
            out = softmax(out)
        return out

    def predict_one(self, image) -> np.ndarray:
        return self.predict(image)[0]


def _bucket(n: int) -> int:
    """The padded batch size: a power of two up to 2,048, then a multiple of 1,024."""
    return 1 << max(3, (n - 1).bit_length()) if n <= 2048 else -(-n // 1024) * 1024


def _ends_in_softmax(model) -> bool:
    layer = model.layers[-1] if model.layers else None
    activation = getattr(layer, "activation", None)
    return getattr(activation, "__name__", "") == "softmax" or type(layer).__name__ == "Softmax"

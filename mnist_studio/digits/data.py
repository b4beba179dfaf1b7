"""Datasets in the Keras layout: ``load_dataset(name)`` mirrors ``keras.datasets.<name>.load_data()``.

MNIST (``load_mnist``): explicit path / ``$MNIST_STUDIO_DATA`` -> the embedded ``resources/mnist.npz`` ->
``~/.keras/datasets/mnist.npz`` -> a Keras download, only when nothing else exists.
Fashion-MNIST (``load_fashion``; no package on the registries carries it): ``$MNIST_STUDIO_FASHION_DATA``
(an .npz in the Keras layout or a folder of the four IDX .gz files) -> ``resources/fashion-mnist.npz`` ->
the Keras cache ``~/.keras/datasets/fashion-mnist/`` -> a Keras download; a ``DataError`` says what to
do when none of them works offline. ``DATASETS`` is the registry other code can extend.
"""

from __future__ import annotations

import gzip
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from mnist_studio.storage.paths import resources_dir

Split = tuple[np.ndarray, np.ndarray]
EXPECTED = {
    "x_train": ((60000, 28, 28), np.uint8),
    "y_train": ((60000,), np.uint8),
    "x_test": ((10000, 28, 28), np.uint8),
    "y_test": ((10000,), np.uint8),
}


class DataError(ValueError):
    """The MNIST file is missing, truncated or not in the Keras layout."""


def candidate_paths() -> list[Path]:
    paths = []
    env = os.environ.get("MNIST_STUDIO_DATA")
    if env:
        paths.append(Path(env).expanduser())
    paths.append(resources_dir() / "mnist.npz")
    paths.append(Path.home() / ".keras" / "datasets" / "mnist.npz")
    return paths


def find_mnist() -> Path | None:
    for path in candidate_paths():
        if path.is_file():
            return path
    return None


def load_mnist(path: str | os.PathLike | None = None) -> tuple[Split, Split]:
    """``((x_train, y_train), (x_test, y_test))`` as uint8 arrays, like Keras (read-only views)."""
    if path is None:
        env = os.environ.get("MNIST_STUDIO_DATA")
        if env:
            path = env
    if path is not None:
        resolved = Path(path).expanduser()
        if not resolved.is_file():
            raise DataError(f"MNIST file {resolved} does not exist")
    else:
        resolved = find_mnist()
        if resolved is None:  # pragma: no cover - only when the shipped file was removed
            return _download()
    return _load_npz(str(resolved.resolve()), resolved.stat().st_mtime_ns)


def load_mnist_test(path: str | os.PathLike | None = None) -> Split:
    """``(x_test, y_test)`` only: what the window needs (Evaluate, the Inside map) without holding the 47 MB
    training set. Found and checked like ``load_mnist``; cached apart from it."""
    if path is None and not os.environ.get("MNIST_STUDIO_DATA") and find_mnist() is None:  # pragma: no cover
        return load_mnist()[1]
    resolved = Path(path or os.environ.get("MNIST_STUDIO_DATA") or find_mnist()).expanduser()
    if not resolved.is_file():
        raise DataError(f"MNIST file {resolved} does not exist")
    arrays = _load_npz_keys(str(resolved.resolve()), resolved.stat().st_mtime_ns, ("x_test", "y_test"))
    return arrays["x_test"], arrays["y_test"]


@lru_cache(maxsize=2)
def _load_npz(path: str, _mtime: int) -> tuple[Split, Split]:
    arrays = _read_npz(path, tuple(EXPECTED))
    return (arrays["x_train"], arrays["y_train"]), (arrays["x_test"], arrays["y_test"])


@lru_cache(maxsize=2)
def _load_npz_keys(path: str, _mtime: int, keys: tuple[str, ...]) -> dict[str, np.ndarray]:
    return _read_npz(path, keys)


def _read_npz(path: str, keys: tuple[str, ...]) -> dict[str, np.ndarray]:
    """The named arrays of an MNIST ``.npz``, each checked for shape and dtype, read-only."""
    try:
        with np.load(path, allow_pickle=False) as npz:
            missing = [k for k in keys if k not in npz.files]
            if missing:
                raise DataError(f"MNIST file {path} lacks the arrays {', '.join(missing)}")
            arrays = {k: npz[k] for k in keys}
    except DataError:
        raise
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
        raise DataError(f"MNIST file {path} is unreadable or truncated: {exc}") from exc
    for key in keys:
        shape, dtype = EXPECTED[key]
        arr = arrays[key]
        if arr.shape != shape:
            raise DataError(f"MNIST file {path}: {key} has shape {arr.shape}, expected {shape}")
        if arr.dtype != dtype:
            raise DataError(f"MNIST file {path}: {key} has dtype {arr.dtype}, expected {np.dtype(dtype)}")
        arr.setflags(write=False)
    return arrays


def _download() -> tuple[Split, Split]:  # pragma: no cover - needs the network
    from mnist_studio.runtime.backend import keras

    return keras.datasets.mnist.load_data()


FASHION_FILES = ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                 "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")
FASHION_CLASSES = ("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
                   "Ankle boot")


def fashion_candidates() -> list[Path]:
    paths = []
    env = os.environ.get("MNIST_STUDIO_FASHION_DATA")
    if env:
        paths.append(Path(env).expanduser())
    paths.append(resources_dir() / "fashion-mnist.npz")
    paths.append(Path(os.environ.get("KERAS_HOME") or Path.home() / ".keras") / "datasets" / "fashion-mnist")
    return paths


def load_fashion(download: bool = True) -> tuple[Split, Split]:
    """Fashion-MNIST (Zalando, MIT licence) as uint8 arrays in the Keras layout; ``DataError`` if unavailable."""
    for path in fashion_candidates():
        if path.is_file():
            return _load_npz(str(path.resolve()), path.stat().st_mtime_ns)
        if path.is_dir() and all((path / f).is_file() for f in FASHION_FILES):
            return _load_idx_folder(str(path.resolve()), max((path / f).stat().st_mtime_ns for f in FASHION_FILES))
    if download:
        try:
            return _download_fashion()
        except Exception as exc:  # noqa: BLE001 - no network, proxy, certificate, disk ...
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise DataError(
                f"Fashion-MNIST is not available offline and could not be downloaded ({reason}). Put the four "
                f"files {', '.join(FASHION_FILES)} in {fashion_candidates()[-1]} (or set MNIST_STUDIO_FASHION_DATA "
                "to them or to an .npz), or connect to the internet once."
            ) from exc
    raise DataError(f"Fashion-MNIST is not available offline: put the four files {', '.join(FASHION_FILES)} in "
                    f"{fashion_candidates()[-1]} or set MNIST_STUDIO_FASHION_DATA")


def _read_idx(path: Path, ndim: int) -> np.ndarray:
    try:
        with gzip.open(path, "rb") as fh:
            raw = fh.read()
    except (OSError, EOFError) as exc:
        raise DataError(f"{path} is unreadable or truncated: {exc}") from exc
    header = 4 + 4 * ndim
    if len(raw) < header or raw[2] != 0x08 or raw[3] != ndim:
        raise DataError(f"{path} is not an IDX file of unsigned bytes with {ndim} dimension(s)")
    shape = tuple(int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim))
    data = np.frombuffer(raw, np.uint8, offset=header)
    if data.size != int(np.prod(shape)):
        raise DataError(f"{path} holds {data.size} values, its header says {shape}")
    return data.reshape(shape)


@lru_cache(maxsize=1)
def _load_idx_folder(folder: str, _mtime: int) -> tuple[Split, Split]:
    root = Path(folder)
    arrays = dict(zip(EXPECTED, (_read_idx(root / f, 3 if "images" in f else 1) for f in FASHION_FILES),
                      strict=True))
    for key, (shape, _) in EXPECTED.items():
        if arrays[key].shape != shape:
            raise DataError(f"Fashion-MNIST in {folder}: {key} has shape {arrays[key].shape}, expected {shape}")
        arrays[key].setflags(write=False)
    return (arrays["x_train"], arrays["y_train"]), (arrays["x_test"], arrays["y_test"])


def _download_fashion() -> tuple[Split, Split]:  # pragma: no cover - needs the network
    from mnist_studio.runtime.backend import keras

    return keras.datasets.fashion_mnist.load_data()


@dataclass(frozen=True)
class Dataset:
    name: str
    title: str
    load: Callable[[], tuple[Split, Split]]
    class_names: tuple[str, ...]
    drawable: bool = False  # the Draw tab's canvas makes digits only


DATASETS: dict[str, Dataset] = {
    "mnist": Dataset("mnist", "MNIST digits", lambda: load_mnist(), tuple(str(d) for d in range(10)), True),
    "fashion": Dataset("fashion", "Fashion-MNIST", load_fashion, FASHION_CLASSES),
}
CLASS_NAMES = {name: d.class_names for name, d in DATASETS.items()}


def load_dataset(name: str = "mnist") -> tuple[Split, Split]:
    """``((x_train, y_train), (x_test, y_test))`` of a registered dataset; ``DataError`` if unknown or unavailable."""
    if name not in DATASETS:
        raise DataError(f"unknown dataset {name!r}; choose one of {', '.join(DATASETS)}")
    return DATASETS[name].load()

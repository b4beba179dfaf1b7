"""Offline MNIST: ``load_mnist()`` mirrors ``keras.datasets.mnist.load_data()``.

Lookup order: explicit path / ``$MNIST_STUDIO_DATA`` -> the embedded ``resources/mnist.npz`` ->
``~/.keras/datasets/mnist.npz`` -> a Keras download, only when nothing else exists.
"""

from __future__ import annotations

import os
import zipfile
from functools import lru_cache
from pathlib import Path

import numpy as np

from mnist_studio.paths import resources_dir

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


@lru_cache(maxsize=2)
def _load_npz(path: str, _mtime: int) -> tuple[Split, Split]:
    try:
        with np.load(path, allow_pickle=False) as npz:
            missing = [k for k in EXPECTED if k not in npz.files]
            if missing:
                raise DataError(f"MNIST file {path} lacks the arrays {', '.join(missing)}")
            arrays = {k: npz[k] for k in EXPECTED}
    except DataError:
        raise
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
        raise DataError(f"MNIST file {path} is unreadable or truncated: {exc}") from exc
    for key, (shape, dtype) in EXPECTED.items():
        arr = arrays[key]
        if arr.shape != shape:
            raise DataError(f"MNIST file {path}: {key} has shape {arr.shape}, expected {shape}")
        if arr.dtype != dtype:
            raise DataError(f"MNIST file {path}: {key} has dtype {arr.dtype}, expected {np.dtype(dtype)}")
        arr.setflags(write=False)
    return (arrays["x_train"], arrays["y_train"]), (arrays["x_test"], arrays["y_test"])


def _download() -> tuple[Split, Split]:  # pragma: no cover - needs the network
    from mnist_studio.backend import keras

    return keras.datasets.mnist.load_data()

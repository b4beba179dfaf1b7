"""Grey-level morphology: the one implementation preprocessing and augmentation share."""

from __future__ import annotations

import numpy as np

from mnist_studio.digits.morphology import cross, octagon


def _dot(size=9, value=0.8, dtype=np.float32):
    img = np.zeros((size, size), dtype)
    img[size // 2, size // 2] = value
    return img


def test_cross_grows_a_dot_into_a_plus_and_erosion_takes_it_back():
    grown = cross(_dot(), grow=True)
    assert sorted(zip(*np.nonzero(grown), strict=True)) == [(3, 4), (4, 3), (4, 4), (4, 5), (5, 4)]
    assert np.allclose(grown[grown > 0], 0.8)
    assert np.array_equal(cross(grown, grow=False), _dot())


def test_cross_works_on_a_batch_and_ignores_the_border():
    rng = np.random.default_rng(0)
    batch = rng.random((4, 28, 28)).astype(np.float32)
    assert np.array_equal(cross(batch, True), np.stack([cross(img, True) for img in batch]))
    ones = np.ones((28, 28), np.float32)
    assert np.array_equal(cross(ones, grow=False), ones)  # outside the image does not erode the edge
    assert np.array_equal(octagon(ones, 3, grow=False), ones)


def test_octagon_is_about_a_disk_and_keeps_the_dtype():
    for dtype in (np.float32, np.float64, np.uint8):
        grown = octagon(_dot(21, 200 if dtype == np.uint8 else 0.5, dtype), 4, grow=True)
        assert grown.dtype == dtype
        ys, xs = np.nonzero(grown)
        dist = np.hypot(ys - 10, xs - 10)
        assert dist.max() <= 4 * 1.5 and (ys.max() - ys.min()) == 8  # reaches the radius, corners cut
        assert grown[10 - 4, 10 - 4] == 0  # not a square
    assert np.array_equal(octagon(_dot(), 0, grow=True), _dot())  # radius 0: unchanged

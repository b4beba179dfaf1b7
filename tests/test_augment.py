import numpy as np

from mnist_studio.digits.augment import augment_batch, elastic, random_affine, stroke_width, warp


def _digits(mnist, n=64):
    return mnist[0][0][:n].astype(np.float32) / 255


def test_augment_batch_shape_range_and_determinism(mnist):
    x = _digits(mnist)
    a = augment_batch(x, np.random.default_rng(1))
    b = augment_batch(x, np.random.default_rng(1))
    assert a.shape == x.shape and a.dtype == np.float32 and 0 <= a.min() and a.max() <= 1
    assert np.array_equal(a, b) and not np.array_equal(a, x)
    assert np.array_equal(augment_batch(x, np.random.default_rng(1), strength=0), x)
    ink = a.reshape(len(a), -1).sum(1) / x.reshape(len(x), -1).sum(1)
    assert 0.4 < np.median(ink) < 1.6 and ink.min() > 0.2  # digits stay digits


def test_stroke_width_thickens_and_thins(mnist):
    x = _digits(mnist)
    thick = stroke_width(x, np.random.default_rng(0), p_thicker=1.0, p_thinner=0.0)
    thin = stroke_width(x, np.random.default_rng(0), p_thicker=0.0, p_thinner=1.0)
    assert (thick.sum((1, 2)) > x.sum((1, 2))).all()
    assert (thin.sum((1, 2)) <= x.sum((1, 2)) + 1e-3).all() and (thin.sum((1, 2)) < x.sum((1, 2))).mean() > 0.5


def test_slant_shears_and_elastic_moves_gently(mnist):
    bar = np.zeros((1, 28, 28), np.float32)
    bar[0, 4:24, 13:15] = 1.0  # a vertical bar: a slant tilts it
    out = random_affine(np.repeat(bar, 32, 0), np.random.default_rng(0), rotate=0, zoom=0, shift=0, slant=0.4)
    top = (out[:, 6] * np.arange(28)).sum(1) / out[:, 6].sum(1)
    bottom = (out[:, 21] * np.arange(28)).sum(1) / out[:, 21].sum(1)
    assert np.abs(top - bottom).max() > 2
    x = _digits(mnist, 16)
    e = elastic(x, np.random.default_rng(0), alpha=1.0)
    assert np.abs(e - x).mean() > 0.01 and np.corrcoef(e.ravel(), x.ravel())[0, 1] > 0.6


def _bilinear_reference(image, x, y):
    """One point, the textbook way: the four neighbours weighted by distance, zero outside the image."""
    def at(r, c):
        return float(image[r, c]) if 0 <= r < 28 and 0 <= c < 28 else 0.0

    c0, r0 = int(np.floor(x)), int(np.floor(y))
    fx, fy = x - c0, y - r0
    return (at(r0, c0) * (1 - fx) * (1 - fy) + at(r0, c0 + 1) * fx * (1 - fy)
            + at(r0 + 1, c0) * (1 - fx) * fy + at(r0 + 1, c0 + 1) * fx * fy)


def test_warp_samples_bilinearly_with_zeros_outside(mnist):
    x = _digits(mnist, 3)
    identity = np.repeat(np.eye(2)[None], 3, 0)
    assert np.array_equal(warp(x, identity, np.zeros((3, 2))), x)
    right = warp(x, identity, np.array([[-1.0, 0.0]] * 3))  # out[y, x] = in[y, x - 1]: one pixel to the right
    assert np.array_equal(right[:, :, 1:], x[:, :, :-1]) and not right[:, :, 0].any()
    rng = np.random.default_rng(3)
    sx, sy = rng.uniform(-2.5, 29.5, (3, 784)).astype(np.float32), rng.uniform(-2.5, 29.5, (3, 784)).astype(np.float32)
    m = np.zeros((3, 2, 2))  # every output pixel reads one chosen point: a constant map plus that point
    for i in range(3):
        for j in (0, 5, 400, 783):
            out = warp(x[i:i + 1], m[:1], np.array([[sx[i, j], sy[i, j]]]))
            expect = _bilinear_reference(x[i], float(sx[i, j]), float(sy[i, j]))
            assert abs(float(out[0, 0, 0]) - expect) < 1e-5

import numpy as np

from mnist_studio.digits.augment import augment_batch, elastic, random_affine, stroke_width


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

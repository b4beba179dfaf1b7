import numpy as np
import pytest
from strokes import enclosed_background

from mnist_studio.digits.strokes import BOX, SIZE, render


def _com(img):
    ys, xs = np.mgrid[0:SIZE, 0:SIZE]
    return (xs * img).sum() / img.sum(), (ys * img).sum() / img.sum()


def _circle(cx, cy, r, n=40):
    t = np.linspace(0, 2 * np.pi, n + 1)
    return np.stack([cx + r * np.cos(t), cy + r * np.sin(t)], axis=1)


def test_blank_and_shapes():
    assert render([]) is None and render([np.zeros((0, 2))]) is None
    img = render([[(0, 0), (10, 10)]])
    assert img.shape == (28, 28) and img.dtype == np.float32 and 0 <= img.min() and img.max() == 1.0


def test_mnist_geometry_box_and_centre_of_mass():
    seven = [np.array([(0, 0), (60, 0), (20, 100)], float)]
    img = render(seven)
    rows = np.flatnonzero(img.max(axis=1) > 0.05)
    assert BOX - 1 <= rows.max() - rows.min() + 1 <= BOX + 1  # the longer side fills the 20 px box
    cx, cy = _com(img)
    assert abs(cx - 14) < 0.1 and abs(cy - 14) < 0.1


def test_size_and_position_do_not_matter():
    stroke = np.array([(0, 0), (30, 5), (10, 50), (40, 60)], float)
    a = render([stroke])
    b = render([stroke * 7.3 + (500, -200)])
    assert np.abs(a - b).max() < 1e-4


def test_a_dot_stays_a_dot_with_min_extent():
    dot = render([[(5.0, 5.0)]], min_extent=1.0)
    assert dot is not None and 1 <= (dot > 0.5).sum() <= 9
    tiny = render([[(0, 0), (0.01, 0.02)]], min_extent=1.0)
    assert (tiny > 0.5).sum() <= 9


@pytest.mark.parametrize("ratio", [0.25, 0.3, 0.4])
def test_small_loops_stay_open(ratio):
    """A 9 whose loop is a quarter of its height keeps its hole at MNIST's stroke width (2.2 px of 20)."""
    loop = _circle(0.0, 0.0, ratio / 2)
    tail = np.array([(ratio / 2, 0.0), (ratio / 2 - 0.05, 1.0 - ratio / 2)])
    img = render([loop, tail])
    assert enclosed_background(img) >= (1 if ratio < 0.3 else 4)


def test_non_finite_points_are_refused():
    with pytest.raises(ValueError, match="NaN"):
        render([[(0, 0), (np.nan, 1)]])
    with pytest.raises(ValueError, match="shape"):
        render([np.zeros((3, 1))])


def test_pressure_column_is_ignored():
    xy = np.array([(0, 0), (3, 4), (6, 0)], float)
    with_p = np.column_stack([xy, [0.1, 0.9, 0.5]])
    assert np.array_equal(render([xy]), render([with_p]))


def test_dense_traces_match_their_simplified_shape():
    """Hundreds of points along a curve (a pen trace) draw the same as a few dozen."""
    t = np.linspace(0, np.pi, 2000)
    dense = np.stack([np.cos(t), np.sin(t)], axis=1) * 10
    sparse = dense[::50]
    assert np.abs(render([dense]) - render([np.vstack([sparse, dense[-1:]])])).max() < 0.25

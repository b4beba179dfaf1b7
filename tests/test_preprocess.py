import numpy as np
import pytest
from conftest import draw_digit

from mnist_studio.digits.preprocess import stroke_width, to_mnist

MNIST_STROKE = (1.5, 3.0)  # 10th..90th percentile of MNIST's own strokes is about 1.6..2.9


def _com(img):
    ys, xs = np.indices(img.shape)
    return (ys * img).sum() / img.sum(), (xs * img).sum() / img.sum()


def _box(img):
    rows, cols = np.flatnonzero((img > 0.1).any(1)), np.flatnonzero((img > 0.1).any(0))
    return rows[-1] - rows[0] + 1, cols[-1] - cols[0] + 1


def test_output_format_and_mnist_geometry():
    out = to_mnist(draw_digit())
    assert out.shape == (28, 28) and out.dtype == np.float32
    assert 0.0 <= out.min() and out.max() <= 1.0 and out.max() > 0.9
    cy, cx = _com(out)
    assert abs(cy - 14) < 1.0 and abs(cx - 14) < 1.0
    h, w = _box(out)
    assert max(h, w) in (19, 20, 21) and w < h  # the longer side is ~20 px, aspect kept


@pytest.mark.parametrize("size,pen,height", [
    (280, 22, 200),   # normal
    (280, 40, 120),   # small with a thick pen
    (280, 30, 60),    # tiny with a thick pen
    (280, 4, 260),    # huge with a thin pen
    (560, 6, 500),    # huge with a very thin pen on a big canvas
    (28, 2, 20),      # already MNIST-sized
])
def test_stroke_width_is_mnist_like(size, pen, height):
    out = to_mnist(draw_digit(size=size, pen=pen, height=height))
    assert MNIST_STROKE[0] <= stroke_width(out) <= MNIST_STROKE[1]


def test_position_does_not_matter():
    a = to_mnist(draw_digit(offset=(-60, -30), height=120))
    b = to_mnist(draw_digit(offset=(50, 40), height=120))
    assert np.abs(a - b).max() < 0.05


def test_polarity_detected_from_border():
    dark_on_light = to_mnist(draw_digit(invert=True))
    light_on_dark = to_mnist(draw_digit())
    assert np.abs(dark_on_light - light_on_dark).max() < 1e-5


@pytest.mark.parametrize("scale", [1.0, 255.0])
def test_float_input_either_range(scale):
    img = draw_digit().astype(np.float64) / 255.0 * scale
    assert np.abs(to_mnist(img) - to_mnist(draw_digit())).max() < 1e-4


def test_blank_images_are_none():
    assert to_mnist(np.zeros((280, 280), np.uint8)) is None
    assert to_mnist(np.full((280, 280), 255, np.uint8)) is None  # a canvas filled solid
    assert to_mnist(np.full((50, 50), 0.5, np.float32)) is None


def test_dot_and_single_line_do_not_crash():
    dot = np.zeros((280, 280), np.uint8)
    dot[130:150, 130:150] = 255
    out = to_mnist(dot)
    assert out is not None and out.shape == (28, 28)
    line = np.zeros((280, 280), np.uint8)
    line[138:142, 20:260] = 255
    out = to_mnist(line)
    assert out is not None and _box(out)[1] >= 19


def test_mnist_digits_survive_a_round_trip(mnist):
    _, (x_test, _) = mnist
    for img in x_test[:20]:
        out = to_mnist(img)
        ref = img.astype(np.float32) / 255
        corr = np.corrcoef(out.ravel(), ref.ravel())[0, 1]
        assert corr > 0.8


@pytest.mark.parametrize("bad", [np.zeros((3, 28, 28)), np.zeros(28), np.zeros((0, 0)),
                                 np.array([["a", "b"], ["c", "d"]]), np.full((28, 28), np.nan)])
def test_bad_input_is_a_clear_error(bad):
    with pytest.raises(ValueError, match="to_mnist"):
        to_mnist(bad)

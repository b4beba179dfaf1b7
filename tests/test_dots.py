"""The numpy scatter helpers both maps (the live learning map, the Inside tab's map) paint with."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QColor

from mnist_studio.ui.common.dots import DIGIT_RGB, filled_rgb, stamp_dots
from mnist_studio.ui.look.colors import DIGIT_COLORS


def test_filled_rgb_is_one_colour_of_the_asked_size():
    rgb = filled_rgb(5, 3, QColor(10, 20, 30))
    assert rgb.shape == (3, 5, 3) and rgb.dtype == np.uint8
    assert (rgb == (10, 20, 30)).all()


def test_digit_rgb_follows_the_digit_colours():
    assert DIGIT_RGB.shape == (10, 3)
    for d, c in enumerate(DIGIT_COLORS):
        assert tuple(DIGIT_RGB[d]) == (c.red(), c.green(), c.blue())


def test_dots_are_squares_with_their_corner_at_the_point():
    rgb = filled_rgb(7, 6, QColor("white"))
    stamp_dots(rgb, np.array([[0, 1], [4, 3]]), DIGIT_RGB[[3, 7]], 2)  # x, y
    assert (rgb[1:3, 0:2] == DIGIT_RGB[3]).all()
    assert (rgb[3:5, 4:6] == DIGIT_RGB[7]).all()
    assert (rgb != 255).any(axis=2).sum() == 8


def test_a_dot_that_would_spill_over_the_edge_is_left_out():
    rgb = filled_rgb(4, 4, QColor("white"))
    stamp_dots(rgb, np.array([[-1, 0], [3, 0], [0, 3], [2, 2]]), DIGIT_RGB[[1, 2, 3, 4]], 2)
    painted = (rgb != 255).any(axis=2)
    assert painted.sum() == 4 and painted[2:, 2:].all()  # only the dot at (2, 2), wholly inside
    stamp_dots(rgb, np.empty((0, 2), int), DIGIT_RGB[:0], 3)  # no points: nothing happens

"""`predict` reads transparent PNGs written by other apps (issue 16, item 4): real files, real model."""

import json

import numpy as np
import pytest
from conftest import draw_digit
from PIL import Image

from mnist_studio.cli.commands import main, read_images
from mnist_studio.digits.preprocess import to_mnist


def _rgba(ink_rgb, hidden_rgb, alpha):
    """An RGBA image: ``ink_rgb`` where ``alpha`` is set, ``hidden_rgb`` under the transparent pixels."""
    rgb = np.where(alpha[..., None] > 0, np.array(ink_rgb, np.uint8), np.array(hidden_rgb, np.uint8))
    return Image.fromarray(np.dstack([rgb, alpha]).astype(np.uint8), "RGBA")


@pytest.fixture()
def seven():
    return draw_digit(digit="7")  # white 7 on black, 280x280, anti-aliased edges


def _cases(seven):
    return {
        "black-ink-transparent-black": _rgba((0, 0, 0), (0, 0, 0), seven),  # what most apps write
        "black-ink-transparent-white": _rgba((0, 0, 0), (255, 255, 255), seven),
        "blue-ink-transparent": _rgba((20, 40, 200), (0, 0, 0), seven),
        "white-ink-transparent": _rgba((255, 255, 255), (0, 0, 0), seven),
        "white-ink-transparent-white": _rgba((255, 255, 255), (255, 255, 255), seven),
        "opaque-dark-on-light": Image.fromarray(255 - seven),
        "opaque-light-on-dark": Image.fromarray(seven),
        "gray-alpha-dark-ink": Image.merge("LA", [Image.fromarray(np.zeros_like(seven)), Image.fromarray(seven)]),
    }


def test_every_kind_of_png_reads_as_the_same_digit(tmp_path, seven):
    expected = to_mnist(seven)
    for name, image in _cases(seven).items():
        path = tmp_path / f"{name}.png"
        image.save(path)
        (raw,) = read_images(path)
        got = to_mnist(raw)
        assert got is not None, f"{name}: read as blank"
        assert np.abs(got - expected).mean() < 0.02, name


def test_palette_png_with_a_transparent_colour(tmp_path, seven):
    path = tmp_path / "palette.png"
    image = Image.new("P", (280, 280), 0)
    image.putpalette([255, 255, 255, 0, 0, 0] + [0] * 762)  # 0: white (transparent), 1: black ink
    image.paste(1, mask=Image.fromarray(np.where(seven > 127, 255, 0).astype(np.uint8)))
    image.save(path, transparency=0)
    with Image.open(path) as check:
        assert check.mode == "P" and "transparency" in check.info
    (raw,) = read_images(path)
    assert to_mnist(raw) is not None and raw.max() == 255 and raw.min() == 0


def test_a_fully_transparent_png_is_blank(tmp_path):
    path = tmp_path / "empty.png"
    Image.new("RGBA", (64, 64), (0, 0, 0, 0)).save(path)
    (raw,) = read_images(path)
    assert to_mnist(raw) is None


def test_predict_reads_black_ink_on_a_transparent_png(tmp_path, capsys, mnist):
    _, (x_test, y_test) = mnist
    files = []
    for i in range(5):  # real test digits, exported the way a drawing app would: black ink, transparent sheet
        big = np.asarray(Image.fromarray(x_test[i]).resize((280, 280), Image.Resampling.BILINEAR))
        path = tmp_path / f"digit-{i}.png"
        _rgba((0, 0, 0), (0, 0, 0), big).save(path)
        files.append(str(path))
    assert main(["predict", "--model", "cnn", "--json", *files]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["digit"] for r in rows] == [int(y) for y in y_test[:5]]

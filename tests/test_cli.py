import json
import subprocess
import sys

import numpy as np
import pytest
from conftest import draw_digit
from PIL import Image

from mnist_studio.cli import main


def test_help_is_fast_and_needs_no_tensorflow():
    code = "import sys; from mnist_studio.cli import build_parser; build_parser(); " \
           "import mnist_studio; assert 'tensorflow' not in sys.modules and 'PySide6' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_train_json_summary(home, tmp_path, capsys):
    out = tmp_path / "model.keras"
    assert main(["train", "--model", "mlp-seed-256", "--epochs", "1", "--limit", "600", "--json",
                 "--out", str(out)]) == 0
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert summary["preset"] == "mlp-seed-256" and summary["epochs"] == 1
    assert 0.5 < summary["test_accuracy"] <= 1 and summary["test_loss"] > 0
    assert summary["model"] == str(out) and out.is_file()
    assert len(summary["history"]) == 1 and summary["seconds"] > 0
    assert list((home / "runs").iterdir())


@pytest.mark.parametrize("args", [
    ["train", "--model", "mlp", "--epochs", "0"],
    ["train", "--model", "mlp", "--lr", "-1"],
    ["train", "--model", "mlp", "--batch-size", "abc"],
    ["train", "--model", "nope"],
    ["train"],
    ["predict"],
    ["frobnicate"],
])
def test_bad_arguments_exit_2(args, capsys):
    with pytest.raises(SystemExit) as exc:
        main(args)
    assert exc.value.code == 2
    assert "usage" in capsys.readouterr().err


def test_limit_larger_than_the_data(home, capsys):
    assert main(["train", "--model", "mlp", "--limit", "70000"]) == 2
    assert "between 1 and 60000" in capsys.readouterr().err


def test_evaluate_shipped_model_json(capsys):
    assert main(["evaluate", "mlp", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["accuracy"] >= 0.98
    assert np.array(data["confusion_matrix"]).sum() == 10000
    assert len(data["per_class_accuracy"]) == 10 and data["loss"] > 0


def test_evaluate_bad_file(tmp_path, capsys):
    bad = tmp_path / "x.keras"
    bad.write_text("nope")
    assert main(["evaluate", str(bad)]) == 1
    assert "not a Keras model file" in capsys.readouterr().err


def test_predict_images_and_arrays(tmp_path, mnist, capsys):
    _, (x_test, y_test) = mnist
    Image.fromarray(255 - x_test[0]).resize((200, 200)).save(tmp_path / "dark_on_light.png")
    Image.fromarray(draw_digit(digit="1")).save(tmp_path / "one.jpg", quality=95)
    np.save(tmp_path / "many.npy", x_test[1:4])
    np.save(tmp_path / "single.npy", x_test[4])
    Image.fromarray(np.zeros((50, 50), np.uint8)).save(tmp_path / "blank.png")
    (tmp_path / "broken.png").write_bytes(b"\x89PNG not really")
    files = ["dark_on_light.png", "broken.png", "one.jpg", "many.npy", "single.npy", "blank.png"]
    code = main(["predict", "--model", "cnn", "--json", *[str(tmp_path / f) for f in files]])
    captured = capsys.readouterr()
    assert code == 1  # one unreadable file; the others still processed
    assert "broken.png" in captured.err
    rows = [json.loads(line) for line in captured.out.splitlines()]
    assert [(r["source"].split("/")[-1], r["index"]) for r in rows] == [
        ("dark_on_light.png", 0), ("one.jpg", 0), ("many.npy", 0), ("many.npy", 1), ("many.npy", 2),
        ("single.npy", 0), ("blank.png", 0)]
    digits = [r["digit"] for r in rows]
    assert digits == [y_test[0], 1, y_test[1], y_test[2], y_test[3], y_test[4], None]
    assert rows[-1]["probabilities"] is None
    assert abs(sum(rows[0]["probabilities"]) - 1) < 1e-3


def test_predict_bad_npy_shape_and_model(tmp_path, capsys):
    np.save(tmp_path / "cube.npy", np.zeros((2, 2, 2, 2)))
    assert main(["predict", "--model", "mlp", str(tmp_path / "cube.npy")]) == 1
    assert "(N, H, W)" in capsys.readouterr().err
    assert main(["predict", "--model", str(tmp_path / "none.keras"), str(tmp_path / "cube.npy")]) == 1
    assert "no such model file" in capsys.readouterr().err


def test_module_entry_point():
    proc = subprocess.run([sys.executable, "-m", "mnist_studio", "--version"], capture_output=True, text=True)
    assert proc.returncode == 0 and "mnist-studio" in proc.stdout

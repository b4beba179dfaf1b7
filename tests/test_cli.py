import json
import subprocess
import sys
import warnings

import numpy as np
import pytest
from conftest import draw_digit
from PIL import Image

from mnist_studio.cli.commands import main


def test_help_is_fast_and_needs_no_tensorflow():
    code = "import sys; from mnist_studio.cli.commands import build_parser; build_parser(); " \
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
    ["train", "--model", "mlp", "--backend", "theano"],
    ["train", "--activation", "swish", "--hidden", "10"],
    ["predict"],
    ["frobnicate"],
])
def test_bad_arguments_exit_2(args, capsys):
    with pytest.raises(SystemExit) as exc:
        main(args)
    assert exc.value.code == 2
    assert "usage" in capsys.readouterr().err


def test_design_your_own_json_on_stdout_progress_on_stderr_no_save(home, capsys):
    assert main(["train", "--hidden", "64,32", "--activation", "tanh", "--dropout", "0.1", "--limit", "600",
                 "--epochs", "1", "--json", "--no-save"]) == 0
    captured = capsys.readouterr()
    summary = json.loads(captured.out)  # stdout is exactly the JSON summary
    assert summary["preset"] == "mlp-custom" and summary["hyperparameters"]["hidden"] == [64, 32]
    assert summary["validation"] == {"source": "train", "size": 60} and summary["train_size"] == 540
    assert summary["params"] == 784 * 64 + 64 + 64 * 32 + 32 + 330 and summary["model"] is None
    assert summary["backend"] and summary["dataset"] == "mnist" and summary["val_accuracy"] is not None
    assert "epoch 1/1" in captured.err and "540 train · 60 validation" in captured.err
    assert not (home / "runs").exists()  # --no-save


def test_cnn_design_keep_best_and_validation(home, capsys):
    assert main(["train", "--conv", "8,16", "--kernel", "3", "--dense", "32", "--limit", "500", "--epochs", "2",
                 "--validation", "100", "--keep-best", "--no-augment", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["preset"] == "cnn-custom" and summary["validation"]["size"] == 100
    assert summary["best_epoch"] in (1, 2) and summary["hyperparameters"]["conv"] == [8, 16]
    record = json.loads(next((home / "runs").iterdir()).joinpath("run.json").read_text())
    assert record["validation"] == {"source": "train", "size": 100} and record["params"] == summary["params"]
    assert record["backend"] == summary["backend"] and record["dataset"] == "mnist"
    assert record["val_accuracy"] == summary["val_accuracy"] and record["train_accuracy"] is not None


@pytest.mark.parametrize("args,words", [
    (["--hidden", "0"], "hidden layers: each size must be between 1"),
    (["--hidden", "abc"], "hidden layers: 'abc' is not a whole number"),
    (["--hidden", ",".join(["4096"] * 30)], "489,914,378 parameters"),
    (["--hidden", "64", "--dropout", "1.5"], "dropout must be a fraction"),
    (["--conv", "16,32,64", "--kernel", "9"], "kernel 9x9 is larger than the 7x7 feature map"),
    (["--model", "mlp", "--limit", "600", "--validation", "600"], "validation size (600) must be smaller"),
    (["--model", "mlp", "--hidden", "64"], "fixed architecture"),
    ([], "choose a model"),
])
def test_bad_design_fields_exit_2_naming_the_field(args, words, home, capsys):
    assert main(["train", *args]) == 2
    err = capsys.readouterr().err
    assert words in err
    assert not (home / "runs").exists()  # nothing started


def test_fashion_unavailable_offline_is_a_clear_error(monkeypatch, tmp_path, capsys):
    from mnist_studio.digits import data

    def offline():
        raise OSError("network is unreachable")

    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras"))
    monkeypatch.delenv("MNIST_STUDIO_FASHION_DATA", raising=False)
    monkeypatch.setattr(data, "_download_fashion", offline)
    assert main(["evaluate", "mlp", "--dataset", "fashion"]) == 1
    err = capsys.readouterr().err
    assert "Fashion-MNIST is not available offline" in err and "network is unreachable" in err
    assert main(["train", "--model", "softmax", "--dataset", "fashion", "--no-save"]) == 1
    assert "Fashion-MNIST is not available offline" in capsys.readouterr().err


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


def test_run_records_without_the_new_fields_still_load(tmp_path):
    from mnist_studio.storage.runs import RunStore

    folder = tmp_path / "runs" / "20240101-000000-mlp"
    folder.mkdir(parents=True)
    (folder / "run.json").write_text(json.dumps({"id": folder.name, "preset": "mlp", "status": "completed",
                                                 "test_accuracy": 0.97, "train_size": 60000}))
    [record] = RunStore(tmp_path / "runs").list()
    assert record.dataset == "mnist" and record.validation is None and record.params == 0
    assert record.backend == "" and record.base == "" and record.val_accuracy is None


@pytest.mark.parametrize(("width", "height", "said"), [
    (20_000, 20_000, "image too large (Image size (400000000 pixels) exceeds limit"),  # Pillow's DecompressionBombError
    (12_000, 12_000, "image too large (12000 x 12000 pixels; at most 89,478,485)"),  # past the limit, under the error
])
def test_predict_refuses_a_decompression_bomb_without_a_traceback(tmp_path, capsys, mnist, width, height, said):
    from crafted import png_header_only

    bomb = tmp_path / "bomb.png"
    bomb.write_bytes(png_header_only(width, height))  # a few bytes that claim hundreds of megapixels
    good = tmp_path / "seven.npy"
    np.save(good, mnist[1][0][0])
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)  # refused from its header, not decoded
        assert main(["predict", "--model", "mlp", str(bomb), str(good)]) == 1
    out, err = capsys.readouterr()
    assert err.startswith(f"mnist-studio: error: {bomb}: {said}") and "Traceback" not in err
    assert out.startswith(f"{good}: 7 (")  # the good file is still read


def test_predict_refuses_an_array_too_large_before_copying_it(tmp_path, capsys, monkeypatch):
    from mnist_studio.cli import commands as cli

    monkeypatch.setattr(cli, "MAX_PIXELS", 10_000)
    np.save(tmp_path / "many.npy", np.zeros((20, 28, 28), np.uint8))
    header = tmp_path / "forged.npy"  # a header that claims a 20,000 x 20,000 x 100,000 array, and no data
    with open(header, "wb") as fh:
        np.lib.format.write_array_header_1_0(fh, {"descr": "<f8", "fortran_order": False,
                                                  "shape": (100_000, 20_000, 20_000)})
    assert main(["predict", "--model", "mlp", str(tmp_path / "many.npy"), str(header)]) == 1
    err = capsys.readouterr().err
    assert f"{tmp_path / 'many.npy'}: too large to read (shape (20, 28, 28), more than 10,000 pixels)" in err
    assert f"{header}: not a readable .npy file" in err and "Traceback" not in err

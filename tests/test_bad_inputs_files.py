"""More bad inputs (issue 19): digit-set files and writers' names in the My digits tab (in Korean), crafted
model files, image bombs, and a save that fails half-way. Each parametrised case is one distinct input; each
gives a clear message (in Korean where the app shows it) and loses nothing the user had.

46 cases here and 38 in tests/test_bad_inputs.py: 84 in all, counted by
``pytest tests/test_bad_inputs.py tests/test_bad_inputs_files.py --collect-only -q | tail -1``.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import numpy as np
import pytest
from crafted import (
    FOREIGN,
    big_weights_h5,
    forge_sizes,
    nested_config,
    png_header_only,
    shipped_members,
    with_config,
    write_zip,
)

from mnist_studio.cli.commands import main as cli_main
from mnist_studio.digits import handwriting as hw


def _seven(shift=0.0):
    return [np.array([[0.2, 0.1 + shift, 1.0], [0.8, 0.1 + shift, 1.0], [0.35, 0.9, 0.7]], np.float32)]


def _good_arrays(n: int = 2) -> dict:
    ds = hw.DigitSet.empty("x")
    for k in range(n):
        ds.add(_seven(0.05 * k), 7, "a")
    return {"x": ds.x, "y": ds.y}


@pytest.fixture()
def korean_tab(make_window, home):
    """The My digits tab of a Korean window, with two digits drawn in it."""
    window = make_window(language="ko")
    assert window.language() == "ko"
    tab = window.mydigits_tab
    window.tabs.setCurrentWidget(tab)
    tab.collect.writer_edit.setText("미나")
    tab.add_sample(_seven(), 7, "미나")
    tab.add_sample(_seven(0.1), 7, "미나")
    yield tab
    from mnist_studio.ui.look.i18n import Translations

    Translations().install("en")  # the translator is application-wide: later tests start in English


# -- digit-set files opened in the My digits tab --------------------------------------------------------------
def _npz(path: Path, **arrays) -> Path:
    np.savez(path, **arrays)
    return path


def _bad_set(tmp_path: Path, case: str) -> tuple[Path, str]:
    path = tmp_path / f"{case.replace(' ', '_')}.npz"
    good = _good_arrays()
    if case == "empty file":
        path.write_bytes(b"")
        return path, "읽을 수 없거나 잘린 파일입니다. .npz 숫자 세트가 아닙니다"
    if case == "garbage bytes":
        path.write_bytes(b"\x00\xffGIF89a not a set" * 20)
        return path, "읽을 수 없거나 잘린 파일입니다. .npz 숫자 세트가 아닙니다"
    if case == "truncated zip":
        data = _npz(tmp_path / "whole.npz", **good).read_bytes()
        path.write_bytes(data[: len(data) // 2])
        return path, "읽을 수 없거나 잘린 파일입니다"
    if case == "a single .npy array":
        np.save(tmp_path / "single.npy", good["x"])
        (tmp_path / "single.npy").rename(path)
        return path, "배열 하나뿐이고 숫자 세트(x와 y가 있는 .npz)가 아닙니다"
    if case == "no labels":
        return _npz(path, x=good["x"]), "숫자 세트가 아닙니다(없는 배열: y)"
    if case == "pickled objects":
        return _npz(path, x=np.array([object()], dtype=object), y=np.array([1])), "파이썬 객체(pickle)"
    if case == "label 10":
        return _npz(path, x=good["x"], y=np.array([7, 10])), "레이블은 0-9여야 하는데 1번 샘플은 10입니다"
    if case == "float images":
        return _npz(path, x=good["x"].astype(np.float32), y=good["y"]), "x는 uint8"
    if case == "no digits":
        return _npz(path, x=np.zeros((0, 28, 28), np.uint8), y=np.zeros(0, np.int64)), "비어 있습니다"
    if case == "made by a newer app":
        return _npz(path, **good, format=np.array(99)), "더 새로운 MNIST Studio로 만든 파일입니다(형식 99)"
    if case == "strokes that do not fit":
        return _npz(path, **good, points=np.zeros((2, 3), np.float32), stroke_starts=np.array([0, 5]),
                    sample_starts=np.array([0, 1, 2])), "획 배열(points, stroke_starts, sample_starts)이 서로 맞지"
    # "forged header": an x.npy that claims a billion images (a zip bomb for numpy) and holds none
    header = io.BytesIO()
    np.lib.format.write_array_header_1_0(header, {"descr": "|u1", "fortran_order": False, "shape": (10**9, 28, 28)})
    y = io.BytesIO()
    np.save(y, good["y"])
    write_zip(path, {"x.npy": header.getvalue(), "y.npy": y.getvalue()})
    return path, "숫자 세트로는 너무 큽니다(배열 747,681MB, 최대 256MB)"


SET_CASES = ["empty file", "garbage bytes", "truncated zip", "a single .npy array", "no labels", "pickled objects",
             "label 10", "float images", "no digits", "made by a newer app", "strokes that do not fit",
             "forged header"]


@pytest.mark.parametrize("case", SET_CASES)
def test_a_bad_digit_set_is_explained_in_korean_and_changes_nothing(korean_tab, tmp_path, case):
    path, korean = _bad_set(tmp_path, case)
    before = korean_tab.digits.x.copy()
    assert not korean_tab.open_set(path)
    shown = korean_tab.error_label.text()
    assert korean in shown and shown.startswith(str(path)) and korean_tab.error_label.isVisible()
    np.testing.assert_array_equal(korean_tab.digits.x, before)  # the digits drawn are still there
    assert hw.list_sets() == []  # nothing half-imported into the data folder


# -- writers' names when a set is saved ------------------------------------------------------------------------
NAMES = {  # the writer's name as typed -> the file the set is saved in
    "Korean name": ("미나", "미나.npz"),
    "decomposed Hangul": ("\u1106\u1175\u1102\u1161", "미나.npz"),
    "path separators": ("../../밖/미나", "-..-밖-미나.npz"),
    "Windows reserved name": ("CON", "CON_.npz"),
    "Windows reserved characters": ('a<b>c:"d|e?f*', "a-b-c-d-e-f-.npz"),
    "control characters and trailing dots": ("지우\x00\x1b\u202e...", "지우.npz"),
    "a 300-character name": ("가" * 300, "가" * 40 + ".npz"),
    "only dots and spaces": (" . . ", "my-digits.npz"),
}


@pytest.mark.parametrize("case", NAMES)
def test_any_writer_name_saves_safely_in_the_data_folder(qtbot, korean_tab, home, case):
    typed, expected = NAMES[case]
    korean_tab.collect.writer_edit.setText(typed)
    with qtbot.waitSignal(korean_tab.message) as said:
        assert korean_tab.save() == home / "digits" / expected
    assert said.args[0] == f"숫자 2개를 {home / 'digits' / expected}에 저장했습니다"
    assert [p.name for p in (home / "digits").iterdir()] == [expected]
    assert len(hw.load(home / "digits" / expected)) == 2


@pytest.mark.parametrize("names", [("미나", "미나"), ("mina", "MINA")],
                         ids=["same Korean name", "same name in capitals"])
def test_a_second_student_of_the_same_name_never_replaces_the_first(qtbot, korean_tab, home, names):
    korean_tab.collect.writer_edit.setText(names[0])
    first = korean_tab.save()
    kept = first.read_bytes()
    korean_tab.new_set()
    korean_tab.collect.writer_edit.setText(names[1])  # "MINA" is the same file as "mina" on Windows and macOS
    korean_tab.add_sample(_seven(0.2), 7, names[1])
    with qtbot.waitSignal(korean_tab.message) as said:
        second = korean_tab.save()
    assert second == home / "digits" / f"{names[1]} (2).npz" and first.read_bytes() == kept
    assert len(hw.load(first)) == 2 and len(hw.load(second)) == 1
    assert said.args[0] == (f"숫자 1개를 {second}에 저장했습니다 ({names[0] if names[0] == names[1] else names[1]}.npz "
                            "이름의 다른 세트가 이미 있어 그대로 두었습니다)")


# -- crafted model files (predict from the command line) ----------------------------------------------------------
def _crafted_model(tmp_path: Path, case: str) -> tuple[Path, str]:
    if case in FOREIGN:
        edit, words = FOREIGN[case]
        return with_config(tmp_path / "crafted.keras", edit), words
    members = shipped_members()
    if case == "zip bomb (2 GB declared)":
        members["padding.bin"] = bytes(1000)
        path = forge_sizes(write_zip(tmp_path / "bomb.keras", members), "padding.bin", 2**31)
        return path, "too large to be a model: 4 files, 2,050 MB unpacked (at most 1,024 MB); it was not loaded"
    if case == "17 MB config.json":
        members["config.json"] = b"{" + b" " * (17 << 20) + b"}"
        return write_zip(tmp_path / "bigconfig.keras", members, zipfile.ZIP_DEFLATED), "config.json is over 16 MB"
    if case == "config nested 100,000 deep":
        members["config.json"] = nested_config(100_000)
        return write_zip(tmp_path / "deep.keras", members), "nested too deeply to describe a model"
    if case == "config.json is a list":
        members["config.json"] = json.dumps([{"class_name": "Sequential"}])
        return write_zip(tmp_path / "list.keras", members), "config.json is not a model description"
    if case == "config.json is not UTF-8":
        members["config.json"] = b'{"class_name": "\xff\xfe"}'
        return write_zip(tmp_path / "latin.keras", members), "not a Keras model file"
    if case == "weights claim 200M numbers":
        members["model.weights.h5"] = big_weights_h5(200_000_001)
        return write_zip(tmp_path / "huge.keras", members), "weights hold 200,000,001 numbers"
    if case == "weights stored in another file":
        members["model.weights.h5"] = big_weights_h5(0, external=tmp_path / "outside.bin")
        return write_zip(tmp_path / "external.keras", members), "weights read data from other files"
    if case == "weights linked to another file":
        members["model.weights.h5"] = big_weights_h5(0, link=tmp_path / "other.h5")
        return write_zip(tmp_path / "link.keras", members), "weights link to another file"
    # "2,000 members"
    members.update({f"assets/{i}.txt": b"x" for i in range(2000)})
    return write_zip(tmp_path / "many.keras", members), "too large to be a model: 2,003 files"


MODEL_CASES = [*FOREIGN, "zip bomb (2 GB declared)", "17 MB config.json", "config nested 100,000 deep",
               "config.json is a list", "config.json is not UTF-8", "weights claim 200M numbers",
               "weights stored in another file", "weights linked to another file", "2,000 members"]


@pytest.mark.parametrize("case", MODEL_CASES)
def test_a_crafted_model_file_is_refused_before_keras_reads_it(tmp_path, capsys, monkeypatch, mnist, case):
    from mnist_studio.prediction.archive import ArchivePredictor
    from mnist_studio.prediction.inference import ModelLoadError
    from mnist_studio.runtime.backend import keras

    path, words = _crafted_model(tmp_path, case)
    monkeypatch.setattr(keras.saving, "load_model", lambda *a, **k: pytest.fail("Keras was given the file"))
    with pytest.raises(ModelLoadError, match=__import__("re").escape(words)):
        ArchivePredictor.open(path)  # the live path (no Keras) refuses it too
    good = tmp_path / "seven.npy"
    np.save(good, mnist[1][0][0])
    assert cli_main(["predict", "--model", str(path), str(good)]) == 1
    out, err = capsys.readouterr()
    assert err.startswith(f"mnist-studio: error: {path}") and words in err and "Traceback" not in err
    assert out == ""


# -- images for `predict` that claim to be huge -------------------------------------------------------------------
def _bomb(tmp_path: Path, case: str) -> tuple[Path, str]:
    if case in ("PNG of 400 megapixels", "PNG of 144 megapixels"):
        side = 20_000 if case == "PNG of 400 megapixels" else 12_000
        path = tmp_path / f"{side}.png"
        path.write_bytes(png_header_only(side, side))
        return path, "image too large"
    path = tmp_path / "claims.npy"
    if case == "npy header claiming 320 TB":
        with open(path, "wb") as fh:
            np.lib.format.write_array_header_1_0(fh, {"descr": "<f8", "fortran_order": False,
                                                      "shape": (100_000, 20_000, 20_000)})
        return path, "not a readable .npy file"
    np.save(path, np.zeros(784, np.uint8))  # "npy of one flat vector"
    return path, "expected an (H, W) or (N, H, W) array, got shape (784,)"


@pytest.mark.parametrize("case", ["PNG of 400 megapixels", "PNG of 144 megapixels", "npy header claiming 320 TB",
                                  "npy of one flat vector"])
def test_an_image_that_claims_to_be_huge_is_refused_from_its_header(tmp_path, capsys, mnist, case):
    path, words = _bomb(tmp_path, case)
    good = tmp_path / "seven.npy"
    np.save(good, mnist[1][0][0])
    assert cli_main(["predict", "--model", "mlp", str(path), str(good)]) == 1
    out, err = capsys.readouterr()
    assert err.startswith(f"mnist-studio: error: {path}: {words}") and "Traceback" not in err
    assert out.startswith(f"{good}: 7 (")


# -- a save that fails half-way ----------------------------------------------------------------------------------
@pytest.mark.parametrize("failing", ["atomic_write_json", "save_model_atomic"])
def test_a_run_whose_record_or_model_cannot_be_written_leaves_nothing(tmp_path, trained_mlp, monkeypatch, failing):
    from mnist_studio.storage import runs

    store = runs.RunStore(tmp_path / "runs")
    kept = store.save(trained_mlp, name="kept")
    monkeypatch.setattr(runs, failing, lambda *a, **k: (_ for _ in ()).throw(OSError(5, "Input/output error")))
    with pytest.raises(runs.RunStoreError, match="Could not save the run in .*Input/output error"):
        store.save(trained_mlp, name="lost")
    assert [p.name for p in (tmp_path / "runs").iterdir()] == [kept.id]
    assert [r.name for r in store.list()] == ["kept"] and store.skipped == []


def test_a_digit_set_whose_write_fails_leaves_no_file(qtbot, korean_tab, home, monkeypatch):
    from mnist_studio.storage import setfiles  # where digit sets (and runs) are written atomically

    monkeypatch.setattr(setfiles, "atomic_write_bytes", lambda *a, **k: (_ for _ in ()).throw(OSError(28, "No space")))
    assert korean_tab.save() is None and korean_tab.path is None and korean_tab.dirty
    assert "저장할 수 없습니다 (No space)" in korean_tab.error_label.text()
    assert list((home / "digits").iterdir()) == [] and len(korean_tab.digits) == 2  # no empty claimed name left

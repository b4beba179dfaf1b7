"""Digit sets on disk: round trips, merges, and every bad input refused with nothing overwritten."""

from __future__ import annotations

import io
import zipfile

import numpy as np
import pytest

from mnist_studio.digits import handwriting as hw
from mnist_studio.digits.handwriting import DigitSet, DigitSetError


def seven(shift=0.0):
    return [np.array([[0.2, 0.1 + shift, 1.0], [0.8, 0.1 + shift, 1.0], [0.35, 0.9, 0.7]], np.float32)]


def one(shift=0.0):
    return [np.array([[0.5 + shift, 0.1], [0.5, 0.9]], np.float32)]


def small_set(writer="ana", n=3, name="ana"):
    ds = DigitSet.empty(name)
    for k in range(n):
        ds.add(seven(0.05 * k), 7, writer)
        ds.add(one(0.05 * k), 1, writer)
    return ds


def test_add_renders_through_the_stroke_path():
    from mnist_studio.digits.strokes import render

    ds = small_set(n=1)
    assert ds.x.shape == (2, 28, 28) and ds.x.dtype == np.uint8
    np.testing.assert_array_equal(ds.x[0], hw.to_uint8(render(seven())))
    assert ds.x[0].max() == 255 and ds.x[0][0, 0] == 0  # white ink on black
    assert list(ds.y) == [7, 1] and list(ds.writer) == ["ana", "ana"]
    assert ds.strokes[1][0].shape == (2, 3)  # pressure column added


def test_round_trip(tmp_path):
    ds = small_set()
    path = hw.save(ds, tmp_path / "ana.npz")
    back = hw.load(path)
    np.testing.assert_array_equal(back.x, ds.x)
    np.testing.assert_array_equal(back.y, ds.y)
    assert back.writer.tolist() == ds.writer.tolist()
    assert back.preprocessing == hw.PREPROCESSING and back.name == "ana"
    for a, b in zip(back.strokes, ds.strokes, strict=True):
        assert len(a) == len(b)
        for sa, sb in zip(a, b, strict=True):
            np.testing.assert_array_equal(sa, sb)
    np.testing.assert_array_equal(back.rerender().x, ds.x)
    with np.load(path, allow_pickle=False) as npz:  # the Keras layout, readable without pickle
        assert npz["x"].dtype == np.uint8 and npz["x"].shape == (6, 28, 28)


def test_default_location_and_import(home, tmp_path):
    ds = small_set(name="Ana's digits")
    path = hw.save(ds)
    assert path.parent == home / "digits" and path.exists()
    copy, stored = hw.import_set(path)
    assert stored != path and stored.parent == path.parent  # never overwrites the one already there
    assert len(copy) == len(ds) and hw.list_sets() == sorted([path, stored])


def test_plain_keras_layout_file_loads(tmp_path):
    ds = small_set()
    np.savez(tmp_path / "plain.npz", x=ds.x, y=ds.y.astype(np.uint8))
    back = hw.load(tmp_path / "plain.npz")
    assert len(back) == 6 and back.preprocessing == hw.UNKNOWN_PREPROCESSING
    assert back.writer.tolist() == [""] * 6 and back.strokes == [[]] * 6


@pytest.mark.parametrize(("arrays", "message"), [
    ({"x": np.zeros((2, 28, 27), np.uint8), "y": np.array([1, 2])}, "(N, 28, 28)"),
    ({"x": np.zeros((2, 28, 28), np.float32), "y": np.array([1, 2])}, "uint8"),
    ({"x": np.zeros((2, 28, 28), np.uint8), "y": np.array([1.0, 2.0])}, "whole numbers"),
    ({"x": np.zeros((2, 28, 28), np.uint8), "y": np.array([1, 2, 3])}, "2 images but 3 labels"),
    ({"x": np.zeros((0, 28, 28), np.uint8), "y": np.zeros(0, np.int64)}, "empty"),
    ({"x": np.stack([np.eye(28, dtype=np.uint8), np.eye(28, dtype=np.uint8)[::-1]]), "y": np.array([3, 10])},
     "0-9"),
    ({"x": np.stack([np.eye(28, dtype=np.uint8)] * 2), "y": np.array([3, 4])}, "identical"),
    ({"y": np.array([3])}, "lacks x"),
    ({"x": np.zeros((1, 28, 28), np.uint8), "y": np.array([3]), "writer": np.array([1])}, "strings"),
    ({"x": np.eye(28, dtype=np.uint8)[None], "y": np.array([3]), "points": np.zeros((2, 3), np.float32),
      "stroke_starts": np.array([0, 5]), "sample_starts": np.array([0, 2])}, "do not fit"),
])
def test_bad_sets_are_refused(tmp_path, arrays, message):
    path = tmp_path / "bad.npz"
    np.savez(path, **arrays)
    with pytest.raises(DigitSetError, match=f"bad.npz.*{__import__('re').escape(message)}"):
        hw.load(path)


def test_corrupt_truncated_pickled_and_missing_files(tmp_path):
    good = hw.save(small_set(), tmp_path / "good.npz")
    payload = good.read_bytes()
    (tmp_path / "cut.npz").write_bytes(payload[: len(payload) // 2])
    (tmp_path / "junk.npz").write_bytes(b"not a zip at all")
    np.savez(tmp_path / "obj.npz", x=np.array([object()], dtype=object), y=np.array([1]))
    np.save(tmp_path / "single.npy", np.zeros((1, 28, 28), np.uint8))
    for name, message in (("cut.npz", "unreadable or truncated"), ("junk.npz", "unreadable or truncated"),
                          ("obj.npz", "pickle"), ("single.npy", "single array"), ("none.npz", "no such file")):
        with pytest.raises(DigitSetError, match=message):
            hw.load(tmp_path / name)


def test_nothing_is_overwritten_on_error(tmp_path):
    path = hw.save(small_set(), tmp_path / "keep.npz")
    before = path.read_bytes()
    bad = small_set()
    bad.y[0] = 12
    with pytest.raises(DigitSetError, match="0-9"):
        hw.save(bad, path)
    with pytest.raises(DigitSetError, match="empty"):
        hw.save(DigitSet.empty("x"), path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.npz"]  # no temporary left behind


def test_edit_relabel_remove():
    ds = small_set(n=2)
    ds.relabel(0, 4)
    assert ds.y[0] == 4
    ds.remove(1)
    assert len(ds) == 3 and len(ds.strokes) == 3 and ds.y.tolist() == [4, 7, 1]
    with pytest.raises(DigitSetError, match="0-9"):
        ds.relabel(0, 11)
    with pytest.raises(DigitSetError, match="blank"):
        ds.add([], 3, "ana")


def test_merge_class_set():
    a, b = small_set("ana", name="ana"), small_set("", n=2, name="bo")
    b.x = 255 - b.x  # distinct images
    merged = hw.merge([a, b], name="class 3b")
    assert len(merged) == 10 and merged.name == "class 3b"
    assert merged.writers() == ["ana", "bo"]  # a set without writer names is attributed to its file
    assert len(merged.strokes) == 10


def test_merge_refuses_duplicates_and_mixed_versions():
    a = small_set(name="ana")
    with pytest.raises(DigitSetError, match="'ana' sample 0 is identical to 'ana' sample 0.*imported twice"):
        hw.merge([a, a])
    b = small_set(n=2, name="bo")
    b.x = 255 - b.x
    b.x[3] = a.x[4]  # one copied digit, deep in both sets: named by its set and its place there
    with pytest.raises(DigitSetError, match="'bo' sample 3 is identical to 'ana' sample 4"):
        hw.merge([a, b])
    old = small_set(name="old")
    old.x = 255 - old.x
    old.preprocessing = "strokes-v0"
    with pytest.raises(DigitSetError, match="different preprocessing versions.*'old': strokes-v0"):
        hw.merge([a, old])
    with pytest.raises(DigitSetError, match="nothing to merge"):
        hw.merge([])


def test_saved_file_is_a_plain_zip_of_npy(tmp_path):
    data = hw.to_bytes(small_set())
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert sorted(zf.namelist()) == sorted(f"{k}.npy" for k in hw.KEYS)


# -- file names and never replacing another set (issue 19, item 1) -------------------------------------------
@pytest.mark.parametrize(("name", "expected"), [
    ("미나", "미나"),
    ("\u1106\u1175\u1102\u1161", "미나"),  # typed decomposed (NFD, as macOS may hand it over): stored as NFC
    ("Mina Kim", "Mina Kim"),
    ("  김 지우  ", "김 지우"),
    ("../../etc/passwd", "-..-etc-passwd"),
    ('a<b>c:"d|e?f*g\\h', "a-b-c-d-e-f-g-h"),
    ("CON", "CON_"),
    ("nul.txt", "nul_.txt"),
    ("com1", "com1_"),
    ("tab\there\x00\x1b[31m\u202egnp", "tab here[31mgnp"),
    ("dots...", "dots"),
    (". . .", "my-digits"),
    ("", "my-digits"),
    ("??", "-"),
])
def test_file_names_keep_the_writers_name_in_any_script_and_are_safe_everywhere(name, expected):
    assert hw.slug(name) == expected
    assert hw.slug(hw.slug(name)) == hw.slug(name)  # stable: saving again gives the same name


def test_long_names_are_bounded_in_bytes_on_a_character_boundary():
    long = "가" * 500
    stem = hw.slug(long)
    assert stem == "가" * 40 and len(stem.encode()) <= 120  # Hangul is 3 bytes in UTF-8


def _set_of(writer: str, shift: float, name: str | None = None) -> DigitSet:
    ds = DigitSet.empty(hw.slug(writer) if name is None else name)
    ds.add(seven(shift), 7, writer)
    ds.add(one(shift), 1, writer)
    return ds


def test_a_new_set_never_replaces_another_korean_or_not(home):
    first = hw.save(_set_of("미나", 0.0))
    before = first.read_bytes()
    second = hw.save(_set_of("미나", 0.1))  # another student, also called 미나
    assert first.name == "미나.npz" and second.name == "미나 (2).npz"
    assert first.read_bytes() == before
    assert hw.load(first).writer.tolist() == ["미나"] * 2 and not np.array_equal(hw.load(second).x, hw.load(first).x)
    jiu = hw.save(_set_of("지우", 0.2))
    mina, mina2, other = hw.save(_set_of("Mina", 0.3)), hw.save(_set_of("Mina", 0.4)), hw.save(_set_of("mina", 0.5))
    assert (jiu.name, mina.name, mina2.name) == ("지우.npz", "Mina.npz", "Mina (2).npz")
    assert other.name == "mina (3).npz"  # Windows and macOS compare names without case: a distinct file there too
    assert [p.name for p in hw.list_sets()] == sorted(["미나.npz", "미나 (2).npz", "지우.npz", "Mina.npz",
                                                       "Mina (2).npz", "mina (3).npz"])
    assert not [p for p in (home / "digits").iterdir() if p.name.startswith(".")]  # no temporary left


def test_a_name_taken_between_the_check_and_the_write_is_not_replaced(home, monkeypatch):
    from mnist_studio.storage import setfiles

    folder = home / "digits"
    folder.mkdir(parents=True)
    monkeypatch.setattr(setfiles, "_taken", lambda _folder: set())  # the listing is stale: it saw no 미나.npz
    (folder / "미나.npz").write_bytes(b"another program's file")
    path = hw.save(_set_of("미나", 0.0))
    assert path.name == "미나 (2).npz" and (folder / "미나.npz").read_bytes() == b"another program's file"


def test_saving_the_same_file_again_updates_it_in_place(home):
    ds = _set_of("미나", 0.0)
    path = hw.save(ds)
    ds.add(seven(0.2), 7, "미나")
    assert hw.save(ds, path) == path and len(hw.load(path)) == 3
    assert hw.list_sets() == [path]


def test_import_keeps_both_sets_of_the_same_name(home, tmp_path):
    ours = hw.save(_set_of("미나", 0.0))
    usb = hw.save(_set_of("미나", 0.1), tmp_path / "미나.npz")
    ds, stored = hw.import_set(usb)
    assert stored.name == "미나 (2).npz" and hw.load(ours).x.tolist() != ds.x.tolist()


def test_merging_two_korean_students_keeps_both_writers(home, tmp_path):
    mina, jiu = hw.save(_set_of("미나", 0.0)), hw.save(_set_of("지우", 0.1))
    unnamed = hw.save(_set_of("", 0.2, name="서연"), tmp_path / "서연.npz")  # no writer: attributed to its file
    merged = hw.merge([hw.load(mina), hw.load(jiu), hw.load(unnamed)], name="3반")
    assert merged.writers() == sorted(["미나", "지우", "서연"])
    back = hw.load(hw.save(merged))
    assert back.name == "3반" and back.writer.tolist() == ["미나"] * 2 + ["지우"] * 2 + ["서연"] * 2


def test_a_zip_bomb_or_a_forged_header_is_refused_before_it_is_read(tmp_path, monkeypatch):
    ds = small_set()
    bomb = tmp_path / "bomb.npz"
    np.savez_compressed(bomb, x=np.zeros((3000, 28, 28), np.uint8), y=np.zeros(3000, np.int64))
    monkeypatch.setattr(hw, "MAX_SET_BYTES", 1 << 20)  # 2.4 MB of zeros in a 3 KB file
    assert bomb.stat().st_size < 20_000
    with pytest.raises(DigitSetError, match="too large for a digit set"):
        hw.load(bomb)
    monkeypatch.undo()
    header = io.BytesIO()  # an x.npy that claims a billion images and holds none
    np.lib.format.write_array_header_1_0(header, {"descr": "|u1", "fortran_order": False,
                                                  "shape": (10**9, 28, 28)})
    with zipfile.ZipFile(tmp_path / "forged.npz", "w") as zf:
        zf.writestr("x.npy", header.getvalue())
        buf = io.BytesIO()
        np.save(buf, ds.y)
        zf.writestr("y.npy", buf.getvalue())
    with pytest.raises(DigitSetError, match="too large for a digit set"):
        hw.load(tmp_path / "forged.npz")


def test_messages_are_templates_the_app_can_translate(tmp_path):
    with pytest.raises(DigitSetError) as info:
        hw.load(tmp_path / "gone.npz")
    assert info.value.template == "%1: no such file" and info.value.values == (str(tmp_path / "gone.npz"),)
    assert str(info.value) == f"{tmp_path / 'gone.npz'}: no such file"
    from mnist_studio.runtime.messages import fill

    assert fill("%1 and %2", ["100%2", "b"]) == "100%2 and b"  # a value's own %2 is left alone

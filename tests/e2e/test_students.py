"""My digits in Korean: two students save their sets under their Hangul names; the teacher merges them."""

from __future__ import annotations

from pathlib import Path

DIGITS_PER_STUDENT = 3


def collect(app, name: str, slant: float) -> Path:
    """Type the student's name, draw the prompted digits in their own hand (Enter after each), save; the file."""
    state = app.state()
    app.click(state["mydigits"]["name_field"])
    app.key("ctrl+a")
    app.type(name)
    app.wait(lambda s: s["mydigits"]["name"] == name, f"the name field to say {name}")
    for n in range(1, DIGITS_PER_STUDENT + 1):
        state = app.wait(lambda s: s["mydigits"]["asked"] is not None, "a prompt")
        app.draw_digit("mydigits", state["mydigits"]["asked"], slant=slant, wobble=n + int(slant * 1000))
        app.key("Return")
        app.wait(lambda s, n=n: s["mydigits"]["count"] == n, f"{name}'s digit {n} to be kept")
    before = app.state()["mydigits"]["path"]
    app.click(app.state()["mydigits"]["buttons"]["saveSet"])
    state = app.wait(lambda s: s["mydigits"]["path"] and not s["mydigits"]["dirty"]
                     and s["mydigits"]["path"] != before, f"{name}'s set to be saved")
    return Path(state["mydigits"]["path"])


def test_two_korean_students_save_then_merge(launch, paths, tmp_path):
    app = launch("gui", "--lang", "ko")
    state = app.wait_ready()
    assert state["language"] == "ko"
    app.key("ctrl+5")
    app.wait(lambda s: s["tab"] == "mydigits", "the My digits tab")

    mina = collect(app, "미나", slant=0.0)
    app.click(app.state()["mydigits"]["buttons"]["newSet"])
    app.wait(lambda s: s["mydigits"]["count"] == 0 and s["mydigits"]["path"] is None, "a new, empty set")
    jiwoo = collect(app, "지우", slant=0.25)
    app.screenshot(tmp_path / "jiwoo-saved.png")

    files = sorted(paths["digits"].glob("*.npz"))
    assert mina != jiwoo, f"both students' sets were saved to the same file {mina.name}: the second overwrote the first"
    assert "미나" in mina.name and "지우" in jiwoo.name, (mina.name, jiwoo.name)
    assert {mina, jiwoo} <= set(files), files

    # The teacher merges both files (Merge sets…, pick the two files in the dialog, open).
    app.click(app.state()["mydigits"]["buttons"]["mergeSets"])
    state = app.wait(lambda s: {mina.name, jiwoo.name} <= set(listed(s)), "the file dialog listing both sets")
    rows = listed(state)
    app.click(rows[mina.name])
    app.xdo("mousemove", "--sync", *map(str, centre_of(rows[jiwoo.name])), "keydown", "ctrl", "click", "1",
            "keyup", "ctrl")
    state = app.wait(lambda s: mina.name in field(s, "fileNameEdit") and jiwoo.name in field(s, "fileNameEdit"),
                     "both files to be selected")
    app.click(next(c for c in state["modal"]["children"] if c["name"] == "fileNameEdit")["rect"])
    app.key("End", "Return")
    state = app.wait(lambda s: (s["modal"] and s["modal"]["class"] == "QMessageBox") or s["mydigits"]["error"],
                     "the merge's summary")
    assert not state["mydigits"]["error"], f"the merge was refused: {state['mydigits']['error']}"
    summary = state["modal"]["text"]
    assert str(2 * DIGITS_PER_STUDENT) in summary and "2" in summary, summary
    app.screenshot(tmp_path / "merged.png")
    app.click(next(c for c in state["modal"]["children"] if c["kind"] == "button")["rect"])
    state = app.wait(lambda s: s["modal"] is None, "the summary to close")
    merged = state["mydigits"]
    assert merged["count"] == 2 * DIGITS_PER_STUDENT, merged
    assert sorted(merged["writers"]) == sorted(["미나", "지우"]), merged["writers"]
    assert "미나" in merged["summary"] and "지우" in merged["summary"], merged["summary"]
    assert sorted(paths["digits"].glob("*.npz")) == files  # merging wrote nothing
    assert app.quit() == 0


def centre_of(rect) -> tuple[int, int]:
    x, y, w, h = rect
    return x + w // 2, y + h // 2


def field(state, name: str) -> str:
    modal = state.get("modal") or {}
    return next((c["text"] for c in modal.get("children", []) if c["name"] == name), "")


def listed(state) -> dict:
    """File name -> rectangle of the files the open dialog shows."""
    modal = state.get("modal") or {}
    if modal.get("class") != "QFileDialog":
        return {}
    return {item["text"]: item["rect"] for c in modal["children"] if c["kind"] == "list" and c["rect"]
            for item in c["items"] if item["rect"][2] > 0}

"""The first seconds after launch: a teacher trains at once; a student sends a test image from Evaluate to Draw."""

from __future__ import annotations

import json
import time


def test_train_right_after_launch(launch, paths, tmp_path):
    """Ctrl+2, Ctrl+T as soon as the window takes keys, while Keras is still loading in the background."""
    app = launch()
    app.wait_ready()
    app.key("ctrl+2", "ctrl+t")
    pressed_after = time.monotonic() - app.started
    app.wait(lambda s: s["train"]["running"] or s["train"]["last_status"] or s["train"]["message"],
             "the training to start")
    state = app.wait(lambda s: not s["train"]["running"] and (s["train"]["last_status"] or s["train"]["message"]),
                     "the training to end", timeout=240)
    app.screenshot(tmp_path / "trained.png")
    train = state["train"]
    assert "partially initialized" not in train["message"] + train["status"], train["message"]
    assert train["last_status"] == "completed", f"{train['status']} {train['message']} (keys {pressed_after:.1f} s " \
                                                f"after launch)"
    assert train["last_accuracy"] > 0.8, train
    runs = [p for p in paths["runs"].iterdir() if p.is_dir()]
    assert len(runs) == 1 and json.loads((runs[0] / "run.json").read_text())["status"] == "completed"
    assert app.quit() == 0


def test_confusion_cell_to_draw_tab(launch, tmp_path):
    """Evaluate: click a confusion-matrix cell, Ctrl+D: the Draw tab shows that test image to every model."""
    app = launch()
    app.wait_ready()
    app.key("ctrl+3")
    state = app.wait(lambda s: s["tab"] == "evaluate" and s["evaluate"]["accuracy"] is not None
                     and s["evaluate"]["matrix"]["cells"], "the shipped MLP's confusion matrix")
    matrix = state["evaluate"]["matrix"]
    counts = matrix["counts"]
    off = sorted(((counts[r][c], r, c) for r in range(10) for c in range(10) if r != c and counts[r][c]),
                 reverse=True)
    _, row, col = next(cell for cell in off if [cell[1], cell[2]] != matrix["selected"])
    app.click(matrix["cells"][f"{row},{col}"])
    state = app.wait(lambda s: s["evaluate"]["matrix"]["selected"] == [row, col]
                     and f"true {row}, predicted {col}" in s["evaluate"]["cell_caption"],
                     f"the cell true {row} / predicted {col} and its first image")
    assert state["evaluate"]["cell_title"].startswith(f"True {row}, predicted {col}: {counts[row][col]} images")
    sample = state["evaluate"]["cell_image"]
    app.screenshot(tmp_path / "cell.png")
    app.key("ctrl+d")
    state = app.wait(lambda s: s["tab"] == "draw" and s["draw"]["preview"] == sample, "the image in the Draw tab")
    app.screenshot(tmp_path / "sent-to-draw.png")
    panels = state["draw"]["panels"]
    assert panels["mlp"]["digit"] == col, panels  # the MLP reads it as it did in Evaluate: the same image
    assert all(p["state"] == "prediction" for p in panels.values()), panels
    assert state["draw"]["ink"]["strokes"] == 0
    assert app.quit() == 0

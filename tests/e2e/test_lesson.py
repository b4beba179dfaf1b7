"""The README's 10-minute lesson, condensed: draw, look inside, train honestly, see why it fails."""

from __future__ import annotations

import json

from .driver import find


def test_ten_minute_lesson(launch, paths, tmp_path):
    app = launch()
    state = app.wait_ready()

    # 1. Draw: a 7, read by both models.
    app.draw_digit("draw", 7)
    state = app.wait(lambda s: all(p["digit"] == 7 for p in s["draw"]["panels"].values())
                     and {"mlp", "cnn"} <= set(s["draw"]["panels"]), "both panels to read a 7")
    assert all(p["state"] == "prediction" and p["glyph"] == "7" for p in state["draw"]["panels"].values())
    app.screenshot(tmp_path / "1-draw.png")

    # 2. Inside (Ctrl+4): the same drawing, explained.
    app.key("ctrl+4")
    state = app.wait(lambda s: s["tab"] == "inside" and s["inside"]["why"].startswith("Why 7?"),
                     "the Inside tab to explain the 7")
    app.screenshot(tmp_path / "2-inside.png")

    # 3. Train honestly (Ctrl+2): CNN (tuned), 1,000 training images typed in, Ctrl+T.
    app.key("ctrl+2")
    state = app.wait(lambda s: s["tab"] == "train" and s["train"]["train_button"]["rect"], "the Train tab")
    app.choose(state["train"]["preset_combo"], "CNN (tuned)")
    state = app.wait(lambda s: s["train"]["preset"] == "cnn", "the CNN (tuned) preset")
    app.click(state["train"]["subset_edit"])
    app.wait(lambda s: s["focus"] == "subsetCombo", "the training images field to take the keys")
    app.key("ctrl+a")
    app.type("1,000")
    app.key("Tab")
    state = app.wait(lambda s: s["train"]["subset_text"] == "1,000"
                     and s["train"]["split"].startswith("900 train · 100 validation"), "the split line for 1,000")
    runs_before = set(paths["runs"].glob("*")) if paths["runs"].exists() else set()
    app.key("ctrl+t")
    app.wait(lambda s: s["train"]["running"] or s["train"]["last_status"], "the training to start")
    state = app.wait(lambda s: not s["train"]["running"] and s["train"]["last_status"], "the training to finish",
                     timeout=240)
    train = state["train"]
    assert train["last_status"] == "completed", train
    assert train["last_accuracy"] > 0.8, train
    assert "test accuracy" in train["status"], train["status"]
    app.screenshot(tmp_path / "3-train.png")
    new_runs = [p for p in paths["runs"].glob("*") if p not in runs_before]
    assert len(new_runs) == 1, new_runs
    record = json.loads((new_runs[0] / "run.json").read_text(encoding="utf-8"))
    assert record["status"] == "completed" and record["preset"] == "cnn" and record["train_size"] == 900
    assert abs(record["test_accuracy"] - train["last_accuracy"]) < 1e-9
    assert (new_runs[0] / "model.keras").stat().st_size > 10_000

    # 5. Why it fails (Ctrl+3): the confusion matrix of the chosen model.
    app.key("ctrl+3")
    state = app.wait(lambda s: s["tab"] == "evaluate" and s["evaluate"]["accuracy"] is not None
                     and s["evaluate"]["matrix"]["counts"] is not None, "the confusion matrix")
    counts = state["evaluate"]["matrix"]["counts"]
    assert sum(map(sum, counts)) == 10_000
    assert state["evaluate"]["summary"].startswith("Accuracy ")
    assert find(state["evaluate"]["views"], "Confusion matrix") and state["evaluate"]["view"] == 0
    app.screenshot(tmp_path / "5-evaluate.png")
    assert app.quit() == 0

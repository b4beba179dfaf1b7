"""The time-lapse: the slider scrubs every snapshot, Play runs to the end, "Export GIF…" writes a real animated
GIF atomically (a refused file is a message), and the Compare page replays a saved run's time-lapse, says so
when a run has none, and shows an error, not a crash, for a damaged learning.npz."""

from __future__ import annotations

import pytest
import shiboken6
from learning_data import numpy_mlp_timelapse


@pytest.fixture(scope="module")
def timelapse(mnist):
    (x, y), test = mnist
    return numpy_mlp_timelapse(((x[:6000], y[:6000]), test), snapshots=16)


@pytest.fixture()
def view(qtbot, timelapse):
    from mnist_studio.ui.learning.learning_view import LearningView

    v = LearningView()
    qtbot.addWidget(v)
    v.resize(900, 700)
    v.show()
    qtbot.waitExposed(v)
    v.set_timelapse(timelapse, index=0)
    return v


def test_the_slider_scrubs_every_snapshot(view, timelapse):
    seen = []
    view.frameShown.connect(seen.append)
    n = len(timelapse.snapshots)
    for i in range(1, n):
        view.bar.slider.setValue(i)
        assert view.index == i and view.bar.position.text() == f"{i + 1} / {n}"
        assert f"Snapshot {i + 1} of {n}" in view.header.text()
    assert seen == list(range(1, n))
    view.bar.slider.setValue(3)
    assert not view.bar.following  # moved back: new snapshots would not drag it to the end


def test_play_runs_to_the_end_and_stops(view, qtbot, timelapse):
    view.bar.play()
    assert view.bar.is_playing() and view.bar.play_button.text() == "Pause"
    qtbot.waitUntil(lambda: not view.bar.is_playing(), timeout=15000)
    assert view.index == len(timelapse.snapshots) - 1 and view.bar.play_button.text() == "Play"
    view.bar.play()  # at the end: Play starts again from the first snapshot
    assert view.index == 0
    view.bar.pause()
    assert not view.bar.is_playing()


def test_gif_export_writes_an_animated_gif_in_the_background(view, qtbot, tmp_path, timelapse):
    from PIL import Image

    path = tmp_path / "slides" / "learning.gif"
    view.show_index(5)
    with qtbot.waitSignal(view.gifExported, timeout=60000) as blocker:
        assert view.export_gif(str(path))
        # Back on the event loop at once: the frames are grabbed, Pillow writes them on a job thread.
        assert view.exporting() and not view.bar.export_button.isEnabled()
        assert view.note.text().startswith("Writing the GIF to") and view.index == 5
        assert not view.export_gif(str(tmp_path / "twice.gif"))  # one export at a time
    assert blocker.args == [True]
    with Image.open(path) as gif:
        assert gif.format == "GIF" and gif.n_frames == len(timelapse.snapshots)
        assert gif.is_animated and gif.size[0] >= 400
    assert [p.name for p in path.parent.iterdir()] == ["learning.gif"]  # no temporary file left
    assert not (tmp_path / "twice.gif").exists()
    assert view.index == 5  # the view is back where it was
    assert "GIF saved to" in view.note.text() and view.note.isVisibleTo(view)
    assert view.bar.export_button.isEnabled() and not view.exporting()


def test_gif_export_to_a_refused_place_is_a_message(view, qtbot, tmp_path):
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    with qtbot.waitSignal(view.gifExported, timeout=60000) as ended:
        assert view.export_gif(str(blocker / "learning.gif"))
    assert ended.args == [False]
    assert "Could not export the GIF" in view.note.text() and view.bar.export_button.isEnabled()


def test_a_gif_being_written_is_finished_when_its_view_goes(qtbot, timelapse, tmp_path, monkeypatch):
    """The view closes (its tab or window goes) while Pillow writes: the GIF is still written, nothing crashes. The
    writing waits until the view is gone."""
    import threading

    from mnist_studio.ui.learning import gif_export
    from mnist_studio.ui.learning.learning_view import LearningView

    gone, real_save = threading.Event(), gif_export.save_gif

    def save_once_the_view_is_gone(*args):
        assert gone.wait(30)
        return real_save(*args)

    monkeypatch.setattr(gif_export, "save_gif", save_once_the_view_is_gone)
    view = LearningView()
    view.resize(900, 700)
    view.show()
    qtbot.waitExposed(view)
    view.set_timelapse(timelapse, index=0)
    path = tmp_path / "learning.gif"
    assert view.export_gif(str(path))
    view.close()
    view.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(view), timeout=5000)
    assert not path.exists()  # still waiting: the view went first
    gone.set()
    assert gif_export.wait_all(60000)
    assert path.exists() and [p.name for p in tmp_path.iterdir()] == ["learning.gif"]


def test_an_export_that_fails_unexpectedly_is_said_and_the_button_comes_back(view, qtbot, tmp_path, monkeypatch):
    """Out of memory while Pillow quantizes (a school laptop): a message, never a view stuck on "Writing…"."""
    from mnist_studio.ui.learning import gif_export

    def out_of_memory(*_args):
        raise MemoryError("cannot allocate 300 MB")

    monkeypatch.setattr(gif_export, "save_gif", out_of_memory)
    with qtbot.waitSignal(view.gifExported, timeout=60000) as ended:
        assert view.export_gif(str(tmp_path / "learning.gif"))
    assert ended.args == [False] and not view.exporting() and view.bar.export_button.isEnabled()
    assert "Could not export the GIF" in view.note.text() and "MemoryError" in view.note.text()
    assert list(tmp_path.iterdir()) == []


def _run_folder(root, run_id: str, name: str):
    """A saved run's record (run.json) as the RunStore writes it."""
    from mnist_studio.storage.runs import RunRecord, atomic_write_json

    folder = root / run_id
    folder.mkdir(parents=True)
    record = RunRecord(id=run_id, name=name, preset="mlp-test", hyperparameters={}, history=[],
                       test_accuracy=None, test_loss=None, confusion_matrix=None, per_class_accuracy=None,
                       device="CPU", duration_s=1.0, started_at=f"2026-01-0{len(run_id) % 9 + 1}T00:00:00",
                       finished_at="2026-01-01T00:01:00", status="completed")
    atomic_write_json(folder / "run.json", record.to_json())
    return folder


@pytest.fixture()
def compare(qtbot, tmp_path, timelapse):
    from mnist_studio.storage.runs import RunStore
    from mnist_studio.ui.evaluate.compare_page import ComparePage

    root = tmp_path / "runs"
    timelapse.save(_run_folder(root, "with", "watched run"))
    _run_folder(root, "without", "old run")
    damaged = _run_folder(root, "damaged", "damaged run")
    (damaged / "learning.npz").write_bytes(b"PK\x03\x04 not really a zip")
    page = ComparePage(RunStore(root))
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.retranslate()
    page.refresh()
    page.show()
    return page


def test_compare_replays_a_saved_run(compare, timelapse):
    compare.runs_table.select_ids(["with"])
    compare.replay_button.setChecked(True)
    view = compare.learning
    assert compare.bottom.currentWidget() is view
    assert view.count() == len(timelapse.snapshots) and view.index == view.count() - 1
    view.bar.slider.setValue(0)
    assert view.index == 0 and view.confusion.matrix.sum() == len(timelapse.val_labels)
    compare.replay_button.setChecked(False)
    assert compare.bottom.currentWidget() is not view


def test_compare_says_when_a_run_has_no_timelapse(compare):
    compare.replay_button.setChecked(True)
    compare.runs_table.select_ids(["without"])
    view = compare.learning
    assert view.count() == 0 and view.stack.currentWidget() is view.message
    assert "“old run” has no time-lapse" in view.message.text()
    assert not view.bar.play_button.isEnabled() and not view.bar.export_button.isEnabled()


def test_a_damaged_timelapse_is_an_error_not_a_crash(compare):
    compare.replay_button.setChecked(True)
    compare.runs_table.select_ids(["damaged"])
    view = compare.learning
    assert view.count() == 0
    assert "could not be read" in view.message.text() and "damaged" in view.message.text()
    assert "d93025" in view.message.styleSheet()  # shown as an error
    compare.runs_table.select_ids(["with"])  # and the next run still replays
    assert view.count() > 0


def test_timelapse_file_round_trip_is_what_the_view_replays(tmp_path, timelapse):
    from mnist_studio.learning import Timelapse

    timelapse.save(tmp_path)
    back = Timelapse.load(tmp_path)
    assert len(back.snapshots) == len(timelapse.snapshots)
    assert (back.confusion(len(back.snapshots) - 1) == timelapse.confusion(len(back.snapshots) - 1)).all()
    assert back.architecture == "mlp" and back.drawing_for(0) is not None


def test_the_bars_count_does_not_depend_on_its_parent_being_enabled(qtbot):
    """A time-lapse bar in a disabled panel still knows how many snapshots it scrubs."""
    from PySide6.QtWidgets import QWidget

    from mnist_studio.ui.learning.timelapse import TimelapseBar

    parent = QWidget()
    qtbot.addWidget(parent)
    bar = TimelapseBar(parent)
    bar.set_count(7)
    parent.setEnabled(False)
    assert bar.count() == 7 and not bar.slider.isEnabled()
    parent.setEnabled(True)
    bar.set_count(0)
    assert bar.count() == 0 and not bar.slider.isEnabled()

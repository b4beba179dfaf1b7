"""MNIST Studio's side of the monkey soak (tests/monkey.py is Qt-only): the window, the files its dialogs
may be given, small trainings, a restart after Quit, and a clean close at the end. Used by
tests/test_monkey.py and benchmarks/monkey.py."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import numpy as np
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest

SMALL_SUBSETS = ["200", "500", "1000"]


def open_window(home: Path, train_data=None, test_data=None, language: str | None = "en"):
    """The real window on private settings and runs, shown, its models loading in the background (as the
    app does after its first paint, without the preload delay)."""
    from mnist_studio.storage.runs import RunStore
    from mnist_studio.ui.main_window import MainWindow

    home.mkdir(parents=True, exist_ok=True)
    window = MainWindow(settings=QSettings(str(home / "settings.ini"), QSettings.Format.IniFormat),
                        store=RunStore(home / "runs"), language=language, train_data=train_data, test_data=test_data)
    window.resize(1280, 800)
    window.show()
    window.activateWindow()
    window.start_background_work(0)
    return window


def make_files(folder: Path) -> list[Path]:
    """Files the open dialogs may be given: a real digit set (two pen writers' digits), the shipped MLP, and
    garbage under both extensions."""
    from mnist_studio.digits import handwriting as hw
    from mnist_studio.digits import pendigits
    from mnist_studio.digits.strokes import render
    from mnist_studio.storage.paths import shipped_model_path

    folder.mkdir(parents=True, exist_ok=True)
    pen = pendigits.load()
    rng = np.random.default_rng(0)
    pick = np.concatenate([rng.choice(np.flatnonzero((pen.writers == 3) & (pen.labels == d)), 3, replace=False)
                           for d in range(10)])
    x = np.stack([hw.to_uint8(render(pen.strokes(int(i)))) for i in pick])
    digits = hw.DigitSet(x, pen.labels[pick].astype(np.int64), np.full(len(pick), "w3"), name="w3")
    files = [hw.save(digits, folder / "w3.npz"), folder / "garbage.npz", folder / "garbage.keras",
             folder / "mlp.keras"]
    files[1].write_bytes(b"not a zip file at all")
    files[2].write_bytes(b"PK\x03\x04 truncated")
    shutil.copyfile(shipped_model_path("mlp"), files[3])
    return files


def prepare(monkey, kind: str, target, rng) -> None:
    """Before Train (button or Ctrl+T): usually a small run (a few hundred images, one or two epochs) so that
    trainings finish within a soak; sometimes whatever garbage the form holds."""
    starts_training = (kind == "button" and target.objectName() == "trainButton") or \
        (kind == "shortcut" and target == "Ctrl+T")
    if not starts_training or rng.random() > 0.85:
        return
    tab = monkey.window.train_tab
    if tab.is_running():
        return
    tab.set_preset(rng.choice(["mlp-seed-256", "cnn", "softmax", "mlp", "cnn-seed"]))  # resets the form's garbage
    tab.form.dataset_combo.setCurrentIndex(0)  # MNIST (Fashion-MNIST is not on this computer)
    tab.form.subset_combo.setCurrentText(rng.choice(SMALL_SUBSETS))
    tab.form.epochs_spin.setValue(rng.randint(1, 2))
    tab.form.batch_spin.setValue(max(tab.form.batch_spin.value(), 32))


def _train(monkey) -> str:
    """Ctrl+T from wherever the monkey is (usually made small by ``prepare``)."""
    prepare(monkey, "shortcut", "Ctrl+T", monkey.rng)
    QTest.keySequence(monkey.window, QKeySequence("Ctrl+T"))
    tab = monkey.window.train_tab
    return "Ctrl+T: " + ("training" if tab.is_running() else f"not training ({tab.validate()})")


def _finetune(monkey, digit_set: Path) -> str:
    """My digits: open the pen writer's set when the set is empty, then press Fine-tune."""
    window = monkey.window
    tab = window.mydigits_tab
    window.tabs.setCurrentWidget(tab)
    if len(tab.digits) < 10:
        tab.open_set(digit_set)
    tab.views.setCurrentWidget(tab.finetune_view)
    button = tab.finetune_view.start_button
    QTest.qWait(10)
    if not (button.isVisible() and button.isEnabled()):
        return "Fine-tune is off"
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    return "Fine-tune" + (" (running)" if tab.is_running() else "")


def extra_actions(digit_set: Path) -> dict:
    """The app's own actions for the monkey: train (small) and fine-tune, to have them often at once."""
    return {"train": (2.0, _train), "finetune": (1.5, lambda monkey: _finetune(monkey, digit_set))}


def busy(window) -> bool:
    return window.train_tab.is_running() or window.mydigits_tab.is_running()


def settle(window, timeout_s: float = 120.0) -> bool:
    """Stop training and fine-tuning, wait for them to end, close the window. True when it closed."""
    if window is None:
        return True
    deadline = time.monotonic() + timeout_s
    while busy(window) and time.monotonic() < deadline:
        window.train_tab.stop()
        window.mydigits_tab.finetune_view.stop()
        QTest.qWait(100)
    window.close()
    while window.isVisible() and time.monotonic() < deadline:
        QTest.qWait(100)
    return not window.isVisible()


def restarter(home: Path, train_data=None, test_data=None, on_window=None):
    """``restart`` for the monkey: a new window on the same settings (its language, theme and tab restored);
    ``on_window(window)`` is called with each new one."""

    def restart(old):
        if old is not None:
            old.deleteLater()
        window = open_window(home, train_data, test_data, language=None)
        window.restore_geometry()
        if on_window is not None:
            on_window(window)
        return window

    return restart


class Counters(dict):
    """Trainings and fine-tunes started, seen by polling after every monkey action (``on_tick``)."""

    def __init__(self):
        super().__init__(trainings=0, finetunes=0)
        self._was = (False, False)

    def __call__(self, monkey) -> None:
        window = monkey.window
        if window is None:
            return
        now = (window.train_tab.is_running(), window.mydigits_tab.is_running())
        self["trainings"] += int(now[0] and not self._was[0])
        self["finetunes"] += int(now[1] and not self._was[1])
        self._was = now

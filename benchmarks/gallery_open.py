"""Evaluate tab: time to open the largest confusion-matrix cell of a course-note MLP (thumbnails shown).

    python benchmarks/gallery_open.py [--quick]

A real mlp-seed-1000 is trained (2 epochs), evaluated in the real Evaluate tab, then each cell is
clicked; the time covers filling the gallery and painting its first screen of thumbnails.
"""

import time

import _util

_util.offscreen_qt()


def main() -> None:
    args = _util.parser(__doc__).parse_args()
    import tempfile

    import numpy as np
    from PySide6.QtCore import QEventLoop, QSettings, Qt
    from PySide6.QtTest import QTest

    from mnist_studio.digits.data import load_mnist
    from mnist_studio.networks.training import TrainConfig, Trainer
    from mnist_studio.storage.runs import RunStore
    from mnist_studio.ui.app import make_app

    app = make_app()
    from mnist_studio.ui.main_window import MainWindow

    home = tempfile.mkdtemp()
    store = RunStore(f"{home}/runs")
    config = TrainConfig(preset="mlp-seed-1000", epochs=1 if args.quick else 2, subset=2000 if args.quick else None)
    record = store.save(Trainer(config).run())
    window = MainWindow(settings=QSettings(f"{home}/s.ini", QSettings.Format.IniFormat), store=store,
                        model_sources={})
    window.resize(1280, 800)
    window.show()
    tab = window.evaluate_tab
    window.tabs.setCurrentIndex(2)
    load_mnist()
    loop = QEventLoop()
    tab.evaluated.connect(loop.quit)
    tab.select_model(f"run:{record.id}")
    tab.evaluate_current(force=True)
    loop.exec()
    confusion = tab.result().confusion
    timings = {}
    order = np.argsort(-confusion, axis=None)[:4]
    for flat in order:
        r, c = divmod(int(flat), 10)
        app.processEvents()
        t = time.perf_counter()
        QTest.mouseClick(tab.matrix, Qt.MouseButton.LeftButton, pos=tab.matrix.cell_center(r, c))
        tab.cell_gallery.viewport().repaint()
        timings[f"{r}->{c}"] = {"images": int(confusion[r, c]), "ms": round((time.perf_counter() - t) * 1000, 1)}
    largest = next(iter(timings.values()))
    window.close()
    _util.emit({"benchmark": "gallery_open", "model": "mlp-seed-1000", "accuracy": tab.result().accuracy,
                "largest_cell": largest, "cells": timings})


if __name__ == "__main__":
    main()

"""The Train tab while the default CNN trains: event-loop stalls, overhead vs the CLI, class-demo time.

    python benchmarks/ui_responsiveness.py [--quick] [--images 10000] [--epochs 2]

1. A QTimer probe ticks every 10 ms in the real window while the CNN trains on a QThread; a stall is
   the time between ticks beyond 10 ms (p99 and max reported).
2. The same run through the CLI's code path (Trainer.run in the foreground): Train-tab wall time over CLI.
3. Class demo: 1,000 training images, default CNN, time from clicking Train to the test accuracy shown.
"""

import time

import _util

_util.offscreen_qt()


def main() -> None:
    p = _util.parser(__doc__)
    p.add_argument("--images", type=int, default=10000)
    p.add_argument("--epochs", type=int, default=2)
    args = p.parse_args()
    images, epochs = (1000, 1) if args.quick else (args.images, args.epochs)
    import tempfile

    from PySide6.QtCore import QElapsedTimer, QEventLoop, QSettings, QTimer

    from mnist_studio import device
    from mnist_studio.data import load_mnist
    from mnist_studio.runs import RunStore
    from mnist_studio.training import TrainConfig, Trainer
    from mnist_studio.ui.app import make_app

    app = make_app()
    from mnist_studio.ui.main_window import MainWindow

    home = tempfile.mkdtemp()
    window = MainWindow(settings=QSettings(f"{home}/s.ini", QSettings.Format.IniFormat),
                        store=RunStore(f"{home}/runs"), model_sources={})
    window.resize(1280, 800)
    window.show()
    window.train_tab.set_tf_ready(device.available())
    load_mnist()

    def train_in_ui(subset: int, n_epochs: int, probe: bool):
        tab = window.train_tab
        window.tabs.setCurrentIndex(1)
        tab.set_preset("cnn")
        tab.subset_combo.setCurrentText(str(subset))
        tab.epochs_spin.setValue(n_epochs)
        ticks = []
        clock = QElapsedTimer()
        timer = QTimer()
        timer.setInterval(10)
        timer.timeout.connect(lambda: ticks.append(clock.nsecsElapsed() / 1e9))
        loop = QEventLoop()
        results = []
        tab.trained.connect(lambda r: (results.append((time.perf_counter(), r)), loop.quit()))
        clock.start()
        if probe:
            timer.start()
        t0 = time.perf_counter()
        tab.start()
        loop.exec()
        timer.stop()
        tab.trained.disconnect()
        done, result = results[0]
        app.processEvents()
        gaps = [b - a - 0.010 for a, b in zip(ticks, ticks[1:], strict=False)]
        return done - t0, result, [max(0.0, g) for g in gaps]

    # 1 + 2: stalls, and the Train tab against the CLI code path (same config, same process).
    ui_wall, ui_result, stalls = train_in_ui(images, epochs, probe=True)
    t0 = time.perf_counter()
    cli_result = Trainer(TrainConfig(preset="cnn", subset=images, epochs=epochs)).run()
    cli_wall = time.perf_counter() - t0
    # 3: the class demo, default epochs.
    demo_wall, demo_result, _ = train_in_ui(1000, 8, probe=False) if not args.quick else (None, None, None)
    window.close()
    _util.emit({
        "benchmark": "ui_responsiveness", "images": images, "epochs": epochs,
        "stall_ms": _util.percentiles(stalls),
        "train_tab_wall_s": round(ui_wall, 2), "cli_wall_s": round(cli_wall, 2),
        "train_tab_overhead_percent": round(100 * (ui_wall - cli_wall) / cli_wall, 2),
        "train_tab_test_accuracy": ui_result.evaluation.accuracy, "cli_test_accuracy": cli_result.evaluation.accuracy,
        "class_demo_1k": None if demo_wall is None else {
            "seconds_to_accuracy_shown": round(demo_wall, 2), "test_accuracy": demo_result.evaluation.accuracy},
    })


if __name__ == "__main__":
    main()

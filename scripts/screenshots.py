"""Render the app's screenshots for the README (offscreen Qt, real models, real training).

    python scripts/screenshots.py [--out docs] [--lang en|ko] [--projector] [--quick]

Writes draw/train/evaluate PNGs at 1280x800 (or projector mode at 1920x1080).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":  # a 1920x1080 virtual projector screen
    _screen = Path(tempfile.mkdtemp()) / "screen.json"
    _screen.write_text('{"screens": [{"name": "projector", "x": 0, "y": 0, "width": 1920, "height": 1080, '
                       '"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}')
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_screen}"
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the stroke replayer


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    parser.add_argument("--lang", default="en", choices=["en", "ko"])
    parser.add_argument("--projector", action="store_true")
    parser.add_argument("--quick", action="store_true", help="train on 1,000 images for 2 epochs")
    args = parser.parse_args(argv)
    home = tempfile.mkdtemp(prefix="mnist-studio-shots-")
    os.environ["MNIST_STUDIO_HOME"] = home

    from PySide6.QtCore import QEventLoop, QSettings, QTimer

    from mnist_studio.data import load_mnist
    from mnist_studio.ui.app import make_app

    app = make_app()
    from strokes import digit_strokes, replay

    from mnist_studio.ui.main_window import MainWindow

    settings = QSettings(str(Path(home) / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings, language=args.lang)
    size = (1920, 1080) if args.projector else (1280, 800)
    window.resize(*size)
    window.show()
    if args.projector:
        window.set_projector_mode(True)

    def wait(signal, ms=120000):
        loop = QEventLoop()
        signal.connect(loop.quit)
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    window.start_background_work()
    wait(window.modelsReady)
    suffix = ("-projector" if args.projector else "") + ("-ko" if args.lang == "ko" else "")
    args.out.mkdir(parents=True, exist_ok=True)

    (_, _), (x_test, _) = load_mnist()
    window.tabs.setCurrentIndex(0)
    app.processEvents()
    replay(window.draw_tab.canvas, digit_strokes(x_test[18]))  # a 3
    window.draw_tab.update_predictions()
    app.processEvents()
    window.grab().save(str(args.out / f"draw{suffix}.png"))

    window.tabs.setCurrentIndex(1)
    tab = window.train_tab
    tab.set_preset("cnn")
    tab.subset_combo.setCurrentText("1,000" if args.quick else "10,000")
    tab.epochs_spin.setValue(2 if args.quick else 4)
    tab.start()
    wait(tab.trained, 600000)
    app.processEvents()
    tab.chart._flush()
    app.processEvents()
    window.grab().save(str(args.out / f"train{suffix}.png"))

    window.tabs.setCurrentIndex(2)
    ev = window.evaluate_tab
    ev.select_model("shipped:mlp")
    ev.evaluate_current()
    if ev.result() is None:
        wait(ev.evaluated)
    ev.show_cell(4, 9)
    ev.cell_gallery.step(0)
    app.processEvents()
    window.grab().save(str(args.out / f"evaluate{suffix}.png"))
    ev.views.setCurrentIndex(1)
    ev.mistakes_gallery.step(0)
    app.processEvents()
    window.grab().save(str(args.out / f"mistakes{suffix}.png"))
    window.show_help()
    app.processEvents()
    window.grab().save(str(args.out / f"help{suffix}.png"))
    window.close()
    print(f"wrote screenshots to {args.out}")
    os._exit(0)  # skip interpreter teardown of Qt/TF objects (nothing left to flush)


if __name__ == "__main__":
    sys.exit(main())

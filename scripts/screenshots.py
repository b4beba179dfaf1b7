"""Render the app's screenshots for the README (offscreen Qt, real models, a real training run).

    python scripts/screenshots.py [--out docs] [--quick] [--size 1280x800]

Every page - Draw, Train, Evaluate (confusion matrix, mistakes, compare runs), Inside, My digits, the
shortcuts overlay - at 1280x800, in four looks: normal English (``draw.png``), normal Korean (``draw-ko.png``),
projector English (``draw-projector.png``) and projector Korean (``draw-projector-ko.png``). The PNGs are
quantized to a 256-colour palette to keep the repository small. Prints the list of files it wrote.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from shot_window import open_window, save_small  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    parser.add_argument("--size", default="1280x800", help="window and screen size, WxH")
    parser.add_argument("--quick", action="store_true", help="train on 1,000 images for 2 epochs")
    args = parser.parse_args(argv)
    width, height = (int(v) for v in args.size.lower().split("x"))
    shot = open_window(width, height, "mnist-studio-shots-")
    window, wait, settle = shot.window, shot.wait, shot.settle
    from strokes import digit_strokes, replay

    from mnist_studio.digits.data import load_mnist

    window.start_background_work()
    wait(window.modelsReady)
    (_, _), (x_test, y_test) = load_mnist()

    # Draw: a 3 from the test set, drawn as strokes (on the shared drawing: Inside shows it too).
    window.tabs.setCurrentWidget(window.draw_tab)
    settle()
    replay(window.draw_tab.canvas, digit_strokes(x_test[18]))
    window.draw_tab.update_predictions()

    # Train: one real run (its curves, and a run to compare in Evaluate).
    window.tabs.setCurrentWidget(window.train_tab)
    tab = window.train_tab
    tab.set_preset("cnn")
    tab.form.subset_combo.setCurrentText("1,000" if args.quick else "10,000")
    tab.form.epochs_spin.setValue(2 if args.quick else 4)
    tab.start()
    wait(tab.trained, 600000)
    settle()

    # Evaluate: the shipped MLP, the 4-predicted-as-9 cell, the run selected in Compare.
    window.tabs.setCurrentWidget(window.evaluate_tab)
    ev = window.evaluate_tab
    ev.select_model("shipped:mlp")
    ev.evaluate_current()
    if ev.result() is None:
        wait(ev.evaluated)
    ev.show_cell(4, 9)
    ev.cell_gallery.step(0)
    ev.mistakes.gallery.step(0)
    ev.compare_page.runs_table.selectAll()

    # My digits: one round of ten digits written by "Mina" (MNIST test digits replayed as strokes).
    my = window.mydigits_tab
    window.tabs.setCurrentWidget(my)
    settle()
    my.collect.writer_edit.setText("Mina")
    for n in range(20):  # two rounds: enough to score and fine-tune
        digit = my.collect.current_digit()
        if digit is None:
            break
        index = int((y_test == digit).nonzero()[0][3 + n // 10])
        replay(my.collect.canvas, digit_strokes(x_test[index]))
        my.collect.accept()
    my.score()
    # The lesson's later state: a fine-tuned "CNN + you" panel beside the trained one (four Draw panels), and
    # a test image sent from Evaluate to Draw.
    if my.start_finetune():
        wait(my.finetuned, 600000)
        settle()

    def draw_page(sent: bool):
        window.tabs.setCurrentWidget(window.draw_tab)
        window.draw_tab.canvas.clear()
        if sent:
            ev.sendToDraw.emit(x_test[1901] / 255, 1901, int(y_test[1901]))
        else:
            replay(window.draw_tab.canvas, digit_strokes(x_test[18]))
            window.draw_tab.update_predictions()

    pages = [
        ("draw", lambda: draw_page(False)),  # four panels: MLP, CNN, the trained run, CNN + you
        ("draw-sent", lambda: draw_page(True)),  # a test image sent from Evaluate (Ctrl+D)
        ("train", lambda: window.tabs.setCurrentWidget(window.train_tab)),
        ("evaluate", lambda: (window.tabs.setCurrentWidget(ev), ev.views.setCurrentIndex(0))),
        ("mistakes", lambda: (window.tabs.setCurrentWidget(ev), ev.views.setCurrentIndex(1))),
        ("compare", lambda: (window.tabs.setCurrentWidget(ev), ev.views.setCurrentIndex(2))),
        ("inside", lambda: (window.tabs.setCurrentWidget(window.inside_tab), window.inside_tab.update_views())),
        ("mydigits", lambda: (window.tabs.setCurrentWidget(my), my.views.setCurrentIndex(0))),
        ("help", lambda: (window.tabs.setCurrentWidget(window.draw_tab), window.show_help())),
    ]
    args.out.mkdir(parents=True, exist_ok=True)
    written = []
    for projector, language in ((False, "en"), (False, "ko"), (True, "en"), (True, "ko")):
        window.set_language(language)
        window.set_projector_mode(projector)
        if not projector:
            window.resize(width, height)
        settle()
        suffix = ("-projector" if projector else "") + ("-ko" if language == "ko" else "")
        for name, show in pages:
            show()
            settle()
            path = args.out / f"{name}{suffix}.png"
            save_small(window.grab().toImage(), path)
            written.append(path)
            window.help.hide()
        ev.views.setCurrentIndex(0)
    window.close()
    for path in written:
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}  {path.stat().st_size // 1024} KiB")
    os._exit(0)  # skip interpreter teardown of Qt/TF objects (nothing left to flush)


if __name__ == "__main__":
    sys.exit(main())

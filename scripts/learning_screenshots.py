"""Render the "watch it learn" screenshots: one real training run in the Train tab (a drawn 3 read by the network
as it trains), shown at its first, middle and last snapshot.

    python scripts/learning_screenshots.py [--out docs] [--size 1280x800] [--quick] [--all DIR]

Writes docs/learning-first.png, learning-middle.png, learning-last.png (projector mode, English) and
learning-ko.png (projector mode, Korean, the last snapshot). ``--all DIR`` also writes every look (normal and
projector, English and Korean, first/middle/last, both layouts) into DIR for checking. Prints the files.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests"))  # the stroke replayer


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    parser.add_argument("--size", default="1280x800", help="window and screen size, WxH")
    parser.add_argument("--quick", action="store_true", help="train on 2,000 images for 1 epoch")
    parser.add_argument("--preset", default="mlp-seed-256")
    parser.add_argument("--layout", default="large", choices=("below", "beside", "large"))
    parser.add_argument("--all", type=Path, default=None, help="also write every look into this folder")
    args = parser.parse_args(argv)
    width, height = (int(v) for v in args.size.lower().split("x"))
    from shot_window import open_window, save_small

    shot = open_window(width, height, "mnist-studio-learning-shots-")
    window, wait, settle = shot.window, shot.wait, shot.settle
    from strokes import digit_strokes, replay

    from mnist_studio.digits.data import load_mnist

    (_, _), (x_test, _y) = load_mnist()
    window.tabs.setCurrentWidget(window.draw_tab)
    settle()
    replay(window.draw_tab.canvas, digit_strokes(x_test[18]))  # a 3, drawn as strokes
    tab = window.train_tab
    if not tab.drawing_feed.drawing:  # the window does not hand the drawing to the Train tab (yet)
        tab.attach_drawing(window.draw_tab.drawing())
    window.tabs.setCurrentWidget(tab)
    tab.set_preset(args.preset)
    tab.form.subset_combo.setCurrentText("2,000" if args.quick else "10,000")
    tab.form.epochs_spin.setValue(1 if args.quick else 3)
    tab.panel.set_learning_layout(args.layout)
    tab.start()
    wait(tab.trained, 600000)
    settle()
    view = tab.panel.learning
    n = view.count()
    if n == 0:
        print("the run streamed no snapshots", file=sys.stderr)
        os._exit(1)
    moments = {"first": 0, "middle": n // 2, "last": n - 1}
    args.out.mkdir(parents=True, exist_ok=True)
    written = []

    def shot(path: Path) -> None:
        settle()
        save_small(window.grab().toImage(), path)
        written.append(path)

    looks = [(True, "en"), (True, "ko")]
    if args.all is not None:
        args.all.mkdir(parents=True, exist_ok=True)
        looks = [(False, "en"), (False, "ko"), (True, "en"), (True, "ko")]
    for projector, language in looks:
        window.set_language(language)
        window.set_projector_mode(projector)
        if not projector:
            window.resize(width, height)
        for layout in (("below", "beside", "large") if args.all is not None else (args.layout,)):
            tab.panel.set_learning_layout(layout)
            for moment, index in moments.items():
                view.show_index(index)
                if args.all is not None:
                    look = ("-projector" if projector else "") + ("-ko" if language == "ko" else "")
                    shot(args.all / f"learning-{moment}{look}-{layout}-{width}x{height}.png")
                if projector and layout == args.layout:
                    if language == "en":
                        shot(args.out / f"learning-{moment}.png")
                    elif moment == "last":
                        shot(args.out / "learning-ko.png")
    window.close()
    for path in written:
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}  {path.stat().st_size // 1024} KiB")
    os._exit(0)  # skip interpreter teardown of Qt/TF objects (nothing left to flush)


if __name__ == "__main__":
    sys.exit(main())

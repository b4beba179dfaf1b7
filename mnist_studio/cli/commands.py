"""Command line: ``mnist-studio`` (GUI) | ``train`` | ``evaluate`` | ``predict``.

Nothing here imports TensorFlow at module level: ``--help`` and the GUI's first paint stay fast.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from pathlib import Path

import numpy as np

from mnist_studio import __version__
from mnist_studio.cli.train import add_train_parser, cmd_train
from mnist_studio.runtime.backend import BACKENDS


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mnist-studio",
        description="Draw digits, train MLPs and CNNs, and see why they fail. With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--backend", choices=BACKENDS, default=None,
                        help="Keras backend for this run (default: $KERAS_BACKEND, else tensorflow)")
    common = argparse.ArgumentParser(add_help=False)  # lets --backend also follow the command
    common.add_argument("--backend", choices=BACKENDS, default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command")

    gui = sub.add_parser("gui", parents=[common], help="open the app (the default)")
    gui.add_argument("--projector", action="store_true", help="start in projector mode")
    gui.add_argument("--lang", choices=["en", "ko"], help="interface language")

    add_train_parser(sub, common)

    ev = sub.add_parser("evaluate", parents=[common], help="evaluate a model on the 10,000 MNIST test images")
    ev.add_argument("model", help="a .keras file or a shipped name (mlp, cnn)")
    ev.add_argument("--dataset", choices=["mnist", "fashion"], default="mnist", help="whose test images")
    ev.add_argument("--json", action="store_true")
    ev.add_argument("--data", type=Path, help="a digit set (.npz) to evaluate on instead of the MNIST test set")

    pr = sub.add_parser("predict", parents=[common], help="predict digits in image files (PNG/JPEG) or .npy arrays")
    pr.add_argument("--model", default="cnn", help="a .keras file or a shipped name (default cnn)")
    pr.add_argument("--json", action="store_true", help="one JSON object per image")
    pr.add_argument("files", nargs="+", type=Path)

    from mnist_studio.cli.digits import add_finetune_parser

    add_finetune_parser(sub, common)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.backend is not None:
        from mnist_studio.runtime.backend import BackendError, select

        try:
            select(args.backend)  # before anything imports Keras
        except BackendError as exc:
            _error(str(exc))
            return 2
    if args.command in (None, "gui"):
        from mnist_studio.ui.app import run_app

        return run_app(projector=getattr(args, "projector", False), lang=getattr(args, "lang", None))
    if hasattr(args, "handler"):
        return args.handler(args)
    return {"train": cmd_train, "evaluate": cmd_evaluate, "predict": cmd_predict}[args.command](args)


def _error(message: str) -> None:
    print(f"mnist-studio: error: {message}", file=sys.stderr)


def cmd_evaluate(args) -> int:
    if args.data is not None:
        from mnist_studio.cli.digits import cmd_evaluate_set

        return cmd_evaluate_set(args)
    from mnist_studio.digits.data import DataError, load_dataset
    from mnist_studio.networks.evaluation import evaluate
    from mnist_studio.prediction.inference import ModelLoadError, Predictor

    try:
        predictor = Predictor.load(args.model)
        _, (x_test, y_test) = load_dataset(args.dataset)
    except (ModelLoadError, DataError) as exc:
        _error(str(exc))
        return 1
    t0 = time.perf_counter()
    result = evaluate(predictor, x_test, y_test)
    seconds = time.perf_counter() - t0
    from mnist_studio.cli.digits import flagged_line, flagged_summary

    flagged = flagged_summary(predictor, x_test)
    if args.json:
        print(json.dumps({"model": args.model, "dataset": args.dataset, **result.summary(), **flagged,
                          "seconds": round(seconds, 3)}))
    else:
        print(f"{args.model}: accuracy {result.accuracy:.4f} ({result.correct}/{len(y_test)}), "
              f"loss {result.loss:.4f}, {seconds:.2f} s")
        print("per-class accuracy: " + "  ".join(f"{d}:{a:.3f}" for d, a in enumerate(result.per_class_accuracy)))
        print(flagged_line(flagged, len(y_test)))
    return 0


MAX_PIXELS = 89_478_485  # Pillow's own decompression-bomb threshold: a larger image is refused unread


def read_images(path: Path) -> list[np.ndarray]:
    """The grayscale images in a PNG/JPEG (one) or a .npy file ((H,W) or (N,H,W)); ``ValueError`` with a
    message for anything else, including files too large to read (checked from the header, before decoding)."""
    if path.suffix.lower() == ".npy":
        try:
            mapped = np.load(path, mmap_mode="r", allow_pickle=False)  # the header only, until copied
            if mapped.size > MAX_PIXELS:
                raise ValueError(f"{path}: too large to read (shape {mapped.shape}, more than {MAX_PIXELS:,} "
                                 "pixels)")
            arr = np.array(mapped)
            del mapped
        except (OSError, EOFError) as exc:
            raise ValueError(f"{path}: not a readable .npy file ({exc})") from exc
        except ValueError as exc:
            if str(exc).startswith(str(path)):
                raise
            raise ValueError(f"{path}: not a readable .npy file ({exc})") from exc
        except MemoryError as exc:
            raise ValueError(f"{path}: too large to read") from exc
        if arr.ndim == 2:
            return [arr]
        if arr.ndim == 3:
            if len(arr) == 0:
                raise ValueError(f"{path}: the array holds no images (shape {arr.shape})")
            return list(arr)
        raise ValueError(f"{path}: expected an (H, W) or (N, H, W) array, got shape {arr.shape}")
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():  # Pillow warns of a likely bomb; it is refused just below, unread
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            opened = Image.open(path)
        with opened as im:
            if im.width * im.height > MAX_PIXELS:
                raise ValueError(f"{path}: image too large ({im.width} x {im.height} pixels; at most {MAX_PIXELS:,})")
            if "A" not in im.getbands() and "transparency" not in im.info:  # (Pillow 10.0 lacks has_transparency_data)
                return [np.asarray(im.convert("L"))]
            gray, alpha = (np.asarray(b, np.float32) for b in im.convert("RGBA").convert("LA").split())
    except Image.DecompressionBombError as exc:
        raise ValueError(f"{path}: image too large ({exc})") from exc
    except (UnidentifiedImageError, OSError) as exc:
        raise ValueError(f"{path}: not a readable image ({exc})") from exc
    except MemoryError as exc:
        raise ValueError(f"{path}: image too large to read") from exc
    # Transparent pixels have no tone of their own (apps store them black or white alike): composite onto
    # the background the image implies. Mostly opaque: its own majority tone. Ink on a transparent sheet:
    # the tone that contrasts with the ink (white under dark ink, black under light ink). Nothing opaque: white.
    opaque = gray[alpha >= 128]
    if opaque.size >= gray.size / 2:
        background = 255.0 if np.median(opaque) >= 128 else 0.0
    else:
        background = 0.0 if opaque.size and np.median(opaque) >= 128 else 255.0
    a = alpha / 255.0
    return [np.round(gray * a + background * (1.0 - a)).astype(np.uint8)]


def cmd_predict(args) -> int:
    from mnist_studio.digits.preprocess import to_mnist
    from mnist_studio.prediction.inference import ModelLoadError, Predictor

    try:
        predictor = Predictor.load(args.model)
    except ModelLoadError as exc:
        _error(str(exc))
        return 1
    from mnist_studio.cli.digits import not_a_digit_check

    flags = not_a_digit_check(predictor)
    status = 0
    for path in args.files:
        try:
            images = read_images(path)
            prepared = [to_mnist(img) for img in images]
        except ValueError as exc:
            message = str(exc)
            _error(message if message.startswith(str(path)) else f"{path}: {message}")
            status = 1
            continue
        batch = [p for p in prepared if p is not None]
        probs = iter(predictor.predict(np.stack(batch)) if batch else [])
        odd = iter(flags(np.stack(batch)) if batch and flags is not None else [])
        for index, img in enumerate(prepared):
            p = next(probs) if img is not None else None
            not_a_digit = bool(next(odd)) if img is not None and flags is not None else None
            digit = int(np.argmax(p)) if p is not None else None
            if args.json:
                print(json.dumps({
                    "source": str(path), "index": index, "digit": digit,
                    "probabilities": [round(float(v), 6) for v in p] if p is not None else None,
                    "not_a_digit": not_a_digit,
                }))
            else:
                where = f"{path}[{index}]" if len(images) > 1 else str(path)
                print(f"{where}: " + (f"{digit} ({p[digit]:.1%})" if p is not None else "blank")
                      + (" - not a digit?" if not_a_digit else ""))
    return status

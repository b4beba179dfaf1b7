"""Command line: ``mnist-studio`` (GUI) | ``train`` | ``evaluate`` | ``predict``.

Nothing here imports TensorFlow at module level: ``--help`` and the GUI's first paint stay fast.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

from mnist_studio import __version__
from mnist_studio.models import PRESETS


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a positive number, got {text}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mnist-studio",
        description="Draw digits, train MLPs and CNNs, and see why they fail. With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command")

    gui = sub.add_parser("gui", help="open the app (the default)")
    gui.add_argument("--projector", action="store_true", help="start in projector mode")
    gui.add_argument("--lang", choices=["en", "ko"], help="interface language")

    train = sub.add_parser("train", help="train a preset on MNIST and save it as a run")
    train.add_argument("--model", required=True, choices=sorted(PRESETS), help="preset to train")
    train.add_argument("--epochs", type=_positive_int)
    train.add_argument("--batch-size", type=_positive_int)
    train.add_argument("--lr", type=_positive_float, help="learning rate")
    train.add_argument("--optimizer", choices=["adam", "adamw", "sgd", "rmsprop"])
    train.add_argument("--limit", type=_positive_int, help="train on this many images (a quick demo)")
    train.add_argument("--no-augment", action="store_true", help="turn data augmentation off")
    train.add_argument("--seed", type=int, default=0)
    train.add_argument("--out", type=Path, help="also write the model to this .keras file")
    train.add_argument("--json", action="store_true", help="end with a JSON summary line")

    ev = sub.add_parser("evaluate", help="evaluate a model on the 10,000 MNIST test images")
    ev.add_argument("model", help="a .keras file or a shipped name (mlp, cnn)")
    ev.add_argument("--json", action="store_true")
    ev.add_argument("--data", type=Path, help="a digit set (.npz) to evaluate on instead of the MNIST test set")

    pr = sub.add_parser("predict", help="predict digits in image files (PNG/JPEG) or .npy arrays")
    pr.add_argument("--model", default="cnn", help="a .keras file or a shipped name (default cnn)")
    pr.add_argument("--json", action="store_true", help="one JSON object per image")
    pr.add_argument("files", nargs="+", type=Path)

    from mnist_studio.cli_digits import add_finetune_parser

    add_finetune_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command in (None, "gui"):
        from mnist_studio.ui.app import run_app

        return run_app(projector=getattr(args, "projector", False), lang=getattr(args, "lang", None))
    if hasattr(args, "handler"):
        return args.handler(args)
    return {"train": cmd_train, "evaluate": cmd_evaluate, "predict": cmd_predict}[args.command](args)


def _error(message: str) -> None:
    print(f"mnist-studio: error: {message}", file=sys.stderr)


class _ProgressBar:
    """One-line progress with ETA on a terminal; silent otherwise (plus per-epoch lines)."""

    def __init__(self, stream=sys.stderr):
        self.stream = stream
        self.tty = stream.isatty()

    def __call__(self, event) -> None:
        from mnist_studio.training import BatchEvent, EpochEvent, PhaseEvent

        if isinstance(event, BatchEvent) and self.tty:
            width = 24
            frac = event.batch / event.batches
            bar = "#" * int(frac * width) + "-" * (width - int(frac * width))
            self.stream.write(
                f"\repoch {event.epoch}/{event.epochs} [{bar}] loss {event.loss:.4f} acc {event.accuracy:.4f} "
                f"{event.samples_per_s:,.0f} img/s ETA {_clock(event.eta_s)}  "
            )
            self.stream.flush()
        elif isinstance(event, EpochEvent):
            if self.tty:
                self.stream.write("\r" + " " * 100 + "\r")
            self.stream.write(
                f"epoch {event.epoch}/{event.epochs}: loss {event.loss:.4f} acc {event.accuracy:.4f} "
                f"val_loss {event.val_loss:.4f} val_acc {event.val_accuracy:.4f} ({event.seconds:.1f} s)\n"
            )
        elif isinstance(event, PhaseEvent) and event.phase == "evaluating":
            self.stream.write("evaluating on the 10,000 test images...\n")


def _clock(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    return f"{seconds // 60}:{seconds % 60:02d}"


def cmd_train(args) -> int:
    from mnist_studio.runs import RunStore, RunStoreError, save_model_atomic
    from mnist_studio.training import ConfigError, TrainConfig, Trainer

    config = TrainConfig(
        preset=args.model, epochs=args.epochs, batch_size=args.batch_size, learning_rate=args.lr,
        optimizer=args.optimizer, subset=args.limit, seed=args.seed,
        augment=False if args.no_augment else None,
    )
    try:
        trainer = Trainer(config, on_event=_ProgressBar())
        result = trainer.run()
    except ConfigError as exc:
        _error(str(exc))
        return 2
    except KeyboardInterrupt:  # pragma: no cover - interactive
        _error("interrupted")
        return 130
    status = 0
    model_path = None
    try:
        record = RunStore().save(result)
        model_path = str(record.model_path)
        print(f"saved run {record.id} in {record.folder}", file=sys.stderr)
    except RunStoreError as exc:
        _error(str(exc))
        status = 1
    if args.out is not None:
        try:
            save_model_atomic(result.model, args.out)
            model_path = str(args.out)
            print(f"wrote {args.out}", file=sys.stderr)
        except OSError as exc:
            _error(f"could not write {args.out}: {exc}")
            status = 1
    ev = result.evaluation
    if result.status == "failed":
        _error(result.message)
        status = 1
    elif ev is not None:
        print(f"test accuracy {ev.accuracy:.4f}, test loss {ev.loss:.4f} ({result.seconds:.1f} s, "
              f"{result.device})", file=sys.stderr)
    if args.json:
        print(json.dumps({
            "preset": result.config.preset,
            "status": result.status,
            "epochs": len(result.history),
            "seconds": round(result.seconds, 3),
            "test_accuracy": ev.accuracy if ev else None,
            "test_loss": ev.loss if ev else None,
            "history": result.history,
            "hyperparameters": result.config.hyperparameters(),
            "device": result.device,
            "model": model_path,
        }))
    return status


def cmd_evaluate(args) -> int:
    if args.data is not None:
        from mnist_studio.cli_digits import cmd_evaluate_set

        return cmd_evaluate_set(args)
    from mnist_studio.data import DataError, load_mnist
    from mnist_studio.evaluation import evaluate
    from mnist_studio.inference import ModelLoadError, Predictor

    try:
        predictor = Predictor.load(args.model)
        _, (x_test, y_test) = load_mnist()
    except (ModelLoadError, DataError) as exc:
        _error(str(exc))
        return 1
    t0 = time.perf_counter()
    result = evaluate(predictor, x_test, y_test)
    seconds = time.perf_counter() - t0
    if args.json:
        print(json.dumps({"model": args.model, **result.summary(), "seconds": round(seconds, 3)}))
    else:
        print(f"{args.model}: accuracy {result.accuracy:.4f} ({result.correct}/{len(y_test)}), "
              f"loss {result.loss:.4f}, {seconds:.2f} s")
        print("per-class accuracy: " + "  ".join(f"{d}:{a:.3f}" for d, a in enumerate(result.per_class_accuracy)))
    return 0


def read_images(path: Path) -> list[np.ndarray]:
    """The grayscale images in a PNG/JPEG (one) or a .npy file ((H,W) or (N,H,W))."""
    if path.suffix.lower() == ".npy":
        try:
            arr = np.load(path, allow_pickle=False)
        except (OSError, ValueError, EOFError) as exc:
            raise ValueError(f"{path}: not a readable .npy file ({exc})") from exc
        if arr.ndim == 2:
            return [arr]
        if arr.ndim == 3:
            return list(arr)
        raise ValueError(f"{path}: expected an (H, W) or (N, H, W) array, got shape {arr.shape}")
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as im:
            im = im.convert("LA") if "A" in im.getbands() else im.convert("L")
            if im.mode == "LA":  # transparent background: composite onto the majority tone
                gray, alpha = (np.asarray(b, np.float32) for b in im.split())
                return [gray * alpha / 255.0]
            return [np.asarray(im)]
    except (UnidentifiedImageError, OSError) as exc:
        raise ValueError(f"{path}: not a readable image ({exc})") from exc


def cmd_predict(args) -> int:
    from mnist_studio.inference import ModelLoadError, Predictor
    from mnist_studio.preprocess import to_mnist

    try:
        predictor = Predictor.load(args.model)
    except ModelLoadError as exc:
        _error(str(exc))
        return 1
    status = 0
    for path in args.files:
        try:
            images = read_images(path)
            prepared = [to_mnist(img) for img in images]
        except ValueError as exc:
            _error(str(exc))
            status = 1
            continue
        batch = [p for p in prepared if p is not None]
        probs = iter(predictor.predict(np.stack(batch)) if batch else [])
        for index, img in enumerate(prepared):
            p = next(probs) if img is not None else None
            digit = int(np.argmax(p)) if p is not None else None
            if args.json:
                print(json.dumps({
                    "source": str(path), "index": index, "digit": digit,
                    "probabilities": [round(float(v), 6) for v in p] if p is not None else None,
                }))
            else:
                where = f"{path}[{index}]" if len(images) > 1 else str(path)
                print(f"{where}: " + (f"{digit} ({p[digit]:.1%})" if p is not None else "blank"))
    return status

"""``mnist-studio train``: its arguments and the command. Results (the JSON summary) go to stdout,
progress to stderr. Nothing here imports Keras at module level."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from mnist_studio.networks.models import ACTIVATIONS, PRESETS


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a positive number, got {text}")
    return value


def _whole(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None


def add_train_parser(sub, common) -> None:
    from mnist_studio.digits.data import DATASETS

    train = sub.add_parser("train", parents=[common], help="train a preset (or your own design) and save it as a run",
                           description="Results (a summary, or JSON with --json) go to stdout; progress to stderr.")
    train.add_argument("--model", choices=sorted(PRESETS),
                       help="preset to train (default: mlp-custom with --hidden, cnn-custom with --conv/--dense)")
    train.add_argument("--epochs", type=positive_int)
    train.add_argument("--batch-size", type=positive_int)
    train.add_argument("--lr", type=positive_float, help="learning rate")
    train.add_argument("--optimizer", choices=["adam", "adamw", "sgd", "rmsprop"])
    train.add_argument("--limit", type=positive_int, help="use this many training images (a quick demo)")
    train.add_argument("--validation", type=_whole, metavar="N",
                       help="hold N training images out for validation (default 10 %%, at most 5,000; 0 = none)")
    train.add_argument("--keep-best", action="store_true", help="keep the epoch with the lowest validation loss")
    train.add_argument("--dataset", choices=sorted(DATASETS), default="mnist")
    train.add_argument("--no-augment", action="store_true", help="turn data augmentation off")
    design = train.add_argument_group("design your own network (mlp-custom, cnn-custom)")
    design.add_argument("--hidden", help="MLP hidden layer sizes, e.g. 512,256")
    design.add_argument("--activation", choices=ACTIVATIONS)
    design.add_argument("--dropout", type=_number, help="dropout after each hidden/dense layer, 0 to <1")
    design.add_argument("--conv", help="CNN filters per conv block, e.g. 16,32,64")
    design.add_argument("--kernel", type=_whole, help="CNN kernel size, e.g. 3")
    design.add_argument("--no-pool", action="store_true", help="no 2x2 max pooling after the conv blocks")
    design.add_argument("--dense", help="CNN dense head sizes, e.g. 128")
    train.add_argument("--seed", type=int, default=0)
    train.add_argument("--out", type=Path, help="also write the model to this .keras file")
    train.add_argument("--no-save", action="store_true", help="do not record a run")
    train.add_argument("--json", action="store_true", help="print the results as one JSON object")


def config_from_args(args):
    """A ``TrainConfig`` from the parsed arguments; raises ``ConfigError`` naming the field."""
    from mnist_studio.networks.models import ConfigError, parse_layers
    from mnist_studio.networks.training import TrainConfig

    model = args.model
    if model is None:
        if args.conv is not None or args.dense is not None or args.kernel is not None or args.no_pool:
            model = "cnn-custom"
        elif args.hidden is not None:
            model = "mlp-custom"
        else:
            raise ConfigError("preset", "choose a model with --model (or design one with --hidden or --conv)")
    return TrainConfig(
        preset=model, epochs=args.epochs, batch_size=args.batch_size, learning_rate=args.lr,
        optimizer=args.optimizer, subset=args.limit, seed=args.seed, augment=False if args.no_augment else None,
        validation_size=args.validation, keep_best=args.keep_best, dataset=args.dataset,
        hidden=parse_layers(args.hidden, "hidden") if args.hidden is not None else None,
        activation=args.activation, dropout=args.dropout,
        conv=parse_layers(args.conv, "conv") if args.conv is not None else None, kernel=args.kernel,
        pool=False if args.no_pool else None,
        dense=parse_layers(args.dense, "dense") if args.dense is not None else None,
    )


class ProgressBar:
    """One-line progress with ETA on a terminal; silent otherwise (plus per-epoch lines). To stderr."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()

    def __call__(self, event) -> None:
        from mnist_studio.networks.training import BatchEvent, EpochEvent, PhaseEvent

        if isinstance(event, BatchEvent) and self.tty:
            width = 24
            frac = event.batch / event.batches
            bar = "#" * int(frac * width) + "-" * (width - int(frac * width))
            self.stream.write(
                f"\repoch {event.epoch}/{event.epochs} [{bar}] loss {event.loss:.4f} acc {event.accuracy:.4f} "
                f"{event.samples_per_s:,.0f} img/s ETA {clock(event.eta_s)}  "
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
            self.stream.write("evaluating on the test images...\n")


def clock(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    return f"{seconds // 60}:{seconds % 60:02d}"


def _error(message: str) -> None:
    print(f"mnist-studio: error: {message}", file=sys.stderr)


def cmd_train(args) -> int:
    from mnist_studio.digits.data import DataError
    from mnist_studio.networks.training import ConfigError, Trainer, split_sizes
    from mnist_studio.storage.runs import RunStore, RunStoreError, save_model_atomic

    try:
        config = config_from_args(args)
        trainer = Trainer(config, on_event=ProgressBar())
        train_n, val_n = split_sizes(trainer.config)
        print(f"{trainer.config.preset} on {trainer.config.dataset}: {train_n:,} train · {val_n:,} validation · "
              "10,000 test images", file=sys.stderr)
        result = trainer.run()
    except ConfigError as exc:
        _error(f"{exc.field}: {exc}" if exc.field not in str(exc).replace(" ", "_") else str(exc))
        return 2
    except DataError as exc:
        _error(str(exc))
        return 1
    except KeyboardInterrupt:  # pragma: no cover - interactive
        _error("interrupted")
        return 130
    status = 0
    model_path = None
    if not args.no_save:
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
    if args.json:
        extra = result.extra
        print(json.dumps({
            "preset": result.config.preset,
            "dataset": result.config.dataset,
            "status": result.status,
            "message": result.message,
            "epochs": len(result.history),
            "seconds": round(result.seconds, 3),
            "test_accuracy": ev.accuracy if ev else None,
            "test_loss": ev.loss if ev else None,
            "train_accuracy": extra.get("train_accuracy"),
            "val_accuracy": extra.get("val_accuracy"),
            "train_size": result.train_size,
            "validation": extra.get("validation"),
            "best_epoch": extra.get("best_epoch"),
            "params": extra.get("params"),
            "history": result.history,
            "hyperparameters": result.config.hyperparameters(),
            "device": result.device,
            "backend": extra.get("backend", ""),
            "model": model_path,
        }))
    elif ev is not None:
        print(f"{result.config.preset}: test accuracy {ev.accuracy:.4f}, test loss {ev.loss:.4f} "
              f"({result.seconds:.1f} s, {result.device}); {result.message}")
    return status

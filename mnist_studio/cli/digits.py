"""``mnist-studio finetune`` and ``mnist-studio evaluate MODEL --data SET.npz`` (digit sets, headless).

Exit codes: 0 done, 1 a bad file (set or model) or a failed write, 2 bad arguments. Messages go to
stderr; with ``--json`` the last stdout line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np


def _error(message: str) -> None:
    print(f"mnist-studio: error: {message}", file=sys.stderr)


def add_finetune_parser(sub, common=None) -> argparse.ArgumentParser:
    ft = sub.add_parser("finetune", parents=[common] if common is not None else [],
                        help="fine-tune a model on a digit set (.npz), mixing MNIST in")
    ft.add_argument("--base", required=True, help="cnn, mlp, a run id or folder, or a .keras file")
    ft.add_argument("--data", required=True, type=Path, help="a digit set (.npz: x, y[, writer, strokes])")
    ft.add_argument("--out", required=True, type=Path, help="write the fine-tuned model to this .keras file")
    ft.add_argument("--json", action="store_true", help="end with a JSON summary line")
    ft.set_defaults(handler=cmd_finetune)
    return ft


def cmd_finetune(args) -> int:
    from mnist_studio.digits.handwriting import DigitSetError, load
    from mnist_studio.networks.finetune import FinetuneConfig, FineTuner, StepEvent
    from mnist_studio.prediction.inference import ModelLoadError
    from mnist_studio.storage.runs import save_model_atomic

    t0 = time.perf_counter()
    if args.out.suffix != ".keras":
        _error(f"--out must end in .keras, got {args.out}")
        return 2
    try:
        ds = load(args.data)
    except DigitSetError as exc:
        _error(str(exc))
        return 1

    def progress(event) -> None:
        if isinstance(event, StepEvent) and event.step == event.steps:
            print(f"{event.steps} steps: loss {event.loss:.4f}, accuracy {event.accuracy:.4f} "
                  f"({event.seconds:.1f} s)", file=sys.stderr)

    try:
        tuner = FineTuner(args.base, ds, FinetuneConfig(), on_event=progress, holdout=False)
        result = tuner.run()
    except (DigitSetError, ModelLoadError) as exc:
        _error(str(exc))
        return 1
    try:
        save_model_atomic(result.model, args.out)
    except OSError as exc:
        _error(f"could not write {args.out}: {exc.strerror or exc}")
        return 1
    seconds = time.perf_counter() - t0
    before, after = result.mnist_before.accuracy, result.mnist_after.accuracy
    print(f"wrote {args.out}: fine-tuned {result.base} on {len(ds)} digits; MNIST test accuracy "
          f"{before:.4f} -> {after:.4f} ({seconds:.1f} s)", file=sys.stderr)
    if args.json:
        summary = result.summary()
        print(json.dumps({
            "base": result.base, "preset": result.preset, "data": str(args.data), "out": str(args.out),
            "status": result.status, "train_size": len(ds), "writers": ds.writers(), "steps": summary["steps"],
            "mnist_accuracy_before": before, "mnist_accuracy_after": after,
            "train_seconds": summary["train_seconds"], "seconds": round(seconds, 3),
        }))
    return 0


def cmd_evaluate_set(args) -> int:
    """``evaluate MODEL --data SET.npz``: accuracy, loss and confusion matrix on that set."""
    from mnist_studio.digits.handwriting import DigitSetError, load
    from mnist_studio.networks.evaluation import evaluate
    from mnist_studio.prediction.inference import ModelLoadError, Predictor

    try:
        ds = load(args.data)
        predictor = Predictor.load(args.model)
    except (DigitSetError, ModelLoadError) as exc:
        _error(str(exc))
        return 1
    t0 = time.perf_counter()
    result = evaluate(predictor, ds.x, ds.y)
    seconds = time.perf_counter() - t0
    flagged = flagged_summary(predictor, ds.x)
    if args.json:
        print(json.dumps({"model": args.model, "data": str(args.data), "samples": len(ds), "writers": ds.writers(),
                          **result.summary(), **flagged, "seconds": round(seconds, 3)}))
    else:
        print(f"{args.model} on {args.data}: accuracy {result.accuracy:.4f} ({result.correct}/{len(ds)}), "
              f"loss {result.loss:.4f}, {seconds:.2f} s")
        print(flagged_line(flagged, len(ds)))
    return 0


def not_a_digit_check(predictor):
    """``flags(images) -> (N,) bool`` from the model's "not a digit?" check (``nondigit``), or None for a model
    the numpy pass does not cover (its answers then carry ``"not_a_digit": null``)."""
    from mnist_studio.prediction import nondigit

    try:
        stats = nondigit.stats_for(predictor)
    except (OSError, ValueError) as exc:
        print(f"mnist-studio: no not-a-digit check for this model: {exc}", file=sys.stderr)
        return None
    if stats is None:
        return None

    def flags(images) -> np.ndarray:
        hidden, logits, _ = nondigit.features(predictor.fast, images, getattr(predictor, "in_shape", (28, 28)))
        return stats.score(hidden, logits) > stats.threshold
    return flags


def flagged_summary(predictor, images) -> dict:
    """``not_a_digit_flagged`` (how many of ``images`` the check calls "not a digit?", None without a check)
    and its share."""
    flags = not_a_digit_check(predictor)
    if flags is None:
        return {"not_a_digit_flagged": None, "not_a_digit_rate": None}
    count = int(sum(int(flags(images[i:i + 2000]).sum()) for i in range(0, len(images), 2000)))
    return {"not_a_digit_flagged": count, "not_a_digit_rate": round(count / max(1, len(images)), 4)}


def flagged_line(flagged: dict, n: int) -> str:
    if flagged["not_a_digit_flagged"] is None:
        return "not a digit?: no check for this model (its layers are not covered by the numpy pass)"
    return (f"not a digit?: {flagged['not_a_digit_flagged']} of {n} digits flagged "
            f"({flagged['not_a_digit_rate']:.2%})")

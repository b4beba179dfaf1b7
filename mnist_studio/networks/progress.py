"""The trainer's Keras callback: throttled batch/epoch events, history, keep-best and the live views' snapshots
(taken on a clock by a ``learning.recorder.Recorder``; the batch callback compares the time and returns). Qt-free."""

from __future__ import annotations

import logging
import math
import time

from mnist_studio.networks.train_config import EVENT_INTERVAL_S, KEEP_BEST_PATIENCE, BatchEvent, EpochEvent, TrainConfig

log = logging.getLogger(__name__)


class Progress:
    """Keras callback state: throttled events carrying every batch's own values; history; keep-best."""

    def __init__(self, trainer, cfg: TrainConfig, steps: int, n: int, feed=None, recorder=None):
        self.trainer, self.cfg, self.steps, self.n, self.feed = trainer, cfg, steps, n, feed
        self.recorder = recorder  # learning.recorder.Recorder, or None (live views off)
        self.status, self.message = "completed", f"Trained {cfg.epochs} epoch(s)."
        self.history: list[dict] = []
        self.best: dict | None = None  # the history entry of the lowest validation loss (keep_best)
        self._best_weights = None
        self._last_emit = 0.0
        self._run_start = self._epoch_start = time.perf_counter()
        self._epoch = 0
        self._sums = (0.0, 0.0)  # loss and correct-count totals over the epoch so far (sample-weighted)
        self._pending: list[tuple[float, float]] = []
        self._at = (0, 0.0)  # (batches done, fractional epochs done) after the latest batch

    def keras_callback(self):
        from mnist_studio.runtime.backend import keras

        outer = self

        class Progress(keras.callbacks.Callback):
            def on_train_begin(self, logs=None):
                outer._run_start = time.perf_counter()
                outer.snapshot(0, 0.0, float("nan"), float("nan"))  # the untrained network

            def on_epoch_begin(self, epoch, logs=None):
                outer._epoch, outer._sums, outer._pending = epoch, (0.0, 0.0), []
                if outer.feed is not None:
                    outer.feed.epoch = epoch  # this epoch's shuffle and augmentation
                outer._epoch_start = time.perf_counter()

            def on_train_batch_end(self, batch, logs=None):
                outer.batch_end(self.model, batch, logs or {})

            def on_epoch_end(self, epoch, logs=None):
                outer.epoch_end(self.model, epoch, logs or {})

        return Progress()

    def snapshot(self, *args, **kwargs) -> None:
        """A live-views snapshot (when they are on). One that fails turns them off; the training goes on."""
        if self.recorder is None:
            return
        try:
            self.recorder.take(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - the live views never end a training
            log.warning("live views turned off: %s: %s", type(exc).__name__, exc)
            self.recorder = None

    def _own_values(self, batch: int, loss: float, accuracy: float) -> tuple[float, float]:
        """This batch's loss/accuracy from Keras' running means, which are weighted by batch size:
        own = (S_n * m_n - S_(n-1) * m_(n-1)) / b_n, S = images so far this epoch (the last batch may be short)."""
        bs = self.cfg.batch_size
        seen = min((batch + 1) * bs, self.n)
        size = seen - batch * bs
        total_loss, total_acc = loss * seen, accuracy * seen
        own = ((total_loss - self._sums[0]) / size, (total_acc - self._sums[1]) / size)
        self._sums = (total_loss, total_acc)
        return own[0], min(1.0, max(0.0, own[1]))

    def batch_end(self, model, batch: int, logs: dict) -> None:
        loss = float(logs.get("loss", float("nan")))
        accuracy = float(logs.get("accuracy", float("nan")))
        if not math.isfinite(loss):
            self.status = "failed"
            self.message = (
                f"Training diverged: the loss became {loss} in epoch {self._epoch + 1}, batch {batch + 1}. "
                f"Try a lower learning rate (it was {self.cfg.learning_rate:g})."
            )
            model.stop_training = True
            return
        self._pending.append(self._own_values(batch, loss, accuracy))
        self._at = (self._epoch * self.steps + batch + 1, self._epoch + (batch + 1) / self.steps)
        if self.trainer.cancelled:
            if self.status != "stopped":
                self.status = "stopped"
                self.message = f"Stopped by the user in epoch {self._epoch + 1}, after batch {batch + 1}."
            model.stop_training = True
            return
        now = time.perf_counter()
        last = batch + 1 == self.steps
        done = self._epoch * self.steps + batch + 1
        if self.recorder is not None and not last and self.recorder.due(now):
            self.snapshot(done, self._epoch + (batch + 1) / self.steps, loss, accuracy)
        if now - self._last_emit < EVENT_INTERVAL_S and not last:
            return
        self._last_emit = now
        elapsed = now - self._run_start
        rate = done * self.cfg.batch_size / elapsed if elapsed > 0 else 0.0
        remaining = (self.cfg.epochs * self.steps - done) * elapsed / done
        pending, self._pending = self._pending, []
        self.trainer.on_event(BatchEvent(
            epoch=self._epoch + 1, epochs=self.cfg.epochs, batch=batch + 1, batches=self.steps,
            loss=loss, accuracy=accuracy,
            samples_per_s=min(rate, self.n * self.cfg.epochs / elapsed if elapsed else rate), eta_s=remaining,
            batch_loss=pending[-1][0], batch_accuracy=pending[-1][1],
            batch_losses=tuple(p[0] for p in pending), batch_accuracies=tuple(p[1] for p in pending),
            first_batch=batch + 2 - len(pending),
        ))

    def epoch_end(self, model, epoch: int, logs: dict) -> None:
        if self.status == "failed" or (self.status == "stopped" and not logs):
            return
        seconds = time.perf_counter() - self._epoch_start
        entry = {
            "epoch": epoch + 1,
            "loss": float(logs.get("loss", float("nan"))),
            "accuracy": float(logs.get("accuracy", float("nan"))),
            "val_loss": float(logs.get("val_loss", float("nan"))),
            "val_accuracy": float(logs.get("val_accuracy", float("nan"))),
            "seconds": seconds,
            "samples_per_s": self.n / seconds if seconds > 0 else 0.0,
            "partial": self.status == "stopped",
        }
        self.history.append(entry)
        if self.cfg.keep_best and math.isfinite(entry["val_loss"]) and not entry["partial"]:
            if self.best is None or entry["val_loss"] < self.best["val_loss"]:
                self.best, self._best_weights = entry, model.get_weights()
            elif epoch + 1 - self.best["epoch"] >= KEEP_BEST_PATIENCE and self.status == "completed":
                self.message = (f"Stopped early after epoch {epoch + 1}: validation loss had not improved for "
                                f"{KEEP_BEST_PATIENCE} epochs.")
                model.stop_training = True
        self.trainer.on_event(EpochEvent(
            epoch=epoch + 1, epochs=self.cfg.epochs, loss=entry["loss"], accuracy=entry["accuracy"],
            val_loss=entry["val_loss"], val_accuracy=entry["val_accuracy"], seconds=seconds,
            samples_per_s=entry["samples_per_s"],
        ))
        self.snapshot(*self._at, entry["loss"], entry["accuracy"], epoch_end=not entry["partial"])

    def restore_best(self, model) -> None:
        """keep_best: put the best epoch's weights back (and say so)."""
        if self._best_weights is None or self.status == "failed":
            return
        if self.best is not self.history[-1]:
            model.set_weights(self._best_weights)
            self.message = (self.message + " " if self.message else "") + (
                f"Kept epoch {self.best['epoch']}'s weights (lowest validation loss, "
                f"{self.best['val_loss']:.4f}).")
        self._best_weights = None

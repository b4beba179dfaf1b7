"""The Keras worker process: every Keras computation the app makes runs here, never in the window.

The window (Qt + numpy) draws, predicts and explains with numpy; training, fine-tuning, evaluation batches,
the Inside map's features and the check of the numpy pass against Keras run in this process, one job at a
time. It is started as ``python -m mnist_studio.worker.process ADDRESS`` (a fresh interpreter: no Qt, no threads
inherited, no re-import of the caller's main script) by ``worker.client.KerasWorker``, and connects back
twice over ``multiprocessing.connection`` (authenticated, local): a job channel and a control channel.

* window -> worker: ``Request(job, kind, params)``; ``None`` asks the worker to exit.
* worker -> window: ``Reply(job, kind, payload)`` where kind is ``ready`` (Keras imported: backend, pid),
  ``event`` (a core event: ``training.BatchEvent``/``EpochEvent``/``PhaseEvent``, ``finetune.StepEvent``,
  ``("progress", done, total)``), ``result`` (the job's answer) or ``error`` (a message for the user).

* control: ``(job, mode)``: stop that job at its next batch; mode 0 = then evaluate as usual, 1 = closing,
  keep the partial model (no test evaluation). (Discarding a job ends the process.) ``(job, "drawing", image)``:
  the live views' next snapshots read this (28, 28) drawing (None: none), at once or when that job starts.
  A training with ``live_views`` streams ``learning.SnapshotEvent`` events (a few tens of KB, arrays only).

Payloads are pickled (protocol 5: numpy arrays travel as raw buffers, never as text).
"""

from __future__ import annotations

import os
import sys
import threading
import traceback
from dataclasses import dataclass, replace
from pathlib import Path

from mnist_studio.runtime import messages
from mnist_studio.worker.saved import SavedJob

KINDS = ("train", "finetune", "evaluate", "features", "check", "devices", "summary", "prepare")
KEEP = 1  # the control channel's mode while closing and keeping the partial model


@dataclass(frozen=True)
class Request:
    job: int
    kind: str  # one of KINDS
    params: dict


@dataclass(frozen=True)
class Reply:
    job: int
    kind: str  # "ready", "event", "result", "error"
    payload: object = None


_UNSET = object()


class _Mode:
    value = 0


class Jobs:
    """The worker's side: one method per request kind (``KINDS``), each returning the result payload; ``begin``
    each job, ``control`` on its own thread, and a job that makes a runner hands it to ``started``."""

    def __init__(self, send):
        self.send = send
        self.stop, self.mode = threading.Event(), _Mode()
        self.job = 0
        self.current = None  # the running Trainer or FineTuner (cancel() is thread-safe)
        self._pending: dict[int, int] = {}  # job -> mode, for a stop that came before its job started
        self._drawings: dict[int, object] = {}  # job -> drawing, for one that came before its job started
        self._drawing = _UNSET  # the running job's latest drawing, until its runner takes it
        self._lock = threading.Lock()
        self._models: dict[tuple, object] = {}  # (source, mtime) -> Predictor, for repeated evaluations
        from mnist_studio.networks.warm import WarmModels

        self.warm = WarmModels()  # the networks last trained or prepared, traced, for the next runs

    def event(self, event) -> None:
        self.send(Reply(self.job, "event", event))

    def begin(self, job: int) -> None:
        with self._lock:
            self.job = job
            self.stop.clear()
            self.mode.value = self._pending.pop(job, -1)
            if self.mode.value >= 0:
                self.stop.set()
            else:
                self.mode.value = 0
            self._pending.clear()
            self._drawing = self._drawings.pop(job, _UNSET)
            self._drawings.clear()

    def control(self, conn) -> None:
        """A thread: ``(job, mode)`` on the control channel stops that job (at once if it is running)."""
        while True:
            try:
                message = conn.recv()
            except (EOFError, OSError):
                return
            if len(message) == 3:
                if message[1] == "drawing":
                    self.set_drawing(message[0], message[2])
                continue
            job, mode = message
            with self._lock:
                if job != self.job:
                    self._pending[job] = mode
                    continue
                self.mode.value = max(self.mode.value, mode)
                self.stop.set()
                current = self.current
            if current is not None:
                current.cancel(evaluate=self.mode.value == 0)

    def set_drawing(self, job: int, image) -> None:
        """The live views' drawing for ``job`` (None: none): its runner reads it at once, or when it starts (the
        control channel can outrun the job's request)."""
        with self._lock:
            if job != self.job:
                self._drawings[job] = image
                return
            current = self.current
            if current is None or not hasattr(current, "set_drawing"):
                self._drawing = image
                return
        current.set_drawing(image)

    def started(self, runner) -> None:
        """``runner`` (a Trainer or FineTuner: ``cancel``, perhaps ``set_drawing``) now runs the current job: a stop
        or a drawing that came before it reaches it now, later ones at once."""
        with self._lock:
            self.current = runner
            if self.stop.is_set():
                runner.cancel(evaluate=self.mode.value == 0)
            if self._drawing is not _UNSET and hasattr(runner, "set_drawing"):
                runner.set_drawing(self._drawing)
            self._drawing = _UNSET

    # -- jobs ---------------------------------------------------------------------------------------------
    def train(self, config, data=None, store_root=None, save=True, name=None, live_views=False, drawing=None):
        from mnist_studio.networks.training import Trainer
        from mnist_studio.storage.runs import RunStore, RunStoreError

        trainer = Trainer(config, on_event=self.event, data=data, live_views=live_views, drawing=drawing,
                          warm=self.warm)
        self.started(trainer)
        try:
            result = trainer.run()
        finally:
            self.current = None
        keep = (result.status != "failed" or result.history)
        record, model_path, save_error = None, None, ""
        if save and keep:
            self.event(_phase("saving"))
            try:
                record = RunStore(store_root).save(result, name=name)
                model_path = str(record.model_path)
            except RunStoreError as exc:
                save_error = str(exc)
                model_path = _unsaved_copy(result.model)  # "Save model as…" copies it
        return SavedJob(_without_model(result), record, model_path, save_error)

    def prepare(self, config, train_size=None) -> bool:
        """Trace ``config``'s network before the click (``networks.warm.WarmModels.prepare_run``); a stop abandons
        it at its next step (a click's job for another network goes first): the error "cancelled"."""
        from mnist_studio.runtime import backend

        with backend.keras_job(cancelled=self.stop.is_set):
            return self.warm.prepare_run(config, train_size, cancelled=self.stop.is_set)

    def finetune(self, base, data, config=None, store_root=None, mnist=None, name=None):
        from mnist_studio.networks.finetune import FineTuner
        from mnist_studio.storage.runs import RunStore

        tuner = FineTuner(base, data, config, on_event=self.event, mnist=mnist,
                          store=RunStore(store_root) if store_root else None)
        self.started(tuner)
        try:
            result = tuner.run()
        finally:
            self.current = None
        record, model_path, save_error = None, None, ""
        if store_root is not None and result.mnist_after is not None:
            self.event(_phase("saving"))
            try:
                name = name or f"{result.base} + {getattr(data, 'name', '') or 'my digits'}"
                record = RunStore(store_root).save(result.to_train_result(), name=name)
                model_path = str(record.model_path)
            except OSError as exc:
                save_error = str(exc)
        return SavedJob(replace(result, model=None, predictor=None), record, model_path, save_error)

    def evaluate(self, source, images, labels, batch_size=1000):
        from mnist_studio.networks.evaluation import evaluate

        predictor = self._predictor(source)
        stopped = self.stop.is_set

        def progress(done, total):
            self.event(("progress", done, total))

        return evaluate(predictor, images, labels, batch_size=batch_size, progress=progress, cancelled=stopped)

    def features(self, source, images):
        """The last hidden layer's output for ``images`` (the Inside map), by one compiled pass."""
        from mnist_studio.prediction.explain import Explainer
        from mnist_studio.prediction.explain_embedding import hidden_vectors

        return hidden_vectors(Explainer(self._predictor(source)), images, cancelled=self.stop.is_set)

    def check(self, source):
        """Does the numpy pass read from the archive agree with Keras on this model? True/False; None for a
        valid model the numpy pass does not cover; raises with Keras' own reason for a model it refuses."""
        from mnist_studio.prediction.archive import ArchivePredictor, UnsupportedModel

        try:
            archive = ArchivePredictor.open(source)
        except UnsupportedModel:
            self._predictor(source)
            return None
        archive.load_keras()
        return bool(archive.agrees)

    def summary(self, config):
        """The layer table of the model a ``TrainConfig`` describes (the Train tab's architecture view)."""
        from mnist_studio.networks.models import build_model, summarize

        return summarize(build_model(config.resolved()))

    def devices(self):
        from mnist_studio.runtime import backend

        return {"backend": backend.current(), "devices": list(backend.devices())}

    def _predictor(self, source):
        from mnist_studio.prediction.inference import SHIPPED, Predictor
        from mnist_studio.storage.paths import shipped_model_path

        path = shipped_model_path(str(source)) if str(source) in SHIPPED else Path(source)
        try:
            key = (str(source), path.stat().st_mtime_ns)
        except OSError:
            key = (str(source), 0)
        if key not in self._models:
            if len(self._models) >= 4:
                self._models.clear()
            self._models[key] = Predictor.load(source)
        return self._models[key]


def _phase(name: str):
    from mnist_studio.networks.training import PhaseEvent

    return PhaseEvent(name)


def _unsaved_copy(model) -> str | None:
    """The model of a run the store refused, in the temp folder, for the window to save elsewhere."""
    import tempfile

    from mnist_studio.storage.runs import save_model_atomic

    path = Path(tempfile.gettempdir()) / f"mnist-studio-unsaved-{os.getpid()}.keras"
    try:
        save_model_atomic(model, path)
    except OSError:
        return None
    return str(path)


def _without_model(result):
    """A TrainResult that can cross the pipe: the Keras model stays here (the run's file has it)."""
    return replace(result, model=None, recording=None)


def user_message(exc: BaseException) -> str:
    """What the window shows for a job that raised ``exc``."""
    from mnist_studio.runtime.backend import JobCancelled

    if isinstance(exc, JobCancelled):
        return "cancelled"
    known = ("ModelLoadError", "DigitSetError", "ConfigError", "RunStoreError", "BackendError")
    if type(exc).__name__ in known:
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


WORKER_NICE = 5  # on a busy 2-core laptop the window's event loop gets a core before a training step does


def worker_nice() -> int:
    """How much lower the worker's CPU priority is: ``$MNIST_STUDIO_WORKER_NICE``, else ``WORKER_NICE``; 0 keeps
    the window's."""
    try:
        return max(0, int(os.environ.get("MNIST_STUDIO_WORKER_NICE", WORKER_NICE)))
    except ValueError:
        return WORKER_NICE


def lower_priority() -> None:
    """The worker yields the CPU to the window: the pen and the charts never wait behind a training step.
    (An idle window costs the training nothing.) POSIX here; on Windows the client starts the worker "below
    normal" (``client.KerasWorker.start``)."""
    step = worker_nice()
    if step > 0 and hasattr(os, "nice"):
        try:
            os.nice(step)
        except OSError:
            pass


def main(conn, control, backend_name: str | None = None) -> None:
    """The worker's loop: Keras up, then one job at a time until the window says ``None`` or goes away."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    lower_priority()
    from mnist_studio.runtime import backend

    try:
        if backend_name:
            backend.select(backend_name)
        backend.import_keras_quietly()
        import logging

        logging.getLogger("tensorflow").setLevel(logging.ERROR)  # no "retracing" lines in the teacher's terminal
        _inject(os.environ.get("MNIST_STUDIO_WORKER_INJECT", ""))
        conn.send(Reply(0, "ready", {"backend": backend.current(), "pid": os.getpid()}))
    except (BrokenPipeError, EOFError, ConnectionError):
        return  # the window closed while Keras was starting
    except Exception as exc:  # noqa: BLE001 - the window says why and keeps drawing with numpy
        try:
            conn.send(Reply(0, "error", f"Keras could not start: {user_message(exc)}"))
        except (OSError, EOFError):
            pass
        return
    jobs = Jobs(conn.send)
    threading.Thread(target=jobs.control, args=(control,), daemon=True, name="control").start()
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):  # the window has gone
            return
        if request is None:
            return
        jobs.begin(request.job)
        try:
            if request.kind not in KINDS:
                raise ValueError(f"unknown job {request.kind!r}")
            payload = getattr(jobs, request.kind)(**request.params)
            conn.send(Reply(request.job, "result", payload))
        except (BrokenPipeError, ConnectionError):
            return  # the window has gone mid-job
        except Exception as exc:  # noqa: BLE001 - one job's failure is that job's only
            if os.environ.get("MNIST_STUDIO_WORKER_TRACE"):
                traceback.print_exc()
            try:
                conn.send(Reply(request.job, "error", messages.as_payload(exc, user_message(exc))))
            except OSError:
                return
        finally:
            backend.clear_session()


def _inject(fault: str) -> None:
    """Tests only (``$MNIST_STUDIO_WORKER_INJECT``): make this worker's Keras fail the way hardware does.
    ``oom``: every ``fit`` runs out of memory, as a GPU too small for the batch would."""
    if fault == "oom":
        from mnist_studio.runtime.backend import keras

        def out_of_memory(self, *args, **kwargs):
            raise MemoryError("OOM when allocating tensor with shape [128,16,28,28]")

        keras.Model.fit = out_of_memory


def connect_and_serve(address: str) -> None:
    """``python -m mnist_studio.worker.process ADDRESS``: the key comes in ``$MNIST_STUDIO_WORKER_KEY``."""
    from multiprocessing.connection import Client

    key = bytes.fromhex(os.environ.pop("MNIST_STUDIO_WORKER_KEY", ""))
    conn = Client(address, authkey=key)
    control = Client(address, authkey=key)
    try:
        main(conn, control, os.environ.get("MNIST_STUDIO_WORKER_BACKEND") or None)
    finally:
        # Leave without the interpreter's teardown: the backend's own threads (TensorFlow's thread pools) and
        # the daemon control thread can abort a process that finalizes around them. Everything is saved.
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError, AttributeError):
                pass
        os._exit(0)


if __name__ == "__main__":
    from mnist_studio.worker import process  # this module under its own name: what it sends unpickles there

    process.connect_and_serve(sys.argv[1])

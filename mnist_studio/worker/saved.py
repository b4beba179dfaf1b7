"""What the worker's training and fine-tune jobs answer: typed, so no side writes into the core's results."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SavedJob:
    """A training's or a fine-tune's end, as it crosses the pipe.

    ``result``: the core's ``TrainResult`` or ``FinetuneResult``, its Keras model left in the worker (the model's
    file has it); ``record``: the run the store saved (None: not saved); ``model_path``: that run's ``.keras``
    file, or, for a run the store refused, an unsaved copy in the temp folder for "Save model as…";
    ``save_error``: why the store refused the run ("" when it did not)."""

    result: object
    record: object | None = None
    model_path: str | None = None
    save_error: str = ""

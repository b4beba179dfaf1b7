"""A worded error in the user's language: a ``DigitSetError``, a ``ModelLoadError``, or a worker job's error
that carries one (``runtime.messages``). The core raises English templates (``%1`` for the file and such),
marked here for lupdate and translated at run time. A message with no template (raised elsewhere as plain
text) is shown as it is. (The context keeps its first name, DigitSetError, for the translation file.)"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from mnist_studio.runtime.messages import fill

CONTEXT = "DigitSetError"

MARKED = [  # every template (a constant first argument) the core raises; tests/test_mydigits_tab.py checks it
    QT_TRANSLATE_NOOP("DigitSetError", "%1: x must be (N, 28, 28) images, got shape %2"),
    QT_TRANSLATE_NOOP("DigitSetError", "%1: x must be uint8 (0-255, white ink on black), got %2"),
    QT_TRANSLATE_NOOP("DigitSetError", "%1: y must be (N,) whole numbers, got %2 %3"),
    QT_TRANSLATE_NOOP("DigitSetError", "%1: %2 images but %3 labels"),
    QT_TRANSLATE_NOOP("DigitSetError", "%1 is empty: draw or import some digits first"),
    QT_TRANSLATE_NOOP("DigitSetError", "%1: labels must be 0-9; sample %2 has %3"),
    QT_TRANSLATE_NOOP("DigitSetError", "%1: writer must be (N,) strings, got %2 %3"),
    QT_TRANSLATE_NOOP("DigitSetError", "%1: strokes for %2 samples but %3 labels"),
    QT_TRANSLATE_NOOP("DigitSetError", "%1: samples %2 and %3 are identical (%4 duplicate(s)); remove the copies"),
    QT_TRANSLATE_NOOP("DigitSetError", "%1: the stroke arrays (points, stroke_starts, sample_starts) do not fit together"),  # noqa: E501
    QT_TRANSLATE_NOOP("DigitSetError", "%1: no such file"),
    QT_TRANSLATE_NOOP("DigitSetError", "%1: a single array, not a digit set (.npz with x and y)"),
    QT_TRANSLATE_NOOP("DigitSetError", "%1 is unreadable or truncated: not a .npz digit set"),
    QT_TRANSLATE_NOOP("DigitSetError", "%1: writer must be strings, got %2"),
    QT_TRANSLATE_NOOP("DigitSetError", "%1: made by a newer MNIST Studio (format %2); update the app"),
    QT_TRANSLATE_NOOP("DigitSetError", "%1 is too large for a digit set (%2 MB of arrays; at most %3 MB)"),
    QT_TRANSLATE_NOOP("DigitSetError", "nothing to merge: choose at least one set"),
    QT_TRANSLATE_NOOP("DigitSetError", "these sets were made with different preprocessing versions (%1); open each older set in My digits and save it (that re-renders it) before merging"),  # noqa: E501
    QT_TRANSLATE_NOOP("DigitSetError", "a digit's label must be 0-9, got %1"),
    QT_TRANSLATE_NOOP("DigitSetError", "the drawing is blank"),
    QT_TRANSLATE_NOOP("DigitSetError", "this drawing is identical to digit %1 of the set; not added twice"),
    QT_TRANSLATE_NOOP("DigitSetError", "could not write %1: %2"),
    QT_TRANSLATE_NOOP("DigitSetError", "%1 cannot be read: %2"),
    QT_TRANSLATE_NOOP("DigitSetError", "%1 is unreadable or truncated: %2"),
    QT_TRANSLATE_NOOP("DigitSetError", "%1 is unreadable or truncated (not a .npz digit set): %2"),
    QT_TRANSLATE_NOOP("DigitSetError", "%1 is too large to read as a digit set"),
    QT_TRANSLATE_NOOP("DigitSetError", "%1 is not a digit set: it lacks %2"),
    QT_TRANSLATE_NOOP("DigitSetError", "%1: holds Python objects (pickle); refused for safety"),
    QT_TRANSLATE_NOOP("DigitSetError", "%1 sample %2 is identical to %3 sample %4: was the same set imported twice?"),  # noqa: E501
    # model files (prediction.inference), read in the window or in the worker process
    QT_TRANSLATE_NOOP("DigitSetError", "%1: no such model file"),
    QT_TRANSLATE_NOOP("DigitSetError", "%1 is not a Keras model file (.keras archive)"),
    QT_TRANSLATE_NOOP("DigitSetError", "%1: this model file %2; it was not loaded (refused for safety)"),
    QT_TRANSLATE_NOOP("DigitSetError", "%1: %2; it was not loaded"),
    QT_TRANSLATE_NOOP("DigitSetError", "%1 is too large to be a model: %2 files, %3 MB unpacked (at most %4 MB); it was not loaded"),  # noqa: E501
    QT_TRANSLATE_NOOP("DigitSetError", "%1: its config.json is over %2 MB, too large to describe a model; it was not loaded"),  # noqa: E501
    QT_TRANSLATE_NOOP("DigitSetError", "%1 is not a Keras model file: config.json is not a model description"),
    QT_TRANSLATE_NOOP("DigitSetError", "%1: its config.json is nested too deeply to describe a model; it was not loaded"),  # noqa: E501
    QT_TRANSLATE_NOOP("DigitSetError", "%1 is not a Keras model file: %2"),
    QT_TRANSLATE_NOOP("DigitSetError", "%1 was refused by Keras safe mode: %2"),
    QT_TRANSLATE_NOOP("DigitSetError", "%1 could not be loaded as a Keras model: %2"),
    QT_TRANSLATE_NOOP("DigitSetError", "%1 has no single input and output"),
    QT_TRANSLATE_NOOP("DigitSetError", "%1 expects input %2; an MNIST model takes 28x28 images (28, 28), (28, 28, 1) or (784,)"),  # noqa: E501
    QT_TRANSLATE_NOOP("DigitSetError", "%1 outputs %2; an MNIST model outputs 10 class scores"),
    QT_TRANSLATE_NOOP("DigitSetError", "its weights hold an array of %1 numbers, more than a model here may have (%2); it was not loaded"),  # noqa: E501
    # fine-tuning (networks.finetune_split, networks.finetune), raised in the worker process
    QT_TRANSLATE_NOOP("DigitSetError", "%1 has only the digit %2: fine-tuning needs at least two different digits (it would learn to answer that digit for everything)"),  # noqa: E501
    QT_TRANSLATE_NOOP("DigitSetError", "too few digits to hold any out for scoring: draw at least two of some digit"),  # noqa: E501
    QT_TRANSLATE_NOOP("DigitSetError", "after holding digits out for scoring, the training part has only one digit; draw more digits"),  # noqa: E501
    QT_TRANSLATE_NOOP("DigitSetError", "%1: no such model file or run folder (was its run deleted?)"),
    QT_TRANSLATE_NOOP("DigitSetError", "%1 is neither a shipped model (mlp, cnn), a .keras file nor a run id"),
]

PHRASES = {  # values that are words, not names or numbers
    QT_TRANSLATE_NOOP("DigitSetError", "the set"),
    QT_TRANSLATE_NOOP("DigitSetError", "x and y"),
}


def error_text(exc: Exception) -> str:
    """``exc``'s message in the current language (English when it has no template or no translation)."""
    template = getattr(exc, "template", None)
    if template is None:
        return str(exc)
    values = [QCoreApplication.translate(CONTEXT, v) if v in PHRASES else v for v in exc.values]
    return fill(QCoreApplication.translate(CONTEXT, template), values)

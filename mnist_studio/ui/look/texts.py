"""Translatable names for things the Qt-free core names in English (presets, device reasons)."""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

_MARKED = [  # lupdate reads these; translate() looks them up at run time
    QT_TRANSLATE_NOOP("Presets", "MLP (tuned)"),
    QT_TRANSLATE_NOOP("Presets", "CNN (tuned)"),
    QT_TRANSLATE_NOOP("Presets", "MLP 256 (course notes)"),
    QT_TRANSLATE_NOOP("Presets", "MLP 1000 (course notes)"),
    QT_TRANSLATE_NOOP("Presets", "CNN (course notes)"),
    QT_TRANSLATE_NOOP("Presets", "Dense 512-256 with dropout, one-cycle learning rate."),
    QT_TRANSLATE_NOOP("Presets", "Three small 3x3 conv layers (16-32-64), Dense 128 with dropout, light augmentation, one-cycle learning rate."),  # noqa: E501
    QT_TRANSLATE_NOOP("Presets", "Flatten -> Dense 256 relu -> 10 softmax."),
    QT_TRANSLATE_NOOP("Presets", "Flatten -> Dense 1000 relu -> 10 softmax."),
    QT_TRANSLATE_NOOP("Presets", "Conv 5x5x32 -> pool -> Conv 2x2x64 -> pool -> dropout -> Dense 1000 -> 10."),
    QT_TRANSLATE_NOOP("Presets", "Softmax only (course notes)"),
    QT_TRANSLATE_NOOP("Presets", "Overfitting demo"),
    QT_TRANSLATE_NOOP("Presets", "MLP (your design)"),
    QT_TRANSLATE_NOOP("Presets", "CNN (your design)"),
    QT_TRANSLATE_NOOP("Presets", "A network with no hidden layer: Flatten -> Dense 10 softmax (multinomial logistic regression), about 92 %."),  # noqa: E501
    QT_TRANSLATE_NOOP("Presets", "Small data, no augmentation: an MLP 512-512 on 1,500 images (1,000 to learn from, 500 kept back to check it) for 40 epochs. Watch validation loss turn up while training loss keeps falling."),  # noqa: E501
    QT_TRANSLATE_NOOP("Presets", "Your hidden layers: units per layer, activation and dropout."),
    QT_TRANSLATE_NOOP("Presets", "Your conv blocks (filters per block, kernel size, pooling) and dense head, with light augmentation."),  # noqa: E501
    QT_TRANSLATE_NOOP("Device", "this TensorFlow build has no CUDA support"),
    QT_TRANSLATE_NOOP("Device", "no CUDA driver or GPU detected"),
    QT_TRANSLATE_NOOP("Device", "CPU — no GPU found (%1)"),
]


def preset_text(text: str) -> str:
    return QCoreApplication.translate("Presets", text)


def device_text(text: str) -> str:
    return QCoreApplication.translate("Device", text)


def device_label_text(text: str) -> str:
    """A device label as the core writes it into run records ("TensorFlow · CPU — no GPU found (reason)"),
    in the UI's language."""
    m = re.fullmatch(r"(.*) · CPU — no GPU found \((.*)\)", text or "")
    if m is None:
        return text
    return f"{m.group(1)} · " + QCoreApplication.translate("Device", "CPU — no GPU found (%1)").replace(
        "%1", device_text(m.group(2)))

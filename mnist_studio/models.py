"""Model presets: a frozen dataclass of hyper-parameters plus a short Keras builder each.

Every model maps a (N, 28, 28) float32 batch in [0, 1] to (N, 10) softmax probabilities.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

ARCH_MLP = "mlp"
ARCH_CNN = "cnn"


@dataclass(frozen=True)
class Preset:
    name: str
    arch: str  # "mlp" or "cnn"
    title: str
    description: str
    epochs: int
    batch_size: int
    learning_rate: float
    optimizer: str = "adam"
    schedule: str = "constant"  # "constant" or "onecycle"
    augment: bool = False
    builder: Callable = field(default=None, repr=False, compare=False)

    def build(self, seed: int | None = None):
        from mnist_studio.backend import keras

        if seed is not None:
            keras.utils.set_random_seed(seed)
        return self.builder()

    def hyperparameters(self) -> dict:
        return {
            "epochs": self.epochs,
            "batch_size": self.batch_size,
            "learning_rate": self.learning_rate,
            "optimizer": self.optimizer,
            "schedule": self.schedule,
            "augment": self.augment,
        }


def _mlp_seed(units: int):
    from mnist_studio.backend import keras

    layers = keras.layers

    return keras.Sequential(
        [
            keras.Input((28, 28)),
            layers.Flatten(),
            layers.Dense(units, activation="relu"),
            layers.Dense(10, activation="softmax"),
        ],
        name=f"mlp_seed_{units}",
    )


def _cnn_seed():
    from mnist_studio.backend import keras

    layers = keras.layers

    return keras.Sequential(
        [
            keras.Input((28, 28)),
            layers.Reshape((28, 28, 1)),
            layers.Conv2D(32, 5, padding="same", activation="relu"),
            layers.MaxPooling2D(2),
            layers.Conv2D(64, 2, padding="same", activation="relu"),
            layers.MaxPooling2D(2),
            layers.Dropout(0.25),
            layers.Flatten(),
            layers.Dense(1000, activation="relu"),
            layers.Dense(10, activation="softmax"),
        ],
        name="cnn_seed",
    )


def _mlp():
    from mnist_studio.backend import keras

    layers = keras.layers

    return keras.Sequential(
        [
            keras.Input((28, 28)),
            layers.Flatten(),
            layers.Dense(512, activation="relu"),
            layers.Dropout(0.2),
            layers.Dense(256, activation="relu"),
            layers.Dropout(0.2),
            layers.Dense(10, activation="softmax"),
        ],
        name="mlp",
    )


def _cnn():
    from mnist_studio.backend import keras

    layers = keras.layers

    inputs = keras.Input((28, 28))
    x = layers.Reshape((28, 28, 1))(inputs)
    x = layers.Conv2D(16, 3, padding="same", activation="relu")(x)
    x = layers.MaxPooling2D(2)(x)  # 14x14
    x = layers.Conv2D(32, 3, padding="same", activation="relu")(x)
    x = layers.MaxPooling2D(2)(x)  # 7x7
    x = layers.Conv2D(64, 3, padding="same", activation="relu")(x)
    x = layers.Flatten()(x)
    x = layers.Dense(128, activation="relu")(x)
    x = layers.Dropout(0.4)(x)
    outputs = layers.Dense(10, activation="softmax")(x)
    return keras.Model(inputs, outputs, name="cnn")


PRESETS: dict[str, Preset] = {
    p.name: p
    for p in [
        Preset("mlp", ARCH_MLP, "MLP (tuned)", "Dense 512-256 with dropout, one-cycle learning rate.",
               epochs=8, batch_size=256, learning_rate=3e-3, schedule="onecycle", builder=_mlp),
        Preset("cnn", ARCH_CNN, "CNN (tuned)", "Three small 3x3 conv layers (16-32-64), Dense 128 with dropout, "
               "light augmentation, one-cycle learning rate.",
               epochs=8, batch_size=128, learning_rate=3e-3, schedule="onecycle", augment=True, builder=_cnn),
        Preset("mlp-seed-256", ARCH_MLP, "MLP 256 (course notes)", "Flatten -> Dense 256 relu -> 10 softmax.",
               epochs=10, batch_size=100, learning_rate=1e-3, builder=lambda: _mlp_seed(256)),
        Preset("mlp-seed-1000", ARCH_MLP, "MLP 1000 (course notes)", "Flatten -> Dense 1000 relu -> 10 softmax.",
               epochs=10, batch_size=100, learning_rate=1e-3, builder=lambda: _mlp_seed(1000)),
        Preset("cnn-seed", ARCH_CNN, "CNN (course notes)", "Conv 5x5x32 -> pool -> Conv 2x2x64 -> pool -> "
               "dropout -> Dense 1000 -> 10.",
               epochs=5, batch_size=32, learning_rate=1e-3, builder=_cnn_seed),
    ]
}


def get_preset(name: str) -> Preset:
    try:
        return PRESETS[name]
    except KeyError:
        raise ValueError(f"unknown preset {name!r}; choose one of {', '.join(PRESETS)}") from None


@dataclass(frozen=True)
class LayerRow:
    name: str
    kind: str
    output_shape: str
    params: int


def summarize(model) -> list[LayerRow]:
    """The model summary as data (for the UI's architecture table)."""
    rows = []
    for layer in model.layers:
        try:
            shape = layer.output.shape
        except (AttributeError, ValueError):
            shape = None
        rows.append(
            LayerRow(
                name=layer.name,
                kind=type(layer).__name__,
                output_shape=str(tuple(shape)).replace("None", "N") if shape is not None else "?",
                params=int(layer.count_params()) if layer.built else 0,
            )
        )
    return rows

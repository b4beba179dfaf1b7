"""Every preset's network as a list of layer specs, one source for two readers: Keras builds the model from
it (``build``, in the worker process), and the window describes it without Keras (``describe``: the Train
tab's layer table, at once, as you type).

A spec is ``(Keras layer class name, its arguments)``; every network is a chain from a (28, 28) input.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

Spec = tuple[str, dict]


@dataclass(frozen=True)
class LayerRow:
    name: str
    kind: str
    output_shape: str
    params: int


def mlp_seed(units: int) -> list[Spec]:
    return [("Flatten", {}), ("Dense", dict(units=units, activation="relu")),
            ("Dense", dict(units=10, activation="softmax"))]


def cnn_seed() -> list[Spec]:
    return [("Reshape", dict(target_shape=(28, 28, 1))),
            ("Conv2D", dict(filters=32, kernel_size=5, padding="same", activation="relu")),
            ("MaxPooling2D", dict(pool_size=2)),
            ("Conv2D", dict(filters=64, kernel_size=2, padding="same", activation="relu")),
            ("MaxPooling2D", dict(pool_size=2)),
            ("Dropout", dict(rate=0.25)),
            ("Flatten", {}),
            ("Dense", dict(units=1000, activation="relu")),
            ("Dense", dict(units=10, activation="softmax"))]


def mlp() -> list[Spec]:
    return custom_mlp(hidden=(512, 256), activation="relu", dropout=0.2)


def cnn() -> list[Spec]:
    """Three small 3x3 conv layers (16-32-64; no pooling after the last), Dense 128 with dropout."""
    conv = custom_cnn(conv=(16, 32, 64), kernel=3, pool=True, dense=(128,), activation="relu", dropout=0.4)
    del conv[6]  # the third block's pooling: 7x7x64 go to the dense head
    return conv


def softmax() -> list[Spec]:
    return [("Flatten", {}), ("Dense", dict(units=10, activation="softmax"))]


def custom_mlp(hidden=(512, 256), activation="relu", dropout=0.2) -> list[Spec]:
    """Flatten -> [Dense(units, activation) -> Dropout] per hidden layer -> Dense(10, softmax)."""
    return [("Flatten", {}), *_dense_head(hidden, activation, dropout)]


def _dense_head(units_per_layer, activation: str, dropout: float) -> list[Spec]:
    """[Dense(units, activation) -> Dropout] per layer -> Dense(10, softmax)."""
    spec: list[Spec] = []
    for units in units_per_layer:
        spec.append(("Dense", dict(units=units, activation=activation)))
        if dropout:
            spec.append(("Dropout", dict(rate=dropout)))
    return [*spec, ("Dense", dict(units=10, activation="softmax"))]


def custom_cnn(conv=(16, 32, 64), kernel=3, pool=True, dense=(128,), activation="relu", dropout=0.4) -> list[Spec]:
    """[Conv2D(filters, kernel) -> MaxPool 2x2] per block -> Flatten -> Dense head (dropout) -> 10 softmax."""
    spec: list[Spec] = [("Reshape", dict(target_shape=(28, 28, 1)))]
    for filters in conv:
        spec.append(("Conv2D", dict(filters=filters, kernel_size=kernel, padding="same", activation=activation)))
        if pool:
            spec.append(("MaxPooling2D", dict(pool_size=2)))
    return [*spec, ("Flatten", {}), *_dense_head(dense, activation, dropout)]


def build(spec: list[Spec], name: str):
    """The Keras model of ``spec`` (imports Keras)."""
    from mnist_studio.runtime.backend import keras

    return keras.Sequential([keras.Input((28, 28)), *(getattr(keras.layers, kind)(**args) for kind, args in spec)],
                            name=name)


_SNAKE = {"Conv2D": "conv2d", "MaxPooling2D": "max_pooling2d", "Dense": "dense", "Dropout": "dropout",
          "Flatten": "flatten", "Reshape": "reshape"}


def describe(spec: list[Spec]) -> list[LayerRow]:
    """The layer table of ``spec`` without Keras: Keras' default names, output shapes, parameter counts."""
    shape: tuple = (28, 28)
    rows, seen = [], {}
    for kind, args in spec:
        params = 0
        if kind == "Flatten":
            shape = (math.prod(shape),)
        elif kind == "Reshape":
            shape = tuple(args["target_shape"])
        elif kind == "Dense":
            params = shape[-1] * args["units"] + args["units"]
            shape = (*shape[:-1], args["units"])
        elif kind == "Conv2D":
            k = args["kernel_size"]
            params = k * k * shape[-1] * args["filters"] + args["filters"]
            shape = (*shape[:2], args["filters"]) if args.get("padding") == "same" else \
                (shape[0] - k + 1, shape[1] - k + 1, args["filters"])
        elif kind == "MaxPooling2D":
            p = args["pool_size"]
            shape = (shape[0] // p, shape[1] // p, shape[2])
        elif kind != "Dropout":
            raise ValueError(f"no description for a {kind} layer")
        base = _SNAKE[kind]
        count = seen.get(base, 0)
        seen[base] = count + 1
        rows.append(LayerRow(name=base if count == 0 else f"{base}_{count}", kind=kind,
                             output_shape=str((None, *shape)).replace("None", "N"), params=params))
    return rows

"""Model presets: a frozen dataclass of hyper-parameters plus a short Keras builder each.

Every model maps a (N, 28, 28) float32 batch in [0, 1] to (N, 10) softmax probabilities. Two presets
(``mlp-custom``, ``cnn-custom``) are built from the architecture fields a user types in (see
``ARCH_FIELDS``); ``parse_layers`` reads them, ``check_architecture`` validates them and ``estimate``
counts their parameters without building anything.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from mnist_studio.networks import architectures
from mnist_studio.networks.architectures import LayerRow

__all__ = ["ACTIVATIONS", "ARCH_FIELDS", "PRESETS", "ConfigError", "LayerRow", "Preset", "architecture",
           "build_model", "describe", "estimate", "get_preset", "parse_layers", "summarize"]

ARCH_MLP = "mlp"
ARCH_CNN = "cnn"
ACTIVATIONS = ("relu", "tanh", "sigmoid", "gelu")
ARCH_FIELDS = ("hidden", "activation", "dropout", "conv", "kernel", "pool", "dense")
MAX_PARAMS = 20_000_000  # about 320 MB to train (weights, gradients and two Adam moments in float32)
MAX_UNITS = 16_384
TRAIN_BYTES_PER_PARAM = 16


class ConfigError(ValueError):
    """A bad hyper-parameter; ``field`` names it so the UI can highlight it."""

    def __init__(self, field_name: str, message: str):
        super().__init__(message)
        self.field = field_name


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
    subset: int | None = None  # default training-pool size (None = all images)
    validation_size: int | None = None  # default validation size (None = 10 %, at most 5,000)
    design: dict | None = None  # default architecture fields for a "design your own" preset

    @property
    def custom(self) -> bool:
        return self.design is not None

    def build(self, seed: int | None = None, **arch):
        """The model; a custom preset takes architecture fields (missing ones: the preset's defaults)."""
        from mnist_studio.runtime.backend import keras

        if seed is not None:
            keras.utils.set_random_seed(seed)
        if not self.custom:
            return self.builder()
        return self.builder(**{**self.design, **{k: v for k, v in arch.items() if v is not None}})

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
    return architectures.build(architectures.mlp_seed(units), f"mlp_seed_{units}")


def _cnn_seed():
    return architectures.build(architectures.cnn_seed(), "cnn_seed")


def _mlp():
    return architectures.build(architectures.mlp(), "mlp")


def _cnn():
    return architectures.build(architectures.cnn(), "cnn")


def _softmax():
    return architectures.build(architectures.softmax(), "softmax")


def _overfit():
    return build_custom_mlp(hidden=(512, 512), activation="relu", dropout=0.0, name="overfit_demo")


def build_custom_mlp(hidden=(512, 256), activation="relu", dropout=0.2, name="mlp_custom"):
    """Flatten -> [Dense(units, activation) -> Dropout] per hidden layer -> Dense(10, softmax)."""
    return architectures.build(architectures.custom_mlp(hidden, activation, dropout), name)


def build_custom_cnn(conv=(16, 32, 64), kernel=3, pool=True, dense=(128,), activation="relu", dropout=0.4,
                     name="cnn_custom"):
    """[Conv2D(filters, kernel) -> MaxPool 2x2] per block -> Flatten -> Dense head (dropout) -> 10 softmax."""
    return architectures.build(architectures.custom_cnn(conv, kernel, pool, dense, activation, dropout), name)


_SPECS = {"mlp": architectures.mlp, "cnn": architectures.cnn, "mlp-seed-256": lambda: architectures.mlp_seed(256),
          "mlp-seed-1000": lambda: architectures.mlp_seed(1000), "cnn-seed": architectures.cnn_seed,
          "softmax": architectures.softmax,
          "overfit-demo": lambda: architectures.custom_mlp(hidden=(512, 512), activation="relu", dropout=0.0)}


def describe(config) -> list[LayerRow]:
    """The layer table of the model a ``TrainConfig`` describes, without Keras (raises ``ConfigError``)."""
    p = get_preset(config.preset)
    if not p.custom:
        return architectures.describe(_SPECS[config.preset]())
    arch = architecture(config.preset, **{k: getattr(config, k, None) for k in ARCH_FIELDS})
    maker = architectures.custom_mlp if p.arch == ARCH_MLP else architectures.custom_cnn
    return architectures.describe(maker(**arch))


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
        Preset("softmax", ARCH_MLP, "Softmax only (course notes)", "A network with no hidden layer: "
               "Flatten -> Dense 10 softmax (multinomial logistic regression), about 92 %.",
               epochs=5, batch_size=128, learning_rate=1e-3, builder=_softmax),
        Preset("overfit-demo", ARCH_MLP, "Overfitting demo", "Small data, no augmentation: an MLP 512-512 on "
               "1,500 images (1,000 to learn from, 500 kept back to check it) for 40 epochs. Watch validation loss "
               "turn up while training loss keeps falling.",
               epochs=40, batch_size=32, learning_rate=1e-3, builder=_overfit, subset=1500, validation_size=500),
        Preset("mlp-custom", ARCH_MLP, "MLP (your design)", "Your hidden layers: units per layer, activation "
               "and dropout.", epochs=8, batch_size=256, learning_rate=3e-3, schedule="onecycle",
               builder=build_custom_mlp, design=dict(hidden=(512, 256), activation="relu", dropout=0.2)),
        Preset("cnn-custom", ARCH_CNN, "CNN (your design)", "Your conv blocks (filters per block, kernel size, "
               "pooling) and dense head, with light augmentation.", epochs=8, batch_size=128, learning_rate=3e-3,
               schedule="onecycle", augment=True, builder=build_custom_cnn,
               design=dict(conv=(16, 32, 64), kernel=3, pool=True, dense=(128,), activation="relu", dropout=0.4)),
    ]
}


def get_preset(name: str) -> Preset:
    try:
        return PRESETS[name]
    except KeyError:
        raise ValueError(f"unknown preset {name!r}; choose one of {', '.join(PRESETS)}") from None


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


# Parameter counts of the fixed presets (tests check them against the built models).
PARAMS = {"mlp": 535_818, "cnn": 426_122, "mlp-seed-256": 203_530, "mlp-seed-1000": 795_010,
          "cnn-seed": 3_156_098, "softmax": 7_850, "overfit-demo": 669_706}
_FIELD_NAMES = {"hidden": "hidden layers", "conv": "conv blocks", "dense": "dense layers"}
_MLP_FIELDS = {"hidden", "activation", "dropout"}
_CNN_FIELDS = {"conv", "kernel", "pool", "dense", "activation", "dropout"}


def parse_layers(text, field_name: str = "hidden") -> tuple[int, ...]:
    """``"512,256"`` (or ``"512 256"``, or a list of ints) -> ``(512, 256)``; ``""`` -> ``()``.

    Raises ``ConfigError(field_name, ...)`` for anything that is not a list of positive whole numbers.
    """
    what = _FIELD_NAMES.get(field_name, field_name)
    if isinstance(text, str):
        parts = [p for p in re.split(r"[,\s]+", text.strip()) if p]
    elif isinstance(text, (list, tuple)):
        parts = list(text)
    else:
        raise ConfigError(field_name, f"{what} must be sizes like 512,256, got {text!r}")
    sizes = []
    for part in parts:
        try:
            if isinstance(part, bool) or (isinstance(part, float) and not part.is_integer()):
                raise ValueError
            value = int(part)
        except (TypeError, ValueError):
            raise ConfigError(field_name, f"{what}: {part!r} is not a whole number; write sizes like 512,256") from None
        if not 1 <= value <= MAX_UNITS:
            raise ConfigError(field_name, f"{what}: each size must be between 1 and {MAX_UNITS:,}, got {value}")
        sizes.append(value)
    return tuple(sizes)


def architecture(preset: str, **fields) -> dict:
    """A custom preset's architecture: its defaults overlaid with the given (non-None) fields, checked."""
    p = get_preset(preset)
    given = {k: v for k, v in fields.items() if k in ARCH_FIELDS and v is not None}
    if not p.custom:
        if given:
            name = next(iter(given))
            raise ConfigError(name, f"{name} applies to the mlp-custom and cnn-custom presets; "
                                    f"{preset} has a fixed architecture")
        return {}
    allowed = _MLP_FIELDS if p.arch == ARCH_MLP else _CNN_FIELDS
    for name in given:
        if name not in allowed:
            other = "cnn-custom" if p.arch == ARCH_MLP else "mlp-custom"
            raise ConfigError(name, f"{name} applies to {other}, not {preset}")
    arch = {**p.design, **given}
    _check(p.arch, arch)
    return arch


def _check(kind: str, arch: dict) -> None:
    activation = arch["activation"]
    if activation not in ACTIVATIONS:
        raise ConfigError("activation", f"activation must be one of {', '.join(ACTIVATIONS)}, got {activation!r}")
    dropout = arch["dropout"]
    if isinstance(dropout, bool) or not isinstance(dropout, (int, float)) or not 0 <= dropout < 1:
        raise ConfigError("dropout", f"dropout must be a fraction from 0 up to (not including) 1, got {dropout!r}")
    if kind == ARCH_MLP:
        arch["hidden"] = parse_layers(arch["hidden"], "hidden")
        if len(arch["hidden"]) > 64:
            raise ConfigError("hidden", f"at most 64 hidden layers, got {len(arch['hidden'])}")
    else:
        arch["conv"] = parse_layers(arch["conv"], "conv")
        arch["dense"] = parse_layers(arch["dense"], "dense")
        if not arch["conv"]:
            raise ConfigError("conv", "a CNN needs at least one conv block (for none, use mlp-custom)")
        if not isinstance(arch["pool"], bool):
            raise ConfigError("pool", f"pool must be true or false, got {arch['pool']!r}")
        kernel = arch["kernel"]
        if isinstance(kernel, bool) or not isinstance(kernel, int) or kernel < 1:
            raise ConfigError("kernel", f"kernel size must be a whole number of at least 1, got {kernel!r}")
        size = 28
        for block in range(1, len(arch["conv"]) + 1):
            if size < 1:
                raise ConfigError("conv", f"{len(arch['conv'])} pooled conv blocks shrink the 28x28 image to "
                                          f"nothing by block {block}; use at most 4 blocks with pooling")
            if kernel > size:
                raise ConfigError("kernel", f"kernel {kernel}x{kernel} is larger than the {size}x{size} feature "
                                            f"map at conv block {block}; use a kernel of at most {size}")
            size = size // 2 if arch["pool"] else size
        if size < 1:
            raise ConfigError("conv", f"{len(arch['conv'])} pooled conv blocks shrink the 28x28 image to nothing; "
                                      "use at most 4 blocks with pooling")
    params, parts = _count(kind, arch)
    if params > MAX_PARAMS:
        field_name = "hidden" if kind == ARCH_MLP else max(parts, key=parts.get)
        raise ConfigError(field_name, f"this network has {params:,} parameters and needs about "
                                      f"{_gb(params * TRAIN_BYTES_PER_PARAM)} to train; the limit is "
                                      f"{MAX_PARAMS:,} parameters ({_gb(MAX_PARAMS * TRAIN_BYTES_PER_PARAM)})")


def _gb(n: int) -> str:
    return f"{n / 1e9:.1f} GB" if n >= 1e9 else f"{n / 1e6:,.0f} MB"


def _count(kind: str, arch: dict) -> tuple[int, dict]:
    """(parameters, {"conv": n, "dense": n}) of a custom architecture, by formula."""
    if kind == ARCH_MLP:
        widths = [784, *arch["hidden"], 10]
        n = sum(a * b + b for a, b in zip(widths, widths[1:], strict=False))
        return n, {"hidden": n}
    conv, size, channels, k = 0, 28, 1, arch["kernel"]
    for filters in arch["conv"]:
        conv += k * k * channels * filters + filters
        channels = filters
        size = size // 2 if arch["pool"] else size
    widths = [size * size * channels, *arch["dense"], 10]
    dense = sum(a * b + b for a, b in zip(widths, widths[1:], strict=False))
    return conv + dense, {"conv": conv, "dense": dense}


def estimate(config) -> tuple[int, int]:
    """(parameters, bytes to train) of a ``TrainConfig``'s model without building it.

    Bytes: weights, gradients and two Adam moments in float32 (16 per parameter), not activations.
    Raises ``ConfigError`` for a bad architecture field (as training would).
    """
    p = get_preset(config.preset)
    if p.custom:
        arch = architecture(config.preset, **{k: getattr(config, k, None) for k in ARCH_FIELDS})
        params = _count(p.arch, arch)[0]
    else:
        params = PARAMS[config.preset]
    return params, params * TRAIN_BYTES_PER_PARAM


def build_model(config, seed: int | None = None):
    """The model a (resolved) ``TrainConfig`` describes: its preset, with its architecture fields if custom."""
    arch = architecture(config.preset, **{k: getattr(config, k, None) for k in ARCH_FIELDS})
    return get_preset(config.preset).build(seed=seed, **arch)

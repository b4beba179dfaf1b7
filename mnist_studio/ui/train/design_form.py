"""DesignForm: the model (preset, dataset, your own layers) and the hyper-parameters, validated as you type.

Every field is checked by the Qt-free core (``TrainConfig``, ``models.parse_layers``, ``split_sizes``);
a bad one is outlined in red and the message names it. ``validate()`` returns that message (or None).
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mnist_studio.networks import models, training
from mnist_studio.networks.models import PRESETS, get_preset
from mnist_studio.networks.training import OPTIMIZERS, ConfigError, TrainConfig
from mnist_studio.ui.look.texts import preset_text
from mnist_studio.ui.train.checks import dataset_problem
from mnist_studio.ui.train.form_texts import name_fields

SUBSETS = [(1000, "1,000"), (10000, "10,000"), (60000, "60,000")]
VALIDATION_SIZES = [(1000, "1,000"), (5000, "5,000"), (10000, "10,000")]
DATASETS = [("mnist", "MNIST (handwritten digits)"), ("fashion", "Fashion-MNIST (clothing)")]
ACTIVATIONS = models.ACTIVATIONS
CUSTOM = {"mlp": "mlp-custom", "cnn": "cnn-custom"}
INVALID_STYLE = "border: 2px solid #d93025;"
WARN_PARAMS = 5_000_000  # a warning (slow, memory-hungry) from here on
MAX_PARAMS = models.MAX_PARAMS  # refused: a laptop cannot train it in a lesson

translate = QCoreApplication.translate  # context "TrainTab": one context for the tab's texts


def parse_number(text: str) -> int | None:
    """'5,000', '5 000', '5_000' -> 5000; '' or 'auto' -> None; raises ValueError otherwise."""
    cleaned = text.strip().lower().replace(",", "").replace(" ", "").replace("_", "")
    if cleaned in ("", "auto"):
        return None
    return int(cleaned)


def parse_layers(text: str, field_name: str) -> tuple:
    """The core's parser: one set of rules (and messages) for the CLI and the UI."""
    return tuple(models.parse_layers(text, field_name))


def split_sizes(config: TrainConfig, n_available: int) -> tuple[int, int]:
    """(train, validation) images for ``config`` (the core's rule: 10 %, at most 5,000, by default)."""
    return training.split_sizes(config, n_available)


def preset_design(name: str) -> dict:
    """The design fields of a "design your own" preset, else {}."""
    return dict(get_preset(name).design or {})


class DesignForm(QWidget):
    """Model + hyper-parameters. ``changed`` fires on every edit; ``config()`` reads the form."""

    changed = Signal()

    def __init__(self, n_train: int = 60000, n_test: int = 10000, layer_rows=None, parent=None):
        """``layer_rows``: a callable() -> the shown preset's models.LayerRow list (the architecture table's)."""
        super().__init__(parent)
        self.n_train, self.n_test = n_train, n_test
        self._layer_rows = layer_rows

        self.preset_combo = QComboBox(objectName="presetCombo")
        for name, preset in PRESETS.items():
            self.preset_combo.addItem(preset_text(preset.title), name)
        self.description = QLabel(wordWrap=True, objectName="presetDescription")
        self.dataset_combo = QComboBox(objectName="datasetCombo")
        for key, label in DATASETS:
            self.dataset_combo.addItem(label, key)
        self.deeper_button = QPushButton(objectName="deeperButton")

        # your own network
        self.hidden_edit = QLineEdit(objectName="hiddenEdit")
        self.activation_combo = QComboBox(objectName="activationCombo")
        self.activation_combo.addItems(ACTIVATIONS)
        self.dropout_edit = QLineEdit(objectName="dropoutEdit")
        self.conv_edit = QLineEdit(objectName="convEdit")
        self.kernel_spin = QSpinBox(objectName="kernelSpin")
        self.kernel_spin.setRange(1, 99)
        self.pool_check = QCheckBox(objectName="poolCheck")
        self.dense_edit = QLineEdit(objectName="denseEdit")
        self.design_form = QFormLayout()
        self.design_rows = {}
        for key, widget in (("hidden", self.hidden_edit), ("conv", self.conv_edit), ("kernel", self.kernel_spin),
                            ("pool", self.pool_check), ("dense", self.dense_edit),
                            ("activation", self.activation_combo), ("dropout", self.dropout_edit)):
            label = QLabel()
            label.setBuddy(widget)
            self.design_form.addRow(label, widget)
            self.design_rows[key] = (label, widget)
        self.design_box = QGroupBox(objectName="designBox")
        self.design_box.setLayout(self.design_form)

        # hyper-parameters: 0 is allowed in the spin boxes so that it gets a message, not a silent revert
        self.epochs_spin = QSpinBox(objectName="epochsSpin")
        self.epochs_spin.setRange(0, 1000)
        self.batch_spin = QSpinBox(objectName="batchSizeSpin")
        self.batch_spin.setRange(0, 60000)
        self.lr_edit = QLineEdit(objectName="learningRate")
        self.optimizer_combo = QComboBox(objectName="optimizerCombo")
        self.optimizer_combo.addItems(OPTIMIZERS)
        self.subset_combo = QComboBox(objectName="subsetCombo", editable=True)
        for value, label in SUBSETS:
            self.subset_combo.addItem(label, value)
        self.validation_combo = QComboBox(objectName="validationCombo", editable=True)
        self.validation_combo.addItem("auto")
        for value, label in VALIDATION_SIZES:
            self.validation_combo.addItem(label, value)
        self.augment_check = QCheckBox(objectName="augmentCheck")
        self.keep_best_check = QCheckBox(objectName="keepBestCheck")
        self.split_label = QLabel(objectName="splitLabel", wordWrap=True)
        self.form = QFormLayout()
        self.form_labels = {}
        for key, widget in (("epochs", self.epochs_spin), ("batch_size", self.batch_spin),
                            ("learning_rate", self.lr_edit), ("optimizer", self.optimizer_combo),
                            ("subset", self.subset_combo), ("validation_size", self.validation_combo),
                            ("augment", self.augment_check), ("keep_best", self.keep_best_check)):
            label = QLabel()
            label.setBuddy(widget)
            self.form_labels[key] = label
            self.form.addRow(label, widget)
        self.form.addRow(self.split_label)
        self.params_box = QGroupBox(objectName="paramsBox")
        self.params_box.setLayout(self.form)

        self.dataset_label = QLabel()
        self.dataset_label.setBuddy(self.dataset_combo)
        top = QFormLayout()
        top.addRow(self.dataset_label, self.dataset_combo)
        self.model_box = QGroupBox(objectName="modelBox")
        self.model_layout = QVBoxLayout(self.model_box)
        self.model_layout.addWidget(self.preset_combo)
        self.model_layout.addWidget(self.description)
        self.model_layout.addLayout(top)
        self.model_layout.addWidget(self.deeper_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.model_box)
        layout.addWidget(self.design_box)
        layout.addWidget(self.params_box)

        # Narrow enough for the projector at 1280x800: combos shrink, long rows put the label above the field.
        for combo in (self.preset_combo, self.dataset_combo, self.optimizer_combo, self.activation_combo,
                      self.subset_combo, self.validation_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(6)
        for form in (self.form, self.design_form, top):
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)

        self.preset_combo.currentIndexChanged.connect(self._preset_changed)
        self.deeper_button.clicked.connect(self.make_deeper)
        for w in (self.epochs_spin, self.batch_spin, self.kernel_spin):
            w.valueChanged.connect(self.changed)
        for w in (self.lr_edit, self.hidden_edit, self.dropout_edit, self.conv_edit, self.dense_edit):
            w.textChanged.connect(self.changed)
        for w in (self.subset_combo, self.validation_combo):
            w.currentTextChanged.connect(self.changed)
        for w in (self.optimizer_combo, self.activation_combo, self.dataset_combo):
            w.currentIndexChanged.connect(self.changed)
        for w in (self.pool_check, self.augment_check, self.keep_best_check):
            w.toggled.connect(self.changed)
        self.retranslate()
        self._preset_changed()

    # -- presets ------------------------------------------------------------------------------------
    def preset_name(self) -> str:
        return self.preset_combo.currentData()

    def set_preset(self, name: str) -> None:
        """Select a preset and load its defaults (also when it was already selected)."""
        index = self.preset_combo.findData(name)
        if index < 0:
            raise ValueError(f"unknown preset {name!r}")
        if index == self.preset_combo.currentIndex():
            self._preset_changed()
        else:
            self.preset_combo.setCurrentIndex(index)

    def is_custom(self) -> bool:
        return get_preset(self.preset_name()).custom

    def arch(self) -> str:
        return get_preset(self.preset_name()).arch

    def _preset_changed(self) -> None:
        preset = get_preset(self.preset_name())
        self.blockSignals(True)
        self.epochs_spin.setValue(preset.epochs)
        self.batch_spin.setValue(preset.batch_size)
        self.lr_edit.setText(f"{preset.learning_rate:g}")
        self.optimizer_combo.setCurrentText(preset.optimizer)
        self.augment_check.setChecked(preset.augment)
        subset = preset.subset  # e.g. the overfitting demo's small pool
        if subset is not None:
            self.subset_combo.setCurrentText(f"{subset:,}")
        validation = preset.validation_size
        if validation is not None:
            self.validation_combo.setCurrentText(f"{validation:,}")
        else:
            self.validation_combo.setCurrentIndex(0)
        self.description.setText(preset_text(preset.description))
        design = preset_design(self.preset_name())
        self.hidden_edit.setText(",".join(str(v) for v in design.get("hidden", (256,))))
        self.activation_combo.setCurrentText(design.get("activation", "relu"))
        self.dropout_edit.setText(f"{design.get('dropout', 0.0):g}")
        self.conv_edit.setText(",".join(str(v) for v in design.get("conv", (16, 32))))
        self.kernel_spin.setValue(int(design.get("kernel", 3)))
        self.pool_check.setChecked(bool(design.get("pool", True)))
        self.dense_edit.setText(",".join(str(v) for v in design.get("dense", (128,))))
        self.blockSignals(False)
        self._show_design_rows()
        self.changed.emit()

    def _show_design_rows(self) -> None:
        custom, cnn = self.is_custom(), self.arch() == "cnn"
        self.design_box.setVisible(custom)
        for key, (label, widget) in self.design_rows.items():
            visible = custom and (key in ("activation", "dropout") or (key in ("conv", "kernel", "pool", "dense"))
                                  == cnn)
            label.setVisible(visible)
            widget.setVisible(visible)
        self.deeper_button.setVisible(self.arch() == "mlp" and CUSTOM["mlp"] in PRESETS)

    def current_hidden(self) -> tuple:
        """The hidden layers of the selected MLP (from the form for your own, from its layers otherwise)."""
        if self.is_custom():
            try:
                return parse_layers(self.hidden_edit.text(), "hidden")
            except ConfigError:
                return ()
        rows = self._layer_rows() if self._layer_rows is not None else []
        if rows:  # the architecture table of this preset: its Dense layers but the output one
            dense = [int(re.findall(r"\d+", r.output_shape)[-1]) for r in rows if r.kind == "Dense"]
            return tuple(dense[:-1])
        text = get_preset(self.preset_name()).description  # before TensorFlow is up: "Dense 512-256 ..."
        return tuple(int(v) for m in re.findall(r"Dense (\d+(?:-\d+)*)", text) for v in m.split("-") if v != "10")

    def make_deeper(self) -> None:
        """Seed 000's advice, as one click: the same MLP with one more hidden layer like its last one."""
        hidden = self.current_hidden()
        deeper = (*hidden, hidden[-1]) if hidden else (256,)  # no hidden layer yet (softmax): add one
        keep = (self.epochs_spin.value(), self.batch_spin.value(), self.lr_edit.text(),
                self.optimizer_combo.currentText())
        self.set_preset(CUSTOM["mlp"])
        self.hidden_edit.setText(",".join(str(v) for v in deeper))
        self.epochs_spin.setValue(keep[0])
        self.batch_spin.setValue(keep[1])
        self.lr_edit.setText(keep[2])
        self.optimizer_combo.setCurrentText(keep[3])
        self.description.setText(translate("TrainTab", "Experiment: the network you had, with one more hidden layer "
                                         "(%1). Train it and compare the runs in Evaluate.")
                                 .replace("%1", " → ".join(str(v) for v in deeper)))

    # -- reading and checking --------------------------------------------------------------------------
    def field_widgets(self) -> dict:
        return {"epochs": self.epochs_spin, "batch_size": self.batch_spin, "learning_rate": self.lr_edit,
                "optimizer": self.optimizer_combo, "subset": self.subset_combo,
                "validation_size": self.validation_combo, "validation": self.validation_combo,
                "dataset": self.dataset_combo, "preset": self.preset_combo, "hidden": self.hidden_edit,
                "activation": self.activation_combo, "dropout": self.dropout_edit, "conv": self.conv_edit,
                "kernel": self.kernel_spin, "pool": self.pool_check, "dense": self.dense_edit}

    def _design_values(self) -> dict:
        """The design fields of the selected custom preset; raises ConfigError naming a bad one."""
        if not self.is_custom():
            return {}
        text = self.dropout_edit.text().strip()
        try:
            dropout = float(text)
        except ValueError:
            raise ConfigError("dropout", translate("TrainTab", "Dropout must be a number from 0 to 0.9, "
                                                                "e.g. 0.2 (got “%1”)")
                              .replace("%1", text)) from None
        values = {"activation": self.activation_combo.currentText(), "dropout": dropout}
        if self.arch() == "mlp":
            values["hidden"] = parse_layers(self.hidden_edit.text(), "hidden")
        else:
            values["conv"] = parse_layers(self.conv_edit.text(), "conv")
            values["dense"] = parse_layers(self.dense_edit.text(), "dense")
            values["kernel"] = self.kernel_spin.value()
            values["pool"] = self.pool_check.isChecked()
        return values

    def config(self, device: str | None = None) -> TrainConfig:
        """The form as a TrainConfig; raises ConfigError for a field that cannot even be read."""
        try:
            lr = float(self.lr_edit.text())
        except ValueError:
            raise ConfigError("learning_rate", translate("TrainTab", "Learning rate must be a positive number "
                                                                      "such as 0.001, "
                                                       "got “%1”").replace("%1", self.lr_edit.text())) from None
        try:
            subset = parse_number(self.subset_combo.currentText())
        except ValueError:
            raise ConfigError("subset", translate("TrainTab", "Training images must be a whole number such as "
                                                               "10,000, got “%1”")
                              .replace("%1", self.subset_combo.currentText())) from None
        try:
            text = self.validation_combo.currentText()
            validation = None if text == self.validation_combo.itemText(0) else parse_number(text)
        except ValueError:
            message = translate("TrainTab", "Validation images must be a whole number or “auto”, got “%1”")
            raise ConfigError("validation_size", message.replace("%1", self.validation_combo.currentText())) from None
        return TrainConfig(
            preset=self.preset_name(), epochs=self.epochs_spin.value(), batch_size=self.batch_spin.value(),
            learning_rate=lr, optimizer=self.optimizer_combo.currentText(), augment=self.augment_check.isChecked(),
            subset=None if subset == self.n_train else subset, device=device, validation_size=validation,
            keep_best=self.keep_best_check.isChecked(), dataset=self.dataset_combo.currentData(),
            **self._design_values(),
        )

    def estimate(self, cfg: TrainConfig) -> tuple[int, int]:
        return models.estimate(cfg)

    def check(self, device: str | None = None) -> tuple[TrainConfig, tuple[int, int] | None]:
        """The valid config and its (params, bytes) estimate; raises ConfigError naming the bad field."""
        cfg = self.config(device)
        if cfg.subset is not None and cfg.subset < 0:
            raise ConfigError("subset", translate("TrainTab", "training-set size must be a whole number"))
        resolved = cfg.resolved()
        resolved.validate(train_size=self.n_train)
        size = self.estimate(resolved)
        if size is not None and size[0] > MAX_PARAMS:
            field_name = "hidden" if self.arch() == "mlp" else "dense"
            raise ConfigError(field_name, translate("TrainTab", "This network has %1 parameters and needs about "
                                                             "%2 of memory "
                                                  "to train: too large for a lesson (at most %3). Use fewer or "
                                                  "smaller layers.").replace("%1", f"{size[0]:,}")
                              .replace("%2", byte_size(size[1])).replace("%3", f"{MAX_PARAMS:,}"))
        split_sizes(resolved, self.n_train)
        problem = dataset_problem(resolved.dataset)
        if problem:
            raise ConfigError("dataset", problem)
        return resolved, size

    def named(self, field_name: str, message: str) -> str:
        """``message`` led by the field's label when it does not already name it ("Hidden layers: ...")."""
        widget = self.field_widgets().get(field_name)
        pairs = [(label, label.buddy()) for label in self.form_labels.values()]
        pairs += [(self.dataset_label, self.dataset_combo), *self.design_rows.values()]
        label = next((lab.text() for lab, w in pairs if w is widget), "")
        if not label or label.lower() in message.lower():
            return message
        return f"{label}: {message}"

    def highlight(self, field_name: str | None) -> None:
        for widget in set(self.field_widgets().values()):
            widget.setStyleSheet("")
        widget = self.field_widgets().get(field_name)
        if widget is not None:
            widget.setStyleSheet(INVALID_STYLE)

    def show_split(self, cfg: TrainConfig | None) -> None:
        """'55,000 train · 5,000 validation · 10,000 test' (or why it cannot be said)."""
        if cfg is None:
            self.split_label.setText(translate("TrainTab", "Split: fix the field in red first."))
            return
        try:
            train, val = split_sizes(cfg, self.n_train)
        except ConfigError:
            self.split_label.setText(translate("TrainTab", "Split: fix the field in red first."))
            return
        self.split_label.setText(translate("TrainTab", "%1 train · %2 validation · %3 test")
                                 .replace("%1", f"{train:,}")
                                 .replace("%2", f"{val:,}").replace("%3", f"{self.n_test:,}"))
        self.split_label.setToolTip(translate("TrainTab", "Validation images are held out from the training "
                                                          "images (the same "
                                            "ones every run); the test images are used once, at the end."))

    # -- text ---------------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        name_fields(self)


def byte_size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:,.0f} {unit}" if unit == "bytes" else f"{n:,.1f} {unit}"
        n /= 1024
    return f"{n:,.1f} GB"

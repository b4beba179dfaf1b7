"""The Train tab's form in the user's language: its group titles, field labels, hints and tool tips
("TrainTab" context, one context for the whole tab; lupdate reads the literal calls)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from mnist_studio.networks.models import get_preset
from mnist_studio.ui.look.texts import preset_text

translate = QCoreApplication.translate


def name_fields(form) -> None:
    """Every text of ``form`` (a DesignForm) in today's language."""
    form.model_box.setTitle(translate("TrainTab", "Model"))
    form.design_box.setTitle(translate("TrainTab", "Your network"))
    form.params_box.setTitle(translate("TrainTab", "Hyper-parameters"))
    form.dataset_label.setText(translate("TrainTab", "Data"))
    labels = {"epochs": translate("TrainTab", "Epochs"),
              "batch_size": translate("TrainTab", "Batch size"),
              "learning_rate": translate("TrainTab", "Learning rate"),
              "optimizer": translate("TrainTab", "Optimizer"),
              "subset": translate("TrainTab", "Training images"),
              "validation_size": translate("TrainTab", "Validation images"),
              "augment": translate("TrainTab", "Augmentation"),
              "keep_best": translate("TrainTab", "Early stopping")}
    for key, label in form.form_labels.items():
        label.setText(labels[key])
    design = {"hidden": translate("TrainTab", "Hidden layers"),
              "conv": translate("TrainTab", "Conv filters"),
              "kernel": translate("TrainTab", "Kernel"),
              "pool": translate("TrainTab", "Pooling"),
              "dense": translate("TrainTab", "Dense head"),
              "activation": translate("TrainTab", "Activation"),
              "dropout": translate("TrainTab", "Dropout")}
    for key, (label, _) in form.design_rows.items():
        label.setText(design[key])
    form.hidden_edit.setPlaceholderText(translate("TrainTab", "units per layer, e.g. 512,256"))
    form.hidden_edit.setToolTip(translate("TrainTab", "One number per hidden layer: its units. "
                                                      "512,256 = two layers."))
    form.conv_edit.setPlaceholderText(translate("TrainTab", "filters per block, e.g. 16,32,64"))
    form.conv_edit.setToolTip(translate("TrainTab", "One number per convolution block: its filters."))
    form.dense_edit.setPlaceholderText(translate("TrainTab", "units, e.g. 128 (empty: none)"))
    form.dropout_edit.setToolTip(translate("TrainTab", "Fraction of units switched off while training, 0 to 0.9"))
    form.kernel_spin.setSuffix(translate("TrainTab", " px"))
    form.pool_check.setText(translate("TrainTab", "2x2 max-pool per block"))
    form.deeper_button.setText(translate("TrainTab", "Experiment: make the hidden layers deeper"))
    form.deeper_button.setToolTip(translate("TrainTab", "The course notes' advice: add a hidden layer and compare"))
    form.augment_check.setText(translate("TrainTab", "shifts, rotations, zooms"))
    form.augment_check.setToolTip(translate("TrainTab", "small shifts, rotations and zooms"))
    form.keep_best_check.setText(translate("TrainTab", "keep the best epoch"))
    form.keep_best_check.setToolTip(translate("TrainTab", "Early stopping: the run keeps the weights of the "
                                                          "epoch with the lowest validation loss"))
    form.epochs_spin.setSuffix(translate("TrainTab", " epochs"))
    form.batch_spin.setSuffix(translate("TrainTab", " images"))
    form.epochs_spin.setToolTip(translate("TrainTab", "How many passes over the training images"))
    form.batch_spin.setToolTip(translate("TrainTab", "Images per gradient step"))
    form.lr_edit.setToolTip(translate("TrainTab", "Step size of the optimizer, e.g. 0.001 or 1e-3"))
    form.subset_combo.setToolTip(translate("TrainTab", "Train on fewer images for a quick class demo"))
    form.validation_combo.setToolTip(translate("TrainTab", "Held out from the training images; "
                                                           "auto = 10 %, at most 5,000"))
    form.validation_combo.setItemText(0, translate("TrainTab", "auto"))
    form.preset_combo.setToolTip(translate("TrainTab", "Which network to train"))
    for i in range(form.preset_combo.count()):
        form.preset_combo.setItemText(i, preset_text(get_preset(form.preset_combo.itemData(i)).title))
    form.dataset_combo.setItemText(0, translate("TrainTab", "MNIST (handwritten digits)"))
    form.dataset_combo.setItemText(1, translate("TrainTab", "Fashion-MNIST (clothing)"))
    form.description.setText(preset_text(get_preset(form.preset_name()).description))

"""InsideTab: what every layer of the chosen model does with the current drawing, and why it chose its digit."""

from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from mnist_studio.prediction.explain import explainer_for, weight_pictures
from mnist_studio.ui.inside.embedding_maps import EmbeddingMaps
from mnist_studio.ui.inside.texts import layer_titles, saliency_method, unit_html, weights_caption
from mnist_studio.ui.inside.widgets import build_widgets

SLOW_SALIENCY_MS = 300  # occlusion saliency (models the numpy path does not cover) once the pen pauses


class InsideTab(QWidget):
    updated = Signal()  # after every live update (tests and benchmarks wait on it)
    embeddingReady = Signal(str)  # model key
    testDigitClicked = Signal(int)  # index into the MNIST test set

    def __init__(self, parent=None, test_data=None):
        super().__init__(parent)
        self.setObjectName("insideTab")
        self._predictors: dict[str, object] = {}
        self._titles: dict[str, str] = {}
        self._errors: dict[str, str] = {}
        self._input: np.ndarray | None = None
        self._note = ""
        self._picked = False  # a model was chosen by hand: the CNN no longer takes the box when it arrives
        self._choice: int | None = None  # the digit the student picked; None: the predicted one
        self._unit: tuple[int, int] | None = None
        self._trace = None
        self._trace_explainer = None  # the explainer self._trace came from (the model may change in between)
        self._dirty = True
        self.last_update_ms = 0.0
        self.saliency_map: np.ndarray | None = None
        self.canvas = None

        build_widgets(self)
        self.maps = EmbeddingMaps(self._predictors, self.current_key, test_data, self)
        self.maps.done.connect(self._on_embedding)
        self.maps.failed.connect(self._on_embedding_failed)

        self._timer = QTimer(self, singleShot=True)
        screen = QGuiApplication.primaryScreen()
        rate = screen.refreshRate() if screen is not None and screen.refreshRate() > 1 else 60.0
        self._timer.setInterval(max(8, int(round(1000.0 / rate))))  # at most one update per screen refresh
        self._timer.timeout.connect(self.update_views)
        self._slow = QTimer(self, singleShot=True, interval=SLOW_SALIENCY_MS)
        self._slow.timeout.connect(self._slow_saliency)
        self.model_box.currentIndexChanged.connect(self._model_changed)
        self.model_box.activated.connect(self._model_picked)
        self.side.currentChanged.connect(self._update_side)
        self.digit_group.idClicked.connect(self._digit_clicked)
        self.layers.digitClicked.connect(self._digit_clicked)
        self.layers.unitClicked.connect(self.show_unit)
        self.weights.tileClicked.connect(self._weight_clicked)
        self.thumbnails.indexClicked.connect(self._thumbnail_clicked)
        self.retranslate()

    # -- models (the same API as the Draw tab) ---------------------------------------------------------
    def set_predictor(self, key: str, predictor, title: str | None = None) -> None:
        self._predictors[key] = predictor
        self._titles[key] = title or key.upper()
        self._errors.pop(key, None)
        self._add_key(key)
        self.maps.model_changed(key, start_now=self.isVisible() and key == self.current_key())
        if key == self.current_key():
            self._model_changed()

    def set_model_error(self, key: str, message: str) -> None:
        self._predictors.pop(key, None)
        self._errors[key] = message
        self._titles.setdefault(key, key.upper())
        self._add_key(key)
        if key == self.current_key():
            self._model_changed()

    def _add_key(self, key: str) -> None:
        index = self.model_box.findData(key)
        if index < 0:
            self.model_box.addItem(self._titles[key], key)
        else:
            self.model_box.setItemText(index, self._titles[key])
        if key == "cnn" and not self._picked:  # the lesson's feature maps: the tab opens on the CNN
            self.model_box.setCurrentIndex(self.model_box.findData(key))

    def _model_picked(self, *_) -> None:
        self._picked = True

    def current_key(self) -> str | None:
        return self.model_box.currentData()

    def select_model(self, key: str) -> None:
        self._picked = True
        self.model_box.setCurrentIndex(max(0, self.model_box.findData(key)))

    def predictor(self, key: str):
        """The model ``key`` (KeyError when it is not loaded)."""
        return self._predictors[key]

    def explainer(self):
        predictor = self._predictors.get(self.current_key())
        return None if predictor is None else explainer_for(predictor)

    def _model_changed(self, *_):
        key = self.current_key()
        explainer = self.explainer()
        self._unit = None
        self.unit_text.setText(self.tr("Click a unit in the layers (or a weight picture) to see its arithmetic "
                                       "with real numbers."))
        if explainer is None:
            text = self._errors.get(key) or self.tr("Loading the model…")
            self.message.setText(text)
            self.message.setVisible(True)
            self.layers.set_layers([], {})
            self.weights.set_weights("", None)
            self.embedding.set_embedding(None)
            self.embedding.set_text(text)
            self.update_views()
            return
        self.message.setText(self.tr(explainer.message) if explainer.message else "")
        self.message.setVisible(bool(explainer.message))
        for widget in (self.layers_label, self.activation_legend, self.layers_scroll):
            widget.setVisible(explainer.supported)  # no live layers: the message takes their place
        self.layers.set_layers(explainer.layers, layer_titles(explainer), explainer.classifier)
        self._show_weights(explainer)
        self.saliency_legend.setToolTip(saliency_method(explainer))  # this model's, before anything is drawn
        self._show_embedding(key)
        if self.isVisible():
            self.maps.start_first(key)  # the map on screen computes now, even while a training holds the others
        self.update_views()

    def _show_weights(self, explainer) -> None:
        pictures = weight_pictures(explainer.predictor)
        if pictures is None:
            self.weights.set_weights("", None)
            self.weights_label.setText(self.tr("This model's first layer has no weights that form pictures."))
            return
        kind, tiles = pictures
        self.weights.set_weights(kind, tiles)
        self.weights_label.setText(weights_caption(kind, tiles, explainer.supported))

    # -- the embedding map ----------------------------------------------------------------------------
    @property
    def test_data(self):
        """The test images and labels the maps are made of (None until the first map has loaded them)."""
        return self.maps.test_data

    def prefetch(self) -> None:
        """Compute every model's map in the background from now on (the window calls this once the models'
        Keras side is loaded, so the pen never shares the CPU with a map during start-up)."""
        self.maps.prefetch()

    def _on_embedding(self, key: str) -> None:
        if key == self.current_key():
            self._show_embedding(key)
            self.update_views()
        self.embeddingReady.emit(key)

    def _on_embedding_failed(self, key: str, message: str) -> None:
        if key == self.current_key():
            self.embedding.set_text(message)

    def _show_embedding(self, key: str) -> None:
        embedding = self.maps.maps.get(key)
        explainer = self.explainer()
        self.embedding.set_embedding(embedding)
        if embedding is None:
            text = self.tr("Mapping the 10,000 test digits…") if explainer is not None and \
                explainer.hidden_step is not None else self.tr("No map: %1").replace("%1", self.tr(explainer.message)
                                                                                  if explainer else "")
            self.embedding.set_text(text)
        else:
            self.embedding.set_text(self.tr("Draw a digit: it appears here as a black dot."))
            self.nearest_label.setText(self.tr("Each dot is a test digit placed by its %1 activations (PCA, "
                                               "2 of %2 dimensions). Nearest test digits (click one):").replace(
                "%1", embedding.layer).replace("%2", str(embedding.hidden.shape[1])))

    def embedding_ready(self, key: str | None = None) -> bool:
        return (key or self.current_key()) in self.maps.maps

    def hold_maps(self, held: bool) -> None:
        """While a training runs, maps of models nobody is looking at wait (each is a job in the one Keras
        worker: a Train click made after a run waited ~5 s behind the new model's map). The map on screen still
        computes, with numpy in the window while the worker trains (``EmbeddingJob``); the others start when the
        training ends."""
        self.maps.hold(held, self.current_key() if self.isVisible() else None)

    def shutdown(self) -> None:
        self.maps.shutdown()

    # -- input -------------------------------------------------------------------------------------
    def set_input(self, image28: np.ndarray | None, note: str = "") -> None:
        """The current drawing as the model input (28, 28) float32 in [0, 1], or None for a blank canvas."""
        self._input = None if image28 is None else np.asarray(image28, np.float32).reshape(28, 28)
        self._note = note
        self._dirty = True
        if self.isVisible() and not self._timer.isActive():
            self._timer.start()

    def note_text(self) -> str:
        """What the input is, when it is not a drawing: a test digit picked here, or one sent from Evaluate."""
        if self._note:
            return self._note
        drawing = self.canvas.drawing() if self.canvas is not None else None
        if drawing is None or not drawing.is_blank() or drawing.sample() is None or self._input is None:
            return ""
        from mnist_studio.ui.common.drawing import sample_caption

        return sample_caption(drawing.sample()) + "."

    def attach_drawing(self, drawing) -> None:
        """Follow a shared ``Drawing`` (ui.common.drawing) and draw on it here too (one drawing, two views)."""
        from mnist_studio.ui.common.canvas import DrawingCanvas

        # The model input still arrives through set_input (the Draw tab's update loop feeds both
        # tabs, samples sent from Evaluate included): one data flow, whichever canvas drew.
        self.canvas = DrawingCanvas(self, drawing=drawing)
        self.canvas.setObjectName("insideCanvas")
        self.canvas.setMinimumSize(150, 150)
        self.left.insertWidget(1, self.canvas, 2)

    def showEvent(self, event):
        super().showEvent(event)
        self.maps.start_first(self.current_key())
        if self._dirty:
            QTimer.singleShot(0, self.update_views)

    def update_views(self) -> None:
        """One live update: trace, saliency, layers, weights, map dot and nearest digits, unit numbers."""
        self._timer.stop()
        start = time.perf_counter()
        self._dirty = False
        x = self._input
        explainer = self.explainer()
        trace = explainer.trace(x) if explainer is not None and x is not None else None
        self._trace, self._trace_explainer = trace, explainer
        probs = trace.probs if trace is not None else None
        if probs is None and explainer is not None and x is not None:
            probs = explainer.probabilities(x)[0]
        digit = self._choice if self._choice is not None else (int(np.argmax(probs)) if probs is not None else -1)
        for d in range(10):
            self.digit_group.button(d).setChecked(d == self._choice)
        if x is None or explainer is None:
            self.saliency_map = None
            self.saliency.set_data(None, None)
        elif explainer.supported:
            self.saliency_map = explainer.saliency(x, digit)
            self.saliency.set_data(x, self.saliency_map)
        else:
            self.saliency.set_data(x, None)
            self._slow.start()
        self._show_why(digit, probs)
        self.layers.set_trace(trace, digit)
        self._update_side()
        self.last_update_ms = (time.perf_counter() - start) * 1000
        self.updated.emit()

    def _update_side(self, *_) -> None:
        """Only the side page on screen follows the pen; the others catch up when they are opened."""
        page = self.side.currentIndex()
        explainer, trace, x = self.explainer(), self._live_trace(), self._input
        if page == 0:
            self._update_map(explainer, trace)
        elif page == 1:
            first = next((i.step for i in explainer.layers if i.kind == "dense"), None) if explainer else None
            self.weights.set_drawing(x, trace.outputs[first] if trace is not None and first is not None else None)
        elif self._unit is not None:
            self._show_unit_text()

    def trace(self):
        """The last live update's forward pass (explain's trace), or None."""
        return self._trace

    def _live_trace(self):
        """The last trace if it comes from the model shown now (None while a changed model awaits its update)."""
        explainer = self.explainer()
        return self._trace if explainer is not None and self._trace_explainer is explainer else None

    def _slow_saliency(self) -> None:
        explainer = self.explainer()
        if explainer is None or self._input is None:
            return
        probs = explainer.probabilities(self._input)[0]
        digit = self._choice if self._choice is not None else int(np.argmax(probs))
        self.saliency_map = explainer.saliency(self._input, digit)
        self.saliency.set_data(self._input, self.saliency_map)

    def _show_why(self, digit: int, probs) -> None:
        if probs is None:
            self.why_label.setText(self.tr("Why this digit? Draw one to see which ink counts for it."))
            self.saliency_legend.set_text(self.tr("against"), self.tr("for"), self.tr("Evidence for the digit"))
            return
        # no live percentage here: a label whose text changes every frame re-lays out the column
        text = self.tr("Why %1? Orange ink is evidence for %1, blue against it.").replace("%1", str(digit))
        note = self.note_text()
        if note:
            text = note + " " + text
        self.why_label.setText(text)
        self.saliency_legend.set_text(self.tr("against"), self.tr("for"),
                                      self.tr("Evidence for %1").replace("%1", str(digit)))
        self.saliency_legend.setToolTip(saliency_method(self.explainer()))

    def _update_map(self, explainer, trace) -> None:
        key = self.current_key()
        embedding = self.maps.maps.get(key)
        if embedding is None or trace is None:
            self.embedding.set_point(None)
            self.thumbnails.set_items([], [], [])
            return
        step = explainer.hidden_step
        h = trace.outputs[step] if step >= 0 else trace.image
        self.embedding.set_point(embedding.project(h))
        near = embedding.nearest(h, 6)
        if list(near) != self.thumbnails.indices:
            self.thumbnails.set_items(near, self.test_data[0][near], self.test_data[1][near])

    # -- clicks ------------------------------------------------------------------------------------
    def _digit_clicked(self, digit: int) -> None:
        self._choice = None if self._choice == digit else digit
        self.update_views()

    def show_unit(self, step: int, unit: int) -> None:
        explainer = self.explainer()
        if explainer is None or not explainer.supported:
            return
        self._unit = (step, unit)
        self.layers.select(step, unit)
        self.side.setCurrentIndex(2)
        self._show_unit_text()

    def _show_unit_text(self) -> None:
        step, unit = self._unit
        explainer, trace = self.explainer(), self._live_trace()
        if trace is None or not 0 <= step < len(explainer.layers):
            self.unit_text.setText(self.tr("Draw a digit to see this unit's numbers."))
            return
        kind = explainer.layers[step].kind
        if kind not in ("dense", "conv"):
            self.unit_text.setText(self.tr("%1 has no weights: each value is the largest of a small window of "
                                           "the map above it.").replace("%1", explainer.layers[step].name))
            return
        if not 0 <= unit < explainer.layers[step].shape[-1]:
            self.unit_text.setText(self.tr("Draw a digit to see this unit's numbers."))
            return
        self.unit_text.setText(unit_html(self, explainer.unit(trace, step, unit), kind))

    def _weight_clicked(self, unit: int) -> None:
        explainer = self.explainer()
        if explainer is None or not explainer.supported:
            return
        first = next((i.step for i in explainer.layers if i.kind in ("dense", "conv")), None)
        if first is not None:
            self.show_unit(first, unit)

    def _thumbnail_clicked(self, index: int) -> None:
        self.testDigitClicked.emit(index)
        images, labels = self.test_data
        note = self.tr("Test digit #%1 (label %2).").replace("%1", str(index)).replace("%2", str(labels[index]))
        self.set_input(images[index].astype(np.float32) / 255.0, note)

    # -- look ---------------------------------------------------------------------------------------
    def set_projector(self, on: bool) -> None:
        self.layers.set_scale(2.5 if on else 2.0)
        self.thumbnails.setFixedHeight(90 if on else 60)
        # On a projector the long hint would squeeze the canvas to a stamp: it stays on the digit buttons.
        self.hint.setVisible(not on)
        if self.canvas is not None:
            self.canvas.setMinimumSize(*(2 * [220 if on else 150]))

    def retranslate(self) -> None:
        self.model_label.setText(self.tr("Model:"))
        self.hint.setText(self.tr("Pick a digit to ask “what would make it a 9?”. The map multiplies each pixel's "
                                  "ink by how much it raises that digit's odds against the other nine; erasing the "
                                  "orange ink first makes the answer fall fastest."))
        self.layers_label.setText(self.tr("Every layer, live: each tile is one feature map or unit"))
        self.activation_legend.set_text("0", self.tr("max"), self.tr("Activation, scaled per layer"))
        self.weights_legend.set_text("−", "+", self.tr("Weight: − blue, 0 white, + orange"))
        self.side.setTabText(0, self.tr("Map"))
        self.side.setTabText(1, self.tr("Weights"))
        self.side.setTabText(2, self.tr("Unit"))
        self.saliency.set_empty_text(self.tr("Draw a digit (here or in the Draw tab): this shows which ink "
                                             "made the model choose its answer."))
        self.layers.set_empty_text(self.tr("Draw a digit to light up every layer."))
        for d in range(10):
            tip = self.tr("Show the evidence for %1 (click again: the predicted digit)")
            self.digit_group.button(d).setToolTip(tip.replace("%1", str(d)) + "\n\n" + self.hint.text())
        self._model_changed()  # the model's texts, or (none loaded yet) the loading message and the empty views'

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


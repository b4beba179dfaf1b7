"""The Inside tab's widgets and their layout (the behaviour lives in ``inside_tab``)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mnist_studio.ui.common.wrapped_label import WrappedLabel
from mnist_studio.ui.inside.embedding_view import EmbeddingView, Thumbnails
from mnist_studio.ui.inside.layers_view import LayersView
from mnist_studio.ui.inside.pictures import SaliencyView, WeightPictures
from mnist_studio.ui.look.colors import SALIENCY, Legend


def build_widgets(tab) -> None:
    """Left: model, saliency, digit buttons; middle: every layer; right: map / weights / unit pages."""
    tab.model_box = QComboBox(objectName="insideModel")
    tab.model_label = QLabel()
    tab.message = QLabel(objectName="insideMessage", wordWrap=True)
    tab.message.setVisible(False)
    tab.why_label = WrappedLabel(objectName="whyLabel", wordWrap=True)
    tab.saliency = SaliencyView()
    tab.saliency_legend = Legend("diverging", lut=SALIENCY)
    tab.digit_group = QButtonGroup(tab)
    tab.digit_group.setExclusive(False)
    digits = QGridLayout()
    digits.setSpacing(3)
    for d in range(10):
        button = QPushButton(str(d), objectName=f"whyDigit{d}", checkable=True)
        button.setMinimumWidth(24)
        tab.digit_group.addButton(button, d)
        digits.addWidget(button, d // 5, d % 5)
    tab.layers_label = QLabel()
    tab.layers = LayersView()
    tab.activation_legend = Legend("sequential")
    tab.layers_scroll = scroll = QScrollArea(objectName="layersScroll")
    scroll.setWidget(tab.layers)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    tab.embedding = EmbeddingView()
    tab.nearest_label = QLabel(wordWrap=True)
    tab.thumbnails = Thumbnails()
    tab.weights = WeightPictures()
    tab.weights_label = QLabel(wordWrap=True)
    tab.weights_legend = Legend("diverging")
    tab.unit_text = QLabel(objectName="unitText", wordWrap=True)
    tab.unit_text.setTextFormat(Qt.TextFormat.RichText)
    tab.unit_text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    tab.unit_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    top = QHBoxLayout()
    top.addWidget(tab.model_label)
    top.addWidget(tab.model_box, 1)
    tab.left = QVBoxLayout()
    tab.left.addLayout(top)
    tab.left.addWidget(tab.why_label)
    tab.left.addWidget(tab.saliency)
    tab.left.addWidget(tab.saliency_legend)
    tab.left.addLayout(digits)
    tab.hint = WrappedLabel(objectName="insideHint", wordWrap=True)
    tab.hint.setForegroundRole(tab.hint.foregroundRole().PlaceholderText)
    tab.left.addWidget(tab.hint)
    tab.left.addStretch(1)
    middle = QVBoxLayout()
    middle.addWidget(tab.message, 0, Qt.AlignmentFlag.AlignTop)
    middle.addWidget(tab.layers_label)
    middle.addWidget(tab.activation_legend)
    middle.addWidget(scroll, 1)
    tab.side = QTabWidget(objectName="insideSide")
    map_page, weights_page, unit_page = QWidget(), QWidget(), QWidget()
    box = QVBoxLayout(map_page)
    box.addWidget(tab.embedding, 1)
    box.addWidget(tab.nearest_label)
    box.addWidget(tab.thumbnails)
    box = QVBoxLayout(weights_page)
    box.addWidget(tab.weights_label)
    box.addWidget(tab.weights, 1)
    box.addWidget(tab.weights_legend)
    box = QVBoxLayout(unit_page)
    box.addWidget(tab.unit_text, 1)
    tab.side.addTab(map_page, "")
    tab.side.addTab(weights_page, "")
    tab.side.addTab(unit_page, "")
    row = QHBoxLayout(tab)
    row.addLayout(tab.left, 3)
    row.addLayout(middle, 5)
    row.addWidget(tab.side, 4)

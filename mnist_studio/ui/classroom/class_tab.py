"""ClassTab (Ctrl+6): open the class to phones on the local network, show the projector its address, QR code
and join code, and the class's digits as they arrive - the wall, the models' accuracy, the class confusion
matrix, *Fooled the network* - then hand the class's digits to My digits.

The server (``mnist_studio.classroom``) runs on its own thread and calls ``predict`` there, so the models
it reads are the window's numpy predictors, never Keras. The tab polls the server's events on a timer
(``POLL_MS``): however fast digits arrive, the views refresh at most a few times a second.
"""

from __future__ import annotations

import datetime
import html
from pathlib import Path

import numpy as np
from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QMessageBox, QPushButton, QTabWidget, QVBoxLayout, QWidget

from mnist_studio.digits import handwriting as hw
from mnist_studio.ui.classroom.join_panel import ControlBar, JoinPanel
from mnist_studio.ui.classroom.results import ConfusionPage, FooledPage, accuracy
from mnist_studio.ui.classroom.server_errors import server_error_text
from mnist_studio.ui.classroom.wall import ClassWall, plain_label
from mnist_studio.ui.common.wrapped_label import WrappedLabel
from mnist_studio.ui.look import theme
from mnist_studio.ui.look.error_texts import error_text

MODEL_ORDER = ("MLP", "CNN")


def live_numpy(predictor) -> bool:
    """A predictor whose one-image pass is numpy (safe on the server's thread): an archive predictor with its
    numpy pass, or a plain object with no Keras model behind it."""
    if hasattr(predictor, "fast"):
        return predictor.fast is not None
    return not hasattr(predictor, "model")


class ClassTab(QWidget):
    """Models come in through ``set_predictor``; a class set for My digits goes out through ``teach``."""

    teach = Signal(object)  # Path of the class set saved in the digit sets folder
    message = Signal(str)  # for the status bar
    openChanged = Signal(bool)
    refreshed = Signal()  # the views show the server's latest state

    POLL_MS = 250

    def __init__(self, parent=None, round_size: int = 10):
        super().__init__(parent)
        self.setObjectName("classTab")
        self.round_size = round_size
        self.server = None  # the open class's ClassServer
        self.last_server = None  # the last class, kept after it closed: its digits can still be taught or saved
        self.students: list = []
        self.digits: list = []
        self.models: list[str] = []
        self._live: dict[str, object] = {}  # replaced whole, never mutated: read by the server's thread
        self._stale: set = set()  # result pages that have not seen the latest digits (refreshed when shown)
        self.saved = True  # the last class's digits were saved or taught since they changed

        self.bar = ControlBar()
        self.error_label = WrappedLabel(objectName="classError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #c62828;")
        self.error_label.hide()
        self.join = JoinPanel()
        self.counts = plain_label(object_name="classCounts")
        self.accuracy = WrappedLabel(objectName="classAccuracy")
        self.accuracy.setWordWrap(True)
        self.wall = ClassWall()
        self.remove_digit_button = QPushButton(objectName="removeDigitButton")
        self.remove_student_button = QPushButton(objectName="removeStudentButton")
        self.confusion = ConfusionPage(self.wall.cache)
        self.fooled = FooledPage()
        self.teach_button = QPushButton(objectName="teachClassButton")
        self.save_button = QPushButton(objectName="saveClassButton")

        wall_page = QWidget(objectName="classWallPage")
        wall_layout = QVBoxLayout(wall_page)
        wall_layout.addWidget(self.wall, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.remove_digit_button)
        buttons.addWidget(self.remove_student_button)
        buttons.addStretch(1)
        wall_layout.addLayout(buttons)
        self.views = QTabWidget(objectName="classViews")
        self.views.addTab(wall_page, "")
        self.views.addTab(self.confusion, "")
        self.views.addTab(self.fooled, "")
        right = QVBoxLayout()
        right.addWidget(self.counts)
        right.addWidget(self.accuracy)
        right.addWidget(self.views, 1)
        left = QVBoxLayout()
        left.addWidget(self.join, 1)
        left.addWidget(self.teach_button)
        left.addWidget(self.save_button)
        body = QHBoxLayout()
        body.addLayout(left, 2)
        body.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(self.error_label)
        layout.addLayout(body, 1)

        self.timer = QTimer(self, interval=self.POLL_MS)
        self.timer.timeout.connect(self.poll)
        self.views.currentChanged.connect(lambda _i: self._refresh_view())
        self.bar.open_button.clicked.connect(lambda: self.open_class())
        self.bar.close_button.clicked.connect(self.close_class)
        self.wall.removeDigit.connect(self.remove_digit)
        self.wall.removeStudent.connect(self.remove_student)
        self.wall.selectionChanged.connect(self._selection_changed)
        self.remove_digit_button.clicked.connect(lambda: self.remove_digit(self.wall.selected_digit))
        self.remove_student_button.clicked.connect(lambda: self.remove_student(self.wall.selected_student))
        self.teach_button.clicked.connect(lambda: self.teach_class())
        self.save_button.clicked.connect(self._save_dialog)
        self.retranslate()
        self._show_state()
        self._selection_changed()

    # -- models -----------------------------------------------------------------------------------
    def set_predictor(self, key: str, predictor, title: str | None = None) -> None:
        """A model for the phones' live answers, under ``title`` ("MLP", "CNN"): numpy passes only."""
        name = (title or key).upper() if key in ("mlp", "cnn") else (title or key)
        live = dict(self._live)
        if predictor is not None and live_numpy(predictor):
            live[name] = predictor
        else:
            live.pop(name, None)
        self._live = live

    def predict(self, image: np.ndarray) -> dict[str, np.ndarray]:
        """28x28 float32 -> {model: (10,) probabilities}; runs on the server's thread (numpy only)."""
        batch = np.asarray(image, np.float32).reshape(1, 28, 28)
        out = {}
        for name, predictor in self._live.items():
            if live_numpy(predictor):  # a model whose numpy pass was dropped would load Keras here
                out[name] = np.asarray(predictor.predict(batch), np.float32).reshape(-1)[:10]
        return out

    # -- the class --------------------------------------------------------------------------------
    def is_open(self) -> bool:
        return self.server is not None

    def open_class(self, host: str | None = None, port: int | None = None) -> bool:
        """Start listening on the chosen interface and port; False (and the reason shown) if that fails."""
        from mnist_studio.classroom import ClassServer, ClassServerError

        if self.server is not None:
            return True
        if not self.saved and self.digits and not self.confirm(
                self.tr("The last class's %1 digits are not saved. Open a new class anyway?")
                .replace("%1", str(len(self.digits)))):
            return False
        host = host or self.bar.host()
        port = self.bar.port() if port is None else port
        server = ClassServer(self.predict, host=host, port=port, round_size=self.round_size)
        try:
            server.start()
        except ClassServerError as exc:
            self._error(server_error_text(exc, host, port))
            return False
        except OSError as exc:
            self._error(server_error_text(exc, host, port))
            return False
        self.server = self.last_server = server
        self.students, self.digits, self.saved = [], [], True
        self.wall.selected_digit = self.wall.selected_student = None
        self.confusion.cell = None
        self._error("")
        self.timer.start()
        self.refresh()
        self._show_state()
        self.openChanged.emit(True)
        return True

    def close_class(self) -> None:
        """Stop listening and close every connection; the digits stay on the wall."""
        server, self.server = self.server, None
        self.timer.stop()
        if server is None:
            return
        self.refresh(server)
        server.stop()
        self._show_state()
        self.openChanged.emit(False)

    def shutdown(self) -> None:
        self.close_class()

    def poll(self) -> None:
        """The timer: drain the server's events; refresh the views only when something happened."""
        if self.server is None:
            return
        events = self.server.events()
        if events:
            refused = sum(e.kind == "refused" for e in events)
            if refused:
                self.message.emit(self.tr("Refused %1 bad message(s) from phones").replace("%1", str(refused)))
            self.refresh()

    def refresh(self, server=None) -> None:
        server = server or self.server or self.last_server
        if server is None:
            return
        students, digits = server.students(), server.digits()
        if [d.id for d in digits] != [d.id for d in self.digits]:
            self.saved = False
        self.students, self.digits = students, digits
        self.models = [m for m in MODEL_ORDER if any(m in d.probs for d in digits)] + sorted(
            {m for d in digits for m in d.probs} - set(MODEL_ORDER))
        self.wall.show_class(students, digits, self.models, self._tooltip)
        self._stale = {self.confusion, self.fooled}
        self._refresh_view()  # the other page catches up when it is shown
        self._show_numbers()
        self._selection_changed()
        self.refreshed.emit()

    def _refresh_view(self) -> None:
        page = self.views.currentWidget()
        if page in self._stale:
            self._stale.discard(page)
            page.show_class(self.digits, self.models, self._tooltip)

    def _tooltip(self, digit) -> str:
        """Rich text with the nickname escaped: a tooltip would otherwise render a student's tags."""
        parts = [f"{m} {int(digit.probs[m].argmax())} ({float(digit.probs[m].max()):.0%})"
                 for m in self.models if m in digit.probs]
        text = (self.tr("%1 · asked for %2 · %3").replace("%1", digit.nickname).replace("%2", str(digit.label))
                .replace("%3", ", ".join(parts)))
        return f"<p style='white-space:pre'>{html.escape(text)}</p>"

    # -- removing ---------------------------------------------------------------------------------
    def remove_digit(self, digit_id: int | None) -> None:
        server = self.server or self.last_server
        if digit_id is None or server is None:
            return
        server.remove_digit(int(digit_id))
        self.refresh(server)

    def remove_student(self, student_id: str | None, ask: bool = True) -> bool:
        server = self.server or self.last_server
        if student_id is None or server is None:
            return False
        nickname = self.wall.nicknames.get(student_id, "")
        count = sum(d.student_id == student_id for d in self.digits)
        if ask and not self.confirm(self.tr("Remove %1 and their %2 digit(s) from the class?")
                                    .replace("%1", nickname).replace("%2", str(count))):
            return False
        server.remove_student(student_id)
        self.refresh(server)
        return True

    def confirm(self, text: str) -> bool:
        """Ask yes/no; the text is plain (it may hold a student's nickname)."""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Class"), text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes

    # -- the class set ------------------------------------------------------------------------------
    def set_name(self) -> str:
        return f"class {datetime.date.today().isoformat()}"

    def class_set(self) -> hw.DigitSet | None:
        server = self.server or self.last_server
        return server.digit_set(self.set_name()) if server is not None else None

    def save_set(self, path: str | Path | None = None) -> Path | None:
        """The class's digits as a digit set (one writer per student): to ``path``, or new in the sets folder."""
        ds = self.class_set()
        if ds is None or not len(ds):
            self._error(self.tr("No digits yet: open the class and let the students draw first."))
            return None
        try:
            saved = hw.save(ds, path)
        except hw.DigitSetError as exc:
            self._error(error_text(exc))
            return None
        self.saved = True
        self._error("")
        self.message.emit(self.tr("Saved the class's %1 digits by %2 students in %3")
                          .replace("%1", str(len(ds))).replace("%2", str(len(ds.writers()))).replace("%3", str(saved)))
        return saved

    def teach_class(self) -> Path | None:
        """Save the class set in the sets folder and hand it to My digits (score, fine-tune on whole students)."""
        saved = self.save_set()
        if saved is not None:
            self.teach.emit(saved)
        return saved

    def _save_dialog(self) -> None:
        default = str(hw.sets_dir() / f"{hw.slug(self.set_name())}.npz")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the class set"), default,
                                              self.tr("Digit sets (*.npz)"))
        if path:
            self.save_set(path)

    # -- look ---------------------------------------------------------------------------------------
    def _error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def _selection_changed(self) -> None:
        self.remove_digit_button.setEnabled(self.wall.selected_digit is not None)
        self.remove_student_button.setEnabled(self.wall.selected_student is not None)

    def _show_state(self) -> None:
        server = self.server
        self.bar.set_open(server is not None)
        if server is not None:
            self.join.show_open(server.url, getattr(server, "join_url", server.url), server.code)
        else:
            self.join.show_closed()
        self.wall.set_empty_text(self._empty_texts[server is not None])
        has = bool(self.digits)
        self.teach_button.setEnabled(has)
        self.save_button.setEnabled(has)

    def _show_numbers(self) -> None:
        n_students, n_digits = len(self.students), len(self.digits)
        students = self.tr("1 student") if n_students == 1 else self.tr("%1 students").replace("%1", str(n_students))
        digits = self.tr("1 digit") if n_digits == 1 else self.tr("%1 digits").replace("%1", str(n_digits))
        self.counts.setText(f"{students} · {digits}")
        parts = []
        for model in self.models:
            acc = accuracy(self.digits, model)
            if acc is not None:
                parts.append(self.tr("%1 read %2 right").replace("%1", model).replace("%2", f"{acc:.0%}"))
        self.accuracy.setText(" · ".join(parts) if parts else self.tr("The models' accuracy shows here once "
                                                                      "digits arrive."))
        has = bool(self.digits)
        self.teach_button.setEnabled(has)
        self.save_button.setEnabled(has)

    def set_style(self, scale: float, dark: bool) -> None:
        thumb = int(56 * scale)
        self.wall.set_thumb_size(thumb)
        self.confusion.cell_strip.set_thumb_size(thumb)
        self.fooled.strip.set_thumb_size(thumb)
        self.confusion.matrix.refresh_minimum()
        self._fonts()

    def _fonts(self) -> None:
        px = theme.app_text_px()
        big = self.counts.font()
        big.setPixelSize(int(px * 1.3))
        big.setBold(True)
        self.counts.setFont(big)
        self.accuracy.setFont(big)
        self.join.set_text_px(px)

    def retranslate(self) -> None:
        self.bar.retranslate()
        self.join.retranslate()
        self.views.setTabText(0, self.tr("Wall"))
        self.views.setTabText(1, self.tr("Confusion"))
        self.views.setTabText(2, self.tr("Fooled the network"))
        self.remove_digit_button.setText(self.tr("Remove digit"))
        self.remove_student_button.setText(self.tr("Remove student…"))
        self.teach_button.setText(self.tr("Teach the class's hand"))
        self.teach_button.setToolTip(self.tr("Hand the class's digits to My digits: score the models, fine-tune "
                                             "one with whole students held out"))
        self.save_button.setText(self.tr("Save the class set…"))
        self._empty_texts = (self.tr("The class's digits appear here, by student, as they arrive."),
                             self.tr("Nobody has joined yet. Students open the address on their phones "
                                     "(or scan the code), type the join code and a nickname, and draw."))
        self.wall.set_empty_text(self._empty_texts[self.server is not None])
        self.wall.set_texts(digits=self.tr("%1 digits"), one=self.tr("1 digit"), left=self.tr("(left)"),
                            remove_digit=self.tr("Remove this digit"), remove_student=self.tr("Remove %1…"))
        self.confusion.set_texts(self.tr("Model:"), self.tr("asked for"), self.tr("read as"),
                                 self.tr("Asked for %2, the %1 read %3: %4 digit(s)"),
                                 self.tr("Click a cell to see those digits."))
        self.fooled.more_text = self.tr("… and %1 more")
        self.fooled.note.setText(self.tr("Digits a model misread, the most confident mistakes first: asked for "
                                         "→ read as, and how sure the model was."))
        self._show_numbers()
        if self.digits:
            self.refresh()
        self._fonts()

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

"""A read-only state probe for end-to-end tests (installed by ``app.run_app`` only when $MNIST_STUDIO_PROBE is set).

Every ``INTERVAL_MS`` a QTimer writes a JSON snapshot of what the tests check (tab, language, predictions,
training, dialogs...) and the global screen rectangles of the widgets they click, atomically (temporary
file + ``os.replace``), to the path given. It reads public attributes and methods only and never changes
the app; one request is served: a screenshot of the whole screen, asked for by writing its target path into
``<path>.shot`` (the probe saves the PNG, deletes the request and lists the file under ``shots``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QApplication, QLineEdit, QMessageBox, QTabBar

from mnist_studio.ui.look import theme

INTERVAL_MS = 150
TAB_NAMES = ("draw", "train", "evaluate", "inside", "mydigits", "class")


def _rect(widget) -> list[int] | None:
    """[x, y, width, height] on the screen, or None when the widget is not shown."""
    if widget is None or not widget.isVisible():
        return None
    top_left = widget.mapToGlobal(widget.rect().topLeft())
    return [top_left.x(), top_left.y(), widget.width(), widget.height()]


def _image_digest(array) -> str | None:
    """A short fingerprint of a 28x28 float image (equal pictures, equal digests)."""
    if array is None:
        return None
    import numpy as np

    return hashlib.sha1(np.round(np.asarray(array, np.float32) * 255).astype(np.uint8).tobytes()).hexdigest()[:16]


def _ink(canvas) -> dict:
    """A canvas's drawing: finished strokes, whether a stroke is still being drawn, and its points."""
    drawing = canvas.drawing()
    points = sum(len(drawing.points(i)) for i in range(drawing.count()))
    return {"strokes": drawing.stroke_count(), "drawing": drawing.is_drawing(), "points": points}


def _tab_rects(bar: QTabBar) -> list[dict]:
    out = []
    for i in range(bar.count()):
        r = bar.tabRect(i)
        top_left = bar.mapToGlobal(r.topLeft())
        out.append({"text": bar.tabText(i), "rect": [top_left.x(), top_left.y(), r.width(), r.height()]})
    return out


def _item_rects(view: QAbstractItemView) -> list[dict]:
    """The rows a list or tree view shows (a combo box's popup, a file dialog): text and screen rectangles."""
    model, root, out = view.model(), view.rootIndex(), []
    if model is None:
        return out
    column = view.modelColumn() if hasattr(view, "modelColumn") else 0
    for row in range(min(model.rowCount(root), 50)):
        index = model.index(row, column, root)
        r = view.visualRect(index)
        top_left = view.viewport().mapToGlobal(r.topLeft())
        out.append({"text": str(index.data() or ""), "rect": [top_left.x(), top_left.y(), r.width(), r.height()]})
    return out


def _children(top) -> list[dict]:
    """The named or labelled buttons, fields and lists of a dialog or popup, with their rectangles."""
    out = []
    for child in top.findChildren(QObject):
        if not isinstance(child, (QAbstractButton, QLineEdit, QAbstractItemView)) or not child.isVisible():
            continue
        kind = "button" if isinstance(child, QAbstractButton) else "field" if isinstance(child, QLineEdit) else "list"
        entry = {"name": child.objectName(), "kind": kind, "rect": _rect(child),
                 "text": child.text() if kind != "list" else ""}
        if kind == "list":
            entry["items"] = _item_rects(child)
        out.append(entry)
    return out


class Probe(QObject):
    def __init__(self, window, path: str):
        super().__init__(window)
        self.window = window
        self.path = path
        self.shots: list[str] = []
        self.tick = 0
        self._matrix_cells: tuple | None = None  # (size key, {"r,c": [x, y]})
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.write)
        self.timer.start()
        QTimer.singleShot(0, self.write)

    # -- the snapshot -------------------------------------------------------------------------------
    def snapshot(self) -> dict:
        w = self.window
        app = QApplication.instance()
        tabs = [w.draw_tab, w.train_tab, w.evaluate_tab, w.inside_tab, w.mydigits_tab, w.class_tab]
        current = w.tabs.currentWidget()
        tab = TAB_NAMES[tabs.index(current)] if current in tabs else str(w.tabs.currentIndex())
        focus = app.focusWidget()
        return {
            "pid": os.getpid(),
            "tick": self.tick,
            "shots": list(self.shots),
            "window": {"id": int(w.winId()), "rect": _rect(w), "active": w.isActiveWindow(),
                       "full_screen": w.isFullScreen(), "title": w.windowTitle()},
            "focus": focus.objectName() if focus is not None else None,
            "tab": tab,
            "tab_bar": _tab_rects(w.tabs.tabBar()),
            "language": w.language(),
            "projector": bool(w.projector),
            "theme": w.theme_name,
            "dark_palette": theme.is_dark(app.palette()),
            "font_pt": app.font().pointSizeF(),
            "status": w.statusBar().currentMessage(),
            "device": w.device_status.text(),
            "help_visible": w.help.isVisible(),
            "backend_box": {"text": w.backend_choice.box.currentText(), "data": w.backend_choice.box.currentData(),
                            "rect": _rect(w.backend_choice.box)},
            "toolbar": {a.objectName(): {"text": a.text(), "checked": a.isChecked(),
                                         "rect": _rect(w.toolbar.widgetForAction(a))}
                        for a in w.toolbar.actions() if a.objectName()},
            "draw": self._draw(),
            "train": self._train(),
            "evaluate": self._evaluate(),
            "inside": self._inside(),
            "mydigits": self._mydigits(),
            "classroom": self._classroom(),
            "modal": self._top(app.activeModalWidget()),
            "popup": self._top(app.activePopupWidget()),
        }

    def _draw(self) -> dict:
        d = self.window.draw_tab
        panels = {}
        for key, panel in d.panels().items():
            probs = panel.probabilities
            panels[key] = {"title": panel.title.text(), "state": panel.state(), "digit": panel.digit(),
                           "glyph": panel.glyph.text(), "caption": panel.caption.text(),
                           "confidence": None if probs is None else round(float(probs.max()), 4)}
        return {"canvas": _rect(d.canvas), "ink": _ink(d.canvas), "panels": panels,
                "preview": _image_digest(d.preview.image()), "pen_width": d.pen_width.value()}

    def _train(self) -> dict:
        t = self.window.train_tab
        last = None if t.last_run is None else t.last_run.result
        return {"running": t.is_running(), "progress": t.panel.progress.value(), "status": t.panel.status_label.text(),
                "message": t.panel.message_label.text(), "message_kind": t.panel.message_label.property("kind"),
                "preset": t.preset_name(), "preset_text": t.form.preset_combo.currentText(),
                "subset_text": t.form.subset_combo.currentText(), "epochs": t.form.epochs_spin.value(),
                "split": t.form.split_label.text(),
                "last_status": None if last is None else last.status,
                "last_accuracy": None if last is None or last.evaluation is None else float(last.evaluation.accuracy),
                "last_message": None if last is None else last.message,
                "train_button": {"rect": _rect(t.panel.train_button), "enabled": t.panel.train_button.isEnabled()},
                "stop_button": {"rect": _rect(t.panel.stop_button), "enabled": t.panel.stop_button.isEnabled()},
                "preset_combo": _rect(t.form.preset_combo), "subset_combo": _rect(t.form.subset_combo),
                "subset_edit": _rect(t.form.subset_combo.lineEdit()), "epochs_spin": _rect(t.form.epochs_spin),
                "smoothing": t.panel.smoothing(), "smoothing_slider": _rect(t.panel.smoothing_slider),
                "learning_view": t.panel.learning_layout(), "learning_placed": t.panel.placed_layout(),
                "learning_combo": _rect(t.panel.learning_combo)}

    def _evaluate(self) -> dict:
        e = self.window.evaluate_tab
        result = e.result()
        matrix = e.matrix
        runs, skipped = e.compare_page.runs_table, e.compare_page.skipped_label
        return {"key": e.current_key, "picker": e.model_picker.currentText(), "busy": e.is_busy(),
                "summary": e.summary.text(), "message": e.message.text(), "view": e.views.currentIndex(),
                "views": _tab_rects(e.views.tabBar()),
                "accuracy": None if result is None else float(result.accuracy),
                "matrix": {"rect": _rect(matrix), "selected": matrix.selected,
                           "counts": None if matrix.matrix is None else matrix.matrix.tolist(),
                           "cells": self._cells(matrix)},
                "cell_title": e.cell_title.text(), "cell_caption": e.cell_detail.caption.text(),
                "cell_image": _image_digest(e.cell_detail.image.image()),
                "runs": [runs.item(r, 0).text() for r in range(runs.rowCount()) if runs.item(r, 0) is not None],
                "skipped": skipped.text() if skipped.isVisibleTo(e) else "",
                "picker_items": [e.model_picker.itemText(i) for i in range(e.model_picker.count())],
                "picker_rect": _rect(e.model_picker)}

    def _cells(self, matrix) -> dict:
        """Centres of the matrix's cells on the screen, found through its public ``cell_at`` (cached per size)."""
        if not matrix.isVisible() or matrix.matrix is None:
            return {}
        key = (matrix.width(), matrix.height(), matrix.font().key())
        if self._matrix_cells is None or self._matrix_cells[0] != key:
            cols: dict[int, list[int]] = {}
            rows: dict[int, list[int]] = {}
            probe_y = next((y for y in range(matrix.height()) if matrix.cell_at(matrix.width() / 2, y)), None)
            probe_x = next((x for x in range(matrix.width()) if matrix.cell_at(x, matrix.height() / 2)), None)
            if probe_y is None or probe_x is None:
                return {}
            for x in range(matrix.width()):
                hit = matrix.cell_at(x, probe_y + 2)
                if hit:
                    cols.setdefault(hit[1], []).append(x)
            for y in range(matrix.height()):
                hit = matrix.cell_at(probe_x + 2, y)
                if hit:
                    rows.setdefault(hit[0], []).append(y)
            centres = {}
            for r, ys in rows.items():
                for c, xs in cols.items():
                    p = matrix.mapToGlobal(matrix.rect().topLeft())
                    centres[f"{r},{c}"] = [p.x() + (xs[0] + xs[-1]) // 2, p.y() + (ys[0] + ys[-1]) // 2]
            self._matrix_cells = (key, centres)
        return self._matrix_cells[1]

    def _inside(self) -> dict:
        i = self.window.inside_tab
        return {"canvas": _rect(i.canvas), "ink": _ink(i.canvas), "model": i.current_key(),
                "why": i.why_label.text(),
                "message": i.message.text() if i.message.isVisibleTo(i) else ""}

    def _classroom(self) -> dict:
        """The Class tab as the teacher sees it: the address and code on screen, the counts on the wall."""
        c = self.window.class_tab
        shown = c.is_open() and c.join.address.isVisible()
        return {"open": c.is_open(), "url": c.join.address.text() if shown else "",
                "code": c.join.code.text() if shown else "", "students": len(c.students), "digits": len(c.digits),
                "counts": c.counts.text(), "accuracy": c.accuracy.text(), "error": c.error_label.text(),
                "open_button": _rect(c.bar.open_button) if c.bar.open_button.isVisible() else None}

    def _mydigits(self) -> dict:
        m = self.window.mydigits_tab
        c, s = m.collect, m.set_view
        buttons = {b.objectName(): _rect(b) for b in (c.next_button, c.skip_button, c.clear_button,
                                                      s.new_button, s.save_button, s.open_button,
                                                      s.export_button, s.merge_button)}
        return {"canvas": _rect(c.canvas), "ink": _ink(c.canvas), "name_field": _rect(c.writer_edit),
                "name": c.writer_edit.text(),
                "prompt": c.prompt.text(), "asked": c.current_digit(), "count": len(m.digits),
                "writers": list(m.digits.writers()), "summary": s.summary.text(),
                "path": None if m.path is None else str(m.path), "dirty": m.dirty,
                "error": m.error_label.text(), "buttons": buttons}

    @staticmethod
    def _top(widget) -> dict | None:
        """A modal dialog or popup: what it says, and where its buttons, fields and lists are."""
        if widget is None:
            return None
        out = {"name": widget.objectName(), "class": type(widget).__name__, "title": widget.windowTitle(),
               "rect": _rect(widget), "children": _children(widget)}
        if isinstance(widget, QMessageBox):
            out["text"], out["informative"] = widget.text(), widget.informativeText()
        return out

    # -- writing ----------------------------------------------------------------------------------------
    def _serve_shot(self) -> None:
        request = self.path + ".shot"
        if not os.path.exists(request):
            return
        with contextlib.suppress(OSError):
            with open(request, encoding="utf-8") as fh:
                target = fh.read().strip()
            os.remove(request)
            screen = QGuiApplication.primaryScreen()
            if target and screen is not None and screen.grabWindow(0).save(target, "PNG"):
                self.shots.append(target)

    def write(self) -> None:
        self.tick += 1
        try:
            self._serve_shot()
            text = json.dumps(self.snapshot(), ensure_ascii=False, default=str)
        except Exception as exc:  # noqa: BLE001 - a probe bug must never take the app down: the tests see it
            text = json.dumps({"pid": os.getpid(), "tick": self.tick, "probe_error": f"{type(exc).__name__}: {exc}"})
        tmp = f"{self.path}.{os.getpid()}.tmp"
        with contextlib.suppress(OSError):
            with open(tmp, "w", encoding="utf-8") as fh:
                fh.write(text)
            os.replace(tmp, self.path)


def install(window, path: str) -> Probe:
    """Start writing ``window``'s state to ``path`` every ``INTERVAL_MS`` (kept alive as the window's child)."""
    return Probe(window, path)

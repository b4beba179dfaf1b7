"""MyDigitsTab: collect your handwriting, score every model on it, fine-tune one, use it in the Draw tab."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from mnist_studio.digits import handwriting as hw
from mnist_studio.networks.evaluation import evaluate
from mnist_studio.ui.look.error_texts import error_text
from mnist_studio.ui.mydigits.collect import CollectPanel
from mnist_studio.ui.mydigits.finetune_view import FinetuneView
from mnist_studio.ui.mydigits.score_view import ScoreView
from mnist_studio.ui.mydigits.set_view import SetView


class MyDigitsTab(QWidget):
    """Predictors come in through ``set_predictor``; a fine-tuned model goes out through ``finetuned``."""

    finetuned = Signal(object)  # FinishedRun: .result a finetune.FinetuneResult, .predictor, .record
    setChanged = Signal()
    message = Signal(str)  # for the status bar

    def __init__(self, parent=None, store=None, mnist=None, seed: int | None = None):
        super().__init__(parent)
        self.setObjectName("myDigitsTab")
        self.store = store
        self.mnist = mnist
        self.digits = hw.DigitSet.empty("my-digits")
        self.path: Path | None = None
        self.dirty = False
        self.predictors: dict[str, object] = {}
        self.titles: dict[str, str] = {}
        self.collect = CollectPanel(seed=seed)
        self.set_view = SetView()
        self.score_view = ScoreView()
        self.finetune_view = FinetuneView()
        self.error_label = QLabel(objectName="myDigitsError", wordWrap=True)
        self.error_label.setStyleSheet("color: #c62828;")
        self.views = QTabWidget(objectName="myDigitsViews")
        self.views.addTab(self.set_view, "")
        self.views.addTab(self.score_view, "")
        self.views.addTab(self.finetune_view, "")
        right = QVBoxLayout()
        right.addWidget(self.views, 1)
        right.addWidget(self.error_label)
        layout = QHBoxLayout(self)
        layout.addWidget(self.collect, 2)
        layout.addLayout(right, 3)

        self.collect.sampleDrawn.connect(self.add_sample)
        self.set_view.relabel.connect(self.relabel)
        self.set_view.delete.connect(self.delete)
        self.set_view.new_button.clicked.connect(self.new_set)
        self.set_view.save_button.clicked.connect(lambda: self.save())
        self.set_view.open_button.clicked.connect(self._open_dialog)
        self.set_view.export_button.clicked.connect(self._export_dialog)
        self.set_view.merge_button.clicked.connect(self._merge_dialog)
        self.score_view.score_button.clicked.connect(self.score)
        self.finetune_view.start_button.clicked.connect(self.start_finetune)
        self.finetune_view.stop_button.clicked.connect(self.finetune_view.stop)
        self.finetune_view.done.connect(self._on_finetuned)
        QShortcut(QKeySequence.StandardKey.Save, self, lambda: self.save(),
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._refresh()
        self.retranslate()

    # -- models -----------------------------------------------------------------------------------
    def set_predictor(self, key: str, predictor, title: str | None = None) -> None:
        self.predictors[key] = predictor
        self.titles[key] = title or key
        self._refresh_bases()

    def _refresh_bases(self) -> None:
        keys = sorted(self.predictors, key=lambda k: (k != "cnn", k != "mlp", k))  # the CNN first: it reads best
        items = [(self.titles[k], self.predictors[k]) for k in keys]
        if self.store is not None:
            for record in self.store.list()[:20]:
                items.append((self.tr("Run: %1").replace("%1", record.name), record.folder))
        self.finetune_view.set_bases(items)

    # -- the set ----------------------------------------------------------------------------------
    def add_sample(self, strokes, label: int, writer: str) -> None:
        try:
            self.digits.add(strokes, label, writer)
        except hw.DigitSetError as exc:
            self._error(error_text(exc))
            return
        self._changed()

    def relabel(self, index: int, digit: int) -> None:
        self.digits.relabel(index, digit)
        self._changed()

    def delete(self, index: int) -> None:
        self.digits.remove(index)
        self._changed()

    def _changed(self) -> None:
        """The set was edited: scores of the old set are no longer about this one."""
        self.dirty = True
        if self.score_view.results:
            self.score_view.clear()
        self._refresh()

    def set_digits(self, ds: hw.DigitSet, path: Path | None = None) -> None:
        self.digits, self.path, self.dirty = ds, path, False
        writers = ds.writers()
        if len(writers) == 1:  # one student's set: their next digits go on under their name
            self.collect.writer_edit.setText(writers[0])
        self.score_view.clear()
        self._refresh()

    def new_set(self) -> None:
        self.set_digits(hw.DigitSet.empty("my-digits"))
        self.collect.restart()

    def _refresh(self) -> None:
        self.set_view.show_set(self.digits)
        has = len(self.digits) > 0
        self.set_view.save_button.setEnabled(has)
        self.set_view.export_button.setEnabled(has)
        self.score_view.score_button.setEnabled(has)
        self.finetune_view.start_button.setEnabled(has and not self.finetune_view.is_running())
        self._error("")
        self.setChanged.emit()

    def file_filter(self) -> str:
        """The file dialogs' filter, in the window's language (the pattern itself stays *.npz)."""
        return self.tr("Digit sets (*.npz)")

    def _error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    # -- files --------------------------------------------------------------------------------------
    def _named(self) -> hw.DigitSet:
        writer = self.collect.writer_edit.text().strip()
        if self.digits.name in ("", "my-digits") and writer:
            self.digits.name = hw.slug(writer)  # the writer's name in any script (미나), safe as a file name
        return self.digits

    def save(self, path: str | Path | None = None) -> Path | None:
        """Save atomically: the open file again, in place; a new set under a free name in the data folder
        (never over another set: a second "미나" becomes "미나 (2)" and the status line says so)."""
        target = path if path is not None else self.path
        ds = self._named()
        wanted = f"{hw.slug(ds.name)}.npz"
        try:
            saved = hw.save(ds, target)
        except hw.DigitSetError as exc:
            self._error(error_text(exc))
            return None
        self.path, self.dirty = saved, False
        one = len(self.digits) == 1
        if target is None and saved.name != wanted:
            text = self.tr("Saved 1 digit in %2 (another set is already called %3; it was kept as it was)") if one \
                else self.tr("Saved %1 digits in %2 (another set is already called %3; it was kept as it was)")
        else:
            text = self.tr("Saved 1 digit in %2") if one else self.tr("Saved %1 digits in %2")
        self.message.emit(text.replace("%1", str(len(self.digits))).replace("%2", str(saved))
                          .replace("%3", wanted))
        return saved

    def open_set(self, path: str | Path) -> bool:
        """Open a set; one from outside the data folder is checked and a copy kept there."""
        path = Path(path)
        try:
            if path.parent.resolve() == hw.sets_dir().resolve():
                ds, stored = hw.load(path), path
            else:
                ds, stored = hw.import_set(path)
        except hw.DigitSetError as exc:
            self._error(error_text(exc))
            return False
        stale = ds.preprocessing != hw.PREPROCESSING and ds.strokes and all(ds.strokes)
        if stale:  # made by an older stroke path: re-render from its strokes (saved on the next Save)
            ds = ds.rerender()
        self.set_digits(ds, stored)
        if stale:
            self.dirty = True
            self.message.emit((self.tr("Re-rendered 1 digit with today's preprocessing; save to keep it")
                               if len(ds) == 1 else
                               self.tr("Re-rendered %1 digits with today's preprocessing; save to keep it"))
                              .replace("%1", str(len(ds))))
        return True

    def merge_files(self, paths: list[str | Path], name: str = "class") -> bool:
        try:
            merged = hw.merge([hw.load(p) for p in paths], name=name)
        except hw.DigitSetError as exc:
            self._error(error_text(exc))
            return False
        self.set_digits(merged, None)
        self.dirty = True
        return True

    def _open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open a digit set"), str(hw.sets_dir()), self.file_filter())
        if path:
            self.open_set(path)

    def _export_dialog(self) -> None:
        default = str(Path.home() / f"{hw.slug(self._named().name)}.npz")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the digit set"), default, self.file_filter())
        if path:
            try:
                hw.save(self.digits, path)
            except hw.DigitSetError as exc:
                self._error(error_text(exc))

    def _merge_dialog(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Choose the students' sets to merge"),
                                                str(hw.sets_dir()), self.file_filter())
        if paths and self.merge_files(paths):
            QMessageBox.information(self, self.tr("Class set"), self.tr("Merged %1 sets: %2 digits by %3 writers.")
                                    .replace("%1", str(len(paths))).replace("%2", str(len(self.digits)))
                                    .replace("%3", str(len(self.digits.writers()))))

    # -- scoring and fine-tuning -------------------------------------------------------------------------
    def score(self) -> dict:
        """Every loaded model on the whole set (nothing is trained here)."""
        if not len(self.digits) or not self.predictors:
            self._error(self.tr("Draw some digits and wait for the models to load first.")
                        if not self.predictors else self.tr("The set is empty: draw some digits first."))
            return {}
        results = {k: evaluate(p, self.digits.x, self.digits.y) for k, p in self.predictors.items()}
        self.score_view.show_results(self.digits.x, results, self.titles)
        cnn = results.get("cnn") or next(iter(results.values()))
        self.set_view.show_set(self.digits, cnn.predictions, cnn.confidence)
        self.views.setCurrentWidget(self.score_view)
        return results

    def start_finetune(self) -> bool:
        from mnist_studio.networks.finetune import check_trainable, split_set

        try:
            check_trainable(self._named(), self.tr("this set"))
            split_set(self.digits)
        except hw.DigitSetError as exc:
            self._error(error_text(exc))
            self.views.setCurrentWidget(self.finetune_view)
            return False
        self._error("")
        self.views.setCurrentWidget(self.finetune_view)
        return self.finetune_view.start(self.digits.subset(np.arange(len(self.digits))), store=self.store,
                                        mnist=self.mnist)

    def _on_finetuned(self, result) -> None:
        self._refresh()
        self.finetuned.emit(result)
        self._refresh_bases()

    def is_running(self) -> bool:
        return self.finetune_view.is_running()

    def shutdown(self) -> None:
        self.finetune_view.shutdown()

    # -- look ---------------------------------------------------------------------------------------
    def set_style(self, scale: float, dark: bool) -> None:
        self.finetune_view.set_style(scale, dark)
        self.collect.set_scale(scale)
        self.score_view.set_thumb_size(int(56 * scale))
        self.set_view.gallery.set_thumb_size(int(56 * scale))

    def retranslate(self) -> None:
        self.views.setTabText(0, self.tr("Your digits"))
        self.views.setTabText(1, self.tr("Score"))
        self.views.setTabText(2, self.tr("Fine-tune"))
        for part in (self.collect, self.set_view, self.score_view, self.finetune_view):
            part.retranslate()
        self.set_view.show_set(self.digits)  # the set's summary line, in the new language

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

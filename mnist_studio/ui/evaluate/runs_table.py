"""RunsTable: every saved run; sort, rename (edit the name), delete, open its folder."""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMessageBox, QTableWidget, QTableWidgetItem

from mnist_studio.ui.look.texts import device_label_text

# The name and the accuracies first: on a projector the columns to the right may need scrolling to.
COLUMNS = ["name", "test_accuracy", "val_accuracy", "train_accuracy", "test_loss", "preset", "settings",
           "train_size", "params", "epochs", "batch", "lr", "time", "status", "device", "date"]
SHOWN_ROWS = 2  # the table is never shorter than this many runs (the two being compared)


def _number(value) -> float | None:
    """A finite number from a record field, or None (missing, text, NaN: shown as a dash)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        return value if math.isfinite(value) and abs(value) < 2**63 else None
    except OverflowError:  # an int too large for a float
        return None


def status_text(status: str) -> str:
    return {"completed": QCoreApplication.translate("RunsTable", "completed"),
            "stopped": QCoreApplication.translate("RunsTable", "stopped"),
            "failed": QCoreApplication.translate("RunsTable", "failed")}.get(status, status)


def _short_device(text: str) -> str:
    """The device without the reason no GPU was found (that is in the cell's tooltip): "TensorFlow · CPU"."""
    head, sep, _ = (text or "").partition(" — ")
    return head if sep else text


class _Num(QTableWidgetItem):
    """Sorts by its number, not its text."""

    def __init__(self, text: str, value: float):
        super().__init__(text)
        self.setData(Qt.ItemDataRole.UserRole + 2, None if value is None else float(value))
        self.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def __lt__(self, other):
        a = self.data(Qt.ItemDataRole.UserRole + 2)
        b = other.data(Qt.ItemDataRole.UserRole + 2)
        return (a if a is not None else -1) < (b if b is not None else -1)


class RunsTable(QTableWidget):
    selectionChangedRuns = Signal(list)  # run ids
    runsChanged = Signal()  # renamed or deleted
    failed = Signal(str)  # a rename or delete the disk refused, in words
    confirm_delete = True  # tests switch the dialog off

    def __init__(self, store, parent=None):
        super().__init__(0, len(COLUMNS), parent)
        self.setObjectName("runsTable")
        self.store = store
        self.records = []
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(False)  # stretched, the date would be squeezed to fit
        self.setSortingEnabled(True)
        self.itemChanged.connect(self._item_changed)
        self.itemSelectionChanged.connect(lambda: self.selectionChangedRuns.emit(self.selected_ids()))
        self._loading = False
        self.retranslate()

    def retranslate(self) -> None:
        labels = dict(zip(
            ["name", "preset", "settings", "train_size", "params", "epochs", "batch", "lr", "device", "time",
             "train_accuracy", "val_accuracy", "test_accuracy", "test_loss", "status", "date"],
            [self.tr("Name"), self.tr("Preset"), self.tr("Settings"), self.tr("Training images"),
             self.tr("Parameters"), self.tr("Epochs"), self.tr("Batch"), self.tr("Learning rate"), self.tr("Device"),
             self.tr("Training time"), self.tr("Train accuracy"), self.tr("Validation accuracy"),
             self.tr("Test accuracy"), self.tr("Test loss"), self.tr("Status"), self.tr("Date")], strict=True))
        self.setHorizontalHeaderLabels([labels[key] for key in COLUMNS])
        for row in range(self.rowCount()):  # the device cell is in the UI's language
            name, device = self.item(row, 0), self.item(row, COLUMNS.index("device"))
            r = self.record(name.data(Qt.ItemDataRole.UserRole)) if name is not None else None
            if r is not None and device is not None:
                device.setText(_short_device(device_label_text(r.device)))
                device.setToolTip(device_label_text(r.device))
        self.fit_rows()

    def fit_rows(self) -> None:
        """Tall enough for its header, ``SHOWN_ROWS`` runs and the sideways scroll bar, at today's font."""
        rows = max(1, min(SHOWN_ROWS, self.rowCount()))
        line = QFontMetrics(self.font()).height()
        row = max(self.verticalHeader().defaultSectionSize(), line + 8, self.rowHeight(0) if self.rowCount() else 0)
        header = self.horizontalHeader()
        head = max(header.sizeHint().height(), header.height(), QFontMetrics(header.font()).height() + 10)
        bar = self.horizontalScrollBar().sizeHint().height()
        self.setMinimumHeight(head + rows * row + bar + 2 * self.frameWidth() + 2)

    def changeEvent(self, event):
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # projector mode: taller rows and header
            self.fit_rows()

    def refresh(self) -> None:
        self.records = self.store.list() if self.store is not None else []
        self._loading = True
        self.setSortingEnabled(False)
        self.setRowCount(len(self.records))
        for row, r in enumerate(self.records):
            cells = self._cells(r)
            for col, item in enumerate(cells[key] for key in COLUMNS):
                if col != 0:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.setItem(row, col, item)
        self.setSortingEnabled(True)
        self._loading = False
        self.fit_rows()

    def _cells(self, r) -> dict[str, QTableWidgetItem]:
        """One row; fields a record lacks (older runs, other versions) show a dash."""
        hp = r.hyperparameters

        def num(value, fmt: str) -> _Num:
            value = _number(value)
            return _Num(fmt.format(value) if value is not None else "–", value)

        optimizer = hp.get("optimizer")
        settings = ", ".join(([optimizer] if isinstance(optimizer, str) and optimizer else [])
                             + [self.tr("augmented") if hp.get("augment") is True else self.tr("no augmentation")])
        name = QTableWidgetItem(r.name)
        name.setData(Qt.ItemDataRole.UserRole, r.id)
        train_size = getattr(r, "train_size", None) or None  # 0: not recorded
        params = getattr(r, "params", None) or None
        device = QTableWidgetItem(_short_device(device_label_text(r.device)))
        device.setToolTip(device_label_text(r.device))  # the reason no GPU was found, in full
        return {
            "name": name,
            "preset": QTableWidgetItem(r.preset),
            "settings": QTableWidgetItem(settings),
            "train_size": num(train_size, "{:,}"),
            "params": num(params, "{:,}"),
            "epochs": _Num(str(len(r.history)), len(r.history)),
            "batch": num(hp.get("batch_size"), "{}"),
            "lr": num(hp.get("learning_rate"), "{:g}"),
            "device": device,
            "time": num(getattr(r, "duration_s", None), "{:.1f} s"),
            "train_accuracy": num(getattr(r, "train_accuracy", None), "{:.2%}"),
            "val_accuracy": num(getattr(r, "val_accuracy", None), "{:.2%}"),
            "test_accuracy": num(r.test_accuracy, "{:.2%}"),
            "test_loss": num(r.test_loss, "{:.4f}"),
            "status": QTableWidgetItem(status_text(r.status)),
            "date": QTableWidgetItem(r.started_at.replace("T", " ")[:16]),
        }

    def selected_ids(self) -> list[str]:
        rows = sorted({i.row() for i in self.selectedIndexes()})
        return [self.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in rows if self.item(r, 0)]

    def select_ids(self, ids) -> None:
        self.clearSelection()
        mode = self.selectionMode()
        self.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        for row in range(self.rowCount()):
            if self.item(row, 0).data(Qt.ItemDataRole.UserRole) in ids:
                self.selectRow(row)
        self.setSelectionMode(mode)

    def record(self, run_id: str):
        return next((r for r in self.records if r.id == run_id), None)

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if self._loading or item.column() != 0:
            return
        run_id = item.data(Qt.ItemDataRole.UserRole)
        old = self.record(run_id)
        try:
            self.store.rename(run_id, item.text())
        except ValueError:
            self.failed.emit(self.tr("A run's name cannot be empty; it keeps the name “%1”.")
                             .replace("%1", old.name if old else run_id))
        except KeyError:
            self.failed.emit(self.tr("Could not rename the run: it is no longer in %1 (moved or deleted?).")
                             .replace("%1", str(self.store.root)))
        except OSError as exc:
            self.failed.emit(self.tr("Could not rename “%1”: %2").replace("%1", old.name if old else run_id)
                             .replace("%2", self.reason(exc)))
        self.refresh()
        self.runsChanged.emit()

    @staticmethod
    def reason(exc: OSError) -> str:
        where = exc.filename if exc.filename else ""
        return f"{exc.strerror or exc} ({where})" if where else str(exc.strerror or exc)

    def delete_selected(self) -> int:
        """Delete the selected runs; one the disk refuses is named in ``failed`` and the rest still go."""
        ids = self.selected_ids()
        if not ids:
            return 0
        if self.confirm_delete:
            answer = QMessageBox.question(
                self, self.tr("Delete runs"),
                self.tr("Delete %1 run(s) and their models? This cannot be undone.").replace("%1", str(len(ids))))
            if answer != QMessageBox.StandardButton.Yes:
                return 0
        deleted, problems = 0, []
        for run_id in ids:
            record = self.record(run_id)
            label = record.name if record else run_id
            try:
                self.store.delete(run_id)
                deleted += 1
            except KeyError:
                problems.append(self.tr("“%1” is no longer in the runs folder").replace("%1", label))
            except OSError as exc:
                problems.append(f"“{label}”: {self.reason(exc)}")
        self.refresh()
        self.runsChanged.emit()
        if problems:
            self.failed.emit(self.tr("Could not delete %1 of %2 run(s): %3")
                             .replace("%1", str(len(problems))).replace("%2", str(len(ids)))
                             .replace("%3", "; ".join(problems)))
        return deleted

    def open_folder(self) -> None:
        ids = self.selected_ids()
        target = self.record(ids[0]).folder if ids else str(self.store.root)
        QDesktopServices.openUrl(QUrl.fromLocalFile(target))

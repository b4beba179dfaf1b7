"""RunsTable: every saved run; sort, rename (edit the name), delete, open its folder."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMessageBox, QTableWidget, QTableWidgetItem

COLUMNS = ["name", "preset", "parameters", "epochs", "batch", "lr", "device", "time", "accuracy", "loss",
           "status", "date"]


def status_text(status: str) -> str:
    return {"completed": QCoreApplication.translate("RunsTable", "completed"),
            "stopped": QCoreApplication.translate("RunsTable", "stopped"),
            "failed": QCoreApplication.translate("RunsTable", "failed")}.get(status, status)


class _Num(QTableWidgetItem):
    """Sorts by its number, not its text."""

    def __init__(self, text: str, value: float):
        super().__init__(text)
        self.setData(Qt.ItemDataRole.UserRole + 2, value)
        self.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def __lt__(self, other):
        a = self.data(Qt.ItemDataRole.UserRole + 2)
        b = other.data(Qt.ItemDataRole.UserRole + 2)
        return (a if a is not None else -1) < (b if b is not None else -1)


class RunsTable(QTableWidget):
    selectionChangedRuns = Signal(list)  # run ids
    runsChanged = Signal()  # renamed or deleted
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
        self.horizontalHeader().setStretchLastSection(True)
        self.setSortingEnabled(True)
        self.itemChanged.connect(self._item_changed)
        self.itemSelectionChanged.connect(lambda: self.selectionChangedRuns.emit(self.selected_ids()))
        self._loading = False
        self.retranslate()

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels([
            self.tr("Name"), self.tr("Preset"), self.tr("Parameters"), self.tr("Epochs"), self.tr("Batch"),
            self.tr("Learning rate"), self.tr("Device"), self.tr("Training time"), self.tr("Test accuracy"),
            self.tr("Test loss"), self.tr("Status"), self.tr("Date")])

    def refresh(self) -> None:
        self.records = self.store.list() if self.store is not None else []
        self._loading = True
        self.setSortingEnabled(False)
        self.setRowCount(len(self.records))
        for row, r in enumerate(self.records):
            hp = r.hyperparameters
            params = ", ".join([str(hp.get("optimizer", "")),
                                self.tr("augmented") if hp.get("augment") else self.tr("no augmentation"),
                                self.tr("%1 images").replace("%1", f"{r.train_size:,}")])
            name = QTableWidgetItem(r.name)
            name.setData(Qt.ItemDataRole.UserRole, r.id)
            cells = [
                name,
                QTableWidgetItem(r.preset),
                QTableWidgetItem(params),
                _Num(str(len(r.history)), len(r.history)),
                _Num(str(hp.get("batch_size", "")), hp.get("batch_size") or 0),
                _Num(f"{hp.get('learning_rate', 0):g}", hp.get("learning_rate") or 0),
                QTableWidgetItem(r.device),
                _Num(f"{r.duration_s:.1f} s", r.duration_s),
                _Num(f"{r.test_accuracy:.2%}" if r.test_accuracy is not None else "–", r.test_accuracy),
                _Num(f"{r.test_loss:.4f}" if r.test_loss is not None else "–", r.test_loss),
                QTableWidgetItem(status_text(r.status)),
                QTableWidgetItem(r.started_at.replace("T", " ")[:16]),
            ]
            for col, item in enumerate(cells):
                if col != 0:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.setItem(row, col, item)
        self.setSortingEnabled(True)
        self._loading = False

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
        try:
            self.store.rename(run_id, item.text())
        except (ValueError, KeyError, OSError):
            pass
        self.refresh()
        self.runsChanged.emit()

    def delete_selected(self) -> int:
        ids = self.selected_ids()
        if not ids:
            return 0
        if self.confirm_delete:
            answer = QMessageBox.question(
                self, self.tr("Delete runs"),
                self.tr("Delete %1 run(s) and their models? This cannot be undone.").replace("%1", str(len(ids))))
            if answer != QMessageBox.StandardButton.Yes:
                return 0
        for run_id in ids:
            self.store.delete(run_id)
        self.refresh()
        self.runsChanged.emit()
        return len(ids)

    def open_folder(self) -> None:
        ids = self.selected_ids()
        target = self.record(ids[0]).folder if ids else str(self.store.root)
        QDesktopServices.openUrl(QUrl.fromLocalFile(target))

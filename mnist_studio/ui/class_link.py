"""The Class tab in the window: its place among the tabs, its texts there, and its class set handed to My digits."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from mnist_studio.ui.classroom.class_tab import ClassTab

translate = QCoreApplication.translate  # the window's context (lupdate reads the literals)


def add_class_tab(window) -> ClassTab:
    """The sixth tab: its status messages go to the status bar, its class set to My digits."""
    tab = ClassTab()
    window.tabs.addTab(tab, "")
    tab.message.connect(lambda text: window.statusBar().showMessage(text, 8000))
    tab.teach.connect(lambda path: teach_my_digits(window, path))
    return tab


def teach_my_digits(window, path) -> bool:
    """Open the saved class set in My digits (asking first if My digits holds unsaved digits) and go there."""
    my = window.mydigits_tab
    if my.dirty and len(my.digits):
        answer = QMessageBox.question(window, translate("MainWindow", "Teach the class's hand"), translate(
            "MainWindow", "My digits has unsaved digits. Replace them with the class set? (The class set is saved.)"))
        if answer != QMessageBox.StandardButton.Yes:
            return False
    if not my.open_set(path):
        return False
    window.tabs.setCurrentWidget(my)
    return True


def retranslate(window) -> None:
    index = window.tabs.indexOf(window.class_tab)
    window.tabs.setTabText(index, translate("MainWindow", "Class"))
    window.tabs.setTabToolTip(index, translate("MainWindow", "The whole class draws on their phones; the "
                                                         "projector shows what the models make of it (Ctrl+6)"))


def shortcut_rows(rows: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The help overlay's rows with the Class tab's shortcut after My digits'."""
    at = next((i + 1 for i, (keys, _) in enumerate(rows) if keys == "Ctrl+5"), len(rows))
    return [*rows[:at], ("Ctrl+6", translate("MainWindow", "Class tab")), *rows[at:]]

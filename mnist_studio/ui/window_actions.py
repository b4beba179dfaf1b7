"""The main window's actions (keyboard shortcuts) and its toolbar (projector, theme, language, help).

Each action calls the tabs' public methods; the window keeps them as ``act_*`` attributes (tests and the
help overlay use them), and its ``retranslate`` names them in the current language."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QToolBar, QWidget

from mnist_studio.ui.look import theme
from mnist_studio.ui.look.i18n import LANGUAGES


def _action(window, name: str, shortcuts, slot, checkable: bool = False) -> QAction:
    action = QAction(window)
    action.setObjectName(name)
    action.setShortcuts([QKeySequence(s) for s in shortcuts])
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.setCheckable(checkable)
    (action.toggled if checkable else action.triggered).connect(slot)
    window.addAction(action)
    return action


def make_actions(w) -> None:
    """The window's shortcuts, as ``w.act_*`` actions."""
    def show(tab):
        return lambda: w.tabs.setCurrentWidget(tab)

    w.act_draw = _action(w, "actionDrawTab", ["Ctrl+1"], show(w.draw_tab))
    w.act_train_tab = _action(w, "actionTrainTab", ["Ctrl+2"], show(w.train_tab))
    w.act_eval_tab = _action(w, "actionEvaluateTab", ["Ctrl+3"], show(w.evaluate_tab))
    w.act_inside_tab = _action(w, "actionInsideTab", ["Ctrl+4"], show(w.inside_tab))
    w.act_mydigits_tab = _action(w, "actionMyDigitsTab", ["Ctrl+5"], show(w.mydigits_tab))
    w.act_class_tab = _action(w, "actionClassTab", ["Ctrl+6"], show(w.class_tab))
    w.act_clear = _action(w, "actionClear", ["Ctrl+Backspace"], w.draw_tab.clear)
    w.act_undo = _action(w, "actionUndo", ["Ctrl+Shift+Z"], w.draw_tab.undo)
    w.act_train = _action(w, "actionTrain", ["Ctrl+T"], lambda: train_now(w))
    w.act_stop = _action(w, "actionStop", ["Ctrl+."], w.train_tab.stop)
    w.act_evaluate = _action(w, "actionEvaluate", ["Ctrl+E"], lambda: evaluate_now(w))
    w.act_open = _action(w, "actionOpenModel", ["Ctrl+O"], lambda: open_model(w))
    w.act_next = _action(w, "actionNextItem", ["Ctrl+Right", "N"], lambda: w.evaluate_tab.step_gallery(1))
    w.act_prev = _action(w, "actionPreviousItem", ["Ctrl+Left", "P"], lambda: w.evaluate_tab.step_gallery(-1))
    w.act_send = _action(w, "actionSendToDraw", ["Ctrl+D"], lambda: send_current_sample(w))
    w.act_projector = _action(w, "actionProjector", ["F11"], w.set_projector_mode, checkable=True)
    w.act_help = _action(w, "actionHelp", ["F1", "?"], w.show_help)
    w.act_quit = _action(w, "actionQuit", ["Ctrl+Q"], w.close)


def make_toolbar(w) -> None:
    """Projector mode, the themes, the languages and (at the right) the shortcuts overlay."""
    bar = QToolBar(objectName="mainToolbar")
    bar.setMovable(False)
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    w.addToolBar(bar)
    bar.addAction(w.act_projector)
    bar.addSeparator()
    w.theme_group = QActionGroup(w)
    w.theme_actions = {}
    for name in theme.THEMES:
        action = QAction(w, checkable=True)
        action.setObjectName(f"actionTheme_{name}")
        action.triggered.connect(lambda _c=False, n=name: w.set_theme(n))
        w.theme_group.addAction(action)
        bar.addAction(action)
        w.theme_actions[name] = action
    bar.addSeparator()
    w.language_group = QActionGroup(w)
    w.language_actions = {}
    for code, label in LANGUAGES.items():
        action = QAction(label, w, checkable=True)
        action.setObjectName(f"actionLanguage_{code}")
        action.triggered.connect(lambda _c=False, c=code: w.set_language(c))
        w.language_group.addAction(action)
        bar.addAction(action)
        w.language_actions[code] = action
    spacer = QWidget()
    spacer.setSizePolicy(spacer.sizePolicy().horizontalPolicy().Expanding,
                         spacer.sizePolicy().verticalPolicy().Preferred)
    bar.addWidget(spacer)
    bar.addAction(w.act_help)
    w.toolbar = bar


def send_current_sample(w) -> None:
    """Ctrl+D on the Evaluate tab: the image shown large goes to the Draw tab."""
    if w.tabs.currentWidget() is w.evaluate_tab:
        w.evaluate_tab.send_current_sample()


def train_now(w) -> None:
    w.tabs.setCurrentWidget(w.train_tab)
    w.train_tab.start()


def evaluate_now(w) -> None:
    w.tabs.setCurrentWidget(w.evaluate_tab)
    w.evaluate_tab.evaluate_current(force=True)


def open_model(w) -> None:
    w.tabs.setCurrentWidget(w.evaluate_tab)
    w.evaluate_tab.open_model_dialog()

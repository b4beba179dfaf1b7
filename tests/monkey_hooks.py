"""The monkey's watchers (tests/monkey.py): every uncaught exception, Qt warning and Python warning
recorded; modal dialogs, menus and popups answered; URLs the app would open taken; RSS read. Qt only."""

from __future__ import annotations

import os
import random
import sys
import threading
import time
import traceback
import warnings
from collections import Counter, deque
from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, QTimer, QtMsgType, QUrl, Slot, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMenu, QMessageBox, QWidget

# Messages of the platform plugin itself (offscreen/xcb), not of the app: kept apart, not counted.
PLATFORM_MESSAGES = ("This plugin does not support", "QStandardPaths:", "Could not connect to display",
                     "XDG_RUNTIME_DIR")


def rss_mb() -> float:
    """This process's resident set size in MB (Linux /proc; 0 elsewhere)."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6
    except (OSError, ValueError, IndexError):
        return 0.0


class Recorder:
    """Installs sys.excepthook, threading.excepthook, sys.unraisablehook and a Qt message handler; records
    every uncaught exception and every Qt warning (with the monkey's last actions) until uninstalled."""

    def __init__(self, echo: bool = True):
        self.exceptions: list[dict] = []
        self.qt_warnings: list[dict] = []
        self.platform_messages: list[str] = []
        self.python_warnings: list[str] = []  # warnings.warn from the app or its libraries (reported, not failures)
        self.trail: deque[str] = deque(maxlen=8)  # the monkey's last actions, for each record
        self.echo = echo
        self._old = None

    def __enter__(self) -> Recorder:
        self.install()
        return self

    def __exit__(self, *exc) -> None:
        self.uninstall()

    def install(self) -> None:
        self._old = (sys.excepthook, threading.excepthook, sys.unraisablehook, warnings.showwarning)
        sys.excepthook = self._excepthook
        warnings.showwarning = self._warning
        threading.excepthook = self._thread_hook
        sys.unraisablehook = self._unraisable
        self._old_qt = qInstallMessageHandler(self._qt_message)

    def uninstall(self) -> None:
        if self._old is None:
            return
        sys.excepthook, threading.excepthook, sys.unraisablehook, warnings.showwarning = self._old
        qInstallMessageHandler(self._old_qt)
        self._old = None

    def _add_exception(self, kind: str, exc_type, value, tb, thread: str) -> None:
        text = "".join(traceback.format_exception(exc_type, value, tb))
        self.exceptions.append({"kind": kind, "type": getattr(exc_type, "__name__", str(exc_type)),
                                "message": str(value), "thread": thread, "traceback": text,
                                "after": list(self.trail)})
        if self.echo:
            print(f"[monkey] uncaught {kind} in {thread}:\n{text}", file=sys.stderr, flush=True)

    def _warning(self, message, category, filename, lineno, file=None, line=None) -> None:
        self.python_warnings.append(f"{filename}:{lineno}: {category.__name__}: {message}")

    def _excepthook(self, exc_type, value, tb) -> None:
        self._add_exception("exception", exc_type, value, tb, threading.current_thread().name)

    def _thread_hook(self, args) -> None:
        thread = args.thread.name if args.thread is not None else "?"
        self._add_exception("thread", args.exc_type, args.exc_value, args.exc_traceback, thread)

    def _unraisable(self, args) -> None:
        self._add_exception(f"unraisable ({args.err_msg or ''} {args.object!r})".strip(), args.exc_type,
                            args.exc_value, args.exc_traceback, threading.current_thread().name)

    def _qt_message(self, mode, context, message) -> None:
        if mode in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg):
            return
        category = getattr(context, "category", "") or ""
        if category.startswith("qt.qpa") or message.startswith(PLATFORM_MESSAGES):
            self.platform_messages.append(message)
            return
        self.qt_warnings.append({"type": str(mode).rsplit(".", 1)[-1], "category": category, "message": message,
                                 "after": list(self.trail)})
        if self.echo:
            print(f"[monkey] Qt {mode}: {message}", file=sys.stderr, flush=True)


class UrlSink(QObject):
    """Takes the URLs the app would open in a file manager or browser (recorded, never opened)."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def open(self, url) -> None:
        self.urls.append(url.toString())


class DialogAnswerer(QObject):
    """Every 100 ms: each visible dialog, message box, menu or popup is answered after a short random delay
    (a random button, accept or reject; file dialogs are cancelled or given a path); one still open after
    4 s is rejected, after 8 s hidden."""

    def __init__(self, rng: random.Random, tmp_dir: Path, open_paths=(), parent=None):
        super().__init__(parent)
        self.rng, self.tmp_dir, self.open_paths = rng, Path(tmp_dir), [str(p) for p in open_paths]
        self.policy = "random"  # "reject": cancel everything (closing down)
        self.answered: Counter = Counter()
        self.stuck: list[str] = []
        self._seen: dict[int, tuple[float, float]] = {}  # C++ address -> (first seen, answer after)
        self._timer = QTimer(self, interval=100)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def pending(self) -> list[QWidget]:
        found = [w for w in QApplication.topLevelWidgets() if w.isVisible() and isinstance(w, (QDialog, QMenu))]
        popup = QApplication.activePopupWidget()
        if popup is not None and popup not in found:
            found.append(popup)
        return found

    def _tick(self) -> None:
        now = time.monotonic()
        alive = set()
        for widget in self.pending():
            key = shiboken6.getCppPointer(widget)[0]  # a Python wrapper's id() changes from call to call
            alive.add(key)
            first, after = self._seen.setdefault(key, (now, now + self.rng.uniform(0.05, 0.8)))
            if now >= after:
                self._seen[key] = (first, now + 0.5)  # one answer per half second
                # Answered from its own event: an answer may open a nested dialog (overwrite? not found?)
                QTimer.singleShot(0, lambda w=widget, age=now - first: self._answer(w, age))
        self._seen = {k: v for k, v in self._seen.items() if k in alive}

    def _answer(self, widget: QWidget, age: float) -> None:
        if not shiboken6.isValid(widget) or not widget.isVisible():
            return
        name = type(widget).__name__
        if age > 8.0:
            self.stuck.append(f"{name} {widget.windowTitle()!r}")
            widget.hide()
            return
        self.answered[name] += 1
        reject = self.policy == "reject" or age > 4.0
        if isinstance(widget, QFileDialog):
            self._answer_file(widget, reject)
        elif isinstance(widget, QMessageBox):
            buttons = widget.buttons()
            if reject or not buttons:
                widget.reject()
            else:
                self.rng.choice(buttons).click()
        elif isinstance(widget, QDialog):
            widget.reject() if reject or self.rng.random() < 0.5 else widget.accept()
        else:  # a menu or a combo box's popup
            widget.close()

    def _answer_file(self, dialog: QFileDialog, reject: bool) -> None:
        if reject or self.rng.random() < 0.35:
            dialog.reject()
            return
        if dialog.acceptMode() == QFileDialog.AcceptMode.AcceptSave:
            name = self.rng.choice(["monkey.keras", "chart.png", "set.npz", "no dot", "ünïcode ✓.npz",
                                    "missing-folder/x.keras", "monkey.keras"])
            path = str(self.tmp_dir / name)
        elif dialog.fileMode() == QFileDialog.FileMode.Directory:
            path = str(self.tmp_dir)
        else:
            path = self.rng.choice([*self.open_paths, str(self.tmp_dir / "does-not-exist.npz")])
        dialog.setDirectory(str(Path(path).parent))
        dialog.selectFile(Path(path).name)
        dialog.accept()

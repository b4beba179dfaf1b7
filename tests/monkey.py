"""A seeded monkey for a Qt main window: random user actions, modal dialogs answered, every uncaught
exception and every Qt warning recorded, the process's RSS sampled.

Qt only (no ``mnist_studio`` import): it finds what to poke through Qt's object tree (visible, enabled
buttons, combo boxes, spin boxes, line edits, sliders, tab bars, canvases, actions by object name).
App knowledge comes in through ``prepare`` (called before an action, e.g. to make a training small) and
``restart`` (a new window after the old one closed).

    with Recorder() as rec:
        monkey = Monkey(window, seed=1, tmp_dir=tmp_path, recorder=rec)
        monkey.run(seconds=60)
        monkey.close()
    assert not rec.exceptions and not rec.qt_warnings
"""

from __future__ import annotations

import random
import time
from collections import Counter
from pathlib import Path

import shiboken6
from monkey_hooks import DialogAnswerer, Recorder, UrlSink, rss_mb
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QTabBar,
    QWidget,
)

__all__ = ["Monkey", "Recorder", "rss_mb"]

GARBAGE = ["", " ", "-1", "0", "1", "nan", "NaN", "inf", "-inf", "1e309", "-1e309", "1e-400", "99999999999999999999",
           "3.5", "0.5", "1,000", "0x1F", "auto", "512,256", "512,,256", ",", "-5,10", "1 2 3", "한국어 텍스트", "😀👍",
           "\u202eevil", "<b>bold</b>", "%1 %2", "../../etc/passwd", "a" * 5000, "9" * 400, "1" * 40 + "," + "2" * 40]
SHORTCUTS = ["Ctrl+1", "Ctrl+2", "Ctrl+3", "Ctrl+4", "Ctrl+5", "Ctrl+T", "Ctrl+.", "Ctrl+E", "Ctrl+Z", "Ctrl+Shift+Z",
             "Ctrl+Backspace", "Esc", "F11", "F1", "?", "Ctrl+D", "Ctrl+O", "N", "P", "Ctrl+Right", "Ctrl+Left", "[",
             "]", "Delete", "Backspace", "Return", "Ctrl+S", "Space", "Tab", "Up", "Down", "7", "Ctrl+A"]
QUIT = "Ctrl+Q"


class Monkey:
    """Random user actions on ``window`` (see ``ACTIONS`` for the mix), seeded."""

    ACTIONS = {"stroke": 16, "button": 16, "anywhere": 10, "drag": 3, "shortcut": 9, "tab": 8, "combo": 6, "text": 6,
               "spin": 5, "key": 4, "slider": 2, "wheel": 2, "language": 2, "projector": 2, "theme": 1,
               "resize": 3, "quit": 0.4}

    def __init__(self, window, seed: int, tmp_dir, recorder: Recorder | None = None, open_paths=(),
                 prepare=None, restart=None, wait_ms: tuple[int, int] = (0, 120), exclude=(), extra=None):
        """``prepare(monkey, kind, target, rng)``: called before some actions ("button" with the widget, "shortcut"
        with the key text...). ``restart(old_window)``: a new window after the old one closed (None: the
        quit action is never picked and Ctrl+Q never pressed). ``exclude``: object names never clicked.
        ``extra``: the app's own actions, name -> (weight, function(monkey) -> note)."""
        self.window, self.seed = window, seed
        self.rng = random.Random(seed)
        self.tmp_dir = Path(tmp_dir)
        self.recorder = recorder or Recorder()
        self.prepare, self.restart = prepare, restart
        self.wait_ms, self.exclude = wait_ms, set(exclude)
        self.extra = dict(extra or {})
        self.answerer = DialogAnswerer(random.Random(seed + 1), self.tmp_dir, open_paths)
        self.urls = UrlSink()
        self.actions = 0
        self.counts: Counter = Counter()
        self.targets: set[str] = set()  # the widgets acted on (coverage)
        self.restarts = 0
        self.rss: list[tuple[float, float]] = []
        self.oversized: list[dict] = []  # the window's minimum size grew past any screen: which widget, after what
        self._last_oversize = None
        self._started = False

    # -- running --------------------------------------------------------------------------------------
    def start(self) -> None:
        if self._started:
            return
        self._started = True
        QApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)
        for scheme in ("file", "http", "https"):
            QDesktopServices.setUrlHandler(scheme, self.urls, "open")
        self.answerer.start()

    def close(self) -> None:
        """Stop answering dialogs at random (everything is cancelled from now on) and release the URL handlers."""
        self.answerer.policy = "reject"
        for scheme in ("file", "http", "https"):
            QDesktopServices.unsetUrlHandler(scheme)

    def run(self, seconds: float | None = None, actions: int | None = None, on_tick=None) -> None:
        """Act until ``seconds`` have passed or ``actions`` were done; ``on_tick(monkey)`` after each action."""
        self.start()
        start = time.monotonic()
        last_rss = 0.0
        while (seconds is None or time.monotonic() - start < seconds) and (actions is None or self.actions < actions):
            if not self._window_alive():
                break
            self.step()
            QTest.qWait(self.rng.randint(*self.wait_ms))
            now = time.monotonic()
            if now - last_rss >= 1.0:
                self.rss.append((round(now - start, 1), round(rss_mb(), 1)))
                last_rss = now
            self._check_size()
            if on_tick is not None:
                on_tick(self)

    def _check_size(self, limit: int = 4000) -> None:
        """A widget whose content (a long word in a label...) forces the window wider or taller than any screen:
        the innermost such widget (hidden pages of a tab widget count too), once per widget."""
        if self.window is None or not shiboken6.isValid(self.window):
            return
        hint = self.window.minimumSizeHint()
        if (hint.width() <= limit and hint.height() <= limit) or hint.toTuple() == self._last_oversize:
            return
        self._last_oversize = hint.toTuple()

        def big(w) -> bool:
            h = w.minimumSizeHint()
            return h.width() > limit or h.height() > limit

        bigs = [w for w in self.window.findChildren(QWidget) if big(w)]
        for leaf in [w for w in bigs if not any(w is not o and w.isAncestorOf(o) for o in bigs)]:
            name = f"{type(leaf).__name__} {self._name(leaf)}"
            if name not in {o["widget"] for o in self.oversized}:
                self.oversized.append({"widget": name, "minimum": list(leaf.minimumSizeHint().toTuple()),
                                       "window_minimum": list(hint.toTuple()), "after": list(self.recorder.trail)})

    def _window_alive(self) -> bool:
        if shiboken6.isValid(self.window) and self.window.isVisible():
            return True
        if self.restart is None:
            return False
        old, self.window = self.window, None
        self.window = self.restart(old)
        self.restarts += 1
        self.recorder.trail.append("restart: a new window")
        return self.window is not None

    def step(self) -> None:
        table = {**self.ACTIONS, **{name: weight for name, (weight, _) in self.extra.items()}}
        names = list(table)
        weights = [0 if (n == "quit" and self.restart is None) else table[n] for n in names]
        kind = self.rng.choices(names, weights)[0]
        note = self.extra[kind][1](self) if kind in self.extra else getattr(self, f"_do_{kind}")()
        self.actions += 1
        self.counts[kind] += 1
        self.recorder.trail.append(f"{self.actions}: {kind} {note or ''}".rstrip())

    # -- finding things ----------------------------------------------------------------------------------
    def _visible(self, cls) -> list:
        window = self.window
        return [w for w in window.findChildren(cls)
                if w.isVisible() and w.isEnabled() and w.window() is window and w.objectName() not in self.exclude]

    def _pick(self, cls):
        found = self._visible(cls)
        if not found:
            return None
        widget = self.rng.choice(found)
        self.targets.add(f"{type(widget).__name__} {self._name(widget)}")
        return widget

    @staticmethod
    def _name(widget) -> str:
        return widget.objectName() or type(widget).__name__

    def _point(self, widget, margin: float = 0.0) -> QPoint:
        w, h = max(1, widget.width()), max(1, widget.height())
        return QPointF(self.rng.uniform(-margin, 1 + margin) * w, self.rng.uniform(-margin, 1 + margin) * h).toPoint()

    def _action(self, name: str):
        return self.window.findChild(QAction, name)

    def _prepare(self, kind: str, target) -> None:
        if self.prepare is not None:
            self.prepare(self, kind, target, self.rng)

    # -- the actions ---------------------------------------------------------------------------------------
    def _do_stroke(self) -> str | None:
        canvases = [w for w in self._visible(QWidget) if "Canvas" in type(w).__name__]
        if not canvases:
            return self._do_tab()
        canvas = self.rng.choice(canvases)
        button = Qt.MouseButton.RightButton if self.rng.random() < 0.03 else Qt.MouseButton.LeftButton
        n = self.rng.choice([1, 2, 3, 5, 8, 15, 30])
        pos = self._point(canvas)
        QTest.mousePress(canvas, button, Qt.KeyboardModifier.NoModifier, pos)
        for _ in range(n - 1):
            step = max(4, canvas.width() // 10)
            pos = QPoint(pos.x() + self.rng.randint(-step, step), pos.y() + self.rng.randint(-step, step))
            QTest.mouseMove(canvas, pos)  # may leave the canvas: strokes that end outside it
        QTest.mouseRelease(canvas, button, Qt.KeyboardModifier.NoModifier, pos)
        return f"{self._name(canvas)} {n} points"

    def _do_button(self) -> str | None:
        button = self._pick(QAbstractButton)
        if button is None:
            return None
        self._prepare("button", button)
        if not shiboken6.isValid(button) or not button.isVisible() or not button.isEnabled():
            return "(gone)"
        name = f"{self._name(button)} {button.text()[:30]!r}"
        QTest.mouseClick(button, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         button.rect().center())
        return name

    def _do_anywhere(self) -> str | None:
        widget = self._pick(QWidget)
        if widget is None:
            return None
        pos = self._point(widget)
        if self.rng.random() < 0.2:
            QTest.mouseDClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)
            return f"double-click {self._name(widget)}"
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)
        return f"click {self._name(widget)} at {pos.x()},{pos.y()}"

    def _do_drag(self) -> str | None:
        """Press, move, release anywhere: splitter handles, scroll bars, sliders, table selections, galleries."""
        widget = self._pick(QWidget)
        if widget is None:
            return None
        pos = self._point(widget)
        QTest.mousePress(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)
        for _ in range(self.rng.randint(1, 6)):
            QTest.mouseMove(widget, self._point(widget, margin=0.5))
        end = self._point(widget, margin=0.5)
        QTest.mouseRelease(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
        return f"{self._name(widget)} {pos.x()},{pos.y()} -> {end.x()},{end.y()}"

    def _do_shortcut(self) -> str:
        keys = self.rng.choice(SHORTCUTS)
        self._prepare("shortcut", keys)
        target = QApplication.focusWidget()
        if target is None or not shiboken6.isValid(target) or target.window() is not self.window:
            target = self.window
        QTest.keySequence(target, QKeySequence(keys))
        return f"{keys} on {self._name(target)}"

    def _do_tab(self) -> str | None:
        bar = self._pick(QTabBar)
        if bar is None or bar.count() == 0:
            return None
        index = self.rng.randrange(bar.count())
        self._prepare("tab", (bar, index))
        QTest.mouseClick(bar, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, bar.tabRect(index).center())
        return f"{self._name(bar)} -> {index}"

    def _do_combo(self) -> str | None:
        combo = self._pick(QComboBox)
        if combo is None or combo.count() == 0:
            return None
        combo.setFocus()
        key = self.rng.choice([Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_Home, Qt.Key.Key_End])
        for _ in range(self.rng.randint(1, max(1, combo.count()))):
            QTest.keyClick(combo, key)
        return f"{self._name(combo)} -> {combo.currentText()[:30]!r}"

    def _do_spin(self) -> str | None:
        spin = self._pick(QAbstractSpinBox)
        if spin is None:
            return None
        spin.setFocus()
        r = self.rng.random()
        if r < 0.4 and hasattr(spin, "setValue"):
            lo, hi = spin.minimum(), spin.maximum()
            value = self.rng.choice([lo, hi, lo + (hi - lo) * self.rng.random()])
            spin.setValue(type(spin.value())(value))
        elif r < 0.7:
            key = self.rng.choice([Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown])
            for _ in range(self.rng.randint(1, 5)):
                QTest.keyClick(spin, key)
        else:
            edit = spin.findChild(QLineEdit)
            if edit is not None:
                edit.selectAll()
                text = self.rng.choice(GARBAGE)[:12]
                QTest.keyClicks(edit, text) if text.isascii() else edit.insert(text)
            QTest.keyClick(spin, Qt.Key.Key_Return)
        return f"{self._name(spin)} = {spin.text()[:20]!r}"

    def _do_text(self) -> str | None:
        edit = self._pick(QLineEdit)
        if edit is None:
            return None
        text = self.rng.choice(GARBAGE)
        edit.setFocus()
        edit.selectAll()
        if len(text) <= 12 and text.isascii() and self.rng.random() < 0.5:
            QTest.keyClicks(edit, text)  # typed, key by key (QTest types ASCII only)
        else:
            edit.insert(text)  # pasted (the validator, if any, still applies)
        end = self.rng.random()
        if end < 0.5:
            QTest.keyClick(edit, Qt.Key.Key_Return)
        elif end < 0.7:
            QTest.keyClick(edit, Qt.Key.Key_Tab)
        return f"{self._name(edit)} <- {text[:20]!r} ({len(text)} chars)"

    def _do_key(self) -> str:
        key = self.rng.choice([Qt.Key.Key_Escape, Qt.Key.Key_Return, Qt.Key.Key_Space, Qt.Key.Key_Delete,
                               Qt.Key.Key_Backspace, Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down,
                               Qt.Key.Key_PageDown, Qt.Key.Key_Home, Qt.Key.Key_End, Qt.Key.Key_A, Qt.Key.Key_3,
                               Qt.Key.Key_F2, Qt.Key.Key_Tab])
        target = QApplication.focusWidget()
        if target is None or not shiboken6.isValid(target) or target.window() is not self.window:
            target = self.window
        QTest.keyClick(target, key)
        return f"{key.name} on {self._name(target)}"

    def _do_slider(self) -> str | None:
        slider = self._pick(QAbstractSlider)
        if slider is None:
            return None
        slider.setValue(self.rng.randint(slider.minimum(), slider.maximum()))
        return f"{self._name(slider)} = {slider.value()}"

    def _do_wheel(self) -> str | None:
        widget = self._pick(QWidget)
        if widget is None:
            return None
        pos = QPointF(self._point(widget))
        delta = self.rng.choice([-360, -120, 120, 360])
        event = QWheelEvent(pos, QPointF(widget.mapToGlobal(pos)), QPoint(), QPoint(0, delta),
                            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
                            False)
        QApplication.sendEvent(widget, event)
        return f"{self._name(widget)} {delta}"

    def _trigger(self, prefix: str) -> str | None:
        actions = [a for a in self.window.findChildren(QAction) if a.objectName().startswith(prefix) and a.isEnabled()]
        if not actions:
            return None
        action = self.rng.choice(actions)
        action.trigger()
        return action.objectName()

    def _do_language(self) -> str | None:
        return self._trigger("actionLanguage_")

    def _do_projector(self) -> str | None:
        return self._trigger("actionProjector")

    def _do_theme(self) -> str | None:
        return self._trigger("actionTheme_")

    def _do_resize(self) -> str:
        if self.rng.random() < 0.2:
            size = (self.rng.randint(300, 700), self.rng.randint(200, 450))
        else:
            size = (self.rng.randint(800, 2200), self.rng.randint(600, 1400))
        self.window.resize(*size)
        return f"{size[0]}x{size[1]}"

    def _do_quit(self) -> str:
        self._prepare("quit", self.window)
        if self.rng.random() < 0.5:
            QTest.keySequence(self.window, QKeySequence(QUIT))
        else:
            self.window.close()
        return "closed" if not self.window.isVisible() else "still open"

    # -- the result ---------------------------------------------------------------------------------------
    def report(self) -> dict:
        rec = self.recorder
        return {"seed": self.seed, "actions": self.actions, "action_counts": dict(self.counts),
                "exceptions": rec.exceptions, "qt_warnings": rec.qt_warnings,
                "platform_messages": sorted(set(rec.platform_messages)),
                "python_warnings": sorted(set(rec.python_warnings)),
                "dialogs_answered": dict(self.answerer.answered), "dialogs_stuck": self.answerer.stuck,
                "oversized": self.oversized,
                "urls_opened": self.urls.urls, "targets": sorted(self.targets), "restarts": self.restarts,
                "rss_mb": self.rss,
                "last_actions": list(rec.trail)}

"""Projector mode is legible from the back row: at 1280x800 and 1920x1080, in English and Korean, every visible
text in every tab is at least 16 px (probability labels 22 px), and nothing is clipped or overlapping - Qt's own
widgets, the text the app paints itself and the matplotlib charts (see tests/legibility.py)."""

from __future__ import annotations

import re
import warnings

import pytest
from legibility import problems
from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QApplication, QWidget

from mnist_studio.ui.look.painted import RecordsPaintedText

# As the app starts: the panels exist before the window shows (the loader is not started: models are handed in).
SHIPPED_PANELS = {"mlp": "mlp", "cnn": "cnn"}
KEYS = re.compile(r"(Ctrl|Shift|Esc|Delete|Backspace|Enter|F\d+|[A-Z0-9?.,/+\[\] ])+")  # key names stay English
KERAS_LAYERS = {"Dense", "Dropout", "Flatten", "Conv2D", "MaxPooling2D", "InputLayer", "Reshape", "Activation",
                "BatchNormalization"}  # layer types in the architecture table are Keras's names
HANGUL = re.compile("[\uac00-\ud7a3]")


def settle() -> None:
    """Run the posted events, then those they post (a map that arrives from the worker sets a label's text, whose
    layout request is posted then: Qt runs it at the next call), as the event loop would before a paint."""
    for _ in range(3):
        QApplication.sendPostedEvents()


def views_of(window):
    """Every page a user can look at: each tab, every page of the tab widgets inside it (the Evaluate tab's
    three views, My digits' views), the help overlay. Yields a name after switching to each."""
    from PySide6.QtWidgets import QTabWidget

    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        page = window.tabs.widget(i)
        name = page.objectName() or f"tab{i}"
        if page is getattr(window, "inside_tab", None):
            page.update_views()  # its live update runs on a timer: run it now
        inner = [t for t in page.findChildren(QTabWidget) if t.isVisibleTo(page)]
        if not inner:
            settle()
            yield name
        for tabs in inner:
            for v in range(tabs.count()):
                tabs.setCurrentIndex(v)
                settle()  # the page's layout settles
                yield f"{name}/{tabs.objectName()}{v}"
            tabs.setCurrentIndex(0)
    window.show_help()
    yield "help"
    window.help.hide()


@pytest.fixture()
def shown_window(make_window, qtbot, shipped, tmp_path, trained_mlp):
    """A window with a drawing read by both models, the MLP evaluated and two runs to compare."""
    from strokes import digit_strokes, replay

    from mnist_studio.storage.runs import RunStore

    store = RunStore(tmp_path / "runs")
    a = store.save(trained_mlp, name="first run")
    b = store.save(trained_mlp, name="second run")
    window = make_window(store=store, model_sources=SHIPPED_PANELS)
    for key in SHIPPED_PANELS:  # every tab gets the models, as when the loader hands them over
        window.model_loaded(key, shipped[key])
    window.draw_tab.set_predictor("trained", shipped["mlp"], "Your mlp-seed-256 · 97.9%")  # a third panel
    x_test = window.evaluate_tab.test_set()[0]
    replay(window.draw_tab.canvas, digit_strokes(x_test[18]))
    window.draw_tab.update_predictions()
    ev = window.evaluate_tab
    ev.refresh_models()
    with qtbot.waitSignal(ev.evaluated, timeout=60000):
        ev.evaluate("shipped:mlp")
    ev.compare_page.runs_table.selectAll()  # both runs: curves overlaid and their confusion difference
    assert sorted(ev.compare_page.runs_table.selected_ids()) == sorted([a.id, b.id])
    my = getattr(window, "mydigits_tab", None)
    if my is not None:  # a few digits collected, as a student would
        _, y_test = window.evaluate_tab.test_set()
        my.collect.writer_edit.setText("Mina")
        for _ in range(4):
            digit = my.collect.current_digit()
            replay(my.collect.canvas, digit_strokes(x_test[int((y_test == digit).nonzero()[0][0])]))
            assert my.collect.accept()
    yield window
    window.set_projector_mode(False)  # the app font is global: the next test's window starts from normal size


def _look(window, qtbot, size, language):
    window.set_language(language)
    window.set_projector_mode(True)
    if size != (1920, 1080):  # the test screen is 1920x1080: a smaller projector is a window of its size
        window.showNormal()
        window.resize(*size)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == size, timeout=3000)
    QApplication.sendPostedEvents()  # the new app font reaches every widget (ApplicationFontChange is posted)
    QApplication.processEvents()


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)], ids=["1280x800", "1920x1080"])
@pytest.mark.parametrize("language", ["en", "ko"])
def test_projector_mode_is_legible_everywhere(shown_window, qtbot, size, language):
    window = shown_window
    _look(window, qtbot, size, language)
    window.tabs.setCurrentIndex(0)
    assert window.draw_tab.panel("trained").isVisible()  # three panels side by side: the narrowest case
    found = []
    for name in views_of(window):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            window.grab()  # paint everything once (painted widgets record their texts as they paint)
        found += [f"[{name}] {w.message}" for w in caught if "missing from font" in str(w.message)]
        issues, _ = problems(window, 16)
        found += [f"[{name}] {p}" for p in issues]
    assert not found, f"{len(found)} legibility problems at {size} in {language}:\n" + "\n".join(found)


class _PaintsAt(RecordsPaintedText, QWidget):
    """Paints one text at 20 px in ``rect`` (its own coordinates), recorded as the app's painted widgets do."""

    def __init__(self, parent, rect, text):
        super().__init__(parent)
        self.rect_, self.text = rect, text

    def paintEvent(self, event):
        from PySide6.QtGui import QFont, QPainter

        self.text_log.begin()
        painter = QPainter(self)
        font = QFont(self.font())
        font.setPixelSize(20)
        painter.setFont(font)
        self.text_log.draw(painter, self.rect_, Qt.AlignmentFlag.AlignLeft, self.text)
        painter.end()


def test_the_walker_catches_small_and_clipped_text(make_window, qtbot):
    """The walker itself: a 9 px label, a clipped label, a painted text its parent cuts off, small probability
    labels in normal mode all fail; a painted text its parent shows does not."""
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QLabel

    window = make_window(model_sources=SHIPPED_PANELS)
    window.tabs.setCurrentIndex(0)
    window.draw_tab.show_sample(window.evaluate_tab.test_set()[0][0] / 255)
    window.draw_tab.update_predictions()
    small = QLabel("tiny text", window.draw_tab)
    font = QFont(small.font())
    font.setPixelSize(9)
    small.setFont(font)
    small.setGeometry(0, 0, 200, 40)
    small.show()
    clipped = QLabel("a label far too long for its width", window.draw_tab)
    clipped.setGeometry(0, 50, 40, 40)
    clipped.show()
    narrow = QWidget(window.draw_tab)  # a parent narrower than the child that paints its own text
    narrow.setGeometry(0, 100, 200, 60)
    wide = _PaintsAt(narrow, QRectF(20, 0, 160, 50), "inside the parent")
    wide.setGeometry(0, 0, 600, 60)
    beyond = _PaintsAt(narrow, QRectF(260, 0, 300, 50), "past the parent's edge")
    beyond.setGeometry(0, 0, 600, 60)
    narrow.show()
    window.grab()
    issues, _ = problems(window, 16)
    assert any("'tiny text'" in p and "9 px" in p for p in issues), issues
    assert any("far too long" in p and "wide" in p for p in issues)
    assert any("past the parent's edge" in p and "cuts it off" in p for p in issues), issues
    assert not any("inside the parent" in p for p in issues), issues
    assert any("probabilityBars" in p for p in issues)  # normal mode: 12 px labels, not 16


ENGLISH_ONLY = [  # dynamic English texts that once stayed after switching to Korean
    "Accuracy", "True 7", "Test image #", "Ready. Pick a model", "mistakes, most confident first",
    "Validation loss", "Validation accuracy", "Select two or more runs", "Confusion difference",
    "true digit", "predicted digit", "ms per update", "Starting TensorFlow", "Training on",
]


def _english_fragments() -> list[str]:
    """The English words of every source string that Korean translates differently: the literal parts between
    the %1 placeholders, at least 6 characters with a word in them."""
    import xml.etree.ElementTree as ET
    from pathlib import Path

    ts = Path(__file__).resolve().parent.parent / "resources" / "translations" / "mnist_studio_ko.ts"
    fragments = set()
    for message in ET.parse(ts).getroot().iter("message"):
        source, translation = message.findtext("source") or "", message.findtext("translation") or ""
        if not translation or translation == source:
            continue
        for part in re.split(r"%\d", re.sub(r"<[^>]+>", " ", source)):
            part = part.strip(" .,:;()·—-→…")
            if len(part) >= 6 and re.search("[A-Za-z]{3}", part) and part not in translation:
                fragments.add(part)
    return sorted(fragments)


def test_switching_language_leaves_no_stale_text(shown_window, qtbot):
    """en -> ko -> en: in Korean no known English text is visible (Qt widgets, painted text, charts), and back
    in English no Hangul is left (but the 한국어 button)."""
    window = shown_window
    seen = {}
    for language in ("en", "ko", "en"):
        window.set_language(language)
        texts = []
        QApplication.processEvents()
        for name in views_of(window):
            window.grab()
            texts += [(name, t) for t in problems(window, 0)[1]]
            texts += [(name, window.statusBar().currentMessage())]
        seen.setdefault(language, []).append(texts)
    ko = seen["ko"][0]
    english = ENGLISH_ONLY + _english_fragments()
    stale = sorted({(n, t) for n, t in ko for s in english
                    if s in t and not KEYS.fullmatch(t) and t not in KERAS_LAYERS})
    assert not stale, "English left after switching to Korean:\n" + "\n".join(f"[{n}] {t!r}" for n, t in stale)
    assert sum(bool(HANGUL.search(t)) for _, t in ko) > 50
    back = seen["en"][1]
    korean_left = sorted({(n, t) for n, t in back if HANGUL.search(t) and t != "한국어"})
    assert not korean_left, "Korean left after switching back:\n" + "\n".join(f"[{n}] {t!r}" for n, t in korean_left)


def test_update_time_clears_with_the_canvas(make_window, qtbot, mnist):
    from strokes import digit_strokes, replay

    window = make_window(model_sources=SHIPPED_PANELS)
    tab = window.draw_tab
    replay(tab.canvas, digit_strokes(mnist[1][0][18]))
    tab.update_predictions()
    assert "ms" in tab.timing_label.text()
    tab.canvas.clear()
    tab.update_predictions()
    assert tab.timing_label.text() == ""


def test_a_finished_runs_texts_follow_the_language(make_window, qtbot, trained_mlp):
    """The Train tab's result line of the last run is rebuilt in Korean, then in English."""
    window = make_window(model_sources=SHIPPED_PANELS)
    from mnist_studio.ui.background.worker import FinishedRun

    window.train_tab.show_finished(FinishedRun(trained_mlp))  # the tab's end-of-run path
    status = window.train_tab.panel.status_label
    assert "Completed" in status.text()
    window.set_language("ko")
    assert HANGUL.search(status.text()) and "Completed" not in status.text(), status.text()
    window.set_language("en")
    assert "Completed" in status.text() and not HANGUL.search(status.text())

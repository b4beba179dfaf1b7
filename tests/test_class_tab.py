"""The Class tab with a real class server on 127.0.0.1 and real websocket clients (aiohttp) as the phones,
drawing real pen digits (UCI pen digits' strokes), read by the real shipped models (numpy passes)."""

from __future__ import annotations

import asyncio
import socket
import threading

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

LOOPBACK = "127.0.0.1"


# -- the phones --------------------------------------------------------------------------------------
class Phones:
    """aiohttp websocket clients on their own thread and event loop, as phones are to the window."""

    def __init__(self):
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.session = self.call(self._session()).result(10)

    async def _session(self):
        import aiohttp

        return aiohttp.ClientSession()

    def call(self, coro):
        return asyncio.run_coroutine_threadsafe(coro, self.loop)

    def close(self) -> None:
        self.call(self.session.close()).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)


class Phone:
    def __init__(self, ws, welcome, prompt):
        self.ws, self.welcome, self.prompt, self.n = ws, welcome, prompt, 0


async def _receive(ws, kind: str) -> dict:
    while True:
        message = await ws.receive_json(timeout=20)
        if message["type"] == kind:
            return message
        if message["type"] in ("error", "bye"):
            raise AssertionError(f"expected {kind}, got {message}")


async def join(session, url: str, code: str, nickname: str) -> Phone:
    ws = await session.ws_connect(url + "ws")
    await ws.send_json({"type": "join", "code": code, "nickname": nickname, "lang": "en", "token": ""})
    welcome = await _receive(ws, "welcome")
    return Phone(ws, welcome, await _receive(ws, "prompt"))


async def submit(phone: Phone, strokes) -> dict:
    """Draw the prompted digit: send it, wait until the server says it is saved, then for the next prompt."""
    phone.n += 1
    await phone.ws.send_json({"type": "submit", "strokes": strokes, "n": phone.n})
    saved = await _receive(phone.ws, "saved")
    phone.prompt = await _receive(phone.ws, "prompt")
    return saved


_PEN = {}


def pen_strokes(label: int, k: int = 0) -> list:
    """A real pen digit ``label`` (the k-th of its kind), scaled into the page's canvas units (0..1, y down)."""
    from mnist_studio.digits import pendigits

    data = _PEN.setdefault("data", pendigits.load())
    i = int(np.flatnonzero(data.labels == label)[k])
    strokes = data.strokes(i)
    points = np.concatenate(strokes)
    lo, extent = points.min(0), float((points.max(0) - points.min(0)).max())
    return [(((s - lo) / extent) * 0.7 + 0.15).round(4).tolist() for s in strokes]


def wait(qtbot, future, timeout=20000):
    qtbot.waitUntil(future.done, timeout=timeout)
    return future.result()


def draw(qtbot, tab, phones, phone, k=0) -> dict:
    """The phone draws what it was asked for; returns the server's "saved" once the wall shows that digit."""
    saved = wait(qtbot, phones.call(submit(phone, pen_strokes(phone.prompt["digit"], k))))
    qtbot.waitUntil(lambda: saved["id"] in [d.id for d in tab.digits], timeout=5000)
    return saved


# -- fixtures ----------------------------------------------------------------------------------------------
@pytest.fixture()
def phones():
    p = Phones()
    yield p
    p.close()


@pytest.fixture()
def tab(qtbot, home):
    from mnist_studio.prediction.archive import ArchivePredictor
    from mnist_studio.ui.classroom.class_tab import ClassTab

    widget = ClassTab()
    qtbot.addWidget(widget)
    widget.resize(1280, 760)
    widget.show()
    qtbot.waitExposed(widget)
    for key in ("mlp", "cnn"):
        widget.set_predictor(key, ArchivePredictor.open(key), key.upper())
    widget.bar.set_host(LOOPBACK)  # tests never listen on the LAN
    widget.bar.port_spin.setValue(0)
    yield widget
    widget.shutdown()


def open_class(qtbot, tab):
    assert tab.bar.host() == LOOPBACK
    with qtbot.waitSignal(tab.openChanged, timeout=20000):
        qtbot.mouseClick(tab.bar.open_button, Qt.MouseButton.LeftButton)
    server = tab.server
    assert server is not None and server.running and server.host == LOOPBACK
    return server


def refused(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(2)
        return s.connect_ex((LOOPBACK, port)) != 0


# -- tests -----------------------------------------------------------------------------------------------
def test_open_and_close_from_the_buttons(qtbot, tab):
    assert not tab.is_open() and tab.join.closed_note.isVisible() and not tab.join.qr.isVisible()
    server = open_class(qtbot, tab)
    port = server.port
    assert tab.join.address.text() == f"http://{LOOPBACK}:{port}"
    assert len(tab.join.code.text()) == 4 and tab.join.code.text() == server.code
    assert tab.join.qr.isVisible() and tab.join.qr.matrix is not None and tab.join.qr.matrix.shape[0] >= 21
    assert tab.bar.close_button.isVisible() and not tab.bar.open_button.isVisible()
    assert not refused(port)
    with qtbot.waitSignal(tab.openChanged, timeout=20000):
        qtbot.mouseClick(tab.bar.close_button, Qt.MouseButton.LeftButton)
    assert not server.running and tab.server is None and refused(port)  # nothing listens while closed
    assert tab.bar.open_button.isVisible() and tab.join.closed_note.isVisible()


@pytest.mark.parametrize("value, port", [(None, 8765), ("9123", 9123), (" 8080 ", 8080), ("0", 0), ("", 8765),
                                         ("http", 8765), ("70000", 8765), ("-1", 8765), ("80.5", 8765)])
def test_the_port_offered_first_is_8765_or_mnist_studio_class_port(qtbot, monkeypatch, value, port):
    from mnist_studio.ui.classroom.class_tab import ClassTab

    if value is None:
        monkeypatch.delenv("MNIST_STUDIO_CLASS_PORT", raising=False)
    else:
        monkeypatch.setenv("MNIST_STUDIO_CLASS_PORT", value)
    widget = ClassTab()
    qtbot.addWidget(widget)
    assert widget.bar.port() == port
    widget.shutdown()


def test_port_in_use_is_said_in_the_users_language(qtbot, tab):
    from mnist_studio.ui.look.i18n import Translations

    with socket.socket() as taken:
        taken.bind((LOOPBACK, 0))
        taken.listen()
        port = taken.getsockname()[1]
        tab.bar.port_spin.setValue(port)
        qtbot.mouseClick(tab.bar.open_button, Qt.MouseButton.LeftButton)
        assert not tab.is_open() and tab.error_label.isVisible()
        assert f"Port {port} on {LOOPBACK} is already in use" in tab.error_label.text()
        translations = Translations()
        try:
            assert translations.install("ko")
            assert tab.bar.open_button.text() == "수업 열기"
            qtbot.mouseClick(tab.bar.open_button, Qt.MouseButton.LeftButton)
            assert "이미" in tab.error_label.text() and str(port) in tab.error_label.text()
        finally:
            translations.install("en")


def test_students_and_digits_arrive_on_the_wall_with_the_models_answers(qtbot, tab, phones):
    server = open_class(qtbot, tab)
    mina = wait(qtbot, phones.call(join(phones.session, server.url, server.code, "Mina")))
    qtbot.waitUntil(lambda: len(tab.wall.rows) == 1, timeout=5000)
    row = tab.wall.row(mina.welcome["student"])
    assert row.name.text() == "Mina" and "1 student" in tab.counts.text()
    saved = [draw(qtbot, tab, phones, mina, k) for k in range(4)]
    assert row.strip.keys() == [s["id"] for s in saved]
    assert "4 digits" in tab.counts.text() and row.count.text() == "4 digits"
    for s, item in zip(saved, row.strip.items, strict=True):
        lines = [text for text, _ in item.lines]
        assert lines == [f"MLP {s['models']['MLP']['digit']}", f"CNN {s['models']['CNN']['digit']}"]
    # accuracy and the confusion matrix follow the digits
    digits = tab.digits
    for model in ("MLP", "CNN"):
        right = np.mean([int(d.probs[model].argmax()) == d.label for d in digits])
        assert f"{model} read {right:.0%} right" in tab.accuracy.text()
    tab.views.setCurrentWidget(tab.confusion)
    tab.confusion.model_choice.setCurrentText("CNN")
    matrix = tab.confusion.matrix.matrix
    assert matrix.sum() == 4 and all(matrix[d.label, int(d.probs["CNN"].argmax())] >= 1 for d in digits)
    # a click on a cell shows those digits
    first = digits[0]
    cell = (first.label, int(first.probs["CNN"].argmax()))
    qtbot.mouseClick(tab.confusion.matrix, Qt.MouseButton.LeftButton, pos=tab.confusion.matrix.cell_center(*cell))
    expected = [d.id for d in digits if (d.label, int(d.probs["CNN"].argmax())) == cell]
    assert tab.confusion.cell_strip.keys() == expected
    assert f"Asked for {cell[0]}, the CNN read {cell[1]}: {len(expected)} digit(s)" == tab.confusion.cell_label.text()
    # the fooled list: every misread digit, most confident first
    entries = tab.fooled.entries
    assert [c for *_, c in entries] == sorted((c for *_, c in entries), reverse=True)
    assert len(entries) == sum(int(d.probs[m].argmax()) != d.label for d in digits for m in ("MLP", "CNN"))


def test_remove_a_digit_and_a_student(qtbot, tab, phones, monkeypatch):
    server = open_class(qtbot, tab)
    a = wait(qtbot, phones.call(join(phones.session, server.url, server.code, "Ann")))
    b = wait(qtbot, phones.call(join(phones.session, server.url, server.code, "Bo")))
    one, two = draw(qtbot, tab, phones, a, 0), draw(qtbot, tab, phones, a, 1)
    draw(qtbot, tab, phones, b, 2)
    row = tab.wall.row(a.welcome["student"])
    # right click on a digit: its menu removes it
    qtbot.mouseClick(row.strip, Qt.MouseButton.LeftButton, pos=row.strip.item_center(one["id"]))
    assert tab.wall.selected_digit == one["id"] and tab.remove_digit_button.isEnabled()
    menu = tab.wall.digit_menu(one["id"], a.welcome["student"])
    assert [act.text() for act in menu.actions()] == ["Remove this digit", "Remove Ann…"]
    menu.actions()[0].trigger()
    assert [d.id for d in tab.digits] == [two["id"], tab.digits[-1].id] and row.strip.keys() == [two["id"]]
    assert "2 digits" in tab.counts.text()
    # remove a student: asked first (no: nothing changes), then gone with their digits
    asked = []
    monkeypatch.setattr(tab, "confirm", lambda text: asked.append(text) or len(asked) > 1)
    tab.wall.select_student(b.welcome["student"])
    qtbot.mouseClick(tab.remove_student_button, Qt.MouseButton.LeftButton)
    assert asked == ["Remove Bo and their 1 digit(s) from the class?"] and len(tab.wall.rows) == 2
    qtbot.mouseClick(tab.remove_student_button, Qt.MouseButton.LeftButton)
    assert list(tab.wall.rows) == [a.welcome["student"]] and len(tab.digits) == 1
    assert "1 student" in tab.counts.text()
    bye = wait(qtbot, phones.call(_receive(b.ws, "bye")))  # the removed phone is told and disconnected
    assert bye["reason"] == "removed"


def test_a_nickname_is_shown_as_text_never_as_markup(qtbot, tab, phones):
    server = open_class(qtbot, tab)
    nasty = "<b>x</b><script>"
    phone = wait(qtbot, phones.call(join(phones.session, server.url, server.code, nasty)))
    qtbot.waitUntil(lambda: len(tab.wall.rows) == 1, timeout=5000)
    shown = phone.welcome["nickname"]
    assert "<b>" in shown  # the server keeps the characters; the window shows them as characters
    draw(qtbot, tab, phones, phone, 0)
    labels = [w for w in tab.findChildren(QLabel) if "<b>" in w.text()]
    assert labels and all(w.textFormat() == Qt.TextFormat.PlainText for w in labels)
    assert tab.wall.row(phone.welcome["student"]).name.text() == shown
    item = tab.wall.row(phone.welcome["student"]).strip.items[0]
    assert "&lt;b&gt;x&lt;/b&gt;&lt;script&gt;" in item.tooltip and "<b>x" not in item.tooltip
    menu = tab.wall.student_menu(phone.welcome["student"])
    assert menu.actions()[0].text() == f"Remove {shown}…"


def test_teach_the_class_hand_and_save_the_set(qtbot, tab, phones, tmp_path, home):
    from mnist_studio.digits import handwriting as hw

    server = open_class(qtbot, tab)
    a = wait(qtbot, phones.call(join(phones.session, server.url, server.code, "미나")))
    b = wait(qtbot, phones.call(join(phones.session, server.url, server.code, "Jun")))
    for k in range(2):
        draw(qtbot, tab, phones, a, k)
        draw(qtbot, tab, phones, b, k + 5)
    path = tab.save_set(tmp_path / "class.npz")
    ds = hw.load(path)
    assert len(ds) == 4 and ds.writers() == sorted(["Jun", "미나"])
    with qtbot.waitSignal(tab.teach, timeout=5000) as blocker:
        qtbot.mouseClick(tab.teach_button, Qt.MouseButton.LeftButton)
    taught = blocker.args[0]
    assert taught.parent == hw.sets_dir() and len(hw.load(taught)) == 4


def test_the_window_ctrl6_and_closing_stops_the_class(qtbot, make_window):
    from mnist_studio.prediction.archive import ArchivePredictor
    from mnist_studio.ui.look.i18n import Translations

    window = make_window(with_models=False)
    tab = window.class_tab
    assert tab.objectName() == "classTab" and window.tabs.indexOf(tab) == 5
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is tab
    assert ("Ctrl+6", "Class tab") in window.help.rows
    for key in ("mlp", "cnn"):
        window.model_loaded(key, ArchivePredictor.open(key))
    assert sorted(tab.predict(np.zeros((28, 28), np.float32))) == ["CNN", "MLP"]
    tab.bar.set_host(LOOPBACK)
    tab.bar.port_spin.setValue(0)
    server = open_class(qtbot, tab)
    port = server.port
    translations = Translations()
    try:
        assert translations.install("ko")
        assert window.tabs.tabText(5) == "수업" and tab.bar.close_button.text() == "수업 닫기"
        assert tab.views.tabText(2) == "신경망 속이기"
    finally:
        translations.install("en")
    window.close()
    assert not server.running and refused(port)


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)], ids=["1280x800", "1920x1080"])
@pytest.mark.parametrize("language", ["en", "ko"])
def test_a_class_in_projector_mode_is_legible(qtbot, make_window, phones, size, language):
    """A class with digits, on every page of the tab, in projector mode: every text at least 16 px, nothing cut."""
    from legibility import problems

    from mnist_studio.prediction.archive import ArchivePredictor
    from mnist_studio.ui.look.i18n import Translations

    window = make_window(with_models=False)
    tab = window.class_tab
    for key in ("mlp", "cnn"):
        window.model_loaded(key, ArchivePredictor.open(key))
    window.tabs.setCurrentWidget(tab)
    tab.bar.set_host(LOOPBACK)
    tab.bar.port_spin.setValue(0)
    server = open_class(qtbot, tab)
    students = [wait(qtbot, phones.call(join(phones.session, server.url, server.code, name)))
                for name in ("민준", "Sofia Alexandra", "서연")]
    for k in range(3):
        for i, phone in enumerate(students):
            draw(qtbot, tab, phones, phone, 3 * k + i)  # never the same pen digit twice (no twins in a class)
    translations = Translations()
    try:
        assert translations.install(language)
        window.set_projector_mode(True)
        if size != (1920, 1080):  # the test screen is 1920x1080: a smaller projector is a window of its size
            window.showNormal()
            window.resize(*size)
        qtbot.waitUntil(lambda: (window.width(), window.height()) == size, timeout=3000)
        QApplication.sendPostedEvents()
        QApplication.processEvents()
        found = []
        for page in range(tab.views.count()):
            tab.views.setCurrentIndex(page)
            if page == 1:
                tab.confusion.open_cell(tab.digits[0].label, int(tab.digits[0].probs["CNN"].argmax()))
            window.grab()  # paint everything once: painted widgets record their texts
            found += [f"[page {page}] {p}" for p in problems(window, 16)[0]]
        assert not found, "\n".join(found)
    finally:
        window.set_projector_mode(False)
        translations.install("en")


def test_teach_opens_the_class_set_in_my_digits(qtbot, make_window, phones, monkeypatch, home):
    """Through the window: the class's digits open in My digits as a set with one writer per student (asked
    first when My digits holds unsaved digits)."""
    from PySide6.QtWidgets import QMessageBox

    from mnist_studio.prediction.archive import ArchivePredictor

    window = make_window(with_models=False)
    tab = window.class_tab
    for key in ("mlp", "cnn"):
        window.model_loaded(key, ArchivePredictor.open(key))
    window.tabs.setCurrentWidget(tab)
    tab.bar.set_host(LOOPBACK)
    tab.bar.port_spin.setValue(0)
    server = open_class(qtbot, tab)
    a = wait(qtbot, phones.call(join(phones.session, server.url, server.code, "미나")))
    b = wait(qtbot, phones.call(join(phones.session, server.url, server.code, "Jun")))
    for k in range(2):
        draw(qtbot, tab, phones, a, k)
        draw(qtbot, tab, phones, b, k + 3)
    my = window.mydigits_tab
    my.add_sample(pen_strokes(3), 3, "teacher")  # an unsaved digit in My digits
    assert my.dirty
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: answers.pop(0))
    qtbot.mouseClick(tab.teach_button, Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget() is tab and len(my.digits) == 1  # "No": My digits kept as it was
    qtbot.mouseClick(tab.teach_button, Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget() is my and len(my.digits) == 4
    assert my.digits.writers() == sorted(["Jun", "미나"]) and not my.dirty
    assert sorted(my.digits.y.tolist()) == sorted(d.label for d in tab.digits)

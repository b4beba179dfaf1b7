"""Render the Class tab with a real class: a server on 127.0.0.1, phones (aiohttp websocket clients) drawing
real pen digits (UCI pen digits' strokes), read by the shipped models.

    python scripts/class_screenshots.py [--out docs] [--size 1280x800] [--students 12] [--digits 6] [--all]

Writes ``class-tab.png`` (normal, English) and ``class-tab-projector.png`` (projector, English); with
``--all`` also the Korean looks and every view of the tab (wall, confusion with a cell open, fooled) under
``class-<view>-<look>.png``. Prints the list of files it wrote. Never listens on anything but 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import threading
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
NAMES = ["민준", "Sofia", "서연", "Liam", "지우", "Noah", "하은", "Emma", "도윤", "Mia", "시우", "Lucas", "수아",
         "Olivia", "예준", "Ava"]


def pen_strokes(data, label: int, k: int, tilt: float = 0.0) -> list:
    """The k-th pen digit ``label`` in the page's canvas units (0..1, y down), turned ``tilt`` degrees (a
    student trying to fool the network)."""
    idx = np.flatnonzero(data.labels == label)
    strokes = data.strokes(int(idx[k % len(idx)]))
    if tilt:
        a = np.radians(tilt)
        turn = np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]])
        strokes = [s @ turn.T for s in strokes]
    points = np.concatenate(strokes)
    lo, extent = points.min(0), float((points.max(0) - points.min(0)).max())
    return [(((s - lo) / extent) * 0.7 + 0.15).round(4).tolist() for s in strokes]


async def _receive(ws, kind: str) -> dict:
    while True:
        message = await ws.receive_json(timeout=20)
        if message["type"] == kind:
            return message
        if message["type"] in ("error", "bye"):
            raise RuntimeError(f"expected {kind}, got {message}")


async def a_class(url: str, code: str, students: int, digits: int, data, drawn, leave: asyncio.Event) -> None:
    """Every student joins and draws ``digits`` prompted digits (``drawn`` gets the number saved); the phones
    stay connected until ``leave`` is set."""
    import aiohttp

    async with aiohttp.ClientSession() as session:
        async def student(i: int) -> int:
            ws = await session.ws_connect(url + "ws")
            await ws.send_json({"type": "join", "code": code, "nickname": NAMES[i % len(NAMES)], "lang": "en",
                                "token": ""})
            await _receive(ws, "welcome")
            prompt = await _receive(ws, "prompt")
            for n in range(1, digits + 1):
                await ws.send_json({"type": "submit", "n": n,
                                    "strokes": pen_strokes(data, prompt["digit"], 7 * i + n,
                                                                   tilt=50.0 if (i + n) % 5 == 0 else 0.0)})
                await _receive(ws, "saved")
                prompt = await _receive(ws, "prompt")
            sockets.append(ws)
            return digits

        sockets = []
        drawn.set_result(sum(await asyncio.gather(*(student(i) for i in range(students)))))
        await leave.wait()
        for ws in sockets:
            await ws.close()


async def _event() -> asyncio.Event:
    return asyncio.Event()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    parser.add_argument("--size", default="1280x800")
    parser.add_argument("--students", type=int, default=12)
    parser.add_argument("--digits", type=int, default=6)
    parser.add_argument("--all", action="store_true", help="Korean too, and every view of the tab")
    args = parser.parse_args(argv)
    width, height = (int(v) for v in args.size.lower().split("x"))
    args.out.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(ROOT / "scripts"))
    from shot_window import open_window, save_small

    shot = open_window(width, height, "mnist-studio-class-shots-", model_sources={})
    app, window = shot.app, shot.window
    from PySide6.QtWidgets import QApplication

    from mnist_studio.digits import pendigits
    from mnist_studio.prediction.archive import ArchivePredictor

    for key in ("mlp", "cnn"):
        window.model_loaded(key, ArchivePredictor.open(key))
    tab = window.class_tab
    window.tabs.setCurrentWidget(tab)
    tab.bar.set_host("127.0.0.1")
    tab.bar.port_spin.setValue(0)
    if not tab.open_class():
        print(tab.error_label.text(), file=sys.stderr)
        return 1
    server = tab.server
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    import concurrent.futures

    drawn = concurrent.futures.Future()
    leave = asyncio.run_coroutine_threadsafe(_event(), loop).result()
    phones = asyncio.run_coroutine_threadsafe(
        a_class(server.url, server.code, args.students, args.digits, pendigits.load(), drawn, leave), loop)
    while not drawn.done():
        app.processEvents()
        if phones.done():
            phones.result()  # raises what went wrong
    expected = drawn.result()
    while len(tab.digits) < expected:
        app.processEvents()
        tab.poll()
    tab.refresh()
    cnn = [d for d in tab.digits if int(d.probs["CNN"].argmax()) != d.label] or tab.digits
    tab.confusion.model_choice.setCurrentText("CNN")
    tab.confusion.open_cell(cnn[0].label, int(cnn[0].probs["CNN"].argmax()))

    written = []

    def shot(name: str) -> None:
        for _ in range(5):
            app.processEvents()
        path = args.out / name
        save_small(window.grab().toImage(), path)
        written.append(str(path))

    looks = [("en", False), ("en", True)] + ([("ko", False), ("ko", True)] if args.all else [])
    for language, projector in looks:
        window.set_language(language)
        window.set_projector_mode(projector)
        if projector:
            window.resize(width, height)
        suffix = ("-projector" if projector else "") + ("-ko" if language == "ko" else "")
        tab.views.setCurrentIndex(0)
        shot(f"class-tab{suffix}.png")
        if args.all:
            for index, view in ((1, "confusion"), (2, "fooled")):
                tab.views.setCurrentIndex(index)
                shot(f"class-{view}{suffix}.png")
        window.set_projector_mode(False)
    loop.call_soon_threadsafe(leave.set)
    phones.result(10)
    tab.close_class()
    loop.call_soon_threadsafe(loop.stop)
    thread.join(5)
    window.close()
    print("\n".join(written))
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())

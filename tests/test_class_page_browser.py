"""The student page in a real browser: Debian's chromium, headless, at phone size, driven through DevTools.

A finger (touch events -> Pointer Events) draws a held-out pen digit on the page's canvas; the page gets
the live answers of both models and shows them; Submit stores the digit. Screenshots at phone size
(390x844, scale 2) go to the test's folder, and to ``docs/`` with ``CLASS_PAGE_SCREENSHOTS=1``.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from chromium_cdp import Chromium, find_chromium
from classroom_kit import CODE, readable_digits, run, served

CHROMIUM = find_chromium()
DOCS = Path(__file__).resolve().parent.parent / "docs"
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (Debian: apt-get install "
                                                          "chromium); the page's browser test needs it")


async def _join(tab, nickname: str) -> None:
    await tab.js(f"document.getElementById('code').value = '{CODE}';"
                 f"document.getElementById('nickname').value = {nickname!r}; true")
    await tab.tap("#join-button")
    await tab.until("!document.getElementById('draw').hidden && "
                    "document.getElementById('prompt').textContent.length > 0")


def _keep(shot: Path, name: str) -> None:
    if os.environ.get("CLASS_PAGE_SCREENSHOTS") == "1":
        shutil.copyfile(shot, DOCS / name)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_finger_draws_on_the_phone_page_and_gets_the_live_answer(tmp_path, lang):
    pool = readable_digits(40, seed=11 if lang == "en" else 12)
    with served() as server:
        async def go():
            async with Chromium(CHROMIUM, tmp_path / "profile") as browser:
                tab = await browser.page()
                await tab.phone()
                if lang == "ko":
                    await tab.language("ko-KR")
                await tab.open(server.url)
                texts = await tab.js("[document.documentElement.lang, document.getElementById('join-button')"
                                     ".textContent, innerWidth, devicePixelRatio]")
                await tab.screenshot(tmp_path / "join.png")
                nickname = "민지" if lang == "ko" else "Sam <b>"
                await _join(tab, nickname)
                prompt = await tab.js("document.getElementById('prompt').textContent")
                wanted = int("".join(ch for ch in prompt if ch.isdigit()))
                label, strokes = next((d for d in pool if d[0] == wanted), pool[0])  # draw what is asked
                who = await tab.js("document.getElementById('who').innerHTML")
                await tab.draw("#canvas", strokes, kind="touch")
                # the answer for the whole drawing (the page marks when its answer is for what is drawn)
                await tab.until("document.body.dataset.settled === '1' && "
                                "document.getElementById('cnn-digit').textContent !== '–'")
                answer = await tab.js("[document.getElementById('mlp-digit').textContent,"
                                      " document.getElementById('cnn-digit').textContent,"
                                      " document.getElementById('cnn-conf').textContent]")
                shot = tmp_path / "drawn.png"
                png = await tab.screenshot(shot)
                await tab.tap("#submit")
                status = await tab.until("/good|bad/.test(document.getElementById('status').className) && "
                                         "document.getElementById('status').textContent")
                # a mouse works too
                await tab.draw("#canvas", [[[0.3, 0.2], [0.7, 0.2], [0.45, 0.85]]], kind="mouse")
                mouse = await tab.until("document.body.dataset.settled === '1' && "
                                        "document.getElementById('mlp-digit').textContent")
                return texts, prompt, who, answer, png, status, mouse, label, len(strokes)

        texts, prompt, who, answer, png, status, mouse, label, n_strokes = run(go(), timeout=120)
        digits = server.digits()
    assert texts[2] == 390 and texts[3] == 2
    if lang == "ko":
        assert texts[:2] == ["ko", "참여하기"] and "그려" in prompt and status == "저장했어요! 다음 숫자."
        assert who == "민지"
    else:
        assert texts[:2] == ["en", "Join"] and prompt.startswith("Draw a") and status == "Saved! Next one."
        assert who == "Sam &lt;b&gt;"  # the nickname is text on the page, never markup
    assert answer[1] == str(label), (answer, label)  # the CNN reads the finger's digit
    assert answer[0].isdigit() and answer[2].endswith("%")
    assert mouse.isdigit()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10_000
    assert len(digits) == 1 and len(digits[0].strokes) == n_strokes
    assert digits[0].label == int("".join(ch for ch in prompt if ch.isdigit()))
    _keep(tmp_path / "drawn.png", "class-page-phone.png" if lang == "en" else "class-page-phone-ko.png")
    _keep(tmp_path / "join.png", "class-page-join.png" if lang == "en" else "class-page-join-ko.png")


def test_the_page_reconnects_as_the_same_student_after_a_drop(tmp_path):
    pool = readable_digits(1, seed=13)
    with served() as server:
        async def go():
            async with Chromium(CHROMIUM, tmp_path / "profile") as browser:
                tab = await browser.page()
                await tab.phone()
                await tab.open(server.url + "#" + CODE)  # the QR code's address fills the code in
                filled = await tab.js("document.getElementById('code').value")
                await tab.js("document.getElementById('code').value = '0000';"
                             "document.getElementById('nickname').value = 'Kim'; true")
                await tab.tap("#join-button")
                wrong = await tab.until("document.getElementById('join-error').textContent.includes('not right') &&"
                                        "!document.getElementById('join-button').disabled && "
                                        "document.getElementById('join-error').textContent")
                await tab.js(f"document.getElementById('code').value = '{CODE}'; true")
                await tab.tap("#join-button")
                await tab.until("!document.getElementById('draw').hidden")
                first = [s.id for s in server.students()]
                server.drop_connections()  # the Wi-Fi goes: TCP connections die without a goodbye
                lost = await tab.until("document.getElementById('status').className.includes('bad') && "
                                       "document.getElementById('status').textContent")
                back = await tab.until("document.getElementById('status').className.includes('good') && "
                                       "document.getElementById('status').textContent", timeout=20)
                await tab.draw("#canvas", pool[0][1])
                await tab.until("document.body.dataset.settled === '1'")
                await tab.tap("#submit")
                saved = await tab.until("document.getElementById('status').textContent === 'Saved! Next one.'")
                return filled, wrong, first, lost, back, saved, server.students()

        filled, wrong, first, lost, back, saved, students = run(go(), timeout=120)
    assert filled == CODE and wrong == "That code is not right. Look at the screen again."
    assert lost == "Connection lost. Reconnecting…" and back == "Connected again." and saved
    assert [s.id for s in students] == first and students[0].digits == 1 and students[0].connected

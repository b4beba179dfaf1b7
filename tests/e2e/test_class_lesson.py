"""The class on phones, through the real window: the teacher opens the class with the mouse in the Class tab, three
phones (websocket clients speaking the student page's protocol, drawing real pen digits of held-out writers) join
with the code the window shows, draw and submit; the wall and the counts show every digit; a wrong code is refused;
quitting the app stops the server (the phones' next connection is refused) and the app exits cleanly."""

from __future__ import annotations

import asyncio

import aiohttp
import pytest

from mnist_studio.classroom.simulate import Phone, pen_digits

STUDENTS = ("Mina", "지우", "Sam")
DIGITS_EACH = 2


async def _lesson(url: str, code: str) -> dict:
    """Every student joins, draws the digit their phone asks for (live answers on the way) and submits it; a fourth
    phone tries a wrong code."""
    by_label: dict[int, list] = {}
    for label, strokes in pen_digits(200, seed=7):
        by_label.setdefault(label, []).append(strokes)
    async with aiohttp.ClientSession() as session:
        phones = [Phone(session, url, code, name, lang="ko" if name == "지우" else "en") for name in STUDENTS]
        for phone in phones:
            reply = await phone.join()
            assert reply["type"] == "welcome", reply
        answers = []
        for _round in range(DIGITS_EACH):
            for phone in phones:
                label = int(phone.prompt["digit"])
                strokes = by_label[label].pop()  # every digit a different drawing
                answer = await phone.draw(strokes, steps=4)
                assert answer["type"] == "answer", answer
                answers.append((label, answer["models"]))
                saved = await phone.submit(strokes)
                assert saved["type"] == "saved" and saved["label"] == label, saved
        intruder = Phone(session, url, code, "Guess")
        refused = await intruder.join(code="0000" if code != "0000" else "1111")
        for phone in (*phones, intruder):
            await phone.close()
    return {"answers": answers, "saved": sum(len(p.saved) for p in phones), "refused": refused}


async def _try_join(url: str, code: str) -> None:
    async with aiohttp.ClientSession() as session:
        phone = Phone(session, url, code, "Late")
        await phone.join()


def test_teacher_opens_the_class_and_the_phones_fill_the_wall(launch, tmp_path):
    app = launch()
    app.wait_ready()
    app.wait(lambda s: all(p["state"] not in ("loading", "missing") for p in s["draw"]["panels"].values())
             and len(s["draw"]["panels"]) >= 2, "both shipped models to load")
    app.key("ctrl+6")
    state = app.wait(lambda s: s["tab"] == "class" and s["classroom"]["open_button"], "the Class tab")
    assert not state["classroom"]["open"], "nothing may listen before the teacher opens the class"
    app.click(state["classroom"]["open_button"])
    state = app.wait(lambda s: s["classroom"]["open"] and s["classroom"]["url"], "the class to open")
    url, code = state["classroom"]["url"], state["classroom"]["code"]
    assert url.startswith("http://127.0.0.1:"), url  # the tests' MNIST_STUDIO_CLASS_HOSTS: loopback only
    assert code.isdigit() and len(code) >= 4, code

    lesson = asyncio.run(_lesson(url, code))
    assert lesson["saved"] == len(STUDENTS) * DIGITS_EACH
    assert lesson["refused"]["type"] == "error", lesson["refused"]  # the wrong code
    assert all(set(models) == {"MLP", "CNN"} for _, models in lesson["answers"]), lesson["answers"]
    right = sum(models["CNN"]["digit"] == label for label, models in lesson["answers"])
    assert right >= len(lesson["answers"]) - 1, lesson["answers"]  # held-out pen digits: the CNN reads them

    state = app.wait(lambda s: s["classroom"]["digits"] == len(STUDENTS) * DIGITS_EACH
                     and s["classroom"]["students"] == len(STUDENTS), "the wall to show every student's digits")
    assert "MLP" in state["classroom"]["accuracy"] and "CNN" in state["classroom"]["accuracy"], state["classroom"]
    app.screenshot(tmp_path / "class-wall.png")

    assert app.quit(timeout=60) == 0
    with pytest.raises((aiohttp.ClientConnectionError, ConnectionError, OSError)):
        asyncio.run(_try_join(url, code))  # the server went with the window

"""The class server end to end on 127.0.0.1: joining, live answers, saved digits, the teacher's removals, closing."""

from __future__ import annotations

import asyncio
import socket

import aiohttp
import numpy as np
import pytest
from classroom_kit import CODE, HOST, phones, predict, readable_digits, run, served

from mnist_studio.classroom import ClassServer, ClassServerError, lan_addresses, page_bytes, qr_matrix
from mnist_studio.classroom.conversation import MIN_EXTENT
from mnist_studio.digits.handwriting import DigitSet, to_uint8, validate
from mnist_studio.digits.strokes import render


def test_join_with_the_right_code_only():
    with served() as server:
        assert server.running and server.url == f"http://{HOST}:{server.port}/" and server.port > 0
        assert server.join_url.endswith(f"#{CODE}")

        async def go():
            async with phones(server, "민지", join=False) as (phone,):
                reply = await phone.join(code="0000")
                assert reply == {"type": "error", "reason": "wrong_code", "detail": "wrong join code"}
                reply = await phone.join()  # the same connection may try again
                assert reply["type"] == "welcome" and reply["nickname"] == "민지" and reply["token"]
                assert phone.prompt["type"] == "prompt" and 0 <= phone.prompt["digit"] <= 9
                assert (await phone.join())["reason"] == "already_joined"

        run(go())
        kinds = [e.kind for e in server.events()]
        assert kinds.count("joined") == 1 and "refused" in kinds
        assert [(s.nickname, s.digits) for s in server.students()] == [("민지", 0)]
        assert server.events() == []  # drained


def test_a_drawn_digit_gets_the_live_answer_of_both_models():
    (label, strokes), = readable_digits(1)
    image = render([np.asarray(s) for s in strokes], min_extent=MIN_EXTENT)
    expected = predict()(image)
    with served() as server:
        async def go():
            async with phones(server, "Mina") as (phone,):
                partial = await phone.draw(strokes, steps=5)
                blank = await phone.ask([])
                return partial, blank, phone.roundtrips_ms

        answer, blank, times = run(go())
    assert answer["type"] == "answer" and set(answer["models"]) == {"MLP", "CNN"}
    for name, reply in answer["models"].items():
        assert reply["digit"] == label
        assert reply["confidence"] == pytest.approx(float(expected[name][label]), abs=1e-3)
    assert blank["models"] == {}
    assert len(times) == 6 and max(times) < 2000


def test_submitted_digits_are_stored_before_saved_and_make_a_class_set():
    digits = readable_digits(3)
    with served() as server:
        async def go():
            async with phones(server, "Mina", "Mina") as (a, b):
                prompts, saved = [], []
                for _, strokes in digits:
                    prompts.append(a.prompt["digit"])
                    reply = await a.submit(strokes)
                    assert reply["type"] == "saved"
                    # "saved" came after the digit was stored: it is there the moment the phone hears of it
                    assert reply["id"] in [d.id for d in server.digits()]
                    saved.append(reply)
                index_after = a.prompt["index"]
                # the same submit again (a resend after a reconnect) is stored once
                await a.send({"type": "submit", "strokes": digits[-1][1], "n": a.n})
                again = await a.expect("saved")
                # the same drawing under a new number is a twin, refused (a class set has no duplicates)
                a.n += 1
                await a.send({"type": "submit", "strokes": digits[-1][1], "n": a.n})
                twin = await a.expect("saved")
                reply = await b.submit(digits[0][1][:1] + [[[0.9, 0.9], [0.95, 0.97]]])
                return prompts, saved, index_after, again, twin, reply, b.nickname

        prompts, saved, index_after, again, twin, reply_b, _ = run(go())
        assert [s["label"] for s in saved] == prompts and index_after == 4
        assert again["id"] == saved[-1]["id"] and twin["reason"] == "duplicate" and reply_b["type"] == "saved"
        stored = server.digits()
        assert [d.id for d in stored] == [s["id"] for s in saved] + [reply_b["id"]]
        assert [d.label for d in stored[:3]] == prompts
        first = stored[0]
        assert first.image.shape == (28, 28) and first.image.dtype == np.float32
        np.testing.assert_array_equal(first.image, render([np.asarray(s) for s in digits[0][1]],
                                                          min_extent=MIN_EXTENT))
        assert set(first.probs) == {"MLP", "CNN"} and first.probs["CNN"].shape == (10,)
        nicknames = {s.nickname for s in server.students()}
        assert nicknames == {"Mina", "Mina 2"}  # made unique: one writer per student
        ds = server.digit_set("class 3B")
    assert isinstance(ds, DigitSet) and ds.name == "class 3B" and len(ds) == 4
    validate(ds)
    assert list(ds.y[:3]) == prompts and list(ds.writer) == ["Mina"] * 3 + ["Mina 2"]
    np.testing.assert_array_equal(ds.x[0], to_uint8(first.image))
    assert ds.strokes[0][0].shape[1] == 3  # x, y, pressure: the .npz layout My digits writes


def test_a_round_shows_every_digit_once_then_a_new_round():
    with served() as server:
        async def go():
            async with phones(server, "Ji") as (phone,):
                seen = [phone.prompt["digit"]]
                for _ in range(10):
                    await phone.send({"type": "skip"})
                    seen.append((await phone.expect("prompt"))["digit"])
                return seen, phone.prompt

        seen, last = run(go())
    assert sorted(seen[:10]) == list(range(10))
    assert last["round"] == 2 and last["index"] == 1 and last["of"] == 10


def test_the_teacher_removes_a_digit_and_a_student():
    digits = readable_digits(2)
    with served() as server:
        async def go():
            async with phones(server, "Ana", "Bo") as (a, b):
                await a.submit(digits[0][1])
                await b.submit(digits[1][1])
                server.events()
                server.remove_digit(a.saved[0])
                assert [d.student_id for d in server.digits()] == [b.student]
                server.remove_student(b.student)
                bye = await b.expect("bye")
                closed = await b.ws.receive(timeout=5)
                answer = await a.ask(digits[0][1])  # the others carry on
                return bye, closed.type, answer, b.student

        bye, closed, answer, removed = run(go())
        assert bye["reason"] == "removed" and closed in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
        assert answer["type"] == "answer"
        assert server.digits() == [] and [s.nickname for s in server.students()] == ["Ana"]
        assert [s.digits for s in server.students()] == [0]
        events = server.events()
        assert [(e.kind, e.detail) for e in events if e.kind == "removed"] == [("removed", "digit"),
                                                                               ("removed", "student")]
        assert any(e.kind == "removed" and e.student_id == removed for e in events)
        server.remove_student("nobody")
        server.remove_digit(12345)


def test_stop_closes_every_connection_and_nothing_listens_afterwards():
    server = ClassServer(predict(), host=HOST, code=CODE)
    server.stop()  # never started: nothing happens
    server.start()
    port = server.port

    async def go():
        async with phones(server, "A", "B") as pair:
            await asyncio.get_running_loop().run_in_executor(None, server.stop)
            return [await p.expect("bye") for p in pair], [(await p.ws.receive(timeout=5)).type for p in pair]

    byes, ends = run(go())
    assert [b["reason"] for b in byes] == ["closed", "closed"]
    assert all(t in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED) for t in ends)
    assert not server.running
    server.stop()  # twice: fine
    with pytest.raises(ConnectionRefusedError), socket.create_connection((HOST, port), timeout=5):
        pass
    assert all(not s.connected for s in server.students())
    assert {e.kind for e in server.events()} >= {"joined", "left"}


def test_a_busy_port_is_a_message_for_the_teacher():
    with served() as first:
        second = ClassServer(predict(), host=HOST, port=first.port)
        with pytest.raises(ClassServerError) as info:
            second.start()
        assert info.value.reason == "in_use" and str(first.port) in info.value.message
        assert not second.running
        second.stop()


def test_a_student_who_reconnects_is_the_same_student():
    digits = readable_digits(1)
    with served() as server:
        async def go():
            async with phones(server, "Yuna") as (phone,):
                first_id = phone.student
                await phone.ws.close()  # the phone's Wi-Fi dropped
                await asyncio.wait_for(_until(lambda: not server.students()[0].connected), 5)
                reply = await phone.join()
                assert reply["resumed"] is True and phone.student == first_id
                await phone.submit(digits[0][1])
                return first_id

        sid = run(go())
        assert [(s.id, s.digits) for s in server.students()] == [(sid, 1)]


async def _until(check):
    while not check():
        await asyncio.sleep(0.01)


def test_the_page_files_and_nothing_else():
    with served() as server:
        async def go():
            async with aiohttp.ClientSession() as session:
                pages = {}
                for path in ("/", "/index.html", "/page.js", "/page.css"):
                    async with session.get(server.url.rstrip("/") + path) as r:
                        pages[path] = (r.status, r.headers.get("Content-Type", ""),
                                       r.headers.get("Content-Security-Policy", ""), await r.read())
                async with session.post(server.url) as r:
                    post = r.status
            raw = [await _raw_get(server.port, p) for p in (
                "/../pyproject.toml", "/..%2f..%2fpyproject.toml", "/%2e%2e/%2e%2e/README.md",
                "/page.js/../../README.md",
                "/resources/classroom/page.js", "/classroom/index.html", "//etc/passwd", "/ws/../page.js%00",
                "/mnist.npz", "/models/mlp.keras", "/page.js?x=../../x", "/\\..\\..\\README.md")]
            return pages, post, raw

        pages, post, raw = run(go())
    assert pages["/"][0] == 200 and pages["/"][1].startswith("text/html") and "default-src 'none'" in pages["/"][2]
    assert pages["/"][3] == pages["/index.html"][3] and b"page.js" in pages["/"][3]
    assert pages["/page.js"][1].startswith("text/javascript") and pages["/page.css"][1].startswith("text/css")
    assert post == 405
    statuses = dict(raw)
    # only the query-string request names a whitelisted file (the query is ignored); every other path is refused
    assert statuses.pop("/page.js?x=../../x") == 200
    assert set(statuses.values()) <= {400, 404}, statuses
    assert sum(len(p[3]) for p in pages.values() if p) > 0 and page_bytes() <= 200 * 1024


async def _raw_get(port: int, path: str) -> tuple[str, int]:
    """A GET with the path exactly as written (no client-side normalisation)."""
    reader, writer = await asyncio.open_connection(HOST, port)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\nConnection: close\r\n\r\n".encode())
    await writer.drain()
    status = await reader.readline()
    writer.close()
    return path, int(status.split()[1])


def test_addresses_and_the_qr_code(monkeypatch):
    monkeypatch.setenv("MNIST_STUDIO_CLASS_HOSTS", "127.0.0.1")  # what the tests, benchmarks and monkey offer
    assert lan_addresses() == ["127.0.0.1"]
    monkeypatch.delenv("MNIST_STUDIO_CLASS_HOSTS")
    addresses = lan_addresses()
    assert addresses[-1] == "127.0.0.1" and len(set(addresses)) == len(addresses)
    assert all(len(a.split(".")) == 4 for a in addresses)
    matrix = qr_matrix("http://192.168.0.10:8765/#1234")
    assert matrix.dtype == bool and matrix.shape[0] == matrix.shape[1] >= 21
    assert matrix[:7, :7].sum() > 20  # a finder pattern in the corner

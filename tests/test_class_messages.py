"""Malformed and hostile messages: each refused with a reason, none disturbing a student who keeps drawing."""

from __future__ import annotations

import json

import aiohttp
import pytest
from classroom_kit import CODE, phones, readable_digits, run, served

from mnist_studio.classroom import Limits
from mnist_studio.classroom.limits import TokenBucket
from mnist_studio.classroom.messages import BadMessage, Join, Strokes, Submit, clean_nickname, parse

L = Limits()
OK_STROKE = [[0.2, 0.2], [0.5, 0.8], [0.8, 0.2]]


def strokes_msg(strokes, **extra) -> str:
    return json.dumps({"type": "strokes", "strokes": strokes, **extra})


# (name, raw text frame, expected reason). Sent after joining, on their own connection each.
HOSTILE = [
    ("oversized", strokes_msg([OK_STROKE]) + " " * (L.max_message_bytes + 10), "too_big"),
    ("NaN", '{"type": "strokes", "strokes": [[[NaN, 0.5]]]}', "bad_message"),
    ("Infinity", '{"type": "strokes", "strokes": [[[Infinity, 0.5]]]}', "bad_message"),
    ("-Infinity", '{"type": "strokes", "strokes": [[[0.5, -Infinity]]]}', "bad_message"),
    ("1e999 overflows to inf", '{"type": "strokes", "strokes": [[[1e999, 0.5]]]}', "bad_strokes"),
    ("a 60-digit number", '{"type": "strokes", "strokes": [[[0.5, 0.5]]], "seq": 1' + "0" * 60 + "}", "bad_message"),
    ("strokes as text", strokes_msg("<svg onload=alert(1)>"), "bad_strokes"),
    ("a point as an object", strokes_msg([[{"x": 0.1, "y": 0.2}]]), "bad_strokes"),
    ("coordinates as strings", strokes_msg([[["0.1", "0.2"]]]), "bad_strokes"),
    ("coordinates as booleans", strokes_msg([[[True, False]]]), "bad_strokes"),
    ("null coordinates", strokes_msg([[[None, 0.2]]]), "bad_strokes"),
    ("three numbers a point", strokes_msg([[[0.1, 0.2, 0.3]]]), "bad_strokes"),
    ("an empty stroke", strokes_msg([[]]), "bad_strokes"),
    ("too many points in a stroke", strokes_msg([[[0.5, 0.5]] * (L.max_points_per_stroke + 1)]), "bad_strokes"),
    ("too many strokes", strokes_msg([[[0.5, 0.5]]] * (L.max_strokes_per_digit + 1)), "bad_strokes"),
    ("too many points in all", strokes_msg([[[0.5, 0.5]] * 900] * 5), "bad_strokes"),
    ("a coordinate far outside", strokes_msg([[[0.5, 50.0]]]), "bad_strokes"),
    ("a negative seq", strokes_msg([OK_STROKE], seq=-3), "bad_message"),
    ("seq as text", strokes_msg([OK_STROKE], seq="1"), "bad_message"),
    ("an unknown type", '{"type": "rm -rf", "path": "/"}', "unknown_type"),
    ("type not text", '{"type": ["join"]}', "bad_message"),
    ("no type", '{"strokes": []}', "bad_message"),
    ("not JSON", "<script>alert(1)</script>", "bad_message"),
    ("a JSON array", "[1, 2, 3]", "bad_message"),
    ("a JSON string", '"join"', "bad_message"),
    ("deep nesting", "[" * 30000 + "]" * 30000, "bad_message"),
    ("a deeply nested object", '{"type": "strokes", "strokes": ' + "[" * 20000 + "]" * 20000 + "}", "bad_message"),
    ("a blank submit", '{"type": "submit", "strokes": [], "n": 1}', "blank"),
    ("join twice", json.dumps({"type": "join", "code": CODE, "nickname": "again"}), "already_joined"),
    ("invalid UTF-16 surrogate", '{"type": "join", "code": "1", "nickname": "\\ud800"}', "bad_nickname"),
]


def test_every_refused_message_has_a_reason_from_the_parser():
    for name, raw, reason in HOSTILE:
        if reason in ("already_joined",):
            continue
        with pytest.raises(BadMessage) as info:
            parse(raw, L)
        assert info.value.reason == reason, name
    with pytest.raises(BadMessage) as info:
        parse(b'{"type": "join"}', L)
    assert info.value.reason == "binary"


def test_good_messages_parse():
    raw = {"type": "join", "code": " 1234 ", "nickname": "  김 민지\u202e\x00\n ", "lang": "ko-KR"}
    join = parse(json.dumps(raw), L)
    assert join == Join(code="1234", nickname="김 민지", lang="ko", token="")
    msg = parse(strokes_msg([OK_STROKE, [[1, 0]]], seq=4), L)
    assert isinstance(msg, Strokes) and msg.seq == 4 and [s.shape for s in msg.strokes] == [(3, 2), (1, 2)]
    assert isinstance(parse(json.dumps({"type": "submit", "strokes": [OK_STROKE], "n": 2}), L), Submit)
    assert parse(strokes_msg([]), L).strokes == []  # a cleared canvas asks for a blank answer


def test_nicknames_any_script_trimmed_and_cut():
    assert clean_nickname("  <script>alert('x')</script> ", 40) == "<script>alert('x')</script>"  # text, shown as text
    assert clean_nickname("하늘\u200b별\u2066", 20) == "하늘별"
    assert clean_nickname("a" * 50, 20) == "a" * 20
    assert clean_nickname("\t\r\n\x07", 20) == ""
    assert clean_nickname("José  María", 20) == "José María"
    assert clean_nickname("مريم", 20) == "مريم"


def test_token_bucket():
    now = [0.0]
    bucket = TokenBucket(rate=2.0, burst=3, clock=lambda: now[0])
    assert [bucket.take() for _ in range(4)] == [True, True, True, False]
    now[0] += 0.5
    assert bucket.take() and not bucket.take()


def test_hostile_messages_are_refused_and_the_class_draws_on():
    (label, strokes), = readable_digits(1)
    with served(limits=Limits(wrong_codes_per_minute=4, message_burst=60, refusals_before_close=25)) as server:
        async def go():
            refused = {}
            async with phones(server, "steady", "mallory") as (good, bad):
                async def still_fine():
                    reply = await good.ask(strokes)
                    assert reply["type"] == "answer" and reply["models"]["CNN"]["digit"] == label

                for name, raw, reason in HOSTILE:
                    await bad.ws.send_str(raw)
                    reply = await bad.expect("never")
                    refused[name] = reply.get("reason")
                    assert reply == {**reply, "type": "error", "reason": reason}, name
                    await still_fine()
                    if bad.ws.closed or len(bad.errors) > 20:  # a fresh connection before the flood rule bites
                        await bad.close()
                        bad.errors.clear()
                        bad.token = ""
                        assert (await bad.join())["type"] == "welcome"

                # a binary frame
                await bad.ws.send_bytes(b"\x00\xff" * 100)
                refused["binary"] = (await bad.expect("never"))["reason"]
                await still_fine()

                # before joining: nothing but a join is heard
                async with phones(server, "early", join=False) as (early,):
                    for raw in (strokes_msg([OK_STROKE]), json.dumps({"type": "submit", "strokes": [OK_STROKE]})):
                        await early.ws.send_str(raw)
                        refused[f"before join {raw[:20]}"] = (await early.expect("never"))["reason"]
                    for raw in ({"type": "join", "code": CODE, "nickname": " \u202e\x00 "},
                                {"type": "join", "code": CODE, "nickname": "x" * 5000}):
                        await early.send(raw)
                        refused[f"nickname {raw['nickname'][:8]!r}"] = (await early.expect("never"))["reason"]
                    await still_fine()

                # a script in a nickname is kept as text (the page and the app show it with textContent / Qt text)
                async with phones(server, "<img src=x>") as (script,):
                    assert script.student
                    await still_fine()

                # a flood of messages: refused as too fast, then the connection is closed
                async with phones(server, "flood") as (flood,):
                    for _ in range(300):
                        if flood.ws.closed:
                            break
                        try:
                            await flood.ws.send_str(strokes_msg([OK_STROKE]))
                        except ConnectionError:
                            break
                    kinds = []
                    while True:
                        msg = await flood.ws.receive(timeout=10)
                        if msg.type != aiohttp.WSMsgType.TEXT:
                            break
                        kinds.append(json.loads(msg.data).get("reason") or json.loads(msg.data)["type"])
                    refused["flood"] = "too_fast" if "too_fast" in kinds and "flood" in kinds else kinds[-5:]
                    await still_fine()

                # digits faster than a hand draws
                async with phones(server, "speedy") as (speedy,):
                    replies = []
                    for i in range(server.limits.digit_burst + 1):
                        speedy.n += 1
                        await speedy.send({"type": "submit", "n": speedy.n,
                                           "strokes": [[[0.1 + 0.05 * i, 0.1], [0.5, 0.9 - 0.02 * i]]]})
                        replies.append(await speedy.expect("saved"))
                    refused["digit flood"] = replies[-1].get("reason")
                    assert all(r["type"] == "saved" for r in replies[:-1])
                    await still_fine()

                # guessing the code: wrong, wrong... then refused even when right, for a minute
                async with phones(server, "guesser", join=False) as (guesser,):
                    answers = [(await guesser.join(code=f"{c:04d}")).get("reason") for c in range(4)]
                    answers.append((await guesser.join()).get("reason"))
                    refused["guessing"] = answers
                    await still_fine()

                # a page from another site may not open a socket here
                async with aiohttp.ClientSession() as session:
                    with pytest.raises(aiohttp.WSServerHandshakeError) as info:
                        await session.ws_connect(server.url + "ws", headers={"Origin": "http://evil.example"})
                    refused["cross-site"] = info.value.status
                await still_fine()
                return refused, len(good.roundtrips_ms)

        refused, answers = run(go(), timeout=120)
        assert refused["binary"] == "binary"
        assert all(v == "not_joined" for k, v in refused.items() if k.startswith("before join"))
        assert [v for k, v in refused.items() if k.startswith("nickname")] == ["bad_nickname", "bad_message"]
        assert refused["flood"] == "too_fast"
        assert refused["digit flood"] == "too_many_digits"
        assert refused["guessing"] == ["wrong_code"] * 4 + ["too_many_tries"]
        assert refused["cross-site"] == 403
        assert len(refused) == len(HOSTILE) + 9 and answers >= len(HOSTILE) + 6
        nicknames = {s.nickname for s in server.students()}
        assert "<img src=x>" in nicknames and "steady" in nicknames
        assert len(server.digits()) == server.limits.digit_burst  # only the speedy student's accepted ones
        assert [e for e in server.events() if e.kind == "refused"]


def test_a_full_class_refuses_one_more():
    with served(limits=Limits(max_students=2)) as server:
        async def go():
            async with phones(server, "a", "b") as _, phones(server, "c", join=False) as (late,):
                return await late.join()

        assert run(go())["reason"] == "class_full"


def test_a_message_far_over_the_limit_closes_only_its_connection():
    with served() as server:
        async def go():
            async with phones(server, "a", "b") as (good, bad):
                await bad.ws.send_str("[" * (5 * server.limits.max_message_bytes))
                closed = await bad.ws.receive(timeout=10)
                answer = await good.ask([[[0.1, 0.1], [0.5, 0.9]]])
                return closed, answer

        closed, answer = run(go())
    assert closed.type == aiohttp.WSMsgType.CLOSE and closed.data == aiohttp.WSCloseCode.MESSAGE_TOO_BIG
    assert answer["type"] == "answer"

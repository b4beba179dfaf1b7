"""The class server under a whole class, on loopback only (127.0.0.1): simulated phones draw real pen digits.

Each student joins (staggered over two seconds), then draws ``--digits`` digits as a hand does: the
growing drawing is sent at most every 120 ms with one message in flight (as the page does), each live
answer timed (strokes -> answer round trip), then submits; a submit refused for going faster than the
digit limit waits and tries again, as a student would. The server runs in this process with the real
numpy predictors of the shipped MLP and CNN, as in the app; the phones run in a child process (phones
are other machines: their JSON and sockets should not take the server's GIL).

``lost``: digits a phone drew and submitted that the server does not hold at the end (a "saved" reply
for a digit it does not hold would count too). ``server_handling_p95_ms``: receipt of a message to its
reply sent, inside the server (the round trip less the phones' own time and the sockets).
``gil_stall_p99_ms``: how late a 5 ms timer on a third thread wakes meanwhile (the window's thread
shares the GIL with the server: a proxy for its event-loop stalls).

    python benchmarks/class_load.py [--quick] [--students 40] [--digits 20]
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import threading
import time

import _util
import aiohttp
import numpy as np

HOST = "127.0.0.1"


def ticker(stop: threading.Event, lateness: list) -> None:
    while not stop.is_set():
        t0 = time.perf_counter()
        time.sleep(0.005)
        lateness.append(time.perf_counter() - t0 - 0.005)


async def student(session, server, name: str, digits: list, delay: float, pace: float, think: float) -> dict:
    from mnist_studio.classroom.simulate import Phone, growing

    await asyncio.sleep(delay)
    phone = Phone(session, server.url, server.code, name)
    reply = await phone.join()
    assert reply["type"] == "welcome", reply
    sent, waits, errors = 0, 0, []
    for _, strokes in digits:
        for snap in growing(strokes, 6):
            t0 = time.perf_counter()
            await phone.ask(snap)
            await asyncio.sleep(max(0.0, pace - (time.perf_counter() - t0)))
        sent += 1
        for _attempt in range(30):
            reply = await phone.submit(strokes)
            if reply.get("reason") != "too_many_digits":
                break
            waits += 1
            await asyncio.sleep(1.0)
        if reply["type"] != "saved":
            errors.append(reply.get("reason"))
        await asyncio.sleep(think)
    await phone.close()
    return {"sent": sent, "saved": phone.saved, "roundtrips": phone.roundtrips_ms, "waits": waits,
            "errors": errors, "first": phone.join_to_first_answer_ms}


class Address:
    def __init__(self, url: str, code: str):
        self.url, self.code = url, code


async def run_class(server, students: int, per_student: int, pace: float, think: float) -> list[dict]:
    from mnist_studio.classroom.simulate import pen_digits

    digits = pen_digits(students * per_student, seed=21)
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as session:
        tasks = [student(session, server, f"student {i + 1}", digits[i * per_student:(i + 1) * per_student],
                         delay=2.0 * i / max(1, students), pace=pace, think=think) for i in range(students)]
        return await asyncio.gather(*tasks)


def phones_main(url: str, code: str, students: int, per_student: int, pace: float, think: float) -> None:
    """The child process: the whole class's phones on one event loop; prints their results as JSON."""
    results = asyncio.run(asyncio.wait_for(run_class(Address(url, code), students, per_student, pace, think), 600))
    print(json.dumps(results))


def run_phones(server, students: int, per_student: int, pace: float, think: float) -> list[dict]:
    if not server.url.startswith(f"http://{HOST}:"):
        raise SystemExit("the load test runs on 127.0.0.1 only")
    cmd = [sys.executable, __file__, "--phones", server.url, server.code, str(students), str(per_student),
           str(pace), str(think)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=900, check=False)
    if done.returncode != 0:
        raise SystemExit(f"the phones failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    if len(sys.argv) == 8 and sys.argv[1] == "--phones":
        url, code, n, d, pace, think = sys.argv[2:]
        phones_main(url, code, int(n), int(d), float(pace), float(think))
        return
    p = _util.parser(__doc__)
    p.add_argument("--students", type=int, default=40)
    p.add_argument("--digits", type=int, default=20)
    args = p.parse_args()
    students, per_student = (4, 3) if args.quick else (args.students, args.digits)
    pace, think = (0.02, 0.05) if args.quick else (0.12, 0.8)

    from mnist_studio.classroom import ClassServer, page_bytes, shipped_predict
    from mnist_studio.digits.handwriting import validate

    server = ClassServer(shipped_predict(), host=HOST, port=0)
    server.start()
    stop, lateness = threading.Event(), []
    tick = threading.Thread(target=ticker, args=(stop, lateness), daemon=True)
    tick.start()
    t0 = time.perf_counter()
    try:
        results = run_phones(server, students, per_student, pace, think)
        elapsed = time.perf_counter() - t0
        stored = {d.id for d in server.digits()}
        handling = server.handling_ms()
        ds = server.digit_set()
    finally:
        stop.set()
        tick.join()
        server.stop()
    confirmed = [i for r in results for i in r["saved"]]
    sent = sum(r["sent"] for r in results)
    roundtrips = [ms for r in results for ms in r["roundtrips"]]
    first = [r["first"] for r in results if r["first"] is not None]
    try:
        validate(ds, "the class set")
        set_ok = True
    except ValueError:
        set_ok = False
    rt = _util.percentiles(np.asarray(roundtrips) / 1000.0)
    _util.emit({
        "benchmark": "class_load", "host": HOST, "quick": args.quick,
        "students": students, "digits_per_student": per_student,
        "digits_sent": sent, "digits_saved": len(stored), "confirmed_saved": len(confirmed),
        "lost": sent - len(stored & set(confirmed)) + len(set(confirmed) - stored),
        "submit_errors": [e for r in results for e in r["errors"]],
        "rate_limit_waits": sum(r["waits"] for r in results),
        "answers": len(roundtrips),
        "roundtrip_p50_ms": rt.get("p50"), "roundtrip_p95_ms": rt.get("p95"), "roundtrip_p99_ms": rt.get("p99"),
        "roundtrip_max_ms": rt.get("max"),
        "server_handling_p95_ms": round(float(np.percentile(handling, 95)), 2) if handling else None,
        "server_handling_p99_ms": round(float(np.percentile(handling, 99)), 2) if handling else None,
        "join_to_first_answer_ms": round(float(np.percentile(first, 95)), 1) if first else None,
        "join_to_first_answer_max_ms": round(max(first), 1) if first else None,
        "gil_stall_p99_ms": round(float(np.percentile(lateness, 99)) * 1000, 2) if lateness else None,
        "class_set": {"digits": len(ds), "writers": len(set(ds.writer.tolist())), "valid": set_ok},
        "page_bytes": page_bytes(),
        "elapsed_s": round(elapsed, 2),
        "within_2_min": elapsed <= 120.0,
    })


if __name__ == "__main__":
    main()

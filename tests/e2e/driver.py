"""Drive the real app in a real X window: Xvfb, xdotool input, and the app's probe file (mnist_studio/ui/probe.py).

No Qt in this process: the app runs as ``mnist-studio`` in a subprocess; the tests read its state from the JSON
snapshot the probe writes, and from what it leaves on disk (runs, digit sets, settings, screenshots).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import os
import random
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

WAIT_S = 120.0  # generous: other jobs share the CPU; a wait ends as soon as its condition holds
POLL_S = 0.1  # the probe writes every 150 ms
SCREEN = "1280x800x24"
BAD_STDERR = ("QThread: Destroyed while thread", "Traceback (most recent call last)", "Fatal Python error")

# Digits as pen strokes in the canvas square's unit coordinates (0..1, y down): what a student would draw.
DIGITS: dict[int, list[list[tuple[float, float]]]] = {
    0: [[(0.5, 0.15), (0.32, 0.25), (0.27, 0.5), (0.32, 0.75), (0.5, 0.86), (0.68, 0.75), (0.73, 0.5),
         (0.68, 0.25), (0.5, 0.15)]],
    1: [[(0.45, 0.22), (0.53, 0.15), (0.53, 0.86)]],
    2: [[(0.3, 0.3), (0.4, 0.18), (0.6, 0.18), (0.7, 0.3), (0.65, 0.45), (0.3, 0.85), (0.75, 0.85)]],
    3: [[(0.3, 0.2), (0.68, 0.2), (0.45, 0.45), (0.7, 0.6), (0.6, 0.82), (0.3, 0.82)]],
    4: [[(0.6, 0.15), (0.25, 0.6), (0.75, 0.6)], [(0.6, 0.35), (0.6, 0.9)]],
    5: [[(0.7, 0.18), (0.35, 0.18), (0.32, 0.45), (0.6, 0.45), (0.7, 0.62), (0.6, 0.82), (0.3, 0.82)]],
    6: [[(0.65, 0.15), (0.35, 0.5), (0.33, 0.75), (0.5, 0.87), (0.67, 0.75), (0.62, 0.55), (0.4, 0.55),
         (0.35, 0.65)]],
    7: [[(0.25, 0.2), (0.75, 0.2), (0.45, 0.85)]],
    8: [[(0.5, 0.5), (0.33, 0.35), (0.5, 0.17), (0.67, 0.35), (0.5, 0.5), (0.3, 0.68), (0.5, 0.85), (0.7, 0.68),
         (0.5, 0.5)]],
    9: [[(0.65, 0.35), (0.5, 0.2), (0.35, 0.35), (0.5, 0.5), (0.65, 0.35), (0.62, 0.85)]],
}


class E2EError(AssertionError):
    pass


def centre(rect) -> tuple[int, int]:
    x, y, w, h = rect
    return x + w // 2, y + h // 2


def find(items, text: str) -> dict:
    """The item (tab, popup row, dialog child) whose text is ``text``."""
    for item in items:
        if item.get("text") == text:
            return item
    raise E2EError(f"no item {text!r} among {[i.get('text') for i in items]}")


def bind_keysyms(display: str, text: str) -> None:
    """Give every non-ASCII character of ``text`` a keycode of its own, for good.

    ``xdotool type`` binds such a character to a spare keycode only for the moment of its key press and
    unbinds it at once; Qt reads the keymap when it handles the mapping change, often after the unbinding,
    and then drops the character. A keysym already in the keymap is typed with its own keycode instead.
    """
    wanted = {0x01000000 | ord(c) if ord(c) > 0xFF else ord(c) for c in text if ord(c) > 0x7E}
    if not wanted:
        return
    x11 = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x11.XGetKeyboardMapping.restype = ctypes.POINTER(ctypes.c_ulong)
    x11.XGetKeyboardMapping.argtypes = [ctypes.c_void_p, ctypes.c_ubyte, ctypes.c_int, ctypes.POINTER(ctypes.c_int)]
    x11.XChangeKeyboardMapping.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int,
                                           ctypes.POINTER(ctypes.c_ulong), ctypes.c_int]
    x11.XDisplayKeycodes.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_int)]
    x11.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
    x11.XFree.argtypes = [ctypes.c_void_p]
    x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
    dpy = x11.XOpenDisplay(display.encode())
    if not dpy:
        raise E2EError(f"cannot open the X display {display}")
    try:
        low, high, per = ctypes.c_int(), ctypes.c_int(), ctypes.c_int()
        x11.XDisplayKeycodes(dpy, ctypes.byref(low), ctypes.byref(high))
        count = high.value - low.value + 1
        table = x11.XGetKeyboardMapping(dpy, low.value, count, ctypes.byref(per))
        n = per.value
        rows = [[table[i * n + j] for j in range(n)] for i in range(count)]
        x11.XFree(table)
        present = {sym for row in rows for sym in row}
        free = [low.value + i for i, row in enumerate(rows) if not any(row) and low.value + i > 8]
        missing = sorted(wanted - present)
        if len(missing) > len(free):
            raise E2EError(f"no spare keycodes left for {len(missing)} characters")
        for code, sym in zip(free, missing, strict=False):
            row = (ctypes.c_ulong * n)(*([sym] * n))
            x11.XChangeKeyboardMapping(dpy, code, n, row, 1)
        x11.XSync(dpy, 0)
    finally:
        x11.XCloseDisplay(dpy)


# -- the X server --------------------------------------------------------------------------------------
def start_xvfb() -> tuple[subprocess.Popen, str]:
    """A private Xvfb; the server picks a free display number and tells it through -displayfd."""
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", SCREEN, "-nolisten", "tcp",
                             "-noreset"], pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    os.close(write_fd)
    number = b""
    deadline = time.monotonic() + 30
    try:
        while not number.endswith(b"\n") and time.monotonic() < deadline and proc.poll() is None:
            ready, _, _ = select.select([read_fd], [], [], 0.5)
            if ready:
                chunk = os.read(read_fd, 16)
                if not chunk:
                    break
                number += chunk
    finally:
        os.close(read_fd)
    if not number.strip().isdigit():
        proc.kill()
        err = proc.stderr.read().decode(errors="replace")[-2000:] if proc.stderr else ""
        raise RuntimeError(f"Xvfb did not start: {err.strip() or 'no display number'}")
    return proc, f":{number.decode().strip()}"


def stop(proc: subprocess.Popen, timeout: float = 10) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def app_command() -> list[str]:
    """The installed console script next to this Python (the venv's), else ``python -m mnist_studio``."""
    script = shutil.which("mnist-studio", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "mnist_studio"]


# -- one running app -------------------------------------------------------------------------------------
class App:
    def __init__(self, args: list[str], env: dict, display: str, folder: Path, name: str):
        self.display, self.folder, self.name = display, folder, name
        self.probe = folder / f"{name}.probe.json"
        self.stderr_path = folder / f"{name}.stderr.txt"
        self.stdout_path = folder / f"{name}.stdout.txt"
        env = dict(env, MNIST_STUDIO_PROBE=str(self.probe), DISPLAY=display, QT_QPA_PLATFORM="xcb")
        self.env = env
        self.started = time.monotonic()
        with open(self.stdout_path, "wb") as out, open(self.stderr_path, "wb") as err:
            self.proc = subprocess.Popen(app_command() + list(args), env=env, stdout=out, stderr=err,
                                         stdin=subprocess.DEVNULL)
        self._last: dict = {}

    # -- reading the probe --------------------------------------------------------------------------------
    def state(self) -> dict:
        try:
            data = json.loads(self.probe.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return self._last
        if "probe_error" in data:
            raise E2EError(f"the probe failed inside the app: {data['probe_error']}")
        self._last = data
        return data

    def stderr(self) -> str:
        try:
            return self.stderr_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def wait(self, predicate, what: str, timeout: float = WAIT_S) -> dict:
        """Poll the probe until ``predicate(state)`` is true; fail naming ``what`` (and the app's last words)."""
        deadline = time.monotonic() + timeout
        while True:
            state = self.state()
            try:
                if state and predicate(state):
                    return state
            except (KeyError, TypeError, IndexError):
                pass  # a state from before the widget existed
            if self.proc.poll() is not None:
                raise E2EError(f"the app exited (status {self.proc.returncode}) while waiting for {what}; "
                               f"stderr:\n{self.stderr()[-3000:]}")
            if time.monotonic() > deadline:
                raise E2EError(f"timed out after {timeout:.0f} s waiting for {what}; last state: "
                               f"{summary(state)}\nstderr:\n{self.stderr()[-3000:]}")
            time.sleep(POLL_S)

    def wait_ready(self) -> dict:
        """The window is shown and has the keyboard focus (no window manager here: we give it)."""
        state = self.wait(lambda s: s["window"]["rect"] is not None, "the main window", timeout=WAIT_S)
        for _ in range(20):
            self.xdo("windowfocus", "--sync", str(state["window"]["id"]))
            try:
                return self.wait(lambda s: s["window"]["active"], "the window to become active", timeout=3)
            except E2EError:
                continue
        raise E2EError("the main window never became active")

    # -- input ------------------------------------------------------------------------------------------
    def xdo(self, *args: str) -> None:
        result = subprocess.run(["xdotool", *args], env=dict(os.environ, DISPLAY=self.display),
                                capture_output=True, text=True, timeout=60)
        if result.returncode != 0:
            raise E2EError(f"xdotool {' '.join(args)} failed: {result.stderr.strip()}")

    def key(self, *keys: str) -> None:
        self.xdo("key", "--clearmodifiers", "--delay", "60", *keys)

    def type(self, text: str) -> None:
        bind_keysyms(self.display, text)
        self.xdo("type", "--delay", "40", text)

    def click(self, target, button: int = 1, repeat: int = 1) -> None:
        """Click the centre of a rect [x, y, w, h] (or a point (x, y))."""
        if target is None:
            raise E2EError("cannot click a widget that is not shown")
        x, y = centre(target) if len(target) == 4 else target
        self.xdo("mousemove", "--sync", str(x), str(y), "click", "--repeat", str(repeat), "--delay", "80",
                 str(button))

    def stroke(self, where: str, points) -> None:
        """One pen stroke on the canvas of tab ``where`` ("draw", "inside", "mydigits"): press, move through
        ``points`` (unit coordinates of the canvas square), release; returns once the app has the stroke."""
        state = self.state()
        x, y, w, h = state[where]["canvas"]
        before = state[where]["ink"]["strokes"]
        side = min(w, h)
        ox, oy = x + (w - side) / 2, y + (h - side) / 2
        pixels = [(int(ox + px * side), int(oy + py * side)) for px, py in points]
        args = ["mousemove", "--sync", str(pixels[0][0]), str(pixels[0][1]), "mousedown", "1"]
        for (ax, ay), (bx, by) in zip(pixels, pixels[1:], strict=False):
            for t in (0.25, 0.5, 0.75, 1.0):  # intermediate points: a real pen sends many motion events
                args += ["mousemove", str(int(ax + (bx - ax) * t)), str(int(ay + (by - ay) * t)), "sleep", "0.01"]
        args += ["mouseup", "1"]
        self.xdo(*args)
        self.wait(lambda s: s[where]["ink"]["strokes"] > before and not s[where]["ink"]["drawing"],
                  f"the stroke on the {where} canvas")

    def draw_digit(self, where: str, digit: int, slant: float = 0.0, wobble: int | None = None) -> None:
        """Draw ``digit``; ``slant`` leans it (italic) and ``wobble`` (a seed) shakes the pen a little, so that
        two students' digits differ as real handwriting does."""
        rng = random.Random(wobble)
        for stroke in DIGITS[digit]:
            points = [(x + slant * (0.5 - y), y) for x, y in stroke]
            if wobble is not None:
                points = [(x + rng.uniform(-0.02, 0.02), y + rng.uniform(-0.02, 0.02)) for x, y in points]
            self.stroke(where, points)

    def choose(self, combo_rect, text: str) -> dict:
        """Open a combo box with the mouse and click the row that says ``text``; the state once the window has
        settled after the choice."""
        self.click(combo_rect)
        state = self.wait(lambda s: s["popup"] and any(c["kind"] == "list" for c in s["popup"]["children"]),
                          "the combo box's list")
        rows = next(c for c in state["popup"]["children"] if c["kind"] == "list")["items"]
        self.click(find(rows, text)["rect"])
        self.wait(lambda s: s["popup"] is None, "the combo box's list to close")
        return self.settled()

    def settled(self, timeout: float = 30.0) -> dict:
        """The state once the window's layout has stopped moving: two probe snapshots in a row with every widget
        where it was. A choice can move the widgets below it (the Train form's layer table grows with the
        network): a person aims at where a field is now, so the next click must not use a rectangle from the
        moment before."""
        deadline = time.monotonic() + timeout
        last = self.state()
        while True:
            time.sleep(POLL_S)
            state = self.state()
            if state.get("tick") != last.get("tick"):
                if rects(state) == rects(last):
                    return state
                last = state
            if self.proc.poll() is not None:
                raise E2EError(f"the app exited (status {self.proc.returncode}) while its layout settled; "
                               f"stderr:\n{self.stderr()[-3000:]}")
            if time.monotonic() > deadline:
                raise E2EError(f"the window's layout kept moving for {timeout:.0f} s")

    def screenshot(self, path: Path) -> Path:
        """The whole screen as the app sees it (the probe grabs it), for a human to look at."""
        path = Path(path)
        tmp = self.probe.with_name(self.probe.name + ".shot.tmp")
        tmp.write_text(str(path), encoding="utf-8")
        os.replace(tmp, self.probe.with_name(self.probe.name + ".shot"))
        self.wait(lambda s: str(path) in s["shots"], f"the screenshot {path.name}", timeout=30)
        return path

    # -- the end --------------------------------------------------------------------------------------------
    def wait_exit(self, timeout: float = WAIT_S) -> int:
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired as exc:
            raise E2EError(f"the app did not exit within {timeout:.0f} s; last state: {summary(self.state())}") \
                from exc

    def quit(self, timeout: float = WAIT_S) -> int:
        """Ctrl+Q, as a user quits; the exit status."""
        self.wait_ready()
        self.key("ctrl+q")
        return self.wait_exit(timeout)

    def close_dialogs(self) -> None:
        """Escape out of any popup or dialog a failed test left open (not the question asked mid-training)."""
        for _ in range(5):
            state = self.state()
            top = state.get("popup") or state.get("modal")
            if not top or top.get("name") == "closeDuringTraining" or self.proc.poll() is not None:
                return
            self.key("Escape")
            try:
                self.wait(lambda s, top=top: (s.get("popup") or s.get("modal") or {}).get("rect") != top.get("rect"),
                          "the dialog to close", timeout=5)
            except E2EError:
                return

    def clean_exit_problems(self) -> list[str]:
        """Why this run did not end cleanly (empty when it did): exit status 0, no thread or Python errors."""
        problems = []
        if self.proc.returncode != 0:
            problems.append(f"{self.name}: exit status {self.proc.returncode}")
        err = self.stderr()
        for bad in BAD_STDERR:
            if bad in err:
                problems.append(f"{self.name}: stderr contains {bad!r}:\n{err[-3000:]}")
        return problems

    def kill(self) -> None:
        stop(self.proc, timeout=5)


def rects(value, path: str = "") -> list:
    """Every widget rectangle in a probe state (its lists of four whole numbers, [x, y, width, height]) with where
    it is in the state, in a stable order: what moves when the layout does."""
    if isinstance(value, dict):
        return [found for key in sorted(value) for found in rects(value[key], f"{path}/{key}")]
    if isinstance(value, list):
        if len(value) == 4 and all(isinstance(v, int) and not isinstance(v, bool) for v in value):
            return [(path, value)]
        return [found for i, item in enumerate(value) for found in rects(item, f"{path}/{i}")]
    return []


def summary(state: dict) -> str:
    """The parts of a probe state that explain a failed wait (not the widget rectangles)."""
    if not state:
        return "(no probe state yet)"
    keep = {k: state.get(k) for k in ("tab", "language", "projector", "theme", "status", "device", "focus")}
    keep["window"] = state.get("window", {}).get("active")
    keep["train"] = {k: state.get("train", {}).get(k) for k in ("running", "progress", "status", "message",
                                                                   "last_status", "last_message")}
    keep["draw"] = {k: (p.get("digit"), p.get("caption")) for k, p in state.get("draw", {}).get("panels", {}).items()}
    keep["evaluate"] = {k: state.get("evaluate", {}).get(k) for k in ("key", "busy", "summary", "message")}
    keep["mydigits"] = {k: state.get("mydigits", {}).get(k) for k in ("name", "count", "path", "error", "summary")}
    modal = state.get("modal")
    keep["modal"] = None if not modal else {k: modal.get(k) for k in ("name", "title", "text")}
    keep["popup"] = bool(state.get("popup"))
    return json.dumps(keep, ensure_ascii=False)

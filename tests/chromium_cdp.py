"""Debian's chromium, headless, driven through the DevTools protocol over aiohttp's websocket client.

No Selenium and no browser download: ``/usr/bin/chromium`` with ``--remote-debugging-port=0``; the port
is read from ``DevToolsActivePort`` in its profile folder. Host names resolve to nothing but 127.0.0.1,
so the browser cannot reach any other machine.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import shutil
from pathlib import Path

import aiohttp

FLAGS = ["--headless=new", "--remote-debugging-port=0", "--no-first-run", "--no-default-browser-check",
         "--disable-gpu", "--disable-extensions", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--disable-default-apps", "--no-pings", "--metrics-recording-only",
         "--disable-features=Translate,MediaRouter,OptimizationHints,AutofillServerCommunication",
         "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1", "--lang=en-US", "--window-size=390,844",
         "--hide-scrollbars", "--mute-audio"]


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


class Chromium:
    """One browser; ``page()`` opens a tab and returns a ``Tab`` to drive it."""

    def __init__(self, path: str, profile: Path):
        self.path, self.profile = path, profile
        self.proc: asyncio.subprocess.Process | None = None
        self.ws: aiohttp.ClientWebSocketResponse | None = None
        self._session: aiohttp.ClientSession | None = None
        self._next = 0
        self._waiting: dict[int, asyncio.Future] = {}
        self._reader: asyncio.Task | None = None

    async def __aenter__(self) -> Chromium:
        flags = [*FLAGS, f"--user-data-dir={self.profile}"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            flags.append("--no-sandbox")  # chromium refuses to run its sandbox as root (CI containers)
        self.proc = await asyncio.create_subprocess_exec(self.path, *flags, "about:blank", env=self._env(),
                                                         stdout=asyncio.subprocess.DEVNULL,
                                                         stderr=asyncio.subprocess.DEVNULL)
        port_file = self.profile / "DevToolsActivePort"

        async def listening():
            while not (port_file.exists() and len(port_file.read_text().splitlines()) >= 2):
                if self.proc.returncode is not None:
                    raise RuntimeError(f"chromium exited with {self.proc.returncode}")
                await asyncio.sleep(0.05)

        await asyncio.wait_for(listening(), 30)
        port, path = port_file.read_text().splitlines()[:2]
        self._session = aiohttp.ClientSession()
        self.ws = await self._session.ws_connect(f"ws://127.0.0.1:{port}{path}", max_msg_size=64 * 2**20)
        self._reader = asyncio.create_task(self._read())
        return self

    async def __aexit__(self, *exc) -> None:
        if self.ws is not None:
            try:
                await asyncio.wait_for(self.send("Browser.close"), 5)
            except (Exception, asyncio.TimeoutError):  # noqa: BLE001 - killed below anyway
                pass
            await self.ws.close()
        if self._reader is not None:
            self._reader.cancel()
        if self._session is not None:
            await self._session.close()
        if self.proc is not None and self.proc.returncode is None:
            try:
                await asyncio.wait_for(self.proc.wait(), 10)
            except asyncio.TimeoutError:
                self.proc.kill()
                await self.proc.wait()

    def _env(self) -> dict:
        """The machine's fonts plus the app's shipped Hangul font (a phone has its own; a CI box may have none)."""
        fonts = Path(__file__).resolve().parent.parent / "resources" / "fonts"
        conf = self.profile.parent / "fonts.conf"
        conf.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
                        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
                        f"<dir>{fonts}</dir><cachedir>{self.profile.parent / 'fontcache'}</cachedir></fontconfig>")
        return {**os.environ, "FONTCONFIG_FILE": str(conf)}

    async def _read(self) -> None:
        async for msg in self.ws:
            if msg.type != aiohttp.WSMsgType.TEXT:
                break
            data = json.loads(msg.data)
            future = self._waiting.pop(data.get("id", -1), None)
            if future is not None and not future.done():
                if "error" in data:
                    future.set_exception(RuntimeError(f"DevTools: {data['error']}"))
                else:
                    future.set_result(data.get("result", {}))
        for future in self._waiting.values():
            if not future.done():
                future.set_exception(ConnectionError("the browser closed the DevTools connection"))

    async def send(self, method: str, params: dict | None = None, session_id: str | None = None) -> dict:
        self._next += 1
        future = asyncio.get_running_loop().create_future()
        self._waiting[self._next] = future
        message = {"id": self._next, "method": method, "params": params or {}}
        if session_id:
            message["sessionId"] = session_id
        await self.ws.send_str(json.dumps(message))
        return await asyncio.wait_for(future, 30)

    async def page(self) -> Tab:
        target = await self.send("Target.createTarget", {"url": "about:blank"})
        attached = await self.send("Target.attachToTarget", {"targetId": target["targetId"], "flatten": True})
        return Tab(self, attached["sessionId"])


class Tab:
    def __init__(self, browser: Chromium, session_id: str):
        self.browser, self.session_id = browser, session_id

    async def send(self, method: str, params: dict | None = None) -> dict:
        return await self.browser.send(method, params, self.session_id)

    async def phone(self, width: int = 390, height: int = 844, scale: float = 2.0) -> None:
        await self.send("Emulation.setDeviceMetricsOverride",
                        {"width": width, "height": height, "deviceScaleFactor": scale, "mobile": True})
        await self.send("Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 5})

    async def language(self, lang: str) -> None:
        """``navigator.language`` as a phone set to ``lang`` reports it."""
        await self.send("Page.addScriptToEvaluateOnNewDocument", {"source": (
            f"Object.defineProperty(navigator, 'language', {{get: () => {json.dumps(lang)}}});"
            f"Object.defineProperty(navigator, 'languages', {{get: () => [{json.dumps(lang)}]}});")})

    async def open(self, url: str) -> None:
        await self.send("Page.enable")
        await self.send("Page.navigate", {"url": url})
        await self.until("document.readyState === 'complete' && !!document.getElementById('join-form')")

    async def js(self, expression: str):
        result = await self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                      "awaitPromise": True})
        if "exceptionDetails" in result:
            raise RuntimeError(f"page script failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    async def until(self, expression: str, timeout: float = 15.0):
        """The expression's value once it is truthy (polled every 30 ms, for at most ``timeout`` seconds)."""
        async def poll():
            while True:
                value = await self.js(expression)
                if value:
                    return value
                await asyncio.sleep(0.03)

        return await asyncio.wait_for(poll(), timeout)

    async def rect(self, selector: str) -> dict:
        return await self.js(f"(() => {{ const r = document.querySelector({json.dumps(selector)})"
                             ".getBoundingClientRect(); return {x: r.x, y: r.y, w: r.width, h: r.height}; })()")

    async def tap(self, selector: str) -> None:
        r = await self.rect(selector)
        point = {"x": r["x"] + r["w"] / 2, "y": r["y"] + r["h"] / 2, "id": 0}
        await self.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [point]})
        await asyncio.sleep(0.08)  # a finger rests a moment: Chrome's tap detector takes a 0 ms touch for noise
        await self.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})

    async def draw(self, selector: str, strokes: list, kind: str = "touch") -> None:
        """Draw ``strokes`` (canvas units, 0..1 of the square) with a finger (touch) or a mouse."""
        r = await self.rect(selector)
        side = min(r["w"], r["h"])
        ox, oy = r["x"] + (r["w"] - side) / 2, r["y"] + (r["h"] - side) / 2
        for stroke in strokes:
            points = [{"x": ox + x * side, "y": oy + y * side} for x, y in stroke]
            if kind == "touch":
                await self.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [
                    {**points[0], "id": 0}]})
                for p in points[1:]:
                    await self.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{**p, "id": 0}]})
                await self.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
            else:
                await self.send("Input.dispatchMouseEvent", {"type": "mousePressed", **points[0], "button": "left",
                                                             "clickCount": 1, "buttons": 1})
                for p in points[1:]:
                    await self.send("Input.dispatchMouseEvent", {"type": "mouseMoved", **p, "button": "left",
                                                                 "buttons": 1})
                await self.send("Input.dispatchMouseEvent", {"type": "mouseReleased", **points[-1],
                                                             "button": "left", "clickCount": 1})

    async def screenshot(self, path: Path) -> bytes:
        shot = await self.send("Page.captureScreenshot", {"format": "png"})
        data = base64.b64decode(shot["data"])
        path.write_bytes(data)
        return data

"""``ClassServer``: aiohttp on its own thread and event loop; the Class tab drives it with plain method calls.

Only three fixed files are served, read into memory when the class opens (a request's path never
reaches the filesystem), and one websocket endpoint. The server binds to the one address it is given.
"""

from __future__ import annotations

import asyncio
import errno
import logging
import socket
import threading
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from aiohttp import web

from mnist_studio.classroom.conversation import CLOSE_REMOVED, Conversation, Gate
from mnist_studio.classroom.limits import Limits
from mnist_studio.classroom.network import new_code
from mnist_studio.classroom.state import ClassDigit, ClassEvent, ClassState, Student
from mnist_studio.storage.paths import resources_dir

if TYPE_CHECKING:
    from mnist_studio.classroom.state import Predict
    from mnist_studio.digits.handwriting import DigitSet

log = logging.getLogger(__name__)

# URL path -> (file in resources/classroom, content type). Nothing else is ever served.
PAGE_FILES = {
    "/": ("index.html", "text/html; charset=utf-8"),
    "/index.html": ("index.html", "text/html; charset=utf-8"),
    "/page.js": ("page.js", "text/javascript; charset=utf-8"),
    "/page.css": ("page.css", "text/css; charset=utf-8"),
}
HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "connect-src 'self' ws: wss:; base-uri 'none'; form-action 'none'; "
                               "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
START_TIMEOUT_S = 15.0
STOP_TIMEOUT_S = 10.0
CLOSE_TIMEOUT_S = 2.0  # how long a closing websocket waits for the phone's goodbye


class ClassServerError(RuntimeError):
    """The class could not open; ``message`` says why for the teacher, ``reason`` is a code the UI may translate
    ("in_use", "not_here", "denied", "page_missing", "other")."""

    def __init__(self, message: str, reason: str = "other"):
        self.message = message
        self.reason = reason
        super().__init__(message)


def page_dir():
    return resources_dir() / "classroom"


def page_bytes() -> int:
    """The student page's size in bytes, every file counted once."""
    return sum((page_dir() / name).stat().st_size for name in {f for f, _ in PAGE_FILES.values()})


def _bind_error(host: str, port: int, exc: OSError) -> ClassServerError:
    where = f"{host}:{port}" if port else host
    if exc.errno == errno.EADDRINUSE:
        return ClassServerError(f"Port {port} on {host} is already in use by another program.", "in_use")
    if exc.errno in (errno.EADDRNOTAVAIL, errno.EAFNOSUPPORT) or isinstance(exc, socket.gaierror):
        return ClassServerError(f"{host} is not an address of this computer (any more?): pick another network.",
                                "not_here")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return ClassServerError(f"This computer does not allow listening on {where}.", "denied")
    return ClassServerError(f"The class could not open on {where}: {exc.strerror or exc}.", "other")


class ClassServer:
    """The class's web server. ``start()`` returns once it listens; ``stop()`` ends every connection."""

    def __init__(self, predict: Predict, host: str = "127.0.0.1", port: int = 0, code: str | None = None,
                 round_size: int = 10, limits: Limits | None = None):
        self.predict = predict
        self.host = host
        self.port = port
        self._requested_port = port
        self.code = code if code is not None else new_code()
        self.limits = limits or Limits()
        self.state = ClassState(round_size)
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: web.AppRunner | None = None
        self._sessions: dict[str, Conversation] = {}  # event loop only
        self._sockets: dict[Conversation, asyncio.BaseTransport | None] = {}  # and its TCP connection; event loop only
        self._files: dict[str, tuple[bytes, str]] = {}
        self._start_error: BaseException | None = None

    # -- addresses -----------------------------------------------------------------------------
    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    @property
    def join_url(self) -> str:
        """``url`` with the join code after ``#`` (the page fills it in; never sent to the server by a browser)."""
        return f"{self.url}#{self.code}"

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # -- life cycle ------------------------------------------------------------------------------
    def start(self) -> None:
        if self.running:
            return
        self._files = self._read_page()
        ready = threading.Event()
        self._start_error = None
        self._thread = threading.Thread(target=self._main, args=(ready,), name="class-server", daemon=True)
        self._thread.start()
        if not ready.wait(START_TIMEOUT_S):
            self.stop()
            raise ClassServerError("The class server did not start in time.", "other")
        if self._start_error is not None:
            self._thread.join(STOP_TIMEOUT_S)
            self._thread = None
            exc = self._start_error
            if isinstance(exc, OSError):
                raise _bind_error(self.host, self._requested_port, exc) from exc
            raise ClassServerError(f"The class could not open: {exc}", "other") from exc

    def stop(self) -> None:
        thread, loop = self._thread, self._loop
        if thread is None:
            return
        if loop is not None and thread.is_alive():
            try:
                asyncio.run_coroutine_threadsafe(self._close(), loop).result(STOP_TIMEOUT_S)
            except Exception:  # noqa: BLE001 - closing goes on regardless
                log.exception("class server: closing failed")
            loop.call_soon_threadsafe(loop.stop)
        thread.join(STOP_TIMEOUT_S)
        self._thread = None

    def _read_page(self) -> dict[str, tuple[bytes, str]]:
        files = {}
        for route, (name, kind) in PAGE_FILES.items():
            try:
                files[route] = ((page_dir() / name).read_bytes(), kind)
            except OSError as exc:
                raise ClassServerError(f"The student page is missing from the installation ({name}).",
                                       "page_missing") from exc
        return files

    def _main(self, ready: threading.Event) -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        self._loop = loop
        try:
            try:
                loop.run_until_complete(self._open())
            except BaseException as exc:  # noqa: BLE001 - handed to start(), which raises it on the caller's thread
                self._start_error = exc
                return
            finally:
                ready.set()
            loop.run_forever()
        finally:
            try:
                loop.run_until_complete(loop.shutdown_asyncgens())
            finally:
                self._loop = None
                loop.close()

    async def _open(self) -> None:
        app = web.Application(client_max_size=64 * 1024)
        for route in PAGE_FILES:
            app.router.add_get(route, self._serve_file)
        app.router.add_get("/ws", self._websocket)
        runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=2.0)
        await runner.setup()
        site = web.TCPSite(runner, self.host, self._requested_port)
        try:
            await site.start()
        except BaseException:
            await runner.cleanup()
            raise
        self._runner = runner
        self._gate = Gate(self.code, self.limits)
        self.port = int(runner.addresses[0][1])

    async def _close(self) -> None:
        await asyncio.gather(*(c.close(1001, "closed") for c in list(self._sockets)), return_exceptions=True)
        if self._runner is not None:
            await self._runner.cleanup()  # stops listening, waits for the handlers to finish
            self._runner = None

    # -- requests --------------------------------------------------------------------------------
    async def _serve_file(self, request: web.Request) -> web.Response:
        body, kind = self._files[request.match_info.route.resource.canonical]
        return web.Response(body=body, headers={"Content-Type": kind, **HEADERS})

    def _same_origin(self, request: web.Request) -> bool:
        origin = request.headers.get("Origin")
        if not origin:
            return True  # not a browser (a browser always sends Origin on a websocket)
        return urlsplit(origin).netloc.lower() == request.host.lower()

    async def _websocket(self, request: web.Request) -> web.StreamResponse:
        if len(self._sockets) >= self.limits.max_connections:
            return web.Response(status=503, text="the class is full")
        if not self._same_origin(request):
            return web.Response(status=403, text="another site's page may not join this class")
        ws = web.WebSocketResponse(timeout=CLOSE_TIMEOUT_S, heartbeat=self.limits.heartbeat_s, compress=False,
                                   max_msg_size=4 * self.limits.max_message_bytes)
        await ws.prepare(request)
        conversation = Conversation(ws, request.remote or "", self.state, self.predict, self.limits, self._gate,
                                    self._sessions)
        self._sockets[conversation] = request.transport
        try:
            await conversation.run()
        finally:
            self._sockets.pop(conversation, None)
            if not ws.closed:
                await ws.close()
        return ws

    # -- the Class tab's side --------------------------------------------------------------------
    def events(self) -> list[ClassEvent]:
        return self.state.drain()

    def students(self) -> list[Student]:
        return self.state.students()

    def handling_ms(self) -> list[float]:
        """How long the server took over each of the latest messages (ms, receipt to reply sent): its own load."""
        return self.state.handling_ms()

    def digits(self) -> list[ClassDigit]:
        return self.state.digits()

    def remove_digit(self, digit_id: int) -> None:
        self.state.remove_digit(int(digit_id))

    def remove_student(self, student_id: str) -> None:
        if not self.state.remove_student(student_id):
            return
        loop = self._loop
        if loop is not None and self.running:
            try:  # not waited for: the phone's goodbye may take a moment, the window does not wait for it
                asyncio.run_coroutine_threadsafe(self._kick(student_id), loop)
            except RuntimeError:  # the loop closed meanwhile: the connection is gone already
                pass

    def drop_connections(self) -> None:
        """Cut every page's connection at once, with no goodbye, as a network that goes away does; each page
        reconnects as the same student (its session survives). Thread-safe; returns without waiting."""
        loop = self._loop
        if loop is not None and self.running:
            try:
                loop.call_soon_threadsafe(self._abort_all)
            except RuntimeError:  # the loop closed meanwhile: the connections are gone already
                pass

    def _abort_all(self) -> None:
        for transport in list(self._sockets.values()):
            if transport is not None:
                transport.abort()

    async def _kick(self, student_id: str) -> None:
        conversation = self._sessions.pop(student_id, None)
        if conversation is not None:
            conversation.student_id = ""
            await conversation.close(CLOSE_REMOVED, "removed")

    def digit_set(self, name: str = "class") -> DigitSet:
        return self.state.digit_set(name)

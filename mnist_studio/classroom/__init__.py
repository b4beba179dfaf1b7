"""The class on phones: a local web server students draw on; Qt-free (the Class tab is ui/classroom).

``ClassServer`` runs aiohttp on its own thread; the Class tab calls its methods and polls ``events()``.

Protocol
--------
HTTP: ``GET /`` (also ``/index.html``), ``/page.js``, ``/page.css`` — the student page from
``resources/classroom``, read into memory when the class opens; no other path is served and no path
from a request reaches the filesystem. ``GET /ws`` is the websocket (same-origin only).

Every websocket message is one JSON object in a text frame (binary frames are refused). Phone -> server:

- ``{"type": "join", "code": "1234", "nickname": "민지", "lang": "ko", "token": ""}`` — ``token``
  (from an earlier ``welcome``) resumes the same student after a dropped connection;
- ``{"type": "strokes", "strokes": [[[x, y], ...], ...], "seq": 7}`` — the whole drawing so far, in
  canvas units (0..1 of the drawing square, y down, as the Draw tab), sent while drawing, at most one
  in flight; answered by ``answer`` with the same ``seq``;
- ``{"type": "submit", "strokes": [...], "n": 3}`` — save the drawing for the current prompt; ``n``
  counts the page's submits, so one resent after a reconnect is stored once;
- ``{"type": "skip"}`` — the next prompt.

Server -> phone:

- ``{"type": "welcome", "student": "s1", "token": "...", "nickname": "민지", "resumed": false}``;
- ``{"type": "prompt", "digit": 7, "round": 1, "index": 3, "of": 10}`` — shuffled rounds of ``round_size``;
- ``{"type": "answer", "seq": 7, "models": {"MLP": {"digit": 7, "confidence": 0.93}, "CNN": {...}}}``
  (``models`` is empty for a blank drawing);
- ``{"type": "saved", "id": 12, "label": 7, "n": 3, "models": {...}}`` — sent only after the digit is stored;
- ``{"type": "error", "reason": "...", "detail": "..."}`` — a refused message (``messages.REASONS``),
  nothing else changes; ``{"type": "bye", "reason": "closed" | "removed" | "replaced" | "flood"}`` before
  the server closes the socket.

Bounds (``Limits``): bytes per message, strokes and points per digit, finite coordinates in range,
nickname length; join attempts and wrong codes per minute per address; messages per second and digits
per minute per connection; a connection that keeps sending refused messages is closed.
"""

from __future__ import annotations

import numpy as np

from mnist_studio.classroom.limits import Limits
from mnist_studio.classroom.network import default_port, lan_addresses, new_code, qr_matrix
from mnist_studio.classroom.state import ClassDigit, ClassEvent, Predict, Student

_SERVER_NAMES = ("ClassServer", "ClassServerError", "page_bytes")


def __getattr__(name: str):
    """The server (and aiohttp, ~0.2 s to import) only when the class opens: the window's start-up builds the
    Class tab, which asks only for this computer's addresses."""
    if name in _SERVER_NAMES:
        from mnist_studio.classroom import server

        return getattr(server, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = ["ClassDigit", "ClassEvent", "ClassServer", "ClassServerError", "Limits", "Predict", "Student",
           "default_port", "lan_addresses", "new_code", "page_bytes", "qr_matrix", "shipped_predict"]


def shipped_predict(names: tuple[str, ...] = ("mlp", "cnn")) -> Predict:
    """A ``Predict`` over the shipped models read with numpy (``archive.ArchivePredictor``, no Keras):
    for the tests, the benchmark and the command line. The app passes its own current predictors."""
    from mnist_studio.prediction.archive import ArchivePredictor

    predictors = {name.upper(): ArchivePredictor.open(name) for name in names}

    def predict(image: np.ndarray) -> dict[str, np.ndarray]:
        return {name: p.predict(image[None])[0] for name, p in predictors.items()}

    return predict

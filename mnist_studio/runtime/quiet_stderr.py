"""A filter for the C++ log lines TensorFlow and XLA write straight to file descriptor 2.

They write while importing and looking for GPUs ("failed call to cuInit" on every machine without one),
some before ``TF_CPP_MIN_LOG_LEVEL`` applies. While inside ``quiet_native_stderr()``, fd 2 goes to a
temporary file; on leaving it, the known start-up noise is dropped and every other line is written back to
the real stderr. Qt-free and framework-free.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import tempfile
import threading

NOISE = re.compile(
    r"^(WARNING: All log messages before absl::InitializeLog\(\) is called are written to STDERR"
    r"|[IW]\d{4} [\d:. ]+\d+ [\w./-]+:\d+\] .*"  # absl / glog INFO and WARNING lines
    r"|E\d{4} [\d:. ]+\d+ [\w./-]+:\d+\] .*(cuInit|CUDA|cuda|cuDNN|cuFFT|cuBLAS|Unable to register).*"
    r"|To enable the following instructions: .*"
    r"|.*rebuild TensorFlow with the appropriate compiler flags\.?"
    r"|This TensorFlow binary is optimized .*)$"
)


def filter_noise(text: str) -> str:
    return "".join(line for line in text.splitlines(keepends=True) if not NOISE.match(line.rstrip("\r\n")))


class _Redirect:
    lock = threading.Lock()
    depth = 0
    saved_fd: int | None = None
    capture = None


@contextlib.contextmanager
def quiet_native_stderr():
    """Filter TensorFlow's start-up noise out of fd 2 (re-entrant, safe from several threads).

    ``MNIST_STUDIO_TF_LOG=1`` turns the filter off (to see everything TensorFlow says)."""
    if os.environ.get("MNIST_STUDIO_TF_LOG"):
        yield
        return
    state = _Redirect
    with state.lock:
        if state.depth == 0:
            try:
                sys.stderr.flush()
            except (AttributeError, OSError, ValueError):
                pass
            try:
                state.capture = tempfile.TemporaryFile()
                state.saved_fd = os.dup(2)
                os.dup2(state.capture.fileno(), 2)
            except OSError:  # no fd 2 (pythonw) or no temp dir: run unfiltered
                state.capture, state.saved_fd = None, None
        state.depth += 1
    try:
        yield
    finally:
        with state.lock:
            state.depth -= 1
            if state.depth == 0 and state.saved_fd is not None:
                try:
                    sys.stderr.flush()
                except (AttributeError, OSError, ValueError):
                    pass
                os.dup2(state.saved_fd, 2)
                os.close(state.saved_fd)
                state.capture.seek(0)
                kept = filter_noise(state.capture.read().decode("utf-8", "replace"))
                state.capture.close()
                state.capture, state.saved_fd = None, None
                if kept:
                    os.write(2, kept.encode("utf-8", "replace"))

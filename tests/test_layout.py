"""The core stays small enough to read: no module outside the ui package over 400 lines (the house rule)."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "mnist_studio"
MAX_LINES = 400


def test_no_core_module_is_over_400_lines():
    core = [p for p in PACKAGE.rglob("*.py") if "ui" not in p.relative_to(PACKAGE).parts[:1]]
    assert len(core) > 30  # the walk found the core
    long = {str(p.relative_to(PACKAGE)): n for p in core if (n := len(p.read_text("utf-8").splitlines())) > MAX_LINES}
    assert long == {}

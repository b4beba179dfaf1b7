"""What the start-up does on macOS and Windows, where only Linux runs in CI: the Linux-only checks (X11
libraries, the display) say nothing and run no Linux tool; data folders and the font come from portable code."""

from __future__ import annotations

import subprocess

import pytest

from mnist_studio.runtime import quiet_stderr, startup_checks
from mnist_studio.storage import paths
from mnist_studio.ui import app as app_module


@pytest.mark.parametrize("platform", ["darwin", "win32"])
def test_linux_checks_do_nothing_elsewhere(monkeypatch, platform):
    monkeypatch.setattr(startup_checks.sys, "platform", platform)

    def no_tools(*args, **kwargs):
        raise AssertionError(f"ran {args[0]!r} on {platform}")

    monkeypatch.setattr(subprocess, "run", no_tools)
    monkeypatch.setattr(startup_checks, "_loads", lambda name: pytest.fail(f"dlopen({name}) on {platform}"))
    env = {"QT_QPA_PLATFORM": ""}  # no DISPLAY, no WAYLAND_DISPLAY: an ordinary desktop elsewhere
    assert startup_checks.platform_will_be_xcb(env) is False
    assert startup_checks.no_display_message(env) is None
    assert startup_checks.missing_xcb_packages(env) == []
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    assert app_module.check_system() is None  # the window opens: nothing Linux-specific stands in the way


def test_linux_without_a_display_says_so(monkeypatch):
    monkeypatch.setattr(startup_checks.sys, "platform", "linux")
    message = startup_checks.no_display_message({})
    assert message and "no display" in message


def test_the_user_data_folder_is_the_platforms_own(monkeypatch, tmp_path):
    monkeypatch.delenv("MNIST_STUDIO_HOME", raising=False)
    folder = paths.user_data_dir()
    assert folder.name == "mnist-studio" and folder.is_absolute()
    monkeypatch.setenv("MNIST_STUDIO_HOME", str(tmp_path / "elsewhere"))
    assert paths.user_data_dir() == tmp_path / "elsewhere"


def test_the_quiet_stderr_filter_survives_a_missing_stderr(monkeypatch):
    """pythonw on Windows has no file descriptor 2: the filter must run unfiltered, not crash."""
    def no_fd(fd):
        raise OSError("bad file descriptor")

    monkeypatch.setattr(quiet_stderr.os, "dup", no_fd)
    with quiet_stderr.quiet_native_stderr():
        pass


def test_the_heap_helpers_work_here_and_do_nothing_elsewhere(monkeypatch):
    from mnist_studio.runtime import heap

    assert isinstance(heap.trim(), bool) and isinstance(heap.limit_arenas(8), bool)
    monkeypatch.setattr(heap.sys, "platform", "darwin")
    assert heap.trim() is False and heap.limit_arenas() is False

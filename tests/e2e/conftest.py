"""End-to-end fixtures: a private Xvfb per test session, an isolated home per test, the real ``mnist-studio``.

Every test's apps must end cleanly: exit status 0, and no "QThread: Destroyed while thread", Python traceback
or fatal error on stderr (checked when the test ends). Where Xvfb, xdotool or Qt's xcb libraries are missing,
every end-to-end test is skipped with that reason.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from .driver import App, start_xvfb, stop

CHILD_ENV_DROPPED = ("QT_QPA_PLATFORM", "QT_QPA_PLATFORMTHEME", "QT_SCALE_FACTOR", "QT_SCREEN_SCALE_FACTORS",
                     "KERAS_BACKEND", "MNIST_STUDIO_HOME", "MNIST_STUDIO_DATA", "MNIST_STUDIO_PROBE",
                     "XDG_CURRENT_DESKTOP", "DESKTOP_SESSION", "WAYLAND_DISPLAY", "DISPLAY", "XAUTHORITY")


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


def pytest_configure(config):
    config.addinivalue_line("markers", "e2e: end-to-end: the real app in an X window (Xvfb), driven by xdotool")


def _missing_tools() -> str | None:
    if not sys.platform.startswith("linux"):
        return "end-to-end tests run on Linux only (Xvfb and xdotool)"
    missing = [tool for tool, package in (("Xvfb", "xvfb"), ("xdotool", "xdotool")) if shutil.which(tool) is None]
    if missing:
        packages = " ".join({"Xvfb": "xvfb", "xdotool": "xdotool"}[t] for t in missing)
        return f"{' and '.join(missing)} not installed (Debian: apt-get install {packages})"
    from mnist_studio.runtime.startup_checks import missing_xcb_packages

    packages = missing_xcb_packages({"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":0"})
    if packages:
        return f"Qt's xcb plugin lacks system libraries (Debian: apt-get install {' '.join(packages)})"
    return None


@pytest.fixture(scope="session")
def xdisplay():
    """A private X server for the whole session (the server picks a free display number)."""
    reason = _missing_tools()
    if reason:
        pytest.skip(reason)
    try:
        proc, display = start_xvfb()
    except (OSError, RuntimeError) as exc:
        pytest.skip(f"Xvfb could not start: {exc}")
    yield display
    stop(proc)


@pytest.fixture(scope="session")
def mpl_cache(tmp_path_factory):
    """One matplotlib cache for every app of the session (a fresh HOME would rebuild its font list each time)."""
    return tmp_path_factory.mktemp("mplconfig")


@pytest.fixture()
def app_env(tmp_path, mpl_cache):
    """An isolated user: HOME, XDG_CONFIG_HOME (QSettings), MNIST_STUDIO_HOME (runs, digit sets), all in tmp_path."""
    env = {k: v for k, v in os.environ.items() if k not in CHILD_ENV_DROPPED}
    paths = {"HOME": tmp_path / "home", "XDG_CONFIG_HOME": tmp_path / "config", "XDG_DATA_HOME": tmp_path / "share",
             "XDG_CACHE_HOME": tmp_path / "cache", "XDG_RUNTIME_DIR": tmp_path / "runtime",
             "MNIST_STUDIO_HOME": tmp_path / "studio"}
    for path in paths.values():
        path.mkdir(mode=0o700)
    env.update({k: str(v) for k, v in paths.items()})
    env["MPLCONFIGDIR"] = str(mpl_cache)
    env["PYTHONFAULTHANDLER"] = "1"  # a crash prints its Python stack on stderr (and fails the clean-exit check)
    return env


@pytest.fixture()
def paths(app_env):
    """Where this test's app keeps things."""
    studio = Path(app_env["MNIST_STUDIO_HOME"])
    return {"settings": Path(app_env["XDG_CONFIG_HOME"]) / "MNIST Studio" / "MNIST Studio.conf",
            "runs": studio / "runs", "digits": studio / "digits", "home": Path(app_env["HOME"])}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        item.e2e_call_failed = report.failed


@pytest.fixture()
def launch(xdisplay, app_env, tmp_path, request):
    """``launch(*args)`` starts ``mnist-studio ARGS`` on the test's display and home; returns an ``App``.

    When the test ends, an app still running is quit with Ctrl+Q (killed if that fails), and every app the
    test started must have ended cleanly.
    """
    apps: list[App] = []

    def start(*args: str, env: dict | None = None) -> App:
        app = App(list(args), dict(app_env, **(env or {})), xdisplay, tmp_path, f"app{len(apps) + 1}")
        apps.append(app)
        return app

    yield start
    problems = []
    for app in apps:
        if app.proc.poll() is None:
            try:
                app.close_dialogs()
                app.quit(timeout=60)
            except AssertionError as exc:
                app.kill()
                problems.append(f"{app.name} had to be killed: {exc}")
        problems += app.clean_exit_problems()
    if getattr(request.node, "e2e_call_failed", False):  # already failed: the exit goes into its report
        request.node.add_report_section("teardown", "app exit", "\n".join(problems) or "clean")
        return
    assert not problems, "\n".join(problems)

"""Checks before Qt starts: is there a display, and can Qt's xcb plugin load here? Qt-free: nothing here
imports PySide6.

* ``no_display_message()``: on Linux with no display at all, Qt aborts; we say so plainly instead.
* ``missing_xcb_packages()``: Qt's xcb platform plugin aborts the process (SIGABRT, no Python traceback)
  when a system library it links against is missing: on a fresh Debian 12 these are ``libxcb-icccm4``
  and ``libxcb-keysyms1``; ``libxcb-cursor0`` is loaded at run time by Qt >= 6.5. We read the plugin's
  missing libraries with ``ldd`` before Qt loads it, and say which packages to install.

The quiet start of TensorFlow lives in ``quiet_stderr`` (the stderr filter) and ``backend``
(``quiet_tensorflow_env``, ``import_keras_quietly``).
"""

from __future__ import annotations

import ctypes
import os
import re
import subprocess
import sys
from pathlib import Path

# soname -> Debian/Ubuntu package (the libraries Qt 6's xcb plugin links against or loads)
DEBIAN_PACKAGES = {
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libGLX.so.0": "libglx0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libSM.so.6": "libsm6",
    "libICE.so.6": "libice6",
}
# Every system package the GUI needs on Debian 12 / Ubuntu 22.04+ (for the README's install line).
GUI_PACKAGES = ("libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxcb-image0", "libxcb-render-util0",
                "libxcb-randr0", "libxcb-shape0", "libxcb-xkb1", "libxkbcommon-x11-0", "libegl1", "libgl1",
                "libfontconfig1", "libdbus-1-3")


def platform_will_be_xcb(env: dict | None = None) -> bool:
    """True when Qt on Linux will pick its xcb (X11) plugin: QT_QPA_PLATFORM says xcb, or is unset
    with an X display and no Wayland session."""
    env = os.environ if env is None else env
    if not sys.platform.startswith("linux"):
        return False
    choice = env.get("QT_QPA_PLATFORM", "").strip()
    if choice:
        return choice.split(";")[0].split(":")[0].strip() == "xcb"
    if env.get("WAYLAND_DISPLAY"):
        return False
    return bool(env.get("DISPLAY"))


def no_display_message(env: dict | None = None) -> str | None:
    """On Linux with no display at all (an SSH session, a service), Qt aborts; say so plainly instead."""
    env = os.environ if env is None else env
    if not sys.platform.startswith("linux") or env.get("QT_QPA_PLATFORM", "").strip():
        return None
    if env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return None
    return ("MNIST Studio cannot open a window: no display was found (neither DISPLAY nor WAYLAND_DISPLAY is set).\n"
            "Start it from a desktop session (or with `ssh -X`). The command-line tools work without one:\n"
            "    python -m mnist_studio predict --help")


def xcb_plugin_path() -> Path | None:
    """Qt's xcb plugin inside the installed PySide6 (found without importing Qt)."""
    import importlib.util

    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    return path if path.is_file() else None


def parse_ldd(text: str) -> list[str]:
    """The ``not found`` sonames of ``ldd`` output, once each, in order."""
    missing: list[str] = []
    for line in text.splitlines():
        match = re.match(r"\s*(\S+)\s+=>\s+not found", line)
        if match and match.group(1) not in missing:
            missing.append(match.group(1))
    return missing


def missing_libraries(plugin: Path | None = None) -> list[str]:
    """Sonames the xcb plugin needs that the system lacks (``ldd`` ``not found`` lines, plus xcb-cursor)."""
    plugin = plugin if plugin is not None else xcb_plugin_path()
    missing: list[str] = []
    if plugin is not None:
        try:
            out = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, timeout=20).stdout
        except (OSError, subprocess.SubprocessError):
            out = ""
        missing = parse_ldd(out)
    # Qt >= 6.5 dlopen()s xcb-cursor at run time: ldd never lists it.
    if "libxcb-cursor.so.0" not in missing and not _loads("libxcb-cursor.so.0"):
        missing.append("libxcb-cursor.so.0")
    return missing


def packages_for(sonames: list[str]) -> list[str]:
    return [DEBIAN_PACKAGES.get(name, name) for name in sonames]


def _loads(name: str) -> bool:
    try:
        ctypes.CDLL(name)
        return True
    except OSError:
        return False


def missing_xcb_packages(env: dict | None = None) -> list[str]:
    """The packages to install before Qt can open a window here; empty when none are missing or not xcb.

    Fast path (a few ms): load the plugin and xcb-cursor the way Qt will; only when that fails, ``ldd``
    lists every missing library (so the user installs them all at once)."""
    if not platform_will_be_xcb(env):
        return []
    plugin = xcb_plugin_path()
    if (plugin is None or _loads(str(plugin))) and _loads("libxcb-cursor.so.0"):
        return []
    return packages_for(missing_libraries(plugin))


def xcb_message(packages: list[str]) -> str:
    known = [p for p in packages if ".so" not in p]
    unknown = [p for p in packages if ".so" in p]
    lines = ["MNIST Studio cannot open a window: Qt's X11 (xcb) platform plugin needs system libraries",
             "that are not installed on this computer.", ""]
    if known:
        lines += ["Install them with:", "", f"    sudo apt install {' '.join(known)}", ""]
    if unknown:
        lines += [f"Also missing (find the package with `apt-file search NAME`): {', '.join(unknown)}", ""]
    lines.append("Then start MNIST Studio again.")
    return "\n".join(lines)

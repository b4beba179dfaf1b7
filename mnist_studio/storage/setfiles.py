"""File names for digit sets: the writer's own name, in any script, safe on every OS, never another set's.

``safe_name("미나")`` is ``"미나"``: names keep their letters (Hangul, accents, anything printable) and
lose only what some file system refuses: path separators and ``<>:"\\|?*``, control and format characters,
leading and trailing dots and spaces, Windows' reserved device names (``CON``, ``NUL``, ``COM1``…), and
bytes past ``MAX_NAME_BYTES`` in UTF-8. Names are NFC-normalised, so the same name typed on macOS and on
Windows is the same file.

``create_new`` writes a *new* file under a free name (``미나.npz``, then ``미나 (2).npz``…): it never
replaces a file that is already there, not even one another program makes between the check and the
write (the name is claimed with ``O_EXCL`` first). Updating a set that is already open is a plain atomic
replace of its own file (``atomic_write_bytes``, which runs and the learning views use too).
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from pathlib import Path

DEFAULT = "my-digits"
MAX_NAME_BYTES = 120  # UTF-8 bytes; leaves room for " (NNNN).npz" and the ".tmp" name of an atomic write
MAX_TRIES = 10_000
_FORBIDDEN = re.compile(r'[<>:"/\\|?*]+')
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
             *(f"{dev}{n}" for dev in ("COM", "LPT") for n in (*"123456789", "¹", "²", "³"))}


def safe_name(text: str, default: str = DEFAULT) -> str:
    """``text`` as a file name stem that every OS accepts; ``default`` when nothing usable is left."""
    text = unicodedata.normalize("NFC", str(text))
    text = "".join(" " if ch.isspace() else ch for ch in text
                   if ch.isspace() or not unicodedata.category(ch).startswith("C"))
    text = _FORBIDDEN.sub("-", text)
    text = re.sub(r" {2,}", " ", text).strip(" .")
    encoded = text.encode("utf-8")
    if len(encoded) > MAX_NAME_BYTES:
        text = encoded[:MAX_NAME_BYTES].decode("utf-8", errors="ignore").rstrip(" .")
    if not text:
        return default
    base, dot, rest = text.partition(".")
    if base.rstrip(" ").upper() in _RESERVED:  # "con", "NUL.txt", "com1 .a" are devices on Windows
        text = f"{base}_{dot}{rest}"
    return text


def atomic_write_bytes(path: Path, payload: bytes) -> None:
    """Write ``payload`` to ``path`` through a temp file beside it: the file is whole, old or new, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _taken(folder: Path) -> set[str]:
    """The names in ``folder`` as a case-insensitive, normalisation-insensitive file system compares them."""
    try:
        return {unicodedata.normalize("NFC", p.name).casefold() for p in folder.iterdir()}
    except OSError:
        return set()


def candidates(stem: str, suffix: str):
    yield f"{stem}{suffix}"
    for n in range(2, MAX_TRIES + 1):
        yield f"{stem} ({n}){suffix}"


def create_new(folder: Path, stem: str, payload: bytes, suffix: str = ".npz") -> Path:
    """Write ``payload`` as a new file ``folder/<stem><suffix>`` (or ``<stem> (2)<suffix>``…), atomically;
    no existing file is ever replaced. ``OSError`` if the disk refuses (nothing is left behind)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    stem = safe_name(stem)
    taken = _taken(folder)
    for name in candidates(stem, suffix):
        if unicodedata.normalize("NFC", name).casefold() in taken:
            continue
        target = folder / name
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)  # claim the name
        except FileExistsError:
            continue
        os.close(fd)
        try:
            atomic_write_bytes(target, payload)  # replaces only the empty file claimed above
        except BaseException:
            target.unlink(missing_ok=True)
            raise
        return target
    raise FileExistsError(f"no free name for {stem}{suffix} in {folder} after {MAX_TRIES} tries")

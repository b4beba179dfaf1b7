"""Crafted bad files for the loaders' tests: .keras archives that name code, bomb, nest or lie, and images
that claim to be huge. Every one is small on disk; what it claims is what the loaders must not believe."""

from __future__ import annotations

import io
import json
import struct
import zipfile
import zlib
from pathlib import Path

import numpy as np

from mnist_studio.storage.paths import shipped_model_path


def shipped_members(name: str = "mlp") -> dict[str, bytes]:
    with zipfile.ZipFile(shipped_model_path(name)) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def write_zip(path: Path, members: dict, compression=zipfile.ZIP_STORED) -> Path:
    with zipfile.ZipFile(path, "w", compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def with_config(path: Path, edit) -> Path:
    """The shipped MLP with its config.json passed through ``edit(config)`` (which changes it in place)."""
    members = shipped_members()
    config = json.loads(members["config.json"])
    edit(config)
    members["config.json"] = json.dumps(config)
    return write_zip(path, members)


def _dense_activation(config, value) -> None:
    dense = next(layer for layer in config["config"]["layers"] if layer["class_name"] == "Dense")
    dense["config"]["activation"] = value


FOREIGN = {  # case -> (edit of the shipped MLP's config, words the refusal must contain)
    "function from os": (lambda c: _dense_activation(c, {"module": "os", "class_name": "function",
                                                          "config": "system", "registered_name": "system"}),
                         "names code outside Keras (module 'os')"),
    "function from builtins": (lambda c: _dense_activation(c, {"module": "builtins", "class_name": "function",
                                                                "config": "eval", "registered_name": "eval"}),
                               "module 'builtins'"),
    "subprocess deep in an initializer": (
        lambda c: c["config"]["layers"][-1]["config"].__setitem__("kernel_initializer", {
            "module": "keras.initializers", "class_name": "GlorotUniform",
            "config": {"seed": {"module": "subprocess", "class_name": "Popen", "config": {"args": "id"}}}}),
        "module 'subprocess'"),
    "numpy function reference": (lambda c: _dense_activation(c, {"module": "numpy", "class_name": "function",
                                                                  "config": "load"}), "module 'numpy'"),
    "registered name from another package": (
        lambda c: c["config"]["layers"][-1].__setitem__("registered_name", "evil_pkg>Backdoor"),
        "registered name 'evil_pkg>Backdoor'"),
    "keras.utils.get_file gadget": (lambda c: _dense_activation(c, {"module": "keras.utils", "class_name": "function",
                                                                     "config": "get_file"}), "'get_file'"),
    "serialized lambda bytecode": (lambda c: _dense_activation(c, {"class_name": "__lambda__",
                                                                    "config": {"code": "4wEAAAAAAAAA"}}), "bytecode"),
    "TFSMLayer": (lambda c: c["config"]["layers"].insert(1, {"module": "keras.layers", "class_name": "TFSMLayer",
                                                               "config": {"filepath": "/tmp/evil"}}), "TFSMLayer"),
}


def nested_config(depth: int) -> bytes:
    return b'{"class_name": "Sequential", "config": ' + b'{"a": ' * depth + b"1" + b"}" * depth + b"}"


def forge_sizes(path: Path, member: str, size: int) -> Path:
    """Make the zip's central directory claim ``member`` unpacks to ``size`` bytes (what ``infolist`` reads)."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    at = 0
    while (at := data.find(b"PK\x01\x02", at)) >= 0:
        name_len = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46:at + 46 + name_len]) == name:
            struct.pack_into("<I", data, at + 24, size)
        at += 4
    path.write_bytes(bytes(data))
    return path


def big_weights_h5(numbers: int, external: Path | None = None, link: Path | None = None) -> bytes:
    """An HDF5 weights file whose one dataset claims ``numbers`` float32s (chunked, never written: tiny)."""
    import h5py

    buf = io.BytesIO()
    with h5py.File(buf, "w") as h5:
        group = h5.create_group("layers/dense/vars")
        if external is not None:
            external.write_bytes(np.arange(4, dtype=np.float32).tobytes())
            group.create_dataset("0", shape=(4,), dtype="f4", external=[(str(external), 0, 16)])
        elif link is not None:
            with h5py.File(link, "w") as other:
                other.create_dataset("w", data=np.ones(4, np.float32))
            group["0"] = h5py.ExternalLink(str(link), "w")
        else:
            group.create_dataset("0", shape=(numbers,), dtype="f4", chunks=(1 << 16,), compression="gzip")
    return buf.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that declares ``width`` x ``height`` grayscale pixels and holds one empty row: Pillow reads the
    size from the header before it decodes anything."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0")) + chunk(b"IEND", b"")

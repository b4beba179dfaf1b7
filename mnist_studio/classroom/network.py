"""This machine's addresses (no traffic), the join code, and the QR code matrix the Class tab paints."""

from __future__ import annotations

import ipaddress
import os
import secrets
import socket

import numpy as np

# Private destinations for a UDP "connect": it only asks the kernel which interface would route there, it
# sends nothing. One per private range, so a laptop on 10.x, 172.16.x or 192.168.x is found.
_PROBES = ("10.255.255.255", "172.31.255.255", "192.168.255.255")


DEFAULT_PORT = 8765


def default_port() -> int:
    """The port the Class tab offers first: 8765, or ``MNIST_STUDIO_CLASS_PORT`` (0: any free port) where a
    school's network wants another. The tests set 0, so that two test processes never race for one port; a
    value that is not a port number leaves 8765."""
    try:
        port = int(os.environ.get("MNIST_STUDIO_CLASS_PORT", "").strip())
    except ValueError:
        return DEFAULT_PORT
    return port if 0 <= port <= 65535 else DEFAULT_PORT


def new_code() -> str:
    """A random 4-digit join code ("0000".."9999")."""
    return f"{secrets.randbelow(10_000):04d}"


def _route_address(probe: str) -> str | None:
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect((probe, 9))  # UDP: no packet is sent
            return s.getsockname()[0]
    except OSError:
        return None


def _host_addresses() -> list[str]:
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET, socket.SOCK_STREAM)
    except OSError:
        return []
    return [info[4][0] for info in infos]


def _rank(address: str) -> int:
    ip = ipaddress.IPv4Address(address)
    if ip.is_loopback:
        return 3
    if ip.is_link_local:
        return 2
    if ip.is_private:
        return 0  # a school LAN
    return 1


def lan_addresses() -> list[str]:
    """IPv4 addresses of this machine: private LAN addresses first, then others, 127.0.0.1 last.

    Found without any network traffic (a UDP socket "connected" to a private address, and the host
    name's own addresses). 127.0.0.1 is always in the list (only this computer can reach it).
    ``MNIST_STUDIO_CLASS_HOSTS`` (comma-separated) replaces the list: the tests, the benchmarks and the monkey
    soak set it to 127.0.0.1 so that nothing they click can open the class on the machine's network."""
    override = [h.strip() for h in os.environ.get("MNIST_STUDIO_CLASS_HOSTS", "").split(",") if h.strip()]
    if override:
        return override
    found: list[str] = []
    for candidate in [_route_address(p) for p in _PROBES] + _host_addresses():
        if not candidate or candidate in found:
            continue
        try:
            ip = ipaddress.IPv4Address(candidate)
        except ValueError:
            continue
        if ip.is_unspecified or ip.is_multicast or ip.is_loopback:
            continue
        found.append(candidate)
    found.sort(key=_rank)  # stable: the routing table's choice stays first within a rank
    return [*found, "127.0.0.1"]


def qr_matrix(text: str) -> np.ndarray:
    """The QR code of ``text`` as a bool matrix (True = dark module), without the quiet zone (leave 4 modules)."""
    import segno

    code = segno.make(text, error="m", micro=False)
    return np.array([[bool(v) for v in row] for row in code.matrix], dtype=bool)

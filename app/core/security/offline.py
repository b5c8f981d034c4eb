"""No network from the app's own processes.

Meeting material is confidential and nothing the app does at run time needs the
network, so every process of the app (the main one, the model worker, the parser
children) refuses any connection or name lookup that would leave the machine.
Loopback and Unix sockets stay allowed: multiprocessing and local IPC use them.

The guard patches Python's socket module. Native code that opens its own sockets
(onnxruntime's telemetry, grpc, Qt) bypasses it, so the libraries' own offline and
telemetry switches are set too, before they are loaded (packaging/SECURITY.md reviews
each native dependency); the test suite runs the real CLI in "record" mode, which logs
every refused attempt, and under strace (tests/integration/test_offline_syscalls.py),
which sees every process's system calls, to show there are none.
"""

from __future__ import annotations

import errno
import functools
import ipaddress
import json
import os
import socket
import sys
import traceback
from collections.abc import Callable
from typing import Any, NoReturn

GUARD_ENV = "MOEDEMAPPE_OFFLINE_GUARD"  # "record" or "refuse"; spawned children inherit it
LOG_ENV = "MOEDEMAPPE_NETWORK_LOG"  # "record" mode appends one JSON line per refused attempt here
MODES = ("refuse", "record")

# Offline and no-telemetry switches of the libraries the app uses or pulls in. Forced, not
# defaulted: a stray variable in the user's environment must not turn a download back on.
OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1",  # huggingface_hub (tokenizers, onnx model helpers)
    "TRANSFORMERS_OFFLINE": "1",
    "HF_DATASETS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    # onnxruntime (the embedding model, faster-whisper's voice detection): its native 1DS telemetry
    # looks up mobile.events.data.microsoft.com, sends events over TLS and keeps a queue with a
    # device id under ~/.cache/Microsoft/DeveloperTools/.onnxruntime. Read when its first session is
    # made, so it must be in the environment before that, in every process (children inherit it).
    "ORT_DISABLE_TELEMETRY": "1",
    "ANONYMIZED_TELEMETRY": "False",  # chromadb product telemetry
    "OTEL_SDK_DISABLED": "true",  # OpenTelemetry (chromadb ships an OTLP/grpc exporter)
    "DO_NOT_TRACK": "1",  # the cross-tool convention (consoledonottrack.com)
}

_mode = "refuse"


class NetworkBlocked(ConnectionRefusedError):
    """A connection or name lookup that would leave the machine, refused by the offline guard."""


def install_guard(mode: str | None = None) -> None:
    """Refuse non-loopback network access in this process; mode None: from GUARD_ENV, else "refuse".

    Called first in main() and in every child entry point ("spawn" children start a fresh
    interpreter, so the parent's patches do not reach them; the environment does). There is
    no "off": anything but "record" in the environment means "refuse".
    """
    global _mode
    if mode is None:
        mode = "record" if os.environ.get(GUARD_ENV) == "record" else "refuse"
    if mode not in MODES:
        raise ValueError(f"offline guard mode must be one of {MODES}, not {mode!r}")
    os.environ.update(OFFLINE_ENV)
    os.environ[GUARD_ENV] = mode
    _mode = mode
    if getattr(socket.socket.connect, "_offline_guard", False):
        return
    socket.socket.connect = _checked_method(socket.socket.connect, lambda args: args[0])
    socket.socket.connect_ex = _checked_method(socket.socket.connect_ex, lambda args: args[0])
    socket.socket.sendto = _checked_method(socket.socket.sendto, lambda args: args[-1])  # (data, [flags,] address)
    socket.socket.sendmsg = _checked_method(socket.socket.sendmsg, lambda args: args[3] if len(args) > 3 else None)
    socket.create_connection = _checked_function(socket.create_connection, _address_argument)
    for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr"):
        setattr(socket, name, _checked_function(getattr(socket, name), _host_arguments))


def is_local(host: object) -> bool:
    """Whether a host (name, IP literal, None for "this machine") stays on this machine."""
    if host is None:
        return True
    name = host.decode(errors="replace") if isinstance(host, bytes) else str(host)
    name = name.strip().lower().rstrip(".")
    if name == "localhost":
        return True
    try:
        address = ipaddress.ip_address(name.split("%")[0])
    except ValueError:
        return False  # any other name needs a DNS lookup, which itself leaves the machine
    mapped = getattr(address, "ipv4_mapped", None)  # ::ffff:127.0.0.1
    return address.is_loopback or (mapped is not None and mapped.is_loopback)


def _checked_method(method: Callable[..., Any], address_of: Callable[[tuple], Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def guarded(sock: socket.socket, *args: Any) -> Any:
        address = address_of(args) if args else None
        if sock.family in (socket.AF_INET, socket.AF_INET6) and isinstance(address, tuple):
            _check(*address[:2])
        return method(sock, *args)

    guarded._offline_guard = True  # type: ignore[attr-defined]
    return guarded


def _checked_function(function: Callable[..., Any], target_of: Callable[[tuple, dict], tuple]) -> Callable[..., Any]:
    @functools.wraps(function)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        _check(*target_of(args, kwargs))
        return function(*args, **kwargs)

    return guarded


def _address_argument(args: tuple, kwargs: dict) -> tuple:
    """create_connection(address, ...): address is (host, port)."""
    return tuple(args[0] if args else kwargs["address"])[:2]


def _host_arguments(args: tuple, kwargs: dict) -> tuple:
    """getaddrinfo(host, port, ...) and the gethostby* functions (host only)."""
    host = args[0] if args else kwargs.get("host")
    return host, args[1] if len(args) > 1 else kwargs.get("port")


def _check(host: object, port: object) -> None:
    if not is_local(host):
        _refuse(host, port)


def _refuse(host: object, port: object) -> NoReturn:
    if _mode == "record":
        _record(host, port)
    raise NetworkBlocked(errno.ECONNREFUSED, f"offline guard: Mødemappe never uses the network ({host}:{port})")


def _record(host: object, port: object) -> None:
    stack = [frame for frame in traceback.extract_stack() if frame.filename != __file__]
    entry = {
        "pid": os.getpid(),
        "argv": sys.orig_argv,
        "host": repr(host) if isinstance(host, bytes) else str(host),
        "port": port if isinstance(port, int) else str(port),
        "stack": [f"{frame.filename}:{frame.lineno} {frame.name}" for frame in stack[-12:]],
    }
    line = json.dumps(entry, ensure_ascii=False) + "\n"
    path = os.environ.get(LOG_ENV)
    if path is None:
        sys.stderr.write(line)
        return
    with open(path, "a", encoding="utf-8") as log:  # one short append per line: safe across processes
        log.write(line)

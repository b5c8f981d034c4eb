"""The offline guard refuses every connection and lookup that would leave the machine, fast,
and leaves loopback, Unix sockets and multiprocessing alone."""

from __future__ import annotations

import json
import multiprocessing
import os
import socket
import threading
import time

import pytest

from app.core.security import offline
from app.core.security.offline import GUARD_ENV, LOG_ENV, OFFLINE_ENV, NetworkBlocked, install_guard, is_local

TEST_NET = ("192.0.2.1", 80)  # RFC 5737 documentation address: never routed
PATCHED = ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr", "create_connection")
PATCHED_METHODS = ("connect", "connect_ex", "sendto", "sendmsg")


@pytest.fixture
def guard(monkeypatch):
    """Install the guard in this process for one test; everything it patches is restored after."""
    for name in PATCHED:
        monkeypatch.setattr(socket, name, getattr(socket, name))
    for name in PATCHED_METHODS:
        monkeypatch.setattr(socket.socket, name, getattr(socket.socket, name))
    for name in (*OFFLINE_ENV, GUARD_ENV, LOG_ENV):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(offline, "_mode", offline._mode)
    return install_guard


def refused_fast(attempt) -> NetworkBlocked:
    started = time.perf_counter()
    with pytest.raises(NetworkBlocked) as refused:
        attempt()
    assert time.perf_counter() - started < 0.5  # refused before any packet, not timed out
    return refused.value


def test_a_connection_to_the_network_is_refused_fast_with_a_clear_error(guard):
    guard("refuse")
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(5)
        error = refused_fast(lambda: sock.connect(TEST_NET))
        refused_fast(lambda: sock.connect_ex(TEST_NET))
    assert isinstance(error, ConnectionRefusedError) and isinstance(error, OSError)
    assert "offline" in str(error) and "192.0.2.1:80" in str(error)
    refused_fast(lambda: socket.create_connection(TEST_NET, timeout=5))
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        refused_fast(lambda: udp.sendto(b"x", ("192.0.2.1", 53)))
        refused_fast(lambda: udp.sendto(b"x", 0, ("192.0.2.1", 53)))
        refused_fast(lambda: udp.sendmsg([b"x"], [], 0, ("192.0.2.1", 53)))


@pytest.mark.parametrize("host", ["example.org", "2001:db8::1", "::ffff:192.0.2.1", "192.0.2.1", "10.0.0.1"])
def test_name_lookups_and_addresses_off_the_machine_are_refused(guard, host):
    guard("refuse")
    refused_fast(lambda: socket.getaddrinfo(host, 443))
    refused_fast(lambda: socket.getaddrinfo(host=host, port=443))
    refused_fast(lambda: socket.gethostbyname(host))
    refused_fast(lambda: socket.create_connection((host, 443), timeout=5))


def greet(server: socket.socket) -> None:
    connection, _address = server.accept()
    with connection:
        connection.sendall(b"hej")


def test_loopback_stays_allowed(guard):
    guard("refuse")
    with socket.create_server(("127.0.0.1", 0)) as server:
        greeter = threading.Thread(target=greet, args=(server,))
        greeter.start()
        with socket.create_connection(("localhost", server.getsockname()[1]), timeout=5) as client:
            assert client.recv(3) == b"hej"
        greeter.join(5)
    assert socket.getaddrinfo("127.0.0.1", 80) and socket.getaddrinfo(None, 80)
    for host in ("127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1", "localhost", "LOCALHOST.", b"127.0.0.1"):
        assert is_local(host), host


@pytest.mark.skipif(not socket.has_ipv6, reason="no IPv6 on this machine")
def test_ipv6_loopback_stays_allowed(guard):
    guard("refuse")
    try:
        server = socket.create_server(("::1", 0), family=socket.AF_INET6)
    except OSError:
        pytest.skip("IPv6 loopback is not configured here")
    with server, socket.create_connection(("::1", server.getsockname()[1]), timeout=5):
        pass


def test_unix_sockets_and_multiprocessing_keep_working(guard):
    guard("refuse")
    left, right = socket.socketpair()
    with left, right:
        left.sendall(b"ok")
        assert right.recv(2) == b"ok"
    ctx = multiprocessing.get_context("spawn")
    receiver, sender = ctx.Pipe(duplex=False)
    process = ctx.Process(target=os.getpid)  # spawning (pipes, the resource tracker) works from a guarded parent
    process.start()
    process.join(30)
    sender.send("pipe")
    assert receiver.recv() == "pipe" and process.exitcode == 0


def test_record_mode_logs_each_attempt_and_still_refuses(guard, tmp_path, monkeypatch):
    log = tmp_path / "network.jsonl"
    monkeypatch.setenv(LOG_ENV, str(log))
    guard("record")
    refused_fast(lambda: socket.create_connection(TEST_NET, timeout=5))
    refused_fast(lambda: socket.getaddrinfo("telemetry.example.com", 443))
    entries = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert [(e["host"], e["port"]) for e in entries] == [("192.0.2.1", 80), ("telemetry.example.com", 443)]
    assert entries[0]["pid"] == os.getpid()
    assert any("test_record_mode_logs_each_attempt" in frame for frame in entries[0]["stack"])
    assert not any(frame.startswith(offline.__file__) for frame in entries[0]["stack"])


def test_mode_comes_from_the_environment_and_cannot_be_switched_off(guard, monkeypatch):
    monkeypatch.setenv(GUARD_ENV, "off")
    guard()
    assert os.environ[GUARD_ENV] == "refuse"  # children inherit the mode actually in force
    assert all(os.environ[name] == value for name, value in OFFLINE_ENV.items())
    refused_fast(lambda: socket.create_connection(TEST_NET, timeout=5))
    monkeypatch.setenv(GUARD_ENV, "record")
    guard()  # a second install changes the mode, it does not wrap twice
    assert os.environ[GUARD_ENV] == "record" and not hasattr(socket.socket.connect.__wrapped__, "_offline_guard")
    with pytest.raises(ValueError):
        guard("off")

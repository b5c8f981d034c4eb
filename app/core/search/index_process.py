"""The vector index in a child process of its own (the window's choice; the CLI keeps it in-process).

chromadb's Rust binding holds the GIL for the whole of each write (its SQLite commit, fsync and HNSW
update: 15-140 ms a call) and for its first open: in the window's process that froze the event loop
while the background vector backlog ran. Here the parent only waits on a pipe (the GIL released) while
the child does chromadb's work. Only chunk ids, vectors, scores and counts cross the pipe, as they
already reach chromadb: never text.

Errors keep their meaning across the boundary: VectorIndexDamaged comes back as VectorIndexDamaged and
a full disk still satisfies is_disk_full(), so the Library's rebuild-on-damage and disk-full messages
work unchanged. A child that died is started again once within a call; dying again is damage.
"""

from __future__ import annotations

import errno
import multiprocessing
import os
import pickle
import threading
from pathlib import Path
from typing import Any

from app.core.search.index import VectorIndexDamaged
from app.core.security.hardening import disable_core_dumps
from app.core.security.offline import install_guard
from app.core.store.integrity import is_disk_full

_QUIT_TIMEOUT_S = 10.0  # chromadb flushes and closes its files on the way out


class VectorIndexProcess:
    """Parent-side handle with VectorIndex's methods. One call at a time (the import thread and the
    reading thread of the window may both use it)."""

    def __init__(self, directory: Path, model_name: str) -> None:
        self.directory = directory
        self._model_name = model_name
        self._lock = threading.Lock()
        self._process: Any = None
        self._conn: Any = None
        with self._lock:
            self._start()  # raises VectorIndexDamaged (or a disk-full error) as VectorIndex() would

    # --- VectorIndex's methods ----------------------------------------------------------

    def add(self, meeting_id: int, chunk_ids: list[int], vectors: list[list[float]]) -> None:
        self._call("add", meeting_id, chunk_ids, vectors)

    def delete_ids(self, chunk_ids: list[int]) -> None:
        self._call("delete_ids", chunk_ids)

    def query(self, vector: list[float], limit: int) -> list[tuple[int, float]]:
        return self._call("query", vector, limit)  # type: ignore[no-any-return]

    def count(self) -> int:
        return self._call("count")  # type: ignore[no-any-return]

    def present(self, chunk_ids: list[int]) -> list[int]:
        return self._call("present", chunk_ids)  # type: ignore[no-any-return]

    def vectors(self, chunk_ids: list[int]) -> dict[int, list[float]]:
        return self._call("vectors", chunk_ids)  # type: ignore[no-any-return]

    def ids(self) -> set[int]:
        return self._call("ids")  # type: ignore[no-any-return]

    def compact(self) -> None:
        self._call("compact")

    def drop_other_models(self) -> None:
        self._call("drop_other_models")

    def close(self) -> None:
        """Let go of chromadb's files: the child closes them and exits (it is joined, no zombie)."""
        with self._lock:
            self._stop()

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    # --- the child ---------------------------------------------------------------------

    def _call(self, op: str, *args: Any) -> Any:
        with self._lock:
            for attempt in range(2):
                if self._process is None or not self._process.is_alive():
                    self._restart()
                try:
                    self._conn.send((op, args))
                    return self._receive()
                except (EOFError, BrokenPipeError, ConnectionResetError) as exc:
                    self._stop()  # it died during the call: once more with a new child
                    if attempt:
                        raise VectorIndexDamaged(f"the vector index process died ({op})") from exc
        raise AssertionError("unreachable")

    def _restart(self) -> None:
        self._stop()
        try:
            self._start()
        except EOFError as exc:  # it died while opening chromadb's files
            self._stop()
            raise VectorIndexDamaged("the vector index process died on opening its files") from exc

    def _start(self) -> None:
        ctx = multiprocessing.get_context("spawn")
        self._conn, child_conn = ctx.Pipe(duplex=True)
        self._process = ctx.Process(target=_child_main, args=(child_conn, str(self.directory), self._model_name),
                                    daemon=True, name="vector-index")  # fmt: skip
        self._process.start()
        child_conn.close()
        try:
            self._receive()  # the open's answer
        except BaseException:
            self._stop()
            raise

    def _receive(self) -> Any:
        status, payload, disk_full = self._conn.recv()
        if status == "ok":
            return payload
        error: BaseException = pickle.loads(payload)
        if disk_full and not is_disk_full(error):  # the cause chain does not survive pickling
            error.__cause__ = OSError(errno.ENOSPC, "No space left on device")
        raise error

    def _stop(self) -> None:
        if self._process is None:
            return
        if self._process.is_alive():
            try:
                self._conn.send(("quit", ()))
            except OSError:
                pass
            self._process.join(timeout=_QUIT_TIMEOUT_S)
            if self._process.is_alive():
                self._process.kill()
        self._process.join()
        self._conn.close()
        self._process = self._conn = None


def _child_main(conn: Any, directory: str, model_name: str) -> None:
    install_guard()  # a spawned child does not inherit the parent's patched sockets
    disable_core_dumps()  # execve reset the parent's non-dumpable flag
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
    from app.core.search.index import VectorIndex

    try:
        index = VectorIndex(Path(directory), model_name)
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which raises it there
        conn.send(_error_reply(exc))
        return
    conn.send(("ok", None, False))
    while True:
        try:
            op, args = conn.recv()
        except (EOFError, OSError):  # the parent is gone
            break
        if op == "quit":
            break
        try:
            reply: tuple[str, Any, bool] = ("ok", getattr(index, op)(*args), False)
        except Exception as exc:  # noqa: BLE001 - reported to the parent, which raises it there
            reply = _error_reply(exc)
        conn.send(reply)
    index.close()
    conn.close()


def _error_reply(exc: BaseException) -> tuple[str, bytes, bool]:
    """The exception as the parent will raise it: itself where it pickles, else a RuntimeError naming it."""
    try:
        payload = pickle.dumps(exc)
        pickle.loads(payload)
    except Exception:  # noqa: BLE001 - chromadb's errors need not pickle
        payload = pickle.dumps(RuntimeError(f"{type(exc).__name__}: {exc}"))
    return ("error", payload, is_disk_full(exc))

"""Run a parser in a child process with a timeout and a memory cap.

A hostile or broken file can hang pypdf, make it eat memory or blow its stack;
in a child process that costs us the child, never the app. Whatever happens to
the child (an exception, the memory cap, a crash, the timeout), the caller gets
a UserError or Cancelled, and the child is gone when this returns.

Scanned pages are read by OCR in the same child (ingest/ocr.py); it reports each page read, and
the timeout counts from the last report, so a long scan is limited per page, not in total.
With task "structured" the child also detects the pages' structure (ingest/uncertain.py
structure_with_held): CPU-bound Python that, in the app's process, held the GIL for ~1 s per 350
pages while the window's UI thread waited for it.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
import time
import warnings
from collections.abc import Callable
from typing import Any

from app.core.ingest.ocr import extract_with_ocr
from app.core.messages import Cancelled, UserError
from app.core.security.hardening import disable_core_dumps
from app.core.security.offline import install_guard

PARSE_TIMEOUT_S = 180.0
PARSE_MEMORY_MB = 2048
_POLL_S = 0.05


def extract_isolated(
    path: str,
    timeout_s: float = PARSE_TIMEOUT_S,
    memory_mb: int = PARSE_MEMORY_MB,
    should_cancel: Callable[[], bool] = lambda: False,
    progress: Callable[[int, int], None] = lambda _done, _total: None,
    page_progress: Callable[[int, int], None] | None = None,
    task: str = "pages",
) -> Any:
    """The file's pages; progress(done, total) as scanned pages are read by OCR, page_progress(done,
    total) as the pages' text layer is read (only asked of the child when given). task "structured":
    (pages, their Structure, or None when no page has text); task "web" reads a saved web page or an
    e-mail instead and returns its WebDocument (ingest/web.py, ingest/mail.py)."""
    ctx = multiprocessing.get_context("spawn")
    receiver, sender = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_child_main, args=(path, memory_mb, sender, task, page_progress is not None),
                          daemon=True)  # fmt: skip
    process.start()
    sender.close()
    try:
        deadline = time.monotonic() + timeout_s
        while True:
            while not receiver.poll(_POLL_S):
                if should_cancel():
                    raise Cancelled()
                if time.monotonic() > deadline:
                    raise UserError("parse_timeout", path=path)
                if not process.is_alive() and not receiver.poll(0):
                    raise UserError("file_damaged", path=path)
            try:
                status, payload = receiver.recv()
            except EOFError as exc:  # child died while sending (e.g. memory cap hit)
                raise UserError("file_damaged", path=path) from exc
            if status not in ("progress", "pages"):
                break
            (page_progress if status == "pages" and page_progress is not None else progress)(*payload)
            deadline = time.monotonic() + timeout_s
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        receiver.close()
    if status == "ok":
        return payload
    if status == "user":
        raise UserError(payload[0], **payload[1])
    raise RuntimeError(payload)


def _child_main(path: str, memory_mb: int, sender: object, task: str = "pages", report_pages: bool = False) -> None:
    install_guard()  # a spawned child does not inherit the parent's patched sockets
    disable_core_dumps()  # execve reset the parent's non-dumpable flag
    _quiet()
    _limit_memory(memory_mb)
    try:
        if task == "web":
            from app.core.ingest.mail import read_web_or_mail

            result: tuple[str, object] = ("ok", read_web_or_mail(path))
        else:
            pages_read = _sender(sender, "pages") if report_pages else None
            pages = extract_with_ocr(path, _sender(sender, "progress"), pages_read)
            result = ("ok", (pages, _structure(pages)) if task == "structured" else pages)
    except UserError as exc:
        result = ("user", (exc.key, exc.params))
    except MemoryError:
        result = ("user", ("file_damaged", {"path": path}))
    except Exception as exc:  # noqa: BLE001 - reported to the parent as an internal error
        result = ("error", f"{type(exc).__name__}: {exc}")
    try:
        sender.send(result)  # type: ignore[attr-defined]
    except BaseException:  # noqa: BLE001 - e.g. the memory cap while pickling: the parent sees EOF
        os._exit(1)  # no traceback on the user's terminal; the parent reports the file as damaged


def _structure(pages: list[Any]) -> Any:
    """The pages' structure; None for a file without text (the parent refuses it)."""
    if not any(page.text.strip() for page in pages):
        return None
    from app.core.ingest.uncertain import structure_with_held

    return structure_with_held(pages)


def _sender(sender: Any, kind: str) -> Callable[[int, int], None]:
    """progress(done, total) sent to the parent as (kind, (done, total))."""
    return lambda done, total: sender.send((kind, (done, total)))


def _quiet() -> None:
    """pypdf logs (and warns about) every flaw of a broken file; the user gets one message instead."""
    warnings.simplefilter("ignore")
    # pypdf logs through per-module loggers ("pypdf._reader"): raise the level of their parent,
    # and give it a handler, or logging's last-resort handler prints to the user's terminal.
    logger = logging.getLogger("pypdf")
    logger.setLevel(logging.CRITICAL + 1)
    logger.addHandler(logging.NullHandler())
    logger.propagate = False


def _limit_memory(memory_mb: int) -> None:
    if sys.platform.startswith("linux") or sys.platform == "darwin":
        import resource

        limit = memory_mb * 1024 * 1024
        try:
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        except (ValueError, OSError):  # e.g. macOS refuses some RLIMIT_AS values: parse uncapped
            pass

"""llama.cpp inference in a child process.

Model inference is native code that can crash or run out of memory; in a child
process that costs the child, never the app. The child keeps loaded models warm,
streams tokens back over a pipe and checks for a cancel message between tokens.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from app.core.messages import UserError
from app.core.models.manifest import ModelEntry
from app.core.security.hardening import disable_core_dumps
from app.core.security.offline import install_guard

_POLL_S = 0.02
# The self-check: a few tokens of a real generation (about a second with the default 270M model).
SELF_CHECK_QUESTION = "Hvad hedder Danmarks hovedstad?"
SELF_CHECK_TOKENS = 4


@dataclass(frozen=True)
class Generation:
    text: str
    tokens: int
    first_token_s: float | None
    seconds: float
    cancelled: bool

    @property
    def tokens_per_s(self) -> float:
        decode_s = self.seconds - (self.first_token_s or 0.0)
        return (self.tokens - 1) / decode_s if self.tokens > 1 and decode_s > 0 else 0.0


def default_context() -> int:
    """Chat context in tokens by memory: the KV cache of a 3-8B model at 8k tokens costs ~1 GB more.

    Answers use 5 sources of ~500 characters, so 4096 is plenty; whole-item briefings of long
    items gain from more where the laptop has the memory.
    """
    import psutil

    return 8192 if psutil.virtual_memory().total >= 16 * 1024**3 else 4096


def default_threads() -> int:
    """Physical cores, less one on larger machines to keep the UI and the OS responsive.

    llama.cpp gains nothing from hyper-threads and slows down badly when its threads
    compete with other work. MOEDEMAPPE_THREADS overrides the choice.
    """
    import psutil

    override = os.environ.get("MOEDEMAPPE_THREADS", "")
    if override.isdigit() and int(override) > 0:
        return int(override)
    physical = psutil.cpu_count(logical=False) or os.cpu_count() or 1
    return physical if physical <= 2 else physical - 1


class SelfCheckCrashed(UserError):
    """The model child died in the self-check: the message names the signal, this CPU's features and
    the fix (a rebuild for the portable baseline; without AVX2 in the CPU, a build without it)."""

    def __init__(self, name: str, exit_code: int | None) -> None:
        from app.core.models.buildcheck import cpu_flags

        self.flags = cpu_flags()
        super().__init__("model_selfcheck_crashed", name=name, signal=describe_exit(exit_code))

    def message(self, lang: str | None = None) -> str:
        from app.core.messages import tr
        from app.core.models.buildcheck import describe_cpu

        text = tr(self.key, lang, cpu=describe_cpu(self.flags, lang), **self.params)
        below_baseline = self.flags is not None and not self.flags.get("avx2", True)
        return text + tr("cpu_below_baseline", lang) if below_baseline else text


# Windows ends a process that faults with the exception's status as its exit code.
_WINDOWS_FAULTS = {0xC000001D: "STATUS_ILLEGAL_INSTRUCTION", 0xC0000005: "STATUS_ACCESS_VIOLATION"}


def describe_exit(code: int | None) -> str:
    """How a child process ended, for a message: 'SIGSEGV', 'SIGILL', 'STATUS_ILLEGAL_INSTRUCTION'."""
    if code is not None and code < 0:
        try:
            return signal.Signals(-code).name
        except ValueError:
            return f"signal {-code}"
    if code is not None and code in _WINDOWS_FAULTS:
        return _WINDOWS_FAULTS[code]
    return f"exit code {code}"


class ModelWorker:
    """Parent-side handle of the inference child. One request at a time."""

    def __init__(self, threads: int | None = None, chat_context: int | None = None) -> None:
        """threads / chat_context: None (or 0) = chosen from the hardware."""
        self.threads = threads or default_threads()
        self.chat_context = chat_context or default_context()
        self.loaded: set[str] = set()  # model names the child holds warm
        self._lock = threading.Lock()
        self._process: Any = None
        self._conn: Any = None

    def _ensure_started(self) -> None:
        if self._process is not None and self._process.is_alive():
            return
        ctx = multiprocessing.get_context("spawn")
        self._conn, child_conn = ctx.Pipe(duplex=True)
        self._process = ctx.Process(target=_child_main, args=(child_conn,), daemon=True, name="model-worker")
        self._process.start()
        child_conn.close()

    def close(self) -> None:
        with self._lock:
            if self._process is not None:
                if self._process.is_alive():
                    try:
                        self._conn.send({"op": "quit"})
                    except (BrokenPipeError, OSError):
                        pass
                    self._process.join(timeout=2)
                    if self._process.is_alive():
                        self._process.kill()
                        self._process.join()
                self._conn.close()
                self._process = None
                self.loaded.clear()

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def _request(self, message: dict[str, Any]) -> None:
        self._ensure_started()
        self._conn.send(message)

    def _receive(self, wants_cancel: Callable[[], bool] = lambda: False) -> dict[str, Any]:
        """The next reply; sends a cancel message whenever wants_cancel() says so."""
        while True:
            if wants_cancel():
                self._conn.send({"op": "cancel"})
            if self._conn.poll(_POLL_S):
                break
            if not self._process.is_alive():
                self._reset_after_crash()
        try:
            reply: dict[str, Any] = self._conn.recv()
        except (EOFError, OSError):
            self._reset_after_crash()
        if "rejected" in reply:
            raise UserError("model_rejected", name=reply["rejected"])
        if "error" in reply:
            raise RuntimeError(reply["error"])
        return reply

    def _reset_after_crash(self) -> None:
        """The child died (bad model, out of memory): report it; the next request starts a new one."""
        if self._process is not None:
            self._process.join(timeout=1)
        self._process = None
        self.loaded.clear()
        raise UserError("model_crashed")

    def load(self, entry: ModelEntry) -> float:
        """Load (and verify) a model now so the first answer does not wait for it. Returns seconds."""
        with self._lock:
            self._request({"op": "load", **self._model_args(entry)})
            seconds = float(self._receive()["seconds"])
            self.loaded.add(entry.name)
            return seconds

    def self_check(self, entry: ModelEntry, max_tokens: int = SELF_CHECK_TOKENS) -> Generation:
        """One short real generation in the child: a llama.cpp build that cannot run on this CPU
        (SIGILL, the AMX segfault) shows at set-up and in `models verify`, not at the first question.
        A crash raises UserError("model_selfcheck_crashed") naming the signal and the CPU's features."""
        with self._lock:
            self._ensure_started()
            child = self._process  # kept: after a crash it still knows how the child ended
        from app.core.models.templates import render

        prompt, stop = render(entry.template, "Svar kort på dansk.", SELF_CHECK_QUESTION)
        try:
            return self.generate(entry, prompt, stop, max_tokens=max_tokens)
        except Exception:  # noqa: BLE001 - whatever the crash is reported as, a dead child is the news
            if child.exitcode is None:
                raise
            raise SelfCheckCrashed(entry.name, child.exitcode) from None

    def embed(self, entry: ModelEntry, texts: list[str], kind: str = "passage") -> list[list[float]]:
        """Vectors of texts; kind "query" for search questions, "passage" for indexed text (the
        embedder's manifest prefixes differ)."""
        with self._lock:
            self._request({"op": "embed", "texts": entry.prefixed(texts, kind), **self._model_args(entry)})
            return list(self._receive()["vectors"])

    @contextlib.contextmanager
    def embedding(self, entry: ModelEntry, texts: list[str],
                  kind: str = "passage") -> Iterator[Callable[[], list[list[float]]]]:  # fmt: skip
        """Start embedding texts in the child and do other work meanwhile (a search's full-text
        query): the block gets a function that waits for the vectors. The worker is held until the
        block ends; its reply is read even when the block does not ask for it."""
        with self._lock:
            self._request({"op": "embed", "texts": entry.prefixed(texts, kind), **self._model_args(entry)})
            received: list[list[list[float]]] = []

            def vectors() -> list[list[float]]:
                if not received:
                    received.append(list(self._receive()["vectors"]))
                return received[0]

            try:
                yield vectors
            finally:
                if not received:
                    vectors()

    def generate(
        self,
        entry: ModelEntry,
        prompt: str,
        stop: list[str],
        max_tokens: int = 256,
        on_token: Callable[[str], None] = lambda _t: None,
        should_cancel: Callable[[], bool] = lambda: False,
    ) -> Generation:
        with self._lock:
            started = time.perf_counter()
            self._request({
                "op": "generate", "prompt": prompt, "stop": stop, "max_tokens": max_tokens,
                **self._model_args(entry),
            })  # fmt: skip
            parts: list[str] = []
            first: float | None = None
            cancel_sent = False

            def cancel_once() -> bool:  # checked after every token, so Stop lands within ~1 token
                nonlocal cancel_sent
                if cancel_sent or not should_cancel():
                    return False
                cancel_sent = True
                return True

            while True:
                reply = self._receive(cancel_once)
                if "token" in reply:
                    first = first if first is not None else time.perf_counter() - started
                    parts.append(reply["token"])
                    on_token(reply["token"])
                    continue
                self.loaded.add(entry.name)
                return Generation(
                    text="".join(parts), tokens=int(reply["tokens"]), first_token_s=first,
                    seconds=time.perf_counter() - started, cancelled=bool(reply["cancelled"]),
                )  # fmt: skip

    def _model_args(self, entry: ModelEntry) -> dict[str, Any]:
        context = min(entry.context, self.chat_context) if "chat" in entry.roles else entry.context
        return {"entry": entry, "threads": self.threads, "context": context}


# --- child process ----------------------------------------------------------------


class ModelRejected(Exception):
    """The file does not match its manifest digest (or the entry has none)."""


_quiet_log_callback: Any = None


def _silence_llama_log() -> None:
    """llama.cpp prints some notices even with verbose=False; they would garble the CLI's stderr."""
    global _quiet_log_callback
    import ctypes

    import llama_cpp

    if _quiet_log_callback is None:
        _quiet_log_callback = llama_cpp.llama_log_callback(lambda _level, _text, _data: None)
        llama_cpp.llama_log_set(_quiet_log_callback, ctypes.c_void_p(0))


def load_llama(path: str, threads: int, context: int) -> Any:
    """The one place that constructs a llama.cpp chat model (shared with the raw baseline benchmark)."""
    from llama_cpp import Llama

    _crash_if_asked()
    _silence_llama_log()
    if not _library_has_amx():
        return Llama(model_path=path, n_ctx=context, n_threads=threads, verbose=False)
    with _without_extra_buffer_types():
        return Llama(model_path=path, n_ctx=context, n_threads=threads, verbose=False)


def _library_has_amx() -> bool:
    """Whether this llama.cpp was compiled with its AMX path (a native build on a Sapphire Rapids-class
    machine; the set-up's portable build never is: packaging/build_llama.sh)."""
    import llama_cpp

    return b"AMX" in llama_cpp.llama_print_system_info()


@contextlib.contextmanager
def _without_extra_buffer_types() -> Iterator[None]:
    """Load with use_extra_bufts=False: llama.cpp then never puts weights in AMX buffers, whose matrix
    multiplication segfaults on the first decode (llama.cpp issue 20824, closed without a fix). It also
    turns off weight repacking, so only a build with AMX pays that. llama-cpp-python 0.3.36's Llama()
    has no such argument (extra keywords are dropped silently); it takes its model parameters from
    llama_model_default_params(), so the flag is cleared there while this model loads."""
    import llama_cpp.llama_cpp as native

    defaults = native.llama_model_default_params

    def without_extra() -> Any:
        params = defaults()
        params.use_extra_bufts = False
        return params

    native.llama_model_default_params = without_extra
    try:
        yield
    finally:
        native.llama_model_default_params = defaults


# Test-only: a signal name (SIGSEGV, SIGILL) makes the model child die with it as it loads a chat
# model, like a llama.cpp build that cannot run on this CPU. Lets tests see what the user would see.
CRASH_FOR_TEST_ENV = "MOEDEMAPPE_TEST_MODEL_CRASH"


def _crash_if_asked() -> None:
    name = os.environ.get(CRASH_FOR_TEST_ENV, "")
    if name and multiprocessing.parent_process() is not None:  # only ever the child, never the app
        os.kill(os.getpid(), signal.Signals[name])


def _load(entry: ModelEntry, threads: int, context: int) -> Any:
    from app.core.models.manifest import intact

    if not intact(entry):
        raise ModelRejected(entry.name)
    if entry.format == "onnx":
        from app.core.models.embedding import OnnxEmbedder

        assert entry.tokenizer_path is not None
        return OnnxEmbedder(entry.path, entry.tokenizer_path, context, threads)
    return load_llama(str(entry.path), threads, context)


def _child_main(conn: Any) -> None:
    install_guard()  # a spawned child does not inherit the parent's patched sockets
    disable_core_dumps()  # execve reset the parent's non-dumpable flag
    models: dict[str, Any] = {}
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        try:
            if request["op"] == "quit":
                return
            if request["op"] == "cancel":  # arrived after the generation had finished
                continue
            started = time.perf_counter()
            entry: ModelEntry = request["entry"]
            if entry.name not in models:
                models[entry.name] = _load(entry, request["threads"], request["context"])
            model = models[entry.name]
            if request["op"] == "load":
                conn.send({"seconds": time.perf_counter() - started})
            elif request["op"] == "embed":
                conn.send({"vectors": model.embed(request["texts"])})
            elif request["op"] == "generate":
                _generate(conn, model, request)
        except ModelRejected as exc:
            conn.send({"rejected": str(exc)})
        except Exception as exc:  # noqa: BLE001 - reported to the parent, which raises it
            conn.send({"error": f"{type(exc).__name__}: {exc}"})


def _generate(conn: Any, model: Any, request: dict[str, Any]) -> None:
    tokens = 0
    cancelled = False
    stream = model.create_completion(request["prompt"], stream=True, **generation_options(request))
    for part in stream:
        tokens += 1
        conn.send({"token": part["choices"][0]["text"]})
        if conn.poll() and conn.recv().get("op") == "cancel":
            cancelled = True
            break
    conn.send({"tokens": tokens, "cancelled": cancelled})


def generation_options(request: dict[str, Any]) -> dict[str, Any]:
    """Sampling settings (shared with the raw baseline benchmark so both do the same work)."""
    return {
        "max_tokens": request["max_tokens"], "stop": request["stop"],
        "temperature": 0.1, "top_k": 20, "repeat_penalty": 1.15,
    }  # fmt: skip

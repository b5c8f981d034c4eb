"""The recordings' child processes: probing a media file and transcribing it with faster-whisper.

Native code that may crash or hang runs in a spawned child (offline guard and no core dumps there
too); the child streams its results back as messages, and Cancel kills it.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import signal
import time
from collections.abc import Callable
from typing import Any

from app.core.messages import Cancelled, UserError
from app.core.models.manifest import ModelEntry, intact
from app.core.progress import CancelCheck
from app.core.security.hardening import disable_core_dumps
from app.core.security.offline import install_guard

SAMPLE_RATE = 16_000  # what Whisper listens at
PROBE_TIMEOUT_S = 60.0
_POLL_S = 0.05
_EXIT_S = 10.0
# Whisper settings. The VAD drops the silences of a meeting (pauses, breaks) where Whisper would
# invent text; without conditioning on the previous window it cannot get stuck repeating itself, and
# a resumed transcription needs nothing from the run before it but where that run stopped.
TRANSCRIBE_OPTIONS: dict[str, Any] = {
    "language": "da", "beam_size": 5, "vad_filter": True, "condition_on_previous_text": False,
}  # fmt: skip


def run_child(target: Callable[..., None], args: tuple[Any, ...], failure: UserError,
               on_message: Callable[[dict[str, Any]], None], should_cancel: CancelCheck,
               timeout_s: float = math.inf) -> None:  # fmt: skip
    """Run target(*args, sender) in a spawned child and hand on each message it sends until it ends.
    Cancel kills the child (Cancelled); a child that dies or overruns the timeout raises `failure`."""
    ctx = multiprocessing.get_context("spawn")
    receiver, sender = ctx.Pipe(duplex=False)
    process = ctx.Process(target=target, args=(*args, sender), daemon=True, name="recording-worker")
    process.start()
    sender.close()
    deadline = time.monotonic() + timeout_s
    try:
        while True:
            if should_cancel():
                raise Cancelled()
            if receiver.poll(_POLL_S):
                try:
                    message = receiver.recv()
                except EOFError as exc:  # died while sending
                    raise failure from exc
                if "end" in message:
                    process.join(timeout=_EXIT_S)  # killed only if it hangs: its libraries clean up on exit
                    return
                if "user" in message:
                    raise UserError(message["user"][0], **message["user"][1])
                if "error" in message:
                    raise RuntimeError(message["error"])
                on_message(message)
            elif (not process.is_alive() and not receiver.poll(0)) or time.monotonic() > deadline:
                raise failure
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        receiver.close()


def _child_main(sender: Any, work: Callable[[Callable[[dict[str, Any]], None]], None]) -> None:
    # Ctrl+C in a terminal reaches the whole process group: the parent stops the child (Cancelled or
    # KeyboardInterrupt kill it), so the child ignores it instead of printing a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    install_guard()  # a spawned child does not inherit the parent's patched sockets
    disable_core_dumps()  # execve reset the parent's non-dumpable flag
    try:
        work(sender.send)
        sender.send({"end": True})
    except UserError as exc:
        sender.send({"user": (exc.key, exc.params)})
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which raises it
        sender.send({"error": f"{type(exc).__name__}: {exc}"})


def probe_child(path: str, sender: Any) -> None:
    _child_main(sender, lambda send: send({"duration": _probe(path)}))


def _probe(path: str) -> float:
    """The media's duration in seconds, after decoding its first second of sound: a file that cannot be
    opened, has no sound or does not decode is refused before anything is stored."""
    import av

    try:
        with av.open(path) as container:
            stream = next(iter(container.streams.audio), None)
            if stream is None:
                raise UserError("recording_no_audio", path=path)
            heard = 0.0
            for frame in container.decode(stream):
                heard += frame.samples / (frame.sample_rate or SAMPLE_RATE)
                if heard >= 1.0:
                    break
            if heard == 0.0:
                raise UserError("recording_damaged", path=path)
            if container.duration:
                return container.duration / av.time_base
            return float(stream.duration * stream.time_base) if stream.duration else heard
    except av.error.FFmpegError as exc:
        raise UserError("recording_damaged", path=path) from exc


def transcribe_child(entry: ModelEntry, media: str, offset: float, threads: int, sender: Any) -> None:
    _child_main(sender, lambda send: _transcribe(entry, media, offset, threads, send))


def _transcribe(entry: ModelEntry, media: str, offset: float, threads: int,
                send: Callable[[dict[str, Any]], None]) -> None:  # fmt: skip
    if not intact(entry):
        raise UserError("model_rejected", name=entry.name)
    # Tesseract's Reader caps OpenMP at one thread (OMP_THREAD_LIMIT) in the process that OCRs, and a
    # child inherits it: CTranslate2 asked for more threads under that cap transcribed nothing but
    # ")))". libgomp reads the variable when it loads, so drop it before faster_whisper does.
    os.environ.pop("OMP_THREAD_LIMIT", None)
    from faster_whisper import WhisperModel, decode_audio

    audio = decode_audio(media, sampling_rate=SAMPLE_RATE)
    send({"duration": len(audio) / SAMPLE_RATE})
    model = WhisperModel(str(entry.path), device="cpu", compute_type="int8", cpu_threads=threads)
    segments, _info = model.transcribe(audio[int(offset * SAMPLE_RATE) :], **TRANSCRIBE_OPTIONS)
    for segment in segments:
        if text := segment.text.strip():
            send({"segment": (offset + segment.start, offset + segment.end, text)})

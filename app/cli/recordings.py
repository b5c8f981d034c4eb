"""`moedemappe recording attach|status|transcribe`: meeting recordings on the command line, for IT scripts.

* ``attach MØDE_ID FIL [--transcribe]``: attach audio/video (mp4, mkv, mp3, m4a, wav) or subtitles (srt,
  vtt) to a meeting. Subtitles are indexed at once; audio/video is transcribed with --transcribe, or
  later with ``transcribe``.
* ``status [MØDE_ID]``: each recording with its transcription state and progress.
* ``transcribe ID``: transcribe (the rest of) a recording. Ctrl+C stops it; what was transcribed is kept
  and the same command continues it. Progress goes to stderr.

Same conventions as the other commands (DESIGN.md): `--json`, exit 2 with a Danish message on bad input,
130 after Ctrl+C. The work is in app.core.recordings.recording.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.cli.common import open_library, print_json
from app.core.display import display_name
from app.core.messages import UserError, tr

STATE_WORDS = {"complete": "færdig", "partial": "afbrudt undervejs", "waiting": "ikke transskriberet endnu"}
EXIT_INTERRUPTED = 130


def add_parsers(commands: Any) -> None:
    """Register `recording` and its subcommands on the main parser's subparsers."""
    p = commands.add_parser("recording", help="optagelser af møder: tilknyt, transskribér, se status")
    actions = p.add_subparsers(dest="recording_action", required=True)
    a = actions.add_parser("attach", help="knyt en lyd-/videofil eller undertekster (srt, vtt) til et møde")
    a.add_argument("meeting_id", type=int, metavar="MØDE_ID", help="mødets id (fra 'list')")
    a.add_argument("file", type=Path, metavar="FIL")
    a.add_argument("--transcribe", action="store_true", help="transskribér lyden nu (ellers: recording transcribe ID)")
    a.add_argument("--json", action="store_true")
    s = actions.add_parser("status", help="optagelserne og hvor langt deres transskription er")
    s.add_argument("meeting_id", type=int, nargs="?", metavar="MØDE_ID", help="kun dette møde")
    s.add_argument("--json", action="store_true")
    t = actions.add_parser("transcribe", help="transskribér (resten af) en optagelse; Ctrl+C afbryder")
    t.add_argument("recording_id", type=int, metavar="ID", help="optagelsens id (fra 'recording status')")
    t.add_argument("--json", action="store_true")


def cmd_recording(args: argparse.Namespace) -> int:

    action = args.recording_action
    with open_library(args, reader=action == "status") as library:
        if action == "status":
            statuses = _statuses(library, args.meeting_id)
        else:
            recording_id, statuses = _run(library, args)
            if recording_id is None:
                return EXIT_INTERRUPTED
    if args.json:
        print_json([status.to_json() for status in statuses] if action == "status" else statuses[0].to_json())
        return 0
    for status in statuses:
        print(_status_line(status))
    if not statuses:
        print("Ingen optagelser." if args.meeting_id is None else f"Møde {args.meeting_id} har ingen optagelser.")
    return 0


def _statuses(library: Any, meeting_id: int | None) -> list[Any]:
    if meeting_id is not None and not library.store.meeting_exists(meeting_id):
        raise UserError("meeting_missing", meeting_id=meeting_id)
    meetings = [meeting_id] if meeting_id is not None else [m.id for m in library.meetings()]
    return [library.recording_status(r.id) for m in meetings for r in library.recordings(m)]


def _run(library: Any, args: argparse.Namespace) -> tuple[int | None, list[Any]]:
    """attach or transcribe; (None, []) after Ctrl+C, said on stderr with how to continue."""
    progress = _Progress()
    recording_id = getattr(args, "recording_id", None)
    try:
        if args.recording_action == "attach":
            result = library.import_recording(args.meeting_id, args.file, progress=progress, transcribe=args.transcribe)
        else:
            result = library.transcribe_recording(args.recording_id, progress=progress)
    except KeyboardInterrupt:
        progress.end()
        recording_id = recording_id or _attached(library, args)
        print(f"moedemappe: {tr('recording_interrupted', recording_id=recording_id or '?')}", file=sys.stderr)
        return None, []
    progress.end()
    return result.recording_id, [library.recording_status(result.recording_id)]


def _attached(library: Any, args: argparse.Namespace) -> int | None:
    """The recording an interrupted attach --transcribe made (the newest of the meeting)."""
    found = library.recordings(args.meeting_id) if library.store.meeting_exists(args.meeting_id) else []
    return found[-1].id if found else None


def _status_line(status: Any) -> str:
    r = status.recording
    state = STATE_WORDS[status.state]
    if status.state == "partial":
        state += f", {int(status.progress * 100)} % – fortsæt med: moedemappe recording transcribe {r.id}"
    elif status.state == "waiting":
        state += f" – transskribér med: moedemappe recording transcribe {r.id}"
    kind = "undertekster" if r.source == "subtitles" else "tale"
    return f"{r.id:>4}  møde {r.meeting_id}  {display_name(r.name)}  ({kind}, {clock(r.duration)})  {state}"


def clock(seconds: float) -> str:
    """ "mm:ss", or "h:mm:ss" from an hour: where in a recording something was said."""
    whole = max(0, int(seconds))
    hours, minutes, secs = whole // 3600, whole // 60 % 60, whole % 60
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


class _Progress:
    """Transcription progress on stderr: one updating line on a terminal, else a line per 10 %."""

    def __init__(self, stream: Any = None) -> None:
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.shown = -1

    def __call__(self, fraction: float, message: str) -> None:
        percent = round(fraction * 100)
        if self.tty:
            print(f"\r{percent:3d} %  {message[:60]:<60}", end="", file=self.stream, flush=True)
        elif percent // 10 > self.shown // 10 or percent == 100 and self.shown < 100:
            print(f"{percent:3d} %  {message}", file=self.stream, flush=True)
            self.shown = percent

    def end(self) -> None:
        if self.tty:
            print(file=self.stream)


def search_time(library: Any, hit: Any) -> dict[str, float] | None:
    """ {"start", "end"} seconds when the hit is a window of a recording's transcript."""
    moment = library.recording_time(hit.chunk_id)
    if moment is None:
        return None
    return {"start": round(moment.seconds, 1), "end": round(moment.end if moment.end is not None else moment.seconds, 1)}


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {"recording": cmd_recording}

"""Cheap checks before any parser sees a file: exists, not empty, not too large, type matches content.

Only a few bytes at the start and end of a file are read here, in the app's own
process. Everything that parses file structure (a zip directory, a PDF xref)
runs in the isolated child process (see isolation.py and extract.py).
"""

from __future__ import annotations

import errno
import stat
from pathlib import Path

from app.core.messages import UserError

IMAGE_MAGIC = {  # scans: read by OCR in the parser child (ingest/ocr.py)
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".tif": (b"II*\x00", b"MM\x00*"),
    ".tiff": (b"II*\x00", b"MM\x00*"),
}
SUPPORTED_SUFFIXES = (".pdf", ".docx", *IMAGE_MAGIC)
MAX_FILE_BYTES = 200 * 1024 * 1024
# A complete PDF ends with "startxref <offset> %%EOF" (PDF 32000 §7.5.5); a little
# padding or junk after it is common, so the end is looked for in this many last bytes.
PDF_TAIL_BYTES = 64 * 1024
_ZIP_MAGIC = b"PK\x03\x04"
# app.core.recordings.MEDIA_SUFFIXES + SUBTITLE_SUFFIXES (not imported: that module loads the model runtime)
RECORDING_SUFFIXES = (".mp4", ".mkv", ".mp3", ".m4a", ".wav", ".srt", ".vtt")


def check_file(path: Path) -> None:
    size = _regular_file_size(path)
    suffix = path.suffix.lower()
    if suffix in RECORDING_SUFFIXES:  # a recording is attached to a meeting, not imported as one
        raise UserError("import_is_recording", path=str(path))
    if suffix not in SUPPORTED_SUFFIXES:
        raise UserError("file_unsupported", path=str(path))
    if size == 0:
        raise UserError("file_empty", path=str(path))
    if size > MAX_FILE_BYTES:
        raise UserError(
            "file_too_large", path=str(path), size_mb=size // 2**20, limit_mb=MAX_FILE_BYTES // 2**20
        )
    try:
        if suffix == ".pdf":
            _check_pdf(path, size)
        elif suffix in IMAGE_MAGIC:
            _check_image(path, IMAGE_MAGIC[suffix])
        else:
            _check_docx(path)
    except OSError as exc:
        raise unreadable(path, exc) from exc


def _regular_file_size(path: Path) -> int:
    """The size of a plain file; a clear refusal for anything else. Never opens it: opening a FIFO
    would wait for a writer forever."""
    try:
        info = path.stat()
    except OSError as exc:
        raise unreadable(path, exc) from exc
    if not stat.S_ISREG(info.st_mode):
        raise UserError("file_not_regular", path=str(path))
    return info.st_size


def unreadable(path: Path, error: OSError) -> UserError:
    """The user's message for an OSError on a file to import."""
    if error.errno == errno.ELOOP:
        return UserError("file_symlink_loop", path=str(path))
    if error.errno in (errno.EACCES, errno.EPERM):
        return UserError("file_unreadable", path=str(path))
    if error.errno in (errno.ENOENT, errno.ENOTDIR):
        return UserError("file_missing", path=str(path))
    return UserError("file_read_failed", path=str(path), detail=error.strerror or type(error).__name__)


def _check_pdf(path: Path, size: int) -> None:
    with path.open("rb") as handle:
        head = handle.read(1024)
        if b"%PDF-" not in head:
            raise UserError("file_not_pdf", path=str(path))
        handle.seek(max(0, size - PDF_TAIL_BYTES))
        tail = handle.read()
    # A download that broke off: pypdf would "repair" it and silently import the
    # pages that happened to arrive, so the user would never know the rest is missing.
    if b"%%EOF" not in tail and b"startxref" not in tail:
        raise UserError("pdf_truncated", path=str(path))


def _check_image(path: Path, magics: tuple[bytes, ...]) -> None:
    with path.open("rb") as handle:
        head = handle.read(8)
    if not head.startswith(magics):
        raise UserError("file_not_image", path=str(path))


def _check_docx(path: Path) -> None:
    """A DOCX is a zip archive; its contents are checked in the child (extract.check_docx_package)."""
    with path.open("rb") as handle:
        if handle.read(4) != _ZIP_MAGIC:
            raise UserError("file_not_docx", path=str(path))


def collect_files(paths: list[Path]) -> list[Path]:
    """Expand folders (one level of meeting pack, recursively) into supported files, sorted."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            # Not only plain files: a FIFO or a broken link with a pack file's name is skipped with a note.
            found = sorted(
                p for p in path.rglob("*") if p.suffix.lower() in SUPPORTED_SUFFIXES and not p.is_dir()
            )
            if not found:
                raise UserError("no_files", path=str(path))
            files.extend(found)
        else:
            files.append(path)
    return files

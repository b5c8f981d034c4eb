"""Cheap checks before any parser sees a file: exists, not empty, type matches content."""

from __future__ import annotations

import zipfile
from pathlib import Path

from app.core.messages import UserError

SUPPORTED_SUFFIXES = (".pdf", ".docx")
MAX_FILE_BYTES = 200 * 1024 * 1024
# A DOCX that unpacks to more than this is treated as a zip bomb.
MAX_DOCX_UNPACKED_BYTES = 300 * 1024 * 1024


def check_file(path: Path) -> None:
    if not path.is_file():
        raise UserError("file_missing", path=str(path))
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UserError("file_unsupported", path=str(path))
    size = path.stat().st_size
    if size == 0:
        raise UserError("file_empty", path=str(path))
    if size > MAX_FILE_BYTES:
        raise UserError(
            "file_too_large", path=str(path), size_mb=size // 2**20, limit_mb=MAX_FILE_BYTES // 2**20
        )
    if suffix == ".pdf":
        _check_pdf(path)
    else:
        _check_docx(path)


def _check_pdf(path: Path) -> None:
    with path.open("rb") as handle:
        head = handle.read(1024)
    if b"%PDF-" not in head:
        raise UserError("file_not_pdf", path=str(path))


def _check_docx(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise UserError("file_not_docx", path=str(path)) from exc
    if "word/document.xml" not in names:
        raise UserError("file_not_docx", path=str(path))
    if unpacked > MAX_DOCX_UNPACKED_BYTES:
        raise UserError("file_damaged", path=str(path))


def collect_files(paths: list[Path]) -> list[Path]:
    """Expand folders (one level of meeting pack, recursively) into supported files, sorted."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
            )
            if not found:
                raise UserError("no_files", path=str(path))
            files.extend(found)
        else:
            files.append(path)
    return files

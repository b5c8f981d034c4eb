"""Text extraction per page. Runs inside the isolated child process (see isolation.py).

DOCX has no fixed pages, so we use *pseudo-pages*: an explicit page break, a
paragraph with "page break before" or a section break starts a new page. A
document without any such break is cut into pseudo-pages of about
DOCX_PSEUDO_PAGE_CHARS characters at paragraph boundaries, roughly one printed page.
"""

from __future__ import annotations

import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

from app.core.messages import UserError

DOCX_PSEUDO_PAGE_CHARS = 3500
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass(frozen=True)
class Page:
    number: int  # 1-based
    text: str


def extract_pages(path: str) -> list[Page]:
    suffix = Path(path).suffix.lower()
    if suffix == ".pdf":
        return extract_pdf(path)
    if suffix == ".docx":
        return extract_docx(path)
    raise UserError("file_unsupported", path=path)


def extract_pdf(path: str) -> list[Page]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not _opens_without_password(reader):
            raise UserError("pdf_encrypted", path=path)
        return [Page(i + 1, _clean(page.extract_text() or "")) for i, page in enumerate(reader.pages)]
    except UserError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        raise UserError("file_damaged", path=path) from exc


def _opens_without_password(reader: object) -> bool:
    """PDFs with only an owner password (print/copy restrictions) open with an empty user password."""
    try:
        return bool(reader.decrypt(""))  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - any failure means we cannot open it
        return False


def extract_docx(path: str) -> list[Page]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(path)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UserError("file_damaged", path=path) from exc
    pages: list[list[str]] = [[]]
    found_break = False
    for block in document.element.body.iterchildren():
        if block.tag == f"{_W}p":
            if _has_page_break_before(block) and pages[-1]:
                pages.append([])
                found_break = True
            for part in _paragraph_parts(block):
                if part is None:
                    pages.append([])
                    found_break = True
                elif part:
                    pages[-1].append(part)
            if block.find(f"{_W}pPr/{_W}sectPr") is not None:
                pages.append([])
                found_break = True
        elif block.tag == f"{_W}tbl":
            pages[-1].extend(_table_rows(block))
    texts = ["\n".join(lines) for lines in pages]
    if not found_break:
        texts = _pseudo_pages("\n".join(texts).split("\n"))
    texts = [t for t in texts if t.strip()] or [""]
    return [Page(i + 1, _clean(t)) for i, t in enumerate(texts)]


def _has_page_break_before(paragraph: object) -> bool:
    flag = paragraph.find(f"{_W}pPr/{_W}pageBreakBefore")  # type: ignore[attr-defined]
    return flag is not None and flag.get(f"{_W}val", "true") not in ("0", "false")


def _paragraph_parts(paragraph: object) -> list[str | None]:
    """Text of a paragraph split at hard page breaks (None marks a break)."""
    parts: list[str | None] = []
    current: list[str] = []
    for node in paragraph.iter(f"{_W}t", f"{_W}br", f"{_W}tab"):  # type: ignore[attr-defined]
        if node.tag == f"{_W}t":
            current.append(node.text or "")
        elif node.tag == f"{_W}tab":
            current.append("\t")
        elif node.get(f"{_W}type") == "page":
            parts.extend(["".join(current), None])
            current = []
        else:
            current.append("\n")
    parts.append("".join(current))
    return parts


def _table_rows(table: object) -> list[str]:
    rows = []
    for row in table.iter(f"{_W}tr"):  # type: ignore[attr-defined]
        cells = ["".join(t.text or "" for t in cell.iter(f"{_W}t")) for cell in row.iter(f"{_W}tc")]
        rows.append(" | ".join(c for c in cells if c))
    return rows


def _pseudo_pages(lines: list[str]) -> list[str]:
    pages: list[str] = []
    current: list[str] = []
    size = 0
    for line in lines:
        if size + len(line) > DOCX_PSEUDO_PAGE_CHARS and current:
            pages.append("\n".join(current))
            current, size = [], 0
        current.append(line)
        size += len(line) + 1
    pages.append("\n".join(current))
    return pages


def _clean(text: str) -> str:
    # NFKC folds PDF ligatures (ﬁ -> fi) and combining accents; control characters
    # break FTS5 and the prompt, so only newlines and tabs survive.
    text = unicodedata.normalize("NFKC", text)
    cleaned = "".join(ch for ch in text if ch in "\n\t" or ch >= " ")
    return "\n".join(line.rstrip() for line in cleaned.splitlines()).strip()

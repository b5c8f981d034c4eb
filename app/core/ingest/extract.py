"""Text extraction per page. Runs inside the isolated child process (see isolation.py).

DOCX has no fixed pages, so we use *pseudo-pages*: an explicit page break, a
paragraph with "page break before" or a section break starts a new page. A
document without any such break is cut into pseudo-pages of about
DOCX_PSEUDO_PAGE_CHARS characters at paragraph boundaries, roughly one printed page.

The files are untrusted, so every failure of a parser (pypdf, zipfile, lxml,
python-docx) on them, whatever its exception type (RecursionError on deeply
nested objects included), ends as a UserError with a message for the user.
A page without any extractable text (a scan) is returned with ``text == ""``:
the caller decides whether that needs OCR.
"""

from __future__ import annotations

import codecs
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path

from app.core.messages import UserError

DOCX_PSEUDO_PAGE_CHARS = 3500
# More pages than any meeting pack has; refused before any text is extracted.
MAX_PAGES = 5000
# A DOCX that unpacks to more than this is treated as a zip bomb ...
MAX_DOCX_UNPACKED_BYTES = 300 * 1024 * 1024
# ... and so is one XML part larger than this (lxml would need ~10x that in memory).
MAX_DOCX_XML_BYTES = 100 * 1024 * 1024
MAX_DOCX_PARTS = 10_000
_XML_SCAN_BLOCK = 1 << 20
# Word never writes a DTD; one in an XML part can only be an entity bomb or an XXE attempt.
_FORBIDDEN_XML = ("<!DOCTYPE", "<!ENTITY")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass(frozen=True)
class Page:
    number: int  # 1-based
    text: str  # "" when the page has no extractable text (a scanned page)


def extract_pages(path: str) -> list[Page]:
    suffix = Path(path).suffix.lower()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pypdf warns on every repairable flaw of a broken file
        if suffix == ".pdf":
            return extract_pdf(path)
        if suffix == ".docx":
            return extract_docx(path)
    raise UserError("file_unsupported", path=path)



def _too_many_pages(path: str, count: int) -> UserError:
    return UserError("too_many_pages", path=path, pages=count, limit=MAX_PAGES)


def extract_pdf(path: str) -> list[Page]:
    from pypdf import PdfReader

    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not _opens_without_password(reader):
            raise UserError("pdf_encrypted", path=path)
        declared = reader.root_object["/Pages"].get("/Count")  # cheap: the page tree is not walked yet
        if isinstance(declared, int) and declared > MAX_PAGES:
            raise _too_many_pages(path, declared)
        count = len(reader.pages)  # walks the page tree: /Count may lie
        if count > MAX_PAGES:
            raise _too_many_pages(path, count)
        return [Page(i + 1, _clean(reader.pages[i].extract_text() or "")) for i in range(count)]
    except UserError:
        raise
    except Exception as exc:  # noqa: BLE001 - any parser failure on an untrusted file means "damaged"
        raise UserError("file_damaged", path=path) from exc


def _opens_without_password(reader: object) -> bool:
    """PDFs with only an owner password (print/copy restrictions) open with an empty user password."""
    try:
        return bool(reader.decrypt(""))  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - any failure means we cannot open it
        return False


def check_docx_package(path: str) -> None:
    """Zip-bomb and XML checks on a DOCX before python-docx (lxml) parses any part of it.

    zipfile never inflates a member beyond its declared size (a lying size fails the
    CRC check), so the declared sizes bound what any later step can unpack.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
            if len(parts) > MAX_DOCX_PARTS:
                raise UserError("file_damaged", path=path)
            if "word/document.xml" not in {part.filename for part in parts}:
                raise UserError("file_not_docx", path=path)
            unpacked = sum(part.file_size for part in parts)
            if unpacked > MAX_DOCX_UNPACKED_BYTES:
                raise _docx_too_large(path, unpacked, MAX_DOCX_UNPACKED_BYTES)
            largest_xml = max((p.file_size for p in parts if _is_xml_part(p.filename)), default=0)
            if largest_xml > MAX_DOCX_XML_BYTES:
                raise _docx_too_large(path, largest_xml, MAX_DOCX_XML_BYTES)
            for part in parts:
                if _is_xml_part(part.filename) and _declares_dtd(archive, part):
                    raise UserError("docx_unsafe_xml", path=path)
    except UserError:
        raise
    except Exception as exc:  # noqa: BLE001 - any failure on an untrusted archive means "damaged"
        raise UserError("file_damaged", path=path) from exc


def _docx_too_large(path: str, size: int, limit: int) -> UserError:
    return UserError("docx_too_large", path=path, size_mb=size // 2**20, limit_mb=limit // 2**20)


def _is_xml_part(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels"))


def _declares_dtd(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> bool:
    """Stream one XML part (bounded by its declared size) looking for a DOCTYPE or ENTITY declaration."""
    with archive.open(part) as stream:
        first = stream.read(_XML_SCAN_BLOCK)
        decoder = codecs.getincrementaldecoder(_xml_encoding(first))(errors="replace")
        keep = max(len(word) for word in _FORBIDDEN_XML) - 1
        carry = ""
        block = first
        while block:
            text = carry + decoder.decode(block)
            upper = text.upper()
            if any(word in upper for word in _FORBIDDEN_XML):
                return True
            carry = text[-keep:]
            block = stream.read(_XML_SCAN_BLOCK)
    return False


def _xml_encoding(start: bytes) -> str:
    """The encoding of an XML part from its first bytes (XML 1.0 appendix F); UTF-8 by default."""
    if start.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if start[:4] in (b"<\0\0\0", b"\0\0\0<"):
        return "utf-32-le" if start[0] else "utf-32-be"
    if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if start[:2] in (b"<\0", b"\0<"):
        return "utf-16-le" if start[0] else "utf-16-be"
    return "utf-8"


def extract_docx(path: str) -> list[Page]:
    check_docx_package(path)
    try:
        return _docx_pages(path)
    except UserError:
        raise
    except Exception as exc:  # noqa: BLE001 - lxml/python-docx failures on an untrusted file mean "damaged"
        raise UserError("file_damaged", path=path) from exc


def _docx_pages(path: str) -> list[Page]:
    import docx

    document = docx.Document(path)
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
    if len(texts) > MAX_PAGES:
        raise _too_many_pages(path, len(texts))
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

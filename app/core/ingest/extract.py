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
import html
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.core.messages import UserError

if TYPE_CHECKING:
    from app.core.ingest.ocr import OcrPage

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
    ocr: OcrPage | None = None  # set when the text was read by OCR (ingest/ocr.py)
    unread: bool = False  # needed OCR, but Tesseract with Danish is not installed
    title: str | None = None  # page 1 only: the file's own title (PDF /Title, DOCX core property)


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
        pages = [Page(i + 1, _clean(reader.pages[i].extract_text() or "")) for i in range(count)]
        return _titled(pages, _pdf_title(reader))
    except UserError:
        raise
    except Exception as exc:  # noqa: BLE001 - any parser failure on an untrusted file means "damaged"
        raise UserError("file_damaged", path=path) from exc


def _pdf_title(reader: Any) -> str | None:
    try:
        title = (reader.metadata or {}).get("/Title")
    except Exception:  # noqa: BLE001 - a damaged info dictionary: the file is still read, without a title
        return None
    return str(title) if isinstance(title, str) else None


def _titled(pages: list[Page], title: str | None) -> list[Page]:
    """The file's own title travels on its first page (app.core.titles decides whether it is usable)."""
    return [replace(pages[0], title=title), *pages[1:]] if pages and title else pages


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


def docx_page_html(content: bytes) -> list[str]:
    """The reader's view of a DOCX: per page (the same pages as extract_docx), its text as HTML with
    the headings, bold/italic/underline, lists and tables of the original. Only escaped text and
    plain tags: nothing in the file can add a link, an image or a style."""
    import io

    import docx

    return [_page_html(lines) for lines in _docx_layout(docx.Document(io.BytesIO(content)))]


def _docx_pages(path: str) -> list[Page]:
    import docx

    document = docx.Document(path)
    pages = _docx_layout(document)
    if len(pages) > MAX_PAGES:
        raise _too_many_pages(path, len(pages))
    if not any(line.text.strip() for lines in pages for line in lines) and _has_alt_chunks(document):
        raise UserError("docx_embedded_only", path=path)  # not a scan: OCR would not help
    texts = [Page(i + 1, _clean("\n".join(line.text for line in lines))) for i, lines in enumerate(pages)]
    return _titled(texts, document.core_properties.title or None)


@dataclass(frozen=True)
class _Line:
    """One line of a DOCX, as text and as HTML. `block` is what it belongs to: "p", "h1"-"h4" or
    "li" (by paragraph style), or "tr<n>" for a row of the document's n-th table."""

    text: str
    html: str
    block: str


def _docx_layout(document: Any) -> list[list[_Line]]:
    """The document's pages, each a list of lines: split at the explicit breaks, else pseudo-pages."""
    styles = {style.style_id: (style.name or "").casefold() for style in document.styles}
    pages: list[list[_Line]] = [[]]
    found_break = False
    for number, block in enumerate(document.element.body.iterchildren()):
        if block.tag == f"{_W}p":
            if _has_page_break_before(block) and pages[-1]:
                pages.append([])
                found_break = True
            kind = _paragraph_kind(block, styles)
            for part in _paragraph_parts(block):
                if part is None:
                    pages.append([])
                    found_break = True
                elif [text for text, _html in part] != [""]:  # an empty paragraph adds nothing
                    pages[-1].extend(_Line(text, html, kind) for text, html in part)
            if block.find(f"{_W}pPr/{_W}sectPr") is not None:
                pages.append([])
                found_break = True
        elif block.tag == f"{_W}tbl":
            pages[-1].extend(_table_rows(block, f"tr{number}"))
        elif block.tag == f"{_W}altChunk":
            pages[-1].extend(_alt_chunk_lines(document, block))
    if not found_break:
        pages = _pseudo_pages([line for page in pages for line in page])
    kept = [lines for lines in pages if "".join(line.text for line in lines).strip()]
    return kept or [[]]


# --- altChunk: content Word embeds as another format (HTML, text, MHT, RTF, a DOCX) and converts
# only when the document is opened in Word. HTML, text and MHT are read here; the rest is not.

_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_MHT_TYPES = ("message/rfc822", "application/x-mimearchive", "multipart/related")


def _has_alt_chunks(document: Any) -> bool:
    return document.element.body.find(f"{_W}altChunk") is not None


def _alt_chunk_lines(document: Any, chunk: Any) -> list[_Line]:
    part = document.part.related_parts.get(chunk.get(_R_ID))
    if part is None:
        return []
    content_type = part.content_type.split(";")[0].strip().lower()
    text = _alt_chunk_text(content_type, part.blob)
    return [_Line(line, html.escape(line), "p") for line in (_clean(t) for t in text.splitlines()) if line]


def _alt_chunk_text(content_type: str, blob: bytes) -> str:
    if content_type in _HTML_TYPES:
        return _html_text(_decode(blob))
    if content_type == "text/plain":
        return _decode(blob)
    if content_type in _MHT_TYPES:
        return _mht_text(blob)
    return ""  # RTF, an embedded DOCX and the like: not read


def _decode(blob: bytes, charset: str | None = None) -> str:
    for encoding in (charset, "utf-8-sig", "cp1252"):
        if encoding:
            try:
                return blob.decode(encoding)
            except (LookupError, UnicodeDecodeError):
                continue
    return blob.decode("utf-8", errors="replace")


def _mht_text(blob: bytes) -> str:
    import email

    message = email.message_from_bytes(blob)
    for wanted in _HTML_TYPES + ("text/plain",):
        for part in message.walk():
            if part.get_content_type() == wanted:
                payload = part.get_payload(decode=True)
                if isinstance(payload, bytes):
                    text = _decode(payload, part.get_content_charset())
                    return _html_text(text) if wanted in _HTML_TYPES else text
    return ""


def _html_text(markup: str) -> str:
    """The text of an HTML page, a line per block; scripts and styles left out. No network, no entities
    beyond HTML's own."""
    from html.parser import HTMLParser

    blocks = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "title"}

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []
            self.skipping = 0

        def handle_starttag(self, tag: str, _attrs: object) -> None:
            if tag in ("script", "style"):
                self.skipping += 1
            elif tag in blocks:
                self.parts.append("\n")
            elif tag in ("td", "th"):
                self.parts.append(" | ")

        def handle_endtag(self, tag: str) -> None:
            if tag in ("script", "style"):
                self.skipping = max(0, self.skipping - 1)
            elif tag in blocks:
                self.parts.append("\n")

        def handle_data(self, data: str) -> None:
            if not self.skipping:
                self.parts.append(" ".join(data.split()) if data.strip() else " ")

    parser = Text()
    parser.feed(markup)
    parser.close()
    return "\n".join(" ".join(line.split()).strip(" |") for line in "".join(parser.parts).split("\n"))


def _has_page_break_before(paragraph: Any) -> bool:
    flag = paragraph.find(f"{_W}pPr/{_W}pageBreakBefore")
    return flag is not None and _on(flag)


def _on(toggle: Any) -> bool:
    """A Word on/off property (<w:b/>, <w:b w:val="false"/>) that is present."""
    return toggle.get(f"{_W}val", "true") not in ("0", "false", "none")


def _paragraph_kind(paragraph: Any, styles: dict[str, str]) -> str:
    style = paragraph.find(f"{_W}pPr/{_W}pStyle")
    name = styles.get(style.get(f"{_W}val"), "") if style is not None else ""
    if name == "title":
        return "h1"
    if name.startswith("heading "):
        level = name.removeprefix("heading ").strip()
        return {"1": "h2", "2": "h3"}.get(level, "h4")
    if paragraph.find(f"{_W}pPr/{_W}numPr") is not None or name.startswith("list"):
        return "li"
    return "p"


def _paragraph_parts(paragraph: Any) -> list[list[tuple[str, str]] | None]:
    """The paragraph split at hard page breaks (None marks a break); each part is its lines (split at
    soft line breaks) as (text, html)."""
    parts: list[list[tuple[str, str]] | None] = []
    lines: list[list[tuple[str, str]]] = [[]]
    for node in paragraph.iter(f"{_W}t", f"{_W}br", f"{_W}tab"):
        if node.tag == f"{_W}t":
            lines[-1].append((node.text or "", _styled(node.text or "", node.getparent())))
        elif node.tag == f"{_W}tab":
            lines[-1].append(("\t", "&emsp;"))
        elif node.get(f"{_W}type") == "page":
            parts.extend([_joined(lines), None])
            lines = [[]]
        else:
            lines.append([])
    parts.append(_joined(lines))
    return parts


def _joined(lines: list[list[tuple[str, str]]]) -> list[tuple[str, str]]:
    return [("".join(text for text, _html in pieces), "".join(html for _text, html in pieces)) for pieces in lines]


def _styled(text: str, run: Any) -> str:
    """Escaped text in the run's bold/italic/underline."""
    marked = html.escape(_inline(text))
    properties = run.find(f"{_W}rPr") if run is not None and run.tag == f"{_W}r" else None
    if properties is None:
        return marked
    for tag, toggle in (("b", "b"), ("i", "i"), ("u", "u")):
        flag = properties.find(f"{_W}{toggle}")
        if flag is not None and _on(flag):
            marked = f"<{tag}>{marked}</{tag}>"
    return marked


def _table_rows(table: Any, block: str) -> list[_Line]:
    rows = []
    for row in table.iter(f"{_W}tr"):
        cells = ["".join(t.text or "" for t in cell.iter(f"{_W}t")) for cell in row.iter(f"{_W}tc")]
        cells_html = "".join(f"<td>{html.escape(_inline(cell))}</td>" for cell in cells)
        rows.append(_Line(" | ".join(c for c in cells if c), f"<tr>{cells_html}</tr>", block))
    return rows


def _pseudo_pages(lines: list[_Line]) -> list[list[_Line]]:
    pages: list[list[_Line]] = []
    current: list[_Line] = []
    size = 0
    for line in lines:
        if size + len(line.text) > DOCX_PSEUDO_PAGE_CHARS and current:
            pages.append(current)
            current, size = [], 0
        current.append(line)
        size += len(line.text) + 1
    pages.append(current)
    return pages


def _page_html(lines: list[_Line]) -> str:
    """A page's lines as HTML: table rows of one table in one <table>, list items in one <ul>."""
    out: list[str] = []
    group = ""  # the open <table> ("tr<n>") or <ul> ("li"), if any
    for line in lines:
        wanted = line.block if line.block.startswith("tr") or line.block == "li" else ""
        if wanted != group:
            out.append({"": "", "li": "</ul>"}.get(group, "</table>"))
            out.append({"": "", "li": "<ul>"}.get(wanted, '<table border="1" cellspacing="0" cellpadding="4">'))
            group = wanted
        if group.startswith("tr"):
            out.append(line.html)
        elif line.text.strip():
            tag = "li" if group == "li" else line.block
            out.append(f"<{tag}>{line.html}</{tag}>")
    out.append({"": "", "li": "</ul>"}.get(group, "</table>"))
    return "".join(out)


def _inline(text: str) -> str:
    """What _clean keeps of a piece of a line: NFKC, no control characters."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if ch == "\t" or ch >= " ")


def _clean(text: str) -> str:
    # NFKC folds PDF ligatures (ﬁ -> fi) and combining accents; control characters
    # break FTS5 and the prompt, so only newlines and tabs survive.
    text = unicodedata.normalize("NFKC", text)
    cleaned = "".join(ch for ch in text if ch in "\n\t" or ch >= " ")
    return "\n".join(line.rstrip() for line in cleaned.splitlines()).strip()

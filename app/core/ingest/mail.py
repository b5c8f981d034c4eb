"""E-mails (.eml, Outlook's .msg) as documents of a meeting, their attachments as its bilag.

Runs inside the isolated parser child (isolation.py). This module owns:
- reading the message: .eml with the standard library's parser (policy.default: headers decoded,
  encoded words included); .msg with extract-msg (an OLE file, read offline);
- the e-mail as sections: a header section (Fra, Til, Cc, Dato, Emne) and the body (the plain text,
  or the HTML body read like a web page), cut at about web.SECTION_CHARS;
- its attachments: PDF, DOCX and scanned images are read here, in the same child, from memory
  (never written to disk: they are meeting material), and come back as bilag with their pages;
  anything else (zip files, programs, calendar invitations) is listed as not imported, with the reason;
- limits against hostile messages: MIME nesting depth, number of parts, attachment sizes; names and
  header values lose control and bidirectional-override characters (encoded-word tricks).

Names and addresses are meeting material: they go into the encrypted store with the text and are
never logged.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from app.core.ingest.extract import Page
from app.core.ingest.web import (SECTION_CHARS, WEB_SUFFIXES, Block, WebDocument, WebSection, decode_html,
                                 page_document, quiet_parsers, read_web_page, section_html)  # fmt: skip
from app.core.messages import UserError

MAIL_SUFFIXES = (".eml", ".msg")
# A web page saved as one file ("Webside, én fil"): MIME multipart/related, the page and its resources.
MHTML_SUFFIXES = (".mht", ".mhtml")
ATTACHMENT_SUFFIXES = (".pdf", ".docx", ".png", ".jpg", ".jpeg", ".tif", ".tiff")
MAX_MIME_PARTS = 500
MAX_MIME_DEPTH = 20
MAX_ATTACHMENTS = 100
MAX_ATTACHMENT_BYTES = 100 * 1024 * 1024
MAX_NAME_CHARS = 120
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# What the header section shows, in this order (the e-mail's own header names, then the Danish label).
_HEADER_FIELDS = (("from", "Fra"), ("to", "Til"), ("cc", "Cc"), ("date", "Dato"), ("subject", "Emne"))


@dataclass
class MailAttachment:
    """An attachment as read in the child: its pages, or why it was not imported."""

    name: str
    content: bytes
    pages: list[Page] = field(default_factory=list)
    error: tuple[str, dict[str, Any]] | None = None  # a UserError's key and parameters


def read_web_or_mail(path: str) -> WebDocument:
    """The child's entry for the section-based formats: a web page or an e-mail."""
    quiet_parsers()
    suffix = Path(path).suffix.lower()
    if suffix in WEB_SUFFIXES:
        return read_web_page(path)
    if suffix == ".msg":
        return read_msg(path)
    if suffix in MHTML_SUFFIXES:
        with open(path, "rb") as handle:
            return mhtml_document(handle.read(MAX_ATTACHMENT_BYTES + 1), path)
    return read_eml(path)


def mhtml_document(content: bytes, path: str = "") -> WebDocument:
    """A page saved as one MHTML file: its HTML part read like a saved page. Its images, scripts and
    styles are parts beside it, never loaded; only the page's text is read."""
    from email import policy
    from email.parser import BytesParser

    if len(content) > MAX_ATTACHMENT_BYTES:
        raise UserError("html_too_large", path=path, limit_mb=MAX_ATTACHMENT_BYTES // 2**20)
    try:
        message = BytesParser(policy=policy.default).parsebytes(content)
        _check_shape(message, path)
        page = next((part for part in message.walk() if part.get_content_type() == "text/html"), None)
        if page is None:
            raise UserError("file_not_html", path=path)
        payload = page.get_payload(decode=True)
        markup = decode_html(payload) if isinstance(payload, bytes) else ""
        return page_document(markup, path)
    except UserError:
        raise
    except Exception as exc:  # noqa: BLE001 - any parser failure on an untrusted file means "damaged"
        raise UserError("file_damaged", path=path) from exc


# --- .eml -------------------------------------------------------------------------------------


def read_eml(path: str) -> WebDocument:
    from email import policy
    from email.parser import BytesParser

    with open(path, "rb") as handle:
        raw = handle.read()
    try:
        message = BytesParser(policy=policy.default).parsebytes(raw)
        _check_shape(message, path)
        fields = {key: _header(message, key) for key, _label in _HEADER_FIELDS}
        body = _eml_body(message)
        attachments = _eml_attachments(message, path)
    except UserError:
        raise
    except (RecursionError, MemoryError) as exc:
        raise UserError("mail_damaged", path=path) from exc
    except Exception as exc:  # noqa: BLE001 - the parser failing on an untrusted message means "damaged"
        raise UserError("mail_damaged", path=path) from exc
    if not any(fields.values()):
        raise UserError("mail_not_mail", path=path)
    return mail_document(fields, body, attachments)


def _check_shape(message: EmailMessage, path: str) -> None:
    """Refuse MIME nested deeper, or with more parts, than any real e-mail (a parser bomb)."""
    parts = 0
    stack: list[tuple[Any, int]] = [(message, 0)]
    while stack:
        part, depth = stack.pop()
        parts += 1
        if depth > MAX_MIME_DEPTH or parts > MAX_MIME_PARTS:
            raise UserError("mail_too_complex", path=path)
        payload = part.get_payload()
        if isinstance(payload, list):
            stack.extend((child, depth + 1) for child in payload if isinstance(child, EmailMessage))


def _header(message: EmailMessage, key: str) -> str:
    try:
        value = message.get(key)
    except Exception:  # noqa: BLE001 - a header the parser cannot decode is left out
        return ""
    return clean_line(str(value)) if value is not None else ""


def _eml_body(message: EmailMessage) -> list[WebSection]:
    """The body as sections: the plain text, or the HTML read like a web page (no images, no links
    followed). A body part the parser cannot decode counts as empty."""
    try:
        part = message.get_body(preferencelist=("plain", "html"))
    except Exception:  # noqa: BLE001 - malformed MIME: no body
        return []
    if part is None:
        return []
    try:
        content = part.get_content()
    except Exception:  # noqa: BLE001 - an unknown charset or a broken transfer encoding
        payload = part.get_payload(decode=True)
        content = decode_html(payload) if isinstance(payload, bytes) else ""
    if not isinstance(content, str):
        return []
    if part.get_content_type() == "text/html":
        return _html_sections(content)
    return text_sections(content)


def _html_sections(markup: str) -> list[WebSection]:
    try:
        return page_document(markup).sections
    except UserError:
        return []


def _eml_attachments(message: EmailMessage, path: str) -> list[MailAttachment]:
    found: list[MailAttachment] = []
    try:
        body = message.get_body(preferencelist=("plain", "html"))
    except Exception:  # noqa: BLE001 - malformed MIME: every named part is an attachment
        body = None
    for part in message.walk():
        if part is message or part is body or part.is_multipart() or not _is_attachment(part):
            continue
        if len(found) >= MAX_ATTACHMENTS:
            raise UserError("mail_too_complex", path=path)
        name = safe_name(part.get_filename() or "", part.get_content_type())
        try:
            content = part.get_payload(decode=True) or b""
        except Exception:  # noqa: BLE001 - a broken transfer encoding: the attachment is unreadable
            content = b""
        if part.get_content_type() == "message/rfc822":
            content = part.as_bytes() if not content else content
        found.append(read_attachment(name, content))
    return found


def _is_attachment(part: EmailMessage) -> bool:
    """A part besides the body: named, or marked as an attachment, or not text."""
    if part.get_content_disposition() == "attachment" or part.get_filename():
        return True
    return part.get_content_maintype() not in ("text", "multipart")


# --- .msg -------------------------------------------------------------------------------------


def read_msg(path: str) -> WebDocument:
    with open(path, "rb") as handle:
        if handle.read(8) != _OLE_MAGIC:
            raise UserError("mail_not_msg", path=path)
    extract_msg = _msg_library(path)
    try:
        message = extract_msg.openMsg(path, delayAttachments=False)
        try:
            fields = {"from": _text(message.sender), "to": _text(message.to), "cc": _text(message.cc),
                      "date": _text(message.date), "subject": _text(message.subject)}  # fmt: skip
            body = text_sections(message.body) if message.body else _html_sections(_html_body(message))
            attachments = [_msg_attachment(attachment) for attachment in message.attachments[: MAX_ATTACHMENTS + 1]]
        finally:
            message.close()
    except UserError:
        raise
    except Exception as exc:  # noqa: BLE001 - extract-msg failing on an untrusted file means "damaged"
        raise UserError("mail_damaged", path=path) from exc
    if len(attachments) > MAX_ATTACHMENTS:
        raise UserError("mail_too_complex", path=path)
    return mail_document(fields, body, attachments)


def _msg_library(path: str) -> Any:
    """extract-msg, an optional extra ("outlook": its licence is GPL-3.0); a clear message without it."""
    try:
        import extract_msg
    except ImportError as exc:
        raise UserError("msg_reader_missing", path=path) from exc
    return extract_msg


def _text(value: object) -> str:
    return clean_line(str(value)) if value else ""


def _html_body(message: Any) -> str:
    raw = message.htmlBody
    return decode_html(raw) if isinstance(raw, bytes) else raw or ""


def _msg_attachment(attachment: Any) -> MailAttachment:
    name = safe_name(attachment.longFilename or attachment.shortFilename or "", "")
    data = attachment.data
    if not isinstance(data, bytes):  # an embedded Outlook item, not a file
        return MailAttachment(name or "vedhæftet element", b"", error=("mail_attachment_unsupported", {"name": name}))
    return read_attachment(name, data)


# --- shared -----------------------------------------------------------------------------------


def mail_document(fields: dict[str, str], body: list[WebSection], attachments: list[MailAttachment]) -> WebDocument:
    """The e-mail as a WebDocument: its header section first, then its body."""
    lines = [f"{label}: {fields[key]}" for key, label in _HEADER_FIELDS if fields.get(key)]
    blocks = [Block("heading", "E-mail", 2, "h2")] + [Block("text", line) for line in lines]
    header = WebSection("E-mail", "\n".join(["E-mail", *lines]), section_html(blocks))
    subject = fields.get("subject") or "E-mail"
    return WebDocument(subject, "\n".join(lines), [header, *body], kind="mail", attachments=attachments,
                       date=_iso_date(fields.get("date", "")))  # fmt: skip


def _iso_date(value: str) -> str | None:
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        try:  # extract-msg gives "2025-10-01 09:30:00+02:00"
            from datetime import datetime

            return datetime.fromisoformat(value).date().isoformat()
        except ValueError:
            return None


def text_sections(text: str, label: str = "Tekst") -> list[WebSection]:
    """A plain body cut at paragraphs into sections of about SECTION_CHARS."""
    paragraphs = [clean_text(p) for p in text.replace("\r\n", "\n").split("\n\n")]
    parts: list[list[str]] = [[]]
    size = 0
    for paragraph in (p for p in paragraphs if p.strip()):
        if size + len(paragraph) > SECTION_CHARS and parts[-1]:
            parts.append([])
            size = 0
        parts[-1].append(paragraph)
        size += len(paragraph) + 2
    sections = []
    for number, part in enumerate(p for p in parts if p):
        name = label if len(parts) == 1 else f"{label} ({number + 1})"
        blocks = [Block("text", line) for paragraph in part for line in paragraph.splitlines() if line.strip()]
        sections.append(WebSection(name, "\n".join(part), section_html(blocks)))
    return sections


def read_attachment(name: str, content: bytes) -> MailAttachment:
    """An attachment's pages, read from memory (a memfd: nothing on disk); or why it is not imported."""
    suffix = Path(name).suffix.lower()
    if suffix not in ATTACHMENT_SUFFIXES:
        return MailAttachment(name, b"", error=("mail_attachment_unsupported", {"name": name}))
    if len(content) > MAX_ATTACHMENT_BYTES:
        return MailAttachment(name, b"", error=("mail_attachment_too_large", {"name": name,
                              "limit_mb": MAX_ATTACHMENT_BYTES // 2**20}))  # fmt: skip
    if not content:
        return MailAttachment(name, b"", error=("file_empty", {"path": name}))
    if not hasattr(os, "memfd_create"):
        return MailAttachment(name, b"", error=("mail_attachment_unsupported", {"name": name}))
    from app.core.ingest.ocr import extract_with_ocr

    descriptor = os.memfd_create("bilag", os.MFD_CLOEXEC)
    try:
        os.write(descriptor, content)
        try:
            pages = extract_with_ocr(f"/proc/self/fd/{descriptor}", suffix=suffix)
        except UserError as exc:
            params = {**exc.params, "path": name} if "path" in exc.params else exc.params
            return MailAttachment(name, b"", error=(exc.key, params))
    finally:
        os.close(descriptor)
    return MailAttachment(name, content, pages)


def safe_name(raw: str, content_type: str) -> str:
    """An attachment's file name as it may be shown and stored: no folders (a "../" trick), no control
    or direction-override characters (an encoded word can hide "fdp.exe" behind "exe.pdf"), bounded."""
    name = clean_line(raw).replace("\\", "/").rsplit("/", 1)[-1].strip(" .")
    if not name:
        name = "vedhæftet fil" + {"application/pdf": ".pdf"}.get(content_type, "")
    stem, suffix = os.path.splitext(name)
    return stem[: MAX_NAME_CHARS - len(suffix)] + suffix


def clean_line(text: str) -> str:
    return " ".join(clean_text(text).split())


def clean_text(text: str) -> str:
    """NFKC; no control characters but newlines and tabs; no format characters (bidi overrides)."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cf", "Cs"))


def view_sections(content: bytes, suffix: str) -> list[WebSection]:
    """An e-mail's header and body sections from its bytes, attachments left unread: the reader's view."""
    if suffix == ".msg":
        message = _msg_library("").openMsg(content, delayAttachments=True)
        try:
            fields = {"from": _text(message.sender), "to": _text(message.to), "cc": _text(message.cc),
                      "date": _text(message.date), "subject": _text(message.subject)}  # fmt: skip
            body = text_sections(message.body) if message.body else _html_sections(_html_body(message))
        finally:
            message.close()
    else:
        from email import policy
        from email.parser import BytesParser

        message = BytesParser(policy=policy.default).parsebytes(content)
        fields = {key: _header(message, key) for key, _label in _HEADER_FIELDS}
        body = _eml_body(message)
    return mail_document(fields, body, []).sections

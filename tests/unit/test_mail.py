"""E-mails (app/core/ingest/mail.py): header and body as sections, attachments read from memory as bilag,
and hostile messages (nested MIME, zip attachments, encoded-word tricks) handled with clear messages."""

from __future__ import annotations

from email.message import EmailMessage

import pytest

from app.core.ingest.mail import read_attachment, read_eml, safe_name, view_sections
from app.core.messages import UserError
from tests.fixtures.malformed import GOOD_TEXT, text_pdf
from tests.fixtures.web_pages import mail_with_attachments


def test_an_email_is_header_body_and_attachments(tmp_path):
    path = tmp_path / "brev.eml"
    path.write_bytes(bytes(mail_with_attachments()))
    document = read_eml(str(path))
    header, *body = document.sections
    assert header.heading == "E-mail"
    assert "Fra: Jens Hansen <jens.hansen@example.dk>" in header.text
    assert "Emne: Høringssvar om vandforsyningen" in header.text and "Dato: Tue, 04 Mar 2025" in header.text
    assert document.title == "Høringssvar om vandforsyningen" and document.date == "2025-03-04"
    assert body and GOOD_TEXT in body[0].text and "tracker.example" not in body[0].text  # the plain part
    pdf, zipped = document.attachments
    assert pdf.name == "Bemærkninger.pdf" and pdf.error is None and GOOD_TEXT in pdf.pages[0].text
    assert zipped.name == "billeder.zip" and zipped.error[0] == "mail_attachment_unsupported" and not zipped.content


def test_the_reader_view_of_an_email_matches_its_stored_sections(tmp_path):
    content = bytes(mail_with_attachments())
    path = tmp_path / "brev.eml"
    path.write_bytes(content)
    stored = read_eml(str(path)).sections
    assert [s.heading for s in view_sections(content, ".eml")] == [s.heading for s in stored]


def test_an_html_only_email_is_read_like_a_web_page_without_its_remote_images(tmp_path):
    message = EmailMessage()
    message["From"] = "a@example.dk"
    message["Subject"] = "Kun HTML"
    message.set_content(f"<html><body><script>x()</script><img src='https://t.example/p.gif'><h2>Svar</h2><p>{GOOD_TEXT}</p>"
                        "</body></html>", subtype="html")  # fmt: skip
    path = tmp_path / "html.eml"
    path.write_bytes(bytes(message))
    document = read_eml(str(path))
    text = "\n".join(s.text for s in document.sections)
    assert GOOD_TEXT in text and "x()" not in text and "t.example" not in text


def test_encoded_word_tricks_in_names_and_subjects_are_neutralised(tmp_path):
    message = EmailMessage()
    message["From"] = "=?utf-8?b?" + __import__("base64").b64encode("Borger\u202e\x1b[31m".encode()).decode() + "?= <b@example.dk>"
    message["Subject"] = "=?utf-8?q?Svar=0D=0AX-Injected:_ja?="
    message.set_content("Tekst")
    message.add_attachment(text_pdf(1), maintype="application", subtype="pdf",
                           filename="../../home/user/.bashrc\u202efdp.exe.pdf")  # fmt: skip
    path = tmp_path / "trick.eml"
    path.write_bytes(bytes(message))
    document = read_eml(str(path))
    header = document.sections[0].text
    assert "\u202e" not in header and "\x1b" not in header and "\r" not in header
    assert header.count("\n") == len(header.splitlines()) - 1  # no injected header lines
    (attachment,) = document.attachments
    assert "/" not in attachment.name and "\u202e" not in attachment.name and attachment.name.endswith(".pdf")


def test_malformed_mime_is_read_as_far_as_it_goes_or_refused_clearly(tmp_path):
    broken = tmp_path / "brudt.eml"
    broken.write_bytes(b'From: a@example.dk\r\nSubject: Brudt\r\nContent-Type: multipart/mixed; boundary="x"\r\n\r\n'
                       b"--x\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!not base64\r\n")  # fmt: skip
    document = read_eml(str(broken))  # no closing boundary, broken base64: the header still reads
    assert "Emne: Brudt" in document.sections[0].text
    nested = tmp_path / "dyb.eml"
    lines = ["From: a@example.dk"] + [f'Content-Type: multipart/mixed; boundary="b{n}"\r\n\r\n--b{n}' for n in range(40)]
    nested.write_text("\r\n".join(lines) + "\r\nContent-Type: text/plain\r\n\r\nx\r\n", encoding="utf-8")
    with pytest.raises(UserError) as refused:
        read_eml(str(nested))
    assert refused.value.key == "mail_too_complex"


def test_attachments_of_other_kinds_are_left_out_with_the_reason():
    assert read_attachment("virus.exe", b"MZ").error[0] == "mail_attachment_unsupported"
    assert read_attachment("tom.pdf", b"").error[0] == "file_empty"
    damaged = read_attachment("skadet.pdf", b"%PDF-1.4 garbage")
    assert damaged.error is not None and damaged.error[1].get("path") == "skadet.pdf"  # no /proc path in messages


def test_safe_name_keeps_a_readable_bounded_file_name():
    assert safe_name("C:\\Users\\x\\bilag.pdf", "") == "bilag.pdf"
    assert safe_name("", "application/pdf") == "vedhæftet fil.pdf"
    assert len(safe_name("a" * 500 + ".pdf", "")) <= 120


def outlook_letter() -> bytes:
    from datetime import datetime, timezone

    from tests.fixtures.outlook import outlook_msg

    return outlook_msg("Svar på høring", "Kirsten Madsen", "kirsten@example.dk", "Teknisk Udvalg",
                       "teknik@kommune.example", f"Kære udvalg\n\n{GOOD_TEXT}.\n\nHilsen Kirsten",
                       datetime(2025, 3, 5, 10, 0, tzinfo=timezone.utc),
                       [("Svar.pdf", text_pdf(2)), ("kort.zip", b"PK\x05\x06" + b"\0" * 18)])  # fmt: skip


def test_an_outlook_msg_is_read_like_an_eml(tmp_path):
    pytest.importorskip("extract_msg", reason="the optional 'outlook' extra (extract-msg) is not installed")
    from app.core.ingest.mail import read_msg

    path = tmp_path / "svar.msg"
    path.write_bytes(outlook_letter())
    document = read_msg(str(path))
    header, body = document.sections
    assert "Fra: Kirsten Madsen <kirsten@example.dk>" in header.text and "Til: Teknisk Udvalg" in header.text
    assert document.title == "Svar på høring" and document.date == "2025-03-05" and GOOD_TEXT in body.text
    pdf, zipped = document.attachments
    assert pdf.name == "Svar.pdf" and len(pdf.pages) == 2 and GOOD_TEXT in pdf.pages[1].text
    assert zipped.error is not None and zipped.error[0] == "mail_attachment_unsupported"
    assert [s.heading for s in view_sections(path.read_bytes(), ".msg")] == ["E-mail", "Tekst"]


def test_any_mangled_email_ends_as_a_document_or_a_user_error(tmp_path):
    """Bytes of a real e-mail cut, repeated and overwritten: the reader never fails otherwise."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    original = bytes(mail_with_attachments())

    @settings(max_examples=60, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
    @given(st.integers(0, len(original)), st.integers(0, len(original)), st.binary(max_size=40))
    def read(start: int, end: int, noise: bytes) -> None:
        start, end = sorted((start, end))
        path = tmp_path / "brev.eml"
        path.write_bytes(original[:start] + noise + original[end:])
        try:
            read_eml(str(path))
        except UserError:
            pass

    read()


def test_a_scanned_image_attachment_is_read_by_ocr_from_memory():
    """A photographed letter attached as PNG: read in the child from a memfd, never written to disk."""
    import io

    from app.core.ingest.ocr import available
    from tests.fixtures.scans import danish_pages, render_page

    if not available():
        pytest.skip("Tesseract with Danish is not installed")
    text = danish_pages(1, lines=4)[0]
    image = io.BytesIO()
    render_page(text, dpi=150).save(image, format="PNG")
    attachment = read_attachment("brev.png", image.getvalue())
    assert attachment.error is None and attachment.pages[0].ocr is not None
    assert text.split()[3] in attachment.pages[0].text

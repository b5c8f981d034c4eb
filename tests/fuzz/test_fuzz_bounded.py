"""Each atheris harness fuzzes for a bounded time, seeded from real files, and finds no crash.

MOEDEMAPPE_FUZZ_SECONDS sets the time per harness (default 20). A crash leaves its input in the
test's temporary folder (crash-*, timeout-*, oom-*); rerun it with
`python -m tests.fuzz.fuzz_pdf CRASH_FILE`.
"""

from __future__ import annotations

import importlib.util
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from app.core.ingest.extract import extract_pages
from tests.conftest import REPO_ROOT
from tests.fixtures.malformed import text_pdf
from tests.fuzz.harness import WORK_DIR_ENV

SECONDS = int(os.environ.get("MOEDEMAPPE_FUZZ_SECONDS", "20"))
DEMO_PAGES = (0, 1, 38)  # the cover, the agenda, an item with a decision and amounts

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("atheris") is None,
    reason="atheris is not installed (pip install atheris; it needs a wheel or clang with libFuzzer)",
)


def pdf_seeds(demo_pdf: Path) -> list[bytes]:
    """Single pages of the demo pack (small, real, fast to parse) and a reportlab PDF."""
    from pypdf import PdfReader, PdfWriter

    seeds = [text_pdf(pages=1)]
    reader = PdfReader(demo_pdf)
    for number in DEMO_PAGES:
        writer = PdfWriter()
        writer.add_page(reader.pages[number])
        buffer = io.BytesIO()
        writer.write(buffer)
        seeds.append(buffer.getvalue())
    return seeds


def docx_seeds(_demo_pdf: Path) -> list[bytes]:
    """A whole DOCX (zip mode of the harness) and its main XML part (XML mode)."""
    import zipfile

    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    document.add_paragraph("Punkt 1: Godkendelse af dagsorden")
    document.add_paragraph("Sagsnr. 24-003954").runs[0].add_break(WD_BREAK.PAGE)
    document.add_paragraph("Indstilling\tAdministrationen indstiller, at gebyret fastsættes til 786 kr.")
    document.add_table(rows=2, cols=2).cell(0, 1).text = "Beløb"
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return [buffer.getvalue(), archive.read("word/document.xml")]


def text_seeds(demo_pdf: Path) -> list[bytes]:
    """The demo pack's text as the app extracts it, pages split by form feeds."""
    pages = [page.text for page in extract_pages(str(demo_pdf))]
    return ["\f".join(pages[:6]).encode(), "\f".join(pages[36:42]).encode()]


HARNESSES = {"fuzz_pdf": pdf_seeds, "fuzz_docx": docx_seeds, "fuzz_structure": text_seeds}
# Tokens for libFuzzer to splice in: without them, mutations rarely make well-formed XML or PDF objects
# (for the DOCX harness they found about five times as many new paths in the same time).
DICTIONARIES = {
    "fuzz_docx": ["<w:p>", "</w:p>", "<w:r>", "</w:r>", "<w:t>", "</w:t>", '<w:br w:type="page"/>', "<w:br/>",
                  "<w:tab/>", "<w:tbl>", "<w:tr>", "<w:tc>", "<w:pPr>", '<w:pageBreakBefore w:val="0"/>',
                  "<w:sectPr/>", "<!DOCTYPE", "<!ENTITY", 'encoding="utf-16"'],
    "fuzz_pdf": ["obj", "endobj", "stream", "endstream", "xref", "trailer", "startxref", "%%EOF", "/Type", "/Page",
                 "/Pages", "/Kids", "/Count", "/Contents", "/Resources", "/Font", "/Length", "/Filter",
                 "/FlateDecode", "/ObjStm", "/Encrypt", "/ToUnicode", "BT", "ET", "Tj", "TJ", "Tf", "Do", " 0 R"],
}  # fmt: skip


def dictionary(harness: str, folder: Path) -> list[str]:
    """libFuzzer's -dict option for the harness, if it has tokens."""
    if harness not in DICTIONARIES:
        return []
    path = folder / f"{harness}.dict"
    path.write_text("".join('"{}"\n'.format(t.replace("\\", "\\\\").replace('"', '\\"'))
                            for t in DICTIONARIES[harness]))  # fmt: skip
    return [f"-dict={path}"]


@pytest.mark.parametrize("harness", sorted(HARNESSES))
def test_the_harness_finds_no_crash(harness, tmp_path, demo_pdf):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seeds = HARNESSES[harness](demo_pdf)
    for number, seed in enumerate(seeds):
        (corpus / f"seed-{number}").write_bytes(seed)
    # -rss_limit_mb=0: libFuzzer's own limit reads the peak RSS, which Linux carries over from the
    # pytest process that started it (after the integration tests: over 3 GB before a single input).
    # The harness caps its address space itself, as the parser child does (harness.like_the_parser_child).
    command = [sys.executable, "-m", f"tests.fuzz.{harness}", f"-max_total_time={SECONDS}", "-seed=1",
               "-timeout=60", "-rss_limit_mb=0", "-print_final_stats=1", f"-artifact_prefix={tmp_path}/",
               *dictionary(harness, tmp_path), str(corpus)]  # fmt: skip
    done = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=SECONDS + 180,
                          env={**os.environ, WORK_DIR_ENV: str(tmp_path)})  # fmt: skip
    found = sorted(p.name for p in tmp_path.glob("*-*") if p.name.split("-")[0] in ("crash", "timeout", "oom"))
    assert done.returncode == 0 and not found, f"{found}\n{done.stderr[-4000:]}"
    stats = dict(re.findall(r"stat::(\w+): +(\d+)", done.stderr))
    print(f"{harness}: {stats['number_of_executed_units']} executions, {stats['new_units_added']} new paths")
    assert int(stats["number_of_executed_units"]) > len(seeds)

#!/usr/bin/env python3
"""Build the demo meeting pack shipped with Mødemappe.

Renders one real, public Greve Kommune meeting (Byrådet, 2 October 2023: 2nd reading of Budget
2024-27, 20 items, 4 closed) from FirstAgenda JSON into ``resources/samples/demo-<slug>-<date>.pdf``,
then checks ``demo-questions.json`` against the rendered pages.

    python resources/samples/make_demo_pack.py            # default source and output
    python resources/samples/make_demo_pack.py --docx     # also write the DOCX variant
    python resources/samples/make_demo_pack.py --source other.json --out-dir /tmp/packs

Needs reportlab (and python-docx for --docx, pypdf for the question check). Output is
byte-for-byte reproducible (reportlab invariant mode).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO / "tests" / "fixtures"))

import greve  # noqa: E402  (tests/fixtures/greve.py: the one place the rendering code lives)

DATA_DIR = REPO.parent / "shared" / "data" / "greve-2023"
DEFAULT_SOURCE = "2023-10-02_byraad-2022-2025_b39ccd1c.json"
QUESTIONS = HERE / "demo-questions.json"


def slugify(text: str) -> str:
    """'Byråd 2022-2025' -> 'byraad'; Danish letters transliterated, years dropped."""
    text = text.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"\b\d{4}(-\d{4})?\b", "", text)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def output_name(meeting: dict, suffix: str = ".pdf") -> str:
    return f"demo-{slugify(meeting['committee'])}-{meeting['date']}{suffix}"


def check_questions(pdf_path: Path, questions_path: Path = QUESTIONS) -> list[str]:
    """Return problems: each question's phrase must appear on its (1-based) page and no other."""
    if not questions_path.exists():
        return []
    from pypdf import PdfReader

    spec = json.loads(questions_path.read_text(encoding="utf-8"))
    if spec.get("pdf") != pdf_path.name:
        return []  # the questions belong to another pack
    pages = [" ".join((p.extract_text() or "").split()) for p in PdfReader(str(pdf_path)).pages]
    problems = []
    for q in spec["questions"]:
        phrase = " ".join(q["phrase"].split())
        found = [n for n, text in enumerate(pages, start=1) if phrase in text]
        if found != [q["page"]]:
            problems.append(f"{q['id']}: phrase {q['phrase']!r} expected on page {q['page']} only, found on {found}")
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", type=Path, default=DATA_DIR / DEFAULT_SOURCE, help="FirstAgenda JSON file")
    ap.add_argument("--out-dir", type=Path, default=HERE)
    ap.add_argument("--docx", action="store_true", help="also render the DOCX variant")
    args = ap.parse_args(argv)

    meeting = greve.load_meeting(args.source)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    pdf_path = greve.render_pdf(meeting, args.out_dir / output_name(meeting))
    print(f"wrote {pdf_path} ({pdf_path.stat().st_size} bytes, {len(meeting['items'])} items)")
    if args.docx:
        docx_path = greve.render_docx(meeting, args.out_dir / output_name(meeting, ".docx"))
        print(f"wrote {docx_path}")

    problems = check_questions(pdf_path)
    for problem in problems:
        print("QUESTION CHECK FAILED:", problem, file=sys.stderr)
    if not problems:
        print(f"{QUESTIONS.name}: OK")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

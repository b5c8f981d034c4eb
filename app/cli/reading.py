"""The commands that read the material: `list`, `search`, `ask`, `brief` and `export` (the prep sheet),
with the search filters that `search` and `ask` share and how an answer is printed (`demo` prints one too).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli import recordings as recordings_cli
from app.cli.common import EXIT_OK, open_library, print_json
from app.core.display import display_name, display_text
from app.core.messages import tr


def add_parsers(commands: Any) -> None:
    """Register the commands on the main parser's subparsers."""
    p = commands.add_parser("list", help="vis importerede møder")
    p.add_argument("--json", action="store_true")

    p = commands.add_parser("search", help="søg i materialet")
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=10)
    add_filters(p)
    p.add_argument("--json", action="store_true")

    p = commands.add_parser("ask", help="stil et spørgsmål og få et svar med kildehenvisninger")
    p.add_argument("question")
    add_filters(p)
    p.add_argument("--json", action="store_true")

    p = commands.add_parser("brief", help="briefing om et møde eller et dagsordenspunkt, med kildehenvisninger")
    p.add_argument("meeting_id", type=int, metavar="MØDE_ID", help="mødets id (fra 'list')")
    p.add_argument("--item", type=int, help="kun dette dagsordenspunkt")
    p.add_argument("--summary", action="store_true",
                   help="sprogmodellens resumé (3-5 sætninger, bekræftet i kilderne) over punktets linjer")
    p.add_argument("--json", action="store_true")

    p = commands.add_parser("export", help="forberedelsesark til et møde (PDF eller DOCX) med citater og dine noter")
    p.add_argument("meeting_id", type=int, metavar="MØDE_ID", help="mødets id (fra 'list')")
    p.add_argument("--out", type=Path, required=True, metavar="FIL", help="filen, .pdf eller .docx")
    p.add_argument("--include-closed", action="store_true", help="tag lukkede punkter med (mærkes fortroligt)")
    p.add_argument("--json", action="store_true")


def add_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--collection", help="kun denne samling, fx Møder eller Håndbog")
    parser.add_argument("--meeting", type=int, help="kun dette møde (id fra 'list')")
    parser.add_argument("--committee", help="kun møder i dette udvalg (del af navnet)")
    parser.add_argument("--from", dest="date_from", metavar="ÅÅÅÅ-MM-DD", help="møder fra og med denne dato")
    parser.add_argument("--to", dest="date_to", metavar="ÅÅÅÅ-MM-DD", help="møder til og med denne dato")
    parser.add_argument("--item", type=int, help="kun dette dagsordenspunkt")
    closed = parser.add_mutually_exclusive_group()
    closed.add_argument("--closed", dest="closed", action="store_true", default=None, help="kun lukkede punkter")
    closed.add_argument("--open", dest="closed", action="store_false", help="ingen lukkede punkter")


def search_filters(args: argparse.Namespace) -> Any:
    from app.core.store.database import SearchFilter

    return SearchFilter(collection=args.collection, meeting_id=args.meeting, committee=args.committee,
                        date_from=args.date_from, date_to=args.date_to, item_number=args.item,
                        closed=args.closed)  # fmt: skip


def cmd_list(args: argparse.Namespace) -> int:
    with open_library(args, reader=True) as library:
        meetings = library.meetings()
        ocr = library.ocr_summaries()
        marks = library.all_item_marks()
    if args.json:
        # "ocr": documents read (in part) by OCR -> {"pages", "confidence"} (mean word confidence, 0-100).
        print_json([{
            "id": m.id, "title": m.title, "committee": m.committee, "date": m.date, "kind": m.kind,
            "collection": m.collection, "documents": m.documents, "items": m.item_count,
            "ocr": {name: {"pages": s.pages, "confidence": s.confidence} for name, s in ocr.get(m.id, {}).items()},
            # "marks": item number (as a string: a JSON key) -> "read" | "prepared" (moedemappe mark)
            "marks": {str(number): mark for number, mark in marks.get(m.id, {}).items()},
        } for m in meetings])  # fmt: skip
        return EXIT_OK
    if not meetings:
        print("Ingen møder endnu. Importér med: moedemappe import FIL_ELLER_MAPPE")
    for m in meetings:
        print(f"{m.id:>4}  {m.date or '':<10}  {display_name(m.title)}  ({display_name(', '.join(m.documents))})")
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    with open_library(args, reader=True) as library:
        # The vectors there are: text not embedded yet (the app does it in the background, or
        # `status --wait-for-vectors`) is found by its words meanwhile.
        hits = library.search(args.query, args.limit, filters=search_filters(args))
        refs = _section_refs(library, hits)
        times = {hit.chunk_id: when for hit in hits if (when := recordings_cli.search_time(library, hit))}
    if args.json:
        # Added fields (DESIGN.md: none renamed): "section_ref" on a Håndbog hit (the § it is in), "time"
        # {"start", "end"} in seconds on a hit in a recording's transcript.
        print_json([{**hit.to_json(), **({"section_ref": refs[hit.chunk_id]} if hit.chunk_id in refs else {}),
                      **({"time": times[hit.chunk_id]} if hit.chunk_id in times else {})} for hit in hits])  # fmt: skip
        return EXIT_OK
    if not hits:
        print("Ingen resultater.")
    for number, hit in enumerate(hits, start=1):
        snippet = " ".join(hit.text.split())[:200]
        ref = f", {refs[hit.chunk_id]}" if hit.chunk_id in refs else ""
        print(f"{number:>2}. {_hit_label(hit, times.get(hit.chunk_id))}{ref}\n    {snippet}")
    return EXIT_OK


def _hit_label(hit: Any, when: dict[str, float] | None) -> str:
    """A hit's citation; said in a recording: its time ("mm:ss–mm:ss"), not the transcript's "page"."""
    if when is None:
        return hit.label()
    label = f"{display_name(hit.document)}, {recordings_cli.clock(when['start'])}–{recordings_cli.clock(when['end'])}"
    return label + (f", punkt {hit.item_number}" if hit.item_number is not None else "")


def _section_refs(library: Any, hits: list[Any]) -> dict[int, str]:
    from app.core.answers.handbook import section_refs

    return section_refs(library, hits)


def cmd_ask(args: argparse.Namespace) -> int:
    from app.core.answers.answer import ask

    from app.core.store.notes import notes_for_question

    with open_library(args, reader=True) as library:
        answer = ask(library, args.question, filters=search_filters(args))
        # The user's own notes, apart from the answer: never mixed into what the material says.
        own = notes_for_question(library.store, args.question, search_filters(args))
        times = [recordings_cli.search_time(library, hit) for hit in answer.citations]
    if args.json:
        data = answer.to_json()
        # Added field: "time" {"start", "end"} on a citation of what was said in a recording.
        data["citations"] = [{**c, **({"time": t} if t else {})} for c, t in zip(data["citations"], times)]
        print_json({**data, **({"user_notes": [s.to_json() for s in own]} if own else {})})
        return EXIT_OK
    print_answer(answer, times)
    _print_user_notes(own)
    return EXIT_OK


def _print_user_notes(own: list[Any]) -> None:
    if own:
        print("\nDine noter (dine egne ord, ikke fra materialet):")
        for source in own:
            print(display_name(f"  - {source.label()}: {' '.join(source.text.split())[:200]}"))


def print_answer(answer: Any, times: list[Any] | None = None) -> None:
    if answer.confidential:
        print(f"*** {tr('confidential_label')} ***")
    print(answer.text)
    if answer.notice:  # the model could not be used, or its text could not be verified
        print(f"\n({answer.notice})")
    author = answer.written_by or tr("written_by_quotes")
    print(f"\n{tr('written_by', author=author)}")
    if answer.citations:
        print(f"\n{tr('sources')}:")
        for number, hit in enumerate(answer.citations, start=1):
            ref = answer.section_refs.get(hit.chunk_id)
            closed = f" ({tr('confidential_label')})" if hit.item_closed else ""
            when = (times or [])[number - 1] if len(times or []) >= number else None
            label = _hit_label(hit, when)
            print(f"  [{number}] {label}{f', {ref}' if ref else ''}{closed}")
    print(f"\n{tr('assistant_role')}")


def cmd_brief(args: argparse.Namespace) -> int:
    from app.core.answers.briefing import brief_item, brief_meeting, summarize_item
    from app.core.store.notes import item_lines

    with open_library(args, reader=True) as library:
        if args.item is None:
            briefing = brief_meeting(library, args.meeting_id)
        else:
            briefing = brief_item(library, args.meeting_id, args.item)
            if args.summary:  # the lines stand without it: a failing model leaves them as they are
                briefing = summarize_item(library, briefing)
        own = item_lines(library.store, args.meeting_id, args.item) if args.item is not None else []
    if args.json:
        print_json({**briefing.to_json(), **({"user_notes": own} if own else {})})
    else:
        print(display_text(briefing.render()))
        if own:
            print("\nDine noter til punktet (dine egne ord, ikke fra materialet):", *map(display_name, own), sep="\n  ")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    """The prep sheet: the one place plaintext leaves the store, so say where it went."""
    from app.core.answers.prep_sheet import export_sheet

    with open_library(args) as library:  # a writer: the export is recorded in the audit log
        sheet = export_sheet(library, args.meeting_id, args.out, include_closed=args.include_closed)
    if args.json:
        print_json({"file": str(args.out.resolve()), **sheet.to_json()})
        return EXIT_OK
    print(f"Forberedelsesarket er gemt ukrypteret i {display_name(str(args.out.resolve()))} ({len(sheet.items)} punkter).")
    if sheet.includes_closed:
        print("Arket indeholder lukkede punkter, mærket FORTROLIGT – LUKKET PUNKT. Eksporten er noteret i loggen.")
    elif sheet.left_out:
        print(f"{sheet.left_out} lukket/lukkede punkt(er) er udeladt (tag dem med: --include-closed).")
    return EXIT_OK

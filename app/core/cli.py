"""The `moedemappe` command line (contract in DESIGN.md). Exit codes: 0 ok, 2 bad input, 1 internal error."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from app import __version__
from app.cli import items as items_cli
from app.cli import recordings as recordings_cli
from app.core.display import display_name, display_text
from app.core.integrity import is_store_damage
from app.core.messages import Cancelled, UserError, tr
from app.core.paths import resolve_data_dir, samples_dir

EXIT_OK, EXIT_INTERNAL, EXIT_BAD_INPUT = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="moedemappe", description="Mødemappe — dine mødepapirer, offline.")
    parser.add_argument("--version", action="version", version=f"moedemappe {__version__}")
    parser.add_argument("--data-dir", help="datamappe (ellers MOEDEMAPPE_DATA_DIR eller standardmappen)")
    parser.add_argument("--lang", choices=("da", "en"), help="sprog for beskeder (standard: da)")
    commands = parser.add_subparsers(dest="command")

    p = commands.add_parser("import", help="importér filer eller en mappe som én mødepakke")
    p.add_argument("paths", nargs="+", type=Path)
    p.add_argument("--collection", default="Møder")
    p.add_argument("--json", action="store_true")
    p.add_argument("--wait-for-vectors", action="store_true",
                   help="vent, til teksten også er indekseret til betydningssøgning (ellers sker det i baggrunden)")

    p = commands.add_parser("list", help="vis importerede møder")
    p.add_argument("--json", action="store_true")

    p = commands.add_parser("search", help="søg i materialet")
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=10)
    _add_filters(p)
    p.add_argument("--json", action="store_true")

    p = commands.add_parser("ask", help="stil et spørgsmål og få et svar med kildehenvisninger")
    p.add_argument("question")
    _add_filters(p)
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

    p = commands.add_parser("delete", help="slet et møde og alt dets indhold")
    p.add_argument("meeting_id", type=int)

    p = commands.add_parser("confirm-open", help="bekræft, at sider holdt som lukkede (usikker struktur) er åbne")
    p.add_argument("meeting_id", type=int, metavar="MØDE_ID", help="mødets id (fra 'list')")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--page", type=int, action="append", dest="pages", metavar="N", help="siden (kan gentages)")
    which.add_argument("--all", action="store_true", help="alle mødets holdte sider")
    p.add_argument("--document", help="kun i denne fil (når mødet har flere)")
    p = commands.add_parser("check", help="kontrollér hele datalageret og søgeindekset for skader")
    p.add_argument("--json", action="store_true")

    p = commands.add_parser("models", help="sprogmodeller")
    p.add_argument("action", choices=("list", "verify"))
    p.add_argument("--json", action="store_true")

    p = commands.add_parser("status", help="hvor langt indekseringen til betydningssøgning er nået")
    p.add_argument("--wait-for-vectors", action="store_true", help="indeksér resten nu og vent på det")
    p.add_argument("--json", action="store_true")

    commands.add_parser("demo", help="importér demopakken i en midlertidig mappe og stil et spørgsmål")

    p = commands.add_parser("key", help="for IT: eksportér datanøglen til en fil, eller gendan den derfra")
    keys = p.add_subparsers(dest="key_action", required=True)
    k = keys.add_parser("export", help="gem datanøglen krypteret med en gendannelsesadgangskode")
    k.add_argument("--out", type=Path, required=True, metavar="FIL")
    k = keys.add_parser("restore", help="gør data læsbare igen med en nøgleeksport")
    k.add_argument("file", type=Path, metavar="FIL")
    items_cli.add_parsers(commands)  # mark, link (app/cli/items.py)
    recordings_cli.add_parsers(commands)  # recording attach|status|transcribe (app/cli/recordings.py)
    return parser


def _add_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--collection", help="kun denne samling, fx Møder eller Håndbog")
    parser.add_argument("--meeting", type=int, help="kun dette møde (id fra 'list')")
    parser.add_argument("--committee", help="kun møder i dette udvalg (del af navnet)")
    parser.add_argument("--from", dest="date_from", metavar="ÅÅÅÅ-MM-DD", help="møder fra og med denne dato")
    parser.add_argument("--to", dest="date_to", metavar="ÅÅÅÅ-MM-DD", help="møder til og med denne dato")
    parser.add_argument("--item", type=int, help="kun dette dagsordenspunkt")
    closed = parser.add_mutually_exclusive_group()
    closed.add_argument("--closed", dest="closed", action="store_true", default=None, help="kun lukkede punkter")
    closed.add_argument("--open", dest="closed", action="store_false", help="ingen lukkede punkter")


def _filters(args: argparse.Namespace) -> Any:
    from app.core.store import SearchFilter

    return SearchFilter(collection=args.collection, meeting_id=args.meeting, committee=args.committee,
                        date_from=args.date_from, date_to=args.date_to, item_number=args.item,
                        closed=args.closed)  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.lang:
        os.environ["MOEDEMAPPE_LANG"] = args.lang
    if args.command is None:
        print("moedemappe: vælg en kommando (se --help)", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        return int(COMMANDS[args.command](args) or EXIT_OK)
    except UserError as error:
        print(f"moedemappe: {display_name(error.message())}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except Cancelled:
        print(f"moedemappe: {tr('cancelled')}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # noqa: BLE001 - last resort: a message, never a traceback wall
        if is_store_damage(error):  # a damaged page met while reading
            print(f"moedemappe: {tr('store_damaged', path=str(resolve_data_dir(args.data_dir)))}", file=sys.stderr)
            return EXIT_BAD_INPUT
        print(f"moedemappe: {tr('internal_error', detail=f'{type(error).__name__}: {error}')}", file=sys.stderr)
        return EXIT_INTERNAL


def _library(args: argparse.Namespace, reader: bool = False) -> Any:
    """reader: the command only reads, and may run while another process imports."""
    from app.core.library import Library

    library = Library(resolve_data_dir(args.data_dir), reader=reader)
    library.on_damage = lambda message: print(f"moedemappe: {message}", file=sys.stderr)
    return library


def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _stderr_progress(fraction: float, message: str) -> None:
    if sys.stderr.isatty():
        print(f"\r{int(fraction * 100):3d} %  {message[:60]:<60}", end="", file=sys.stderr, flush=True)


def _complete_index(library: Any) -> None:
    """A new embedding model in the manifest means re-embedding everything once, with progress."""
    if not library.index_is_complete() and library.begin_writing():  # else: an import is under way
        # vectors_rebuilt: chromadb's files were damaged and replaced by an empty index
        reason = tr("vectors_rebuilt") if library.vectors_rebuilt else "Søgeindekset genopbygges til den nye sprogmodel …"
        print(reason, file=sys.stderr)
        library.reindex(progress=_stderr_progress)


def cmd_import(args: argparse.Namespace) -> int:
    with _library(args) as library:
        result = library.import_paths(args.paths, args.collection, progress=_stderr_progress)
        if args.wait_for_vectors:
            library.reindex(progress=_stderr_progress)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    if args.json:
        _print_json(result.to_json())
        return EXIT_OK
    if result.already_imported:
        print(f"{tr('already_imported')}: {display_name(result.title)} (møde-id {result.meeting_id})")
    else:
        print(f"Importeret: {display_name(result.title)} (møde-id {result.meeting_id}) — "
              f"{len(result.files)} fil(er), "
              f"{result.pages} sider, {result.chunks} tekststykker")  # fmt: skip
    for note in result.notes():
        print(f"Bemærk: {display_name(note)}")
    for name, error in result.skipped:
        print(f"Sprunget over: {display_name(name)}: {display_name(error)}", file=sys.stderr)
    return EXIT_OK


def cmd_status(args: argparse.Namespace) -> int:
    from app.core.vectors import VectorBackfill

    with _library(args) as library:
        backfill = VectorBackfill(library)
        if args.wait_for_vectors:
            backfill.run(progress=_stderr_progress)
            if sys.stderr.isatty():
                print(file=sys.stderr)
        status = backfill.refresh()
    if args.json:
        _print_json({"vectors": status.to_json()})
    else:
        print(f"Betydningssøgning ({status.model}): {status.embedded} af {status.total} tekststykker indekseret"
              + ("" if status.complete else f", {status.pending} venter"))  # fmt: skip
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    with _library(args, reader=True) as library:
        meetings = library.meetings()
        ocr = library.ocr_summaries()
        marks = library.all_item_marks()
    if args.json:
        # "ocr": documents read (in part) by OCR -> {"pages", "confidence"} (mean word confidence, 0-100).
        _print_json([{
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
    with _library(args, reader=True) as library:
        # The vectors there are: text not embedded yet (the app does it in the background, or
        # `status --wait-for-vectors`) is found by its words meanwhile.
        hits = library.search(args.query, args.limit, filters=_filters(args))
        refs = _section_refs(library, hits)
        times = {hit.chunk_id: when for hit in hits if (when := recordings_cli.search_time(library, hit))}
    if args.json:
        # Added fields (DESIGN.md: none renamed): "section_ref" on a Håndbog hit (the § it is in), "time"
        # {"start", "end"} in seconds on a hit in a recording's transcript.
        _print_json([{**hit.to_json(), **({"section_ref": refs[hit.chunk_id]} if hit.chunk_id in refs else {}),
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
    from app.core.handbook import section_refs

    return section_refs(library, hits)


def cmd_ask(args: argparse.Namespace) -> int:
    from app.core.answer import ask

    from app.core.notes import notes_for_question

    with _library(args, reader=True) as library:
        answer = ask(library, args.question, filters=_filters(args))
        # The user's own notes, apart from the answer: never mixed into what the material says.
        own = notes_for_question(library.store, args.question, _filters(args))
        times = [recordings_cli.search_time(library, hit) for hit in answer.citations]
    if args.json:
        data = answer.to_json()
        # Added field: "time" {"start", "end"} on a citation of what was said in a recording.
        data["citations"] = [{**c, **({"time": t} if t else {})} for c, t in zip(data["citations"], times)]
        _print_json({**data, **({"user_notes": [s.to_json() for s in own]} if own else {})})
        return EXIT_OK
    _print_answer(answer, times)
    _print_user_notes(own)
    return EXIT_OK


def _print_user_notes(own: list[Any]) -> None:
    if own:
        print("\nDine noter (dine egne ord, ikke fra materialet):")
        for source in own:
            print(display_name(f"  - {source.label()}: {' '.join(source.text.split())[:200]}"))


def _print_answer(answer: Any, times: list[Any] | None = None) -> None:
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
    from app.core.briefing import brief_item, brief_meeting, summarize_item
    from app.core.notes import item_lines

    with _library(args, reader=True) as library:
        if args.item is None:
            briefing = brief_meeting(library, args.meeting_id)
        else:
            briefing = brief_item(library, args.meeting_id, args.item)
            if args.summary:  # the lines stand without it: a failing model leaves them as they are
                briefing = summarize_item(library, briefing)
        own = item_lines(library.store, args.meeting_id, args.item) if args.item is not None else []
    if args.json:
        _print_json({**briefing.to_json(), **({"user_notes": own} if own else {})})
    else:
        print(display_text(briefing.render()))
        if own:
            print("\nDine noter til punktet (dine egne ord, ikke fra materialet):", *map(display_name, own), sep="\n  ")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    """The prep sheet: the one place plaintext leaves the store, so say where it went."""
    from app.core.prep_sheet import export_sheet

    with _library(args) as library:  # a writer: the export is recorded in the audit log
        sheet = export_sheet(library, args.meeting_id, args.out, include_closed=args.include_closed)
    if args.json:
        _print_json({"file": str(args.out.resolve()), **sheet.to_json()})
        return EXIT_OK
    print(f"Forberedelsesarket er gemt ukrypteret i {display_name(str(args.out.resolve()))} ({len(sheet.items)} punkter).")
    if sheet.includes_closed:
        print("Arket indeholder lukkede punkter, mærket FORTROLIGT – LUKKET PUNKT. Eksporten er noteret i loggen.")
    elif sheet.left_out:
        print(f"{sheet.left_out} lukket/lukkede punkt(er) er udeladt (tag dem med: --include-closed).")
    return EXIT_OK


def cmd_delete(args: argparse.Namespace) -> int:
    with _library(args) as library:
        library.delete(args.meeting_id)
    print(f"Slettet: møde {args.meeting_id}")
    return EXIT_OK


def cmd_confirm_open(args: argparse.Namespace) -> int:
    """Without --page/--all: list the held pages and why; with them: release those pages."""
    with _library(args) as library:
        if not (args.pages or args.all):
            if not library.store.meeting_exists(args.meeting_id):
                raise UserError("meeting_missing", meeting_id=args.meeting_id)
            held = library.held_pages(args.meeting_id)
            for entry in held:
                print(f"{entry.document}, side {entry.page}: {tr('held_reason_' + entry.reason)}")
            if not held:
                print(f"Møde {args.meeting_id} har ingen sider, der holdes som lukkede.")
            return EXIT_OK
        released = library.confirm_open(args.meeting_id, None if args.all else args.pages, args.document)
    for entry in released:
        print(f"Bekræftet åben: {entry.document}, side {entry.page}")
    return EXIT_OK
def cmd_check(args: argparse.Namespace) -> int:
    """The full check on demand: every page of the store, then the vectors (rebuilt when damaged)."""
    with _library(args) as library:
        library.on_damage = lambda _message: None  # reported below, with the details
        store = library.store.check()
        vectors = None
        if store.ok:
            _complete_index(library)
            vectors = library.index.count()
    report = {"store": {"ok": store.ok, "pages": store.pages, "seconds": round(store.seconds, 3),
                        "problems": store.problems[:20]},
              "vectors": {"count": vectors, "rebuilt": library.vectors_rebuilt}}  # fmt: skip
    if args.json:
        _print_json(report)
    elif store.ok:
        seconds = f"{store.seconds:.2f}".replace(".", ",")  # Danish decimal comma
        print(f"Datalageret er i orden: {store.pages} sider kontrolleret på {seconds} s.")
        rebuilt = " (det var beskadiget og er genopbygget)" if library.vectors_rebuilt else ""
        print(f"Søgeindekset er i orden{rebuilt}: {vectors} tekststykker.")
    else:
        print(f"moedemappe: {tr('store_damaged', path=str(library.data_dir / 'store.sqlite'))}", file=sys.stderr)
        for problem in store.problems[:5]:
            print(f"  {display_name(problem)}", file=sys.stderr)
    return EXIT_OK if store.ok else EXIT_BAD_INPUT


def cmd_models(args: argparse.Namespace) -> int:
    from app.core.models.manifest import PROBLEMS, SETUP_TIERS, load_manifest, verify

    entries = load_manifest()
    status = {e.name: verify(e) if args.action == "verify" else ("ok" if e.installed() else "missing" if e.tier in SETUP_TIERS else "not_installed")
              for e in entries}  # fmt: skip
    verify_run = args.action == "verify"
    if args.json:
        checked = _self_check(entries, status, quiet=True) if verify_run else {}
        _print_json([{"name": e.name, "file": e.file, "roles": list(e.roles), "tier": e.tier,
                      "licence": e.licence, "status": status[e.name],
                      **({"selfcheck": checked[e.name]} if e.name in checked else {})}
                     for e in entries])  # fmt: skip
    else:
        for e in entries:
            print(f"{e.name:<28} {','.join(e.roles):<12} {e.tier:<12} {status[e.name]}")
        checked = _self_check(entries, status, quiet=False) if verify_run else {}
    failed = verify_run and any(s in PROBLEMS for s in status.values())
    return EXIT_BAD_INPUT if failed or "failed" in checked.values() else EXIT_OK


def _self_check(entries: list[Any], status: dict[str, str], quiet: bool) -> dict[str, str]:
    """`models verify`: one short real generation with the default chat model in the model child, so
    a llama.cpp build that crashes on this CPU is found now. {name: "ok" | "failed"}; a failure is said
    on stderr, success on stdout unless quiet (--json: stdout stays the list of models)."""
    from app.core.models.manifest import first_for_role
    from app.core.models.runtime import ModelWorker

    entry = first_for_role([e for e in entries if status[e.name] == "ok"], "chat")
    if entry is None:
        return {}
    worker = ModelWorker()
    try:
        generation = worker.self_check(entry)
    except UserError as exc:
        print(f"moedemappe: {exc.message()}", file=sys.stderr)
        return {entry.name: "failed"}
    except RuntimeError as exc:  # the child reported an error (a model llama.cpp cannot load)
        print(f"moedemappe: {tr('model_selfcheck_failed', name=entry.name, detail=exc)}", file=sys.stderr)
        return {entry.name: "failed"}
    finally:
        worker.close()
    if not quiet:
        print(tr("model_selfcheck_ok", name=entry.name, tokens=generation.tokens, seconds=generation.seconds))
    return {entry.name: "ok"}


def cmd_demo(_args: argparse.Namespace) -> int:
    """Headless demo: import the shipped demo pack into a throwaway data directory and ask."""
    from app.core.answer import ask
    from app.core.library import Library

    import secrets

    pack, questions = demo_pack()
    # A throwaway data directory: its key is wrapped with a one-off passphrase if no keychain exists.
    with tempfile.TemporaryDirectory(prefix="moedemappe-demo-") as scratch, \
            Library(Path(scratch), passphrase=secrets.token_urlsafe(16)) as library:
        print(f"Importerer demopakken {pack.name} …")
        result = library.import_paths([pack], progress=_stderr_progress)
        library.reindex(progress=_stderr_progress)  # the demo shows search with its vectors
        print(f"\n{result.title}: {result.pages} sider, {result.chunks} tekststykker.\n")
        question = questions[0]["question"]
        print(f"Spørgsmål: {question}\n")
        _print_answer(ask(library, question))
    return EXIT_OK


def cmd_key(args: argparse.Namespace) -> int:
    """Key export and restore for IT (the recovery passphrase: MOEDEMAPPE_RECOVERY_PASSPHRASE or asked)."""
    from app.core.security import KeyStore

    keys = KeyStore(resolve_data_dir(args.data_dir))
    if args.key_action == "export":
        keys.export_key(args.out, _recovery_passphrase(confirm=True))
        print(f"Datanøglen er eksporteret til {args.out}. Opbevar filen og adgangskoden hver for sig.")
    else:
        method = keys.restore_key(args.file, _recovery_passphrase(confirm=False))
        where = "systemets nøglering" if method == "keyring" else "key.json (med datamappens adgangskode)"
        print(f"Datanøglen er gendannet i {where}.")
    return EXIT_OK


def _recovery_passphrase(confirm: bool) -> str:
    from getpass import getpass

    from app.core.security import RECOVERY_PASSPHRASE_ENV, environment_secret

    given = environment_secret(RECOVERY_PASSPHRASE_ENV)
    if given or not sys.stdin.isatty():
        return given or ""
    typed = getpass("Gendannelsesadgangskode: ")
    if confirm and typed != getpass("Gentag gendannelsesadgangskoden: "):
        print("Adgangskoderne var ikke ens.", file=sys.stderr)
        return ""
    return typed


def demo_pack() -> tuple[Path, list[dict[str, Any]]]:
    """The shipped demo pack PDF and its sample questions."""
    folder = samples_dir()
    data = json.loads((folder / "demo-questions.json").read_text(encoding="utf-8"))
    return folder / data["pdf"], data["questions"]


COMMANDS = {
    "import": cmd_import, "list": cmd_list, "search": cmd_search, "ask": cmd_ask, "brief": cmd_brief,
    "delete": cmd_delete, "check": cmd_check, "export": cmd_export, "models": cmd_models, "demo": cmd_demo,
    "key": cmd_key, "confirm-open": cmd_confirm_open, "status": cmd_status,
    **items_cli.COMMANDS, **recordings_cli.COMMANDS,
}  # fmt: skip

"""The `moedemappe` command line (contract in DESIGN.md). Exit codes: 0 ok, 2 bad input, 1 internal error.

This module owns the parser, main() (the dispatch, and every error as a message and an exit code) and
the commands that change what is imported (import, delete, confirm-open). The other commands are
in groups of their own, each with add_parsers(): reading.py (list, search, ask, brief, export),
admin.py (check, models, status, demo, key), items.py (mark, link) and recordings.py (recording), the
last two with their COMMANDS; what they share is in common.py.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from app import __version__
from app.cli import admin as admin_cli
from app.cli import items as items_cli
from app.cli import reading as reading_cli
from app.cli import recordings as recordings_cli
from app.cli.common import EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_OK, open_library, print_json, stderr_progress
from app.core.display import display_name
from app.core.store.integrity import is_store_damage
from app.core.messages import Cancelled, UserError, tr
from app.core.paths import resolve_data_dir


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

    reading_cli.add_parsers(commands)  # list, search, ask, brief, export (app/cli/reading.py)

    p = commands.add_parser("delete", help="slet et møde og alt dets indhold")
    p.add_argument("meeting_id", type=int)

    p = commands.add_parser("confirm-open", help="bekræft, at sider holdt som lukkede (usikker struktur) er åbne")
    p.add_argument("meeting_id", type=int, metavar="MØDE_ID", help="mødets id (fra 'list')")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--page", type=int, action="append", dest="pages", metavar="N", help="siden (kan gentages)")
    which.add_argument("--all", action="store_true", help="alle mødets holdte sider")
    p.add_argument("--document", help="kun i denne fil (når mødet har flere)")
    admin_cli.add_parsers(commands)  # check, models, status, demo, key (app/cli/admin.py)
    items_cli.add_parsers(commands)  # mark, link (app/cli/items.py)
    recordings_cli.add_parsers(commands)  # recording attach|status|transcribe (app/cli/recordings.py)
    return parser


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


def cmd_import(args: argparse.Namespace) -> int:
    with open_library(args) as library:
        result = library.import_paths(args.paths, args.collection, progress=stderr_progress)
        if args.wait_for_vectors:
            library.reindex(progress=stderr_progress)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    if args.json:
        print_json(result.to_json())
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


def cmd_delete(args: argparse.Namespace) -> int:
    with open_library(args) as library:
        library.delete(args.meeting_id)
    print(f"Slettet: møde {args.meeting_id}")
    return EXIT_OK


def cmd_confirm_open(args: argparse.Namespace) -> int:
    """Without --page/--all: list the held pages and why; with them: release those pages."""
    with open_library(args) as library:
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


# In the order the unknown-command message lists them (app/main.py), as before the groups had modules.
COMMANDS = {
    "import": cmd_import, "list": reading_cli.cmd_list, "search": reading_cli.cmd_search, "ask": reading_cli.cmd_ask,
    "brief": reading_cli.cmd_brief, "delete": cmd_delete, "check": admin_cli.cmd_check, "export": reading_cli.cmd_export,
    "models": admin_cli.cmd_models, "demo": admin_cli.cmd_demo, "key": admin_cli.cmd_key,
    "confirm-open": cmd_confirm_open, "status": admin_cli.cmd_status,
    **items_cli.COMMANDS, **recordings_cli.COMMANDS,
}  # fmt: skip

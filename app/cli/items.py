"""`moedemappe mark` and `moedemappe link`: the user's marks on agenda items and bilag linked by hand.

Same conventions as the other commands (DESIGN.md): `--json` for scripts, exit 2 with a Danish message
for bad input (an unknown meeting, item or file). The work is in app.core.store.item_marks.
"""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.common import open_library, print_json
from app.core.display import display_name
from app.core.messages import UserError

MARK_WORDS = {"read": "læst", "prepared": "forberedt"}


def add_parsers(commands: Any) -> None:
    """Register the commands on the main parser's subparsers."""
    p = commands.add_parser("mark", help="markér et dagsordenspunkt som læst eller forberedt (eller vis markeringerne)")
    p.add_argument("meeting_id", type=int, metavar="MØDE_ID", help="mødets id (fra 'list')")
    p.add_argument("--item", type=int, metavar="N", help="dagsordenspunktet")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--read", dest="mark", action="store_const", const="read", help="markér som læst")
    which.add_argument("--prepared", dest="mark", action="store_const", const="prepared", help="markér som forberedt")
    which.add_argument("--clear", dest="mark", action="store_const", const="", help="fjern markeringen")
    p.add_argument("--json", action="store_true")

    p = commands.add_parser("link", help="knyt en fil fra mødet til et punkt som bilag, eller fjern tilknytningen")
    p.add_argument("meeting_id", type=int, metavar="MØDE_ID", help="mødets id (fra 'list')")
    p.add_argument("--document", metavar="FILNAVN", help="filen (navnet som i 'list'); uden: vis mødets bilag")
    p.add_argument("--item", type=int, metavar="N", help="punktet, filen skal være bilag til")
    p.add_argument("--unlink", action="store_true", help="fjern filens tilknytning til sit punkt")
    p.add_argument("--json", action="store_true")


def cmd_mark(args: argparse.Namespace) -> int:
    """With --read/--prepared/--clear: set the item's mark; without: list the meeting's marks."""

    with open_library(args, reader=args.mark is None) as library:  # listing only reads (beside an import)
        if args.mark is not None:
            if args.item is None:
                raise UserError("cli_item_required")
            library.set_item_mark(args.meeting_id, args.item, args.mark or None)
        elif not library.store.meeting_exists(args.meeting_id):
            raise UserError("meeting_missing", meeting_id=args.meeting_id)
        marks = library.item_marks(args.meeting_id)
    if args.json:
        print_json({"meeting_id": args.meeting_id, "marks": {str(n): m for n, m in marks.items()}})
        return 0
    if args.mark is not None:
        word = MARK_WORDS.get(args.mark, "uden markering")
        print(f"Punkt {args.item} i møde {args.meeting_id}: {word}")
        return 0
    for number, mark in marks.items():
        print(f"Punkt {number}: {MARK_WORDS[mark]}")
    if not marks:
        print(f"Ingen punkter i møde {args.meeting_id} er markeret.")
    return 0


def cmd_link(args: argparse.Namespace) -> int:
    """--document F --item N: link F to item N; --document F --unlink: undo; no --document: list."""

    if args.document is None and (args.item is not None or args.unlink):
        raise UserError("cli_document_required")
    if args.document is not None and args.unlink == (args.item is not None):
        raise UserError("cli_link_item_or_unlink")
    with open_library(args, reader=args.document is None) as library:
        previous = None
        if args.document is not None:
            previous = library.attachment_item(args.meeting_id, args.document) if library.store.meeting_exists(
                args.meeting_id) else None  # fmt: skip
            if args.unlink:
                library.unlink_attachment(args.meeting_id, args.document)
            else:
                library.link_attachment(args.meeting_id, args.item, args.document)
        bilag = [entry.to_json() for entry in library.bilag_files(args.meeting_id)]
    if args.json:
        result: dict[str, Any] = {"meeting_id": args.meeting_id, "bilag": bilag}
        if args.document is not None:
            result |= {"document": args.document, "item": None if args.unlink else args.item, "previous_item": previous}
        print_json(result)
        return 0
    if args.document is not None:
        name = display_name(args.document)
        print(f"{name} er ikke længere bilag til punkt {previous}." if args.unlink
              else f"{name} er nu bilag til punkt {args.item}.")  # fmt: skip
        return 0
    for entry in bilag:
        where = f"punkt {entry['item']}" if entry["item"] is not None else "intet punkt"
        by_hand = " (knyttet i hånden)" if entry["by_hand"] else ""
        print(f"{display_name(entry['document'])}: {where}{by_hand}")
    if not bilag:
        print(f"Møde {args.meeting_id} har ingen filer, der kan være bilag.")
    return 0


COMMANDS = {"mark": cmd_mark, "link": cmd_link}

"""The installation's commands, for IT and a first look: `check` (the store and the search index),
`models` (list, verify), `status` (the background vectors), `demo` and `key` (export, restore).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

from app.cli.common import EXIT_BAD_INPUT, EXIT_OK, open_library, print_json, stderr_progress
from app.cli.reading import print_answer
from app.core.display import display_name
from app.core.messages import UserError, tr
from app.core.paths import demo_pack, resolve_data_dir


def add_parsers(commands: Any) -> None:
    """Register the commands on the main parser's subparsers."""
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


def _complete_index(library: Any) -> None:
    """A new embedding model in the manifest means re-embedding everything once, with progress."""
    if not library.index_is_complete() and library.begin_writing():  # else: an import is under way
        # vectors_rebuilt: chromadb's files were damaged and replaced by an empty index
        reason = tr("vectors_rebuilt") if library.vectors_rebuilt else "Søgeindekset genopbygges til den nye sprogmodel …"
        print(reason, file=sys.stderr)
        library.reindex(progress=stderr_progress)


def cmd_check(args: argparse.Namespace) -> int:
    """The full check on demand: every page of the store, then the vectors (rebuilt when damaged)."""
    with open_library(args) as library:
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
        print_json(report)
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
        print_json([{"name": e.name, "file": e.file, "roles": list(e.roles), "tier": e.tier,
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


def cmd_status(args: argparse.Namespace) -> int:
    from app.core.search.vectors import VectorBackfill

    with open_library(args) as library:
        backfill = VectorBackfill(library)
        if args.wait_for_vectors:
            backfill.run(progress=stderr_progress)
            if sys.stderr.isatty():
                print(file=sys.stderr)
        status = backfill.refresh()
    if args.json:
        print_json({"vectors": status.to_json()})
    else:
        print(f"Betydningssøgning ({status.model}): {status.embedded} af {status.total} tekststykker indekseret"
              + ("" if status.complete else f", {status.pending} venter"))  # fmt: skip
    return EXIT_OK


def cmd_demo(_args: argparse.Namespace) -> int:
    """Headless demo: import the shipped demo pack into a throwaway data directory and ask."""
    from app.core.answers.answer import ask
    from app.core.library import Library

    import secrets

    pack, questions = demo_pack()
    # A throwaway data directory: its key is wrapped with a one-off passphrase if no keychain exists.
    with tempfile.TemporaryDirectory(prefix="moedemappe-demo-") as scratch, \
            Library(Path(scratch), passphrase=secrets.token_urlsafe(16)) as library:
        print(f"Importerer demopakken {pack.name} …")
        result = library.import_paths([pack], progress=stderr_progress)
        library.reindex(progress=stderr_progress)  # the demo shows search with its vectors
        print(f"\n{result.title}: {result.pages} sider, {result.chunks} tekststykker.\n")
        question = questions[0]["question"]
        print(f"Spørgsmål: {question}\n")
        print_answer(ask(library, question))
    return EXIT_OK


def cmd_key(args: argparse.Namespace) -> int:
    """Key export and restore for IT (the recovery passphrase: MOEDEMAPPE_RECOVERY_PASSPHRASE or asked)."""
    from app.core.security.keys import KeyStore

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

    from app.core.security.keys import RECOVERY_PASSPHRASE_ENV, environment_secret

    given = environment_secret(RECOVERY_PASSPHRASE_ENV)
    if given or not sys.stdin.isatty():
        return given or ""
    typed = getpass("Gendannelsesadgangskode: ")
    if confirm and typed != getpass("Gentag gendannelsesadgangskoden: "):
        print("Adgangskoderne var ikke ens.", file=sys.stderr)
        return ""
    return typed

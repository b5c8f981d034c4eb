"""User-facing messages of the core and CLI, Danish first.

The Qt UI has its own translations (.ts files); these cover text that the core
produces (errors, CLI output) so that the CLI speaks Danish without Qt.
"""

from __future__ import annotations

import os

DEFAULT_LANG = "da"

_MESSAGES: dict[str, dict[str, str]] = {
    "note_empty": {
        "da": "Teksten er tom: skriv noget, før det gemmes.",
        "en": "The text is empty: write something before saving.",
    },
    "note_missing": {
        "da": "Noten findes ikke længere.",
        "en": "The note no longer exists.",
    },
    "note_document_missing": {
        "da": "Mødet har ingen fil ved navn {document}.",
        "en": "The meeting has no file named {document}.",
    },
    "note_page_missing": {
        "da": "{document} har ingen side {page}.",
        "en": "{document} has no page {page}.",
    },
    "highlight_moved": {
        "da": "flyttet fra s. {old} til s. {new} i den nye version",
        "en": "moved from p. {old} to p. {new} in the new version",
    },
    "highlight_vanished": {
        "da": "teksten findes ikke længere i den nye version af filen",
        "en": "the text is no longer in the new version of the file",
    },
    "export_disabled": {
        "da": "Eksport er slået fra af IT på denne computer.",
        "en": "Export is turned off by IT on this computer.",
    },
    "export_bad_target": {
        "da": "Forberedelsesarket kan ikke skrives til {path}: {detail}",
        "en": "The prep sheet cannot be written to {path}: {detail}",
    },
    "export_bad_format": {
        "da": "Filen skal hedde .pdf eller .docx: {path}",
        "en": "The file name must end in .pdf or .docx: {path}",
    },
    "file_missing": {
        "da": "Filen findes ikke: {path}",
        "en": "File not found: {path}",
    },
    "file_symlink_loop": {
        "da": "Filen er en genvej (symbolsk link), der peger på sig selv i en løkke, og kan ikke åbnes: {path}",
        "en": "The file is a shortcut (symbolic link) that points to itself in a loop and cannot be opened: {path}",
    },
    "file_not_regular": {
        "da": "Det er ikke en almindelig fil (men fx en pipe/FIFO eller en enhed), så den importeres ikke: {path}",
        "en": "This is not an ordinary file (but e.g. a pipe/FIFO or a device), so it is not imported: {path}",
    },
    "file_unreadable": {
        "da": "Du har ikke adgang til at læse filen (filrettigheder). Giv adgang, eller kopiér filen, og prøv igen: {path}",
        "en": "You do not have permission to read the file (file permissions). Grant access, or copy the file, and try again: {path}",
    },
    "file_read_failed": {
        "da": "Filen kunne ikke læses ({detail}): {path}",
        "en": "The file could not be read ({detail}): {path}",
    },
    "file_duplicate": {
        "da": "Samme indhold som {original} i samme import — kun den ene importeres: {path}",
        "en": "The same content as {original} in this import — only one of them is imported: {path}",
    },
    "file_given_twice": {
        "da": "Filen er angivet to gange — den importeres én gang: {path}",
        "en": "The file was given twice — it is imported once: {path}",
    },
    "store_damaged": {
        "da": "Datalageret er beskadiget (fx efter en disk- eller strømfejl), så Mødemappe skriver ikke mere i det. "
              "Det, der kan læses, kan stadig læses. Gendan datamappen fra en sikkerhedskopi, eller kontakt IT. "
              "Kør 'moedemappe check' for detaljer: {path}",
        "en": "The data store is damaged (e.g. after a disk or power failure), so Mødemappe no longer writes to it. "
              "What can be read can still be read. Restore the data folder from a backup, or contact IT. "
              "Run 'moedemappe check' for details: {path}",
    },
    "disk_full": {
        "da": "Disken er fuld, så intet blev gemt. Frigør plads på disken, og prøv igen: {path}",
        "en": "The disk is full, so nothing was saved. Free some disk space and try again: {path}",
    },
    "disk_space_low": {
        "da": "Der er ikke plads nok på disken til importen (brug for ca. {needed_mb} MB, {free_mb} MB fri). "
              "Frigør plads, og prøv igen: {path}",
        "en": "There is not enough disk space for the import (about {needed_mb} MB needed, {free_mb} MB free). "
              "Free some space and try again: {path}",
    },
    "vectors_rebuilt": {
        "da": "Søgeindekset var beskadiget og genopbygges ud fra de gemte dokumenter …",
        "en": "The search index was damaged and is rebuilt from the stored documents …",
    },
    "docx_embedded_only": {
        "da": "Word-dokumentets tekst ligger kun som indlejret indhold (altChunk, fx RTF eller et andet "
              "dokument), som Mødemappe ikke kan læse. Åbn det i Word, og gem det som et almindeligt "
              "Word-dokument eller som PDF, og importér det igen: {path}",
        "en": "The Word document's text is only embedded content (altChunk, e.g. RTF or another document) "
              "that Mødemappe cannot read. Open it in Word, save it as an ordinary Word document or as PDF, "
              "and import it again: {path}",
    },
    "file_empty": {
        "da": "Filen er tom: {path}",
        "en": "The file is empty: {path}",
    },
    "file_unsupported": {
        "da": "Filtypen understøttes ikke (kun PDF, DOCX og scannede billeder i PNG, JPEG eller TIFF): {path}",
        "en": "Unsupported file type (only PDF, DOCX and scanned images in PNG, JPEG or TIFF): {path}",
    },
    "file_not_image": {
        "da": "Filen hedder som et billede (PNG, JPEG eller TIFF), men er ikke et: {path}",
        "en": "The file is named as an image (PNG, JPEG or TIFF) but is not one: {path}",
    },
    "image_too_large": {
        "da": "Billedet er for stort til at blive læst ({megapixels} millioner punkter, grænsen er {limit} "
              "millioner) og importeres ikke af sikkerhedshensyn: {path}",
        "en": "The image is too large to be read ({megapixels} million pixels, the limit is {limit} million) "
              "and is not imported for safety reasons: {path}",
    },
    "image_too_many_pages": {
        "da": "Billedfilen har {pages} sider; mere end {limit} importeres ikke af sikkerhedshensyn: {path}",
        "en": "The image file has {pages} pages; more than {limit} are not imported for safety reasons: {path}",
    },
    "ocr_unavailable": {
        "da": "Filen er scannet, og side {pages} kunne ikke læses, fordi tekstgenkendelse (Tesseract med "
              "dansk) ikke er installeret. Installér pakkerne tesseract-ocr og tesseract-ocr-dan: {path}",
        "en": "The file is scanned, and page(s) {pages} could not be read because text recognition (Tesseract "
              "with Danish) is not installed. Install the packages tesseract-ocr and tesseract-ocr-dan: {path}",
    },
    "note_unread": {
        "da": "Scannede sider kunne ikke læses, fordi tekstgenkendelse (Tesseract med dansk) ikke er "
              "installeret: {pages}. Installér tesseract-ocr og tesseract-ocr-dan, og importér igen.",
        "en": "Scanned pages could not be read because text recognition (Tesseract with Danish) is not "
              "installed: {pages}. Install tesseract-ocr and tesseract-ocr-dan and import again.",
    },
    "note_ocr": {
        "da": "Scannede sider læst med tekstgenkendelse: {files}. Tjek originalen, hvor sikkerheden er lav.",
        "en": "Scanned pages read by text recognition: {files}. Check the original where the confidence is low.",
    },
    "file_not_pdf": {
        "da": "Filen hedder .pdf, men er ikke en PDF-fil: {path}",
        "en": "The file is named .pdf but is not a PDF file: {path}",
    },
    "file_not_docx": {
        "da": "Filen hedder .docx, men er ikke et Word-dokument: {path}",
        "en": "The file is named .docx but is not a Word document: {path}",
    },
    "file_too_large": {
        "da": "Filen er for stor ({size_mb} MB, højst {limit_mb} MB): {path}",
        "en": "The file is too large ({size_mb} MB, at most {limit_mb} MB): {path}",
    },
    "pdf_encrypted": {
        "da": "PDF-filen er beskyttet med adgangskode og kan ikke importeres: {path}",
        "en": "The PDF is password-protected and cannot be imported: {path}",
    },
    "pdf_truncated": {
        "da": "PDF-filen er ufuldstændig — den er nok ikke blevet hentet helt. Hent den igen: {path}",
        "en": "The PDF is incomplete — it was probably not downloaded completely. Download it again: {path}",
    },
    "too_many_pages": {
        "da": "Filen har for mange sider ({pages}, højst {limit}): {path}",
        "en": "The file has too many pages ({pages}, at most {limit}): {path}",
    },
    "docx_too_large": {
        "da": "Word-dokumentet fylder for meget, når det pakkes ud ({size_mb} MB, højst {limit_mb} MB), "
              "og kan være en zip-bombe: {path}",
        "en": "The Word document is too large when unpacked ({size_mb} MB, at most {limit_mb} MB) "
              "and may be a zip bomb: {path}",
    },
    "docx_unsafe_xml": {
        "da": "Word-dokumentet indeholder XML-erklæringer (DOCTYPE/ENTITY), som Word aldrig skriver, "
              "og importeres ikke af sikkerhedshensyn: {path}",
        "en": "The Word document contains XML declarations (DOCTYPE/ENTITY) that Word never writes "
              "and is not imported for safety reasons: {path}",
    },
    "file_damaged": {
        "da": "Filen er beskadiget og kan ikke læses: {path}",
        "en": "The file is damaged and cannot be read: {path}",
    },
    "parse_timeout": {
        "da": "Det tog for lang tid at læse filen, og importen blev stoppet: {path}",
        "en": "Reading the file took too long and the import was stopped: {path}",
    },
    "no_text": {
        "da": "Filen indeholder ingen læsbar tekst, heller ikke med tekstgenkendelse af scannede sider: {path}",
        "en": "The file contains no readable text, not even with text recognition of scanned pages: {path}",
    },
    "no_files": {
        "da": "Der er ingen PDF-, DOCX- eller billedfiler i: {path}",
        "en": "There are no PDF, DOCX or image files in: {path}",
    },
    "several_meetings": {
        "da": "Filerne hører til flere møder ({meetings}). En import er ét møde: dagsorden eller referat "
              "med bilag. Importér møderne hver for sig, eller læg hvert møde i sin egen mappe.",
        "en": "The files belong to several meetings ({meetings}). One import is one meeting: its agenda or "
              "minutes with their bilag. Import the meetings one at a time, or put each in a folder of its own.",
    },
    "nothing_imported": {
        "da": "Ingen af filerne kunne importeres: {details}",
        "en": "None of the files could be imported: {details}",
    },
    "note_unstructured": {
        "da": "Ingen dagsordenspunkter fundet — dokumentet er importeret som sider.",
        "en": "No agenda items found — the document was imported as pages.",
    },
    "note_replaced": {
        "da": "Erstattede den tidligere version af: {files}",
        "en": "Replaced the earlier version of: {files}",
    },
    "note_linked": {
        "da": "Bilag knyttet til punkt: {links}",
        "en": "Attachments linked to items: {links}",
    },
    "note_textless": {
        "da": "{pages} side(r) uden læsbar tekst (tomme sider, billeder eller kort) kan ikke søges i.",
        "en": "{pages} page(s) without readable text (blank pages, pictures or maps) cannot be searched.",
    },
    "note_held": {
        "da": "{file}, side {pages} behandles som lukkede — skjult i præsentationstilstand og mærket fortrolige — "
              "indtil du bekræfter, at de er åbne ({reasons}): moedemappe confirm-open {meeting_id} --page N, "
              "eller i vinduet: højreklik på mødet → »Bekræft åbne sider …«.",
        "en": "{file}, page(s) {pages} are treated as closed — hidden in presentation mode and marked "
              "confidential — until you confirm that they are open ({reasons}): moedemappe confirm-open "
              "{meeting_id} --page N, or in the window: right-click the meeting → \"Confirm open pages …\".",
    },
    "held_reason_contents_closed": {
        "da": "indholdsfortegnelsen viser lukkede punkters titler",
        "en": "the contents show closed items' titles",
    },
    "item_closed_hidden": {
        "da": "Punkt {item} er lukket og vises ikke i præsentationstilstand.",
        "en": "Item {item} is closed and is not shown in presentation mode.",
    },
    "pages_not_held": {
        "da": "Side {pages} i møde {meeting_id} er ikke holdt som lukket.",
        "en": "Page(s) {pages} of meeting {meeting_id} are not held as closed.",
    },
    "held_reason_contents_missing": {
        "da": "strukturen er usikker: indholdsfortegnelsen nævner et punkt, der ikke blev fundet",
        "en": "the structure is uncertain: the contents list an item that was not found",
    },
    "held_reason_closed_marker": {
        "da": "siden nævner et lukket punkt (»Lukket«, »lukket punkt« eller »§ 9 a«) uden for de lukkede punkter",
        "en": "the page mentions a closed item (\"Lukket\", \"lukket punkt\" or \"§ 9 a\") outside the closed items",
    },
    "cli_item_required": {
        "da": "Angiv punktet med --item N.",
        "en": "Give the item with --item N.",
    },
    "cli_document_required": {
        "da": "Angiv filen med --document FILNAVN.",
        "en": "Give the file with --document FILENAME.",
    },
    "cli_link_item_or_unlink": {
        "da": "Angiv enten --item N (knyt filen til punktet) eller --unlink (fjern tilknytningen).",
        "en": "Give either --item N (link the file to the item) or --unlink (remove the link).",
    },
    "mark_invalid": {
        "da": "Ukendt markering: {mark}. Brug »read« (læst) eller »prepared« (forberedt).",
        "en": "Unknown mark: {mark}. Use \"read\" or \"prepared\".",
    },
    "link_document_missing": {
        "da": "Møde {meeting_id} har ingen fil ved navn {document}. Se filnavnene med 'moedemappe list'.",
        "en": "Meeting {meeting_id} has no file named {document}. See the file names with 'moedemappe list'.",
    },
    "link_not_bilag": {
        "da": "{document} kan ikke knyttes til et punkt: det er selve dagsordenen/referatet eller en optagelses udskrift.",
        "en": "{document} cannot be linked to an item: it is the agenda/minutes itself or a recording's transcript.",
    },
    "document_not_linked": {
        "da": "{document} er ikke knyttet til noget punkt.",
        "en": "{document} is not linked to any item.",
    },
    "meeting_missing": {
        "da": "Mødet findes ikke: {meeting_id}",
        "en": "No such meeting: {meeting_id}",
    },
    "model_missing": {
        "da": "Sprogmodellen mangler eller er ikke bekræftet ({name}). Kør 'make run' eller 'moedemappe models verify'.",
        "en": "The language model is missing or unverified ({name}). Run 'make run' or 'moedemappe models verify'.",
    },
    "manifest_broken": {
        "da": "Modeloversigten (models/manifest.toml) kan ikke læses: {detail}",
        "en": "The model manifest (models/manifest.toml) cannot be read: {detail}",
    },
    # --- the llama.cpp build and the model self-check (app/core/models/buildcheck.py, selfcheck.py) ---
    "llama_build_not_portable": {
        "da": "llama.cpp er bygget til byggemaskinens processor, ikke til den bærbare basislinje (AVX2): "
              "{found}. Sådan en build går ned (AMX) eller stopper med SIGILL på andre computere. "
              "Byg den igen med packaging/build_llama.sh: make clean && make setup.",
        "en": "llama.cpp was built for the build machine's processor, not for the portable baseline (AVX2): "
              "{found}. Such a build crashes (AMX) or stops with SIGILL on other computers. "
              "Rebuild it with packaging/build_llama.sh: make clean && make setup.",
    },
    "llama_build_portable": {
        "da": "llama.cpp er bygget til den bærbare basislinje (ingen AVX-512/AMX): {path}",
        "en": "llama.cpp is built for the portable baseline (no AVX-512/AMX): {path}",
    },
    "llama_build_missing": {
        "da": "llama.cpp's biblioteker findes ikke ({path}). Kør make setup.",
        "en": "llama.cpp's libraries are missing ({path}). Run make setup.",
    },
    "llama_build_no_objdump": {
        "da": "objdump mangler, så llama.cpp-bygget kan ikke kontrolleres. Installér binutils: "
              "sudo apt-get install binutils",
        "en": "objdump is missing, so the llama.cpp build cannot be checked. Install binutils: "
              "sudo apt-get install binutils",
    },
    "llama_build_check_skipped": {
        "da": "Kontrol af llama.cpp-bygget springes over på {platform} (kun x86-64 Linux har AVX-512/AMX-risikoen her).",
        "en": "The llama.cpp build check is skipped on {platform} (only x86-64 Linux has the AVX-512/AMX risk here).",
    },
    "model_selfcheck_crashed": {
        "da": "Sprogmodellen {name} gik ned under selvtesten ({signal}). Processoren melder: {cpu}. llama.cpp "
              "bruger sandsynligvis instruktioner, som ikke virker her (AVX-512/AMX, eller mere end AVX2). "
              "Byg llama.cpp igen til den bærbare basislinje med packaging/build_llama.sh: "
              "make clean && make setup.",
        "en": "The language model {name} crashed during the self-check ({signal}). The processor reports: {cpu}. "
              "llama.cpp probably uses instructions that do not work here (AVX-512/AMX, or more than AVX2). "
              "Rebuild llama.cpp for the portable baseline with packaging/build_llama.sh: "
              "make clean && make setup.",
    },
    "cpu_below_baseline": {
        "da": " Processoren har ikke AVX2, som basislinjen kræver: byg uden, med make clean && "
              "MOEDEMAPPE_EXTRA_CMAKE_ARGS=\"-DGGML_AVX2=OFF -DGGML_FMA=OFF -DGGML_F16C=OFF -DGGML_BMI2=OFF\" make setup.",
        "en": " The processor lacks AVX2, which the baseline needs: build without it, with make clean && "
              "MOEDEMAPPE_EXTRA_CMAKE_ARGS=\"-DGGML_AVX2=OFF -DGGML_FMA=OFF -DGGML_F16C=OFF -DGGML_BMI2=OFF\" make setup.",
    },
    "model_selfcheck_ok": {
        "da": "Selvtest af {name}: {tokens} tokens på {seconds:.1f} s – llama.cpp virker på denne processor.",
        "en": "Self-check of {name}: {tokens} tokens in {seconds:.1f} s – llama.cpp works on this processor.",
    },
    "model_selfcheck_failed": {
        "da": "Selvtesten af sprogmodellen {name} fejlede: {detail}",
        "en": "The self-check of the language model {name} failed: {detail}",
    },
    "cpu_flags_unknown": {"da": "ukendt", "en": "unknown"},
    "word_yes": {"da": "ja", "en": "yes"},
    "word_no": {"da": "nej", "en": "no"},
    "policy_broken": {
        "da": "IT-politikken ({path}) kan ikke læses, så Mødemappe starter ikke. Kontakt IT. ({detail})",
        "en": "The IT policy ({path}) cannot be read, so Mødemappe will not start. Contact IT. ({detail})",
    },
    "model_rejected": {
        "da": "Sprogmodellen {name} kan ikke bruges: filen passer ikke med modeloversigten (sha256). Kontakt IT.",
        "en": "The model {name} cannot be used: the file does not match the manifest (sha256). Contact IT.",
    },
    "question_too_long": {
        "da": "Spørgsmålet er for langt til sprogmodellen ({tokens} af højst {limit} tegn). Gør det kortere.",
        "en": "The question is too long for the language model ({tokens} of at most {limit} characters). Shorten it.",
    },
    "file_changed": {
        "da": "Filen blev ændret eller flyttet under importen, så intet blev importeret. Prøv igen: {path}",
        "en": "The file changed or moved during the import, so nothing was imported. Try again: {path}",
    },
    "app_locked": {
        "da": "Mødemappe er låst. Lås op for at fortsætte.",
        "en": "Mødemappe is locked. Unlock to continue.",
    },
    "model_crashed": {
        "da": "Sprogmodellen stoppede uventet. Prøv igen.",
        "en": "The language model stopped unexpectedly. Please try again.",
    },
    "empty_question": {
        "da": "Skriv et spørgsmål.",
        "en": "Please type a question.",
    },
    "data_dir_locked": {
        "da": "Mødemappe kører allerede med denne datamappe: {path}",
        "en": "Mødemappe is already running with this data folder: {path}",
    },
    "passphrase_needed": {
        "da": "Datamappen er krypteret med en adgangskode. Angiv den i MOEDEMAPPE_PASSPHRASE "
              "(der findes ingen nøglering på denne maskine).",
        "en": "The data folder is encrypted with a passphrase. Set it in MOEDEMAPPE_PASSPHRASE "
              "(this machine has no keychain).",
    },
    "wrong_passphrase": {
        "da": "Forkert adgangskode til datamappen.",
        "en": "Wrong passphrase for the data folder.",
    },
    "key_missing": {
        "da": "Nøglen til datamappen findes ikke i systemets nøglering, så data kan ikke åbnes: {path}. "
              "Bed IT gendanne nøglen med 'moedemappe key restore NØGLEFIL' fra en nøgleeksport.",
        "en": "The data folder's key is not in the system keychain, so the data cannot be opened: {path}. "
              "Ask IT to restore the key with 'moedemappe key restore KEYFILE' from a key export.",
    },
    "key_file_missing": {
        "da": "Nøglefilen mangler: {path}. Datamappen indeholder krypterede data, så Mødemappe laver ikke en "
              "ny nøgle (så ville data gå tabt for altid). Læg key.json tilbage fra en sikkerhedskopi af "
              "datamappen, eller bed IT gendanne nøglen med 'moedemappe key restore NØGLEFIL' fra en nøgleeksport.",
        "en": "The key file is missing: {path}. The data folder holds encrypted data, so Mødemappe does not make "
              "a new key (the data would be lost for good). Put key.json back from a backup of the data folder, "
              "or ask IT to restore the key with 'moedemappe key restore KEYFILE' from a key export.",
    },
    "keychain_entry_exists": {
        "da": "Systemets nøglering har allerede en anden nøgle til denne datamappe, og den overskrives ikke: "
              "{path}. Bed IT om at fjerne posten »Moedemappe« i nøgleringen, hvis den ikke skal bruges.",
        "en": "The system keychain already holds another key for this data folder, and it is not overwritten: "
              "{path}. Ask IT to remove the »Moedemappe« entry from the keychain if it is not needed.",
    },
    "key_file_exists": {
        "da": "Datamappen har allerede en nøglefil, men ingen database, som nøgleeksporten kan prøves mod; "
              "nøglefilen overskrives ikke: {path}",
        "en": "The data folder already has a key file but no database to check the key export against; "
              "the key file is not overwritten: {path}",
    },
    "recovery_passphrase_needed": {
        "da": "Angiv en gendannelsesadgangskode (eller sæt MOEDEMAPPE_RECOVERY_PASSPHRASE).",
        "en": "Give a recovery passphrase (or set MOEDEMAPPE_RECOVERY_PASSPHRASE).",
    },
    "wrong_recovery_passphrase": {
        "da": "Forkert gendannelsesadgangskode til nøgleeksporten.",
        "en": "Wrong recovery passphrase for the key export.",
    },
    "key_export_exists": {
        "da": "Filen findes allerede og overskrives ikke: {path}",
        "en": "The file already exists and is not overwritten: {path}",
    },
    "key_export_failed": {
        "da": "Nøglen kunne ikke eksporteres til {path}: {detail}",
        "en": "The key could not be exported to {path}: {detail}",
    },
    "key_export_unreadable": {
        "da": "Filen er ikke en nøgleeksport fra Mødemappe (eller den er beskadiget): {path}",
        "en": "The file is not a Mødemappe key export (or it is damaged): {path}",
    },
    "key_export_wrong_store": {
        "da": "Nøgleeksporten passer ikke til denne datamappe – den åbner ikke databasen: {path}",
        "en": "The key export does not belong to this data folder – it does not open the database: {path}",
    },
    "key_file_damaged": {
        "da": "Nøglefilen er beskadiget: {path}",
        "en": "The key file is damaged: {path}",
    },
    "store_unreadable": {
        "da": "Databasen kan ikke åbnes med denne nøgle (forkert nøgle eller beskadiget fil): {path}",
        "en": "The database cannot be opened with this key (wrong key or damaged file): {path}",
    },
    "cancelled": {
        "da": "Annulleret.",
        "en": "Cancelled.",
    },
    "not_in_material": {
        "da": "Det fremgår ikke af materialet.",
        "en": "The material does not say.",
    },
    "answer_model_missing": {
        "da": "Sprogmodellen er ikke installeret, så svaret er citater fra materialet.",
        "en": "The language model is not installed, so the answer quotes the material.",
    },
    "answer_model_rejected": {
        "da": "Sprogmodellen kunne ikke bruges (filen passer ikke med modeloversigten), så svaret er citater "
              "fra materialet. Kontakt IT.",
        "en": "The language model could not be used (its file does not match the manifest), so the answer "
              "quotes the material. Contact IT.",
    },
    "answer_model_crashed": {
        "da": "Sprogmodellen stoppede uventet, så svaret er citater fra materialet. Genstart sprogmodellen "
              "for at prøve igen.",
        "en": "The language model stopped unexpectedly, so the answer quotes the material. Restart the "
              "model to try again.",
    },
    "answer_model_timeout": {
        "da": "Sprogmodellen svarede ikke i tide, så svaret er citater fra materialet.",
        "en": "The language model did not answer in time, so the answer quotes the material.",
    },
    "answer_model_error": {
        "da": "Sprogmodellen kunne ikke bruges, så svaret er citater fra materialet.",
        "en": "The language model could not be used, so the answer quotes the material.",
    },
    "answer_model_unverified": {
        "da": "Sprogmodellens eget svar kunne ikke bekræftes i kilderne, så svaret er citater fra materialet.",
        "en": "The language model's own answer could not be verified in the sources, so the answer quotes "
              "the material.",
    },
    "written_by": {
        "da": "Skrevet af: {author}",
        "en": "Written by: {author}",
    },
    "written_by_quotes": {
        "da": "citater fra materialet (ingen sprogmodel)",
        "en": "quotes from the material (no language model)",
    },
    "answer_model_not_found": {
        "da": "Sprogmodellen fandt ikke svaret i kilderne, men de siger meget af det, du spørger om. Her er "
              "citaterne – læs efter i kilderne.",
        "en": "The language model did not find the answer in the sources, but they say much of what you ask "
              "about. Here are the quotes – check the sources.",
    },
    "answer_stopped": {
        "da": "Stoppet. Svaret er citater fra materialet.",
        "en": "Stopped. The answer quotes the material.",
    },
    "confidential_label": {
        "da": "Fortroligt – lukket punkt",
        "en": "Confidential – closed item",
    },
    "voting_advice": {
        "da": "Jeg kan ikke rådgive om, hvordan du skal stemme – det er din politiske beslutning. "
              "Jeg kan forklare materialet, og her er, hvad det siger om sagen:",
        "en": "I cannot advise you on how to vote – that is your political decision. "
              "I can explain the material, and this is what it says about the matter:",
    },
    "assistant_role": {
        "da": "Mødemappe forklarer materialet – du træffer selv beslutningen.",
        "en": "Mødemappe explains the material – you make the decision.",
    },
    "item_missing": {
        "da": "Møde {meeting_id} har intet punkt {item}.",
        "en": "Meeting {meeting_id} has no item {item}.",
    },
    "brief_subject": {"da": "Sagen", "en": "The matter"},
    "brief_summary": {"da": "Resumé", "en": "Summary"},
    "brief_summary_by": {"da": "resumé skrevet af {model}, hver sætning bekræftet i kilderne",
                         "en": "summary written by {model}, every sentence verified in the sources"},
    "brief_recommendation": {"da": "Indstilling", "en": "Recommendation"},
    "brief_decision": {"da": "Beslutning", "en": "Decision"},
    "brief_economy": {"da": "Økonomi", "en": "Economy"},
    "brief_deadline": {"da": "Frister", "en": "Deadlines"},
    "brief_earlier": {"da": "Sagsforløb", "en": "Case history"},
    "brief_no_history": {"da": "Ingen tidligere behandling fundet", "en": "No earlier treatment found"},
    "brief_same_title": {"da": "samme titel", "en": "same title"},
    "brief_bilag_pages": {"da": "{pages} sider", "en": "{pages} pages"},
    "brief_bilag_by_hand": {"da": "knyttet i hånden", "en": "linked by hand"},
    "brief_bilag_missing": {"da": "filen er ikke importeret", "en": "the file is not imported"},
    "brief_bilag_missing_many": {"da": "filerne er ikke importeret", "en": "the files are not imported"},
    "brief_no_bilag": {"da": "Punktet har ingen bilag.", "en": "The item has no attachments."},
    "brief_overview": {"da": "Oversigt", "en": "Overview"},
    "brief_chapter": {"da": "Kapitel {number}", "en": "Chapter {number}"},
    "brief_before_chapters": {"da": "Før første kapitel", "en": "Before the first chapter"},
    "brief_handbook_item": {
        "da": "»{title}« er et dokument i Håndbogen og har ingen dagsordenspunkter. "
              "Brug 'brief {meeting_id}' uden --item for en oversigt over kapitler og §.",
        "en": "\"{title}\" is a handbook document and has no agenda items. "
              "Use 'brief {meeting_id}' without --item for an overview of its chapters and §.",
    },
    "brief_handbook_no_outline": {
        "da": "»{title}« er et dokument i Håndbogen, ikke et møde, og har ingen kapitler eller § at give "
              "overblik over. Stil et spørgsmål til det i stedet.",
        "en": "\"{title}\" is a handbook document, not a meeting, and has no chapters or § to give an "
              "overview of. Ask a question about it instead.",
    },
    "brief_later": {"da": "Senere behandling", "en": "Later treatment"},
    "brief_attachments": {"da": "Bilag", "en": "Attachments"},
    "brief_closed_text": {
        "da": "Materialet er fortroligt og må ikke videregives.",
        "en": "The material is confidential and must not be passed on.",
    },
    "brief_no_decision": {
        "da": "på dagsordenen (ingen beslutning i materialet)",
        "en": "on the agenda (no decision in the material)",
    },
    "brief_item": {"da": "Punkt {number}", "en": "Item {number}"},
    "brief_attention": {"da": "Kræver opmærksomhed", "en": "Needs attention"},
    "brief_attention_closed": {"da": "lukket punkt", "en": "closed item"},
    "brief_attention_amount": {"da": "beløb: {amount}", "en": "amount: {amount}"},
    "brief_attention_deadline": {"da": "frist: {deadline}", "en": "deadline: {deadline}"},
    "brief_empty": {"da": "Punktet har ingen tekst i materialet.", "en": "The item has no text in the material."},
    "brief_title": {"da": "Briefing", "en": "Briefing"},
    "sources": {"da": "Kilder", "en": "Sources"},
    "already_imported": {
        "da": "Allerede importeret",
        "en": "Already imported",
    },
    "internal_error": {
        "da": "Der opstod en intern fejl: {detail}",
        "en": "An internal error occurred: {detail}",
    },
    "unknown_command": {
        "da": "ukendt kommando: {command!r}. Kommandoerne er: {commands} (se --help)",
        "en": "unknown command: {command!r}. The commands are: {commands} (see --help)",
    },
    "import_is_recording": {
        "da": "{path} er en optagelse eller undertekster, ikke mødepapirer. Knyt den til et møde med: "
              "moedemappe recording attach MØDE_ID FIL",
        "en": "{path} is a recording or subtitles, not meeting papers. Attach it to a meeting with: "
              "moedemappe recording attach MEETING_ID FILE",
    },
    "recording_interrupted": {
        "da": "Transskriptionen er afbrudt; det transskriberede er gemt. Fortsæt med: moedemappe recording transcribe {recording_id}",
        "en": "The transcription was interrupted; what was transcribed is kept. Continue with: moedemappe recording transcribe {recording_id}",
    },
    "recording_unsupported": {
        "da": "Filtypen understøttes ikke som optagelse (kun mp4, mkv, mp3, m4a, wav, srt og vtt): {path}",
        "en": "Unsupported recording type (only mp4, mkv, mp3, m4a, wav, srt and vtt): {path}",
    },
    "recording_damaged": {
        "da": "Optagelsen er beskadiget eller ikke en lyd- eller videofil og kan ikke importeres: {path}",
        "en": "The recording is damaged or not an audio or video file and cannot be imported: {path}",
    },
    "recording_no_audio": {
        "da": "Optagelsen har ingen lyd, så den kan ikke transskriberes: {path}",
        "en": "The recording has no sound, so it cannot be transcribed: {path}",
    },
    "subtitles_damaged": {
        "da": "Undertekstfilen kan ikke læses – den er beskadiget eller ikke i SRT- eller WebVTT-format: {path}",
        "en": "The subtitle file cannot be read – it is damaged or not in SRT or WebVTT format: {path}",
    },
    "subtitles_empty": {
        "da": "Undertekstfilen indeholder ingen tekster: {path}",
        "en": "The subtitle file contains no text: {path}",
    },
    "recording_missing": {
        "da": "Optagelsen findes ikke: {recording_id}",
        "en": "No such recording: {recording_id}",
    },
    "recording_moved": {
        "da": "Optagelsen er flyttet eller ændret siden importen. Importér den igen fra dens nye placering: {path}",
        "en": "The recording was moved or changed after the import. Import it again from where it is now: {path}",
    },
    "speech_model_missing": {
        "da": "Talemodellen til transskription af optagelser mangler eller er ikke bekræftet. "
              "Kør 'make run' eller 'moedemappe models verify'.",
        "en": "The speech model for transcribing recordings is missing or unverified. "
              "Run 'make run' or 'moedemappe models verify'.",
    },
    "transcription_failed": {
        "da": "Transskriptionen af optagelsen stoppede uventet. Prøv igen – den fortsætter, hvor den slap: {path}",
        "en": "Transcribing the recording stopped unexpectedly. Try again – it continues where it stopped: {path}",
    },
}


def template(key: str, lang: str = DEFAULT_LANG) -> str:
    """The unformatted message, e.g. for tests that match what the user saw."""
    return _MESSAGES[key][lang]


def current_lang() -> str:
    lang = os.environ.get("MOEDEMAPPE_LANG", DEFAULT_LANG)
    return lang if lang in ("da", "en") else DEFAULT_LANG


def tr(key: str, lang: str | None = None, **params: object) -> str:
    texts = _MESSAGES[key]
    return texts.get(lang or current_lang(), texts[DEFAULT_LANG]).format(**params)


class UserError(Exception):
    """Bad input or a state the user can fix: shown as a message, CLI exit code 2."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def message(self, lang: str | None = None) -> str:
        return tr(self.key, lang, **self.params)

    def __str__(self) -> str:
        return self.message()


class Cancelled(Exception):
    """Raised inside long operations when the user pressed Cancel/Stop."""

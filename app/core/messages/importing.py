"""Messages of importing files: a file that cannot be read or is not accepted (and why), the
import's progress, and the notes an import leaves on a meeting (pages held as closed, OCR, replaced files).

Part of the one message table of app.core.messages (which merges them and looks keys up).
"""

MESSAGES: dict[str, dict[str, str]] = {
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
    "disk_space_low": {
        "da": "Der er ikke plads nok på disken til importen (brug for ca. {needed_mb} MB, {free_mb} MB fri). "
              "Frigør plads, og prøv igen: {path}",
        "en": "There is not enough disk space for the import (about {needed_mb} MB needed, {free_mb} MB free). "
              "Free some space and try again: {path}",
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
        "da": "Filtypen understøttes ikke (kun PDF, DOCX, scannede billeder i PNG, JPEG eller TIFF, gemte "
              "websider (.html, .mhtml) og e-mails (.eml, .msg)): {path}",
        "en": "Unsupported file type (only PDF, DOCX, scanned images in PNG, JPEG or TIFF, saved web pages "
              "(.html, .mhtml) and e-mails (.eml, .msg)): {path}",
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
    # Import progress (app.core.importing.pipeline): the stage, how far, and the time left.
    "progress_opening": {
        "da": "Læser {name} …",
        "en": "Reading {name} …",
    },
    "progress_reading": {
        "da": "Læser side {done} af {total} ({name})",
        "en": "Reading page {done} of {total} ({name})",
    },
    "progress_reading_scanned": {
        "da": "Læser scannet side {done} af {total} med tekstgenkendelse ({name})",
        "en": "Reading scanned page {done} of {total} with text recognition ({name})",
    },
    "progress_structure": {
        "da": "Finder punkter og afsnit, fil {done} af {total} ({name})",
        "en": "Finding items and sections, file {done} of {total} ({name})",
    },
    "progress_chunking": {
        "da": "Deler teksten op i tekststykker …",
        "en": "Splitting the text into passages …",
    },
    "progress_saving": {
        "da": "Gemmer …",
        "en": "Saving …",
    },
    "progress_done": {
        "da": "Færdig",
        "en": "Done",
    },
    "progress_time_left_s": {
        "da": "{message} — ca. {seconds} s tilbage",
        "en": "{message} — about {seconds} s left",
    },
    "progress_time_left_min": {
        "da": "{message} — ca. {minutes} min tilbage",
        "en": "{message} — about {minutes} min left",
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
        "da": "Der er ingen PDF-, DOCX-, billed-, webside- eller e-mail-filer i: {path}",
        "en": "There are no PDF, DOCX, image, web page or e-mail files in: {path}",
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
    "file_changed": {
        "da": "Filen blev ændret eller flyttet under importen, så intet blev importeret. Prøv igen: {path}",
        "en": "The file changed or moved during the import, so nothing was imported. Try again: {path}",
    },
    "already_imported": {
        "da": "Allerede importeret",
        "en": "Already imported",
    },
}

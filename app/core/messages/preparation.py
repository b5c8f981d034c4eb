"""Messages of the user's own preparation: notes, highlights, questions, read/prepared marks, bilag
linked by hand, and exporting the prep sheet.

Part of the one message table of app.core.messages (which merges them and looks keys up).
"""

MESSAGES: dict[str, dict[str, str]] = {
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
}

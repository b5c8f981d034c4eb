"""Messages of saved web pages and e-mails (app.core.ingest.web, mail, webpack): a page or mail that
is refused, and how a citation names a section.

Part of the one message table of app.core.messages (which merges them and looks keys up).
"""

MESSAGES: dict[str, dict[str, str]] = {
    # --- web pages and e-mails (ingest/web.py, ingest/mail.py) ---
    "file_not_html": {
        "da": "Filen hedder som en gemt webside (.html, .htm, .mht, .mhtml), men er ikke en: {path}",
        "en": "The file is named as a saved web page (.html, .htm, .mht, .mhtml) but is not one: {path}",
    },
    "html_too_large": {
        "da": "Websiden er for stor (højst {limit_mb} MB) – den indeholder nok store indlejrede billeder eller "
              "data. Gem siden igen uden billeder, eller udskriv den til PDF: {path}",
        "en": "The web page is too large (at most {limit_mb} MB) – it probably holds large inline images or "
              "data. Save the page again without images, or print it to PDF: {path}",
    },
    "html_too_complex": {
        "da": "Websiden består af flere elementer, end en almindelig side har, og importeres ikke af "
              "sikkerhedshensyn. Udskriv den til PDF, og importér PDF-filen: {path}",
        "en": "The web page has more elements than an ordinary page and is not imported for safety "
              "reasons. Print it to PDF and import the PDF: {path}",
    },
    "html_unsafe_markup": {
        "da": "Websiden indeholder erklæringer (ENTITY/ELEMENT), som almindelige websider aldrig har, og som "
              "kan bruges til angreb. Den importeres ikke af sikkerhedshensyn: {path}",
        "en": "The web page contains declarations (ENTITY/ELEMENT) that ordinary web pages never have and "
              "that can be used for attacks. It is not imported for safety reasons: {path}",
    },
    "mail_not_mail": {
        "da": "Filen hedder .eml, men er ikke en gemt e-mail: {path}",
        "en": "The file is named .eml but is not a saved e-mail: {path}",
    },
    "mail_not_msg": {
        "da": "Filen hedder .msg, men er ikke en Outlook-e-mail: {path}",
        "en": "The file is named .msg but is not an Outlook e-mail: {path}",
    },
    "msg_reader_missing": {
        "da": "Outlook-filer (.msg) kan ikke læses på denne installation. Gem e-mailen som .eml i Outlook "
              "(Filer ▸ Gem som) og importér den igen – eller bed IT installere udvidelsen 'outlook': {path}",
        "en": "Outlook files (.msg) cannot be read on this installation. Save the e-mail as .eml in Outlook "
              "(File ▸ Save As) and import it again – or ask IT to install the 'outlook' extra: {path}",
    },
    "mail_damaged": {
        "da": "E-mailen er beskadiget og kan ikke læses: {path}",
        "en": "The e-mail is damaged and cannot be read: {path}",
    },
    "mail_too_complex": {
        "da": "E-mailen er bygget op af flere dele eller flere lag, end en almindelig e-mail har, og importeres "
              "ikke af sikkerhedshensyn: {path}",
        "en": "The e-mail has more parts or more nested levels than an ordinary e-mail and is not imported "
              "for safety reasons: {path}",
    },
    "mail_attachment_unsupported": {
        "da": "Den vedhæftede fil importeres ikke (kun PDF, DOCX og billeder; zip-filer pakkes ikke ud): {name}",
        "en": "The attached file is not imported (only PDF, DOCX and images; zip files are not unpacked): {name}",
    },
    "mail_attachment_too_large": {
        "da": "Den vedhæftede fil er for stor (højst {limit_mb} MB) og importeres ikke: {name}",
        "en": "The attached file is too large (at most {limit_mb} MB) and is not imported: {name}",
    },
    "citation_section": {
        "da": "afsnit",
        "en": "section",
    },
}

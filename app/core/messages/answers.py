"""Messages of the assistant's answers and briefings: why an answer quotes the material instead of
the model's words, who wrote it, and the briefing's part names and phrases.

Part of the one message table of app.core.messages (which merges them and looks keys up).
"""

MESSAGES: dict[str, dict[str, str]] = {
    "question_too_long": {
        "da": "Spørgsmålet er for langt til sprogmodellen ({tokens} af højst {limit} tegn). Gør det kortere.",
        "en": "The question is too long for the language model ({tokens} of at most {limit} characters). Shorten it.",
    },
    "empty_question": {
        "da": "Skriv et spørgsmål.",
        "en": "Please type a question.",
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
}

"""Messages of the encrypted store and its key: a damaged or unreadable store, a full disk, the
data folder's lock, the passphrase, the keychain and key export, the IT policy, the app lock.

Part of the one message table of app.core.messages (which merges them and looks keys up).
"""

MESSAGES: dict[str, dict[str, str]] = {
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
    "vectors_rebuilt": {
        "da": "Søgeindekset var beskadiget og genopbygges ud fra de gemte dokumenter …",
        "en": "The search index was damaged and is rebuilt from the stored documents …",
    },
    "policy_broken": {
        "da": "IT-politikken ({path}) kan ikke læses, så Mødemappe starter ikke. Kontakt IT. ({detail})",
        "en": "The IT policy ({path}) cannot be read, so Mødemappe will not start. Contact IT. ({detail})",
    },
    "app_locked": {
        "da": "Mødemappe er låst. Lås op for at fortsætte.",
        "en": "Mødemappe is locked. Unlock to continue.",
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
}

"""Messages of meeting recordings and subtitles: what cannot be attached or transcribed, and why.

Part of the one message table of app.core.messages (which merges them and looks keys up).
"""

MESSAGES: dict[str, dict[str, str]] = {
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

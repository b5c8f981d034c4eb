"""Meeting recordings: import, local transcription, agenda chapters and the searchable transcript."""

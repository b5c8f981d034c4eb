"""The encrypted store and what lives in it: the SQLCipher database (meetings, documents, pages,
items, chunks, recordings, the full-text index, the audit log), its integrity and disk-space checks,
and the user's notes, highlights and questions."""

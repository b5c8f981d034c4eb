"""Turning files into pages of text with provenance: sniffing, isolated extraction, OCR, structure
(items, sections, closed items) and chunking. It reads files; it neither stores nor searches."""

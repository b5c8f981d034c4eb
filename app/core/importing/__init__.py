"""Putting meeting packs into the library: the import pipeline (parse ▸ structure ▸ chunk ▸ store, then
vectors in the background) and the watched folder. Reading files is ingest/'s; keeping them, store/'s."""

"""Finding passages: the vector index (chromadb), the background vector backlog, second-stage
ranking and results shown as pages. The lexical (full-text) side lives in the store."""

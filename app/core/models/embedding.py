"""Sentence embeddings with onnxruntime (runs inside the model worker child).

Mean pooling over the last hidden state, L2-normalised: the sentence-transformers
recipe for MiniLM/E5-style encoders, so IT can swap in a multilingual ONNX model
with a manifest entry.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

BATCH = 16


class OnnxEmbedder:
    def __init__(self, model: Path, tokenizer: Path, max_tokens: int, threads: int) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        self._tokenizer = Tokenizer.from_file(str(tokenizer))
        self._tokenizer.enable_truncation(max_tokens)
        self._tokenizer.enable_padding()
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        # onnxruntime's threads spin after each run by default: embedding one search question then
        # burned 25-35 ms of CPU instead of 8-10 (same wall time), taken from the search's own
        # full-text query on a 2-core machine. Batches of passages embed as fast without spinning.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._session = onnxruntime.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
        self._inputs = {i.name for i in self._session.get_inputs()}

    def embed(self, texts: list[str]) -> list[list[float]]:
        # Batches pad to their longest text: batching texts of similar length wastes least.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        vectors: list[list[float]] = [[] for _ in texts]
        for start in range(0, len(order), BATCH):
            batch = order[start : start + BATCH]
            for index, vector in zip(batch, self._embed_batch([texts[i] for i in batch]).tolist()):
                vectors[index] = vector
        return vectors

    def _embed_batch(self, texts: list[str]) -> np.ndarray:
        encoded = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = self._session.run(None, {k: v for k, v in feeds.items() if k in self._inputs})[0]
        pooled = (hidden * mask[..., None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return pooled / np.maximum(norms, 1e-12)

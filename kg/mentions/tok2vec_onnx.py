"""The NER model's tok2vec run by ONNX Runtime, its matrices in int8: the same character vectors as
spaCy's own layers, to within the rounding of int8, in under half the time
(2.0 -> 0.8 of jieba.posseg's time on MSRA sentences).

The hashing of the token features stays in Python (thinc's own hash); `tok2vec.onnx`, written beside
the model by `train/onnx_tok2vec.py`, holds the rest: the embedding tables, their maxout, and the
window encoder. The model's other components (the NER parser) are spaCy's, unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy
from spacy.tokens import Doc
from thinc.api import Model, NumpyOps

ONNX_FILE = "tok2vec.onnx"
_OPS = NumpyOps(use_blis=False)


@dataclass(frozen=True)
class HashedFeature:
    """One embedding table of spaCy's MultiHashEmbed: the token attribute it reads, its hash seed
    and its number of rows."""

    attribute: str
    seed: int
    rows: int


def hashed_features(tok2vec: Model) -> list[HashedFeature]:
    """The embedding tables of a spaCy Tok2Vec (MultiHashEmbed) model, in the order it reads them."""
    columns = next(m for m in tok2vec.walk() if m.name == "extract_features").attrs["columns"]
    tables = [m for m in tok2vec.walk() if m.name == "hashembed"]
    return [HashedFeature(columns[m.attrs["column"]], m.attrs["seed"], m.get_dim("nV")) for m in tables]


def encoder_padding(tok2vec: Model) -> int:
    """Rows of zeros the window encoder puts between documents (its receptive field)."""
    return max(m.attrs["pad"] for m in tok2vec.walk() if m.name.startswith("with_array"))


def hashed_rows(docs: list[Doc], features: list[HashedFeature], pad: int) -> dict[str, numpy.ndarray]:
    """The inputs of the ONNX graph for `docs` laid end to end with `pad` rows between them, as
    thinc's with_array(pad=...) lays them: the table rows of each token (`rows0`, `rows1`, …, four
    a token) and `real`, 1 for a token and 0 for a padding row."""
    docs = [d for d in docs if len(d)]
    ids = numpy.concatenate([d.to_array([f.attribute for f in features]) for d in docs])
    rows = [(_OPS.hash(numpy.ascontiguousarray(ids[:, i]), f.seed) % f.rows) for i, f in enumerate(features)]
    real = numpy.zeros(len(ids) + pad * (len(docs) + 1), dtype=numpy.float32)
    starts = pad + numpy.cumsum([0] + [len(d) + pad for d in docs[:-1]])
    positions = numpy.concatenate([numpy.arange(s, s + len(d)) for s, d in zip(starts, docs)])
    real[positions] = 1.0
    inputs = {"real": real.reshape(-1, 1)}
    for i, r in enumerate(rows):
        laid = numpy.zeros((len(real), r.shape[1]), dtype=numpy.int64)
        laid[positions] = r
        inputs[f"rows{i}"] = laid
    return inputs


def onnx_tok2vec(model_dir: Path, tok2vec: Model) -> Model:
    """A thinc model that gives what `tok2vec` gives, computed by ONNX Runtime from `tok2vec.onnx`."""
    try:
        import onnxruntime
    except ImportError as exc:  # pragma: no cover - onnxruntime is a declared dependency
        raise RuntimeError(
            "the NER model's tok2vec.onnx needs ONNX Runtime: pip install onnxruntime"
        ) from exc
    options = onnxruntime.SessionOptions()
    # one thread: the matrices are small, and the build's other workers have the other cores
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    session = onnxruntime.InferenceSession(
        str(model_dir / ONNX_FILE), options, providers=["CPUExecutionProvider"]
    )
    features, pad = hashed_features(tok2vec), encoder_padding(tok2vec)

    def forward(model: Model, docs: list[Doc], is_train: bool):
        if is_train:
            raise ValueError("tok2vec.onnx is for inference; train the spaCy model")
        (vectors,) = session.run(None, hashed_rows(docs, features, pad))
        out, at = [], pad
        for doc in docs:
            out.append(vectors[at : at + len(doc)])
            at += len(doc) + pad if len(doc) else 0
        return out, lambda d: d

    return Model("tok2vec-onnx", forward, dims={"nO": tok2vec.get_dim("nO")})

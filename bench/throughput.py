"""Throughput of the pipeline against jieba.posseg, measured in the same run on the same text.

    python bench/throughput.py [--mb 5] [--seeds seeds]

Builds a corpus of the seed pages repeated to about --mb megabytes (UTF-8), or with --jsonl of
the sentences of a labelled corpus, 50 to a file, one a line (text that never repeats, so no cache
helps; e.g. ../shared/corpora/msra_test.jsonl), then prints
chars/s for jieba.posseg alone, NER alone (the recognizer pipeline on the same sentences),
`kg extract` (all stages up to the JSON document) and `kg build` (also RDF, store, exports),
each with its ratio to jieba.posseg. No thresholds: the ratios are the result.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.articles import parse_page  # noqa: E402
from kg.build import build  # noqa: E402
from kg.mentions.ner import recognize  # noqa: E402
from kg.pipeline import document_json, process_file  # noqa: E402
from kg.source import read_source  # noqa: E402


def make_corpus(seeds: Path, megabytes: float, folder: Path) -> list[Path]:
    pages = sorted(seeds.glob("*.txt"))
    files, size, i = [], 0, 0
    while size < megabytes * 1e6:
        page = pages[i % len(pages)]
        target = folder / f"{i:05d}_{page.name}"
        shutil.copy(page, target)
        files.append(target)
        size += target.stat().st_size
        i += 1
    return files


def make_corpus_from_jsonl(path: Path, megabytes: float, folder: Path) -> list[Path]:
    texts = [json.loads(line)["text"] for line in path.open(encoding="utf-8") if line.strip()]
    files, size = [], 0
    for k in range(0, len(texts), 50):
        if size >= megabytes * 1e6:
            break
        target = folder / f"{k // 50:05d}.txt"
        target.write_text("\n".join(texts[k : k + 50]) + "\n", encoding="utf-8")
        files.append(target)
        size += target.stat().st_size
    return files


def timed(label: str, chars: int, func, baseline: float | None = None) -> float:
    started = time.perf_counter()
    func()
    seconds = time.perf_counter() - started
    rate = chars / seconds
    ratio = f"{rate / baseline:6.3f}x jieba.posseg" if baseline else "baseline"
    print(f"{label:<14} {rate:12,.0f} chars/s   {seconds:7.1f}s   {ratio}")
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--mb", type=float, default=5.0, help="corpus size in megabytes (default 5)")
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    parser.add_argument(
        "--jsonl", type=Path, help="take the sentences of this JSONL corpus instead of the seed pages"
    )
    args = parser.parse_args()

    import jieba
    import jieba.posseg

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "corpus").mkdir()
        if args.jsonl:
            files = make_corpus_from_jsonl(args.jsonl, args.mb, tmp / "corpus")
            source = f"sentences of {args.jsonl.name}, 50 a file"
        else:
            files = make_corpus(args.seeds, args.mb, tmp / "corpus")
            source = "seed pages repeated"
        texts = [read_source(f).text for f in files]
        chars = sum(map(len, texts))
        sentences = [s.text for f in files for s in parse_page(read_source(f)).sentences]
        print(f"corpus: {len(files)} files, {chars:,} chars ({source})")
        jieba.initialize()
        recognize(["预热模型。"])  # load models before timing
        base = timed("jieba.posseg", chars, lambda: [list(jieba.posseg.cut(t)) for t in texts])
        timed("NER", chars, lambda: recognize(sentences), base)
        timed("kg extract", chars, lambda: [document_json(process_file(f)) for f in files], base)
        timed("kg build", chars, lambda: build([tmp / "corpus"], tmp / "store", tmp / "exports"), base)


if __name__ == "__main__":
    main()

"""How `kg build` scales: workers, corpus size, memory and rebuilds that change nothing.

    python bench/scale.py [--sizes 100,1000] [--page-chars 20000] [--workers 2] [--one-worker-at 100]
                          [--corpora ../shared/corpora]

For each size N, a corpus of N pages of about --page-chars characters is assembled from the
sentences of the corpora's JSONL files (a fixed seed; each page its own draw of sentences, so no
two pages are alike), then, each `kg build` a process of its own on a fresh store:
  - pages/s and chars/s with --workers and, at the sizes --one-worker-at names (default: the first
    size, since the ratio does not depend on the corpus's size and a 1,000-page build on one core
    takes some forty minutes), with 1 worker too, and their ratio;
  - peak RSS of the build's processes (the largest one: the writer or a worker);
  - the time of a second build that changes nothing.
Last, `kg extract` against jieba.posseg on the first size's pages, as bench/throughput.py does.
No thresholds: the figures and ratios are the result.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.pipeline import document_json, process_file  # noqa: E402

# Runs a command and prints the peak RSS (KiB) of the largest process it started, workers included.
_MEASURE = (
    "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def sentences(corpora: Path) -> list[str]:
    out = []
    for path in sorted(corpora.glob("*.jsonl")):
        out += [json.loads(line)["text"] for line in path.open(encoding="utf-8") if line.strip()]
    return out


def make_pages(texts: list[str], count: int, page_chars: int, folder: Path, seed: int = 0) -> int:
    """`count` pages of about `page_chars` characters, paragraphs of a few sentences; their characters."""
    rng, total = random.Random(seed), 0
    folder.mkdir(parents=True)
    for k in range(count):
        page, size = [], 0
        while size < page_chars:
            paragraph = "".join(rng.choice(texts) for _ in range(4))
            page.append(paragraph)
            size += len(paragraph)
        (folder / f"{k:05d}.txt").write_text("\n\n".join(page) + "\n", encoding="utf-8")
        total += size
    return total


def timed_build(corpus: Path, store: Path, workers: int) -> tuple[float, int, float]:
    """Seconds and peak RSS (MiB) of `kg build` in a process of its own, and the seconds the build
    itself reports (without starting Python and importing)."""
    command = [sys.executable, "-m", "kg", "build", str(corpus), "--store", str(store)]
    command += ["--exports", str(store.parent / f"{store.name}-exports"), "--workers", str(workers)]
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command], capture_output=True, text=True, check=True
    )
    *output, rss = done.stdout.strip().splitlines()
    reported = float(output[-1].rsplit(" in ", 1)[1].rstrip("s"))
    return time.perf_counter() - started, int(rss) // 1024, reported


def bench_size(
    texts: list[str], count: int, page_chars: int, workers: int, one_worker: bool, tmp: Path
) -> dict:
    corpus = tmp / f"corpus-{count}"
    chars = make_pages(texts, count, page_chars, corpus)
    print(f"{count} pages, {chars:,} chars", flush=True)
    many, rss_many, _ = timed_build(corpus, tmp / f"store-{count}-{workers}", workers)
    ratio = ""
    if one_worker:
        one, rss_one, _ = timed_build(corpus, tmp / f"store-{count}-1", 1)
        print(f"  1 worker    {_rates(count, chars, one)}  peak {rss_one} MiB")
        ratio = f"  ({one / many:.2f}x one worker)"
    print(f"  {workers} workers   {_rates(count, chars, many)}  peak {rss_many} MiB{ratio}")
    again, _, reported = timed_build(corpus, tmp / f"store-{count}-{workers}", workers)
    print(f"  no-change rebuild {reported:.2f}s ({again:.2f}s with starting the process)", flush=True)
    return {"corpus": corpus, "rss": rss_many, "chars": chars}


def _rates(count: int, chars: int, seconds: float) -> str:
    return f"{count / seconds:8.2f} pages/s {chars / seconds:10,.0f} chars/s  {seconds:7.1f}s"


def bench_extract(corpus: Path, chars: int) -> None:
    import jieba.posseg

    files = sorted(corpus.glob("*.txt"))
    texts = [f.read_text(encoding="utf-8") for f in files]
    document_json(process_file(files[0]))  # load the models before timing
    started = time.perf_counter()
    for text in texts:
        list(jieba.posseg.cut(text))
    jieba_rate = chars / (time.perf_counter() - started)
    started = time.perf_counter()
    for f in files:
        document_json(process_file(f))
    rate = chars / (time.perf_counter() - started)
    print(f"kg extract {rate:,.0f} chars/s, jieba.posseg {jieba_rate:,.0f} chars/s: {rate / jieba_rate:.3f}x")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="100,1000")
    parser.add_argument("--page-chars", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--one-worker-at", default=None, help="sizes also built with 1 worker")
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    args = parser.parse_args()
    texts = sentences(args.corpora)
    sizes = [int(n) for n in args.sizes.split(",")]
    one_worker_at = {int(n) for n in (args.one_worker_at or str(sizes[0])).split(",")}
    with tempfile.TemporaryDirectory() as tmp:
        results = [
            bench_size(texts, n, args.page_chars, args.workers, n in one_worker_at, Path(tmp)) for n in sizes
        ]
        if len(results) > 1:
            ratio = results[-1]["rss"] / results[0]["rss"]
            print(f"peak RSS with {args.workers} workers at {sizes[-1]} pages: {ratio:.2f}x at {sizes[0]}")
        bench_extract(results[0]["corpus"], results[0]["chars"])


if __name__ == "__main__":
    main()

"""Train the character-level Chinese NER model (PER/LOC/ORG/PRJ) shipped in kg/models/ner.

Data (see shared/corpora/SOURCES.md):
  train  = msra_train minus sentences also in peoples_daily_dev (whitespace-stripped)
           + cluener_train with labels mapped (address spans marked missing)
           + news_train (our convention: Person->PER, Region->LOC, Organization->ORG, Project->PRJ):
             the sentences of its training articles (train/news_split.py) less the news-dev ones,
             repeated --news-repeat times per epoch
  select = news-dev (the --news-dev training articles of news_train whose sha256 sorts first;
           the 20 held-out articles are never read here) and peoples_daily_dev: the checkpoint kept
           is the one with the best mean of the two micro F1s
  test   = msra_test; cluener_dev (PER/ORG only, informative)

Usage (from the repo root):
  python train/ner.py --corpora ../shared/corpora --out kg/models/ner [--max-steps N] [--max-minutes M]
                      [--init kg/models/ner]   # fine-tune an existing model (PRJ added to its ner)

Training is deterministic for a fixed step count: run with one thread
(OMP_NUM_THREADS=1 ...) and pass --max-steps to reproduce a recorded run.
"""

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

import spacy
from spacy.tokens import Doc
from spacy.training import Example
from thinc.api import Adam, NumpyOps, set_current_ops

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repo's kg package, installed or not
from news_split import held_out  # noqa: E402
from news_split import split as news_split  # noqa: E402

from kg.mentions.word_features import COMPONENT, set_word_features  # noqa: E402  (registers the component)

LABELS = ("PER", "LOC", "ORG", "PRJ")
NEWS_MAP = {"Person": "PER", "Region": "LOC", "Organization": "ORG", "Project": "PRJ"}
MISSING = "-"  # span whose label is unknown: no loss on its tokens
CLUENER_MAP = {
    "name": "PER",
    "organization": "ORG",
    "government": "ORG",
    "company": "ORG",
    "address": MISSING,
    "book": None,
    "game": None,
    "movie": None,
    "scene": None,
    "position": None,
}  # None = treated as outside (O)


# ---------------------------------------------------------------- data


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def strip_ws(text):
    return "".join(text.split())


def to_spans(record, mapping=None):
    """Return sorted (start, end, label) with label mapped; None-mapped spans are dropped."""
    spans = []
    for e in record["entities"]:
        label = mapping[e["type"]] if mapping else e["type"]
        if label is not None:
            spans.append((e["start"], e["end"], label))
    return sorted(spans)


def has_overlap(record):
    ents = sorted((e["start"], e["end"]) for e in record["entities"])
    return any(b[0] < a[1] for a, b in zip(ents, ents[1:]))


def load_news(corpora, dev_count):
    """news_train sentences of the training articles: (train, dev, stats). Held-out articles are dropped."""
    news = Path(corpora) / "news_train"
    training, test = news_split(news)
    dev_names = set(held_out(training, dev_count))  # the first by hash, as the held-out ones
    train_names = set(training) - dev_names
    rows = read_jsonl(news / "sentences.jsonl")
    train = [(r["text"], to_spans(r, NEWS_MAP)) for r in rows if r["doc"] in train_names]
    dev = [(r["text"], to_spans(r, NEWS_MAP)) for r in rows if r["doc"] in dev_names]
    assert not {r["doc"] for r in rows} & set(test) & (train_names | dev_names)
    stats = {
        "train_articles": len(train_names),
        "train_sentences": len(train),
        "dev_articles": sorted(dev_names),
        "dev_sentences": len(dev),
        "held_out_articles_not_read": len(test),
    }
    return train, dev, stats


def load_data(corpora):
    corpora = Path(corpora)
    msra = read_jsonl(corpora / "msra_train.jsonl")
    pd_dev = read_jsonl(corpora / "peoples_daily_dev.jsonl")
    cluener = read_jsonl(corpora / "cluener_train.jsonl")
    dev_texts = {strip_ws(r["text"]) for r in pd_dev}
    msra_kept = [r for r in msra if strip_ws(r["text"]) not in dev_texts]
    # CLUENER has one nested pair (book containing company): drop that sentence.
    cluener_kept = [r for r in cluener if not has_overlap(r)]
    train = [(r["text"], to_spans(r)) for r in msra_kept]
    train += [(r["text"], to_spans(r, CLUENER_MAP)) for r in cluener_kept]
    stats = {
        "msra_train.jsonl": {
            "sentences": len(msra),
            "dropped_overlap_pd_dev": len(msra) - len(msra_kept),
            "used": len(msra_kept),
        },
        "cluener_train.jsonl": {
            "sentences": len(cluener),
            "dropped_nested": len(cluener) - len(cluener_kept),
            "used": len(cluener_kept),
        },
        "train_sentences": len(train),
        "train_chars": sum(len(t) for t, _ in train),
    }
    evals = {
        "pd_dev": [(r["text"], to_spans(r)) for r in pd_dev],
        "msra_test": [(r["text"], to_spans(r)) for r in read_jsonl(corpora / "msra_test.jsonl")],
        "cluener_dev": [
            (r["text"], to_spans(r, CLUENER_MAP)) for r in read_jsonl(corpora / "cluener_dev.jsonl")
        ],
    }
    return train, evals, stats


def make_example(nlp, text, spans):
    """Example with gold PER/LOC/ORG, MISSING spans as '-' (unknown), everything else O.

    The predicted doc gets the word features the model's first component would give it."""
    pred = nlp.make_doc(text)
    if COMPONENT in nlp.pipe_names:
        set_word_features(pred)
    # One token per character, a space being the whitespace of the character before it (news_train has spaces).
    ref = Doc(nlp.vocab, words=[t.text for t in pred], spaces=[bool(t.whitespace_) for t in pred])
    ents = [ref.char_span(s, e, label=label) for s, e, label in spans if label != MISSING]
    missing = [ref.char_span(s, e) for s, e, label in spans if label == MISSING]
    assert None not in ents + missing, f"a span that does not start and end on characters: {text!r}"
    ref.set_ents(ents, missing=missing, default="outside")
    return Example(pred, ref)


# ---------------------------------------------------------------- evaluation


def score_spans(gold, pred, labels=LABELS):
    """Exact-span scoring. gold/pred: per-document iterables of (start, end, label).

    Spans with a label outside `labels` (e.g. MISSING) are ignored on both sides.
    Returns {"micro": {p, r, f, tp, fp, fn}, "per_type": {label: {...}}}.
    """
    tp, fp, fn = Counter(), Counter(), Counter()
    for g_doc, p_doc in zip(gold, pred, strict=True):
        g = {s for s in g_doc if s[2] in labels}
        p = {s for s in p_doc if s[2] in labels}
        for s in g & p:
            tp[s[2]] += 1
        for s in p - g:
            fp[s[2]] += 1
        for s in g - p:
            fn[s[2]] += 1

    def prf(t, f_p, f_n):
        p = t / (t + f_p) if t + f_p else 0.0
        r = t / (t + f_n) if t + f_n else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"p": round(p, 4), "r": round(r, 4), "f": round(f, 4), "tp": t, "fp": f_p, "fn": f_n}

    return {
        "micro": prf(sum(tp.values()), sum(fp.values()), sum(fn.values())),
        "per_type": {label: prf(tp[label], fp[label], fn[label]) for label in labels},
    }


def predict_spans(nlp, texts, batch_size=64):
    return [
        [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        for doc in nlp.pipe(texts, batch_size=batch_size)
    ]


def evaluate(nlp, data, labels=LABELS):
    texts, gold = zip(*data)
    return score_spans(gold, predict_spans(nlp, texts), labels)


def chars_per_second(nlp, texts):
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    return round(sum(len(t) for t in texts) / (time.perf_counter() - start))


# ---------------------------------------------------------------- model


def build_nlp(width, depth, window, rows, shape_rows, hidden, word_rows):
    """Char tokens; with word_rows > 0 each token also embeds its jieba word feature (TAG)."""
    nlp = spacy.blank("zh")  # default segmenter "char": one token per character
    attrs, all_rows = ["NORM", "SHAPE"], [rows, shape_rows]
    if word_rows:
        nlp.add_pipe(COMPONENT)
        attrs, all_rows = attrs + ["TAG"], all_rows + [word_rows]
    nlp.add_pipe(
        "tok2vec",
        config={
            "model": {
                "@architectures": "spacy.Tok2Vec.v2",
                "embed": {
                    "@architectures": "spacy.MultiHashEmbed.v2",
                    "width": width,
                    "attrs": attrs,
                    "rows": all_rows,
                    "include_static_vectors": False,
                },
                "encode": {
                    "@architectures": "spacy.MaxoutWindowEncoder.v2",
                    "width": width,
                    "depth": depth,
                    "window_size": window,
                    "maxout_pieces": 3,
                },
            }
        },
    )
    nlp.add_pipe(
        "ner",
        config={
            "model": {
                "@architectures": "spacy.TransitionBasedParser.v2",
                "state_type": "ner",
                "extra_state_tokens": False,
                "hidden_width": hidden,
                "maxout_pieces": 2,
                "use_upper": True,
                "tok2vec": {"@architectures": "spacy.Tok2VecListener.v1", "width": width},
            }
        },
    )
    return nlp


def batches(examples, max_chars, rng):
    """Shuffle (deterministically) and group examples into batches of <= max_chars chars."""
    order = list(range(len(examples)))
    rng.shuffle(order)
    batch, size = [], 0
    for i in order:
        n = len(examples[i].reference)
        if batch and size + n > max_chars:
            yield batch
            batch, size = [], 0
        batch.append(examples[i])
        size += n
    if batch:
        yield batch


# ---------------------------------------------------------------- main


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpora", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--max-steps", type=int, default=0, help="stop after N updates (0 = no limit)")
    ap.add_argument(
        "--max-minutes", type=float, default=0, help="stop after M minutes of training (0 = no limit)"
    )
    ap.add_argument("--eval-every", type=int, default=500)
    ap.add_argument("--width", type=int, default=128)
    ap.add_argument("--depth", type=int, default=6)
    ap.add_argument("--window", type=int, default=1)
    ap.add_argument("--rows", type=int, default=20000)
    ap.add_argument("--shape-rows", type=int, default=500)
    ap.add_argument(
        "--word-rows",
        type=int,
        default=1000,
        help="hash rows of the jieba word feature (position in word + dictionary tag); 0 = no word feature",
    )
    ap.add_argument("--hidden", type=int, default=64)
    ap.add_argument("--batch-chars", type=int, default=2000)
    ap.add_argument("--lr", type=float, default=0.001)
    ap.add_argument("--dropout", type=float, default=0.1)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--init", default="", help="fine-tune this model (its settings replace the model options above)"
    )
    ap.add_argument(
        "--news-repeat", type=int, default=3, help="news_train training sentences per epoch, k times"
    )
    ap.add_argument(
        "--news-dev", type=int, default=10, help="news_train training articles kept for selection"
    )
    args = ap.parse_args()
    if not args.max_steps and not args.max_minutes:
        ap.error("give --max-steps and/or --max-minutes")

    # Plain numpy matmul: several times faster than blis on one core, same predictions.
    set_current_ops(NumpyOps(use_blis=False))
    spacy.util.fix_random_seed(args.seed)
    rng = random.Random(args.seed)
    out = Path(args.out)

    train, evals, data_stats = load_data(args.corpora)
    news_train, news_dev, news_stats = load_news(args.corpora, args.news_dev)
    data_stats["news_train"] = {**news_stats, "repeat_per_epoch": args.news_repeat}
    evals["news_dev"] = news_dev
    optimizer = Adam(args.lr, L2=1e-6, grad_clip=1.0, use_averages=True)
    if args.init:
        nlp = spacy.load(args.init)
        ner = nlp.get_pipe("ner")
        for label in LABELS:
            if label not in ner.labels:
                ner.add_label(label)  # resizes the initialized output layer; the other weights are kept
        nlp.resume_training(sgd=optimizer)
    else:
        nlp = build_nlp(
            args.width, args.depth, args.window, args.rows, args.shape_rows, args.hidden, args.word_rows
        )
        ner = nlp.get_pipe("ner")
        for label in LABELS:
            ner.add_label(label)
    examples = [make_example(nlp, t, s) for t, s in train]
    news_examples = [make_example(nlp, t, s) for t, s in news_train]
    examples += news_examples * args.news_repeat
    if not args.init:
        nlp.initialize(lambda: examples[:2000] + news_examples[:500], sgd=optimizer)

    log, best = [], {"f": -1.0, "step": 0}
    step, epoch, t0 = 0, 0, time.time()
    done, losses = False, {}
    while not done:
        epoch += 1
        for batch in batches(examples, args.batch_chars, rng):
            nlp.update(batch, sgd=optimizer, drop=args.dropout, losses=losses)
            step += 1
            minutes = (time.time() - t0) / 60
            done = (args.max_steps and step >= args.max_steps) or (
                args.max_minutes and minutes >= args.max_minutes
            )
            if step % args.eval_every == 0 or done:
                with nlp.use_params(optimizer.averages):
                    pd_f = evaluate(nlp, evals["pd_dev"], ("PER", "LOC", "ORG"))["micro"]["f"]
                    news = evaluate(nlp, evals["news_dev"])
                    news_f = news["micro"]["f"]
                    f = round((pd_f + news_f) / 2, 4)
                    if f > best["f"]:
                        best = {
                            "f": f,
                            "pd_dev_f": pd_f,
                            "news_dev_f": news_f,
                            "step": step,
                            "epoch": epoch,
                            "minutes": round(minutes, 1),
                        }
                        out.mkdir(parents=True, exist_ok=True)
                        nlp.to_disk(out)
                log.append(
                    {
                        "step": step,
                        "epoch": epoch,
                        "minutes": round(minutes, 1),
                        "ner_loss_per_step": round(float(losses.get("ner", 0.0)) / args.eval_every, 2),
                        "pd_dev_f": pd_f,
                        "news_dev_f": news_f,
                        "news_dev_prj_f": news["per_type"]["PRJ"]["f"],
                        "select_f": f,
                    }
                )
                losses = {}
                print(json.dumps(log[-1]), "best", best["step"], best["f"], flush=True)
            if done:
                break
    train_minutes = round((time.time() - t0) / 60, 1)

    # Final evaluation of the saved (best) checkpoint, loaded the way users load it.
    nlp = spacy.load(out)
    results = {
        name: evaluate(nlp, data, LABELS if name == "news_dev" else ("PER", "LOC", "ORG"))
        for name, data in evals.items()
        if name != "cluener_dev"
    }
    results["cluener_dev"] = evaluate(nlp, evals["cluener_dev"], labels=("PER", "ORG"))
    test_texts = [t for t, _ in evals["msra_test"]]
    speed = chars_per_second(nlp, test_texts)
    size_mb = round(sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 2**20, 1)

    record = {
        "data": {
            **data_stats,
            "model_selection": f"mean micro F1 of news-dev ({len(evals['news_dev'])} sentences of "
            f"{args.news_dev} news_train training articles, PER/LOC/ORG/PRJ) and peoples_daily_dev.jsonl "
            f"({len(evals['pd_dev'])} sentences, PER/LOC/ORG)",
            "test": [
                f"msra_test.jsonl ({len(evals['msra_test'])})",
                f"cluener_dev.jsonl ({len(evals['cluener_dev'])}, PER/ORG only)",
            ],
        },
        "label_mapping": {
            "msra": "PER/LOC/ORG unchanged",
            "news_train": NEWS_MAP,
            "cluener": {k: (v if v is not None else "O") for k, v in CLUENER_MAP.items()},
            "note": "'-' = missing (unknown) tokens, no loss; nested CLUENER pair: sentence dropped",
        },
        "hyper_parameters": {k: v for k, v in vars(args).items() if k not in ("corpora", "out")},
        "init": args.init or None,
        "model": "spacy.blank('zh') char tokens; jieba_word_features (TAG = position in jieba word + dictionary tag, "
        "when word_rows > 0); tok2vec MultiHashEmbed(NORM,SHAPE[,TAG])+MaxoutWindowEncoder; "
        "ner TransitionBasedParser; Adam averaged params; NumpyOps(use_blis=False)",
        "seed": args.seed,
        "steps_run": step,
        "epochs_run": epoch,
        "best": best,
        "reproduce": "OMP_NUM_THREADS=1 python train/ner.py --corpora ../shared/corpora --out OUT "
        + " ".join(
            sys.argv[1:][i]
            for i in range(len(sys.argv) - 1)
            if sys.argv[1:][i] not in ("--corpora", "--out", "--max-minutes", "--max-steps")
            and (i == 0 or sys.argv[1:][i - 1] not in ("--corpora", "--out", "--max-minutes", "--max-steps"))
        )
        + f" --max-steps {best['step']}",
        "train_wall_minutes": train_minutes,
        "eval": results,
        "inference_chars_per_s_1_thread": speed,
        "model_size_mb": size_mb,
        "versions": {"spacy": spacy.__version__},
        "log": log,
    }
    (out / "training.json").write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
    print(
        json.dumps(
            {k: record[k] for k in ("best", "eval", "inference_chars_per_s_1_thread", "model_size_mb")},
            indent=1,
        )
    )


if __name__ == "__main__":
    main()

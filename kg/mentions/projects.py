"""How a stretch of words ending in a project word (…项目, …工程, …行动) becomes a Project, or nothing.

The stretch is found as an organization's name is (rules.named_by_suffix: back from the project word
to punctuation, a stop word or a function word). Every word boundary in it is a candidate start, and
so is "no project here"; a linear model learnt from news_train (train/projects.py) scores them and
the best one wins. What it weighs: the word classes at and before the start (a verb in front makes
确保…项目 an instruction, not a name), counts (共有80个项目), proper words, quotes, length and the
project word itself. Quoted campaigns (“消费促进年”) are a stretch of one candidate.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import lang
from .gazetteer import gazetteer
from .ner import PROJECT, recognizer
from .rules import is_proper, named_by_suffix
from .segment import tags
from .segment import words as _words

MODEL_PATH = Path(__file__).parent.parent / "models" / "projects.json"
# Word classes that end a stretch going left: prepositions, conjunctions, adverbs, particles and
# pronouns. Verbs and numerals do occur in project names (优化提升行动, 210万千瓦新能源项目).
_STOP_TAGS = frozenset("pcdur")
# Named campaigns are quoted in Chinese news: “消费促进年”, “蒙商丝路行”, “春风送岗行动”.
_QUOTED_CAMPAIGN = re.compile(r"“([^“”]{2,14}(?:年|季|行|工程|行动|计划|项目))”")
_NUMBER = re.compile(r"[\d一二两三四五六七八九十百千万亿]+(?:个|项|批|家|条|类|余|多)")
_NAME_TAGS = ("ns", "nr", "nz", "nt", "eng", "x", "j", "m")


@dataclass(frozen=True)
class NameCandidate:
    start: int | None  # None: no project here
    end: int
    name: str
    features: dict[str, float]


@dataclass
class ProjectModel:
    weights: dict[str, float]

    def score(self, candidate: NameCandidate) -> float:
        return sum(self.weights.get(name, 0.0) * value for name, value in candidate.features.items())

    def choose(self, candidates: list[NameCandidate]) -> NameCandidate:
        """The candidate scored best, the first of equals ("no project" comes first)."""
        return max(candidates, key=self.score)


@lru_cache(maxsize=1)
def project_model() -> ProjectModel:
    return ProjectModel(json.loads(MODEL_PATH.read_text(encoding="utf-8"))["weights"])


@recognizer("projects")
def project_entities(texts: Sequence[str]) -> list[list[tuple[int, int, str]]]:
    model = project_model()
    return [
        [(c.start, c.end, PROJECT) for c in map(model.choose, stretches(text)) if c.start is not None]
        for text in texts
    ]


def stretches(text: str) -> list[list[NameCandidate]]:
    """Each stretch of the text that may name a project, as its candidates: "no project" first,
    then the stretch from each of its word boundaries to its end."""
    words, word_tags = _words(text), tags(text)
    places = {s for s, _, _ in gazetteer().find_words(text)}
    suffixes = lang.word_list("project_suffixes")
    out = []
    for start, end, _ in named_by_suffix(text, words, word_tags, suffixes, PROJECT, _STOP_TAGS):
        inside = [(s, e, w, word_tags.get((s, e), "x")) for s, e, w in words if start <= s and e <= end]
        suffix = next(s for s in suffixes if inside[-1][2].endswith(s))
        s0, e0, w0 = _word_before(words, start) or (0, 0, "")
        previous = [(w0, word_tags.get((s0, e0), "x")), *((w, t) for _, _, w, t in inside[:-1])]
        spans = []
        for k, (s, _, _, _) in enumerate(inside[:-1]):
            if end - len(suffix) - s < 2:
                break
            spans.append(_candidate(text, inside[k:], suffix, previous[k], k, s in places, end))
        if spans:
            out.append([NameCandidate(None, end, "", {"none": 1.0}), *spans])
    for m in _QUOTED_CAMPAIGN.finditer(text):
        out.append([NameCandidate(None, m.end(1), "", {"none": 1.0}), _campaign(m)])
    return out


def _word_before(words, start: int) -> tuple[int, int, str] | None:
    return next(((s, e, w) for s, e, w in reversed(words) if e <= start), None)


def _coarse(tag: str) -> str:
    return next((t for t in _NAME_TAGS if tag.startswith(t)), tag[:1])


def _candidate(text: str, inside, suffix: str, previous, dropped: int, place_first: bool, end: int):
    body_words = inside[:-1]
    start = body_words[0][0]
    body = text[start : end - len(suffix)]
    word_tags = [t for _, _, _, t in body_words]
    features = {
        "span": 1.0,
        f"first_{_coarse(word_tags[0])}": 1.0,
        "dropped": float(dropped),
        "chars": len(body) / 10,
        "words": len(body_words) / 5,
        f"suffix_{suffix}": 1.0,
    }
    features.update(_after(*previous))
    flags = {
        "at_stretch_start": dropped == 0,
        "place_first": place_first,
        "short": len(body) < 4,
        "proper": any(is_proper(w, t) for _, _, w, t in body_words),
        "verbs_only": all(t.startswith("v") for t in word_tags),
        "verb_inside": any(t.startswith("v") for t in word_tags[1:]),
        "number": bool(_NUMBER.search(body)),
        "quoted": body.startswith("“") and "”" in body,
        "in_quotes": text[start - 1 : start] == "“" and text[end : end + 1] == "”",
        "suffix_is_word": inside[-1][2] == suffix,
        "continues": bool(re.match(r"[\u4e00-\u9fff]", text[end : end + 1])),
    }
    # the hand-written rule this model replaced, as a feature: the whole stretch, if it is quoted, or
    # has a proper or quoted word or four characters before the project word (not only verbs), and
    # an activity (…活动) of at least eight characters
    flags["rule"] = (
        dropped == 0
        and (
            flags["in_quotes"]
            or (not flags["verbs_only"] and (flags["proper"] or "“" in body or len(body) >= 4))
        )
        and not (suffix == "活动" and end - start < 8)
    )
    features.update({name: 1.0 for name, on in flags.items() if on})
    return NameCandidate(start, end, text[start:end], features)


def _after(word: str, tag: str) -> dict[str, float]:
    """The word before the start: the text's edge, a mark (quotes kept apart), or a word's class, and a
    short verb by itself (确保, 拿到: what news_train shows them to do is learnt per verb)."""
    if not word:
        return {"after_edge": 1.0}
    if not re.match(r"^[\u4e00-\u9fff]", word):
        return {f"after_mark_{word if word in '“”《》（）()' else ''}": 1.0}
    out = {f"after_tag_{_coarse(tag)}": 1.0}
    if tag.startswith("v") and len(word) <= 2:
        out[f"after_verb_{word}"] = 1.0
    return out


def _campaign(m: re.Match) -> NameCandidate:
    features = {"span": 1.0, "campaign": 1.0, "chars": len(m[1]) / 10}
    if not (m[1].endswith("活动") or len(m[1]) < 8):
        features["rule"] = 1.0
    return NameCandidate(m.start(1), m.end(1), m[1], features)

"""Stage 3b: what reading one file needs from the whole corpus: the paper's home region (what 自治区,
全区 and 我省 mean) and who is who (one person or several behind one name in several files).

Each file's part (its votes for the home region, the bodies its persons hold posts in) is kept with
its facts in the store, so a build reads only new and changed files; a file stored against another
home region or other identities than the corpus now gives (`reading`) is brought up to date.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from .mentions.gazetteer import Place, gazetteer
from .resolve import PersonContext, most_voted_province, place_identity


@dataclass
class FileFacts:
    votes: Counter = field(default_factory=Counter)  # province code -> places named in it
    people: tuple[PersonContext, ...] = ()
    reading: str = ""  # what the file was read against, as `Corpus.reading` says it


def province_named(name: str) -> Place:
    """The province-level region a user names (内蒙古自治区, 内蒙古), or ValueError saying why not."""
    place = gazetteer().resolve(name)
    if place is None or place.level != "province":
        raise ValueError(
            f"{name!r} is not a province-level region of China (try the full name: 内蒙古自治区)"
        )
    return place


class Corpus:
    """The home region is the one given, else the province-level region the files point to most.

    Persons of one name are one person when their posts are in one body or in bodies of one region
    (自治区党委 and 自治区人大常委会), across files; a mention with no post joins them when they are
    the only person of that name. Persons of one name whose bodies and regions never meet stay
    apart, keyed name（body）, and a mention with no post among them stays a person of its own
    whose namesakes are recorded."""

    def __init__(self, home: Place | None = None, files: dict[str, FileFacts] | None = None):
        self.given = home
        self.files: dict[str, FileFacts] = {}
        self._votes: Counter = Counter()  # all files' votes together
        self._named: dict[str, dict[str, list[PersonContext]]] = {}  # name -> file -> its persons
        self._clusters: dict[str, list[frozenset[str]]] = {}  # name -> clusters, made when asked for
        for uri, facts in (files or {}).items():
            self.add(uri, facts.votes, facts.people)

    def add(
        self, uri: str, votes: Counter | None = None, people: Iterable[PersonContext] | None = None
    ) -> None:
        """Set what the file `uri` says (instead of what it said before)."""
        facts = self.files.setdefault(uri, FileFacts())
        if votes is not None:
            self._votes.subtract(facts.votes)
            self._votes.update(votes)
            facts.votes = votes
        if people is not None:
            for p in facts.people:
                self._named[p.name].pop(uri, None)
                self._clusters.pop(p.name, None)
            facts.people = tuple(people)
            for p in facts.people:
                self._named.setdefault(p.name, {}).setdefault(uri, []).append(p)
                self._clusters.pop(p.name, None)

    def remove(self, uri: str) -> None:
        """Forget what the file `uri` said: it left the corpus."""
        self.add(uri, votes=Counter(), people=())
        del self.files[uri]

    @property
    def home(self) -> Place | None:
        return self.given or most_voted_province(+self._votes)

    def person_key(self, person: PersonContext) -> str:
        clusters = self.clusters(person.name)
        if len(clusters) <= 1 or not person.bodies:
            return person.name
        return _keyed(person.name, next(c for c in clusters if c & _anchors(person.bodies)))

    def namesakes(self, person: PersonContext) -> list[str]:
        """The keys of the persons a mention with no post could be, when there are several."""
        clusters = self.clusters(person.name)
        return (
            sorted(_keyed(person.name, c) for c in clusters)
            if len(clusters) > 1 and not person.bodies
            else []
        )

    def why(self, person: PersonContext) -> str:
        """Why a person mention is the person it is, among the corpus's persons of that name."""
        others = len(self.clusters(person.name)) - bool(person.bodies)
        if person.bodies:
            held = "、".join(sorted(person.bodies))
            return f"holds a post in {held}" + (
                f"; {others} other person(s) named {person.name} hold posts elsewhere" if others else ""
            )
        if others > 1:
            return f"no post on the page tells which of the {others} persons named {person.name} this is"
        return f"the only person named {person.name} in the corpus" + (" with a post" if others else "")

    def reading(self, uri: str) -> str:
        """The home region's code and who the file's persons are (with their namesakes)."""
        facts = self.files.get(uri, FileFacts())
        people = sorted("=".join([self.person_key(p), *self.namesakes(p)]) for p in facts.people)
        return " ".join([self.home_code(), *people])

    def home_code(self) -> str:
        """The home region's code, "-" for none."""
        return self.home.code if self.home else "-"

    def clusters(self, name: str) -> list[frozenset[str]]:
        """The bodies and regions that belong to one person of this name (joined by a person holding
        posts in both, or by bodies of one region)."""
        if name not in self._clusters:
            found: list[set[str]] = []
            for people in self._named.get(name, {}).values():
                for p in people:
                    if not p.bodies:
                        continue
                    joined = _anchors(p.bodies)
                    for g in [g for g in found if g & joined]:
                        joined |= g
                        found.remove(g)
                    found.append(joined)
            self._clusters[name] = [frozenset(g) for g in found]
        return self._clusters[name]


def _keyed(name: str, anchors: frozenset[str]) -> str:
    """name（the first of the bodies): 王建国（赤峰市林业局）."""
    return f"{name}（{min(a for a in anchors if not a.startswith(_REGION))}）"


_REGION = "region:"


def _anchors(bodies: frozenset[str]) -> set[str]:
    """The bodies and the regions that open their names (region:150400 for 赤峰市林业局)."""
    out = set(bodies)
    for body in bodies:
        if leading := gazetteer().leading(body):
            out.add(_REGION + place_identity(leading[0]))
    return out

"""The learned re-ranker: how likely is it that this article answers the question?

The hybrid search (BM25 + e5, fused by rank) finds the right article among its
first twenty candidates for nearly every answerable question, but its first
place is often a neighbour: the article on leave for the death of a child
ranks first for a question on telework because both say "jours". Each
candidate is described by the evidence the search already has (both ranks,
both scores, how far behind the best it is), by what its sentences share
with the question (the rarest words, the headings above it, the figure the
question asks for), and by what the training questions say
(`memory.py`: the votes of the nearest ones by meaning and by words, how
often each article answers agents at all), and gradient-boosted trees trained on agents'
questions (`training.py`, `make train-hrdesk`) turn that evidence into a probability
that the article answers. The candidates are re-ordered by it, and the
citation policy (`policy.py`) reads it to cite, abstain or offer related texts.

The trees are plain arrays in `data/hrdesk_reranker_trees.npz`, next to a JSON
file naming the features and holding the policy's thresholds: applying them is
a few numpy steps, no learning library is needed at run time.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from collectivia.hrdesk import sentences
from collectivia.hrdesk.extractive import Unit, score_units
from collectivia.hrdesk.questions import QuestionKind
from collectivia.hrdesk.memory import NO_EVIDENCE, Evidence, chapter
from collectivia.knowledge.chunking import normalise_article_id
from collectivia.knowledge.glossary import GlossaryUse
from collectivia.knowledge.index import fold, tokens
from collectivia.knowledge.retrieval import Passage

WEIGHTS_FILE = Path(__file__).resolve().parents[1] / "data" / "hrdesk_reranker.json"
TREES_FILE = WEIGHTS_FILE.with_name("hrdesk_reranker_trees.npz")
MISSING_RANK = 101          # outside a retriever's pool of 100

FEATURES = (
    "fused_rank_log", "fused_ratio", "bm25_log", "bm25_ratio", "bm25_rank_log", "dense",
    "dense_gap", "dense_rank_log", "both_first", "unit_log", "unit_ratio", "unit_margin",
    "coverage", "coverage_expanded", "heading_coverage", "wants_quantity", "gives_quantity",
    "lacks_quantity", "wants_amount", "unknown_share", "question_log", "top_dense", "top_bm25_log",
    "memory_similarity", "memory_votes", "nearest_answerable", "nearest_unanswerable",
    "other_fonction_publique", "territoriale", "sentence_dense", "sentence_gap",
    "chapter_similarity", "chapter_votes", "article_prior", "chapter_prior", "words_similarity",
    "words_votes", "words_chapter_similarity", "words_chapter_votes",
)
# The collectivité's agents are territorial: an article (or the section above it) about the
# State's or the hospitals' civil service rarely answers them, one about theirs often does.
OTHER_FP = re.compile(r"fonction publique de l.etat|fonctionnaires? de l.etat|"
                      r"fonction publique hospitaliere|"
                      r"\betablissements? mentionnes a l.article l\. ?5\b")
TERRITORIAL = re.compile(r"territoria")


@dataclass
class QuestionContext:
    """What the features need to know of the question, computed once."""

    text: str
    stems: list[str]                 # the agent's own words
    expanded_stems: list[str]        # plus the glossary's wording
    kind: QuestionKind
    unknown_share: float             # share of the agent's words absent from the texts they read
    weight: object                   # stem -> rarity in the texts they read (idf)
    evidence: Evidence = NO_EVIDENCE  # what the nearest training questions say
    vector: np.ndarray | None = None  # the question's e5 vector


@dataclass
class Candidate:
    """A retrieved article, its sentences scored against the question, and its probability."""

    passage: Passage
    units: list[Unit] = field(default_factory=list)     # this article's units, best first
    probability: float = 0.0

    @property
    def best_unit(self) -> float:
        return self.units[0].score if self.units else 0.0


def candidates_of(context: QuestionContext, passages: list[Passage]) -> list[Candidate]:
    """The passages as candidates, each with its own scored sentences."""
    return [Candidate(p, score_units(context.stems, [p], context.weight, context.kind))
            for p in passages]


def _public_service(passage: Passage) -> tuple[float, float]:
    """(about another fonction publique, about the territoriale) from its section and text."""
    section, text = fold(passage.section), fold(passage.text)
    return (float(bool(OTHER_FP.search(section) or OTHER_FP.search(text))),
            float(bool(TERRITORIAL.search(section) or TERRITORIAL.search(text))))


@lru_cache(maxsize=8192)
def _stems(text: str) -> frozenset[str]:
    return frozenset(tokens(text))


def _coverage(stems: set[str], text_stems: AbstractSet[str], weight) -> float:
    total = sum(weight(s) for s in stems)
    return sum(weight(s) for s in stems if s in text_stems) / total if total else 0.0


def feature_matrix(context: QuestionContext, candidates: list[Candidate]) -> np.ndarray:
    """One row of FEATURES per candidate (in the order of FEATURES)."""
    if not candidates:
        return np.zeros((0, len(FEATURES)), dtype=np.float64)
    own = set(context.stems)
    extra = set(context.expanded_stems) - own
    top_score = max(c.passage.score for c in candidates) or 1.0
    top_bm25 = max(c.passage.bm25 for c in candidates)
    top_dense = max(c.passage.dense for c in candidates)
    best_units = [c.best_unit for c in candidates]
    top_unit = max(best_units) or 1.0
    kind, evidence = context.kind, context.evidence
    closest = [sentences.closest_sentence(c.passage.text, context.vector, c.passage.dense)
               for c in candidates]
    top_closest = max(closest)
    rows = []
    for i, c in enumerate(candidates):
        p = c.passage
        ref = normalise_article_id(p.citation)
        text_stems, heading_stems = _stems(p.text), _stems(p.section)
        rival = max((u for j, u in enumerate(best_units) if j != i), default=0.0)
        gives = kind.wants_quantity and any(kind.gives_quantity(u.text) for u in c.units[:2])
        rows.append([
            math.log(i + 1), p.score / top_score, math.log1p(max(p.bm25, 0.0)),
            p.bm25 / top_bm25 if top_bm25 > 0 else 0.0, math.log(p.bm25_rank or MISSING_RANK),
            p.dense, top_dense - p.dense, math.log(p.dense_rank or MISSING_RANK),
            float(p.bm25_rank == 1 and p.dense_rank == 1), math.log1p(c.best_unit),
            c.best_unit / top_unit, math.log((c.best_unit + 1) / (rival + 1)),
            _coverage(own, text_stems, context.weight),
            _coverage(extra, text_stems | heading_stems, context.weight),
            _coverage(own, heading_stems, context.weight),
            float(kind.wants_quantity), float(gives), float(kind.wants_quantity and not gives),
            float("montant" in kind.wants), context.unknown_share,
            math.log1p(len(own)), top_dense, math.log1p(max(top_bm25, 0.0)),
            evidence.similarity(ref), evidence.votes(ref), evidence.nearest_answerable,
            evidence.nearest_unanswerable, *_public_service(p), closest[i],
            top_closest - closest[i], evidence.chapter_similarity(ref), evidence.chapter_votes(ref),
            evidence.prior(ref), evidence.chapter_prior(ref), evidence.words.similarity(ref),
            evidence.words.votes(ref), evidence.words.similarity(chapter(ref)),
            evidence.words.votes(chapter(ref)),
        ])
    return np.asarray(rows, dtype=np.float64)


MEMORY_FEATURES = [FEATURES.index(f) for f in (
    "memory_similarity", "memory_votes", "nearest_answerable", "nearest_unanswerable",
    "chapter_similarity", "chapter_votes", "article_prior", "chapter_prior", "words_similarity",
    "words_votes", "words_chapter_similarity", "words_chapter_votes")]


@dataclass(frozen=True)
class Forest:
    """Gradient-boosted decision trees as flat arrays, evaluated with numpy.

    Trained by scikit-learn's HistGradientBoostingClassifier (`training.py`), then
    exported node by node: every tree of the ensemble is walked for every candidate at
    once, one level per step, and the leaves' values summed into log-odds. The shipped
    file is plain arrays (no pickle), and answering needs no learning library.
    """

    feature: np.ndarray         # per node: the feature it tests
    threshold: np.ndarray       # ... goes left when the feature is <= threshold
    left: np.ndarray            # ... its children (indices into these arrays)
    right: np.ndarray
    leaf: np.ndarray            # ... True for a leaf
    value: np.ndarray           # ... a leaf's contribution to the log-odds
    roots: np.ndarray           # the root node of each tree
    baseline: float
    depth: int

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        if not len(features):
            return np.zeros(0)
        node = np.tile(self.roots, (len(features), 1))
        rows = np.arange(len(features))[:, None]
        for _ in range(self.depth):
            left = features[rows, self.feature[node]] <= self.threshold[node]
            node = np.where(self.leaf[node], node,
                            np.where(left, self.left[node], self.right[node]))
        return 1.0 / (1.0 + np.exp(-(self.baseline + self.value[node].sum(axis=1))))

    def arrays(self, prefix: str) -> dict[str, np.ndarray]:
        return {f"{prefix}_{name}": np.asarray(getattr(self, name))
                for name in self.__dataclass_fields__}

    @classmethod
    def from_arrays(cls, data, prefix: str) -> Forest:
        values = {name: data[f"{prefix}_{name}"] for name in cls.__dataclass_fields__}
        return cls(**values | {"baseline": float(values["baseline"]),
                               "depth": int(values["depth"])})


def without_memory(features: np.ndarray) -> np.ndarray:
    """The features with the training questions' votes blanked: they describe the code only."""
    blank = features.copy()
    blank[:, MEMORY_FEATURES] = 0.0
    return blank


@dataclass(frozen=True)
class Reranker:
    """The code's model, and a twin trained without the memory features for the collectivité's
    own texts: the training questions know nothing of them (a question on local working hours
    is unanswerable from the code, not from the règlement intérieur that gives them)."""

    code: Forest
    local: Forest

    def probabilities(self, features: np.ndarray, shipped: np.ndarray) -> np.ndarray:
        result = np.zeros(len(features))
        if shipped.any():
            result[shipped] = self.code.probabilities(features[shipped])
        if (~shipped).any():
            result[~shipped] = self.local.probabilities(without_memory(features[~shipped]))
        return result

    def rank(self, context: QuestionContext, candidates: list[Candidate]) -> list[Candidate]:
        """The candidates with their probability, most likely answer first (stable on ties)."""
        return self.order(candidates, feature_matrix(context, candidates))

    def order(self, candidates: list[Candidate], features: np.ndarray) -> list[Candidate]:
        shipped = np.array([c.passage.shipped for c in candidates], dtype=bool)
        for candidate, p in zip(candidates, self.probabilities(features, shipped), strict=True):
            candidate.probability = float(p)
        return sorted(candidates, key=lambda c: -c.probability)


def read_weights(path: Path = WEIGHTS_FILE) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise RuntimeError(f"{path.name} was trained on other features: run `make train-hrdesk`")
    return data


@lru_cache(maxsize=1)
def shipped_weights() -> dict:
    return read_weights()


def load_trees(path: Path = TREES_FILE) -> Reranker:
    with np.load(path, allow_pickle=False) as data:
        return Reranker(Forest.from_arrays(data, "code"), Forest.from_arrays(data, "local"))


def save_trees(reranker: Reranker, path: Path = TREES_FILE) -> None:
    # numpy's stub fears a key could be allow_pickle: the keys are array names (code_…, local_…)
    np.savez_compressed(path, **reranker.code.arrays("code"), **reranker.local.arrays("local"))  # type: ignore[arg-type]


@lru_cache(maxsize=1)
def shipped() -> Reranker:
    """The re-ranker shipped in `data/hrdesk_reranker_trees.npz` (checked against the
    features named in `data/hrdesk_reranker.json`)."""
    shipped_weights()
    return load_trees()


def shipped_glossary() -> GlossaryUse:
    """The parts of the glossary the shipped re-ranker was trained and calibrated with."""
    return GlossaryUse(**shipped_weights()["glossary"])

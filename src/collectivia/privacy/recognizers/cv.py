"""What an anonymous CV also hides: age, sex markers, photo, family situation, nationality.

Only the "recrutement" policy asks for these: the committee judges skills,
and these markers are grounds of discrimination (Code pénal, art. 225-1).
"""

from __future__ import annotations

import re

from collectivia.privacy.recognizers.base import Span

AGE = re.compile(r"(?<![\w])(?:(?:âgée?\s+de\s+)?\d{2}\s*(?:ans|a\.)(?![\w])|âge\s*:\s*\d{2}(?:\s*ans)?)",
                 re.IGNORECASE)
PHOTO = re.compile(r"\[?\(?(?:photo(?:graphie)?(?:\s+d['’]identité)?(?:\s+(?:jointe|ci-jointe|"
                   r"en\s+pièce\s+jointe|en\s+haut\s+à\s+droite))?|portrait)\)?\]?", re.IGNORECASE)
GENDER = re.compile(r"(?<![\w])(?:n[ée]e?(?=\s+(?:le|en|à)\b)|Madame|Monsieur|Mademoiselle|Mme|Mlle|"
                    r"M\.(?=\s)|sexe\s*:\s*\w+|genre\s*:\s*\w+|(?:célibataire|mariée?|pacsée?|"
                    r"divorcée?|veuve?|en\s+couple)(?![\w]))", re.IGNORECASE)
FAMILY = re.compile(r"(?<![\w])(?:\d+|un|une|deux|trois|quatre|cinq)\s+enfants?(?![\w])|"
                    r"situation\s+(?:familiale|de\s+famille)\s*:[^\n]*|mère\s+de\s+\w+|"
                    r"père\s+de\s+\w+", re.IGNORECASE)
NATIONALITY = re.compile(r"nationalité\s*:?\s*[^\n,;]*|(?:de\s+)?nationalité\s+\w+", re.IGNORECASE)


def find_cv_markers(text: str, _artifacts: object = None) -> list[Span]:
    found: list[Span] = []
    for label, pattern in (("AGE", AGE), ("PHOTO", PHOTO), ("GENDER", GENDER),
                           ("FAMILY", FAMILY), ("NATIONALITY", NATIONALITY)):
        found += [(m.start(), m.end(), label, 0.7) for m in pattern.finditer(text) if m.group().strip()]
    return found

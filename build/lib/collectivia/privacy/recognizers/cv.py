"""What an anonymous CV also hides: age, sex markers, photo, family situation, nationality.

Only the "recrutement" policy asks for these: the committee judges skills,
and these markers are grounds of discrimination (Code pénal, art. 225-1).
Gendered words describing the candidate (« Conseillère statutaire »,
« Rigoureuse », « Née le ») are given one inclusive form (« Conseiller·ère »,
« Rigoureux·se », « Né·e le »), so the CV of a woman and the same CV of a man
read the same.
"""

from __future__ import annotations

import re

from collectivia.privacy.recognizers.base import Span

# masculine, feminine, inclusive
GENDERED = [
    ("conseiller", "conseillère", "conseiller·ère"), ("technicien", "technicienne", "technicien·ne"),
    ("assistant", "assistante", "assistant·e"), ("agent", "agente", "agent·e"),
    ("adjoint", "adjointe", "adjoint·e"), ("rédacteur", "rédactrice", "rédacteur·rice"),
    ("animateur", "animatrice", "animateur·rice"), ("directeur", "directrice", "directeur·rice"),
    ("chargé", "chargée", "chargé·e"), ("attaché", "attachée", "attaché·e"),
    ("ingénieur", "ingénieure", "ingénieur·e"), ("employé", "employée", "employé·e"),
    ("lauréat", "lauréate", "lauréat·e"), ("diplômé", "diplômée", "diplômé·e"),
    ("titularisé", "titularisée", "titularisé·e"), ("chef", "cheffe", "chef·fe"),
    ("coordinateur", "coordinatrice", "coordinateur·rice"),
    ("coordonnateur", "coordonnatrice", "coordonnateur·rice"),
    ("formateur", "formatrice", "formateur·rice"), ("éducateur", "éducatrice", "éducateur·rice"),
    ("infirmier", "infirmière", "infirmier·ère"), ("aide-soignant", "aide-soignante", "aide-soignant·e"),
    ("instructeur", "instructrice", "instructeur·rice"), ("gardien", "gardienne", "gardien·ne"),
    ("policier", "policière", "policier·ère"), ("opérateur", "opératrice", "opérateur·rice"),
    ("cuisinier", "cuisinière", "cuisinier·ère"), ("jardinier", "jardinière", "jardinier·ère"),
    ("surveillant", "surveillante", "surveillant·e"), ("enseignant", "enseignante", "enseignant·e"),
    ("étudiant", "étudiante", "étudiant·e"), ("salarié", "salariée", "salarié·e"),
    ("contractuel", "contractuelle", "contractuel·le"), ("vacataire", "vacataire", "vacataire"),
    ("gestionnaire", "gestionnaire", "gestionnaire"), ("comptable", "comptable", "comptable"),
    ("rigoureux", "rigoureuse", "rigoureux·se"), ("sérieux", "sérieuse", "sérieux·se"),
    ("curieux", "curieuse", "curieux·se"), ("organisé", "organisée", "organisé·e"),
    ("motivé", "motivée", "motivé·e"), ("polyvalent", "polyvalente", "polyvalent·e"),
    ("passionné", "passionnée", "passionné·e"), ("impliqué", "impliquée", "impliqué·e"),
    ("investi", "investie", "investi·e"), ("attentif", "attentive", "attentif·ve"),
    ("créatif", "créative", "créatif·ve"), ("ponctuel", "ponctuelle", "ponctuel·le"),
    ("expérimenté", "expérimentée", "expérimenté·e"), ("véhiculé", "véhiculée", "véhiculé·e"),
    ("habilité", "habilitée", "habilité·e"), ("sportif", "sportive", "sportif·ve"),
    ("inscrit", "inscrite", "inscrit·e"), ("détaché", "détachée", "détaché·e"),
    ("né", "née", "né·e"), ("titulaire", "titulaire", "titulaire"),
    ("vendeur", "vendeuse", "vendeur·se"), ("secrétaire", "secrétaire", "secrétaire"),
    ("responsable", "responsable", "responsable"), ("stagiaire", "stagiaire", "stagiaire"),
]
# Adjectives that agree with the candidate only right after one of the words above.
AFTER_JOB = [
    ("administratif", "administrative", "administratif·ve"), ("principal", "principale", "principal·e"),
    ("territorial", "territoriale", "territorial·e"), ("social", "sociale", "social·e"),
    ("qualifié", "qualifiée", "qualifié·e"), ("spécialisé", "spécialisée", "spécialisé·e"),
    ("polyvalent", "polyvalente", "polyvalent·e"), ("statutaire", "statutaire", "statutaire"),
    ("technique", "technique", "technique"), ("comptable", "comptable", "comptable"),
]
INCLUSIVE = {form: inclusive for m, f, inclusive in GENDERED + AFTER_JOB for form in (m, f)}
_alt = "|".join(sorted({re.escape(w) for m, f, _ in GENDERED for w in (m, f) if m != f},
                       key=len, reverse=True))
_adj = "|".join(sorted({re.escape(w) for m, f, _ in AFTER_JOB for w in (m, f)}, key=len, reverse=True))
_same = "|".join(sorted({re.escape(m) for m, f, _ in GENDERED if m == f}, key=len, reverse=True))
GENDERED_WORDS = re.compile(rf"(?<![\w·-])(?:(?:{_alt})(?:\s+(?:{_adj}))*|(?:{_same})(?:\s+(?:{_adj}))+)"
                            rf"(?![\w·-])", re.IGNORECASE)
CIVILITY = re.compile(r"(?<![\w])(?:Madame|Monsieur|Mademoiselle|Mme|Mlle|M\.(?=\s))")
MARITAL = re.compile(r"(?<![\w])(?:célibataire|mariée?|pacsée?|divorcée?|veuf|veuve|en\s+couple)"
                     r"(?![\w])", re.IGNORECASE)
AGE = re.compile(r"(?<![\w])(?:(?:âgée?\s+de\s+)?\d{2}\s*(?:ans|a\.)(?![\w])|âge\s*:\s*\d{2}(?:\s*ans)?)",
                 re.IGNORECASE)
PHOTO = re.compile(r"\[?\(?(?:photo(?:graphie)?(?:\s+d['’]identité)?(?:\s+(?:jointe|ci-jointe|"
                   r"en\s+pièce\s+jointe|en\s+haut\s+à\s+droite))?|portrait)\)?\]?", re.IGNORECASE)
SEX = re.compile(r"(?:sexe|genre)\s*:\s*\w+", re.IGNORECASE)
FAMILY = re.compile(r"(?<![\w])(?:\d+|un|une|deux|trois|quatre|cinq)\s+enfants?(?![\w])|"
                    r"situation\s+(?:familiale|de\s+famille)\s*:[^\n]*|mère\s+de\s+\w+|"
                    r"père\s+de\s+\w+", re.IGNORECASE)
NATIONALITY = re.compile(r"nationalité\s*:?\s*[^\n,;|]*", re.IGNORECASE)


def neutral_form(value: str) -> str:
    """The inclusive form of gendered words, keeping the capital of the original."""
    def one(word: str) -> str:
        inclusive = INCLUSIVE.get(word.casefold(), word)
        if word.isupper() and len(word) > 1:
            return inclusive.upper()
        return inclusive[0].upper() + inclusive[1:] if word[:1].isupper() else inclusive

    if CIVILITY.fullmatch(value):
        return ""
    return re.sub(r"[\w-]+", lambda m: one(m.group()), value)


def find_cv_markers(text: str, _artifacts: object = None) -> list[Span]:
    found: list[Span] = []
    for label, pattern in (("AGE", AGE), ("PHOTO", PHOTO), ("GENDER", SEX), ("GENDER", CIVILITY),
                           ("GENDER", GENDERED_WORDS), ("FAMILY", MARITAL), ("FAMILY", FAMILY),
                           ("NATIONALITY", NATIONALITY)):
        found += [(m.start(), m.end(), label, 0.7) for m in pattern.finditer(text) if m.group().strip()]
    return found

"""What every criterion type shares: its result, its registry, and the word helpers.

A criterion type is one class (`Criterion` subclass) that holds the whole
decision rule for its kind of criterion, in four parts:

- `parse(text, definition)`: recognise the type from the recruiter's wording and
  read its parameters (a duration, a level, a domain), or return None;
- `check(cv)`: met / not met / not stated, quoting one verbatim CV line;
- `question(result)`: the interview question when the CV does not evidence it;
- `label`: the type's name as the recruiter reads it.

Types register themselves with `@register(priority)`; `parse_criterion` asks
them in priority order and the first that recognises the wording wins
(the knowledge type, which accepts anything, comes last).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from collectivia.recruitment.cv import ParsedCv, fold
from collectivia.recruitment.lexicons import STOPWORDS, SUFFIXES

MET, NOT_MET, NOT_STATED = "rempli", "non rempli", "non mentionné"


@dataclass
class CriterionResult:
    criterion: str
    status: str                  # MET | NOT_MET | NOT_STATED
    evidence: str | None         # a verbatim line of the CV
    note: str = ""
    proposal: bool = False       # found by meaning, not by the rule: the recruiter checks it

    @property
    def met(self) -> bool:
        return self.status == MET


@dataclass
class Criterion:
    """One posting criterion, parsed. Subclasses add their parameters and rules."""

    text: str
    definition: str = ""
    required: bool = True

    kind: ClassVar[str] = ""
    label: ClassVar[str] = ""
    priority: ClassVar[int] = 100
    # May a meaning match (e5) propose this criterion as met? Not for facts a line states
    # in its own words (a diploma level, a permit, a duration).
    semantic: ClassVar[bool] = False

    @classmethod
    def parse(cls, text: str, definition: str) -> Criterion | None:
        raise NotImplementedError

    def check(self, cv: ParsedCv) -> CriterionResult:
        raise NotImplementedError

    def question(self, result: CriterionResult) -> str:
        raise NotImplementedError

    def result(self, status: str, evidence: str | None = None, note: str = "") -> CriterionResult:
        return CriterionResult(self.text, status, evidence, note)


REGISTRY: list[type[Criterion]] = []


def register(cls: type[Criterion]) -> type[Criterion]:
    """Add a criterion type to the registry (kept in priority order)."""
    REGISTRY.append(cls)
    REGISTRY.sort(key=lambda t: t.priority)
    return cls


def parse_criterion(text: str, definition: str = "", required: bool = True) -> Criterion:
    """Recognise the criterion's type from its wording (first type in priority order wins)."""
    for criterion_type in REGISTRY:
        criterion = criterion_type.parse(text, definition)
        if criterion is not None:
            criterion.required = required
            return criterion
    raise LookupError(f"no criterion type for {text!r}")   # the knowledge type accepts anything


# ---- word helpers shared by the types ----------------------------------------------------------

ACRONYM = r"\b[A-Z][A-Z0-9]{1,}\b"


_INCLUSIVE = r"(?<=\w)\((?:e|es|s|le|les|ne|nes|se|ve|rice|trice|euse|ice)\)"


def examples(text: str, named_only: bool = False) -> list[str]:
    """The items listed in parentheses or quotes: « CMS (WordPress, Drupal) » -> wordpress, drupal.

    `named_only` keeps the named ones (a capital letter: products, acronyms), which a CV line
    evidences on its own — unlike "(carrière, avancement)", which only illustrate.
    """
    # « assistant(e) maternel(le) », « animateur(rice) »: inclusive endings, not examples
    text = re.sub(_INCLUSIVE, "", text)
    parts = re.findall(r"\(([^)]*)\)|«\s*([^»]*)»|\"([^\"]*)\"", text)
    items = []
    for group in parts:
        for piece in group:
            for raw in re.split(r",|;|/|\bou\b|\bet\b", piece):
                raw = re.sub(r"^\s*(?:ex|par exemple|e\.g|y compris|type|notamment|comme|tels? que)\b[\s.:]*", "",
                             raw, flags=re.IGNORECASE)
                item = fold(raw).strip(" .'…")
                # « AFGSU niveau 1 ou 2 »: a bare number names nothing (it matched « Année : 2015 »)
                if not item or re.fullmatch(r"ex|etc|par exemple|e\.g", item) or not re.search(r"[a-z]", item):
                    continue
                if not named_only or re.search(r"[A-Z]", raw):
                    items.append(item)
    return items


# "Maîtrise d'un CMS (WordPress, Drupal)": its leading noun goes, its own "d'un CMS" stays
_LEADING_NOUN = re.compile(r"^\s*(?:(?:tr[eè]s )?bonne |parfaite )?(?:ma[iî]trise|pratique"
                           r"(?: avanc[ée]e)?|usage(?: avanc[ée])?|utilisation|connaissances?)\s+(?=d'|d’|de |du |des )",
                           re.IGNORECASE)


def of_phrase(text: str) -> str:
    """What « votre pratique … » governs, in the criterion's own words and case.

    Built from the criterion's text rather than from its parsed keywords, which are
    folded and may be a stray article ("votre pratique de un").
    """
    rest = _LEADING_NOUN.sub("", text, count=1).strip()
    if rest != text.strip():
        return rest
    return f"d'{rest}" if fold(rest[:1]) in "aeiouy" else f"de {rest}"


# Enrolled in studies, not registered with a professional body (« inscrite à l'Ordre des infirmiers »)
ENROLLED = r"inscrit(?!e?s? (?:a l'ordre|au tableau|au registre|au rncp|au repertoire))"
# A mention that is not (yet) the thing: planned, under way, a beginner's level (folded text).
PENDING = re.compile(
    r"prevu|prevoi|je dois passer|a passer|en preparation|preparation (?:au|du|d'un|a la)|a effectuer"
    r"|en cours d'obtention|non obtenu|non valide|notions?\b|debutant|initiation"
    r"|" + ENROLLED + r"|envisage"
    r"|souhaite (?:passer|obtenir|me former|evoluer|progresser)|projet de formation|abandon|pas encore"
    r"|\bn'ai pas\b|\bje ne (?:possede|detiens) pas\b|pret(?:e)? a (?:le |la |les )?passer")

# The fields of a form's line: « Permis de conduire : B | Véhicule personnel : non », « SST : oui –
# PSC1 : non », « Permis : B / Poids lourd : non » (a slash after an answered field starts another;
# « Permis BE / B96 : Non » is one field).
_FIELD_SEPARATOR = re.compile(r"[|;·•]|\s[–—-]\s|,\s|\.\s")
_ANSWERED_NO = re.compile(r"[:?]\s*:?\s*non\b\.?\s*$")


def form_fields(folded: str) -> list[str]:
    fields = []
    for part in _FIELD_SEPARATOR.split(folded):
        current = ""
        for piece in part.split(" / "):
            current = f"{current} / {piece}" if current else piece
            if ":" in current:
                fields.append(current)
                current = ""
        if current:
            fields.append(current)
    return fields


def answered_no(folded: str, names: Callable[[str], bool]) -> bool:
    """A field of the line that names the thing asked is answered « Non » (« Connaissance du RGPD :
    Non », « Permis remorque (BE ou B96) : Non »); another field's « non » says nothing of it."""
    return any(names(field) and _ANSWERED_NO.search(field.strip()) for field in form_fields(folded))

# A ruled-out list opened by a colon: « Non rempli : …», « Ne comptent pas : … »
_LIST_INTRO = re.compile(r"^\s*(?:non rempli|non retenu|ne (?:comptent|compte|suffisent|suffit|remplissent|remplit) pas"
                         r"|sont exclus|exclus)"
                         r"\s*:", re.IGNORECASE)
_NEGATIVE = re.compile(r"\bne (?:suffisent|suffit|comptent|compte|sont|est|remplissent|remplit) pas\b|\bsont exclus"
                       r"|\bexclus\s*:"
                       r"|\bnon (?:compt[ée]e?s?|retenu(?:e?s?)|pris en compte)\b"
                       r"|^\s*(?:non rempli|non retenu|non|pas)\s*(?:si\b|:)"
                       # « Librairie, musée, animation : non. », « « Notions » … : non (evidence null). »
                       r"|:\s*non\b(?:\s*\([^)]*\))?\s*[.!]?\s*$", re.IGNORECASE)


def definition_parts(definition: str) -> tuple[str, str]:
    """The definition's sentences that say what counts, and those that say what does not.

    « Comptent : conducteur de travaux… Ne comptent pas : les emplois d'exécution (ouvrier,
    canalisateur) »: the items of the second sentence must never become evidence.
    """
    # clauses, not whole sentences: « … comptées une seule fois ; « en cours » = 11/2026 ; une
    # expérience sans dates ne compte pas » rules out undated experience, not « en cours »
    # « (ex. Micromusée, …) » is not the end of a sentence
    sentences = re.split(r"(?<=[.!?…])(?<!\b[Ee]x\.)(?<!\b[Cc]f\.)\s+(?=[A-ZÀ-Ý«])", definition)
    positive: list[str] = []
    negative: list[str] = []
    for sentence in sentences:
        listing = False      # « Non rempli : A ; B ; C. »: every clause after the colon is ruled out
        for clause in re.split(r"\s;\s", sentence):
            ruled_out = listing or bool(_NEGATIVE.search(clause))
            (negative if ruled_out else positive).append(clause)
            listing = listing or (ruled_out and _LIST_INTRO.search(clause) is not None)
    # the ruled-out clauses keep their semicolons: « AIPR opérateur ; AIPR expirée » are two items
    return " ".join(positive), " ; ".join(negative)


# Product and certificate names as a definition lists them: « GLPI, OCS Inventory, EasyVista, iTop… »
_CAPITALISED = r"(?:[A-ZÀ-Ý][\w.&+-]*|[a-z]+[A-Z][\w.&+-]*)"
_NAMED = re.compile(
    rf"(?<![\w-])(?:{_CAPITALISED}(?:[ -]{_CAPITALISED})+"                            # Windows Server, OCS Inventory
    r"|[A-Z][A-Za-z0-9]*[A-Z0-9][\w.&+-]*|[a-z]+[A-Z][\w.&+-]*"                     # GLPI, PSC1, EasyVista, iTop
    r"|(?:(?<=[,/:;] )|(?<=\())[A-ZÀ-Ý][a-zà-ÿ]{2,}(?=\s*(?:[,)/…]|\s(?:ou|et)\s|\.(?:\s|$)|$)))")  # (Docker,
# Not names: words a definition writes in capitals for emphasis (« … de diplôme ET si … »)
NOT_NAMED = {"france", "europe", "etat", "ue", "eee", "cv", "rempli", "non", "ne", "et", "ou", "si", "de", "le", "la",
              "les", "un", "une", "des", "du", "au", "aux", "en", "ni", "pas", "sans", "avec", "dont"}


def named_items(text: str) -> list[str]:
    """The named products, certificates and acronyms a text lists (folded); a name of several words
    also gives its distinctive words (« Microsoft Hyper-V » -> « hyper-v »)."""
    items = []
    for m in _NAMED.finditer(text):
        items.append(fold(m.group(0)).strip(" .-"))
        words = m.group(0).split()
        if len(words) > 1:
            items += [fold(w) for w in words if re.search(r"\w[A-Z0-9-]", w) and not w.isupper()]
    return list(dict.fromkeys(i for i in items if len(i) >= 2 and i not in NOT_NAMED))


def listed_items(sentence: str) -> list[str]:
    """The items a definition sentence enumerates (folded), after its colon if it has one:
    « Ne comptent pas : support de niveau 1 / hotline, développement logiciel, stages. »"""
    text = sentence.split(":", 1)[1] if ":" in sentence else sentence
    text = re.sub(_INCLUSIVE, "", text)
    items = []
    for piece in re.split(r"[,;/()«»]|\s(?:ou|et)\s|…", fold(text)):
        piece = piece.strip(" .'")
        while True:
            shorter = re.sub(r"^(?:les?|la|l'|des|une?|du|de|d'|simples?|seule?s?|ex\.?|y compris|l'emploi|emplois?"
                             r"|postes?)(?:\s+|(?<=')|$)", "", piece).strip()
            if shorter == piece:
                break
            piece = shorter
        if len(piece) >= 3 and piece not in STOPWORDS and re.search(r"[a-z]{2}", piece):
            items.append(piece)
    return list(dict.fromkeys(items))


def lower_first(text: str) -> str:
    """« Connaissance du statut » -> « connaissance du statut », but « AIPR … » stays."""
    return text[0].lower() + text[1:] if text[:2] != text[:2].upper() else text


def stem(word: str) -> str:
    """A crude French stem: enough to match 'statut', 'statutaire', 'statutaires'."""
    for suffix in sorted(SUFFIXES, key=len, reverse=True):
        if suffix and word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def stems(text: str) -> list[str]:
    words = re.findall(r"[a-z0-9][a-z0-9.'-]*", fold(text))
    out = []
    for word in words:
        word = word.split("'")[-1].strip(".-")
        if len(word) < 2 or word in STOPWORDS:
            continue
        out.append(stem(word))
    return list(dict.fromkeys(out))


def stem_matches(word_stem: str, word: str) -> bool:
    return word.startswith(word_stem) and word[len(word_stem):] in SUFFIXES


_FEMININE = ((r"(?<=[a-z])[·.](?:e|se|euse|rice|ne|le|re)(?:[·.]?s)?\b|\((?:e|se|ne|le)\)", ""),  # « ripeur·se »
             (r"trice\b", "teur"), (r"euse\b", "eur"), (r"ienne\b", "ien"), (r"iere\b", "ier"),
             (r"(?<=[a-z]{3})ee\b", "e"), (r"(?<=[a-z]{3})ive\b", "if"), (r"elle\b", "el"),
             (r"(?<=[a-z]{3}[nt])e\b", ""),
             # « commise de cuisine », « cheffe d'équipe », « principale de 2e classe »: the feminine
             # endings of titles only. A noun ending in « e » keeps it before « de » as everywhere
             # (« maintenance des bâtiments » must still show « maintenance », « mairie de » « mairie »).
             (r"(?<=[a-z]{2}(?:is|ff|al))e\b(?=\s+(?:de|d'|du|des|en|au|aux|principale?|territoriale?)\b)", ""))


def ungendered(folded: str) -> str:
    """« opératrice », « technicienne », « chargée de », « ripeur·se » -> « operateur », « technicien »,
    « charge de », « ripeur ».

    Job titles are written in the candidate's gender; matching them on this form keeps
    two CVs that differ only by gender identical for the screening.
    """
    for pattern, replacement in _FEMININE:
        folded = re.sub(pattern, replacement, folded)
    return folded


def mentions(text: str, terms: list[str]) -> bool:
    """One of the terms starts a word of the (folded) text."""
    return any(re.search(rf"(?<![a-z]){re.escape(t)}", text) for t in terms)


def phrase_in(folded: str, phrase: str) -> bool:
    """An example phrase is in the text, in any number and order: « accueils de classes » is in
    « accueil des classes de CP »; a phrase of three words or more may miss one of them."""
    if mentions(folded, [phrase]):
        return True
    wanted = [stem(w) for w in re.findall(r"[a-z0-9]+", phrase) if len(w) >= 3 and w not in STOPWORDS]
    if not wanted:
        return False
    words = re.findall(r"[a-z0-9]+", folded)
    found = sum(any(stem_matches(w_stem, w) for w in words) for w_stem in wanted)
    return found >= (len(wanted) if len(wanted) <= 2 else len(wanted) - 1)


def family_in(folded: str, phrase: str) -> bool:
    """Each word of the phrase is in the text as a word of its family (same first six letters:
    « médiatrice sociale » for « médiation sociale »); a phrase of three words or more may miss one."""
    wanted = [w for w in re.findall(r"[a-z0-9]+", phrase) if len(w) >= 3 and w not in STOPWORDS]
    if not wanted:
        return False
    words = re.findall(r"[a-z0-9]+", folded)
    found = sum(any(w == x or len(w) >= 6 and x.startswith(w[:6]) for x in words) for w in wanted)
    return found >= (len(wanted) if len(wanted) <= 2 else len(wanted) - 1)


def has(term: str, text: str) -> bool:
    """The term is a whole word (or words) of the (folded) text."""
    return re.search(rf"(?<![a-z]){re.escape(term)}(?![a-z])", text) is not None

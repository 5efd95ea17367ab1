"""Knowledge: anything else, matched by its key terms ("Connaissance du statut de la FPT").

One strong term (the criterion's head noun, an acronym or a named example it
lists) or two weak ones (the other items listed in its parentheses) on one CV
line meet it. A
named diploma or certification needs all the words of its name, or its
acronym, on a training line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from collectivia.recruitment.criteria.base import (
    ACRONYM, MET, NOT_MET, NOT_NAMED, NOT_STATED, PENDING, Criterion, CriterionResult, answered_no, definition_parts,
    examples, has, listed_items, lower_first, mentions, named_items, phrase_in, register, stem, stem_matches, stems)
from collectivia.recruitment.criteria.diploma import NOT_OBTAINED
from collectivia.recruitment import written_dates
from collectivia.recruitment.criteria.validity import expired, latest_month, lifelong, planned, valid_from
from collectivia.recruitment.cv import CvLine, ParsedCv, dates_only, fold
from collectivia.recruitment.lexicons import DOMAIN_SYNONYMS, STOPWORDS

# Head nouns that name an action, whose object says what is asked (« encadrement d'animateurs » is
# not « encadrement d'enfants »); a domain noun (« statut », « comptabilité ») is asked by itself.
ACTION_HEADS = {stem(w) for w in (
    "encadrement", "redaction", "conduite", "gestion", "animation", "suivi", "elaboration", "organisation",
    "coordination", "entretien", "accueil", "instruction", "montage", "realisation", "preparation",
    "accompagnement", "utilisation", "pilotage", "administration", "maintenance", "depannage", "conception",
    "enseignement", "travaux", "mise")}
# A diploma from abroad counts once recognised; what the CV says of a recognition not granted yet
RECOGNITION = re.compile(r"autorisation d'exercice|reconnaissance|\breconnue?s?\b|equivalence|comparabilite")
# … of a diploma or of the right to practise (not « reconnaissance de la qualité de travailleur
# handicapé », nor « de maladie professionnelle »)
_OF_A_DIPLOMA = r"(?:autorisation d'exercice|\bpae\b|(?:reconnaissance|equivalence|comparabilite)(?= (?:de|du) (?:mon |ma |son |sa )?(?:diplome|titre|qualification)| en france))"
RECOGNITION_PENDING = re.compile(
    _OF_A_DIPLOMA + r"[^.;|]{0,80}(?:en cours|demandee?|deposee?|en attente|instruction|sollicitee?)"
    r"|(?:demande|dossier|procedure)[^.;|]{0,40}" + _OF_A_DIPLOMA)
RECOGNITION_GRANTED = re.compile(r"\b(?:obtenue?|accordee?|delivree?|reconnue?)\b")
USE = stem("utilisation")
# Words after a head noun that name no object of it (« d'une équipe », « en autonomie »).
GENERIC_OBJECT = {stem(w) for w in ("equipe", "equipes", "autonomie", "interne", "internes", "public", "publics")}
GENERIC_HEAD = {stem(w) for w in (
    "regles", "regle", "techniques", "principes", "procedures", "outils", "methodes", "enjeux",
    "bases", "cadre", "fondamentaux", "reglementation", "dispositifs", "acteurs", "politiques",
    "environnement", "fonctionnement", "metiers", "pratiques", "notions", "usages", "domaine",
    "qualites", "capacites", "aisance", "esprit", "gout")}


def _hits(line: CvLine | str, terms: list[str]) -> int:
    folded = line if isinstance(line, str) else line.folded
    words = re.findall(r"[a-z0-9]+", folded)

    def hit(term: str) -> bool:
        if re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)+", term):    # « sage-femm », a stem of a compound word
            return any(stem_matches(term, w) for w in re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)+", folded))
        if " " in term or not term.isalnum():
            return has(term, folded)
        return any(stem_matches(term, w) for w in words)
    return sum(hit(t) for t in terms)


def _without(folded: str, items: list[str]) -> str:
    """The line with the mentions the definition rules out blanked: « VMware vSphere, Docker »
    still shows vSphere when Docker does not count."""
    for item in items:
        words = r"\s+".join(re.escape(w) + "[a-z]*" for w in item.split())   # any number
        folded = re.sub(rf"(?<![a-z]){words}", " ", folded)
    return folded


def _ruled_out(excluded: str, asked: list[str]) -> list[str]:
    """What the definition says does not count: its examples, the products it names, the phrases it
    lists (« virtualisation de poste de travail (VirtualBox) », « conteneurs seuls (Docker) »).
    Never what the criterion itself asks: « CACES d'autres engins » rules out other CACES, not
    the word « CACES » of « CACES R486 »."""
    items = examples(excluded) + named_items(excluded)
    items += [i for s in re.split(r"(?<=\.)\s+", excluded) for i in listed_items(s) if len(i.split()) >= 2]
    return [i for i in dict.fromkeys(items) if i not in asked and i not in STOPWORDS and len(i) >= 3]


def _enumerates(sentence: str, criterion: str) -> bool:
    """The sentence lists, after its colon, instances of the criterion itself: what precedes the
    colon says so (« Comptent : … ») or shares a word with it (« … une pratique collective : classe
    de musique de chambre, chœur »), unlike « Qualités attendues : rigueur, travail en équipe »."""
    if ":" not in sentence:
        return False
    before = sentence.split(":", 1)[0]
    if re.search(r"\b(?:comptent|compte|rempli|suffit|suffisent|acceptee?s?|exemples?|notamment|valent|vaut)\b",
                 fold(before)):
        return True          # « Comptent : accueils de classes, heures du conte »
    return bool(set(stems(before)) & {s for s in stems(criterion) if len(s) >= 4})


# A certification's number, folded: « r486 », « r372m »
_CODE = re.compile(r"\b[a-z]{1,4}\d{2,4}[a-z]?\b")


# « catégorie B », « cat. 1B, 3B », « catégories A et B » (the letters after the word)
_CATEGORIES = re.compile(r"\bcat(?:egories?\b|\.|\b)\s*:?\s*((?:\d?[a-z]\b(?:\s*(?:,|/|&|-|\bet\b|\bou\b|\+)\s*)?)+)")


def _category(text: str) -> str:
    """The one category a certification criterion asks for: « CACES R486 catégorie B » -> « b »."""
    folded = fold(re.sub(r"\([^)]*\)", " ", text))
    code = _CODE.search(folded)
    listed = _CATEGORIES.search(folded, code.end()) if code else None
    letters = _category_letters(listed.group(1)) if listed else []
    return letters[0][-1] if len(letters) == 1 else ""


def _category_letters(listed: str) -> list[str]:
    """« a, 3b et c » -> a, 3b, c."""
    return re.findall(r"\b\d?[a-z]\b", listed)


# What a certification criterion says of its validity, after its name: not part of the name
VALIDITY_SUFFIX = re.compile(r"\s+(?:en cours de validite|valides?|a jour|non (?:perimee?|expiree?))\s*$")


def _qualifiers(text: str, acronyms: list[str]) -> list[str]:
    """The levels a named certification must have: « AIPR concepteur ou encadrant »."""
    if not acronyms:
        return []
    rest = fold(re.sub(r"\([^)]*\)", " ", text))
    rest = VALIDITY_SUFFIX.sub("", rest)
    m = re.search(rf"\b{re.escape(acronyms[-1])}\s+([a-z]+(?:\s*(?:,|ou)\s*[a-z]+)+)\s*$", rest)
    return [stem(w) for w in re.split(r"\s*(?:,|\bou\b)\s*", m.group(1)) if w] if m else []


def _single_nouns(head: str) -> bool:
    """« utilisation d'une autolaveuse ou d'une monobrosse »: what is used is a list of single
    nouns, each a tool by itself (not « un terminal de verbalisation électronique »)."""
    used = re.sub(r"^\S+\s+", "", head)
    parts = re.split(r"\s*(?:,|\bou\b|\bet\b)\s*", used)
    return all(len(stems(part)) == 1 for part in parts if part.strip())


@register
@dataclass
class Knowledge(Criterion):
    kind = "knowledge"
    label = "connaissance"
    priority = 1000          # the fallback: accepts any wording
    semantic = True

    strong_terms: list[str] = field(default_factory=list)   # one is enough
    weak_terms: list[str] = field(default_factory=list)     # two are needed
    weak_phrases: list[str] = field(default_factory=list)   # an example of several words: one is enough
    all_terms: list[str] = field(default_factory=list)      # every one needed (a named diploma)
    training_only: bool = False    # only a training or diploma can evidence it
    employer_domain: bool = False  # a job in a collectivité counts
    qualifiers: list[str] = field(default_factory=list)   # « AIPR concepteur ou encadrant »: one is needed
    insufficient: list[str] = field(default_factory=list)  # « Ne suffisent pas : … (chiffrage) »
    # « Encadrement d'une équipe d'animateurs »: the head noun evidences it only with its object (or
    # one of the definition's examples) on the line; « Encadrement des enfants » is not it
    head_term: str = ""
    object_terms: list[str] = field(default_factory=list)
    category: str = ""     # « CACES R486 catégorie B »: a line naming only other categories is not it
    # the certification's own acronyms (« SST », « CACES »): a skills list naming one holds it
    names: list[str] = field(default_factory=list)

    @property
    def codes(self) -> list[str]:
        """The codes the criterion asks for (« R486 », « R372m »): a certification by its number."""
        return [t for t in self.strong_terms if _CODE.fullmatch(t)]

    @property
    def codes_ruled_out(self) -> list[str]:
        """Other codes of the same kind that the definition says do not count (« R489 »)."""
        asked = self.codes
        if not asked:
            return []
        found = (_CODE.findall(item) for item in self.insufficient)
        return [code for codes in found for code in codes if code not in asked]

    @classmethod
    def parse(cls, text: str, definition: str) -> Knowledge:
        counts, excluded = definition_parts(definition)   # what does not count never becomes a term
        # « AIPR (autorisation d'intervention à proximité des réseaux) »: the parentheses spell the
        # acronym out, they are not examples
        text_examples = re.sub(rf"({ACRONYM})\s*\([^)]*\)", r"\1", text)
        training_only = bool(re.match(r"(formation|diplome|certifica|habilitation|attestation)", fold(text)))
        head = re.sub(r"^(formation|diplome|certification|certificat|habilitation|attestation)s?\s+"
                      r"(?:en |de |d'|du |a |au |aux )?", "", fold(text))
        head = re.sub(r"^(connaissances?|notions?|maitrise|sens|gout|capacite|aptitude|pratique)"
                      r"\s+(?:approfondies?\s+|solides?\s+)?(?:du |de la |des |de l'|de |d'|en |a )?",
                      "", head)
        # « Certification Pix en cours de validité (délivrée …) »: the name is « Pix »
        head = VALIDITY_SUFFIX.sub("", re.split(r"\(|,", head)[0].rstrip())
        own_acronyms = [fold(w) for w in re.findall(ACRONYM, re.sub(r"\([^)]*\)", "", text))]
        # « Administration Windows Server et Active Directory »: named products, like acronyms
        own_named = named_items(lower_first(re.sub(r"\([^)]*\)", "", text)))
        own_acronyms += own_named
        # "règles de la comptabilité publique": the distinctive word is "comptabilité", not "règles"
        head_stems = [w for w in stems(head) if w not in GENERIC_HEAD] or stems(head)
        # a criterion naming its own acronyms (CNRACL, DSN) is evidenced by them, not by its head noun
        strong = [] if own_acronyms else head_stems[:1]
        strong += [fold(w) for w in re.findall(ACRONYM, text) if fold(w) not in NOT_NAMED]
        # the definition's acronyms that count by themselves, not those qualifying a longer phrase
        # (« tutorat de stagiaires BAFA » asks for tutoring, not for a BAFA)
        alone = set(examples(counts)) | {i for s in re.split(r"(?<=\.)\s+", counts) for i in listed_items(s)}
        strong += [fold(w) for w in re.findall(ACRONYM, counts) if fold(w) not in NOT_NAMED and fold(w) in alone]
        if re.search(r"fonction publique territoriale", fold(text + " " + counts)):
            strong.append("fpt")
        strong += examples(text, named_only=True)      # « (Chorus Pro) »: a named example counts alone
        strong += own_named + named_items(counts)      # « … utilisé : GLPI, OCS Inventory, iTop… »
        # an example of several words (« contrat de séjour ») is evidence as a phrase, not as a bag of
        # words two of which any line may hold (« accompagnement … personne »)
        listed = examples(text_examples) + examples(counts)
        # « Avoir encadré … une pratique collective : classe de musique de chambre, orchestre, chœur,
        # atelier jazz »: what the definition enumerates after its colon, each of several words
        enumerated = [i for s in re.split(r"(?<=\.)\s+", counts) if _enumerates(s, text) for i in listed_items(s)
                      if len(stems(i)) >= 2 and not re.search(r"\d", i)]
        phrases = [e for e in listed if len(stems(e)) >= 2] + enumerated
        weak = stems(" ".join(e for e in listed if e not in phrases))
        weak += head_stems[:1] if own_acronyms else []
        # « CACES R482 »: the family alone (« CACES R486 ») is not the one asked; a code (« R486 ») is
        # specific enough whatever the examples add to it (« R486 A »)
        strong = [t for t in dict.fromkeys(strong)
                  if re.search(r"\d", t) or not any(o.startswith(t + " ") for o in strong)]
        families = {o.split()[0] for o in strong if " " in o}
        # a named diploma or certification ("Diplôme d'État d'auxiliaire de puériculture"):
        # all the words of its name, or its acronym
        all_terms = stems(head)[:3] if training_only and len(stems(head)) > 1 else []
        if all_terms and not own_acronyms:
            strong = [s for s in strong if s not in all_terms]
        about_employers = bool(re.search(r"collectivit|environnement territorial|secteur public|"
                                         r"administrations? publiques?|fonctionnement des", head)) \
            and "statut" not in head
        head_term = head_stems[0] if head_stems and not own_acronyms and head_stems[0] in strong \
            and head_stems[0] in ACTION_HEADS else ""
        object_terms = [w for w in head_stems[1:] if w not in GENERIC_OBJECT] if head_term and not all_terms else []
        if head_term == USE and object_terms and _single_nouns(head):
            # « Utilisation d'une autolaveuse ou d'une monobrosse »: « lavage des sols à l'autolaveuse »
            # is using one; the objects are the criterion, « utilisation » only says it is practised
            strong = [t for t in strong if t != USE] + object_terms
            head_term, object_terms = "", []
        return cls(text, definition, strong_terms=strong, training_only=training_only,
                   head_term=head_term, object_terms=object_terms,
                   weak_terms=[w for w in dict.fromkeys(weak) if w not in strong
                               and not any(f.startswith(w) for f in families)], all_terms=all_terms,
                   weak_phrases=[e for e in dict.fromkeys(phrases) if e not in strong],
                   employer_domain=about_employers, qualifiers=_qualifiers(text, own_acronyms),
                   insufficient=_ruled_out(excluded, strong + own_acronyms), category=_category(text),
                   names=list(dict.fromkeys(a for a in own_acronyms if a in strong)))

    def _evidences(self, folded: CvLine | str) -> bool:
        if self.all_terms and _hits(folded, self.all_terms) == len(self.all_terms):
            return True
        hit = [t for t in self.strong_terms if _hits(folded, [t])]
        if hit and (hit != [self.head_term] or not self.object_terms
                    or _hits(folded, self.object_terms + self.weak_terms) >= 1):
            return True
        if self.all_terms:
            return False
        text = folded if isinstance(folded, str) else folded.folded
        # « rejoindre votre cuisine centrale » names the employer's, not the candidate's
        return _hits(folded, self.weak_terms) >= 2 or any(
            phrase_in(text, p) and not re.search(rf"\b(?:votre|vos)\s+{re.escape(p)}", text) for p in self.weak_phrases)

    def _short(self, line: CvLine) -> bool:
        """Named, but not enough: only through what the definition rules out, not obtained, or
        every clause naming it is pending or a beginner's level (« J'ai des notions d'AD »)."""
        if not self._evidences(_without(line.folded, self.insufficient)):
            return True
        if self.training_only and NOT_OBTAINED.search(line.folded):
            return True
        if answered_no(line.folded, self._evidences):      # « Connaissance du RGPD : Non »
            return True
        if self._other_category(line.folded):
            return True
        terms = self.strong_terms + self.weak_terms + self.all_terms
        naming = [c for c in re.split(r"[;·|•]|\.\s|,\s", line.folded)
                  if _hits(c, terms) or any(phrase_in(c, p) for p in self.weak_phrases)]
        return bool(naming) and all(self._pending(c) for c in naming)

    def _pending(self, clause: str) -> bool:
        """Planned or a beginner's; « préparation à la naissance » is no pending exam when the
        criterion asks for that very preparation."""
        found = PENDING.search(clause)
        if found and found.group().startswith("preparation") and "preparation" in fold(self.text):
            return bool(PENDING.search(clause, found.end()))
        return bool(found)

    def _right_to_practise_pending(self, cv: ParsedCv) -> CvLine | None:
        """A named diploma the criterion accepts from abroad only once recognised (« ou titre reconnu
        permettant d'exercer en France »), while the CV says the recognition is still asked for
        (« demande d'autorisation d'exercice déposée auprès de la DREETS, en cours d'instruction »)."""
        if not self.training_only or not RECOGNITION.search(fold(self.text + " " + self.definition)):
            return None
        return next((line for line in cv.usable_lines() if RECOGNITION_PENDING.search(line.folded)
                     and not RECOGNITION_GRANTED.search(line.folded)), None)

    def _other_category(self, folded: str) -> bool:
        """The line names categories of the certification, none of them the one asked (« R486
        catégorie A » for « catégorie B »; the old « R386 3B » is a B)."""
        if not self.category:
            return False
        asked = [m for m in _CODE.finditer(folded) if m.group() in self.codes or _hits(m.group(), self.strong_terms)]
        if asked:     # the categories said after the asked code, before any other code
            end = next((m.start() for m in _CODE.finditer(folded, asked[0].end())
                        if m.group() not in self.codes), len(folded))
            folded = folded[asked[0].end():end]
        named = _CATEGORIES.findall(folded)
        listed = [c for group in named for c in _category_letters(group)]
        return bool(listed) and not any(c.endswith(self.category) for c in listed)

    def _dated_part(self, line: CvLine, cv: ParsedCv) -> str:
        """What dates the certification: the items naming it in a list (« AFGSU niv. 2 (04/2021) ·
        Motricité libre (2022) » is dated 04/2021), else the whole line, else a date alone on the
        line above (Europass: « 03/2019 » then « Habilitation électrique B1V, BR »); with dates
        written in letters or shortened read as months (« en juin deux mille quinze »)."""
        terms = self.strong_terms + self.weak_terms + self.all_terms
        text = written_dates.normalised(fold(line.text), cv.today)   # the raw line: identity parts split nothing
        naming = [item for item in re.split(r"[;·|•]", text) if _hits(item, terms)]
        if any(latest_month(item) is not None for item in naming):
            return " ; ".join(naming)
        if latest_month(text) is None and (above := self._date_above(line, cv)):
            return f"{text} ; {above}"
        return text

    @staticmethod
    def _date_above(line: CvLine, cv: ParsedCv) -> str:
        """The date alone on the line right above, when the CV dates its items from above (Europass:
        « 03/2019 », the certificate, a blank line); not when a date follows right below (« CACES
        R489 » then « 2018 »: that date is the line's own, the one above the previous item's)."""
        if line.section == "experience":
            return ""      # « 2012 – 2016 » above a mission is the job's period
        near = {other.number: other.text for other in cv.lines if abs(other.number - line.number) == 1}
        above, below = near.get(line.number - 1, ""), near.get(line.number + 1, "")
        if dates_only(above) and latest_month(fold(above)) is not None and not (below.strip() and dates_only(below)):
            return fold(above)
        return ""

    def check(self, cv: ParsedCv) -> CriterionResult:
        """First line with one strong term or two weak ones; mission lines before job-title lines."""
        dated = {a.line for a in cv.activities}
        lines = [line for line in cv.usable_lines()
                 if not self.training_only or line.section == "education"
                 or re.search(r"\bformation|\bdiplome|\bcertifi|\bstage\b|\bhabilit|\bobtenu", line.folded)
                 or (line.section == "skills" and _hits(line, self.names))]
        naming = [line for line in lines if self._evidences(line)]
        first_valid = valid_from(self.text, self.definition, cv.today)
        # a PSC1 never lapses, unless the criterion itself asks for its recycling (« (recyclage annuel) »)
        never_lapses = not re.search(r"recycl|annuel|moins de \d", fold(self.text))
        outdated = [line for line in naming if expired(self._dated_part(line, cv), first_valid)
                    and not (never_lapses and lifelong(line.folded))]
        naming = [line for line in naming if line not in outdated]
        # a certificate's date may still be to come (« AIPR concepteur : examen le 14/10/2025 »)
        dated_ahead = self.training_only or bool(self.codes) or (bool(self.names) and first_valid is not None)
        short = [line for line in naming
                 if self._short(line) or (dated_ahead and planned(self._dated_part(line, cv), cv.today))]
        good = [line for line in naming if line not in short]
        if self.qualifiers and good:
            # « AIPR concepteur ou encadrant »: at one of the levels asked; at another, not enough
            qualified = [line for line in good if _hits(line, self.qualifiers)]
            if not qualified:
                return self.result(NOT_MET, good[0].text, "Niveau demandé non indiqué")
            good = qualified
        pending_right = self._right_to_practise_pending(cv)
        if good and pending_right is not None:
            return self.result(NOT_MET, pending_right.text,
                               "Reconnaissance du diplôme ou autorisation d'exercice demandée, pas encore obtenue")
        for pass_lines in ([c for c in good if c.text.strip() not in dated], good):
            for line in pass_lines:
                return self.result(MET, line.text, "Mention correspondante")
        if short:
            return self.result(NOT_MET, short[0].text,
                               "Mention insuffisante (définition du critère), prévue ou non obtenue")
        if outdated:
            return self.result(NOT_MET, outdated[0].text,
                               "Validité dépassée : obtenue ou recyclée avant la période de validité demandée")
        ruled_out = self.codes_ruled_out
        other = next((line for line in lines if ruled_out and _hits(line, ruled_out)), None)
        if other is not None:       # « CACES R489 » for « CACES R482 »: another code the definition excludes
            return self.result(NOT_MET, other.text, "Mention insuffisante (définition du critère)")
        if self.employer_domain:        # e.g. "Connaissance des collectivités territoriales"
            public = DOMAIN_SYNONYMS["collectivite territoriale"]
            job = next((j for j in cv.jobs if mentions(fold(j.line), public)), None)
            if job is not None:
                return self.result(MET, job.line, "Emploi dans une collectivité publique")
        return self.result(NOT_STATED)

    def question(self, result: CriterionResult) -> str:
        what = lower_first(self.text)
        return f"Comment avez-vous acquis et mis en œuvre : {what} ? Pouvez-vous donner un exemple ?"

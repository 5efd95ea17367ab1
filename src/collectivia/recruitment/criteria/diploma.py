"""Diploma: a minimum level of the French national framework (levels 3 to 8).

A diploma counts only when obtained: "niveau bac", "en cours", "non obtenu"
are quoted as not enough. Acronyms (BTS, CAP, BP) count only in capitals,
so that "but" or "bp" in running text are not diplomas.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from collectivia.recruitment.criteria.base import (
    ENROLLED, MET, NOT_MET, NOT_STATED, PENDING, Criterion, CriterionResult, definition_parts, examples, has,
    listed_items, named_items, register, stem, stem_matches)
from collectivia.recruitment.criteria.validity import latest_month, planned_until
from collectivia.recruitment.cv import CvLine, ParsedCv, fold
from collectivia.recruitment.lexicons import DIPLOMA_LEVELS, FIELD_SYNONYMS, LEVEL_WORDS, STOPWORDS, TRADES

NOT_OBTAINED = re.compile(
    r"niveau\s+(?:bac|baccalaureat|licence|master|bts|dut|cap|bep)|non obtenu|non valide|en cours|sans (?:l'|le |avoir )?obten"
    r"|en preparation|preparation (?:au|du|d'un|a la)|" + ENROLLED + r"|abandon|\bl[12]\b|1re annee|premiere annee"
    r"|2e annee|deuxieme annee|echec|ajourne|prevu|en attente|attendue? en|je termine|parcours partiel"
    r"|validation partielle|blocs? .*valides?|non certifie|pas encore (?:le |mon |son )?diplome|pas encore (?:obtenu|valide)"
    r"|\b(\d+) (?:uc|blocs?|modules?|epreuves?) (?:valide|obtenu)e?s? sur (?!\1\b)\d"
    r"|\bje prepare (?:actuellement |en ce moment )?(?:le |la |l'|un |une |mon |ma )?(?:diplome|bts|btsa|cap|bac\b"
    r"|baccalaureat|licence|master|but\b|dut\b|titre|bp\b|bpjeps|deust|de\b)"
    r"|\bpas presente?s? a l'examen|\b(?:pas|non) terminee?s?\b|\binachevee?s?\b|\bobtenue?\s*[:?]\s*non\b"
    # a level alone on its line, no diploma named (« NIVEAU : Bac+5 »)
    r"|^\W*niveau\s*:\s*(?:bac|baccalaureat|licence|master)\S*(?:\s*\+\s*\d)?\W*$")
_ACRONYMS = {"bp", "but", "cap", "bep", "bts", "btsa", "dut", "capa", "dea", "dess", "iep", "mba", "bepa", "bpa",
             "bta"}
_GENERIC_FIELD = {"domain", "secteur", "public", "general", "equivalent", "acceptee", "exige", "filier",
                  "metier", "obtenu", "plus", "diplom", "etranger", "niveau", "titre", "attestation", "meme"}
_FIELDS_OF_STUDY = {"gestion", "formation"}
WISHED = re.compile(r"souhait|objectif|prepar|vise|envisag")
_OLD_LEVELS = {"v": 3, "iv": 4, "iii": 5, "ii": 6, "i": 7}


FIRST_YEAR_OF_MASTER = re.compile(r"\bmaster (?:1|i)\b(?!\s*(?:et|&|/|-)\s*(?:2|ii)\b)|\bmaster premiere annee")


def _in_capitals(word: str, line: str) -> bool:
    """« BTS », « CAPa », « BEPA » are diplomas; « but » or « bp » in running text are not."""
    return any(sum(c.isupper() for c in m.group(0)) >= 2
               for m in re.finditer(rf"(?<![\w]){word}(?![\w])", line, re.IGNORECASE))


def diploma_level(line: str) -> int:
    """The level of the diploma a line names (0: none). Acronyms must be written in capitals.

    A professional title or certification says its level ("titre professionnel ... niveau 5",
    or the former "niveau III").
    """
    folded = fold(line)
    titled = re.search(r"(?:titre|certification|rncp|diplome)[^;|]*\bniveau\s*(\d|iv|iii|ii|i|v)\b", folded)
    if titled:
        value = titled.group(1)
        return int(value) if value.isdigit() else _OLD_LEVELS[value]
    if FIRST_YEAR_OF_MASTER.search(folded) and not re.search(r"\bmaster 2\b|\bm2\b(?! non)", folded):
        return 6      # « Master 1 … (M2 non poursuivi) » is a bac+4
    for level, pattern in DIPLOMA_LEVELS:
        for m in re.finditer(pattern, folded):
            word = m.group(0).strip()
            if word in _ACRONYMS and not _in_capitals(word, line):
                continue
            return level
    return 0


def _diploma_lines(cv: ParsedCv) -> list[tuple[CvLine, int, bool]]:
    found = []
    for line in cv.usable_lines():
        if line.section not in ("education", "experience", "skills", "other", "header", "letter"):
            continue
        level = diploma_level(line.text)
        if level and not re.search(r"concours|preparation au concours", line.folded):
            obtained = not (NOT_OBTAINED.search(_without_level_note(line.folded)) or _ends_ahead(line, cv.today)
                            or _still_studying(line.folded, cv.today))
            found.append((line, level, obtained))
    return [(line, level, obtained and not _unfinished_elsewhere(line, level, found))
            for line, level, obtained in found]


# A date to come that is not the studies' (« disponible à compter de janvier 2026 »)
_AVAILABLE = re.compile(r"disponib|a compter d|a partir d|prise de poste|des que possible")


def _ends_ahead(line: CvLine, today: int) -> bool:
    """« CAP … en apprentissage (09/2024 – 06/2026) », « 2023 – 2026 – BUT GEA »: studies dated
    into the months to come are not over (a year alone is read as its January, to the
    candidate's benefit: « 2025 » may be June 2025)."""
    return planned_until(line.folded, today) and not _AVAILABLE.search(line.folded)


# Studying for it now: « Étudiante en master », « Apprentie en BTS SP3S » (unless dated before
# today); « 09/2024–auj. Apprentie cuisinière (apprentissage CAP) » or « en alternance » with a date
# still running. « Master 2 … (en alternance) » alone says how it was studied, not that it is not over.
_STUDENT = re.compile(r"\b(?:etudiante?|apprentie?|alternante?)\s+en\b")
_WORK_STUDY = re.compile(r"\ben (?:alternance|apprentissage)\b|\(apprentissage\b")
_ONGOING = re.compile(r"\bauj\b|aujourd|\ben cours\b|actuellement|a ce jour")


def _still_studying(folded: str, today: int) -> bool:
    latest = latest_month(folded)
    running = bool(_ONGOING.search(folded)) or (latest is not None and latest >= today)
    student = bool(_STUDENT.search(folded)) and (latest is None or running)
    return student or (bool(_WORK_STUDY.search(folded)) and running)


# The names of diploma kinds: two lines about one diploma name the same kind
_KIND = re.compile(r"\b(?:master|licence|bachelor|but|dut|bts|btsa|cap|bep|bac|bp|deust|doctorat|titre)\b")
_NOT_DISTINCTIVE = {"diplome", "niveau", "annee", "alternance", "apprentissage", "universite", "formation",
                    "obtenu", "valide", "cours", "option", "specialite", "mention", "parcours", "ecole"}


def _unfinished_elsewhere(line: CvLine, level: int, found: list[tuple[CvLine, int, bool]]) -> bool:
    """Another line says this very diploma is not obtained: « Master Urbanisme et aménagement »
    in the list and « Master 2 Urbanisme et aménagement - non validé (mémoire non soutenu) » below
    it. The same kind with the same name, not one word in common (« Master Droit public » and
    « Master 2 Droit de l'urbanisme (en cours) » are two diplomas)."""
    names = _diploma_names(line.folded)
    return bool(names) and any(
        other is not line and not obtained and other_level == level and names & _diploma_names(other.folded)
        for other, other_level, obtained in found)


def _diploma_names(folded: str) -> set[tuple[str, frozenset[str]]]:
    """Each diploma a line names: its kind and the distinctive words of its name, up to the next
    separator (« master 2 urbanisme et amenagement - non valide » -> (master, {urbanisme, amenagement}))."""
    names = set()
    for kind in _KIND.finditer(folded):
        name = re.split(r"[-–—(,;:|/]|\d{4}", folded[kind.end():], maxsplit=1)[0]
        words = frozenset(w for w in re.findall(r"[a-z]{3,}", name)
                          if w not in STOPWORDS and w not in _NOT_DISTINCTIVE and not _KIND.fullmatch(w))
        if words:
            names.add((kind.group(), words))
    return names


# « Diplôme de Technicien Spécialisé en Gestion de l'Eau (niveau bac+2) »: the level a named diploma
# says it has, in brackets, is no « niveau bac+2 » without a diploma (« Études de droit (niveau bac+2) »).
_LEVEL_NOTE = re.compile(r"\(niveau\s+bac\s*\+\s*\d\)")
_UNFINISHED_STUDIES = re.compile(r"\b(?:etudes|cursus|formation|annees?|sans|suivi)\b")


def _without_level_note(folded: str) -> str:
    note = _LEVEL_NOTE.search(folded)
    if note is None:
        return folded
    before = folded[:note.start()]
    named = re.search(r"\b(?:diplome|titre|certificat|brevet|attestation de comparabilite)\b", before) \
        or diploma_level(before)
    return before + folded[note.end():] if named and not _UNFINISHED_STUDIES.search(before) else folded


def _field_terms(folded: str) -> list[str]:
    """The domain a diploma must be in: the words after « en » / « dans le », outside parentheses,
    or those naming the diploma itself (« diplôme de cuisine de niveau supérieur »)."""
    bare = re.sub(r"\([^)]*\)", " ", folded)
    m = re.search(r"\)?\s(?:en|dans (?:le|la|les|l'))\s+(?!cours\b)([a-z' ,-]+?)\s*"
                  r"(?:\(|[.;:]|$|\bou equivalent|\bminimum)", bare) \
        or _named_field(bare) or _field_after_level(bare) or _trade_field(bare)
    if not m:
        return []
    # « gestion » is no evidence of a knowledge criterion, but it is a field of study
    words = [w for w in re.findall(r"[a-z0-9]+", m.group(1)) if w not in STOPWORDS or w in _FIELDS_OF_STUDY]
    return list(dict.fromkeys(stem(w) for w in words if len(w) >= 4 and stem(w) not in _GENERIC_FIELD))


# Words that say a diploma's level or kind, not its field (« diplôme de l'enseignement supérieur »,
# « diplôme de technicien supérieur », « diplôme de bachelor ou licence »).
_LEVEL_WORDING = re.compile(r"\b(?:enseignement|superieur|technicien|bachelor|licence|master|bac|baccalaureat"
                            r"|niveau|etat|fin|etudes?|specialisation|docteur|doctorat|ingenieur|deug|dut|bts"
                            r"|but|cap|bep|universitaire|premier|second|cycle)\b")


def _named_field(bare: str) -> re.Match | None:
    """« diplôme de cuisine de niveau supérieur »: the field a diploma is named by."""
    m = re.search(r"\bdiplome (?:de |d'|du )([a-z' -]+?)\s*(?:\(|[.;:,]|$|\bde niveau|\bou\b|\bminimum)", bare)
    return m if m and not _LEVEL_WORDING.search(m.group(1)) else None


def _field_after_level(bare: str) -> re.Match | None:
    """« diplôme bac+2 ou plus des métiers du livre … », « niveau 5 minimum du secteur social »: the
    field named after the level."""
    return re.search(r"(?:bac\s*\+\s*\d|niveau\s*\d)(?:\s+(?:ou plus|minimum|au moins|ou superieur))?\s+"
                     r"(?:des|du|de la|de l'|d')\s*([a-z' ,-]+?)\s*(?:\(|[.;:]|$|\bou equivalent)", bare)


def _trade_field(bare: str) -> re.Match | None:
    """« CAP, BEP ou titre professionnel d'un métier du bâtiment », « … dans le secteur de la petite
    enfance »: the trade or sector named after the diplomas."""
    return re.search(r"\b(?:d'un|d'une|dans un|dans une|du|des)\s+(?:metier|domaine|secteur|filiere|specialite)s?\s+"
                     r"(?:du|de la|de l'|des|d')\s*([a-z' ,-]+?)\s*(?:\(|[.;:]|$|\bou equivalent)", bare)


def _word_level(folded: str) -> int:
    """The level a criterion's wording names (highest first: « bac+2 … BTS » is level 5)."""
    return next((value for value, pattern in LEVEL_WORDS if re.search(pattern, folded)), 0)


def _lowest_listed(text: str) -> int:
    """Without a stated level, the diplomas a criterion lists are alternatives: « CAP, BEP, bac pro
    ou titre professionnel », « (CAPa, BEPA, Bac pro, BTSA) » — the lowest of them will do."""
    items = [fold(item) for item in re.split(r",|;|/|\(|\)|\bou\b", text, flags=re.IGNORECASE)]
    levels = [level for level in map(_word_level, items) if level]
    return min(levels) if len(levels) >= 2 else _word_level(fold(text))


def _excluded_diplomas(excluded: str) -> list[str]:
    """Diplomas the definition names as not counting (« Non rempli : CAP Pâtissier, CAP Agent
    polyvalent de restauration »): an acronym followed by its specialty."""
    return [item for item in listed_items(excluded)
            if re.match(r"(?:cap|bep|bac|bp|bts|dut|but|licence|master|titre|diplome|deug|dues?t)\s+(?!en\b|de niveau|niveau)\w",
                        item)]


# A level that follows a certificate's acronym is that certificate's, not a diploma level.
_CERTIFICATE_LEVEL = re.compile(r"\b(?!(?:CAP|BEP|BAC|BTS|DUT|BUT|BP|DEUG|DEUST|RNCP)\b)[A-Z][A-Z0-9]{2,}"
                                r"\s+(?:de\s+)?niveau\s*\d")


@register
@dataclass
class Diploma(Criterion):
    kind = "diploma"
    label = "diplôme"
    priority = 40

    level: int = 0
    field_terms: list[str] = field(default_factory=list)  # « en génie civil, travaux publics ou bâtiment »
    field_names: list[str] = field(default_factory=list)  # « (BTS SIO, BUT R&T) »: a named one is in the field
    excluded_names: list[str] = field(default_factory=list)  # « Non rempli : CAP Pâtissier »

    @classmethod
    def parse(cls, text: str, definition: str) -> Diploma | None:
        folded = fold(text)
        if not re.search(r"diplome|niveau \d|baccalaureat|\bbac\b|licence|master|\bbts\b|\bdut\b|\bcap\b"
                         r"|titulaire d'un", folded):
            return None
        if re.search(r"\bpermis\b", folded):
            return None
        if _CERTIFICATE_LEVEL.search(text) and not re.search(
                r"diplome|baccalaureat|\bbac\b|licence|master|\bbts\b|\bdut\b|\bcap\b|titulaire d'un", folded):
            return None      # « AFGSU niveau 2 », « SST niveau 1 »: a certificate's own level, a knowledge
        m = re.search(r"niveau\s*(\d)|bac\s*\+\s*(\d)", folded)
        level = (int(m.group(1)) if m.group(1) else {2: 5, 3: 6, 5: 7, 8: 8}.get(int(m.group(2)), 0)) if m else 0
        level = level or _lowest_listed(text)
        if not level:
            return None      # a named diploma (« Diplôme d'État d'auxiliaire de puériculture »): a knowledge
        counts, excluded = definition_parts(definition)
        named = [n for n in named_items(text) + named_items(counts)
                 if (" " in n or not diploma_level(n.upper())) and n not in _ACRONYMS and len(n) >= 2]
        # the field as the criterion names it, widened by the fields its definition lists
        # (« dans le livre, les bibliothèques, la documentation… ou le patrimoine »)
        terms = _field_terms(folded)
        if terms:
            terms += [t for t in _field_terms(fold(counts)) if t not in terms]
            # and by the trades it lists in brackets (« électricité, plomberie, maintenance des
            # bâtiments… »): a word is a field's stem, a phrase must be there whole
            listed = [e for e in examples(counts) if not _word_level(e)]
            # and by its domain's trades (« un métier du bâtiment »: plomberie, maçonnerie…)
            if _trade_field(re.sub(r"\([^)]*\)", " ", folded)):
                listed += [t for key, trades in TRADES.items() if stem(key) in terms for t in trades]
            terms += [stem(e) for e in listed if " " not in e and len(e) >= 4 and stem(e) not in terms]
            terms += [s for t in terms for s in FIELD_SYNONYMS.get(t, []) if s not in terms]
            named += [e for e in listed if " " in e and e not in named]
        return cls(text, definition, level=level, field_terms=terms, field_names=named,
                   excluded_names=_excluded_diplomas(excluded))

    def check(self, cv: ParsedCv) -> CriterionResult:
        found = _diploma_lines(cv)
        if self.field_terms and self.level <= 3:
            found += self._unlevelled(cv)
        found += self._named(cv, {f[0].number for f in found})
        if not found:
            return self.result(NOT_STATED, None, "Aucun diplôme mentionné")
        ruled_out = [f for f in found if any(has(n, f[0].folded) for n in self.excluded_names)
                     and not any(has(n, f[0].folded) for n in self.field_names)]   # « CAP Pâtissier et CAP Cuisine »
        found = [f for f in found if f not in ruled_out]
        if not found:
            line = ruled_out[0][0]
            return self.result(NOT_MET, line.text, "Diplôme que la définition exclut")
        good = [f for f in found if f[2] and f[1] >= self.level]
        in_field = [f for f in good if not self.field_terms or self._in_field(f[0])]
        if in_field:
            line, level, _ = max(in_field, key=lambda f: f[1])
            return self.result(MET, line.text, f"Diplôme de niveau {level} (exigé : niveau {self.level})")
        if good:
            line, level, _ = max(good, key=lambda f: f[1])
            return self.result(NOT_MET, line.text, f"Diplôme de niveau {level} hors du domaine demandé")
        line, level, obtained = max(found, key=lambda f: (f[1], f[2]))
        why = "non obtenu ou en cours" if not obtained else f"niveau {level} < niveau {self.level}"
        return self.result(NOT_MET, line.text, f"Diplôme insuffisant ou non obtenu ({why})")

    def _in_field(self, line: CvLine) -> bool:
        """A word of the field (« paysagiste » for « paysagers », « horticole » for « horticulture »:
        same first six letters), or a diploma the criterion names (« BTS SIO »)."""
        words = re.findall(r"[a-z0-9]+", line.folded)
        return any(stem_matches(t, w) or (len(t) >= 6 and w.startswith(t[:6])) for t in self.field_terms
                   for w in words) or any(has(n, line.folded) or self._spelled_apart(n, words)
                                          for n in self.field_names)

    @staticmethod
    def _spelled_apart(name: str, words: list[str]) -> bool:
        """« DUT GEA » named as « DUT Gestion des entreprises et des administrations (GEA) »."""
        parts = name.split()
        return 2 <= len(parts) <= 3 and all(len(p) >= 2 and p in words for p in parts)

    def _named(self, cv: ParsedCv, seen: set[int]) -> list[tuple[CvLine, int, bool]]:
        """A diploma the criterion names (« DEAES », « titre ADVF ») is of the level it asks, whatever
        the level tables know of it."""
        words = {line.number: re.findall(r"[a-z0-9]+", line.folded) for line in cv.usable_lines()}
        return [(line, self.level, not (NOT_OBTAINED.search(line.folded) or PENDING.search(line.folded)
                                        or WISHED.search(line.folded)))
                for line in cv.usable_lines()
                if line.number not in seen and line.section in ("education", "other", "skills", "letter")
                and any(has(n, line.folded) or self._spelled_apart(n, words[line.number])
                        for n in self.field_names)]

    def _unlevelled(self, cv: ParsedCv) -> list[tuple[CvLine, int, bool]]:
        """« Diplôme de technicien en horticulture » (abroad, no level known): when any diploma of the
        field will do, a diploma named in the field is at least the lowest level."""
        return [(line, 3, not NOT_OBTAINED.search(line.folded)) for line in cv.usable_lines()
                if re.search(r"\bdiplome\b|\btitre professionnel\b|\bdegree\b|\bdiploma\b", line.folded)
                and not diploma_level(line.text) and self._in_field(line)]

    def question(self, result: CriterionResult) -> str:
        return ("Quel est votre plus haut diplôme obtenu (intitulé, année) ? Une équivalence ou "
                "une VAE est-elle en cours ?")

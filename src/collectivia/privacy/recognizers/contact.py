"""Where a person can be reached: e-mail, postal address, postcode and commune.

E-mail domains are checked against the public suffix list bundled with
`tldextract` (never downloaded: the machine is offline). Functional boxes
(rh@, recrutement@...) and the addresses of employers are not personal data
of an individual and are left as they are.
"""

from __future__ import annotations

import re
from functools import lru_cache

import tldextract

from collectivia.privacy.recognizers.base import LOW, UP, Span, left, line_bounds
from collectivia.privacy.recognizers.dictated import said_mailbox_start
from collectivia.privacy.recognizers.names import any_name

# An address as people type or dictate it to keep it from robots: « (at) », « [dot] », « arobase …
# point com », « at gmail dot com », blanks around « @ » and the dots (« julien . barre @
# mairie-lorient . fr »), the dots of its local part said too (« svetlana point ivanova arobase »).
# A narrow column or a chat wraps it at its « @ » or after a dot of its local part (« helene.vdberghe@
# ⏎ proton.me », « paulo.ferreira. ⏎ 83@hotmail.fr »); a slip of the finger types a comma for the
# dot before its suffix (« laposte,net »).
_AT = r"(?:[ \t]?\n?[ \t]*@[ \t]?(?:\n[ \t]*)?|[ \t]?[\[(][ \t]?(?:at|arobase)[ \t]?[\])][ \t]?|[ \t](?:arobase|at)[ \t])"
_DOT = (r"(?:\.|[ \t]\.[ \t]|[ \t]?[\[(][ \t]?(?:dot|point)[ \t]?[\])][ \t]?|[ \t](?:point|dot)[ \t]"
        r"|,(?=(?:fr|com|net|org|eu)\b))")
_LOCAL_DOT = r"(?:[ \t]\.[ \t]|[ \t]point[ \t])"
# A suffix said letter by letter: « arobase orange point f r »
_SPELLED_SUFFIX = r"[a-z](?:[ \t][a-z]){1,2}(?![\w\-])"
# Bounded repetitions: a long run of « a . a . a » must not be tried from every word (quadratic).
EMAIL = re.compile(r"(?<![\w.+\-])([\w.+\-]{1,64}(?:" + _LOCAL_DOT + r"[\w.+\-]{1,64}){0,6})" + _AT
                   + r"([\w\-]{1,63}(?:" + _DOT + r"(?:" + _SPELLED_SUFFIX + r"|[\w\-]{1,63})){1,6})(?![\w\-])",
                   re.IGNORECASE)
FUNCTIONAL_BOXES = re.compile(
    r"^(rh|drh|grh|recrutement|recrutements|emploi|emplois|candidature|candidatures|paie|"
    r"contact|accueil|info|infos|information|mairie|secretariat|secrétariat|direction|dgs|"
    r"courrier|formation|formations|communication|dpo|rgpd|cnil|noreply|no-reply|"
    r"ne-pas-repondre|webmaster|admin|support|service|services|carriere|carrieres|"
    r"sante|prevention|cabinet|elus|ressources-humaines|ressourceshumaines|standard|"
    r"finances|comptabilite|marches|technique|urbanisme|etat-civil|cs|cst|cap|"
    r"syndicat|cgt|cfdt|fo|unsa|sud|fsu|cftc|ressources|humaines|personnel|population|"
    r"etatcivil|jeunesse|scolaire|culture|sport|sports|techniques|st|dst|maire|president|"
    r"presidence|elus|juridique|assurances|achats|informatique|dsi|si|helpdesk|"
    r"social|sociale|handicap|retraite|retraites|absences|concours|stages|stage|"
    r"medecine|medecin|assistante|assistant|rrh|srh|gpec|mobilite|instances|cst|f3sct)"
    r"([.\-_][a-z0-9]+)*$", re.IGNORECASE)


FUNCTIONAL_NAME = re.compile(r"\b(service|direction|gestion|pôle|secrétariat|ressources humaines|"
                             r"accueil|cellule|mission|bureau|équipe)\b[^<\n]*<\s*$", re.IGNORECASE)


# Suffixes outside the public list that mailboxes still use: an intranet's (« mairie.local »,
# « cc.intra ») and the reserved ones documents and tests write (RFC 2606 / 6761).
PRIVATE_SUFFIXES = {"local", "lan", "intra", "intranet", "internal", "corp", "example", "test", "invalid"}


@lru_cache(maxsize=1)
def offline_tld_extractor() -> tldextract.TLDExtract:
    """tldextract with its bundled suffix-list snapshot: no download, no cache directory."""
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


# Mailbox providers for private persons: a box there is somebody's, whatever its name (« kiki.974 »).
PERSONAL_PROVIDERS = re.compile(r"(?:^|\.)(?:gmail|googlemail|hotmail|outlook|live|msn|yahoo|ymail|orange|wanadoo"
                                r"|free|sfr|neuf|club-internet|aliceadsl|voila|laposte|icloud|me|aol|gmx"
                                r"|protonmail|proton|bbox|numericable|skynet|tutanota)\.", re.IGNORECASE)


def _service_words_only(local: str, artifacts: object) -> bool:
    """« inscriptions.scolaires », « conseil.medical », « elections2026 »: a mailbox named by a
    service's words (at least one of SERVICE_WORDS, the others ordinary French words the model's
    vocabulary knows and no first name or surname of any list, ambiguous ones included) is a
    service's, not a person's. « franck.blanc » has no service word: it stays personal."""
    vocab = getattr(getattr(artifacts, "tokens", None), "vocab", None)
    if vocab is None:
        return False
    words = [w for w in re.split(r"[._\-\d]+", local.lower()) if w]
    return (bool(words) and any(w in SERVICE_WORDS for w in words)
            and all(w in SERVICE_WORDS or (len(w) >= 3 and vocab.has_vector(w) and w not in any_name())
                    for w in words))


# Words that name what a service does, as collectivités name their shared mailboxes.
SERVICE_WORDS = set("""
accueil affaires action aide aides apa archives assainissement associations astreinte budget cantine
ccas cellule centre citoyennete collecte commande communication conseil contact courrier creche
culture dechets democratie developpement eau ecoles ecoute education educ elections emploi enfance
entretien environnement equipe espaces etat evenements famille familles finances formation gestion
guichet habitat handicap hygiene inscriptions instances jeunesse logement loisirs marches medical
mediatheque medecine mission mobilite parc patrimoine permanence personnel petite piscine police
population prevention protection proximite publics recrutement reglementation relations remplacement
reservations restauration retraites sante scolaire scolaires secours securite seniors service services
sociale social solidarite sport sports stationnement transport travaux urbanisme urgence vie voirie
""".split())
OCR_LETTERS = str.maketrans("01", "ol")
# The first part of a local part wrapped after one of its dots, alone at the end of its line and
# mailbox-shaped itself (a dot or a digit inside: « paulo.ferreira. ⏎ 83@… »), never the last word
# of a sentence (« … à l'accueil. ⏎ marie.dupont@… »).
WRAPPED_LOCAL = re.compile(r"(?:^|[ \t])([\w+\-]+(?:\.[\w+\-]+)+\.|[\w+\-]*\d[\w+\-]*\.)\n[ \t]*$", re.MULTILINE)


def _known_suffix(domain: str, extract: tldextract.TLDExtract) -> bool:
    return bool(extract(domain).suffix) or domain.rsplit(".", 1)[-1].lower() in PRIVATE_SUFFIXES


def find_email(text: str, _artifacts: object = None) -> list[Span]:
    found = []
    extract = offline_tld_extractor()
    for m in EMAIL.finditer(text):
        local = re.sub(r"\s", "", re.sub(_LOCAL_DOT, ".", m.group(1), flags=re.IGNORECASE)).strip(".")
        domain = re.sub(r"(?<=\b[a-z])[ \t](?=[a-z]\b)", "", re.sub(_DOT, ".", m.group(2), flags=re.IGNORECASE))
        if not any(_known_suffix(read, extract) for read in (domain, domain.translate(OCR_LETTERS),
                                                              domain.translate(OCR_LETTERS).replace("rn", "m"))):
            continue  # read by OCR, « gmai1.com », « gmail.c0m », « gmai1.corn » still ends as a mailbox does
        if text[m.end(1):m.start(2)].strip().lower() == "at" and " point " in m.group(2).lower() \
                and " point " not in m.group(1).lower():
            continue  # « at » is English: its dots are « dot » (« on se voit at 5 point final »), unless
            # the local part was said with French dots already (« arnaud point etchebarne at orange point fr »)
        if not re.search(r"[^\W\d_]", local + domain.rsplit(".", 1)[0]):
            continue  # « 12.5 @ 3 point de »: a mailbox is named by words (« chenwei13@163.com » too)
        if FUNCTIONAL_BOXES.match(local) or FUNCTIONAL_NAME.search(left(text, m.start(), 60)) \
                or (_service_words_only(local, _artifacts) and not PERSONAL_PROVIDERS.search(domain)):
            continue
        start = m.start()
        if re.search(r"(?i)arobase", text[m.end(1):m.start(2)]):
            start = said_mailbox_start(text, start)
        elif (wrapped := WRAPPED_LOCAL.search(text, max(0, start - 65), start)) is not None:
            start = wrapped.start(1)
        found.append((start, m.end(), "EMAIL", 1.0))
    return found


# --- Postal addresses ----------------------------------------------------------
VOIE = (r"(?:rue|avenue|av\.|bd|boulevard|allée|allee|impasse|chemin|place|route|quai|cours|square|"
        r"passage|sentier|résidence|lotissement|hameau|cité|faubourg|rond-point|esplanade|"
        r"promenade|mail|parvis|traverse|montée|ruelle|villa|domaine|clos|voie|venelle|"
        r"chaussée|côte|levée|mont|port|ZA|ZI|lieu-dit|sente|drève|rampe|digue|"
        r"hent|straed|"   # Breton: « 12 hent ar Vilin »
        # the Base adresse nationale's abbreviations, before what names the street
        r"(?:imp|rte|ch|chem|all|pl|sq|fg|bvd|blvd|av|res|rés|résid)(?=\.?[ \t]+(?:de|des|du|d['’]|la|le|les|(?-i:[A-ZÀ-Ý]))))")
CITY = (rf"[{UP}][{UP}{LOW}'’\-]{{0,40}}(?:[ \t]{{1,3}}(?:[{UP}][{UP}{LOW}'’\-]{{0,40}}|(?:sur|sous|en|lès|les|le|"
        rf"la|de|du)(?![\w'’-])|d['’][{UP}][{LOW}]{{1,30}})){{0,5}}")  # bounded: no quadratic scan on odd input
POSTCODE_CITY = rf"(?:\d{{5}}|\d{{2}}[ \t]\d{{3}})[ \t]+{CITY}(?:[ \t]+CEDEX(?:[ \t]+\d+)?)?"
STREET = (rf"\d{{1,4}}(?:[-/]\d{{1,4}})?(?:[ \t]?(?i:bis|ter|quater|[A-D])\b)?,?[ \t]+(?i:{VOIE})\b[^\n,;()|]{{2,60}}")
PREFIX = (r"(?i:(?:Résidence|Quartier|Village|Cité|Hameau|Lotissement|Domaine|Bâtiment|Bât\.?|Appartement|Appt\.?|Apt\.?|Escalier|Esc\.?|Étage|"
          r"Chez(?=[ \t]+(?-i:[A-ZÀ-Ý]))|Lot|Foyer(?:-logement)?|Chambre|BP|Boîte postale|\d{1,2}(?:e|er|ère|ème)[ \t]+étage)\b(?![-'’])[^\n,]{0,60}(?:,[ \t]*|\n[ \t]*))")
SUFFIX = r"(?:[ \t]*(?:,|–|-)?[ \t]*(?:\n[ \t]*)?(?i:(?:Appartement|Appt|App|Bât|Bâtiment|Escalier)\b\.?[^\n,]{0,30}(?:,[ \t]*|\n[ \t]*))|)"
TO_POSTCODE = rf"{SUFFIX}(?:[ \t]*(?:,|–|-)[ \t]*|[ \t]*\n[ \t]*|[ \t]*){POSTCODE_CITY}"
# A street without a number (« Village de Cavani, rue du Stade\n97600 Mamoudzou ») is an
# address only when the postcode and the city follow it: the postcode is what anchors it.
UNNUMBERED = rf"(?<![\w'’])(?i:{VOIE})\b[ \t]+[^\n,;()|\d]{{2,50}}?(?={TO_POSTCODE})"
# Each building part ends at its comma or line and at most four precede the street: « bâtiment a, »
# repeated must not be split every possible way (it was exponential). A home named by its building
# parts alone is an address when its postcode follows: « bâtiment E de
# la résidence Les Minguettes, 2e étage, appartement 23, 69200 Vénissieux », « BP 217\n97620 Chirongui ».
ADDRESS = re.compile(
    rf"{PREFIX}{{0,4}}(?:(?:{STREET}|(?i:Lieu-dit)[ \t]+[^\n,]{{2,40}})(?:{TO_POSTCODE})?"
    rf"|{UNNUMBERED}{TO_POSTCODE})"
    rf"|{PREFIX}{{1,4}}{POSTCODE_CITY}")
# The number after the street and a four-digit postcode, as Belgium, Switzerland and Luxembourg
# write them: « rue de la Grande Triperie 14 bte 3, 7000 Mons », « Chemin du Moulin 3, 1266 Duillier ».
FOREIGN_ORDER = re.compile(
    rf"(?<![\w'’])(?i:{VOIE})\b[ \t]+[^\n,;()|\d]{{2,50}}?[ \t]+\d{{1,4}}[a-zA-Z]?"
    rf"(?:[ \t]+(?i:bte|boîte|bus)\.?[ \t]*\d{{1,4}})?,?[ \t]+\d{{4}}[ \t]+[^\W\d_][\w'’-]*"
    rf"(?:[ \t]+(?:[{UP}][\w'’-]*|(?:sur|sous|en|lès|les|le|la|de|du)(?![\w'’-])))?")
PLACE_LINE = re.compile(rf"(?m)^[ \t]*([{UP}][^\n,\d]{{2,40}}),[ \t]*({POSTCODE_CITY})[ \t]*$")
EMPLOYER = re.compile(
    r"\b(mairie|hôtel de ville|hotel de ville|ville d[e']|commune d[e']|centre|département|"
    r"conseil|communauté|agglomération|métropole|préfecture|région|syndicat|ccas|cias|"
    r"sdis|cdg|cnfpt|direction|service|pôle|ehpad|école|lycée|collège|université|hôpital|"
    r"clinique|entreprise|société|sarl|sas|association|tribunal|ministère|caisse|"
    r"agence|office|établissement|siège|hôtel|bureau|monsieur le maire|madame la maire|"
    r"à l'attention|services techniques|médiathèque|crèche|multi-accueil|piscine)\b",
    re.IGNORECASE)
PERSONAL_LEFT = re.compile(r"(demeurant|domicilié|domiciliée|domicile|réside|résidant|résidente?|habite|"
                           r"habitante?|adresse|coordonnées|vit)\b[^\n]*$", re.IGNORECASE)


# Earlier on the address's own line, a person: « Demandeur : M. Sergueï IVANOV, né le …, 47 rue… »
PERSON_ON_LINE = re.compile(r"(?:\b(?:M\.|Mme|Mlle|Madame|Monsieur)\s+[A-ZÀ-Ý]|\bnée?\s+le\b)")


def employer_context(text: str, start: int) -> bool:
    """True when the lines just above (same block) or the same line name an organisation,
    and the address's own line does not name a person first."""
    before = text[max(0, start - 200):start]
    if PERSONAL_LEFT.search(left(text, start, 60)) or PERSON_ON_LINE.search(left(text, start, 120)):
        return False
    block = re.split(r"\n[ \t]*\n", before)[-1]
    lines = block.split("\n")[-3:]
    return any(EMPLOYER.search(line) for line in lines)


LABELLED_ADDRESS = re.compile(
    rf"(?i:adresse(?:\s+(?:personnelle|postale|actuelle|du\s+domicile))?|domicile|demeurant(?:\s+(?:au|à))?|"
    rf"domiciliée?(?:\s+(?:au|à))?)[ \t]*[:|]?[ \t]*([^\n]{{0,40}}?(?:(?<![\w'’])(?i:{VOIE})\b[^\n]{{0,60}}?(?:\d{{5}}[ \t]+{CITY})|"
    rf"(?<![\w'’])(?i:{VOIE})\b[^\n,;|–]{{2,50}}))(?=[ \t]*(?:$|\n|[;|–]|\.\s|\s-\s))", re.MULTILINE)


def find_address(text: str, _artifacts: object = None) -> list[Span]:
    found = [(m.start(1), m.end(1), "ADDRESS", 0.7) for m in LABELLED_ADDRESS.finditer(text)
             if m.group(1).strip() and not EMPLOYER.search(m.group(1))]
    for m in ADDRESS.finditer(text):
        start, end = m.start(), m.end()
        while end > start and text[end - 1] in " \t,.;–-":
            end -= 1
        if employer_context(text, start):
            continue
        found.append((start, end, "ADDRESS", 0.85))
    for m in FOREIGN_ORDER.finditer(text):
        if not employer_context(text, m.start()):
            found.append((m.start(), m.end(), "ADDRESS", 0.8))
    for m in PLACE_LINE.finditer(text):
        if not employer_context(text, m.start(1)) and not EMPLOYER.search(m.group(1)):
            if _near_contact_block(text, m.start(1)):
                found.append((m.start(1), m.end(2), "ADDRESS", 0.7))
    return found + _place_lines(text) + _recipient_blocks(text)


# A public place named just before the address, on its line: « gymnase Marcel Cerdan, 14 avenue… »,
# « Atelier municipal : 4 chemin du Stade », « accueil du CTM, 40 rue Paul Bert ». Homes for people
# (EHPAD, foyer, résidence) are not in the list: there the address is the resident's.
VENUE_BEFORE = re.compile(
    r"\b(?:gymnase|complexe sportif|maison d[eu]s?(?! retraite| accueil| famil)|cuisine centrale|atelier|ctm"
    r"|centre technique|cabinet"
    r"|salle(?! de bains?| d'eau)|stade|piscine|mairie|hôtel de ville|école|collège|lycée|médiathèque"
    r"|bibliothèque|crèche"
    r"|siège|locaux|agence|dépôt|déchetterie|barreau|tribunal|immeuble administratif|pôle|services? "
    r"techniques)\b[^,:\n–\-.;]{0,40}[,:–\-][ \t]*$", re.IGNORECASE)


def venue_address(text: str, start: int) -> bool:
    """The address of a place named just before it, not of a person."""
    before = left(text, start, 60)
    return bool(VENUE_BEFORE.search(before)) and not PERSONAL_LEFT.search(left(text, start, 120)) \
        and not PERSON_ON_LINE.search(left(text, start, 120))


PHONE_OR_MAIL = re.compile(r"@|\b0[1-9](?:[ .]?\d{2}){4}\b|\+\d")
RESIDENCE = re.compile(r"\b(domicilié|domiciliée|domicile|réside|résidant|résidente?|habite|habitante?|hab\.|"
                       r"demeurant|vit)(?!\w)[^\n]{0,25}$", re.IGNORECASE)
POSTCODE_ALONE = re.compile(rf"(?<![\w])(?:{POSTCODE_CITY}|{CITY}[ \t]*\(\d{{5}}\)|{CITY}[ \t]+\d{{5}})(?![\w])")


# A letter's recipient block: the person's line, then place-name lines (a lieu-dit, a house name,
# a residence) down to the postcode line: « Madame X\nLe Haut-Bois\n49120 Chemillé-en-Anjou ».
RECIPIENT_BLOCK = re.compile(
    rf"(?m)^[ \t]*(?:M\.|Mme|Mlle|Madame|Monsieur|Mr)[ \t]+(?P<who>[^\n]{{2,60}})\n"
    rf"(?P<where>(?:[ \t]*[{UP}][^\n:@\d]{{1,50}}\n){{1,2}}[ \t]*{POSTCODE_CITY})[ \t]*$")
TITLE = re.compile(r"\b(?:l[ea]|les)\s+(?:maire|président|présidente|directeur|directrice|chef|responsable)"
                   r"|\b(?:DRH|DGS|DGA)\b", re.IGNORECASE)


# A place-name line above a postcode line, in a block with a telephone or an e-mail (a CV's or a
# signature's contact block): « Le Haut-Bois\n49120 Chemillé-en-Anjou\n+33 6 07 … ».
PLACE_BLOCK = re.compile(rf"(?m)^[ \t]*([{UP}][^\n:@\d]{{1,50}}\n[ \t]*{POSTCODE_CITY})[ \t]*$")


def _place_lines(text: str) -> list[Span]:
    """A place-name line above a postcode line, in a contact block (PLACE_BLOCK)."""
    found = []
    for m in PLACE_BLOCK.finditer(text):
        place = m.group(1).split("\n")[0]
        if _near_contact_block(text, m.end(1)) and not EMPLOYER.search(place) \
                and not employer_context(text, m.start(1)):
            found.append((m.start(1), m.end(1), "ADDRESS", 0.7))
    return found


def _recipient_blocks(text: str) -> list[Span]:
    """The place lines of a letter's recipient block down to its postcode (RECIPIENT_BLOCK)."""
    found = []
    for m in RECIPIENT_BLOCK.finditer(text):
        place_lines = m.group("where").split("\n")[:-1]
        if TITLE.search(m.group("who")) or EMPLOYER.search(m.group("who")) \
                or any(EMPLOYER.search(line) for line in place_lines):
            continue
        found.append((m.start("where") + len(m.group("where")) - len(m.group("where").lstrip()),
                      m.end("where"), "ADDRESS", 0.75))
    return found


def _near_contact_block(text: str, pos: int) -> bool:
    start, end = line_bounds(text, pos)
    window = text[max(0, start - 120):min(len(text), end + 120)]
    return bool(PHONE_OR_MAIL.search(window))


def find_postcode_city(text: str, _artifacts: object = None) -> list[Span]:
    """Postcode and commune of residence without a street: only in a residence context."""
    found = []
    for m in POSTCODE_ALONE.finditer(text):
        start, end = m.start(), m.end()
        line_start, line_end = line_bounds(text, start)
        line = text[line_start:line_end]
        residence = RESIDENCE.search(left(text, start, 40))
        in_contact_line = bool(PHONE_OR_MAIL.search(line)) and not EMPLOYER.search(line)
        if residence or in_contact_line:
            found.append((start, end, "POSTCODE_CITY", 0.8))
    return found

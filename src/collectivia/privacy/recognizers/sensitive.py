"""Special categories (RGPD art. 9) that matter in HR texts: health and union membership.

HEALTH spans are the noun group naming a pathology, an injury, a handicap, an
inaptitude or a leave of a medical nature, without the verb that introduces
it. An ordinary sick leave (« arrêt maladie », « congé de maladie ordinaire ») is
health data too, but it is left to the trained model: the words alone are as
often a rule or a statistic as a person's leave.
UNION spans are the union's acronym placed after a person's name
(« Mme X (CGT) ») or a union function (« délégué syndical FO »); what a union
says or votes is not the membership of a person.
"""

from __future__ import annotations

import re

from collectivia.privacy.recognizers.base import Span

SIDE = r"(?:\s+(?:gauche|droite|droit|bilatérale?s?))?"
BODY = (r"(?:genou|genoux|cheville|poignet|épaule|coude|hanche|dos|cou|main|pied|jambe|bras|"
        r"cuisse|doigt|pouce|orteil|tibia|fémur|péroné|radius|cubitus|clavicule|côte|côtes|"
        r"vertèbre|vertèbres|colonne|rachis|bassin|ménisque|ligament|ligaments|tendon|"
        r"tendons|nez|mâchoire|crâne|oreille|œil|oeil|yeux|appendicite|vésicule|thyroïde|"
        r"sein|utérus|prostate|cœur|coeur|rein|foie|poumon|estomac|hernie)")
ARTICLE = r"(?:\s+(?:de\s+la|de\s+l['’]|du|des|de|d['’]|au|aux|à\s+la|à\s+l['’]))?\s*"
CONDITIONS = [
    # exports drop accents and prepositions: « CONGE LONGUE DUREE », « DISPO OFFICE RAISON SANTE »
    r"cong[ée]s?\s+(?:de\s+)?(?:longue\s+maladie|longue\s+dur[ée]e|grave\s+maladie)",
    r"dispo(?:nibilit[ée])?\s+(?:d['’]\s*)?office(?:\s+(?:pour\s+)?raisons?\s+de\s+sant[ée]|\s+raison\s+sant[ée])"
    r"|disponibilit[ée]\s+d['’]office\b",
    # a maternity leave tells of a pregnancy (« en congé mat », « CONGE MATERNITE » in an export)
    r"cong[ée]s?\s+(?:de\s+)?mat(?:ernit[ée])?\b|cong[ée]s?\s+pathologiques?",
    r"\bCLM\b|\bCLD\b|\bCGM\b|\bCITIS\b",
    r"congé\s+pour\s+invalidité\s+temporaire\s+imputable\s+au\s+service",
    r"temps\s+partiel\s+(?:pour\s+raison\s+)?thérapeutique",
    r"mi-temps\s+thérapeutique",
    r"accidents?\s+(?:de\s+service|du\s+travail|de\s+travail|de\s+trajet)",
    r"maladies?\s+professionnelles?",
    r"reconnue?\s+travailleu(?:r|se)\s+handicapée?\s*\(RQTH\)",
    r"reconnaissance\s+de\s+la\s+qualité\s+de\s+travailleu(?:r|se)\s+handicapée?(?:\s*\(RQTH\))?",
    r"\bRQTH\b",
    r"bénéficiaire\s+de\s+l['’]obligation\s+d['’]emploi(?:\s+des\s+travailleurs\s+handicapés)?",
    r"(?:en\s+situation\s+de\s+)?handicap(?:\s+(?:moteur|visuel|auditif|psychique|mental|cognitif))?",
    r"inaptitudes?(?:\s+(?:définitive|temporaire|totale|partielle|physique))*"
    r"(?:\s+(?:à|aux|au)\s+[^.;:()\n]{3,80})?",
    r"(?<=déclarée\s)inaptes?(?:\s+(?:définitivement|temporairement|totalement|partiellement))?"
    r"(?:\s+(?:à|aux|au)\s+[^.;:()\n]{3,60})?|(?<=déclaré\s)inapte(?:\s+(?:définitivement|"
    r"temporairement|totalement|partiellement))?(?:\s+(?:à|aux|au)\s+[^.;:()\n]{3,60})?",
    r"affections?\s+de\s+longue\s+durée|\bALD\b|maladies?\s+(?:chroniques?|graves?|rares?|"
    r"invalidantes?|auto-immunes?)|pathologies?\s+(?:chroniques?|lourdes?|graves?|cardiaques?|"
    r"respiratoires?|psychiatriques?|invalidantes?)",
    r"troubles?\s+(?:psychiques?|psychologiques?|cognitifs?|auditifs?|visuels?|du\s+sommeil|"
    r"de\s+l['’]audition|de\s+la\s+vue|du\s+langage|anxieux)",
    r"hospitalisations?(?:\s+(?:en\s+psychiatrie|psychiatrique))?|séances?\s+de\s+(?:chimiothérapie|"
    r"dialyse|kinésithérapie|rééducation)|dialyse",
    r"invalidité(?:\s+(?:permanente|partielle|totale))?",
    r"hernies?\s+discales?(?:\s+[LC]\d(?:\s*-\s*[LCS]\d)?)?",
    r"fractures?" + ARTICLE + BODY + SIDE,
    r"(?:entorse|luxation|déchirure|rupture|tendinite|contusion|brûlure|blessure)s?"
    + ARTICLE + BODY + SIDE,
    r"opérations?" + ARTICLE + BODY + SIDE,
    r"interventions?\s+chirurgicales?(?:" + ARTICLE + BODY + SIDE + r")?",
    r"diabète(?:\s+(?:gestationnel|de\s+type\s+[12I]+|insulino-dépendant))?",
    r"infarctus(?:\s+du\s+myocarde)?",
    r"accident\s+vasculaire\s+cérébral|\bAVC\b",
    r"lombalgies?(?:\s+chroniques?)?|lombosciatiques?|sciatiques?|cervicalgies?",
    r"épuisement\s+professionnel|burn[- ]?out|dépressions?(?:\s+sévères?)?|"
    r"syndromes?\s+anxio-dépressifs?|troubles?\s+anxieux|troubles?\s+bipolaires?|"
    r"schizophrénie|anorexie|boulimie|addictions?|alcoolisme|dépendance\s+à\s+l['’]alcool",
    r"surdité(?:\s+(?:partielle|totale))?(?:\s+de\s+l['’]oreille\s+(?:gauche|droite))?",
    r"cécité|malvoyance|malentendante?|déficience\s+(?:visuelle|auditive|intellectuelle)",
    r"cancers?(?:\s+(?:du|de\s+la|des)\s+\w+)?|leucémie|tumeurs?|chimiothérapie|radiothérapie",
    r"sclérose\s+en\s+plaques|maladie\s+de\s+(?:Crohn|Parkinson|Alzheimer|Lyme)|épilepsie|"
    r"asthme|fibromyalgie|endométriose|polyarthrite(?:\s+rhumatoïde)?|arthrose|"
    r"hypertension(?:\s+artérielle)?|insuffisance\s+(?:cardiaque|rénale|respiratoire)|"
    r"troubles?\s+musculo-squelettiques|\bTMS\b|covid(?:-19)?\s+long|VIH|sida|hépatite\s+[ABC]",
    r"dyslexie|dyspraxie|autisme|trouble\s+du\s+spectre\s+de\s+l['’]autisme|TDAH",
    r"grossesse\s+pathologique|fausse\s+couche|IVG",
    # what a person takes or undergoes names their illness as surely as its name
    r"(?:sous|traitement\s+par|traitement)\s+(?:anticoagulants?|antidépresseurs?|anxiolytiques?|neuroleptiques?|"
    r"insuline|méthadone|morphine|corticoïdes|chimiothérapie|antirétroviraux|antiépileptiques?)",
    r"anticoagulants?|antidépresseurs?|neuroleptiques?|antirétroviraux|trithérapie|méthadone|Subutex|"
    r"Dépakine|Lévothyrox|Seroplex|Lexomil|Xanax|Ritaline",
    r"pontage\s+coronarien|pacemaker|stimulateur\s+cardiaque|greffe\s+(?:de|du|d['’])\s*(?:rein|foie|cœur|coeur|moelle|poumon|cornée|peau)|prothèse\s+(?:de|du)\s+\w+|"
    r"sevrage\s+(?:alcoolique|tabagique)|cure\s+de\s+désintoxication|soins\s+palliatifs|"
    r"suivie?\s+(?:psychiatrique|psychologique|orthophonique)|suivie?\s+par\s+un\s+(?:psychiatre|psychologue)",
    r"incontinence|grabataire|bégaiement|toxicomanie|dépendance\s+aux?\s+(?:opiacés|drogues|médicaments)|"
    r"idées\s+suicidaires|tentative\s+de\s+suicide|état\s+d['’]ébriété|alcoolo-dépendante?",
    # named alone, as carers and neighbours say them (« Alzheimer », « lui dialysé »), and what a
    # person lives with every day (« en fauteuil roulant », « sous oxygène », « appareil auditif »)
    r"(?<!France\s)(?<!loi\sde\s)(?:Alzheimer|Parkinson)|trisomie(?:\s+21)?|polyhandicapée?|myopathie|mucoviscidose|hémophilie|"
    r"drépanocyt(?:ose|aire)|(?:para|tétra|hémi)plégi(?:e|que)|aphasi(?:e|que)|épileptique|"
    r"hypoglycémies?|hyperglycémies?|dialysée?|en\s+fauteuil(?:\s+roulant)?|"
    r"sous\s+oxygène|oxygène\s+à\s+domicile|oxygénothérapie|appareils?\s+auditifs?|implant\s+cochléaire|"
    r"scarifications?|automutilations?|alcoolisation(?:\s+manifeste)?",
]
# Starting a word only: « sida » is not in « résidant »; the end stays open to plurals and
# inflections (« diabètes », « malentendants »)
HEALTH = re.compile(r"(?<!\w)(?:" + "|".join(f"(?:{c})" for c in CONDITIONS) + r")", re.IGNORECASE)
GENERAL_MENTION = re.compile(
    r"(bilan|statistiques?|taux|nombre|politique|prévention|plan|référent|référente|"
    r"fonds|FIPHFP|formation|sensibilisation|charte|correspondant|correspondante|"
    r"articles?\s+[LRD]\.?\s?\d[\w\-]*|(?:décret|loi|ordonnance)\s+n°\s*[\d\-]+|"
    r"aménagements?\s+des?\s+postes?\s+pour|personnes|places|accessibles?|associations?|journée|protocole|"
    r"consignes?|en\s+cas\s+d['’e]|loi)\b[^.\n]{0,40}$",
    re.IGNORECASE)


GENERIC_PLURAL = re.compile(r"\b(?:les|des|aux|ces|\d+)\s+$", re.IGNORECASE)
# A form's box left unticked offers the condition, it says nothing of anyone (« ☐ accident de trajet »),
# and a service's mailbox or name is no diagnosis (« handicap@valdemarne.fr », « Mission handicap »).
UNTICKED = re.compile(r"(?:☐|□|\[ \]|\( \))[ \t]*$")
SERVICE_NAMED = re.compile(r"\b(?:mission|service|pôle|direction|cellule|référent|référente)[ \t]+$", re.IGNORECASE)
BODY_SITE = re.compile(r"[^.\n()]{0,25}?\(\s*(" + BODY + SIDE + r")\s*\)", re.IGNORECASE)


def find_health(text: str, _artifacts: object = None) -> list[Span]:
    found = []
    for m in HEALTH.finditer(text):
        start, end = m.start(), m.end()
        while end > start and text[end - 1] in " \t,.;–-":
            end -= 1
        before = text[max(0, start - 12):start]
        if GENERAL_MENTION.search(text[max(0, start - 50):start]) or GENERIC_PLURAL.search(before) \
                or UNTICKED.search(before) or SERVICE_NAMED.search(before) or text[end:end + 1] == "@":
            continue
        found.append((start, end, "HEALTH", 0.8))
        site = BODY_SITE.match(text, end)
        if site:
            found.append((site.start(1), site.end(1), "HEALTH", 0.8))
    return found


UNIONS = (r"(?:CGT(?:-FO)?|CFDT|FO|UNSA|SUD(?:\s+(?:CT|Collectivités\s+territoriales|Santé|"
          r"Solidaires))?|CFTC|CFE-CGC|CGC|FSU|FA-FPT|FAFPT|Solidaires|Force\s+ouvrière|"
          r"Interco\s+CFDT|CNT|SNT|Autonomes|SAFPT"
          # written with dots, as older forms and signatures do: « C.G.T. », « F.O. », « C.F.D.T. »
          r"|C\.G\.T\.?|C\.F\.D\.T\.?|F\.O\.?|C\.F\.T\.C\.?|U\.N\.S\.A\.?|F\.S\.U\.?)")
# In parentheses after a name, as chat writes it too: « mme girard (unsa) », and with the list the
# person was elected on: « M. Marc Warin (liste CGT) »; after a dash in a list of members
# (« M. Cédric LEMERCIER – CGT »); speaking for it or of it (« madame kone pour la cfdt »,
# « Nadège de la CGT »). Kept only after a person: the engine looks back over `AFTER_NAME_LEAD`.
_FOR_OR_OF = r"(?i:pour[ \t]+(?:la|le|l['’])|de[ \t]+la|de[ \t]+l['’]|du)"
UNION_AFTER_NAME = re.compile(rf"(?<=[\w.)])\s*\(((?i:(?:liste\s+|élue?\s+)?{UNIONS}))\)"
                              rf"|(?<=[\w.])[ \t]+(?:[–—-][ \t]+|{_FOR_OR_OF}[ \t]*)((?i:{UNIONS}))(?![\w-])")
AFTER_NAME_LEAD = re.compile(rf"(?:[ \t(]|[ \t][–—-]|[ \t]{_FOR_OR_OF})+$")
AFTER_NAME_SOURCE = "UnionAfterName"
# A union function or mandate before the union's name: « secrétaire adjoint de la section CFDT »,
# « délégué de liste CGT », « suppléant CFDT », « mandaté CGT au CHSCT », « désignée par le syndicat
# FO », « syndiqué chez sud ». After such words a lower-case name is a union too (« déléguée sud »).
UNION_FUNCTION = re.compile(
    rf"(?:(?:délégué|déléguée|représentant|représentante|responsable|élu|élue|militant|militante|"
    rf"adhérent|adhérente|membre|secrétaire|trésorier|trésorière|président|présidente|suppléant|suppléante|"
    rf"mandaté|mandatée|désigné|désignée|conseiller|conseillère|titulaire|permanent|permanente)"
    rf"(?:\s+(?:général|générale|adjoint|adjointe|départemental|départementale|titulaire|suppléant|suppléante"
    rf"|de\s+liste|du\s+personnel(?:\s*[–-]\s*liste)?|par\s+le\s+syndicat|désignée?\s+par\s+le\s+syndicat"
    rf"|élue?\s+sur\s+la\s+liste|sur\s+la\s+liste)|,?\s+liste)*"
    rf"(?:\s+syndica(?:l|le|ux|les))?"
    rf"(?:\s+(?:du|de\s+la|de\s+l['’])\s+(?:syndicat|section(?:\s+syndicale)?|union(?:\s+locale|\s+départementale)?|bureau))?"
    rf"(?:\s+(?:à\s+la|au|à|de\s+la|du|chez))?"
    rf"\s+(?:{UNIONS}|\({UNIONS}\))(?![\w-])(?:\s+(?:des\s+territoriaux|territoriaux|des\s+services\s+publics|Interco))?"
    rf"|(?:délégué|déléguée|représentant|représentante)\s+syndica(?:l|le)(?!s)"
    rf"|syndiqué(?:e)?\s+(?:à\s+la\s+|chez\s+|au\s+)?{UNIONS}(?![\w-]))", re.IGNORECASE)


# Membership said of a person (« elle est à la CFDT », « il est passé chez SUD », « elle est syndiquée »), and an
# individual form's field (« Organisation syndicale : C.F.D.T. »): the union, or « syndiquée ».
# Chat spells « je suis » « chui »; membership is also joined (« elle a adhéré à FO », « il a rejoint
# la CGT », « encartée chez SUD »).
UNION_SAID = re.compile(
    rf"\b(?:(?:elle|il|je|j['’]|tu|on)\s+(?:est|était|suis|es|étais)|chuis|chui|jsuis|j['’]suis)"
    rf"(?:\s+(?:aussi|encore|toujours|déjà|bien|maintenant))?(?:\s+passée?)?\s+(?:(?:[àa]\s+la|à|au|chez)\s+)?"
    rf"({UNIONS})(?![\w-])"
    # « elle a pris sa carte à la cgt »
    rf"|\b(?:pris|prend|reprend|repris)\s+sa\s+carte\s+(?:[àa]\s+la|à|au|chez)\s+({UNIONS})(?![\w-])"
    rf"|(?:\b(?:adhère|adhérait|a\s+adhéré|avait\s+adhéré|encartée?)|\b(?:elle|il)\s+a\s+rejoint|\bj['’]ai\s+rejoint)"
    rf"\s+(?:(?:à\s+la|à|au|chez|la|le|l['’])\s*)?({UNIONS})(?![\w-])"
    rf"|\b(?:elle|il|je|tu)\s+(?:est|était|suis|es|étais)\s+(syndiquée?)\b"
    rf"|\b(?:organisation|appartenance)\s+syndicale\s*:\s*({UNIONS})(?![\w-])", re.IGNORECASE)


SAID_SOURCE = "UnionSaidRecognizer"     # its context says whose union it is: no person needed before it


# Union names that are ordinary words in lower case: « il est passé au sud », « on est autonomes ».
ORDINARY_WORDS = {"sud", "autonomes", "solidaires"}


def find_union_said(text: str, _artifacts: object = None) -> list[Span]:
    found = []
    for m in UNION_SAID.finditer(text):
        group = next(g for g in range(1, m.re.groups + 1) if m.group(g))
        if m.group(group) in ORDINARY_WORDS:
            continue
        found.append((m.start(group), m.end(group), "UNION", 0.9))   # above the model: its source is kept
    return found


# A union alone in a cell of a members' list: after a comma, a semicolon, a bar, a tab or a dash, up to
# the next one or the line's end (« - Bruno Nativel, FO », « 1,PELLETIER,Nadia,F,Enfance,CGT »,
# « • Armelle PENNEC – infirmière, PMI de Quimperlé – SUD Solidaires »). Never the first cell: a
# row that starts with a union is its results or its letterhead (« CGT ; 1 412 ; 4 », « UNSA
# Territoriaux 06 — Section … »). The engine keeps it only on a row that names or numbers someone.
UNION_IN_CELL = re.compile(
    rf"(?:(?<=[,;|\t])|(?<=\s[–—-])) *((?i:{UNIONS})(?:[ \t]+(?:Interco|Territoriaux|CT|Solidaires|\d{{2,3}}))*)"
    rf"[ \t]*(?=$|[,;|\t]|[ \t][–—-][ \t])", re.MULTILINE)
CELL_SOURCE = "UnionInCell"


NEXT_CELL_UNION = re.compile(rf"[ \t]*[,;|\t–—-][ \t]*(?:(?:la|le|l['’]|et)[ \t]*)?(?i:{UNIONS})(?![\w-])")
PREVIOUS_CELL_UNION = re.compile(rf"(?<![\w-])(?i:(?:la|le|l['’])?[ \t]*{UNIONS}(?:[ \t]+[\w-]+){{0,3}})"
                                 rf"[ \t]*[,;|\t–—-][ \t]*$")


def find_union_in_cell(text: str, _artifacts: object = None) -> list[Span]:
    """Unions alone in a list's cell; written as acronyms or names, not lower-case words of a chat,
    and not one of a list of unions (« la réunion avec M. Dupont, la CGT, FO », « Copie : M. Durand,
    DGS, CGT, FO »)."""
    found = []
    for m in UNION_IN_CELL.finditer(text):
        if m.group(1).islower() or PREVIOUS_CELL_UNION.search(text, max(0, m.start() - 30), m.start()) \
                or NEXT_CELL_UNION.match(text, m.end()):
            continue
        found.append((m.start(1), m.end(1), "UNION", 0.9))    # above the model: its source is kept
    return found


def find_union_after_name(text: str, _artifacts: object = None) -> list[Span]:
    """« Mme X (CGT) »: kept by the engine only when a person ends right before."""
    found = []
    for m in UNION_AFTER_NAME.finditer(text):
        group = 1 if m.group(1) else 2
        found.append((m.start(group), m.end(group), "UNION", 0.85))
    return found


def find_union_function(text: str, _artifacts: object = None) -> list[Span]:
    found = []
    for m in UNION_FUNCTION.finditer(text):
        value = m.group()
        if not re.search(UNIONS, value, re.IGNORECASE) and not re.search(r"syndica", value, re.IGNORECASE):
            continue
        found.append((m.start(), m.end(), "UNION", 0.85))
    return found

"""What an anonymous CV also hides: age, sex markers, photo, family situation, nationality.

Only the "recrutement" policy asks for these: the committee judges skills,
and these markers are grounds of discrimination (Code pénal, art. 225-1).
Gendered words describing the candidate (« Conseillère statutaire »,
« Rigoureuse », « Née le ») are given one inclusive form (« Conseiller·ère »,
« Rigoureux·se », « Né·e le »), so the CV of a woman and the same CV of a man
read the same. Only what is said of the candidate changes: an adjective agreeing with
another noun (« association sportive »), a duration (« 15 ans d'expérience ») or a word that
merely contains « photo » (Photoshop, photographie) stays as written.
"""

from __future__ import annotations

import re

from collectivia.privacy.recognizers.base import Span

# masculine, feminine, inclusive.
# Job titles and civil-status words: in a CV they name the candidate wherever they stand.
TITLES = [
    ("conseiller", "conseillère", "conseiller·ère"), ("technicien", "technicienne", "technicien·ne"),
    ("assistant", "assistante", "assistant·e"), ("agent", "agente", "agent·e"),
    ("rédacteur", "rédactrice", "rédacteur·rice"),
    ("animateur", "animatrice", "animateur·rice"), ("directeur", "directrice", "directeur·rice"),
    ("ingénieur", "ingénieure", "ingénieur·e"), ("employé", "employée", "employé·e"),
    ("chef", "cheffe", "chef·fe"),
    ("coordinateur", "coordinatrice", "coordinateur·rice"),
    ("coordonnateur", "coordonnatrice", "coordonnateur·rice"),
    ("formateur", "formatrice", "formateur·rice"), ("éducateur", "éducatrice", "éducateur·rice"),
    ("infirmier", "infirmière", "infirmier·ère"), ("aide-soignant", "aide-soignante", "aide-soignant·e"),
    ("instructeur", "instructrice", "instructeur·rice"), ("gardien", "gardienne", "gardien·ne"),
    ("policier", "policière", "policier·ère"), ("opérateur", "opératrice", "opérateur·rice"),
    ("cuisinier", "cuisinière", "cuisinier·ère"), ("jardinier", "jardinière", "jardinier·ère"),
    ("surveillant", "surveillante", "surveillant·e"),
    ("salarié", "salariée", "salarié·e"), ("vacataire", "vacataire", "vacataire"),
    ("gestionnaire", "gestionnaire", "gestionnaire"), ("comptable", "comptable", "comptable"),
    ("né", "née", "né·e"), ("titulaire", "titulaire", "titulaire"),
    ("vendeur", "vendeuse", "vendeur·se"), ("secrétaire", "secrétaire", "secrétaire"),
    ("responsable", "responsable", "responsable"), ("stagiaire", "stagiaire", "stagiaire"),
]
# Adjectives and participles that agree with whatever noun they follow: they are the
# candidate's only when they describe the candidate (« Sportive, rigoureuse », « je suis
# motivée »), not in « association sportive », « salle polyvalente » or « direction générale
# adjointe », which a man's CV writes the same way.
QUALITIES = [
    ("adjoint", "adjointe", "adjoint·e"), ("chargé", "chargée", "chargé·e"),
    ("attaché", "attachée", "attaché·e"), ("lauréat", "lauréate", "lauréat·e"),
    ("diplômé", "diplômée", "diplômé·e"), ("titularisé", "titularisée", "titularisé·e"),
    ("enseignant", "enseignante", "enseignant·e"), ("étudiant", "étudiante", "étudiant·e"),
    ("contractuel", "contractuelle", "contractuel·le"),
    ("professionnel", "professionnelle", "professionnel·le"),
    ("rigoureux", "rigoureuse", "rigoureux·se"), ("sérieux", "sérieuse", "sérieux·se"),
    ("curieux", "curieuse", "curieux·se"), ("organisé", "organisée", "organisé·e"),
    ("motivé", "motivée", "motivé·e"), ("polyvalent", "polyvalente", "polyvalent·e"),
    ("passionné", "passionnée", "passionné·e"), ("impliqué", "impliquée", "impliqué·e"),
    ("investi", "investie", "investi·e"), ("attentif", "attentive", "attentif·ve"),
    ("créatif", "créative", "créatif·ve"), ("ponctuel", "ponctuelle", "ponctuel·le"),
    ("expérimenté", "expérimentée", "expérimenté·e"), ("véhiculé", "véhiculée", "véhiculé·e"),
    ("habilité", "habilitée", "habilité·e"), ("sportif", "sportive", "sportif·ve"),
    ("inscrit", "inscrite", "inscrit·e"), ("détaché", "détachée", "détaché·e"),
]
GENDERED = TITLES + QUALITIES
# Adjectives that agree with the candidate only right after one of the words above.
AFTER_JOB = [
    ("administratif", "administrative", "administratif·ve"), ("principal", "principale", "principal·e"),
    ("territorial", "territoriale", "territorial·e"), ("social", "sociale", "social·e"),
    ("général", "générale", "général·e"),
    ("qualifié", "qualifiée", "qualifié·e"), ("spécialisé", "spécialisée", "spécialisé·e"),
    ("polyvalent", "polyvalente", "polyvalent·e"), ("statutaire", "statutaire", "statutaire"),
    ("technique", "technique", "technique"), ("comptable", "comptable", "comptable"),
]
INCLUSIVE = {form: inclusive for m, f, inclusive in GENDERED + AFTER_JOB for form in (m, f)}
TITLE_FORMS = {form for m, f, _ in TITLES for form in (m, f)}
QUALITY_FORMS = {form for m, f, _ in QUALITIES for form in (m, f)}
_alt = "|".join(sorted({re.escape(w) for m, f, _ in GENDERED for w in (m, f) if m != f},
                       key=len, reverse=True))
_adj = "|".join(sorted({re.escape(w) for m, f, _ in AFTER_JOB for w in (m, f)}, key=len, reverse=True))
_same = "|".join(sorted({re.escape(m) for m, f, _ in GENDERED if m == f}, key=len, reverse=True))
GENDERED_WORDS = re.compile(rf"(?<![\w·-])(?:(?:{_alt})(?:\s+(?:{_adj}))*|(?:{_same})(?:\s+(?:{_adj}))+)"
                            rf"(?![\w·-])", re.IGNORECASE)
# What may stand just before a quality that describes the candidate: the start of a line, a
# list item or a clause; « être » and its kin; an article or a preposition (the adjective is
# then a noun: « une passionnée », « poste d'adjointe »). Adverbs are looked through.
CLAUSE_OPENERS = set(".!?:;,([{|•·▪*/+-–—>«\"“")
CANDIDATE_LINKS = {"suis", "être", "étant", "étais", "été", "reste", "demeure", "sens", "considère",
                   "définis", "décris", "le", "la", "les", "l'", "l’", "un", "une", "des", "du", "de",
                   "d'", "d’", "au", "aux", "en", "à", "pour", "comme", "que", "qu'", "qu’", "mon",
                   "ma", "mes"}
ADVERBS = {"très", "trés", "plutôt", "particulièrement", "vraiment", "extrêmement", "assez", "bien",
           "aussi", "également", "toujours", "hautement", "fortement", "pleinement", "parfaitement",
           "naturellement", "si", "plus", "fois"}
# « Assistante RH polyvalente », « Agente d'accueil polyvalente »: the adjective agrees with the
# job title, over the word that completes it.
COMPLEMENT_LINKS = {"de", "du", "des", "en", "à"}
TOKEN = re.compile(r"[\w'’-]+|[^\w\s]")
CIVILITY = re.compile(r"(?<![\w])(?:Madame|Monsieur|Mademoiselle|Mme|Mlle|M\.(?=\s))")
MARITAL = re.compile(r"(?<![\w])(?:célibataire|mariée?|pacsée?|divorcée?|veuf|veuve|en\s+couple)"
                     r"(?![\w])", re.IGNORECASE)
# An age is said as such (« âgée de 41 ans », « Âge : 29 ans »); a bare « 32 ans » is an age
# only when it stands as an item of its own (see `_is_age`): « 15 ans d'expérience »,
# « depuis 10 ans », « après 15 ans dans la vente » are durations the committee must read.
AGE_SAID = re.compile(r"(?<![\w])(?:[âa]gée?\s+de\s+\d{1,2}\s*ans|[âa]ge\s*:\s*\d{1,2}(?:\s*ans)?)"
                      r"(?![\w])", re.IGNORECASE)
YEARS = re.compile(r"(?<![\w,./])(?:1[6-9]|[2-7]\d)\s*(?:ans|a\.)(?![\w])", re.IGNORECASE)
ITEM_ENDS = re.compile(r"(?m)[ \t]*(?:$|[,;|·•)\]/–—-]|\.(?!\d))")
ITEM_STARTS = re.compile(r"(?:^|[,;|·•(\[/–—]|(?<!\S)-)\s*$")
YEAR_RANGE = re.compile(r"\d{4}\s*[-–—à]\s*(?:\d{4}|aujourd['’]hui|ce\s+jour|en\s+cours)\s*\(\s*$",
                        re.IGNORECASE)
DURATION_WORDS = {"après", "depuis", "pendant", "durant", "environ", "soit", "sur", "en", "dès",
                  "avant", "pour", "voilà", "bientôt", "presque", "total"}
# A photo is removed when the CV mentions it (« Photo d'identité jointe », « [photo] », « Photo »
# alone on its line), never a word that merely contains it (Photoshop, photocopieur) nor a skill
# or a hobby (« photographie », « retouche photo »).
_IDENTITY = r"\s+d['’]identité"
_ATTACHED = (r"\s*:?\s*(?:jointe|ci-jointe|en\s+pièce\s+jointe|en\s+haut\s+à\s+droite|ci-dessus)"
             r"|\s*:\s*oui")
_DETAIL = rf"(?:{_IDENTITY})?(?:{_ATTACHED})?"
PHOTO_SAID = re.compile(rf"(?<![\w])(?:photo(?:graphie)?|portrait)"
                        rf"(?:{_IDENTITY}(?:{_ATTACHED})?|{_ATTACHED})(?![\w])", re.IGNORECASE)
PHOTO_BOXED = re.compile(rf"[\[(][ \t]*(?:photo|portrait){_DETAIL}[ \t]*[\])]", re.IGNORECASE)
PHOTO_ALONE = re.compile(rf"(?m)(?:^|(?<=[|•·]))[ \t]*((?:photo|portrait){_DETAIL})[ \t]*(?=$|[|•·])",
                         re.IGNORECASE)
SEX = re.compile(r"(?:sexe|genre)\s*:\s*\w+", re.IGNORECASE)
FAMILY = re.compile(r"(?<![\w])(?:\d+|un|une|deux|trois|quatre|cinq)\s+enfants?(?![\w])|"
                    r"situation\s+(?:familiale|de\s+famille)\s*:[^\n]*|mère\s+de\s+\w+|"
                    r"père\s+de\s+\w+", re.IGNORECASE)
NATIONALITY = re.compile(r"nationalité\s*:?\s*[^\n,;|]*", re.IGNORECASE)


def neutral_form(value: str) -> str:
    """The inclusive form of gendered words, keeping the capital of the original."""
    def one(word: str) -> str:
        inclusive = INCLUSIVE.get(word.casefold(), word)
        if word.isupper() and len(word) > 1:
            return inclusive.upper()
        return inclusive[0].upper() + inclusive[1:] if word[:1].isupper() else inclusive

    if CIVILITY.fullmatch(value):
        return ""
    return re.sub(r"[\w-]+", lambda m: one(m.group()), value)


def find_cv_markers(text: str, _artifacts: object = None) -> list[Span]:
    found: list[Span] = []
    for label, pattern in (("AGE", AGE_SAID), ("PHOTO", PHOTO_SAID), ("PHOTO", PHOTO_BOXED),
                           ("GENDER", SEX), ("GENDER", CIVILITY), ("FAMILY", MARITAL),
                           ("FAMILY", FAMILY), ("NATIONALITY", NATIONALITY)):
        found += [(m.start(), m.end(), label, 0.7) for m in pattern.finditer(text) if m.group().strip()]
    found += [(m.start(), m.end(), "AGE", 0.7) for m in YEARS.finditer(text) if _is_age(text, m)]
    found += [(m.start(1), m.end(1), "PHOTO", 0.7) for m in PHOTO_ALONE.finditer(text)]
    found += [(m.start(), m.end(), "GENDER", 0.7) for m in GENDERED_WORDS.finditer(text)
              if _names_the_candidate(text, m)]
    return sorted(set(found))             # a mention may match two photo patterns


def _is_age(text: str, years: re.Match) -> bool:
    """« 32 ans » is an age when it stands as an item of its own (« Julie Martin, 32 ans »,
    « (45 ans) », « J'ai 32 ans. »); followed by more words (« 15 ans d'expérience », « 15 ans
    dans la vente ») or after a preposition (« depuis 10 ans ») it is a duration."""
    if not ITEM_ENDS.match(text, years.end()):
        return False
    before = _line_before(text, years.start(), 40)
    if YEAR_RANGE.search(before):            # « 1995 – 2015 (20 ans) »
        return False
    if ITEM_STARTS.search(before):
        return True
    word = (TOKEN.findall(before) or [""])[-1]
    if word.casefold() in ("j'ai", "j’ai"):
        return True
    return word[:1].isupper() and word.casefold() not in DURATION_WORDS   # « Julie MARTIN 32 ans »


def _names_the_candidate(text: str, match: re.Match) -> bool:
    """Job titles always do; a quality only when it describes the candidate, not another noun."""
    head = re.match(r"[\w-]+", match.group()).group().casefold()  # type: ignore[union-attr]  # titles start with a word
    return head not in QUALITY_FORMS or _describes_candidate(text, match.start())


def _describes_candidate(text: str, start: int) -> bool:
    """Whether the adjective at `start` describes the candidate rather than the noun before it.

    It does after the start of a line or a clause, « je suis », an article (« une passionnée »)
    or a job title (« Agente contractuelle », « Assistante RH polyvalente »), and through « et »
    or another quality (« Autonome et rigoureuse », « Professionnelle motivée »); not right
    after another noun (« association sportive », « équipe dynamique et polyvalente »).
    """
    words = [w.casefold() for w in TOKEN.findall(_line_before(text, start, 80))]
    i = len(words)
    while i:
        word = words[i - 1]
        if word in ADVERBS:
            i -= 1
        elif word in CLAUSE_OPENERS or word in CANDIDATE_LINKS or word in TITLE_FORMS:
            return True
        elif word in ("et", "ou"):
            if i < 2 or words[i - 2] in TITLE_FORMS or not _adjective_like(words[i - 2]):
                return True                   # « permis B et véhiculée »
            i -= 2                            # « Autonome et », « équipe dynamique et »
        elif word in QUALITY_FORMS:
            i -= 1                            # « Professionnelle motivée »
        else:                                 # a noun (or « … », a cut): the adjective agrees with it
            return _completes_a_title(words[:i - 1])
    return True                               # the start of the line


def _adjective_like(word: str) -> bool:
    return word.isalpha() and len(word) >= 3


def _completes_a_title(words: list[str]) -> bool:
    """« Assistante RH », « Agente d'accueil », « Chef de projet »: the noun completes a job title."""
    if words and words[-1] in COMPLEMENT_LINKS:
        words = words[:-1]
    return bool(words) and words[-1] in TITLE_FORMS


def _line_before(text: str, pos: int, width: int) -> str:
    """At most `width` characters before `pos`, on its line.

    Unlike `base.left`, never looks further back than `width` (a long line full of adjectives
    stays linear); a cut line starts with « … », which is neither a word nor a line start.
    """
    start = max(0, pos - width)
    newline = text.rfind("\n", start, pos)
    if newline >= 0:
        return text[newline + 1:pos]
    return text[start:pos] if start == 0 else "… " + text[start:pos]


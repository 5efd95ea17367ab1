"""The detection engine: Presidio's AnalyzerEngine around a trained French NER.

The named-entity model (`data/privacy/ner/`, trained by `make train-privacy` on
generated and hand-written documents, see datasets/pii/SOURCES.md) finds the
spans whose recognition depends on context: names, addresses, communes of
residence, health and union membership, matricules, NIRs and IBANs mistyped.
Next to it, validated patterns find what has a checkable shape (NIR, IBAN,
e-mail, telephone, a date introduced as a birth date), and the context rules
listed in RULES add what they were shown to gain on documents they were not
written from (`training/calibrate.py`). Span boundaries follow one convention
(`boundaries.py`) whoever found the span.
The model is loaded once per process, on first use, under a lock.
Text is cleaned before analysis (zero-width characters and soft hyphens
removed, NUL turned into a space) and offsets are mapped back, so hidden
characters cannot split a name or an e-mail past the detectors.
"""

from __future__ import annotations

import bisect
import re
import threading
from collections.abc import Callable, Iterable
from itertools import pairwise
from pathlib import Path

from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry, RecognizerResult
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer
from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts, SpacyNlpEngine

from collectivia.core.text import fold
from collectivia.privacy import lean_french
from collectivia.privacy.echoes import echoes, french_words
from collectivia.privacy.boundaries import (BRACKETED_ACRONYMS, grown_names, name_pieces, place_head_start, tidy,
                                           with_number_tail,
                                           with_postal_tail, without_dash_tail, without_lead_in,
                                           without_sentence_tail)
from collectivia.privacy.protected import CV_LABELS, LABELS, Finding
from collectivia.privacy.recognizers.base import Span, left
from collectivia.privacy.restarts import restarted_numbers
from collectivia.privacy.recognizers.chats import find_chat_speakers, find_split_numbers
from collectivia.privacy.recognizers.contact import STREET, find_address, find_email, find_postcode_city, venue_address
from collectivia.privacy.recognizers.cv import find_cv_markers
from collectivia.privacy.recognizers.dictated import (find_dictated_birth_date, find_dictated_numbers,
                                                       find_keyless_nir, find_spelled_names, only_numbers,
                                                       said_digits)
from collectivia.privacy.recognizers.form_boxes import find_boxed_address
from collectivia.privacy.recognizers.numbers import (IBAN_LENGTHS, find_agent_id, find_date_of_birth,
                                                     find_iban, find_nir, find_phone)
from collectivia.privacy.recognizers.names import any_name
from collectivia.privacy.recognizers.ocr_names import find_ocr_names
from collectivia.privacy.recognizers.persons import find_persons
from collectivia.privacy.recognizers.tables import find_table_columns
from collectivia.privacy.recognizers.unusual_addresses import find_abroad_address, find_ocr_address, find_said_address
from collectivia.privacy.recognizers.sensitive import (AFTER_NAME_LEAD, AFTER_NAME_SOURCE, CELL_SOURCE, SAID_SOURCE,
                                                        UNIONS, find_health, find_union_after_name,
                                                        find_union_function, find_union_in_cell, find_union_said)

MODEL_DIR = Path(__file__).resolve().parents[1] / "data" / "privacy" / "ner"
# Shapes that can be checked or that never mean anything else.
PATTERNS = [find_nir, find_keyless_nir, find_iban, find_email, find_phone, find_dictated_numbers,
            find_date_of_birth, find_dictated_birth_date, find_agent_id]
# E-mails, telephones and dates of birth are the patterns' alone: the model's own guesses there
# added functional mailboxes and switchboards on the calibration split (micro-F1 +0.010 without
# them, same leak), and took « 12-14 rue Pasteur » for a date (+0.001 with it: noise).
PATTERN_ONLY = ("EMAIL", "PHONE", "DATE_OF_BIRTH")
TRAINED_LABELS = tuple(label for label in LABELS if label not in PATTERN_ONLY)
# Context rules written before the model. RULES keeps those that still gain on the calibration
# split (247 documents their authors never read), recall first, as `training/calibrate.py`
# measures them one by one on top of the model and the patterns (December 2026): persons (leak
# -0.006, PERSON recall +0.011), addresses (leak -0.009, ADDRESS recall +0.055), health (HEALTH
# recall +0.040, micro-F1 -0.012) and communes of residence (POSTCODE_CITY recall +0.040);
# together they cut the leak from 0.025 to 0.011 for 0.020 of micro-F1. Union functions and
# mandates, read in any case after their words (« suppléante CFDT », « syndiqué chez sud »), raise
# UNION recall from 0.950 to 0.979 at the same micro-F1 on 372 calibration documents no rule was
# written from (7 December 2026); before, written in capitals only, they gained nothing over the
# model and were not run. The columns of an exported table named by their
# header (address, telephone, birth date) marked only what annotators marked on the calibration
# split (304 documents, 6 December 2026: micro-F1 +0.001).
# Chat threads' speakers and numbers sent in pieces (`recognizers/chats.py`), and names spelled
# letter by letter, were written from train_14's train part: on the 522 calibration documents (7
# December 2026) they keep micro-F1 (0.903) and lower the leak from 1.12 % to 1.10 % (PHONE recall
# 0.988 -> 0.993); spelled names are too rare there to move anything.
Finder = Callable[[str, object], list[Span]]
RULE_FAMILIES: dict[str, list[Finder]] = {"persons": [find_persons, find_ocr_names],
                                          "address": [find_address, find_abroad_address, find_said_address,
                                                      find_ocr_address, find_boxed_address],
                                          "postcode": [find_postcode_city], "health": [find_health],
                                          "union": [find_union_function, find_union_said], "tables": [find_table_columns],
                                          "chats": [find_chat_speakers, find_split_numbers],
                                          "spelled": [find_spelled_names]}
RULES: tuple[str, ...] = ("persons", "address", "postcode", "health", "union", "tables", "chats", "spelled")
CHUNK_CHARS = 50_000
# When two findings overlap, the first label in this order wins (then the longer span). The CV
# markers' patterns are exact (« Photo », « 32 ans », « motivée »): in an anonymous CV they
# outrank what the model guessed there (a name, a health word).
PRIORITY = ["NIR", "IBAN", "EMAIL", "PHONE", "DATE_OF_BIRTH", "AGENT_ID", "ADDRESS",
            "POSTCODE_CITY", "AGE", "PHOTO", "FAMILY", "NATIONALITY", "GENDER", "UNION", "HEALTH",
            "PERSON"]
# A union's name alone, or a list of them (« la CGT, FO »): nobody's membership without a person
_ARTICLE = r"(?:(?:la|le|les|l['’])[ \t]*)?"
BARE_UNION = re.compile(rf"{_ARTICLE}{UNIONS}(?:[ \t]*(?:,|/|\bet\b)[ \t]*{_ARTICLE}{UNIONS})*", re.IGNORECASE)
TABLE_SOURCE = "TableColumnRecognizer"      # a column named by its header (`recognizers.tables`)
INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u200f",
             "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068",
             "\u2069"}

HIDDEN = re.compile("[" + "".join(sorted(INVISIBLE)) + "\x00]")


class FunctionRecognizer(EntityRecognizer):
    """A Presidio recognizer around a plain `find(text, nlp_artifacts) -> spans` function."""

    def __init__(self, name: str, entities: list[str],
                 finder: Callable[[str, object], Iterable[Span]]):
        self._finder = finder
        super().__init__(supported_entities=entities, name=name, supported_language="fr")

    def load(self) -> None:  # nothing to load: rules are compiled at import
        pass

    def analyze(self, text, entities, nlp_artifacts=None):  # noqa: ANN001, D102
        found = tidied(text, self._finder(text, nlp_artifacts), in_pieces=self._finder in FINDS_PIECES)
        return [RecognizerResult(label, start, end, score,
                                 recognition_metadata={"recognizer_name": self.name})  # type: ignore[has-type]  # set by presidio's __init__
                for start, end, label, score in found
                if label in entities and label in self.supported_entities]


_lock = threading.Lock()
_analyzer: AnalyzerEngine | None = None


def trained_spans(_text: str, artifacts: object) -> list[Span]:
    """The trained model's entities (Presidio's NLP artifacts or a spaCy Doc)."""
    entities = getattr(artifacts, "entities", None) or getattr(artifacts, "ents", None) or []
    return [(e.start_char, e.end_char, e.label_, 0.85) for e in entities]


# Finders whose spans are pieces of one number sent in several messages: each piece is short,
# the whole was checked (key, checksum) by the finder.
FINDS_PIECES: frozenset[Finder] = frozenset({find_split_numbers})


def tidied(text: str, spans: Iterable[Span], in_pieces: bool = False) -> list[Span]:
    """Spans of personal data trimmed to the annotation convention (see `boundaries`); a NIR or
    an IBAN too short to be one is dropped, unless the spans are pieces of a checked number (`in_pieces`)."""
    found = []
    for start, end, label, score in spans:
        pieces = name_pieces(text, start, end) if label == "PERSON" else \
            _one_per_street(text, start, end) if label == "ADDRESS" else [(start, end)]
        for piece in pieces:
            bounds = tidy(text, *piece, label) if label in LABELS else piece
            if bounds and label == "ADDRESS":
                bounds = None if venue_address(text, bounds[0]) or _spelled(text[bounds[0]:bounds[1]]) else \
                    with_postal_tail(text, *without_sentence_tail(text, *without_dash_tail(
                        text, *without_lead_in(text, *bounds))))
            elif bounds and label in ("IBAN", "NIR"):
                bounds = with_number_tail(text, *_without_word_tail(text, *bounds), label)
                if not in_pieces and not _long_enough(text[bounds[0]:bounds[1]], label):
                    bounds = None
            elif bounds and not _plausible(text, *bounds, label):
                bounds = None
            if bounds:
                found.append((*bounds, label, score))
    return found


# What names a town, never a person, right before a capitalised word: a birthplace (« Né(e) le :
# 04/11/1987 à : Kaolack », « Lieu de naissance : Łódź »), where a letter was signed (« Fait à
# Évry-Courcouronnes »), a commune's own name (« Commune de : ÉVRY », « maire de Cuttoli »).
PLACE_BEFORE = re.compile(r"(?i:\bn[ée]e?(?:\(e\))?[ \t]+(?:le[ \t]*:?[ \t]*[\dOol|/. ]{6,16}[ \t]+)?à[ \t]*:?"
                          r"|lieu[ \t]+de[ \t]+naissance[ \t]*:|\bfait[ \t]+à|\bcommune[ \t]+d(?:e[ \t]*:?|['’])"
                          r"|\b(?:ville|mairie|maire|ccas|cias)[ \t]+d(?:e|['’]))[ \t]*$")
_NEXT_STREET = re.compile(r"\n[ \t]*(?=" + STREET + ")")


def _one_per_street(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """An address per line when each line starts its own street (« 12 rue des Lilas » then « 4 rue
    Haute »): a building, a flat or a postcode line below a street stays with it."""
    bounds = [start]
    for m in _NEXT_STREET.finditer(text, start, end):
        if re.search(STREET, text[bounds[-1]:m.start()]):     # the lines above hold a street already
            bounds.append(m.start())
    bounds.append(end)
    return [(a, b) for a, b in pairwise(bounds) if text[a:b].strip()]


def _without_word_tail(text: str, start: int, end: int) -> tuple[int, int]:
    """A number without the word the model ran on to (« … trois cent soixante et onze montant »)."""
    while (word := re.search(r"[ \t]+([^\W\d_]+)$", text[start:end])) and not only_numbers(word.group(1)) \
            and not word.group(1).isupper():
        end = start + word.start()
    return start, end


# Words that say how long or how much, never what: the model once read « une très longue note » as
# health (it knows « congé de longue maladie »). A span of them alone names no condition.
_DEGREE_WORDS = {"tres", "trop", "plus", "moins", "assez", "si", "aussi", "longue", "longues", "long", "longs",
                 "courte", "courtes", "court", "courts", "grande", "grandes", "grand", "grands", "petite",
                 "petites", "petit", "petits", "lourde", "lourdes", "lourd", "lourds", "legere", "legeres",
                 "leger", "legers", "duree", "durees", "une", "un", "de", "d", "la", "le", "les"}


def _plausible(text: str, start: int, end: int, label: str) -> bool:
    """A matricule shaped as an identifier; a health mention naming more than a length or a degree;
    a person not named where a town is (`PLACE_BEFORE`)."""
    value = text[start:end]
    if label == "AGENT_ID":
        return _identifier_shaped(value)
    if label == "PERSON":
        return not (PLACE_BEFORE.search(text, max(0, start - 40), start) or _named_venue(text, start)
                    or _heading_or_speaker(text, start, end))
    if label == "UNION":      # « Syndicat », a column's header, is nobody's membership
        return not re.fullmatch(r"(?:organisations?\s+)?syndica(?:ts?|les?)", fold(value).lower().strip())
    if label != "HEALTH":
        return True
    words = re.findall(r"[^\W\d_]+", fold(value))
    return not words or not all(w in _DEGREE_WORDS for w in words)


# Places named after someone, written right before the name (« CHU Charles Nicolle », « collège
# Jean Moulin », « rue Jean Jaurès »). Everyday words that also precede a person are not among them
# (« l'agent d'accueil Nadia Benali », « la crèche de Léa », « le gardien du stade Yanis Morel »).
NAMED_VENUES = {fold(w).lower() for w in """
rue avenue av bd boulevard allée impasse chemin quai square passage esplanade promenade parvis
lycée collège université iut institut faculté médiathèque bibliothèque gymnase hôpital
clinique ehpad conservatoire théâtre musée auditorium cinéma chu chru chs ifsi irts
""".split()}
# Only a street's name may put words between it and the person it names (« rue du Docteur Roux »)
STREETS = {fold(w).lower() for w in "rue avenue av bd boulevard allée impasse chemin quai square passage".split()}
STREET_LINKS = {"de", "du", "des", "la", "le", "l", "d", "docteur", "general", "president", "marechal",
                "professeur", "abbe", "saint", "sainte", "commandant", "capitaine", "colonel"}


def _named_venue(text: str, start: int) -> bool:
    """The name is a place's: a venue word right before it, or a street's with its links."""
    # within its clause, cell or sentence (« …la toiture du gymnase. Marie Lefèvre appellera »); an
    # abbreviation's dot ends none (« av. Anatole France »)
    phrase = re.split(r"[|;:,()\[\]!?]|\t| {2,}|\s[-–—]\s|\d|(?<=\w{4})\.", left(text, start, 40))[-1]
    words = [fold(w).lower() for w in re.findall(r"[^\W\d_]+", phrase)]
    if words and words[-1] in NAMED_VENUES:
        return True
    while words and words[-1] in STREET_LINKS:
        words.pop()
    return bool(words) and words[-1] in STREETS


# « A. Activités de l'année », « II. FAITS »: a heading numbered by a letter; « Usagère : bonjour »:
# who speaks in a transcript. A common word there, not a name, is no person.
ENUMERATED = re.compile(r"(?:[A-Z]|[IVX]{1,4})\.[ \t]+([^\W\d_]+)")
SPEAKER = re.compile(r"[ \t]*:")


def _heading_or_speaker(text: str, start: int, end: int) -> bool:
    if text[text.rfind("\n", 0, start) + 1:start].strip():
        return False
    heading = ENUMERATED.fullmatch(text, start, end)
    word = heading.group(1) if heading else text[start:end] if SPEAKER.match(text, end) else ""
    folded = fold(word).lower()
    # a lemma, or its plural or feminine (« Activités », « Usagère »)
    common = any(form in french_words() for form in (folded, folded.removesuffix("s"), folded.removesuffix("e")))
    # « Aurore : je pourrai pas », « Dom : ok », « A. Blanc »: a word that may be a name, or short, may be one
    return bool(re.fullmatch(r"[^\W\d_]{4,}", word)) and common and folded not in any_name()


def _spelled(value: str) -> bool:
    """Letters one by one (« w i s n i e w s k »): a name spelled out, which the model once read as
    an address (it outranks the name)."""
    return re.fullmatch(r"(?:\w[ \t]){3,}\w", value) is not None


def _identifier_shaped(value: str) -> bool:
    """A matricule is a code (« 56-00871 », « AGT 0452 ») or digits said in words, not other words:
    the model once read « 12-14 rue Pasteur, 35000 Rennes » as one, which outranked the address."""
    if not re.search(r"\d", value) and len(said_digits(value)) >= 3:
        return True
    words = re.findall(r"[^\W\d_]{3,}", value)
    return len(words) < 2 and not any(len(w) >= 4 and not w.isupper() for w in words)


def _long_enough(value: str, label: str) -> bool:
    """A NIR has 13 characters before its key (« 2A » for Corsica, « O » and « l » misread by
    OCR, or said in words), an IBAN its country's length (a character or two may be mistyped):
    the model's « NIR » of nine digits is a telephone, its « IBAN » « FR12 3456 7890 » a file
    reference."""
    if label == "NIR":
        return sum(ch.isdigit() or ch in "ABOolI" for ch in value) >= 13 or len(said_digits(value)) >= 13
    compact = "".join(ch for ch in value if ch.isalnum())
    return len(compact) >= IBAN_LENGTHS.get(compact[:2].upper(), 17) - 2


def _recognizers() -> list[FunctionRecognizer]:
    kept = [finder for family in RULES for finder in RULE_FAMILIES[family]]
    recognizers = [
        FunctionRecognizer("TrainedFrenchNer", list(TRAINED_LABELS), trained_spans),
        FunctionRecognizer("FrNirRecognizer", ["NIR"], find_nir),
        FunctionRecognizer("IbanChecksumRecognizer", ["IBAN"], find_iban),
        FunctionRecognizer("FrPhoneRecognizer", ["PHONE"], find_phone),
        FunctionRecognizer("DictatedNumberRecognizer", ["PHONE", "NIR", "IBAN", "AGENT_ID"], find_dictated_numbers),
        FunctionRecognizer("KeylessNirRecognizer", ["NIR"], find_keyless_nir),
        FunctionRecognizer("OfflineEmailRecognizer", ["EMAIL"], find_email),
        FunctionRecognizer("FrDateOfBirthRecognizer", ["DATE_OF_BIRTH"], find_date_of_birth),
        FunctionRecognizer("DictatedBirthDateRecognizer", ["DATE_OF_BIRTH"], find_dictated_birth_date),
        FunctionRecognizer("MatriculeRecognizer", ["AGENT_ID"], find_agent_id),
        FunctionRecognizer("CvMarkersRecognizer", list(CV_LABELS), find_cv_markers),
    ]
    named: dict[Finder, tuple[str, list[str]]] = {
        find_persons: ("FrPersonRecognizer", ["PERSON"]),
        find_ocr_names: ("OcrNameRecognizer", ["PERSON"]),
        find_address: ("FrAddressRecognizer", ["ADDRESS"]),
        find_abroad_address: ("AbroadAddressRecognizer", ["ADDRESS"]),
        find_said_address: ("SaidAddressRecognizer", ["ADDRESS"]),
        find_ocr_address: ("OcrAddressRecognizer", ["ADDRESS"]),
        find_boxed_address: ("BoxedAddressRecognizer", ["ADDRESS", "POSTCODE_CITY"]),
        find_postcode_city: ("FrPostcodeCityRecognizer", ["POSTCODE_CITY"]),
        find_health: ("HealthRecognizer", ["HEALTH"]),
        find_union_function: ("UnionFunctionRecognizer", ["UNION"]),
        find_union_said: (SAID_SOURCE, ["UNION"]),
        find_table_columns: (TABLE_SOURCE, ["ADDRESS", "PHONE", "DATE_OF_BIRTH", "UNION"]),
        find_chat_speakers: ("ChatSpeakerRecognizer", ["PERSON"]),
        find_split_numbers: ("SplitNumberRecognizer", ["PHONE", "IBAN", "NIR"]),
        find_spelled_names: ("SpelledNameRecognizer", ["PERSON"])}
    recognizers += [FunctionRecognizer(*named[finder], finder) for finder in kept]
    recognizers.append(FunctionRecognizer(AFTER_NAME_SOURCE, ["UNION"], find_union_after_name))
    recognizers.append(FunctionRecognizer(CELL_SOURCE, ["UNION"], find_union_in_cell))
    return recognizers


class LeanSpacyNlpEngine(SpacyNlpEngine):
    """Presidio's spaCy engine without lemmas and keywords, which no French recognizer reads:
    they cost a pass over every token of every text on every model call."""

    def _doc_to_nlp_artifact(self, doc, language: str) -> NlpArtifacts:  # noqa: ANN001
        entities, scores = self._get_updated_entities(list(doc.ents), [0.85] * len(doc.ents))
        return NlpArtifacts(entities=entities, tokens=doc, tokens_indices=[], lemmas=[],
                            nlp_engine=self, language=language, scores=scores)


class NoContextEnhancer(ContextAwareEnhancer):
    """The recognizers weigh their own context (checksums, labels on the left, the model)."""

    def __init__(self):
        super().__init__(context_similarity_factor=0.0, min_score_with_context_similarity=0.0,
                         context_prefix_count=0, context_suffix_count=0)

    def enhance_using_context(self, text, raw_results, nlp_artifacts, recognizers,  # noqa: ANN001, ANN201
                              context=None):
        return raw_results


def load_model(path: Path = MODEL_DIR):  # noqa: ANN201
    """The trained pipeline (tokenizer, tok2vec, NER), from the weights shipped in the package."""
    if not (path / "config.cfg").exists():
        raise RuntimeError(f"modèle de détection absent : {path} (lancer `make train-privacy`)")
    model = lean_french.load(path)
    model.max_length = CHUNK_CHARS * 2
    return model


def _build() -> AnalyzerEngine:
    nlp_engine = LeanSpacyNlpEngine(
        models=[{"lang_code": "fr", "model_name": str(MODEL_DIR)}],
        ner_model_configuration=NerModelConfiguration(
            model_to_presidio_entity_mapping={label: label for label in LABELS},
            low_score_entity_names=[], labels_to_ignore=[]))
    nlp_engine.nlp = {"fr": load_model()}  # type: ignore[assignment]  # presidio declares it None until loaded
    _warm_up_word_lists()
    registry = RecognizerRegistry(supported_languages=["fr"])
    for recognizer in _recognizers():
        registry.add_recognizer(recognizer)
    return AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=["fr"],
                          context_aware_enhancer=NoContextEnhancer())


def _warm_up_word_lists() -> None:
    """Read the name lists and the suffix list now, not during the first request."""
    from collectivia.privacy.recognizers.contact import offline_tld_extractor
    from collectivia.privacy.recognizers.names import (accented_first_names, common_first_names,
                                                       known_names)

    known_names()
    french_words()
    accented_first_names()
    common_first_names()
    offline_tld_extractor()("exemple.fr")


def analyzer() -> AnalyzerEngine:
    """The process-wide analyzer, built on first use (thread-safe)."""
    global _analyzer
    if _analyzer is None:
        with _lock:
            if _analyzer is None:
                _analyzer = _build()
    return _analyzer


def clean(text: str) -> tuple[str, list[int] | range]:
    """Text without invisible characters, and for each kept character its original offset."""
    if not HIDDEN.search(text):        # the usual case: nothing to remove, offsets unchanged
        return text, range(len(text))
    kept, offsets = [], []
    for i, ch in enumerate(text):
        if ch in INVISIBLE:
            continue
        kept.append(" " if ch == "\x00" else ch)
        offsets.append(i)
    return "".join(kept), offsets


def _chunks(text: str) -> list[tuple[int, str]]:
    """Pieces of at most CHUNK_CHARS, cut at blank lines (or line ends) when possible."""
    pieces, start = [], 0
    while start < len(text):
        end = min(len(text), start + CHUNK_CHARS)
        if end < len(text):
            cut = text.rfind("\n\n", start + CHUNK_CHARS // 2, end)
            cut = cut if cut > 0 else text.rfind("\n", start + CHUNK_CHARS // 2, end)
            end = cut + 1 if cut > 0 else end
        pieces.append((start, text[start:end]))
        start = end
    return pieces


def resolve(findings: list[Finding], text: str | None = None) -> list[Finding]:
    """Keep non-overlapping findings, preferring stronger labels, then longer spans.

    A finding that overlaps stronger ones keeps its longest free part instead of vanishing:
    an address the model ran on into the telephone that follows (« 9 rue des Tulipes,
    33130 Bègles - 06 39 98 25 97 ») is still an address up to the telephone.
    """
    rank = {label: i for i, label in enumerate(PRIORITY)}
    ordered = sorted(findings, key=lambda f: (rank.get(f.label, 99), -(f.end - f.start), f.start))
    starts: list[int] = []          # kept spans, sorted by start (they never overlap)
    kept: list = []
    for finding in ordered:
        lo = bisect.bisect_left(starts, finding.start)
        lo = lo - 1 if lo > 0 and kept[lo - 1].end > finding.start else lo
        hi = bisect.bisect_left(starts, finding.end)
        if lo < hi:
            finding = _free_part(finding, kept[lo:hi], text)  # type: ignore[assignment]  # None is skipped below
            if finding is None:
                continue
            lo = bisect.bisect_left(starts, finding.start)
        starts.insert(lo, finding.start)
        kept.insert(lo, finding)
    return kept


def _free_part(finding: Finding, taken: list[Finding], text: str | None) -> Finding | None:
    """The longest stretch of `finding` that no kept finding covers (None if too short)."""
    bounds = [finding.start] + [b for t in taken for b in (t.start, t.end)] + [finding.end]
    pieces = [(max(a, finding.start), min(b, finding.end)) for a, b in zip(bounds[::2], bounds[1::2], strict=True)]
    start, end = max(pieces, key=lambda p: p[1] - p[0])
    if text is not None and end > start:
        trimmed = tidy(text, start, end, finding.label) if finding.label in LABELS else (start, end)
        start, end = trimmed or (0, 0)
    if end - start < 3:
        return None
    return Finding(start, end, finding.label, finding.score, finding.source)


def resolve_spans(spans: Iterable[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """`resolve` for bare (start, end, label) triples (calibration, benchmarks)."""
    kept = resolve([Finding(s, e, label) for s, e, label in set(spans)])
    return [(f.start, f.end, f.label) for f in kept]


def detect(text: str, labels: tuple[str, ...] = LABELS) -> list[Finding]:
    """Personal data found in `text`, as non-overlapping findings with original offsets."""
    cleaned, offsets = clean(text)
    engine = analyzer()
    findings = []
    for base, piece in _chunks(cleaned):
        for r in engine.analyze(piece, language="fr", entities=list(labels)):
            start, end = base + r.start, base + r.end
            if end <= start:
                continue
            findings.append(Finding(offsets[start], offsets[end - 1] + 1, r.entity_type,
                                    round(r.score, 2),
                                    (r.recognition_metadata or {}).get("recognizer_name", "")))
    found = _bracketed_names(_whole_names(resolve(_union_needs_a_person(findings, cleaned, offsets), text), text), text)
    return resolve(echoes(restarted_numbers(_with_place_heads(found, text, labels), text), text), text)


def _with_place_heads(findings: list[Finding], text: str, labels: tuple[str, ...]) -> list[Finding]:
    """Addresses grown back over the home's name before them (`boundaries.place_head_start`,
    never past what was found before); a postcode and city with a home's name before it becomes
    an address. An address followed by the rest of itself is one address: the next piece on the
    same line a comma or a dash apart while no postcode has closed it (« 5 lotissement Les
    Chênes, » then « Le Bourg, 24380 Vergt »), or its postcode and city on the next line."""
    if "ADDRESS" not in labels:
        return findings
    grown: list[Finding] = []
    for f in sorted(findings, key=lambda f: f.start):
        last = grown[-1] if grown else None
        if f.label in ("ADDRESS", "POSTCODE_CITY"):
            if last is not None and last.label == "ADDRESS" and _same_address(text, last, f):
                grown[-1] = Finding(last.start, f.end, "ADDRESS", last.score, last.source)
                continue
            start = place_head_start(text, f.start, last.end if last is not None else 0)
            if start < f.start:
                f = Finding(start, f.end, "ADDRESS", f.score, f.source)
        grown.append(f)
    return grown


ADDRESS_JOINT = re.compile(r"[ \t]*[,–-]?[ \t]*")
NEXT_LINE = re.compile(r"[ \t]*[,–-]?[ \t]*\n[ \t]*")


def _same_address(text: str, left: Finding, right: Finding) -> bool:
    """`right` goes on with the address `left`: a comma or a dash apart before any postcode, or
    the postcode and city on the next line (two streets one per line stay two addresses)."""
    if left.end > right.start:
        return False
    if ADDRESS_JOINT.fullmatch(text, left.end, right.start):
        return not POSTCODE.search(text, left.start, left.end)
    return right.label == "POSTCODE_CITY" and NEXT_LINE.fullmatch(text, left.end, right.start) is not None


POSTCODE = re.compile(r"(?<!\d)\d{5}(?!\d)")


def _whole_names(findings: list[Finding], text: str) -> list[Finding]:
    """Person findings grown to whole names (`boundaries.grown_names`), where nothing else
    was found."""
    persons = [f for f in findings if f.label == "PERSON"]
    others = [f for f in findings if f.label != "PERSON"]
    taken = sorted((f.start, f.end) for f in others)
    kept = list(others)
    for start, end in grown_names(text, [(f.start, f.end) for f in persons]):
        i = bisect.bisect_left(taken, (end, end))
        if i and taken[i - 1][1] > start:          # grew into another finding: keep the found parts
            kept += [f for f in persons if start <= f.start and f.end <= end]
        else:
            source = next(f for f in persons if start <= f.start < end)
            kept.append(Finding(start, end, "PERSON", source.score, source.source))
    return sorted(kept, key=lambda f: f.start)


BRACKETED_WORD = re.compile(r"[ \t]*\(([A-ZÀ-Ý][A-ZÀ-Ý'’-]{1,24})\)")


def _bracketed_names(findings: list[Finding], text: str) -> list[Finding]:
    """« Mme Tiwari (JHA) »: a word in capitals in brackets right after a name, no grade, diploma,
    service (`boundaries.BRACKETED_ACRONYMS`), union nor French word, is a second name (a maiden
    name, a usual name) and is masked with it."""
    taken = [(f.start, f.end) for f in findings]
    added = []
    for f in findings:
        bracket = BRACKETED_WORD.match(text, f.end) if f.label == "PERSON" else None
        if bracket is None:
            continue
        word, (start, end) = bracket.group(1), bracket.span(1)
        folded = fold(word).lower()
        if folded in BRACKETED_ACRONYMS or BARE_UNION.fullmatch(word) or folded in french_words() \
                or any(s < end and start < e for s, e in taken):
            continue
        added.append(Finding(start, end, "PERSON", f.score, f.source))
    return sorted(findings + added, key=lambda f: f.start)


def _union_needs_a_person(findings: list[Finding], text: str,
                          offsets: list[int] | range) -> list[Finding]:
    """A bare union name (« (CGT) », « FO ») is a membership only right after a person
    (« 2 défavorables (CGT) » is a vote), whoever found it, or in a column its header names a
    union's or alone in a list's cell, on a row that names or numbers a member (« Agent | Syndicat »,
    « Matricule;Syndicat », « - Bruno Nativel, FO »);
    a function (« délégué FO ») is one anywhere, and so is a membership said of someone (« elle est
    à la CFDT »)."""
    def original(offset: int) -> int:          # offsets ascend: the cleaned index of an offset
        return bisect.bisect_left(offsets, offset)

    person_ends = {f.end for f in findings if f.label == "PERSON"}
    member_starts = sorted(f.start for f in findings if f.label in ("PERSON", "AGENT_ID"))
    kept = []
    for f in findings:
        if f.label != "UNION":
            kept.append(f)
            continue
        i = original(f.start)
        if f.source == SAID_SOURCE or (f.source in (TABLE_SOURCE, CELL_SOURCE)
                                       and _on_a_members_row(member_starts, text, offsets, i)):
            kept.append(f)
            continue
        if f.source == AFTER_NAME_SOURCE or BARE_UNION.fullmatch(text, i, original(f.end - 1) + 1):
            lead = AFTER_NAME_LEAD.search(text, max(0, i - 20), i)
            j = (lead.start() if lead else i) - 1
            if j < 0 or offsets[j] + 1 not in person_ends:
                continue
        kept.append(f)
    return kept


def _on_a_members_row(member_starts: list[int], text: str, offsets: list[int] | range, i: int) -> bool:
    """The table row of cleaned index `i` holds a person or a matricule (not an election's results):
    `member_starts`, sorted, are where the persons and matricules found start."""
    row_start = offsets[text.rfind("\n", 0, i) + 1]
    row_end = text.find("\n", i)
    row_end = offsets[row_end] if row_end >= 0 else offsets[-1] + 1
    first = bisect.bisect_left(member_starts, row_start)
    return first < len(member_starts) and member_starts[first] < row_end

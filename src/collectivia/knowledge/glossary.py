"""Agents' words -> the code's words, for the search only (never shown, never cited).

Agents write "dispo", "CDD", "RTT", "papa", "prime"; the code says
"disponibilité", "contrat à durée déterminée", "jours de repos",
"paternité", "régime indemnitaire". And they describe situations where the
code names concepts: "je me suis bloqué le dos en portant une charge au
travail" is an "accident de service", "ma sœur a répondu au marché que
j'instruis" a "conflit d'intérêts", "reprendre en douceur après mon arrêt" a
"temps partiel pour raison thérapeutique". Two tables bridge the gap: GLOSSARY
for single words (abbreviations, familiar words) and SITUATIONS for everyday
descriptions, each pattern adding the code's wording to the question before
BM25 and the dense model read it.

It is the vocabulary of the fonction publique territoriale, written topic by
topic, not a list of answers: no entry names an article. It was measured on 50
questions written afterwards from the code by someone who had seen neither it
nor the retriever (bench/data/hr_qa_fresh.jsonl); a few entries were then added
after reading the misses of the odd-numbered half. On the even half, never read:
recall@5 0.683 without any glossary, 0.714 with the abbreviations alone, 0.786
with this one. The collectivité adds its own words on top (`vocabulary.py`).

Whether each table earns its place is measured on data it was not written
from: the calibration split of Questions RH (228 questions written blind,
never trained on; `hrdesk/training.py` trains and calibrates the re-ranker
with each choice). recall@5 after re-ranking / answerable questions answered
with a citation: no glossary 0.789 / 0.274, words alone 0.816 / 0.337, words
and situations read by BM25 only 0.853 / 0.316, by BM25 and e5 0.861 / 0.442
(the hybrid search alone: 0.653, 0.692, 0.718, 0.711). Both tables are kept,
read by both retrievers: the best sum of the two figures (`GlossaryUse`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from collectivia.knowledge import embeddings
from collectivia.knowledge.index import fold, tokens
from collectivia.knowledge.retrieval import Query

GLOSSARY: dict[str, str] = {
    # abbreviations
    "cdd": "contrat à durée déterminée",
    "cdi": "contrat à durée indéterminée",
    "rtt": "jours de repos réduction du temps de travail",
    "cpf": "compte personnel de formation",
    "cet": "compte épargne-temps",
    "clm": "congé de longue maladie",
    "cld": "congé de longue durée",
    "cmo": "congé de maladie ordinaire",
    "citis": "congé pour invalidité temporaire imputable au service",
    "tpt": "temps partiel pour raison thérapeutique",
    "cap": "commission administrative paritaire",
    "cst": "comité social territorial",
    "cdg": "centre de gestion",
    "cnfpt": "centre national de la fonction publique territoriale",
    "nbi": "nouvelle bonification indiciaire",
    "sft": "supplément familial de traitement",
    "ifse": "régime indemnitaire indemnité",
    "rifseep": "régime indemnitaire",
    "fpt": "fonction publique territoriale",
    "fpe": "fonction publique de l'Etat",
    "fph": "fonction publique hospitalière",
    "pacs": "pacte civil de solidarité",
    "dispo": "disponibilité",
    "perso": "personnelles",
    "vae": "validation des acquis de l'expérience",
    "rqth": "travailleur handicapé obligation d'emploi",
    "ppr": "période de préparation au reclassement",
    "asa": "autorisation spéciale d'absence",
    "chsct": "formation spécialisée en matière de santé, de sécurité et de conditions de travail",
    "fs3sct": "formation spécialisée en matière de santé, de sécurité et de conditions de travail",
    "ct": "comité social territorial",
    "cos": "action sociale",
    "cnas": "action sociale",
    "cia": "régime indemnitaire complément",
    "cnracl": "pension retraite",
    "pps": "période de préparation au reclassement",
    "ptp": "projet de transition professionnelle",
    "rdc": "rendez-vous de carrière",
    # everyday words
    "papa": "paternité père",
    "maman": "maternité mère",
    "bebe": "naissance enfant",
    "bosser": "travailler activité professionnelle",
    "boulot": "emploi travail",
    "salaire": "traitement rémunération",
    "paye": "traitement rémunération",
    "paie": "traitement rémunération",
    "prime": "régime indemnitaire indemnité",
    "primes": "régime indemnitaire indemnité",
    "arret": "congé",
    "vacances": "congé annuel",
    "demissionner": "démission cessation de fonctions",
    "virer": "licenciement",
    "vire": "licenciement",
    "greve": "grève cessation concertée du travail",
    "teletravail": "télétravail",
    "mi-temps": "temps partiel",
    "harcele": "harcèlement",
    "harcelee": "harcèlement",
    "titularise": "titularisation",
    "titularisee": "titularisation",
    "promo": "promotion avancement",
    "mutation": "mutation mobilité",
    "retraite": "retraite limite d'âge",
    "chomage": "allocation d'assurance chômage privation d'emploi",
    "chomeur": "allocation d'assurance chômage",
    "reintegrer": "réintégration",
    "visite": "examen médical",
    "stagiairisation": "nomination stagiaire",
    "casier": "casier judiciaire",
    "etranger": "ressortissant nationalité",
    "etrangere": "ressortissant nationalité",
    "nationalite": "ressortissant nationalité",
    "deontologue": "référent déontologue",
    "apprenti": "contrat d'apprentissage",
    "apprentie": "contrat d'apprentissage",
    "saisonnier": "accroissement saisonnier d'activité",
    "saisonniere": "accroissement saisonnier d'activité",
    "renfort": "accroissement temporaire d'activité",
    "remplacer": "remplacement",
    "sanctionner": "sanction disciplinaire",
}

# Patterns read the folded question (lower case, no accents); ".*" joins two cues of one
# situation anywhere in the question ("ma sœur ... le marché").
SITUATIONS: list[tuple[str, str]] = [
    # health
    (r"\barret (de )?(maladie|de travail)|\ben arret\b|\bm.arrete\b|\bmalade\b", "congé de maladie"),
    (r"\b(accident|blesse|blessee|blessure|chute)\b.*\b(travail|service|boulot|chantier)\b"
     r"|\b(travail|service|boulot|chantier)\b.*\b(accident|blesse|blessee|blessure|chute)\b"
     r"|\b(mal au dos|bloque le dos|tour de rein|lumbago|en soulevant|en portant)\b",
     "accident de service imputable au service congé pour invalidité temporaire"),
    (r"\baccident\b.*\b(trajet|route|en venant|en rentrant|domicile)\b", "accident de trajet"),
    (r"^(?=.*\b(arret|maladie|malade|depression|burn-?out|operation|accident|sante|cancer|chimio)\b)"
     r"(?=.*\b(reprendre|reprise|revenir|retour)\b.*\b(douceur|progressive|progressivement|mi-temps"
     r"|temps partiel|temps reduit)\b)|\bmi-temps therapeutique\b",
     "temps partiel pour raison thérapeutique reprise santé"),
    (r"\b(depression|burn-out|burnout|epuisement|cancer|operation|hospitalise|hospitalisee)\b",
     "maladie santé congé de maladie"),
    (r"\b(inapte|inaptitude|ne peux plus (exercer|faire|porter)|plus capable)\b",
     "inaptitude reclassement"),
    (r"\b(mutuelle|complementaire sante|prevoyance)\b", "protection sociale complémentaire"),
    (r"\b(enceinte|grossesse|accouchement|accoucher)\b", "congé de maternité grossesse"),
    (r"\b(frais medicaux|honoraires|frais de soins)\b|\brembours\w*\b.*\b(medicaux|medicales|medecin|soins"
     r"|pharmacie|hopital|kine)\b|\b(medicaux|medicales|medecin|soins|pharmacie|hopital|kine)\b.*\brembours",
     "remboursement des honoraires médicaux et des frais"),
    # family and leave
    (r"\b(mere|pere|parent|parents|conjoint|mari|femme|proche)\b.*\b(dependant|dependante|handicap|handicape|handicapee|malade|fin de vie|s.occuper)\b",
     "congé de proche aidant perte d'autonomie"),
    (r"\b(fin de vie|soins palliatifs|mourant|mourante)\b", "congé de solidarité familiale"),
    (r"\b(enfant|enfants|fils|fille|bebe)\b.*\b(malade|maladie|leucemie|cancer|chimio|chimios|chimiotherapie"
     r"|hopital|hospitalise|hospitalisee|accident|handicap|handicape|handicapee|soins)\b|\bgravement malade\b",
     "congé de présence parentale don de jours de repos"),
    (r"\b(donner|don|ceder|offrir)\b.*\b(jours|rtt|conges)\b", "don de jours de repos"),
    (r"\b(mariage|se marier|pacse|pacser|deces|enterrement|obseques|demenagement)\b",
     "autorisations spéciales d'absence"),
    (r"\b(adopter|adoption)\b", "congé d'adoption"),
    (r"\b(elever|garder|m.occuper de|s.occuper de) (mon|mes|notre|nos) (enfant|enfants|fils|fille|bebe)\b",
     "disponibilité pour élever un enfant congé parental"),
    (r"\b(comite medical|commission de reforme)\b", "conseil médical"),
    (r"\b(medecin du travail|medecine du travail|visite medicale)\b",
     "médecine préventive examen médical"),
    (r"\b(amenagement de poste|poste adapte|amenager mon poste|adapter mon poste)\b",
     "aménagement reclassement inaptitude"),
    # working time
    (r"\b(travailler|bosser) (de|a) (chez moi|la maison|distance)\b|\bteletravailler\b", "télétravail"),
    (r"\bheures sup|\bheures supplementaires\b", "heures supplémentaires temps de travail"),
    (r"\b(35 ?h|1607|horaires?|duree hebdomadaire)\b", "durée du travail temps de travail"),
    (r"\b(80|90|50|60|70) ?(%|pour ?cent)|\btemps reduit\b", "temps partiel"),
    # ethics
    (r"\b(signe religieux|voile|foulard|kippa|croix|religion|religieux|religieuse|priere)\b",
     "laïcité neutralité opinions religieuses"),
    (r"\b(opinions? politiques?|militant|militante|campagne electorale|candidat aux elections)\b",
     "neutralité liberté d'opinion"),
    (r"^(?=.*\b(ma|mon|notre|un|une) (soeur|frere|cousin|cousine|conjoint|conjointe|mari|femme|epoux|epouse"
     r"|compagnon|compagne|pere|mere|fils|fille|ami|amie|proche|beau-frere|belle-soeur|oncle|tante)\b)"
     r"(?=.*\b(entreprise|societe|marche|marches|appel d.offres|fournisseur|prestataire|subvention)\b)",
     "conflit d'intérêts intérêts privés impartial déport"),
    (r"\b(cadeau|cadeaux|invitation|pot-de-vin|pots-de-vin)\b", "probité intégrité conflit d'intérêts"),
    (r"\b(auto-?entrepreneur|micro-?entreprise|micro-?entrepreneur|deuxieme (emploi|job|travail)|second (emploi|job)"
     r"|a cote de mon (poste|travail|emploi)|en plus de mon (poste|travail|emploi)|activite (complementaire|annexe|privee)"
     r"|creer (mon|une) entreprise|donner des cours)\b", "cumul d'activités activité accessoire"),
    (r"\b(lanceur d.alerte|temoin d.un (delit|crime))\b|\b(denoncer|alerter|signaler)\b.*\b(fait|faits|delit"
     r"|crime|fraude|corruption|detournement|harcelement|infraction|illegal|illegale)\b",
     "signalement lanceur d'alerte"),
    (r"\b(confidentiel|confidentielle|secret|divulguer|reseaux sociaux|facebook|journaliste)\b",
     "secret professionnel discrétion professionnelle"),
    # protection of the agent
    (r"\b(insulte|insultee|insultes|menace|menacee|menaces|agresse|agressee|agression|frappe|frappee"
     r"|violence|violences|diffamation|diffame|outrage|crache)\b",
     "protection violences menaces injures diffamations outrages"),
    (r"\b(plainte|porter plainte|avocat|proces|tribunal)\b", "protection frais de procédure"),
    (r"\b(humilie|humiliee|humiliant|humiliantes|rabaisse|placard|placardise|mise a l.ecart|pression)\b",
     "harcèlement moral agissements répétés"),
    (r"\b(main aux fesses|propos sexistes|sexiste|avances)\b", "harcèlement sexuel agissements sexistes"),
    # career
    (r"\bsans (re)?passer (un|le|de) concours\b|\bsans concours\b|\bchanger de (categorie|cadre d.emplois)\b"
     r"|\bpasser (en )?(categorie|cat) [abc]\b", "promotion interne liste d'aptitude examen professionnel"),
    (r"\b(monter en grade|passer au grade|grade superieur|etre promu|etre promue|passer principal)\b",
     "avancement de grade tableau d'avancement"),
    (r"\b(entretien annuel|evaluation annuelle|notation|note annuelle|mon evaluation)\b",
     "entretien professionnel appréciation de la valeur professionnelle"),
    (r"\b(eu|reussi|obtenu|laureat|laureate) (le|mon|un) concours\b|\bliste des laureats\b",
     "lauréat liste d'aptitude"),
    # discipline
    (r"\bmise a pied\b|\bsuspendu\b|\bsuspendue\b", "exclusion temporaire de fonctions suspension"),
    (r"\b(faute|fautes|reproche|reproches|sanctionne|sanctionnee|puni|punie)\b", "sanction disciplinaire"),
    (r"\b(prescrit|prescrite|prescription|vieille histoire|il y a (des|plusieurs) annees)\b",
     "délai de prescription procédure disciplinaire engagée au-delà de trois ans"),
    (r"\b(obeir|obeissance|desobeir|un ordre|des ordres|ses ordres|cet ordre|ses instructions)\b|\b(mon chef|ma cheffe|mon responsable|ma hierarchie) (me demande|m.oblige|m.ordonne|exige)\b",
     "instructions du supérieur hiérarchique ordre manifestement illégal"),
    (r"\babandon de poste\b|\bne (suis|est) plus venu", "abandon de poste radiation"),
    # mobility, positions
    (r"\b(autre (commune|collectivite|mairie|departement|region|employeur)|changer de (commune|collectivite|poste|employeur))\b",
     "mutation mobilité"),
    (r"\b(bloquer|refuser|retarder|empecher|retenir|garder)\b.*\bmutation\b|\bmutation\b.*\b(bloquer|refuser|retarder|empecher)\b",
     "mutation préavis autorité d'accueil"),
    (r"\b(suivre mon (conjoint|mari|epoux|compagnon)|suivre ma (conjointe|femme|epouse|compagne)|demenage|demenager)\b",
     "rapprochement de conjoint mutation disponibilité pour suivre son conjoint"),
    (r"\b(travailler|bosser|aller|partir|rejoindre|essayer)\b.*\b(le prive|une entreprise privee|une entreprise)\b",
     "disponibilité activité professionnelle détachement"),
    (r"\b(pause (dans|de) (ma|sa|mon) (carriere|parcours)|sabbatique|faire le tour du monde"
     r"|arreter (de travailler|quelques (mois|annees)))\b",
     "disponibilité"),
    (r"\b(garder|conserver|perdre)\b.*\b(avancement|anciennete|echelon)\b", "droits à l'avancement"),
    (r"\b(revenir|retour|reprendre)\b.*\b(dispo|disponibilite|conge parental|detachement)\b"
     r"|\b(dispo|disponibilite|conge parental|detachement)\b.*\b(revenir|retour|reprendre|reintegre)",
     "réintégration"),
    (r"\b(consulter|voir|acceder a|communication de) (mon|son) dossier\b", "dossier individuel communication"),
    # contracts
    (r"\b(passer en cdi|cdiser|cdisation|cdise|cdisee)\b", "contrat à durée indéterminée"),
    (r"\b(fin de (mon )?contrat|pas renouvele|non renouvele|non-renouvellement|renouveler mon contrat)\b",
     "renouvellement du contrat fin de contrat"),
    (r"\b(vacataire|vacation|vacations|remplacant|remplacante|remplacement)\b", "agent contractuel remplacement"),
    (r"\b(renvoye|renvoyee|vire|viree|licencie|licenciee|mettre dehors)\b", "licenciement"),
    (r"\b(stage|stagiaire)\b.*\b(prolonge|prolonger|prolongation|rallonge|pas titularise)\b",
     "prolongation du stage titularisation"),
    # leaving, retirement
    (r"\b(partir|depart|parti) (a|en) (la )?retraite\b|\bage (de depart|legal)\b",
     "limite d'âge retraite"),
    (r"\b(rester|travailler|continuer) (plus longtemps|au-dela|apres)\b", "prolongation d'activité maintien au-delà de la limite d'âge"),
    (r"\b(quitter|partir de) la fonction publique\b|\bquitter mon poste\b", "démission rupture conventionnelle"),
    # unions
    (r"\b(syndicat|syndique|syndiquee|delegue syndical|representant du personnel|heures syndicales)\b",
     "organisations syndicales droit syndical"),
    # training
    (r"\b(reconversion|changer de metier|me reconvertir|nouveau metier)\b",
     "formation professionnelle projet d'évolution professionnelle congé de transition professionnelle"),
    (r"\b(me former|suivre une formation|faire une formation|reprendre (des|mes) etudes|diplome)\b",
     "formation professionnelle compte personnel de formation"),
    # pay
    (r"\b(paye|payee|paie|payer|argent|perdre de l.argent|salaire|plein pot|plein traitement|demi-salaire|moitie)\b",
     "traitement rémunération intégralité moitié"),
    (r"\b(garde alternee|enfants a charge|allocations)\b", "supplément familial de traitement enfants à charge"),
    (r"\b(cheques? dejeuner|tickets? resto|titres? restaurant|cantine|cheques? vacances|colonie|creche)\b",
     "action sociale prestations sociales"),
]

_WORD = re.compile(r"[a-z0-9-]+")
_SITUATIONS = [(re.compile(pattern), wording) for pattern, wording in SITUATIONS]


def expand(question: str, local: Mapping[str, str] | None = None, *, words: bool = True,
           situations: bool = True) -> str:
    """The question followed by the code's wording of the agent's words and situations.

    `local` is the collectivité's own vocabulary (folded term -> wording, see
    `vocabulary.py`), matched on whole words. `words` and `situations` switch the
    two shipped tables, so that training can measure what each one earns.
    """
    folded = fold(question)
    extra = [GLOSSARY[w] for w in dict.fromkeys(_WORD.findall(folded)) if w in GLOSSARY] if words else []
    if situations:
        extra += [wording for pattern, wording in _SITUATIONS if pattern.search(folded)]
    if local:
        padded = f" {' '.join(re.findall(r'[a-z0-9]+', folded))} "
        extra += [wording for key, wording in local.items() if f" {key} " in padded]
    return f"{question} ({'; '.join(dict.fromkeys(extra))})" if extra else question


@dataclass(frozen=True)
class GlossaryUse:
    """Which parts of the glossary a search uses: kept only where they earn their place.

    Questions RH measures each choice on its calibration split (`hrdesk/training.py`) and
    ships the best one with its re-ranker. `dense` says whether the e5 model reads the
    expanded question or only the agent's words (BM25 always reads the expanded one).
    """

    words: bool = True
    situations: bool = True
    dense: bool = True

    def query(self, question: str, local: Mapping[str, str] | None = None, vector=None):
        """The search query of a question; `vector` is the embedding function (tests, cache)."""
        expanded = expand(question, local, words=self.words, situations=self.situations)
        embed = vector or embeddings.embed_query
        return Query(expanded, tokens(expanded), embed(expanded if self.dense else question))

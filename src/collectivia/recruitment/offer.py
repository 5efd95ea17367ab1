"""From a fiche de poste to an offre d'emploi with the mentions a French public employer must carry.

The mandatory part (who may apply and on which legal basis, pay and RIFSEEP,
closing date, disability referent, personal data, use of AI) always comes
from this template, so that a model can never drop it. When a model is
configured, it only drafts the introduction ("le poste en quelques mots"),
from the fiche de poste (no personal data), protected by the privacy engine
first; any failure falls back to the template, said plainly.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from collectivia.recruitment.models import Posting

# Legal bases for recruiting a contractuel on a permanent post (CGFP, partie législative).
CONTRACT_BASES = {
    "L332-8-1": "article L332-8 1° du CGFP (absence de cadre d'emplois pour ces fonctions)",
    "L332-8-2": "article L332-8 2° du CGFP (besoins du service ou nature des fonctions, aucun "
                "fonctionnaire n'ayant pu être recruté)",
    "L332-13": "article L332-13 du CGFP (remplacement temporaire d'un agent)",
    "L332-14": "article L332-14 du CGFP (vacance temporaire d'emploi dans l'attente du recrutement "
               "d'un fonctionnaire, contrat d'un an renouvelable dans la limite de deux ans)",
    "L332-23": "article L332-23 du CGFP (accroissement temporaire ou saisonnier d'activité)",
    "L332-24": "article L332-24 du CGFP (contrat de projet)",
}

AI_NOTICE = (
    "Utilisation d'une aide informatique : pour cette offre, la collectivité peut utiliser un outil "
    "d'aide à la présélection qui repère dans les CV les éléments correspondant aux critères "
    "publiés ci-dessus (expériences, diplômes, logiciels) et en cite les passages. Cet outil ne "
    "prend aucune décision : chaque candidature est examinée par une personne nommément désignée, "
    "qui peut corriger les propositions de l'outil. Vous pouvez demander des explications sur le "
    "traitement de votre candidature et demander qu'elle soit examinée sans cet outil (RGPD, "
    "article 22 ; règlement européen sur l'IA)."
)


@dataclass
class CollectiviteInfo:
    name: str
    referent_handicap: str = "le référent handicap de la collectivité (referent.handicap@{domain})"
    dpo_contact: str = "le délégué à la protection des données (dpo@{domain})"
    domain: str = "collectivite.fr"
    retention: str = "deux ans après la fin de la procédure de recrutement"


def retention_phrase(months: int) -> str:
    """« deux ans », « 18 mois »: how long candidates' data is kept, as the offer says it."""
    words = {1: "un an", 2: "deux ans", 3: "trois ans"}
    if months % 12 == 0:
        return words.get(months // 12, f"{months // 12} ans")
    return f"{months} mois"


def who_may_apply(posting: Posting) -> str:
    cadre = posting.cadre_emplois or "du cadre d'emplois concerné"
    text = (f"Poste ouvert aux fonctionnaires titulaires du cadre d'emplois des {cadre.lower()} "
            "(mutation, détachement, intégration directe) et aux lauréats de concours inscrits "
            "sur liste d'aptitude")
    if posting.open_to_contract:
        basis = CONTRACT_BASES.get(posting.contract_basis, posting.contract_basis)
        text += (f", ainsi qu'à défaut aux agents contractuels, sur le fondement de l'{basis}")
    text += (". Les personnes bénéficiaires de l'obligation d'emploi peuvent aussi être recrutées "
             "par contrat donnant vocation à titularisation (article L352-4 du CGFP).")
    return text


def remuneration(posting: Posting) -> str:
    base = posting.remuneration.strip() or (
        "Rémunération statutaire selon le grade (traitement indiciaire) ou, pour un agent "
        "contractuel, fixée par référence à la grille du cadre d'emplois en tenant compte de "
        "l'expérience")
    if "rifseep" not in base.lower():
        base += (" ; régime indemnitaire tenant compte des fonctions, des sujétions, de l'expertise "
                 "et de l'engagement professionnel (RIFSEEP : IFSE et CIA)")
    return base.rstrip(".") + "."


def _de(word: str) -> str:
    return f"d'{word}" if word[:1].lower() in "aeiouyéèêh" else f"de {word}"


def grade_range(posting: Posting) -> str:
    if posting.grade_min and posting.grade_max and posting.grade_min != posting.grade_max:
        return f"du grade {_de(posting.grade_min)} au grade {_de(posting.grade_max)}"
    return posting.grade_min or posting.grade_max or ""


def default_intro(posting: Posting, info: CollectiviteInfo) -> str:
    where = f" au sein de la {posting.direction}" if posting.direction else ""
    return (f"{info.name} recrute un(e) {posting.intitule}{where}. Vous rejoindrez une équipe "
            "au service des usagers et des agents, dans un cadre de travail stable.")


def sections(posting: Posting, info: CollectiviteInfo, intro: str) -> list[tuple[str, list[str]]]:
    """The offer as titled sections of paragraphs or bullet items."""
    domain = info.domain
    identity = [f"Employeur : {info.name}"]
    if posting.direction:
        identity.append(f"Service : {posting.direction}")
    identity += [f"Catégorie : {posting.categorie or 'non précisée'} — filière "
                 f"{posting.filiere or 'non précisée'}",
                 f"Cadre d'emplois : {posting.cadre_emplois or 'non précisé'}"]
    if grade_range(posting):
        identity.append(f"Grades : {grade_range(posting)}")
    identity.append(f"Temps de travail : {posting.temps_travail}")
    closing = posting.date_limite.strftime("%d/%m/%Y") if posting.date_limite else "à préciser"
    return [
        ("Le poste en quelques mots", [intro]),
        ("Informations sur l'emploi", identity),
        ("Missions", posting.mission_list or ["(missions à compléter)"]),
        ("Profil recherché — critères obligatoires", posting.required or ["(à compléter)"]),
        ("Atouts appréciés", posting.optional or ["—"]),
        ("Qui peut candidater", [who_may_apply(posting)]),
        ("Rémunération", [remuneration(posting)]),
        ("Candidater", [
            f"Date limite de candidature : {closing}.",
            "Adressez une lettre de motivation et un CV (PDF, DOCX ou texte) ; pour les "
            "fonctionnaires, joignez le dernier arrêté de situation administrative.",
            f"Handicap : {info.referent_handicap.format(domain=domain)} est à votre disposition "
            "pour tout aménagement nécessaire, y compris pour les entretiens. Tous nos postes sont "
            "ouverts aux personnes en situation de handicap.",
        ]),
        ("Données personnelles", [
            f"Les informations de votre candidature sont traitées par {info.name} pour la gestion "
            "de ce recrutement (base légale : exécution de mesures précontractuelles et mission "
            f"d'intérêt public). Elles sont conservées {info.retention}, puis supprimées, sauf "
            "accord de votre part pour une autre offre. Vous disposez d'un droit d'accès, de "
            "rectification, d'effacement, de limitation et d'opposition : contactez "
            f"{info.dpo_contact.format(domain=domain)}. Vous pouvez saisir la CNIL (www.cnil.fr).",
        ]),
        ("Utilisation de l'intelligence artificielle", [AI_NOTICE]),
    ]


def as_text(posting: Posting, info: CollectiviteInfo, intro: str) -> str:
    """Plain text, ready to paste into Place de l'emploi public."""
    lines = [f"{posting.intitule} (H/F)", f"Référence : {posting.reference}", ""]
    for title, items in sections(posting, info, intro):
        lines.append(title.upper())
        bullet = len(items) > 1 and title not in ("Candidater",)
        lines += [f"- {item}" if bullet else item for item in items]
        lines.append("")
    return "\n".join(lines).strip() + "\n"


def as_html(offer_text: str, title: str) -> str:
    """The offer text as a printable HTML page (for the PDF), headings recognised by case."""
    parts = [f"<h1>{html.escape(title)}</h1>"]
    in_list = False
    for line in offer_text.splitlines()[1:]:
        if line.startswith("- "):
            if not in_list:
                parts.append("<ul>")
                in_list = True
            parts.append(f"<li>{html.escape(line[2:])}</li>")
            continue
        if in_list:
            parts.append("</ul>")
            in_list = False
        if line.isupper() and line.strip():
            parts.append(f"<h2>{html.escape(line.capitalize())}</h2>")
        elif line.strip():
            parts.append(f"<p>{html.escape(line)}</p>")
    if in_list:
        parts.append("</ul>")
    style = ("body{font-family:sans-serif;font-size:11pt;line-height:1.4;color:#1e1e1e}"
             "h1{font-size:18pt;color:#000091}h2{font-size:12pt;color:#000091;margin-top:14pt}")
    return (f"<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>"
            f"{html.escape(title)}</title><style>{style}</style></head><body>{''.join(parts)}"
            "</body></html>")


def as_pdf(offer_text: str, title: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=as_html(offer_text, title)).write_pdf()

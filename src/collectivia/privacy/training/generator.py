"""Annotated French administrative documents, generated: the bulk of the training data.

Fourteen genres of a collectivité's paperwork (arrêtés, HR letters, e-mail
threads, minutes of CAP / CST / F3SCT, CVs scanned with OCR noise,
certificates, interview notes, plain-text tables, SMS and chat, letters from
usagers, incident reports, délibérations, cover letters, internal notes).
Each document mixes personal data with the decoys that look like it
(streets named after people, employers' addresses, switchboards, functional
mailboxes, dates of effect, what a union says as an organisation, health in
general terms) so that a model learns the difference from context.

    python -m collectivia.privacy.training.generator --count 3000 --seed 7 OUT.txt
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from collectivia.privacy.training import lexicon as lx
from collectivia.privacy.training.phrases import (collectivite, decoy_line, employer_address,
                                                 health_sentence, pronoun, signature,
                                                 union_sentence)
from collectivia.privacy.training.values import Values, mark


# --- genres ---------------------------------------------------------------------

def arrete(v: Values) -> str:
    rng = v.rng
    coll, city, _ = collectivite(rng)
    p = v.person()
    mayor = v.person()
    number = f"{rng.randint(2020, 2026)}-{rng.choice(['RH', 'DRH', 'AR', 'PER'])}-{rng.randint(1, 500):03d}"
    subject = rng.choice([
        f"portant placement en {v.health('leave')}",
        "portant avancement d'échelon", "portant mise en disponibilité pour convenances personnelles",
        f"portant reclassement pour {v.health('committee')}",
        "portant nomination stagiaire", "portant attribution de la NBI",
        f"portant reconnaissance d'imputabilité au service ({v.health('leave')})",
        "portant temps partiel de droit", "portant radiation des cadres pour mise à la retraite"])
    lines = [coll.upper(), f"ARRÊTÉ N° {number}", f"{subject.upper() if rng.random() < 0.3 else subject}",
             f"concernant {p.civility_long} {v.name(p, rng.choice(['full', 'LAST_first', 'FULL_LAST']))}", "",
             f"{rng.choice(lx.ELECTED_ROLES)} de {city},", "",
             decoy_line(v), "Vu le code général de la fonction publique ;",
             f"Vu la délibération n° {rng.randint(2018, 2025)}-{rng.randint(1, 150)} du conseil municipal ;"]
    if rng.random() < 0.6:
        lines.append(f"Vu l'avis du conseil médical en date du {rng.randint(1, 28)}/{rng.randint(1, 12):02d}/"
                     f"{rng.randint(2023, 2026)} concluant à {rng.choice(['une', 'l'])}'{v.health('committee')} ;"
                     .replace("une'", "une ").replace("l'", "l'"))
    lines.append(f"Considérant que {p.civility_long} {v.name(p, 'civ_last').split(' ', 1)[-1]}, "
                 f"{rng.choice(lx.JOBS)}, matricule {v.agent_id()}, né{p.e()} le {v.date_of_birth(p)}, "
                 f"domicilié{p.e()} {v.address(multiline=False)}, remplit les conditions ;")
    if rng.random() < 0.3:
        given = [v.person(sex=p.sex).first for _ in range(rng.randint(2, 3))]
        lines.append(f"Nom de naissance : {v.name(p, 'LAST')} – Prénom(s) : "
                     + ", ".join(mark("PERSON", g) for g in [p.first] + given))
    lines += ["", "ARRÊTE", "",
              f"Article 1 : {p.civility_long} {v.name(p, 'full')} est placé{p.e()} "
              f"{rng.choice(['en', 'à compter du 1er septembre en'])} position d'activité.",
              f"Article 2 : Le traitement sera versé sur le compte {v.iban()}." if rng.random() < 0.3
              else "Article 2 : Le présent arrêté peut faire l'objet d'un recours devant le tribunal administratif.",
              "Article 3 : Ampliation sera adressée à l'intéressé" + p.e() + ", au comptable public et au CDG.",
              "", f"Fait à {city}, le {rng.randint(1, 28)} {rng.choice(['mars', 'juin', 'novembre'])} {rng.randint(2023, 2026)}",
              rng.choice(lx.ELECTED_ROLES), v.name(mayor, rng.choice(["full", "FULL_LAST", "initial"]))]
    if rng.random() < 0.3:
        lines.append(f"Notifié à l'agent{p.e()} le ____ Signature : {v.name(p, 'last')}")
    return "\n".join(lines)


def courrier_rh(v: Values) -> str:
    rng = v.rng
    coll, city, _ = collectivite(rng)
    p = v.person()
    hr = v.person()
    pad = " " * rng.choice([0, 0, 30, 40])
    lines = [coll, employer_address(v), f"Dossier suivi par : {v.name(hr, 'full')}", "",
             f"{pad}{p.civility_long} {v.name(p, rng.choice(['full', 'FULL_LAST', 'LAST_first']))}",
             pad + v.address(multiline=True, indent=pad), "",
             f"{city}, le {rng.randint(1, 28)} {rng.choice(['avril', 'septembre', 'décembre'])} {rng.randint(2023, 2026)}",
             "", f"Objet : {rng.choice(['votre situation administrative', 'reprise de fonctions', 'demande de disponibilité', 'votre dossier de retraite', 'instruction de votre demande'])}",
             "", f"{p.civility_long},", ""]
    body = [
        f"Je fais suite à votre courrier du {rng.randint(1, 28)} {rng.choice(['janvier', 'février', 'juillet'])}.",
        health_sentence(v, p, f"{p.civility_long} {v.name(p, 'civ_last').split(' ', 1)[-1]}")
        if rng.random() < 0.5 else
        f"Votre demande de {rng.choice(['temps partiel', 'mutation', 'formation CPF', 'disponibilité'])} a été examinée.",
        f"Votre numéro de sécurité sociale ({v.nir(p, valid=rng.random() < 0.85)}) a été transmis à la "
        f"{rng.choice(['CNRACL', 'CPAM', 'caisse de retraite'])}." if rng.random() < 0.4 else decoy_line(v),
        f"Pour toute question, vous pouvez joindre {v.name(hr, 'civ_last')} au {v.phone()}." if rng.random() < 0.5
        else "Le service reste à votre disposition.",
    ]
    rng.shuffle(body)
    lines += body + ["", f"Je vous prie d'agréer, {p.civility_long}, l'expression de mes salutations distinguées.",
                     "", rng.choice(lx.ELECTED_ROLES), v.name(v.person(), rng.choice(["full", "FULL_LAST"]))]
    return "\n".join(lines)


def email(v: Values) -> str:
    rng = v.rng
    a, b, c = v.person(), v.person(), v.person()
    coll, city, _ = collectivite(rng)
    head = [f"De : {v.name(a, rng.choice(['full', 'FULL_LAST']))} <{v.email(a, professional=True)}>",
            f"À : {rng.choice(['drh', 'rh', 'paie', 'carrieres', 'recrutement'])}@{city.lower().replace(' ', '-')}.fr"
            + (f"; {v.email(b, professional=True)}" if rng.random() < 0.4 else ""),
            f"Objet : {rng.choice(['RE: ', 'TR: ', 'Fwd: ', ''])}{rng.choice(['absence', 'planning', 'dossier', 'demande urgente', 'point équipe', 'situation de l agent'])}",
            ""]
    greet = rng.choice([f"Bonjour {v.name(b, 'first')},", "Bonjour,", f"Bonjour {v.name(b, 'civ_last')},",
                        "Bonjour à tous,", f"Salut {v.name(b, 'first')},"])
    body = [greet, ""]
    for _ in range(rng.randint(2, 4)):
        body.append(rng.choice([
            health_sentence(v, c, v.name(c, rng.choice(["full", "civ_last", "first"]))),
            union_sentence(v, c, v.name(c, rng.choice(["full", "civ_last"]))),
            f"Je vous transmets les coordonnées de {v.name(c, 'full')} : {v.phone()}, {v.email(c)}.",
            f"{v.name(c, 'full')} habite désormais {v.address(multiline=False)}.",
            f"Peux-tu voir avec {v.name(c, rng.choice(['first', 'full']))} pour le planning de {rng.choice(['lundi', 'la semaine prochaine', 'juillet'])} ?",
            decoy_line(v),
            f"Le dossier de {v.name(c, 'civ_last')} (matricule {v.agent_id()}) est complet.",
            f"Merci de ne pas diffuser : {v.name(c, 'full')} est {v.health(rng.choice(['pregnancy', 'leave', 'common']))}.",
        ]))
    body += ["", rng.choice(["Cordialement,", "Bien cordialement,", "Bonne journée,", "Merci,", "Bien à vous,"]),
             signature(v, a, rng.choice(lx.JOBS) + (", " + coll if rng.random() < 0.5 else ""))]
    if rng.random() < 0.4:  # quoted reply
        body += ["", f"Le {rng.randint(1, 28)}/{rng.randint(1, 12):02d}/{rng.randint(2024, 2026)} à {rng.randint(8, 18)}:{rng.randint(10, 59)}, "
                 f"{v.name(b, 'full')} <{v.email(b, professional=True)}> a écrit :",
                 "> " + rng.choice([f"Est-ce que {v.name(c, 'first')} peut me rappeler au {v.phone()} ?",
                                    "> Je reviens vers toi dès que possible.",
                                    f"> {v.name(c, 'full')} sera absent{c.e()} demain ({v.health('common')})."])]
    return "\n".join(head + body)


def compte_rendu(v: Values) -> str:
    rng = v.rng
    coll, city, _ = collectivite(rng)
    instance = rng.choice(["Commission administrative paritaire (CAP) catégorie C", "Comité social territorial (CST)",
                           "Formation spécialisée en santé, sécurité et conditions de travail (F3SCT)",
                           "Conseil de discipline", "Réunion de service", "Commission consultative paritaire"])
    members = [v.person() for _ in range(rng.randint(3, 7))]
    lines = [coll, f"Compte rendu – {instance}", f"Séance du {rng.randint(1, 28)} {rng.choice(['mars', 'juin', 'octobre'])} {rng.randint(2023, 2026)}",
             "", "Présents :"]
    for m in members:
        bullet = rng.choice(["- ", "• ", "* ", "", "– "])
        detail = rng.choice([f" ({v.union(m)})", f", {v.union(m)}", " (représentant de la collectivité)",
                             f", {rng.choice(lx.JOBS)}", ""])
        lines.append(bullet + v.name(m, rng.choice(["full", "civ_last", "FULL_LAST", "last", "LAST"])) + detail)
    if rng.random() < 0.5:
        others = [v.person() for _ in range(rng.randint(3, 6))]
        lines.append(rng.choice(["Excusés : ", "Absents : MM. ", "Également présents : ", "Représentants du personnel : "])
                     + ", ".join(v.name(o, rng.choice(["last", "LAST", "last"])) for o in others) + ".")
    lines += ["", "Ordre du jour :", "1. Approbation du procès-verbal", "2. Situations individuelles", "3. Questions diverses", ""]
    for _ in range(rng.randint(2, 4)):
        p = v.person()
        lines.append(rng.choice([
            health_sentence(v, p, v.name(p, rng.choice(["full", "civ_last"]))),
            f"Dossier de {v.name(p, 'civ_last')} ({rng.choice(lx.JOBS)}) : avis favorable à l'unanimité.",
            f"Les représentants {rng.choice(['CGT', 'FO', 'CFDT', 'UNSA'])} votent contre ; avis défavorable.",
            union_sentence(v, p, v.name(p, rng.choice(["full", "civ_last"]))),
            decoy_line(v),
            f"Accident de service de {v.name(p, 'civ_last')} : {v.health('common')} survenue lors d'une manutention ; imputabilité reconnue.",
            f"{v.name(p, 'full')} signale que la F3SCT n'a pas reçu le registre santé sécurité.",
        ]))
    lines += ["", f"Le secrétaire de séance, {v.name(members[0], 'full')}"]
    return "\n".join(lines)


def cv(v: Values) -> str:
    rng = v.rng
    noisy = rng.random() < 0.5
    inner = Values(rng, noisy=rng.uniform(0.03, 0.12) if noisy else 0.0)
    p = inner.person(min_year=1965, max_year=2002)
    header = [inner.mark_name(p, rng.choice(["full", "FULL_LAST", "LAST_first", "LAST"]))]
    items = [inner.address(multiline=rng.random() < 0.6), inner.phone(), inner.email(p),
             f"Né{p.e()} le {inner.date_of_birth(p)}" if rng.random() < 0.6 else f"{2026 - p.birth_year} ans",
             rng.choice(["Permis B", "Permis B – véhiculé" + p.e(), "Nationalité française", ""])]
    header += [i for i in items if i]
    if rng.random() < 0.3:
        header = [" | ".join(header)]
    jobs = [f"{rng.randint(2005, 2024)} – {rng.choice(['aujourd’hui', str(rng.randint(2010, 2025))])} : "
            f"{lx.title_case(rng.choice(lx.JOBS))}, {collectivite(rng)[0]}" for _ in range(rng.randint(2, 4))]
    body = ["", rng.choice(["EXPÉRIENCE PROFESSIONNELLE", "Expériences", "PARCOURS"])] + jobs + [
        "", "FORMATION", f"{rng.randint(1995, 2020)} : {rng.choice(['BTS Assistant de gestion', 'Licence AES', 'CAP Petite enfance', 'Master droit public', 'BPJEPS'])}, lycée {rng.choice(lx.STREET_NAMES[60:80])}",
        "", "CENTRES D'INTÉRÊT", rng.choice(["Randonnée, photographie, chorale", "Football en club, bénévolat",
                                              "Lecture, association sportive du quartier", "Cuisine, jardinage partagé"])]
    if rng.random() < 0.2:
        body.append(f"Informations complémentaires : {inner.health('disability')}")
    if rng.random() < 0.2:
        body.append(f"Références : {inner.name(inner.person(), 'full')}, ancien responsable – {inner.phone()}")
    text = "\n".join(header + body)
    return text


def certificat(v: Values) -> str:
    rng = v.rng
    doc, p = v.person(), v.person()
    city, code = v.commune()
    kind = rng.random()
    if kind < 0.5:
        lines = [f"Dr {v.name(doc, rng.choice(['full', 'FULL_LAST', 'last']))}", rng.choice(["Médecin généraliste", "Médecin du travail", "Psychiatre", "Rhumatologue", "Médecin agréé"]),
                 employer_address(v), f"RPPS {rng.randint(10000000000, 99999999999)}", "",
                 "CERTIFICAT MÉDICAL", "",
                 f"Je soussigné{doc.e()}, certifie avoir examiné ce jour {p.civility_long} {v.name(p, 'full')}, "
                 f"né{p.e()} le {v.date_of_birth(p)}, demeurant {v.address(multiline=False)}.",
                 f"Son état de santé ({v.health(rng.choice(['common', 'neuro', 'sensory']))}) nécessite un "
                 f"{v.health('leave')} de {rng.randint(3, 60)} jours.",
                 f"Fait à {city}, pour servir et valoir ce que de droit."]
    elif kind < 0.8:
        lines = [collectivite(rng)[0], "ATTESTATION EMPLOYEUR", "",
                 f"{rng.choice(lx.ELECTED_ROLES)} atteste que {p.civility_long} {v.name(p, rng.choice(['full', 'FULL_LAST']))}, "
                 f"matricule {v.agent_id()}, est employé{p.e()} en qualité de {rng.choice(lx.JOBS)} depuis le "
                 f"{rng.randint(1, 28)}/{rng.randint(1, 12):02d}/{rng.randint(2000, 2023)}.",
                 f"N° de sécurité sociale : {v.nir(p)}" if rng.random() < 0.5 else decoy_line(v),
                 "Attestation délivrée pour faire valoir ce que de droit.", "",
                 v.name(v.person(), "full")]
    else:
        lines = ["AVIS DU CONSEIL MÉDICAL DÉPARTEMENTAL", f"Séance du {rng.randint(1, 28)}/{rng.randint(1, 12):02d}/{rng.randint(2023, 2026)}",
                 f"Agent : {v.name(p, rng.choice(['LAST_first', 'FULL_LAST']))} – {rng.choice(lx.JOBS)}",
                 f"Collectivité : {collectivite(rng)[0]}",
                 f"Objet : {v.health('leave')}",
                 f"Avis : {v.health('committee')}", f"Pathologie : {v.health(rng.choice(['common', 'neuro']))}",
                 f"Rapporteur : Dr {v.name(doc, 'full')}"]
    return "\n".join(lines)


def notes_entretien(v: Values) -> str:
    rng = v.rng
    p, q = v.person(), v.person()
    lines = [rng.choice(["Entretien de recrutement", "Notes – entretien annuel", "Entretien de retour à l'emploi", "Jury du"])
             + f" – {rng.choice(lx.JOBS)}", f"Candidat{p.e()} : {v.name(p, rng.choice(['full', 'FULL_LAST', 'LAST_first']))}, "
             + v.postcode_city(), f"Jury : {v.name(q, 'full')}, {v.name(v.person(), 'full')}", ""]
    for _ in range(rng.randint(3, 6)):
        lines.append(rng.choice(["- ", "• ", ""]) + rng.choice([
            f"Expérience de {rng.randint(2, 15)} ans en collectivité, connaît bien le statut.",
            f"{rng.choice(['Elle', 'Il'])} évoque {rng.choice(['sa', 'une ancienne'])} {v.health(rng.choice(['common', 'disability', 'neuro']))}.",
            f"Disponible à partir de {rng.choice(['septembre', 'janvier', 'mars'])} ; joignable au {v.phone()}.",
            "Bonne connaissance des logiciels métiers, motivation claire.",
            f"Référence : {v.name(v.person(), 'full')} ({rng.choice(lx.JOBS)}).",
            decoy_line(v),
            f"A été {v.union(p)} dans son ancien poste." if rng.random() < 0.5 else "Savoir-être à confirmer.",
            f"{v.name(p, 'first')} souhaite un temps partiel pour s'occuper de sa fille {v.name(v.person(sex='f'), 'first')}.",
        ]))
    lines.append(rng.choice(["Avis : favorable", "Avis réservé", "Proposition : 2e entretien"]))
    return "\n".join(lines)


def tableau(v: Values) -> str:
    rng = v.rng
    piped = rng.random() < 0.5
    columns = rng.sample(["Matricule", "Nom", "Prénom", "Service", "Motif", "Téléphone", "Date de naissance", "Commune"], k=rng.randint(4, 6))
    if "Nom" not in columns:
        columns[0] = "Nom"
    rows = []
    for _ in range(rng.randint(3, 9)):
        p = v.person()
        cells = []
        for col in columns:
            cells.append({"Matricule": lambda: v.agent_id(), "Nom": lambda: v.name(p, rng.choice(["LAST", "last"])),
                          "Prénom": lambda: v.name(p, "first"), "Service": lambda: rng.choice(["Voirie", "Crèche", "État civil", "Finances", "Espaces verts"]),
                          "Motif": lambda: rng.choice([v.health(rng.choice(["leave", "common", "pregnancy"])), "Formation", "Congés annuels", "RTT", "ASA syndicale"]),
                          "Téléphone": lambda: v.phone(), "Date de naissance": lambda: v.date_of_birth(p),
                          "Commune": lambda: v.postcode_city()}[col]())
        rows.append(cells)
    sep = " | " if piped else "    "
    title = rng.choice(["Tableau des absences – semaine 12", "Liste des agents du service", "Planning astreintes", "Effectifs au 1er janvier"])
    out = [title, sep.join(columns)]
    if piped:
        out.append("|".join("---" for _ in columns))
    out += [sep.join(r) for r in rows]
    return "\n".join(out)


def sms_chat(v: Values) -> str:
    rng = v.rng
    low = Values(rng, lower=rng.random() < 0.6)
    lowercase = Values(rng, lower=True)
    a, b, c = low.person(), low.person(), low.person()
    lines = []
    layout = rng.choice(["stamp", "alone", "plain", "title"])
    if layout == "title":
        lines.append(f"{rng.choice(['Signal', 'WhatsApp', 'Teams', 'SMS'])} – {low.name(a, 'first')} ↔ {low.name(b, 'first')}")
    for _ in range(rng.randint(2, 6)):
        speaker = rng.choice([a, b])
        who = ""
        if layout == "stamp":
            who = f"[{rng.randint(7, 19)}:{rng.randint(10, 59)}] {low.name(speaker, 'first')} : "
        elif layout == "alone":
            lines.append(low.name(speaker, rng.choice(["first", "first", "full"])))
        msg = rng.choice([
            f"{low.name(c, 'first')} est pas là aujourd'hui, {low.health('common')}",
            f"jsuis en {low.health('leave')} jusqu'à vendredi",
            f"tu peux appeler {low.name(c, rng.choice(['first', 'full', 'last']))} au {low.phone()} stp",
            f"ok merci {low.name(b, 'first')}",
            f"elle m'a dit qu'elle était {low.health('pregnancy')}, garde ça pour toi",
            f"rdv avec {low.name(c, 'full')} de la {rng.choice(['cgt', 'cfdt', 'fo', 'unsa'])} demain" if rng.random() < 0.5
            else f"{low.name(c, 'first')} c'est le {low.union(c)} non ?",
            f"mon adresse c {low.address(multiline=False)}",
            "la réunion est décalée à 14h",
            f"envoie moi ça sur {low.email(a)}",
            f"{low.name(c, 'first')} a eu un {low.health('leave')} ce matin, {low.health('common')}",
            "ok ça marche 👍",
            f"c'est {lowercase.name(c, 'first')} qui fait la tournée avec {lowercase.name(v.person(), 'first')} demain",
            f"dis à {lowercase.name(c, 'first')} que {lowercase.name(b, 'first')} a appelé",
        ])
        lines.append(who + msg)
    return "\n".join(lines)


def lettre_usager(v: Values) -> str:
    rng = v.rng
    p = v.person()
    child = v.person(min_year=2010, max_year=2020)
    coll, city, _ = collectivite(rng)
    lines = [v.name(p, rng.choice(["full", "FULL_LAST"])), v.address(multiline=True), v.phone() if rng.random() < 0.6 else v.email(p),
             "", f"À l'attention de {rng.choice(['Monsieur le Maire', 'Madame la Maire', 'Monsieur le Président'])}", coll, "",
             f"Objet : {rng.choice(['réclamation', 'demande de logement', 'inscription cantine', 'nuisances', 'demande d aide'])}", "",
             rng.choice(["Monsieur le Maire,", "Madame,", "Bonjour,"])]
    body = [
        f"Mon fils {v.name(child, 'first')} est {v.health(rng.choice(['common', 'disability', 'neuro']))} et a besoin d'un accueil adapté à la cantine.",
        f"Je suis {v.health(rng.choice(['sensory', 'disability']))} et je ne peux pas me déplacer jusqu'à la mairie.",
        f"Mon voisin, {v.name(v.person(), 'civ_last')}, laisse ses poubelles devant chez moi.",
        decoy_line(v),
        f"Vous pouvez me joindre au {v.phone()} après 18 h.",
        f"Mon numéro d'allocataire et mon numéro de sécu : {v.nir(p, valid=rng.random() < 0.8)}.",
        "Je vous remercie par avance de l'attention portée à ma demande.",
    ]
    lines += rng.sample(body, k=rng.randint(2, 4))
    lines += ["", rng.choice(["Veuillez agréer, Monsieur le Maire, mes salutations respectueuses.", "Cordialement"]),
              v.name(p, rng.choice(["full", "last", "FULL_LAST"]))]
    return "\n".join(lines)


def fiche_signalement(v: Values) -> str:
    rng = v.rng
    p, w = v.person(), v.person()
    lines = [rng.choice(["FICHE DE SIGNALEMENT", "Registre santé et sécurité au travail – fiche n° " + str(rng.randint(1, 300)),
                         "Déclaration d'incident – agression d'un agent", "Signalement RPS"]),
             f"Agent concerné : {v.name(p, rng.choice(['full', 'FULL_LAST', 'LAST_first']))}",
             f"Service : {rng.choice(['Police municipale', 'Accueil', 'Restauration scolaire', 'Collecte', 'Crèche'])}",
             f"Date des faits : {rng.randint(1, 28)}/{rng.randint(1, 12):02d}/{rng.randint(2024, 2026)}", "",
             "Description :",
             rng.choice([f"Un usager a bousculé l'agent{p.e()}, qui a chuté : {v.health('common')}.",
                         f"L'agent{p.e()} décrit un {v.health('common')} lié à la charge de travail.",
                         f"Altercation avec {v.name(v.person(), 'civ_last')}, usager, domicilié {v.address(multiline=False)}."]),
             f"Témoin : {v.name(w, rng.choice(['full', 'civ_last']))}" + (f", joignable au {v.phone()}" if rng.random() < 0.5 else ""),
             f"Suites : {v.health('leave')}" if rng.random() < 0.6 else "Suites : aucune",
             decoy_line(v), f"Visa de l'assistant de prévention : {v.name(v.person(), 'initial')}"]
    return "\n".join(lines)


def deliberation(v: Values) -> str:
    rng = v.rng
    coll, city, _ = collectivite(rng)
    mayor = v.person()
    present = [v.person() for _ in range(rng.randint(4, 9))]
    lines = [f"EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS – {coll.upper()}",
             f"Séance du {rng.randint(1, 28)} {rng.choice(['février', 'mai', 'septembre'])} {rng.randint(2023, 2026)}",
             f"Délibération n° {rng.randint(2023, 2026)}-{rng.randint(1, 120):03d}", "",
             f"Présents : {', '.join(v.name(m, rng.choice(['full', 'civ_last', 'FULL_LAST'])) for m in present)}",
             f"Excusé{present[0].e()} : {v.name(present[0], 'civ_last')} (pouvoir à {v.name(present[1], 'civ_last')})",
             f"Secrétaire de séance : {v.name(present[-1], 'full')}", "",
             f"Objet : {rng.choice(['création d un poste de ' + rng.choice(lx.JOBS), 'mise à jour du RIFSEEP', 'ratios promus-promouvables', 'plan de formation', 'protection sociale complémentaire'])}",
             "", decoy_line(v), decoy_line(v),
             "Le conseil municipal, après en avoir délibéré, à l'unanimité, ADOPTE.",
             "", f"{rng.choice(lx.ELECTED_ROLES)}, {v.name(mayor, rng.choice(['full', 'FULL_LAST']))}"]
    return "\n".join(lines)


def lettre_motivation(v: Values) -> str:
    rng = v.rng
    p = v.person(min_year=1965, max_year=2002)
    coll, city, _ = collectivite(rng)
    lines = [v.name(p, rng.choice(["full", "FULL_LAST"])), v.address(multiline=rng.random() < 0.7), v.phone(), v.email(p), "",
             f"{' ' * rng.choice([0, 40])}{rng.choice(['Monsieur le Maire', 'Madame la Présidente'])}", f"{' ' * rng.choice([0, 40])}{coll}", "",
             f"Objet : candidature au poste de {rng.choice(lx.JOBS)}", ""]
    body = [f"Titulaire du grade de {rng.choice(lx.JOBS)}, j'exerce depuis {rng.randint(2, 15)} ans au sein de la {coll}.",
            f"{rng.choice(['Reconnue', 'Reconnu'])} {v.health('disability')}, je sollicite un aménagement de poste." if rng.random() < 0.3 else
            "Mon expérience m'a permis d'acquérir une solide connaissance des procédures.",
            f"Après un {v.health('leave')}, je souhaite donner un nouvel élan à ma carrière." if rng.random() < 0.3 else decoy_line(v),
            "Je me tiens à votre disposition pour un entretien."]
    lines += body + ["", "Veuillez agréer l'expression de mes salutations distinguées.", v.name(p, rng.choice(["full", "first", "FULL_LAST"]))]
    return "\n".join(lines)


def note_interne(v: Values) -> str:
    rng = v.rng
    a, b, c = v.person(), v.person(), v.person()
    lines = ["NOTE INTERNE", f"De : {v.name(a, 'full')}, {rng.choice(lx.JOBS)}", f"À : {v.name(b, 'full')}, DGS",
             f"Objet : {rng.choice(['situation de l agent', 'réorganisation du service', 'remplacement', 'planning estival'])}", ""]
    for _ in range(rng.randint(2, 4)):
        lines.append(rng.choice([
            health_sentence(v, c, v.name(c, rng.choice(["civ_last", "full"]))),
            union_sentence(v, c, v.name(c, rng.choice(["civ_last", "full"]))),
            decoy_line(v),
            f"Je propose que {v.name(c, 'full')} assure l'intérim ; {pronoun(c)} est joignable au {v.phone()}.",
            f"Le remplacement de {v.name(c, 'civ_last')} sera assuré par un contractuel.",
        ]))
    return "\n".join(lines)


GENRES = {"arrete": arrete, "courrier_rh": courrier_rh, "email": email, "compte_rendu": compte_rendu,
          "cv": cv, "certificat": certificat, "notes_entretien": notes_entretien, "tableau": tableau,
          "sms_chat": sms_chat, "lettre_usager": lettre_usager, "fiche_signalement": fiche_signalement,
          "deliberation": deliberation, "lettre_motivation": lettre_motivation, "note_interne": note_interne}


def generate(count: int, seed: int) -> str:
    """`count` documents in the inline markup, reproducible from `seed`."""
    rng = random.Random(seed)
    docs = []
    names = list(GENRES)
    for i in range(count):
        kind = names[i % len(names)]
        body = GENRES[kind](Values(rng))
        docs.append(f"=== gen-{seed}-{i:05d} {kind}\n{body}")
    return "\n".join(docs) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    args.out.write_text(generate(args.count, args.seed), encoding="utf-8")


if __name__ == "__main__":
    main()

"""Recruitment through HTTP, as recruiters, jury members and the DPO use it."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from sqlalchemy import select

from collectivia.core.models import AuditEvent
from collectivia.core.roles import Role
from collectivia.recruitment.models import Candidate, Posting, Screening
from support import after_jobs, csrf_of, text_of

CV = """{name}
5 rue des Écoles, 33000 Bordeaux
Tél. : 06 39 98 00 11 | contact@example.org

EXPÉRIENCE PROFESSIONNELLE
03/2018 - 08/2025 : Gestionnaire de paie - Mairie de Cenon
- Calcul et contrôle de la paie de 300 agents sous CIRIL RH
- Tableaux de suivi sous Excel (TCD, RECHERCHEV)

FORMATION
2010 : Baccalauréat ES - Lycée Montaigne
"""


def _demo_posting(session) -> Posting:
    return session.execute(select(Posting).where(Posting.reference == "REC-DEMO-001")).scalar_one()


def _pdf(pages: int = 1, password: str = "") -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if password:
        writer.encrypt(password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _docx_with_macros(text: str) -> bytes:
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr("word/vbaProject.bin", b"\x00macro")
    return out.getvalue()


def _zip(files: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_recruiter_creates_a_posting_with_the_mandatory_mentions(client, login):
    login(client, Role.RECRUTEUR)
    token = csrf_of(client, "/recrutement/offres/nouvelle")
    response = client.post("/recrutement/offres", data={
        "csrf_token": token, "intitule": "Instructeur des autorisations d'urbanisme",
        "cadre_emplois": "Techniciens territoriaux", "categorie": "B", "filiere": "technique",
        "missions": "Instruire les permis de construire\nConseiller les pétitionnaires",
        "criteres_obligatoires": "Expérience en urbanisme d'au moins 2 ans\nPermis B",
        "criteres_souhaites": "Pratique d'un logiciel d'urbanisme", "ouvert_contractuels": "oui",
        "fondement": "L332-8-2", "date_limite": "2026-12-31"}, follow_redirects=True)
    assert response.status_code == 200
    page = text_of(response)
    for mention in ("L332-8 2° du CGFP", "RIFSEEP", "Date limite de candidature : 31/12/2026",
                    "référent handicap", "Données personnelles", "Utilisation de l'intelligence artificielle"):
        assert mention.lower() in page.lower(), mention
    posting_id = int(re.search(r"/recrutement/offres/(\d+)/offre.txt", page).group(1))
    txt = client.get(f"/recrutement/offres/{posting_id}/offre.txt")
    assert txt.status_code == 200 and "QUI PEUT CANDIDATER" in txt.text
    pdf = client.get(f"/recrutement/offres/{posting_id}/offre.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_posting_form_errors_keep_the_input(client, login):
    login(client, Role.GESTIONNAIRE_RH)
    token = csrf_of(client, "/recrutement/offres/nouvelle")
    response = client.post("/recrutement/offres", data={"csrf_token": token, "intitule": "Jardinier",
                                                        "criteres_obligatoires": ""})
    assert response.status_code == 422
    assert "au moins un critère obligatoire" in text_of(response)
    assert 'value="Jardinier"' in response.text


def test_a_bad_file_never_spoils_the_batch(client, login, demo_database):
    login(client, Role.RECRUTEUR)
    with demo_database.session() as session:
        posting_id = _demo_posting(session).id
    token = csrf_of(client, f"/recrutement/offres/{posting_id}")
    bomb = _zip({"bombe.txt": b"0" * 20_000_000})
    batch = _zip({"a.txt": CV.format(name="Alice ALPHA").encode(),
                  "b.txt": CV.format(name="Bruno BETA").encode()})
    files = [
        ("fichiers", ("cv-texte.txt", CV.format(name="Chloé GAMMA").encode(), "text/plain")),
        ("fichiers", ("lot.zip", batch, "application/zip")),
        ("fichiers", ("scan.pdf", _pdf(1), "application/pdf")),
        ("fichiers", ("protege.pdf", _pdf(1, "secret"), "application/pdf")),
        ("fichiers", ("cent-pages.pdf", _pdf(100), "application/pdf")),
        ("fichiers", ("bombe.zip", bomb, "application/zip")),
        ("fichiers", ("macros.docx", _docx_with_macros(CV.format(name="Denis DELTA")),
                      "application/vnd.openxmlformats-officedocument.wordprocessingml.document")),
    ]
    response = client.post(f"/recrutement/offres/{posting_id}/candidatures",
                           data={"csrf_token": token}, files=files, follow_redirects=True)
    page = text_of(after_jobs(client, response, demo_database))
    assert "Terminé" in page and "4 candidatures enregistrées" in page
    assert "4 fichiers refusés" in page
    assert "pas de couche texte" in page
    assert "mot de passe" in page
    assert "100 pages" in page
    assert "archive piégée" in page
    assert "macros" in page
    with demo_database.session() as session:
        added = session.execute(select(Candidate).where(Candidate.posting_id == posting_id,
                                                        Candidate.source_filename.in_(
                                                            ["a.txt", "b.txt", "cv-texte.txt", "macros.docx"]))
                                ).scalars().all()
        assert len(added) == 4
        assert all(c.latest_screening.group == "B" for c in added)   # statut FPT not evidenced
        assert all(c.documents for c in added)


def _candidate_id(demo_database, filename="cv-01.txt") -> int:
    with demo_database.session() as session:
        return session.execute(select(Candidate.id).where(Candidate.source_filename == filename)).scalar_one()


def test_jury_sees_the_anonymous_cv_and_cannot_decide(client, login, demo_database):
    candidate_id = _candidate_id(demo_database)
    with demo_database.session() as session:
        name_line = session.get(Candidate, candidate_id).cv_text.splitlines()[4]  # "Nom : GRONDIN"
    login(client, Role.MEMBRE_JURY)
    page = client.get(f"/recrutement/candidatures/{candidate_id}?original=1")
    assert page.status_code == 200
    body = text_of(page)
    assert "CV anonyme" in body and "GRONDIN" not in body and name_line not in body
    assert "CV anonymisé" in body
    assert page.text.count('<q class="evidence">') >= 4   # the criteria are still quoted, anonymously
    assert "Enregistrer la décision" not in body
    token = csrf_of(client, f"/recrutement/candidatures/{candidate_id}")
    refused = client.post(f"/recrutement/candidatures/{candidate_id}/decision",
                          data={"csrf_token": token, "etape": "non retenu",
                                "justification": "Je ne suis pas autorisé à décider."})
    assert refused.status_code == 403


def test_jury_sees_the_comparison_table_without_names(client, login, demo_database):
    with demo_database.session() as session:
        posting_id = _demo_posting(session).id
    login(client, Role.MEMBRE_JURY)
    page = text_of(client.get(f"/recrutement/offres/{posting_id}"))
    assert "Tableau comparatif" in page and "Groupe A" in page
    assert "cv-01.txt" not in page and "Déposer des candidatures" not in page


def test_a_decision_needs_a_named_person_and_a_justification(client, login, demo_database):
    candidate_id = _candidate_id(demo_database, "cv-04.txt")
    login(client, Role.RECRUTEUR)
    token = csrf_of(client, f"/recrutement/candidatures/{candidate_id}")
    empty = client.post(f"/recrutement/candidatures/{candidate_id}/decision",
                        data={"csrf_token": token, "etape": "non retenu", "justification": "Groupe C"},
                        follow_redirects=True)
    assert "justification écrite" in text_of(empty)
    done = client.post(f"/recrutement/candidatures/{candidate_id}/decision", data={
        "csrf_token": token, "etape": "non retenu",
        "criteres": ["Expérience en paie d'au moins 2 ans", "Diplôme de niveau 4 (baccalauréat) minimum"],
        "justification": "Pas d'expérience de paie ni de baccalauréat obtenu (critères 1 et 5)."},
        follow_redirects=True)
    assert "Décision enregistrée : non retenu" in text_of(done)
    assert "Julien Moreau" in text_of(done)
    with demo_database.session() as session:
        assert session.get(Candidate, candidate_id).stage == "non retenu"
        event = session.execute(select(AuditEvent).where(AuditEvent.action == "recruitment.decision")
                                .order_by(AuditEvent.id.desc())).scalars().first()
        assert event.actor.startswith("Julien Moreau") and "Pas d'expérience" not in event.details


def test_recruiter_corrects_an_ai_result_with_a_reason(client, login, demo_database):
    candidate_id = _candidate_id(demo_database, "cv-07.txt")   # group B: "Excel : notions"
    login(client, Role.GESTIONNAIRE_RH)
    page = text_of(client.get(f"/recrutement/candidatures/{candidate_id}"))
    assert "Groupe B" in page and "Questions d'entretien suggérées" in page
    token = csrf_of(client, f"/recrutement/candidatures/{candidate_id}")
    criterion = "Maîtrise d'Excel (formules, tableaux croisés dynamiques)"
    response = client.post(f"/recrutement/candidatures/{candidate_id}/corrections", data={
        "csrf_token": token, "critere": criterion, "statut": "rempli",
        "raison": "Test Excel réussi lors de la présélection téléphonique."}, follow_redirects=True)
    page = text_of(response)
    assert "Correction enregistrée" in page
    assert "proposition IA : non rempli" in page and "Groupe A" in page


def test_dpo_reads_the_ai_act_file_with_the_bias_audit(client, login, demo_database):
    with demo_database.session() as session:
        posting_id = _demo_posting(session).id
    login(client, Role.DPO)
    page = text_of(client.get(f"/recrutement/offres/{posting_id}", follow_redirects=True))
    assert "Dossier AI Act" in page and "annexe III" in page
    assert "Ratio des quatre cinquièmes" in page
    assert "aucune différence" in page          # counterfactual twins: identical results
    assert "6 mois" in page
    assert "supprimées 24 mois après la clôture de l'offre" in page
    assert "sur le groupe, le score ou la proposition de l'outil est refusée" in page


def test_dashboard_exports(client, login):
    login(client, Role.GESTIONNAIRE_RH)
    page = text_of(client.get("/recrutement/tableau-de-bord"))
    assert "Offres ouvertes" in page and "REC-DEMO-001" in page
    assert "Audit de biais de l" in page and "Sexe — étape « pré-sélection » atteinte" in page
    csv = client.get("/recrutement/tableau-de-bord.csv")
    assert csv.status_code == 200 and "Candidatures" in csv.text and "REC-DEMO-001" in csv.text
    xlsx = client.get("/recrutement/tableau-de-bord.xlsx")
    assert xlsx.status_code == 200 and xlsx.content.startswith(b"PK")


def test_agents_cannot_open_postings_or_candidates(client, login, demo_database):
    candidate_id = _candidate_id(demo_database)
    login(client, Role.AGENT)
    assert client.get(f"/recrutement/candidatures/{candidate_id}").status_code == 403
    assert client.get("/recrutement/offres/1").status_code == 403


# ---- going through a posting's candidatures one by one --------------------------------------------

def _table_order(client, demo_database) -> list[int]:
    """The demo posting's candidatures (ids) in the order its comparison table lists them."""
    with demo_database.session() as session:
        posting_id = _demo_posting(session).id
    html = client.get(f"/recrutement/offres/{posting_id}").text
    return [int(i) for i in re.findall(r'<th scope="row"><a href="/recrutement/candidatures/(\d+)"', html)]


def _previous_and_next(html: str) -> dict[str, int]:
    """Where the page's « Candidature précédente » (prev) and « suivante » (next) links lead."""
    return {rel: int(i) for i, rel in re.findall(
        r'<a href="/recrutement/candidatures/(\d+)" rel="(prev|next)">Candidature (?:précédente|suivante)</a>',
        html)}


def _expected_neighbours(order: list[int], index: int) -> dict[str, int]:
    return ({"prev": order[index - 1]} if index > 0 else {}) | (
        {"next": order[index + 1]} if index + 1 < len(order) else {})


def test_previous_and_next_follow_the_comparison_table_and_stop_at_its_ends(
        client, login, demo_database):
    login(client, Role.RECRUTEUR)
    order = _table_order(client, demo_database)
    assert len(order) == 8 and order != sorted(order)     # by proposed group, not by number
    for index, candidate_id in enumerate(order):
        page = client.get(f"/recrutement/candidatures/{candidate_id}")
        assert f"Candidature {index + 1} sur 8 dans l'ordre du tableau comparatif" in text_of(page)
        assert _previous_and_next(page.text) == _expected_neighbours(order, index)
    first, last = (text_of(client.get(f"/recrutement/candidatures/{i}")) for i in (order[0], order[-1]))
    assert "Candidature précédente" not in first and "Candidature suivante" in first
    assert "Candidature suivante" not in last and "Candidature précédente" in last


def test_a_correction_that_changes_the_group_moves_the_candidature_in_both_pages(
        client, login, demo_database):
    candidate_id = _candidate_id(demo_database, "cv-07.txt")   # group B: "Excel : notions"
    login(client, Role.GESTIONNAIRE_RH)
    before = _table_order(client, demo_database)
    client.post(f"/recrutement/candidatures/{candidate_id}/corrections", data={
        "csrf_token": csrf_of(client, "/recrutement"), "statut": "rempli",
        "critere": "Maîtrise d'Excel (formules, tableaux croisés dynamiques)",
        "raison": "Test Excel réussi lors de la présélection téléphonique."})
    after = _table_order(client, demo_database)
    assert after.index(candidate_id) < before.index(candidate_id)      # now among the A group
    page = client.get(f"/recrutement/candidatures/{candidate_id}")
    index = after.index(candidate_id)
    assert f"Candidature {index + 1} sur 8" in text_of(page)
    assert _previous_and_next(page.text) == _expected_neighbours(after, index)


def test_the_jury_goes_through_the_same_candidatures_in_the_same_order(
        client, login, demo_database):
    login(client, Role.MEMBRE_JURY)
    order = _table_order(client, demo_database)
    page = client.get(f"/recrutement/candidatures/{order[1]}")
    assert "Candidature 2 sur 8" in text_of(page)
    assert _previous_and_next(page.text) == {"prev": order[0], "next": order[2]}


def _posting_with_one_candidature(demo_database) -> int:
    """Another posting, holding a single screened candidature; its id."""
    with demo_database.session() as session:
        demo = _demo_posting(session)
        other = Posting(reference="REC-AUTRE-001", intitule="Jardinier", required_json=demo.required_json)
        session.add(other)
        session.flush()
        candidate = Candidate(posting_id=other.id, label="Candidature n° 1", cv_text="Jardinier depuis 2015")
        session.add(candidate)
        session.flush()
        session.add(Screening(candidate_id=candidate.id, group="C"))
        session.commit()
        return candidate.id


def test_a_candidature_of_another_posting_is_never_linked_nor_counted(client, login, demo_database):
    alone = _posting_with_one_candidature(demo_database)
    login(client, Role.RECRUTEUR)
    order = _table_order(client, demo_database)
    for candidate_id in order:
        page = client.get(f"/recrutement/candidatures/{candidate_id}")
        assert alone not in _previous_and_next(page.text).values() and "sur 8" in text_of(page)
    single = text_of(client.get(f"/recrutement/candidatures/{alone}"))
    assert "Candidature précédente" not in single and "Candidature suivante" not in single
    assert "dans l'ordre du tableau comparatif" not in single    # alone: nothing to go through


def test_an_erased_candidature_is_skipped_and_no_longer_counted(client, login, demo_database):
    login(client, Role.RECRUTEUR)
    order = _table_order(client, demo_database)
    client.post(f"/recrutement/candidatures/{order[1]}/effacement", data={
        "csrf_token": csrf_of(client, "/recrutement"), "demande_confirmee": "oui"})
    page = client.get(f"/recrutement/candidatures/{order[0]}")
    assert "Candidature 1 sur 7" in text_of(page)
    assert _previous_and_next(page.text) == {"next": order[2]}


@pytest.mark.parametrize("role", [Role.AGENT, Role.DPO, Role.ADMIN, Role.REFERENT_IA,
                                  Role.REPRESENTANT_PERSONNEL], ids=str)
def test_who_may_not_open_a_candidature_gets_no_link_to_any_nor_learns_one_exists(
        client, login, demo_database, role):
    existing = _candidate_id(demo_database)
    with demo_database.session() as session:
        missing = max(session.execute(select(Candidate.id)).scalars()) + 1
    login(client, role)
    refused = client.get(f"/recrutement/candidatures/{existing}")
    assert refused.status_code == 403
    assert "/recrutement/candidatures/" not in refused.text and "sur 8" not in text_of(refused)
    # the same answer, word for word, as for a candidature that does not exist
    unknown = client.get(f"/recrutement/candidatures/{missing}")
    assert (unknown.status_code, unknown.text) == (403, refused.text)


def test_each_quote_points_at_the_cv_line_it_was_taken_from(client, login, demo_database):
    """cv-05 is a table: the anonymous CV drops its leading « | » and writes « contractuel·le »
    where the original, which the demo screening quoted, says « contractuelle »."""
    from rapidfuzz import fuzz

    candidate_id = _candidate_id(demo_database, "cv-05.txt")
    login(client, Role.RECRUTEUR)
    html = text_of(client.get(f"/recrutement/candidatures/{candidate_id}"))
    quotes = re.findall(r'<q class="evidence">(.*?)</q>(?:<br>| \()<a href="#cv-ligne-(\d+)"', html)
    assert len(quotes) == html.count('<q class="evidence">') >= 4    # every quote has its line
    lines = re.search(r'<pre class="cv-text">(.*?)</pre>', html, flags=re.S).group(1).split("\n")
    for quote, number in quotes:
        line = lines[int(number) - 1]
        assert line.startswith(f'<mark id="cv-ligne-{number}"'), line       # marked in the CV
        assert fuzz.ratio(quote.strip(), re.sub(r"<[^>]+>", "", line).strip()) >= 85, (quote, line)

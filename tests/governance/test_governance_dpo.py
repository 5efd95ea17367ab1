"""The DPO's tools: the art. 30 register generated from the modules, and versioned impact assessments."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest

from collectivia.core.errors import Forbidden
from collectivia.core.models import AuditEvent
from collectivia.core.roles import Role
from collectivia.core.users import find_by_login
from collectivia.governance import dpia, processing
from collectivia.governance.models import UseCase
from support import csrf_of, text_of


def _odt_text(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as odt:
        assert odt.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        return odt.read("content.xml").decode("utf-8")


def test_the_register_lists_the_installed_modules_with_their_real_retention(session, settings):
    dpo = find_by_login(session, "dpo")
    register = {e.processing.key: e for e in processing.entries(session, dpo, settings)}
    assert {"comptes", "assistant", "passerelle", "questions_rh", "recrutement", "cartographie",
            "gouvernance"} <= set(register)
    assert f"{settings.recruitment_retention_months} mois" in register["recrutement"].values["conservation"]
    assert f"{settings.assistant_retention_days} jours" in register["assistant"].values["conservation"]
    assert "hors de l'Union" in register["assistant"].values["transferts"]
    assert "pseudonymisation" in register["assistant"].values["securite"]
    assert processing.uncatalogued_packages() == []


def test_the_dpo_override_is_kept_and_an_emptied_field_returns_to_the_generated_text(session, settings):
    dpo = find_by_login(session, "dpo")
    processing.save_overrides(session, dpo, settings, "questions_rh",
                              {"conservation": "Questions : 12 mois après la réponse."})
    entry = processing.entry(session, dpo, settings, "questions_rh")
    assert entry.values["conservation"] == "Questions : 12 mois après la réponse."
    assert entry.values["finalite"] == entry.generated["finalite"]
    processing.save_overrides(session, dpo, settings, "questions_rh", {"conservation": ""})
    assert processing.entry(session, dpo, settings, "questions_rh").overrides == {}


@pytest.mark.parametrize("role", [Role.AGENT, Role.RECRUTEUR, Role.REPRESENTANT_PERSONNEL])
def test_other_roles_can_read_neither_the_register_nor_the_assessments(session, settings, role):
    user = next(u for u in [find_by_login(session, login) for login in
                            ("agent", "recruteur", "representant")] if u.role == role)
    with pytest.raises(Forbidden):
        processing.entries(session, user, settings)
    with pytest.raises(Forbidden):
        dpia.latest_by_use_case(session, user)


def test_the_referent_reads_but_cannot_write(session, settings):
    referent = find_by_login(session, "referent")
    assert processing.entries(session, referent, settings)
    with pytest.raises(Forbidden):
        processing.save_overrides(session, referent, settings, "assistant", {"finalite": "x"})
    use_case = session.query(UseCase).first()
    with pytest.raises(Forbidden):
        dpia.save(session, referent, use_case.id, {})


def test_the_register_exports_as_csv_and_odt(client, login):
    login(client, Role.DPO)
    exported = client.get("/gouvernance/traitements.csv")
    rows = list(csv.reader(io.StringIO(exported.text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:3] == ["traitement", "module", "en_service"]
    assert any(r[0] == "Aide au recrutement" and "24 mois" in r[8] for r in rows[1:])
    odt = client.get("/gouvernance/traitements.odt")
    assert odt.headers["content-type"] == "application/vnd.oasis.opendocument.text"
    content = _odt_text(odt.content)
    assert "Registre des activités de traitement" in content and "Aide au recrutement" in content


def test_the_dpo_completes_the_register_on_the_web_and_a_too_long_text_loses_nothing(client, login):
    login(client, Role.DPO)
    token = csrf_of(client, "/gouvernance/traitements/assistant")
    saved = client.post("/gouvernance/traitements/assistant",
                        data={"csrf_token": token, "destinataires": "L'agent ; le DPO sur demande."})
    assert "L'agent ; le DPO sur demande." in text_of(saved) and "complété par le DPO" in text_of(saved)
    refused = client.post("/gouvernance/traitements/assistant",
                          data={"csrf_token": token, "destinataires": "x" * 6000})
    assert refused.status_code == 422 and "dépasse 5000 caractères" in text_of(refused)
    assert "L'agent ; le DPO sur demande." in text_of(client.get("/gouvernance/traitements"))


@pytest.mark.parametrize("role,status", [(Role.DPO, 200), (Role.REFERENT_IA, 200), (Role.ADMIN, 200),
                                         (Role.AGENT, 403), (Role.GESTIONNAIRE_RH, 403)])
def test_role_matrix_of_the_dpo_pages(client, login, role, status):
    login(client, role)
    assert client.get("/gouvernance/traitements").status_code == status
    assert client.get("/gouvernance/aipd").status_code == status


def test_a_new_assessment_is_prefilled_from_the_recruitment_file(session, settings):
    dpo = find_by_login(session, "dpo")
    use_case = session.query(UseCase).filter_by(platform_module="recruitment").first()
    if use_case is None:
        use_case = session.query(UseCase).first()
        use_case.platform_module = "recruitment"
        session.flush()
    draft = dpia.draft(session, dpo, settings, use_case.id)
    assert use_case.title in draft["contexte_description"]
    assert f"{settings.recruitment_retention_months} mois" in draft["contexte_donnees"]
    assert "art. 22" in draft["contexte_processus"]


def test_an_assessment_is_versioned_and_exported_with_its_risk_scales(client, login, session):
    use_case_id = session.query(UseCase).first().id
    session.rollback()  # SQLite: free the database for the web requests below
    login(client, Role.DPO)
    page = f"/gouvernance/cas-usage/{use_case_id}/aipd"
    token = csrf_of(client, page + "/modifier")
    first = client.post(page, data={"csrf_token": token, "contexte_description": "Première rédaction",
                                    "risque_acces_illegitime_vraisemblance": "2"})
    assert "version 1" in text_of(first)
    bad = client.post(page, data={"csrf_token": token, "contexte_description": "Ne doit pas rester",
                                  "risque_disparition_gravite": "7", "decision": "validee"})
    assert bad.status_code == 422
    assert "Choisissez un niveau de l'échelle : 1 (négligeable) à 4 (maximale)." in text_of(bad)
    assert "Une analyse validée porte l'avis du DPO." in text_of(bad)
    assert 'aria-describedby="erreur-avis_dpo"' in bad.text and "Ne doit pas rester" in bad.text
    form = {"csrf_token": token, "contexte_description": "Seconde rédaction", "avis_dpo": "Favorable.",
            "decision": "validee", "plan_action": "Revue annuelle."}
    for risk in dpia.RISKS:
        form[dpia.risk_field(risk, "vraisemblance")] = "2"
        form[dpia.risk_field(risk, "gravite")] = "3"
    second = client.post(page, data=form)
    assert "version 2" in text_of(second) and "Validée" in text_of(second)
    assert "Première rédaction" in text_of(client.get(page + "?version=1"))
    odt = _odt_text(client.get(page + ".odt").content)
    assert "Seconde rédaction" in odt and "3 – Importante" in odt and "2 – Limitée" in odt
    pdf = client.get(page + ".pdf?version=1")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    login(client, Role.REFERENT_IA)
    assert client.get(page).status_code == 200
    assert client.get(page + "/modifier").status_code == 403
    assert client.post(page, data={"csrf_token": csrf_of(client, "/")}).status_code == 403


def test_every_save_and_export_is_audited(client, login, session):
    use_case_id = session.query(UseCase).first().id
    session.rollback()  # SQLite: free the database for the web requests below
    login(client, Role.DPO)
    page = f"/gouvernance/cas-usage/{use_case_id}/aipd"
    client.post(page, data={"csrf_token": csrf_of(client, page + "/modifier"), "plan_action": "A"})
    client.get(page + ".odt")
    client.get("/gouvernance/traitements.odt")
    session.expire_all()
    actions = [(e.action, e.object_id) for e in session.query(AuditEvent).all()]
    assert ("governance.dpia_save", str(use_case_id)) in actions
    assert ("export", f"aipd-cas-usage-{use_case_id}-v1.odt") in actions
    assert ("export", "registre-des-traitements.odt") in actions


@pytest.mark.db
def test_two_saves_at_once_number_their_versions_in_turn(demo_database, settings):
    """The use case's row is locked while its next version number is chosen."""
    import threading

    barrier, saved = threading.Barrier(2), []
    with demo_database.session() as session:
        dpo_id = find_by_login(session, "dpo").id
        use_case_id = session.query(UseCase).first().id
        form = {k: str(v) for k, v in dpia.draft(session, find_by_login(session, "dpo"), settings,
                                                 use_case_id).items()}

    def save() -> None:
        from collectivia.core.models import User

        barrier.wait()
        with demo_database.session() as session:
            saved.append(dpia.save(session, session.get(User, dpo_id), use_case_id, form).version)

    threads = [threading.Thread(target=save) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(saved)[1] == sorted(saved)[0] + 1

"""Model backends declared from the « Modèles de langage » admin page: stored with their key
encrypted, checked against a real loopback server, opened to chosen roles, and used by the
assistant and the OpenAI-compatible gateway of every process without restart."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from collectivia.core.db import Database
from collectivia.core.models import AuditEvent
from collectivia.core.roles import Role
from collectivia.llm import catalog, get_router
from collectivia.llm.models import ModelBackend, UsageRecord
from support import csrf_of, text_of

KEY = "sk-tres-secret-4242"


def form(upstream, *, name="albert", key=KEY, models=None, **fields) -> dict:
    """The add/edit form as an admin fills it: one model per entry of `models`."""
    models = models or [{"alias": "redaction", "model": "principal-model"}]
    data = {"nom": name, "type": "openai", "adresse": upstream.base_url, "chemin": "",
            "cle_api": key, "delai": "2", "delai_connexion": "1", "lignes": str(len(models))}
    for i, model in enumerate(models):
        data |= {f"alias_{i}": model["alias"], f"amont_{i}": model.get("model", ""),
                 f"contexte_{i}": model.get("context", "8192"), f"params_{i}": "8",
                 f"prix_entree_{i}": "0,5", f"prix_sortie_{i}": "1,5"}
        if model.get("roles"):
            data[f"roles_{i}"] = model["roles"]
        if model.get("kind"):
            data[f"nature_{i}"] = model["kind"]
    return data | fields


def declare(client, upstream, **kwargs):
    data = form(upstream, **kwargs) | {"csrf_token": csrf_of(client, "/admin/modeles")}
    return client.post("/admin/modeles", data=data, follow_redirects=False)


def stored(database, name="albert") -> ModelBackend:
    with database.session() as session:
        return session.execute(select(ModelBackend).where(ModelBackend.name == name)).scalar_one()


def audit_actions(database) -> list[str]:
    with database.session() as session:
        return [a for a in session.execute(select(AuditEvent.action).where(
            AuditEvent.action.like("llm.moteur.%")).order_by(AuditEvent.id)).scalars()]


def api_token(client, login, role) -> str:
    login(client, role)
    page = client.post("/profil/jetons", data={"csrf_token": csrf_of(client, "/profil"),
                                               "nom": "script"})
    value = page.text.split('id="nouveau-jeton" class="token-value" value="')[1].split('"')[0]
    client.cookies.clear()
    return value


def test_the_admin_declares_a_backend_and_agents_draft_with_it(
        client, login, upstream, demo_database, settings):
    login(client, Role.ADMIN)
    assert declare(client, upstream).status_code == 303
    page = text_of(client.get("/admin/modeles"))
    assert "albert" in page and "clé enregistrée" in page and KEY not in page
    row = stored(demo_database)
    assert row.api_key_encrypted and KEY not in row.api_key_encrypted
    assert catalog.decrypt_key(settings, row.api_key_encrypted) == KEY
    assert audit_actions(demo_database) == ["llm.moteur.creation"]
    client.cookies.clear()
    login(client, Role.AGENT)
    answer = client.post("/assistant", data={"csrf_token": csrf_of(client, "/assistant"),
                                             "message": "Rédige une annonce.", "tache": "libre"},
                         files={"piece_jointe": ("", b"")}, follow_redirects=False)
    assert answer.status_code == 303
    assert upstream.requests[-1]["model"] == "principal-model"


def test_the_key_is_never_shown_back_and_is_kept_unless_replaced(
        client, login, upstream, demo_database, settings):
    login(client, Role.ADMIN)
    declare(client, upstream)
    backend_id = stored(demo_database).id
    edit = text_of(client.get(f"/admin/modeles/{backend_id}"))
    assert "Clé enregistrée (chiffrée, jamais réaffichée)" in edit and KEY not in edit
    data = form(upstream, key="", delai="30") | {"csrf_token": csrf_of(client, "/admin/modeles")}
    assert client.post(f"/admin/modeles/{backend_id}", data=data,
                       follow_redirects=False).status_code == 303
    row = stored(demo_database)
    assert row.timeout == 30 and catalog.decrypt_key(settings, row.api_key_encrypted) == KEY
    data = form(upstream, key="sk-nouvelle") | {"csrf_token": csrf_of(client, "/admin/modeles")}
    client.post(f"/admin/modeles/{backend_id}", data=data)
    assert catalog.decrypt_key(settings, stored(demo_database).api_key_encrypted) == "sk-nouvelle"
    assert "sk-nouvelle" not in client.get(f"/admin/modeles/{backend_id}").text
    assert audit_actions(demo_database) == ["llm.moteur.creation", "llm.moteur.modification",
                                            "llm.moteur.modification"]


def test_the_stored_key_is_never_sent_to_a_new_address_unless_typed_again(
        client, login, upstream, demo_database, settings):
    login(client, Role.ADMIN)
    declare(client, upstream)
    backend_id = stored(demo_database).id
    moved = form(upstream, key="", adresse="http://127.0.0.1:9/v1") | {
        "csrf_token": csrf_of(client, "/admin/modeles")}
    page = client.post(f"/admin/modeles/{backend_id}", data=moved, follow_redirects=False)
    assert page.status_code == 422 and "ressaisissez sa clé" in text_of(page)
    assert stored(demo_database).base_url == upstream.base_url


def test_wrong_input_is_explained_field_by_field_and_nothing_saved_is_lost(
        client, login, upstream, demo_database):
    login(client, Role.ADMIN)
    declare(client, upstream)
    backend_id = stored(demo_database).id
    data = form(upstream, adresse="albert.example", delai="vite",
                models=[{"alias": "", "model": "x", "context": "beaucoup"}],
                ) | {"csrf_token": csrf_of(client, "/admin/modeles")}
    page = client.post(f"/admin/modeles/{backend_id}", data=data)
    assert page.status_code == 422
    text = text_of(page)
    assert "indiquez son adresse complète" in text
    assert "Le délai de réponse doit être un nombre." in text
    assert "Modèle 1 : l'alias est obligatoire" in text
    assert "Modèle 1 : la fenêtre de contexte doit être un nombre entier." in text
    assert 'aria-invalid="true" aria-describedby="erreur-adresse"' in page.text
    assert 'value="albert.example"' in page.text and KEY not in page.text  # typed input kept
    row = stored(demo_database)
    assert row.base_url == upstream.base_url and row.timeout == 2
    assert [m.alias for m in catalog.models_of(row)] == ["redaction"]


def test_a_disabled_then_deleted_backend_leaves_every_process(
        client, login, upstream, demo_database, settings):
    login(client, Role.ADMIN)
    declare(client, upstream)
    other_process = Database(demo_database.url)   # another worker's own engine and cache
    assert [m.alias for m in get_router(settings, other_process).models()] == ["redaction"]
    backend_id = stored(demo_database).id
    client.post(f"/admin/modeles/{backend_id}/desactiver",
                data={"csrf_token": csrf_of(client, "/admin/modeles")})
    assert not get_router(settings, other_process).available
    assert "désactivé" in text_of(client.get("/admin/modeles"))
    client.post(f"/admin/modeles/{backend_id}/activer",
                data={"csrf_token": csrf_of(client, "/admin/modeles")})
    assert get_router(settings, other_process).available
    client.post(f"/admin/modeles/{backend_id}/supprimer",
                data={"csrf_token": csrf_of(client, "/admin/modeles")})
    assert not get_router(settings, other_process).available
    other_process.dispose()
    assert audit_actions(demo_database)[1:] == ["llm.moteur.desactivation",
                                                "llm.moteur.activation", "llm.moteur.suppression"]


def test_verify_asks_the_server_for_its_models(client, login, upstream, demo_database):
    login(client, Role.ADMIN)
    declare(client, upstream, models=[{"alias": "redaction", "model": "principal-model"},
                                      {"alias": "gros", "model": "modele-absent"}])
    backend_id = stored(demo_database).id
    page = text_of(client.post(f"/admin/modeles/{backend_id}/verifier",
                               data={"csrf_token": csrf_of(client, "/admin/modeles")}))
    assert "Le serveur répond, mais 1 modèle(s) déclaré(s) n'y figurent pas." in page
    assert "« redaction » (modèle principal-model) : proposé par le serveur." in page
    assert "« gros » (modèle modele-absent) : absent de la liste du serveur." in page
    upstream.stop()
    page = text_of(client.post(f"/admin/modeles/{backend_id}/verifier",
                               data={"csrf_token": csrf_of(client, "/admin/modeles")}))
    assert "est injoignable" in page
    assert audit_actions(demo_database)[1:] == ["llm.moteur.verification"] * 2


def test_verify_a_local_file(client, login, demo_database, tmp_path):
    login(client, Role.ADMIN)
    gguf = tmp_path / "petit.gguf"
    data = {"csrf_token": csrf_of(client, "/admin/modeles"), "nom": "local", "type": "llamacpp",
            "chemin": str(gguf), "delai": "60", "delai_connexion": "5", "lignes": "1",
            "alias_0": "local", "contexte_0": "2048"}
    assert client.post("/admin/modeles", data=data, follow_redirects=False).status_code == 303
    backend_id = stored(demo_database, "local").id
    verify = {"csrf_token": csrf_of(client, "/admin/modeles")}
    page = text_of(client.post(f"/admin/modeles/{backend_id}/verifier", data=verify))
    assert f"Le fichier {gguf} n'existe pas sur ce serveur." in page
    gguf.write_bytes(b"GGUF" + b"\0" * 100)
    page = text_of(client.post(f"/admin/modeles/{backend_id}/verifier", data=verify))
    assert f"Le fichier {gguf} existe et est lisible" in page


@pytest.mark.parametrize("path", ["/admin/modeles", "/admin/modeles/1"])
def test_other_roles_are_refused(client, login, path):
    login(client, Role.REFERENT_IA)
    assert client.get(path).status_code == 403
    for action in ("", "/1/supprimer", "/1/verifier", "/1/desactiver"):
        response = client.post("/admin/modeles" + action,
                               data={"csrf_token": csrf_of(client, "/assistant")})
        assert response.status_code == 403, action


def test_v1_models_lists_embedding_and_transcription_models_with_their_type_by_role(
        client, login, upstream, demo_database):
    """An OpenAI client reads `id` and `object` as always; `type` (Albert API's words) tells it
    which models answer /v1/embeddings and /v1/audio/transcriptions."""
    login(client, Role.ADMIN)
    declare(client, upstream, models=[
        {"alias": "redaction", "model": "principal-model"},
        {"alias": "vecteurs", "model": "bge-m3", "kind": "embedding"},
        {"alias": "whisper", "model": "whisper-large-v3", "kind": "transcription"},
        {"alias": "whisper-rh", "model": "whisper-large-v3", "kind": "transcription",
         "roles": ["gestionnaire_rh"]}])
    client.cookies.clear()
    agent, rh = (api_token(client, login, Role.AGENT),
                 api_token(client, login, Role.GESTIONNAIRE_RH))

    def listed(token):
        response = client.get("/v1/models", headers={"Authorization": f"Bearer {token}"})
        return {m["id"]: (m["object"], m["type"]) for m in response.json()["data"]}

    assert listed(agent) == {"redaction": ("model", "text-generation"),
                             "vecteurs": ("model", "text-embeddings-inference"),
                             "whisper": ("model", "automatic-speech-recognition")}
    assert listed(rh)["whisper-rh"] == ("model", "automatic-speech-recognition")


def test_a_model_opened_to_one_role_is_listed_and_served_only_to_it(
        client, login, upstream, demo_database):
    login(client, Role.ADMIN)
    declare(client, upstream, models=[
        {"alias": "redaction", "model": "principal-model"},
        {"alias": "rh-expert", "model": "principal-model", "roles": ["gestionnaire_rh"]}])
    client.cookies.clear()
    agent, rh = (api_token(client, login, Role.AGENT),
                 api_token(client, login, Role.GESTIONNAIRE_RH))

    def models(token):
        response = client.get("/v1/models", headers={"Authorization": f"Bearer {token}"})
        return [m["id"] for m in response.json()["data"] if m["type"] == "text-generation"]

    def chat(token, model):
        return client.post("/v1/chat/completions", headers={"Authorization": f"Bearer {token}"},
                           json={"model": model, "messages": [{"role": "user",
                                                               "content": "Bonjour"}]})

    assert models(agent) == ["redaction"] and models(rh) == ["redaction", "rh-expert"]
    refused = chat(agent, "rh-expert")
    assert refused.status_code == 403
    error = refused.json()["error"]
    assert error["code"] == "model_not_allowed" and error["param"] == "model"
    assert "n'est pas ouvert à votre rôle « Agent »" in error["message"]
    assert chat(rh, "rh-expert").status_code == 200
    assert chat(agent, "redaction").status_code == 200
    assert chat(agent, "inconnu").status_code == 404
    # the chat page refuses it too, in French, and does not offer it
    login(client, Role.AGENT)
    assert 'value="rh-expert"' not in client.get("/assistant").text
    page = client.post("/assistant", data={"csrf_token": csrf_of(client, "/assistant"),
                                           "message": "Bonjour", "modele": "rh-expert"},
                       files={"piece_jointe": ("", b"")})
    assert page.status_code == 403 and "n'est pas ouvert à votre rôle" in text_of(page)


def test_the_profile_shows_this_months_usage_with_the_declared_prices(
        client, login, upstream, demo_database):
    login(client, Role.ADMIN)
    declare(client, upstream)
    client.cookies.clear()
    login(client, Role.AGENT)
    client.post("/assistant", data={"csrf_token": csrf_of(client, "/assistant"),
                                    "message": "Rédige une note sur les congés d'été."},
                files={"piece_jointe": ("", b"")})
    page = text_of(client.get("/profil"))
    row = re.search(r'<th scope="row">Ce mois-ci</th>(.*?)</tr>', page, re.S).group(1)
    calls, tokens, _cost, energy, co2 = re.findall(r'<td class="num">([^<]*)</td>', row)
    assert calls == "1" and int(tokens.replace("\u202f", "")) > 0
    assert float(energy.replace(",", ".")) > 0 and float(co2.replace(",", ".")) > 0
    assert "Quota restant aujourd'hui" in page
    with demo_database.session() as session:
        record = session.execute(select(UsageRecord)).scalar_one()
    assert record.model == "redaction" and record.backend == "albert"
    assert record.cost_eur == pytest.approx((record.prompt_tokens * 0.5
                                             + record.completion_tokens * 1.5) / 1_000_000)


def test_roles_also_apply_to_backends_of_the_environment_variable():
    from collectivia.llm import Router
    from collectivia.llm.config import parse_backends
    from collectivia.llm.types import ModelNotAllowed

    router = Router(parse_backends([{"name": "albert", "base_url": "http://127.0.0.1:9/v1",
                                     "models": [{"alias": "redaction"},
                                                {"alias": "rh", "roles": ["gestionnaire_rh"]}]}]),
                    default_model="rh")
    agent = router.for_role("agent")
    assert [m.alias for m in agent.models()] == ["redaction"] and agent.default_model == "redaction"
    with pytest.raises(ModelNotAllowed) as refused:
        agent.model_info("rh")
    assert refused.value.status_code == 403
    assert [m.alias for m in router.for_role("gestionnaire_rh").models()] == ["redaction", "rh"]


def test_request_limits_are_declared_with_the_model_and_checked_in_french(
        client, login, upstream, demo_database):
    login(client, Role.ADMIN)
    refused = declare(client, upstream, par_minute_0="0", par_jour_0="beaucoup")
    assert refused.status_code == 422
    text = text_of(refused)
    assert "Modèle 1 : le nombre de demandes par minute doit valoir au moins 1" in text
    assert "Modèle 1 : le nombre de demandes par jour doit être un nombre entier." in text
    assert 'value="beaucoup"' in refused.text                   # typed input kept
    assert declare(client, upstream, par_minute_0="30", par_jour_0="5 000").status_code == 303
    row = stored(demo_database)
    (model,) = catalog.models_of(row)
    assert (model.max_requests_per_minute, model.max_requests_per_day) == (30, 5000)
    page = client.get(f"/admin/modeles/{row.id}").text
    assert 'name="par_minute_0" inputmode="numeric" value="30"' in page

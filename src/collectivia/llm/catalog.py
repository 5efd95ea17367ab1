"""Model backends declared from the admin page, stored in the database next to the
environment's `COLLECTIVIA_LLM_BACKENDS`.

API keys are encrypted at rest with the privacy vault's key management
(`COLLECTIVIA_VAULT_KEY`, else derived from the platform secret): the clear key
exists only in the memory of the process that calls the backend, and no page
ever shows it back. Every change bumps one counter row (`llm_backend_version`),
which `llm.router.get_router` compares before reusing its router: a change made
in one web process is seen by the others at their next model call, without restart.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from typing import cast

from pydantic import ValidationError
from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from collectivia.core import audit, clock
from collectivia.core.errors import InvalidInput, NotFound
from collectivia.core.models import User
from collectivia.core.roles import Role, ensure_role
from collectivia.llm.config import BackendConfig, ModelConfig, parse_backends
from collectivia.llm.models import BackendCatalogVersion, ModelBackend
from collectivia.settings import Settings

log = logging.getLogger(__name__)

ADMINS = (Role.ADMIN,)
KINDS = ("chat", "transcription", "embedding")


class BackendFormError(InvalidInput):
    """Wrong input in the backend form: one French message per field, nothing saved."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("Le moteur n'a pas été enregistré : corrigez les champs signalés.")
        self.errors = errors


@dataclass
class ModelRow:
    alias: str = ""
    model: str = ""
    context: str = ""
    params_b: str = ""
    price_in: str = ""
    price_out: str = ""
    roles: list[str] = field(default_factory=list)
    kind: str = "chat"         # "chat", "transcription" or "embedding" (llm.config.ModelConfig)
    per_minute: str = ""       # max requests per minute, empty: no limit (llm.ratelimits)
    per_day: str = ""

    @property
    def blank(self) -> bool:
        return not any((self.alias, self.model, self.context, self.params_b, self.price_in,
                        self.price_out, self.per_minute, self.per_day))


@dataclass
class BackendInput:
    """What the admin typed, kept as typed so that a refused form comes back unchanged."""

    name: str = ""
    type: str = "openai"
    base_url: str = ""
    path: str = ""
    api_key: str = ""          # a new key; empty keeps the stored one
    forget_key: bool = False
    timeout: str = "60"
    connect_timeout: str = "5"
    models: list[ModelRow] = field(default_factory=list)


def _keys(settings: Settings):
    from collectivia.privacy.vault import VaultKeys

    return VaultKeys(settings)


def encrypt_key(settings: Settings, clear: str) -> str:
    return _keys(settings).encrypt(clear) if clear else ""


def decrypt_key(settings: Settings, stored: str) -> str:
    from collectivia.privacy.protected import PrivacyFailure

    if not stored:
        return ""
    try:
        return _keys(settings).decrypt(stored)
    except PrivacyFailure:
        log.warning("an encrypted model API key cannot be read with the current vault key")
        return ""


def _number(text: str, what: str, errors: dict[str, str], key: str, *, default=None,
            integer: bool = False):
    text = text.strip().replace("\u202f", "").replace(" ", "").replace(",", ".")
    if not text:
        return default
    try:
        value = int(text) if integer else float(text)
    except ValueError:
        errors[key] = f"{what} doit être un nombre{' entier' if integer else ''}."
        return default
    if value < 0:
        errors[key] = f"{what} ne peut pas être négatif."
    return value


def _request_limit(text: str, what: str, errors: dict[str, str], key: str) -> int | None:
    """A request limit: a whole number of at least 1, or empty for no limit."""
    value = _number(text, what, errors, key, integer=True)
    if value is not None and value < 1 and key not in errors:
        errors[key] = f"{what} doit valoir au moins 1 (laissez vide pour ne pas limiter)."
    return value if key not in errors else None


def _model_config(row: ModelRow, i: int, errors: dict[str, str]) -> dict:
    n = i + 1
    if not row.alias.strip():
        errors[f"alias_{i}"] = f"Modèle {n} : l'alias est obligatoire (par exemple « redaction »)."
    context = _number(row.context, f"Modèle {n} : la fenêtre de contexte", errors,
                      f"contexte_{i}", default=8192, integer=True)
    if isinstance(context, int) and context < 256 and f"contexte_{i}" not in errors:
        errors[f"contexte_{i}"] = f"Modèle {n} : la fenêtre de contexte doit valoir au moins 256 jetons."
    if row.kind not in KINDS:
        errors[f"nature_{i}"] = (f"Modèle {n} : choisissez « conversation », « transcription » "
                                 "ou « vectorisation ».")
    limits = {field: _request_limit(text, f"Modèle {n} : le nombre de demandes par {unit}",
                                    errors, f"{key}_{i}")
              for field, text, unit, key in (
                  ("max_requests_per_minute", row.per_minute, "minute", "par_minute"),
                  ("max_requests_per_day", row.per_day, "jour", "par_jour"))}
    return {**limits,"alias": row.alias.strip(), "model": row.model.strip(), "context": context,
            "params_b": _number(row.params_b, f"Modèle {n} : la taille", errors, f"params_{i}"),
            "price_in_eur_per_mtok": _number(row.price_in, f"Modèle {n} : le prix en entrée",
                                             errors, f"prix_entree_{i}", default=0.0),
            "price_out_eur_per_mtok": _number(row.price_out, f"Modèle {n} : le prix en sortie",
                                              errors, f"prix_sortie_{i}", default=0.0),
            "roles": [r for r in row.roles if r in {role.value for role in Role}],
            "kind": row.kind if row.kind in KINDS else "chat"}


def validate(data: BackendInput, settings: Settings, api_key: str) -> BackendConfig:
    """The backend as the router will use it, or BackendFormError naming each wrong field."""
    errors: dict[str, str] = {}
    if not data.name.strip():
        errors["nom"] = "Le nom du moteur est obligatoire."
    elif data.name.strip() in {b.name for b in parse_backends(settings.llm_backends)}:
        errors["nom"] = ("Ce nom est déjà celui d'un moteur déclaré dans la variable "
                         "COLLECTIVIA_LLM_BACKENDS : choisissez-en un autre.")
    if data.type not in ("openai", "llamacpp"):
        errors["type"] = "Choisissez le type « openai » ou « llamacpp »."
    if data.type == "openai" and not data.base_url.strip().startswith(("http://", "https://")):
        errors["adresse"] = ("Pour un serveur compatible OpenAI, indiquez son adresse complète, "
                             "par exemple https://albert.example/v1.")
    if data.type == "llamacpp" and not data.path.strip():
        errors["chemin"] = "Pour un modèle local, indiquez le chemin du fichier GGUF."
    timeout = _number(data.timeout, "Le délai de réponse", errors, "delai", default=60.0)
    connect = _number(data.connect_timeout, "Le délai de connexion", errors, "delai_connexion",
                      default=5.0)
    for key, value in (("delai", timeout), ("delai_connexion", connect)):
        if key not in errors and not 0 < value <= 3600:
            errors[key] = "Un délai doit être compris entre 0 et 3 600 secondes (0 exclu)."
    models = [_model_config(row, i, errors) for i, row in enumerate(data.models) if not row.blank]
    if not models:
        errors["modeles"] = "Déclarez au moins un modèle servi par ce moteur."
    aliases = [m["alias"] for m in models]
    if len(set(aliases)) != len(aliases):
        errors["modeles"] = "Un même alias est déclaré deux fois pour ce moteur."
    if data.type == "llamacpp" and any(m["kind"] != "chat" for m in models):
        errors["modeles"] = ("Un modèle local (llamacpp) ne fait ni transcription ni "
                             "vectorisation : déclarez-les sur un serveur compatible OpenAI.")
    if errors:
        raise BackendFormError(errors)
    try:
        return BackendConfig(name=data.name.strip(), type=data.type,  # type: ignore[arg-type]  # pydantic checks it
                             base_url=data.base_url.strip(), path=data.path.strip(),
                             api_key=api_key, timeout=timeout, connect_timeout=connect,
                             models=[ModelConfig(**m) for m in models])
    except ValidationError as exc:
        where = ".".join(str(part) for part in exc.errors()[0].get("loc", ())) or "déclaration"
        raise BackendFormError({"modeles": f"Déclaration incorrecte ({where}) : vérifiez le type "
                                           "de moteur, son adresse ou son fichier, et chaque "
                                           "modèle."}) from exc


def list_backends(session: Session, user: User) -> list[ModelBackend]:
    ensure_role(user, *ADMINS, action="administrer les modèles de langage")
    return list(session.execute(select(ModelBackend).order_by(ModelBackend.id)).scalars())


def get_backend(session: Session, user: User, backend_id: int) -> ModelBackend:
    ensure_role(user, *ADMINS, action="administrer les modèles de langage")
    backend = session.get(ModelBackend, backend_id)
    if backend is None:
        raise NotFound("Ce moteur n'existe pas (ou plus).")
    return backend


def models_of(backend: ModelBackend) -> list[ModelConfig]:
    return [ModelConfig.model_validate(m) for m in json.loads(backend.models_json or "[]")]


def save_backend(session: Session, user: User, settings: Settings, data: BackendInput,
                 backend_id: int | None = None) -> ModelBackend:
    """Create (no id) or replace a backend's declaration; its key is kept unless replaced."""
    ensure_role(user, *ADMINS, action="administrer les modèles de langage")
    backend = get_backend(session, user, backend_id) if backend_id else None
    stored_key = decrypt_key(settings, backend.api_key_encrypted) if backend else ""
    if (backend is not None and stored_key and not data.api_key.strip() and not data.forget_key
            and data.base_url.strip() != backend.base_url):
        # the stored key is never sent to an address it was not typed for
        raise BackendFormError({"cle_api": "L'adresse du moteur a changé : ressaisissez sa clé "
                                           "d'API (ou cochez « effacer la clé »)."})
    key = "" if data.forget_key else (data.api_key.strip() or stored_key)
    config = validate(data, settings, key)
    clash = session.execute(select(ModelBackend.id).where(
        ModelBackend.name == config.name, ModelBackend.id != (backend_id or 0))).first()
    if clash:
        raise BackendFormError({"nom": "Un autre moteur porte déjà ce nom."})
    if backend is None:
        backend = ModelBackend(created_at=clock.now(), enabled=True)
        session.add(backend)
    key_changed = (data.api_key.strip() and data.api_key.strip() != stored_key) or (
        data.forget_key and bool(stored_key))
    backend.name, backend.type = config.name, config.type
    backend.base_url, backend.path = config.base_url, config.path
    backend.timeout, backend.connect_timeout = config.timeout, config.connect_timeout
    if key_changed or not backend.api_key_encrypted:
        backend.api_key_encrypted = encrypt_key(settings, key)
    backend.models_json = json.dumps([m.model_dump(exclude_defaults=True) | {"alias": m.alias}
                                      for m in config.models], ensure_ascii=False)
    backend.updated_at = clock.now()
    session.flush()
    _bump(session)
    audit.record(session, "llm.moteur.modification" if backend_id else "llm.moteur.creation",
                 actor=user, object_type="moteur", object_id=backend.id,
                 details={"nom": backend.name, "type": backend.type,
                          "modeles": [m.alias for m in config.models],
                          "cle_remplacee": bool(key_changed)})
    return backend


def set_enabled(session: Session, user: User, backend_id: int, enabled: bool) -> ModelBackend:
    backend = get_backend(session, user, backend_id)
    backend.enabled = enabled
    backend.updated_at = clock.now()
    _bump(session)
    audit.record(session, "llm.moteur.activation" if enabled else "llm.moteur.desactivation",
                 actor=user, object_type="moteur", object_id=backend.id,
                 details={"nom": backend.name})
    return backend


def delete_backend(session: Session, user: User, backend_id: int) -> str:
    backend = get_backend(session, user, backend_id)
    name = backend.name
    session.delete(backend)
    _bump(session)
    audit.record(session, "llm.moteur.suppression", actor=user, object_type="moteur",
                 object_id=backend_id, details={"nom": name})
    return name


def _bump(session: Session) -> None:
    bumped = cast(CursorResult, session.execute(update(BackendCatalogVersion).where(BackendCatalogVersion.id == 1)
                             .values(version=BackendCatalogVersion.version + 1))).rowcount
    if not bumped:
        session.add(BackendCatalogVersion(id=1, version=1))


def current_version(session: Session) -> int:
    return session.execute(select(BackendCatalogVersion.version)
                           .where(BackendCatalogVersion.id == 1)).scalar_one_or_none() or 0


def config_of(backend: ModelBackend, settings: Settings) -> BackendConfig:
    return BackendConfig(name=backend.name, type=backend.type, base_url=backend.base_url,  # type: ignore[arg-type]  # pydantic checks it
                         path=backend.path,
                         api_key=decrypt_key(settings, backend.api_key_encrypted),
                         timeout=backend.timeout, connect_timeout=backend.connect_timeout,
                         models=models_of(backend))


def enabled_configs(session: Session, settings: Settings) -> list[BackendConfig]:
    """The enabled database backends, in creation order; a row that no longer validates is
    skipped (and logged) rather than taking every model down."""
    configs = []
    for backend in session.execute(select(ModelBackend).where(ModelBackend.enabled)
                                   .order_by(ModelBackend.id)).scalars():
        try:
            configs.append(config_of(backend, settings))
        except (ValidationError, ValueError) as exc:
            # never the exception itself: pydantic may quote the decrypted key it was given
            log.warning("model backend %s skipped: %s", backend.name, type(exc).__name__)
    return configs


def input_of(backend: ModelBackend) -> BackendInput:
    """A stored backend as the edit form shows it (never its key)."""
    def text(value) -> str:
        return "" if value is None else f"{value:g}".replace(".", ",") if isinstance(
            value, float) else str(value)
    return BackendInput(
        name=backend.name, type=backend.type, base_url=backend.base_url, path=backend.path,
        timeout=text(backend.timeout), connect_timeout=text(backend.connect_timeout),
        models=[ModelRow(m.alias, m.model, str(m.context), text(m.params_b),
                         text(m.price_in_eur_per_mtok), text(m.price_out_eur_per_mtok),
                         list(m.roles), m.kind, text(m.max_requests_per_minute),
                         text(m.max_requests_per_day)) for m in models_of(backend)])

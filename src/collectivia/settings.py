"""One settings object for the whole platform, read from COLLECTIVIA_* variables.

Defaults give the embedded set-up (`make demo`): a SQLite file under ./var and
a secret key generated once and kept beside it, so a restart does not log every
agent out.
"""

from __future__ import annotations

import secrets
from functools import lru_cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="COLLECTIVIA_", env_file=".env", extra="ignore")

    var_dir: Path = Path("var")
    database_url: str = ""
    secret_key: str = ""
    collectivite_name: str = "Admiville"

    # sessions and login (see README "Sécurité")
    session_idle_minutes: int = 60
    session_absolute_hours: int = 12          # a session ends after a working day, used or not
    https: bool = False                       # Secure cookie + HSTS (also set when the request is https)
    login_max_failures: int = 5               # free tries per account and address, then delays
    login_lockout_minutes: int = 15           # the longest delay between tries once throttled
    # reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are believed (IPs or CIDR, comma)
    trusted_proxies: str = ""
    # Prometheus may scrape /metrics with `Authorization: Bearer <token>` (admins may always)
    metrics_token: str = ""
    # HMAC key of the audit chain and its checkpoints; explicit when the database is PostgreSQL
    audit_key: str = ""
    # where the job queue appends a signed checkpoint of the audit chain every hour, outside the
    # database (ideally off its server); var_dir/journal-points.jsonl when empty. Also to syslog.
    audit_checkpoint_file: str = ""
    audit_checkpoint_syslog: bool = False

    # several processes and machines (README "Plusieurs processus, plusieurs machines")
    # originals of uploaded files: a directory every machine mounts (NFS, CephFS...);
    # var_dir/files when empty (one machine)
    file_store: str = ""
    # SQLite only: the web process runs the job queue itself (make demo); PostgreSQL never does
    jobs_in_process: bool = True
    # load the heavy models (e5, spaCy) in each web process before it serves
    warm_up: bool = True
    # a centre de gestion: JSON {"host": {"name", "database_url"}}, see core/tenants.py
    tenants: str = ""

    # request bounds
    max_form_bytes: int = 1_000_000
    max_upload_bytes: int = 25_000_000

    # OIDC (ProConnect, Keycloak, Entra ID...): enabled when issuer is set
    oidc_issuer: str = ""
    oidc_client_id: str = ""
    oidc_client_secret: str = ""
    oidc_label: str = "Se connecter avec le fournisseur d'identité"
    oidc_scope: str = "openid email profile"
    # accounts from the provider (core/identity.py, README "Comptes créés par le fournisseur
    # d'identité"): created at first login, role/direction/service recomputed at every login
    oidc_create_accounts: bool = False
    oidc_default_role: str = "agent"
    oidc_groups_claim: str = "groups"          # Keycloak "groups", Entra ID "groups" or "roles"
    # JSON rules, in order: [{"group": "GG-RH", "role": "gestionnaire_rh", "direction": "RES",
    #   "service": "Ressources humaines"}, {"claim": "statut", "value": "parti", "disabled": true}]
    oidc_rules: list[dict] = []
    oidc_direction_claim: str = ""             # a claim holding a direction code or name
    oidc_service_claim: str = ""               # a claim holding a service name
    oidc_require_group: bool = False           # no rule matches: deactivated, login refused
    oidc_create_directions: bool = False       # directions/services named by claims are created

    # privacy vault key (Fernet, urlsafe base64); derived from secret_key when empty
    vault_key: str = ""
    # health/union data in a message for the assistant: "bloquer" (refuse) or "retirer" (strip)
    privacy_sensitive_mode: str = "bloquer"

    # language models (collectivia.llm): JSON list of backends, see README "Modèles de langage"
    llm_backends: str = ""
    llm_default_model: str = ""
    llm_electricity_zone: str = "FRA"  # ecologits electricity mix (ISO 3166-1 alpha-3)
    llm_datacenter_pue: float = 1.2
    # assistant: conversations kept this many days unless the admin sets another period
    assistant_retention_days: int = 90
    assistant_max_attachment_chars: int = 60_000
    # recruitment: candidates' data is purged this many months after the posting closes
    # (the offer announces it; `collectivia recruitment purge` enforces it)
    recruitment_retention_months: int = 24
    # Questions RH: questions, answers, opinions and hand-overs are purged this many days after
    # the question (a hand-over still open waits for its answer); the FAQ is not personal data
    hrdesk_retention_days: int = 365
    # comptes rendus from recordings (collectivia.minutes): upload bounds, and how long the
    # transcript and the minutes are kept (the audio itself goes once transcribed)
    minutes_max_audio_bytes: int = 200_000_000
    minutes_max_audio_seconds: int = 3 * 3600
    minutes_retention_days: int = 30
    # Légifrance API through PISTE (`collectivia knowledge update`): the collectivité's own
    # application on piste.gouv.fr; the sandbox URLs may be set here for a trial
    legifrance_client_id: str = ""
    legifrance_client_secret: str = ""
    legifrance_api_url: str = "https://api.piste.gouv.fr/dila/legifrance/lf-engine-app"
    legifrance_oauth_url: str = "https://oauth.piste.gouv.fr/api/oauth/token"

    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        self.var_dir.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{(self.var_dir / 'collectivia.db').resolve()}"

    def resolved_secret_key(self) -> str:
        """The configured key, or one generated once and kept in var/secret_key."""
        if self.secret_key:
            return self.secret_key
        return _kept_secret(self.var_dir / "secret_key")

    def resolved_audit_key(self) -> bytes:
        """The audit chain's HMAC key: never the cookie key, never implicit on a shared database.

        On the embedded SQLite set-up it is generated once in var/audit_key; a
        PostgreSQL deployment (several machines) must set COLLECTIVIA_AUDIT_KEY,
        otherwise each machine would sign with its own key.
        """
        key = self.audit_key
        if not key:
            if self.database_url.startswith(("postgresql", "postgres:")):
                raise RuntimeError("COLLECTIVIA_AUDIT_KEY est obligatoire avec PostgreSQL : "
                                   "la même clé sur toutes les machines, distincte de "
                                   "COLLECTIVIA_SECRET_KEY.")
            key = _kept_secret(self.var_dir / "audit_key")
        if key == self.secret_key:
            raise RuntimeError("COLLECTIVIA_AUDIT_KEY doit être distincte de COLLECTIVIA_SECRET_KEY.")
        return key.encode("utf-8")

    def uses_postgres(self) -> bool:
        return self.database_url.startswith(("postgresql", "postgres:")) or bool(self.tenants)

    def check_shared_deployment(self) -> None:
        """Refuse to start a shared (PostgreSQL) deployment on keys a machine would invent.

        Each machine generating its own secret key rejects the others' cookies, and
        a vault key derived from it cannot decrypt the pseudonyms another machine
        stored; so on PostgreSQL both keys must be set explicitly, the same everywhere.
        """
        if not self.uses_postgres():
            return
        missing = [name for name, value in (("COLLECTIVIA_SECRET_KEY", self.secret_key),
                                            ("COLLECTIVIA_VAULT_KEY", self.vault_key)) if not value]
        if missing:
            required = "obligatoire" if len(missing) == 1 else "obligatoires"
            raise RuntimeError(f"{' et '.join(missing)} {required} avec PostgreSQL : la même "
                               "valeur sur toutes les machines (sinon chaque machine invente la "
                               "sienne, refuse les sessions des autres et ne peut pas déchiffrer "
                               "les pseudonymes).")

    @property
    def oidc_enabled(self) -> bool:
        return bool(self.oidc_issuer and self.oidc_client_id)


def _kept_secret(path: Path) -> str:
    """A random secret generated once and kept in a file readable by the server only."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


@lru_cache
def get_settings() -> Settings:
    return Settings()

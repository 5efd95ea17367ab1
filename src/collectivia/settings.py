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

    # sessions and login
    session_idle_minutes: int = 60
    session_cookie_secure: bool = False
    login_max_failures: int = 5
    login_lockout_minutes: int = 15

    # request bounds
    max_form_bytes: int = 1_000_000
    max_upload_bytes: int = 25_000_000

    # OIDC (ProConnect, Keycloak, Entra ID...): enabled when issuer is set
    oidc_issuer: str = ""
    oidc_client_id: str = ""
    oidc_client_secret: str = ""
    oidc_label: str = "Se connecter avec le fournisseur d'identité"
    oidc_scope: str = "openid email profile"

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

    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        self.var_dir.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{(self.var_dir / 'collectivia.db').resolve()}"

    def resolved_secret_key(self) -> str:
        """The configured key, or one generated once and kept in var/secret_key."""
        if self.secret_key:
            return self.secret_key
        path = self.var_dir / "secret_key"
        if not path.exists():
            self.var_dir.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(48))
            path.chmod(0o600)
        return path.read_text().strip()

    @property
    def oidc_enabled(self) -> bool:
        return bool(self.oidc_issuer and self.oidc_client_id)


@lru_cache
def get_settings() -> Settings:
    return Settings()

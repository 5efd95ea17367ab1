"""Encryption of the pseudonymisation vault and lookup of pseudonyms in a scope.

Key: `settings.vault_key` (a Fernet key) when set, else derived with HKDF from
the platform secret, so an installation works encrypted out of the box and a
DPO can still give the vault its own key. Values are looked up by an HMAC of
their normalised form, never by their clear text.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import unicodedata

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from collectivia.privacy.models import VaultEntry
from collectivia.privacy.protected import PrivacyFailure
from collectivia.settings import Settings


def _derive(secret: str, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"collectivia-privacy-vault",
                info=purpose).derive(secret.encode())


class VaultKeys:
    def __init__(self, settings: Settings):
        secret = settings.resolved_secret_key()
        if settings.vault_key:
            try:
                self.fernet = Fernet(settings.vault_key.encode())
            except ValueError as exc:
                raise PrivacyFailure("La clé du coffre de pseudonymisation (COLLECTIVIA_VAULT_KEY) "
                                     "n'est pas une clé Fernet valide.") from exc
            secret = settings.vault_key
        else:
            self.fernet = Fernet(base64.urlsafe_b64encode(_derive(secret, b"fernet v1")))
        self.mac_key = _derive(secret, b"digest v1")

    def digest(self, label: str, value: str) -> str:
        return hmac.new(self.mac_key, f"{label}\x1f{normalise(label, value)}".encode(),
                        hashlib.sha256).hexdigest()

    def encrypt(self, value: str) -> str:
        return self.fernet.encrypt(value.encode()).decode()

    def decrypt(self, token: str) -> str:
        try:
            return self.fernet.decrypt(token.encode()).decode()
        except InvalidToken as exc:
            raise PrivacyFailure("Le coffre de pseudonymisation ne peut pas être déchiffré avec "
                                 "la clé actuelle (clé changée ?).") from exc


def normalise(label: str, value: str) -> str:
    """The form under which two mentions count as the same value."""
    folded = unicodedata.normalize("NFKD", value.casefold())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    if label in ("PHONE", "IBAN", "NIR", "AGENT_ID"):
        folded = re.sub(r"[^0-9a-z]", "", folded.replace("o", "0").replace("l", "1"))
        if label == "PHONE":
            folded = re.sub(r"^(0033|33)(0)?", "0", folded)
    return re.sub(r"[\s\-'’.]+", " ", folded).strip()


class ScopeVault:
    """Pseudonyms of one scope ("conversation:42"), read and extended in the caller's session."""

    def __init__(self, session: Session, scope: str, keys: VaultKeys):
        self.session, self.scope, self.keys = session, scope, keys
        self.entries = list(session.execute(
            select(VaultEntry).where(VaultEntry.scope == scope).order_by(VaultEntry.id)).scalars())
        self._clear: dict[int, str] = {}

    def clear_value(self, entry: VaultEntry) -> str:
        if entry.id not in self._clear:
            self._clear[entry.id] = self.keys.decrypt(entry.ciphertext)
        return self._clear[entry.id]

    def find(self, label: str, value: str) -> VaultEntry | None:
        digest = self.keys.digest(label, value)
        return next((e for e in self.entries if e.digest == digest), None)

    def numbers(self, label: str) -> list[int]:
        return [e.number for e in self.entries if e.label == label]

    def values(self, label: str) -> list[tuple[VaultEntry, str]]:
        return [(e, self.clear_value(e)) for e in self.entries if e.label == label]

    def add(self, label: str, value: str, number: int, pseudonym: str) -> VaultEntry:
        entry = VaultEntry(scope=self.scope, label=label, number=number, pseudonym=pseudonym,
                           digest=self.keys.digest(label, value), ciphertext=self.keys.encrypt(value))
        try:
            with self.session.begin_nested():
                self.session.add(entry)
                self.session.flush()
        except IntegrityError:  # the same value added meanwhile by a concurrent request
            entry = self.session.execute(select(VaultEntry).where(
                VaultEntry.scope == self.scope, VaultEntry.digest == entry.digest)).scalar_one()
        self.entries.append(entry)
        self._clear[entry.id] = value
        return entry

"""Password hashing with argon2id (argon2-cffi defaults, RFC 9106 low-memory profile)."""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()

MIN_LENGTH = 12


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def _dummy_hash() -> str:
    """A hash of a random password, made once with the same parameters as real ones."""
    global _dummy
    if _dummy is None:
        _dummy = _hasher.hash(secrets.token_urlsafe(24))
    return _dummy


_dummy: str | None = None


def verify_password(password_hash: str | None, password: str) -> bool:
    """Check a password; with no hash (unknown login, OIDC-only account) still spend the same
    argon2 work on a dummy hash, so the answer's timing does not reveal which case it was."""
    try:
        return _hasher.verify(password_hash or _dummy_hash(), password) and bool(password_hash)
    except (VerificationError, InvalidHashError):
        return False


def password_problem(password: str) -> str | None:
    """A French explanation of why a new password is refused, or None."""
    if len(password) < MIN_LENGTH:
        return f"Le mot de passe doit contenir au moins {MIN_LENGTH} caractères."
    if len(password) > 256:
        return "Le mot de passe est trop long (256 caractères au plus)."
    return None

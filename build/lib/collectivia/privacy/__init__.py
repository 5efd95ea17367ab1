"""Privacy: French PII detection and reversible pseudonymisation (see service.py).

    from collectivia.privacy import protect, reidentify, anonymise, PrivacyFailure
"""

from collectivia.privacy.protected import Finding, PrivacyFailure, ProtectedText
from collectivia.privacy.service import anonymise, forget, protect, reidentify

__all__ = ["Finding", "PrivacyFailure", "ProtectedText", "anonymise", "forget", "protect", "reidentify"]

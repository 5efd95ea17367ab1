"""Privacy: French PII detection and reversible pseudonymisation (see service.py).

    from collectivia.privacy import protect, reidentify, anonymise, PrivacyFailure
"""

from collectivia.privacy.protected import Finding, PrivacyFailure, ProtectedText
from collectivia.privacy.pseudonyms import CallPseudonyms
from collectivia.privacy.service import (anonymise, forget, protect, protect_call, protect_texts, reidentify,
                                         restore)

__all__ = ["CallPseudonyms", "Finding", "PrivacyFailure", "ProtectedText", "anonymise", "forget", "protect",
           "protect_call", "protect_texts", "reidentify", "restore"]

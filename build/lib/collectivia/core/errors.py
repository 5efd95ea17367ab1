"""Domain errors carrying a French message for the user and an HTTP status."""

from __future__ import annotations


class CollectiviaError(Exception):
    status_code = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class InvalidInput(CollectiviaError):
    status_code = 422


class Forbidden(CollectiviaError):
    status_code = 403

    def __init__(self, message: str = "Vous n'avez pas les droits nécessaires pour cette action."):
        super().__init__(message)


class NotFound(CollectiviaError):
    status_code = 404

    def __init__(self, message: str = "L'élément demandé n'existe pas."):
        super().__init__(message)


class Conflict(CollectiviaError):
    status_code = 409


class TooManyRequests(CollectiviaError):
    status_code = 429

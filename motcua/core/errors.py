"""Domain errors: what a service raises and an interface maps to a message or status.

Messages are translatable (Vietnamese first); interfaces never show a traceback.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.functional import Promise


class DomainError(Exception):
    """Base of every error a service or selector may raise on purpose."""

    status_code = 400

    def __init__(
        self,
        message: str | Promise,
        *,
        field_errors: Mapping[str, str | Promise] | None = None,
    ) -> None:
        super().__init__(str(message))
        self.message = message
        self.field_errors = dict(field_errors or {})

    def as_dict(self) -> dict[str, object]:
        body: dict[str, object] = {"detail": str(self.message)}
        if self.field_errors:
            body["errors"] = {k: str(v) for k, v in self.field_errors.items()}
        return body


class InvalidInput(DomainError):
    """The caller's input cannot be used; ``field_errors`` says why per field."""

    status_code = 422


class NotFound(DomainError):
    """The object does not exist or the asker may not know that it does."""

    status_code = 404


class Conflict(DomainError):
    """The action clashes with the current state (already done, not allowed now)."""

    status_code = 409


class PermissionDenied(DomainError):
    """The actor's role or agency does not allow the action."""

    status_code = 403

"""Names the API v1 published before the code settled on its words.

The checklist ticks were published as ``documents`` (and each tick's
``required_document_id``) before the code called them papers
(docs/glossary.md). Clients keep the names they know: bodies are read and
errors are reported under the published name, and the services take their own.
"""

from __future__ import annotations

from collections.abc import Mapping

# published name → the service's own keyword
PUBLISHED_NAMES = {"documents": "papers"}
_BY_SERVICE_NAME = {own: published for published, own in PUBLISHED_NAMES.items()}


def published_errors(errors: Mapping[str, str]) -> dict[str, str]:
    """A service's field errors under the names the API publishes."""
    return {_BY_SERVICE_NAME.get(name, name): text for name, text in errors.items()}

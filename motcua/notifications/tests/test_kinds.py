"""Outbox kinds are ``NotificationKind`` members wherever a message is enqueued."""

from __future__ import annotations

import ast
from pathlib import Path

MOTCUA = Path(__file__).resolve().parents[2]
ENQUEUERS = {"notification_enqueue", "notify"}


def _bare_kinds(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        if name not in ENQUEUERS:
            continue
        for keyword in node.keywords:
            value = keyword.value
            if keyword.arg == "kind" and isinstance(value, ast.Constant):
                found.append(f"{path.relative_to(MOTCUA)}:{node.lineno}")
    return found


def test_no_caller_enqueues_a_message_with_a_bare_string_kind():
    offenders = [
        where
        for path in MOTCUA.rglob("*.py")
        if "tests" not in path.parts and "migrations" not in path.parts
        for where in _bare_kinds(path)
    ]

    assert offenders == []

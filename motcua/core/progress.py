"""Progress reporting for long commands: a line every N rows and at the end."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """Print ``label: done/total (rate/s)`` to ``stream`` every ``every`` rows."""

    def __init__(
        self,
        label: str,
        total: int | None,
        *,
        stream: TextIO | None = None,
        every: int = 500,
    ) -> None:
        self.label = label
        self.total = total
        self.stream = stream or sys.stderr
        self.every = every
        self.done = 0
        self.started = time.monotonic()

    def step(self, count: int = 1) -> None:
        before = self.done // self.every
        self.done += count
        if self.done // self.every != before:
            self._print()

    def finish(self) -> None:
        self._print()

    def _print(self) -> None:
        elapsed = max(time.monotonic() - self.started, 1e-6)
        total = f"/{self.total}" if self.total is not None else ""
        self.stream.write(
            f"{self.label}: {self.done}{total} ({self.done / elapsed:.0f}/s)\n"
        )
        self.stream.flush()

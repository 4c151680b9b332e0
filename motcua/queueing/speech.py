"""The hall's voice: a call spoken in Vietnamese, made offline on the server.

The speech engine is Debian's ``espeak-ng`` with its Vietnamese voice (no cloud
service). It only reads words: the numbers of a call are turned into Vietnamese
words by the product's own rules first (``callout``), since engines read them
wrongly. Each phrase is made once and kept under ``DATA_DIR/speech`` by the hash
of the engine, voice, speed and text; two processes making the same phrase at
once each write a temporary file and the last rename wins. Without the engine
the halls stay silent and the call is still shown as text (for the deaf too).
"""

from __future__ import annotations

import hashlib
import io
import math
import os
import shutil
import struct
import subprocess
import tempfile
import wave
from functools import cache
from pathlib import Path

from django.conf import settings

VOICE = "vi"  # espeak-ng's Northern Vietnamese
WORDS_PER_MINUTE = 140  # slower than the default 175: a hall echoes
ENGINE_TIMEOUT = 15  # seconds


def engine() -> str | None:
    """The speech engine's path, or None when it is not installed."""
    command = getattr(settings, "MOTCUA_SPEECH_COMMAND", "espeak-ng")
    return shutil.which(command) if command else None


def speech_dir() -> Path:
    return Path(settings.DATA_DIR) / "speech"


def speech_key(text: str) -> str:
    spec = f"espeak-ng|{VOICE}|{WORDS_PER_MINUTE}|{text}"
    return hashlib.sha256(spec.encode()).hexdigest()[:32]


def speech_file(text: str) -> Path | None:
    """The WAV file of ``text`` spoken (made now if needed); None without an engine.

    Raises:
        RuntimeError: the engine failed.
    """
    path = speech_dir() / f"{speech_key(text)}.wav"
    if path.exists():
        return path
    command = engine()
    if command is None:
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
    os.close(handle)
    try:
        done = subprocess.run(  # noqa: S603 - a fixed program, the text as one argument
            [
                command,
                "-v",
                VOICE,
                "-s",
                str(WORDS_PER_MINUTE),
                "-w",
                temporary,
                "--",
                text,
            ],
            capture_output=True,
            timeout=ENGINE_TIMEOUT,
            check=False,
        )
        if done.returncode != 0 or not Path(temporary).stat().st_size:
            raise RuntimeError(
                f"espeak-ng failed ({done.returncode}): {done.stderr[:200]!r}"
            )
        os.replace(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)
    return path


@cache
def chime_wav() -> bytes:
    """A two-note chime (ding–dong) before each call, made in code."""
    rate = 22_050
    frames = bytearray()
    for frequency, seconds in ((880.0, 0.35), (659.25, 0.55)):
        count = int(rate * seconds)
        for n in range(count):
            fade = 1 - n / count
            value = 0.4 * fade * math.sin(2 * math.pi * frequency * n / rate)
            frames += struct.pack("<h", int(value * 32767))
    out = io.BytesIO()
    with wave.open(out, "wb") as file:
        file.setnchannels(1)
        file.setsampwidth(2)
        file.setframerate(rate)
        file.writeframes(bytes(frames))
    return out.getvalue()

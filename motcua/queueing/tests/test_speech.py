"""The hall's voice: Debian's espeak-ng reads the call's words; each phrase is
made once. Skipped (with the package named) where espeak-ng is missing."""

from __future__ import annotations

import io
import wave

import pytest

from motcua.core.testing import system_package_missing
from motcua.queueing.callout import call_text
from motcua.queueing.speech import chime_wav, engine, speech_file


@pytest.fixture
def speaking(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    if engine() is None:
        system_package_missing("espeak-ng", what="The speech engine")


def test_a_call_is_spoken_once_and_then_read_from_the_cache(speaking, tmp_path):
    text = call_text("B", 23, 5)
    first = speech_file(text)
    assert first is not None and first.parent == tmp_path / "speech"
    with wave.open(str(first)) as audio:
        seconds = audio.getnframes() / audio.getframerate()
    assert 2 < seconds < 15  # a sentence, not silence
    made = first.stat().st_mtime_ns
    again = speech_file(text)
    assert again == first and again.stat().st_mtime_ns == made
    assert speech_file(call_text("B", 24, 5)) != first


def test_without_the_engine_the_hall_is_silent(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    settings.MOTCUA_SPEECH_COMMAND = "no-such-speech-engine"
    assert engine() is None
    assert speech_file(call_text("B", 1, 1)) is None


def test_the_chime_is_a_short_wav():
    with wave.open(io.BytesIO(chime_wav())) as audio:
        assert (audio.getnchannels(), audio.getframerate()) == (1, 22_050)
        assert 0.5 < audio.getnframes() / audio.getframerate() < 1.5

"""What the hall's voice says when it calls a ticket, in Vietnamese words.

Speech engines read digits wrongly (espeak-ng says "mười năm" for 15), so the
product turns numbers into words by the rules of spoken Vietnamese and the engine
only reads words:

* 1 after "mươi" is "mốt" (21 hai mươi mốt), 5 after "mười"/"mươi" is "lăm"
  (15 mười lăm, 25 hai mươi lăm), 4 after "mươi" is "tư" (24 hai mươi tư);
* a zero ten inside a hundred is "linh" (105 một trăm linh năm), a zero hundred
  inside a thousand is "không trăm" (1023 một nghìn không trăm hai mươi ba);
* groups of three digits take "nghìn", "triệu", "tỷ".

Pure code: no ORM, no clock.
"""

from __future__ import annotations

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
SCALES = ("", "nghìn", "triệu", "tỷ")
# How a letter of a ticket's prefix is spoken (the Vietnamese names of letters).
LETTERS = {
    "A": "a", "B": "bê", "C": "xê", "D": "dê", "Đ": "đê", "E": "e", "F": "ép",
    "G": "giê", "H": "hát", "I": "i", "J": "gi", "K": "ca", "L": "e lờ",
    "M": "em mờ", "N": "en nờ", "O": "o", "P": "pê", "Q": "quy", "R": "e rờ",
    "S": "ét xì", "T": "tê", "U": "u", "V": "vê", "W": "vê kép", "X": "ích xì",
    "Y": "i dài", "Z": "dét",
}  # fmt: skip


def _tens_and_units(tens: int, units: int) -> list[str]:
    if tens == 0:
        return [DIGITS[units]] if units else []
    words = ["mười"] if tens == 1 else [DIGITS[tens], "mươi"]
    if units == 1 and tens > 1:
        words.append("mốt")
    elif units == 4 and tens > 1:
        words.append("tư")
    elif units == 5:
        words.append("lăm")
    elif units:
        words.append(DIGITS[units])
    return words


def _group(value: int, *, inner: bool) -> list[str]:
    """Words of 0-999; ``inner``: a group after a larger one (reads its zeros)."""
    hundreds, rest = divmod(value, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or inner:
        words += [DIGITS[hundreds], "trăm"]
    if tens == 0 and units and words:
        words.append("linh")
    return words + _tens_and_units(tens, units)


def number_words(value: int) -> str:
    """Return ``value`` (0 to 999,999,999,999) in spoken Vietnamese words.

    Raises:
        ValueError: ``value`` is negative or too large.
    """
    if not 0 <= value < 1000 ** len(SCALES):
        raise ValueError(f"{value} is outside 0 to {1000 ** len(SCALES) - 1}")
    if value == 0:
        return DIGITS[0]
    groups: list[int] = []
    while value:
        value, group = divmod(value, 1000)
        groups.append(group)
    words: list[str] = []
    for position in range(len(groups) - 1, -1, -1):
        group = groups[position]
        if group == 0:
            continue
        inner = position < len(groups) - 1
        words += _group(group, inner=inner)
        if SCALES[position]:
            words.append(SCALES[position])
    return " ".join(words)


def ticket_words(prefix: str, number: int) -> str:
    """How a ticket such as ``B-023`` is spoken: "bê hai mươi ba"."""
    letters = [LETTERS.get(letter, letter.lower()) for letter in prefix.upper()]
    return " ".join([*letters, number_words(number)])


def call_text(prefix: str, number: int, counter: int) -> str:
    """The sentence the hall's voice says (also shown on screen for the deaf)."""
    return (
        f"Mời công dân có số thứ tự {ticket_words(prefix, number)} "
        f"đến quầy số {number_words(counter)}"
    )

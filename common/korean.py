"""Korean particles (조사) that follow a word whose last sound is not known in advance: a
team's or a bureau's name from the records ("의회사무국은", "의회사무과는").

Pure: no database, no settings.
"""

from __future__ import annotations

_HANGUL_FIRST, _HANGUL_LAST = 0xAC00, 0xD7A3
_RIEUL = 8  # ㄹ as a final consonant (종성 index)
# How digits are read: 0 영, 1 일, 2 이, 3 삼, 4 사, 5 오, 6 육, 7 칠, 8 팔, 9 구.
_DIGIT_FINAL = {"0": 21, "1": _RIEUL, "2": 0, "3": 16, "4": 0, "5": 0, "6": 1, "7": _RIEUL,
                "8": _RIEUL, "9": 0}  # fmt: skip


def _final(word: str) -> int | None:
    """The final consonant (종성 index, 0 for none) of the word's last sound; None when it
    cannot be told (a Latin letter, a symbol, nothing)."""
    text = word.strip()
    while text.endswith(")") and "(" in text:  # "감사(열람)" is read "감사"
        text = text[: text.rindex("(")].rstrip()
    if not text:
        return None
    last = text[-1]
    if _HANGUL_FIRST <= ord(last) <= _HANGUL_LAST:
        return (ord(last) - _HANGUL_FIRST) % 28
    return _DIGIT_FINAL.get(last)


def particle(word: str, pair: str) -> str:
    """The word with the particle that fits it: pair is "은/는", "이/가", "을/를", "과/와" or
    "으로/로" (the form after a final consonant first). particle("의회사무국", "은/는") →
    "의회사무국은"; "의회사무과" → "의회사무과는". Unknown last sound: "은(는)"."""
    after_consonant, after_vowel = pair.split("/")
    final = _final(word)
    if final is None:
        return f"{word}{after_consonant}({after_vowel})"
    if after_consonant == "으로" and final == _RIEUL:
        return f"{word}{after_vowel}"
    return f"{word}{after_consonant if final else after_vowel}"

"""Korean text as search tokens: morphemes from kiwipiepy (Kiwi, a Korean morphological
analyser whose model ships as the kiwipiepy_model package; nothing is fetched at run time).

Kept: nouns (NNG, NNP, NR), verb and adjective stems (VV, VA: 가결하 → 가결), roots
(XR), foreign words, numbers and hanja (SL, SN, SH), lower-cased. The same function
tokenises the indexed text and the query, so 예산안을 / 예산안은 / 예산안 all meet at
예산안, and 의결했다 at 의결. Sentences are analysed one at a time and remembered (an LRU
cache): minutes repeat formulae (의사일정 제1항 …) a great deal.
"""

from __future__ import annotations

import functools
import re
import threading

KEPT_TAGS = frozenset({"NNG", "NNP", "NR", "VV", "VA", "XR", "SL", "SN", "SH"})
_SENTENCE = re.compile(r"(?<=[.!?。])\s+|\n+")
_lock = threading.Lock()
_kiwi = None


def _analyser():
    global _kiwi
    with _lock:
        if _kiwi is None:
            from kiwipiepy import Kiwi

            _kiwi = Kiwi(num_workers=-1)
        return _kiwi


@functools.lru_cache(maxsize=200_000)
def _sentence_tokens(sentence: str) -> tuple[str, ...]:
    found = []
    for token in _analyser().tokenize(sentence):
        if token.tag in KEPT_TAGS:
            form = token.form.lower()
            if token.tag in ("VV", "VA") and len(form) == 1 and not re.match(r"[가-힣]", form):
                continue
            found.append(form)
    return tuple(found)


def tokens(text: str) -> list[str]:
    """The text's search tokens in order."""
    found: list[str] = []
    for sentence in _SENTENCE.split(text):
        sentence = sentence.strip()[:2000]
        if sentence:
            found.extend(_sentence_tokens(sentence))
    return found


def token_text(text: str) -> str:
    return " ".join(tokens(text))

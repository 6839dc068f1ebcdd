"""Soft hyphens in long words, inserted on the server so every browser breaks them correctly.

CSS `hyphens: auto` needs a dictionary in the browser, which many lack (Debian's Chromium has
none), so German compounds would break without a hyphen. pyphen's TeX patterns cover most of
our languages; Finnish and Turkish, which it has no patterns for, syllabify by a plain rule both
languages follow: a new syllable starts at the last consonant before a vowel.
Only words of MIN_LETTERS or more are touched: shorter ones fit every line the site sets.
"""

import re
from functools import lru_cache

import pyphen

SOFT_HYPHEN = "\u00ad"
MIN_LETTERS = 12
# Letters on either side of a break, as pyphen's defaults and print typography want.
EDGE = 2
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
VOWELS = {
    "fi": set("aeiouyäöå"),
    "tr": set("aeıioöuü"),
}


@lru_cache(maxsize=16)
def _dictionary(language: str) -> pyphen.Pyphen | None:
    code = pyphen.language_fallback(language)
    return pyphen.Pyphen(lang=code, left=EDGE, right=EDGE) if code else None


def _syllable_breaks(word: str, vowels: set[str]) -> list[int]:
    """Break positions before the last consonant ahead of each vowel (after the first)."""
    lower = word.lower()
    breaks = []
    for index in range(1, len(lower) - 1):
        consonant_then_vowel = lower[index] not in vowels and lower[index + 1] in vowels
        if consonant_then_vowel and any(letter in vowels for letter in lower[:index]):
            breaks.append(index)
    return [b for b in breaks if EDGE <= b <= len(word) - EDGE]


@lru_cache(maxsize=4096)
def hyphenate_word(word: str, language: str) -> str:
    """`word` with soft hyphens where `language` allows a break; unchanged if short or unknown."""
    if len(word) < MIN_LETTERS:
        return word
    base = language.split("-")[0].split("_")[0].lower()
    if base in VOWELS:
        positions = _syllable_breaks(word, VOWELS[base])
    else:
        dictionary = _dictionary(language.replace("-", "_"))
        if dictionary is None:
            return word
        positions = dictionary.positions(word)
    pieces, start = [], 0
    for position in positions:
        pieces.append(word[start:position])
        start = position
    pieces.append(word[start:])
    return SOFT_HYPHEN.join(pieces)


def hyphenate(text: str, language: str) -> str:
    """Every long word of `text` hyphenated for `language`; URLs and addresses are left alone."""
    if not text:
        return text
    parts = re.split(r"(\S*[/@:]\S*)", text)
    for index, part in enumerate(parts):
        if index % 2 == 0:
            parts[index] = WORD.sub(lambda match: hyphenate_word(match.group(0), language), part)
    return "".join(parts)

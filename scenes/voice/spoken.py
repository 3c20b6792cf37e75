"""Written narration into words a voice can say.

Captions show ``H(p, q) = 1.737 bits``; a voice reading that literally says
"H p, q equals" or, worse, spells out brackets and slashes. :func:`spoken_form`
rewrites the few written forms the narration uses (function notation,
relations, fractions, logarithms, Greek letters, read-out numbers with
trailing zeros) into words, and :func:`unspeakable` lists whatever is left
that no voice should be sent, so a test can hold every line to it.
"""

from __future__ import annotations

import re

__all__ = ["SPEAKABLE", "spoken_form", "unspeakable"]

# What may reach a voice: words, plain numbers and sentence punctuation.
SPEAKABLE = re.compile(r"[A-Za-z0-9 ,.;:!?'’\-]*")

_ORDINAL_DENOMINATORS = {
    2: "half",
    3: "third",
    4: "quarter",
    5: "fifth",
    6: "sixth",
    8: "eighth",
    10: "tenth",
    12: "twelfth",
    16: "sixteenth",
    36: "thirty-sixth",
}

_SYMBOLS = {
    "≥": " is at least ",
    "≤": " is at most ",
    "≠": " is not ",
    "≈": " is about ",
    "=": " equals ",
    ">": " is greater than ",
    "<": " is less than ",
    "×": " times ",
    "·": " times ",
    "→": " becomes ",
    "−": " minus ",
    "+": " plus ",
    "%": " percent",
    "∞": "infinity",
    "Σ": "the sum of ",
    "∑": "the sum of ",
    "θ": "theta",
    "λ": "lambda",
    "μ": "mu",
    "σ": "sigma",
    "‖": " from ",
    "…": "...",
    "—": ", ",
    "–": ", ",
    "&": " and ",
    "“": "",
    "”": "",
}

# Unicode subscript digits: log₂ is "log base 2".
_SUBSCRIPTS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")


def _fraction(match: re.Match[str]) -> str:
    top, bottom = match.group(1), match.group(2)
    if bottom.isdigit() and int(bottom) in _ORDINAL_DENOMINATORS:
        word = _ORDINAL_DENOMINATORS[int(bottom)]
        if top == "1":
            return f"one {word}"
        return f"{top} {word}s" if not word.endswith("f") else f"{top} halves"
    return f"{top} over {bottom}"


def _arguments(match: re.Match[str]) -> str:
    name, inner = match.group(1), match.group(2)
    parts = [part.strip() for part in re.split(r"[,‖|]", inner) if part.strip()]
    joiner = " from " if ("‖" in inner or "|" in inner) else " and "
    return f"{_name(name)} of {joiner.join(parts)}"


def _name(name: str) -> str:
    # KL is said letter by letter; a single capital (H, I, S) is its letter already.
    return " ".join(name) if name.isupper() and len(name) > 1 else name


def _trim_zeros(match: re.Match[str]) -> str:
    whole, decimals = match.group(1), match.group(2).rstrip("0")
    return f"{whole}.{decimals}" if decimals else whole


def spoken_form(text: str) -> str:
    """``text`` as a person would read it aloud.

    >>> spoken_form("H(p, q) = 1.737 bits, and KL(p‖q) ≥ 0.000.")
    'H of p and q equals 1.737 bits, and K L of p from q is at least 0.'
    """
    out = " ".join(text.split())
    out = out.translate(_SUBSCRIPTS)
    out = re.sub(r"\blog_?\(?(\d+)\)?(?= )", r"log base \1", out)
    out = re.sub(r"\b(log(?: base \d+)?) (?=\d+ ?/)", r"\1 of ", out)
    out = re.sub(r"\bln\b", "natural log", out)
    out = re.sub(r'"([^"]*)"', r"\1", out)  # quoted names, as in H("fair", "rigged")
    # Function notation: H(p), H(p, q), KL(p‖q), q(heads), softmax(θ).
    for _ in range(2):  # nested once at most: H(q(x))
        out = re.sub(r"\b([A-Za-z]+)\(([^()]*)\)", _arguments, out)
    out = re.sub(r"(\d+|[a-z])\s*/\s*(\d+|[a-z](?:\([^)]*\))?)\b", _fraction, out)
    out = re.sub(r"(?<![\d.])(\d+)\.(\d*0)\b", _trim_zeros, out)
    out = re.sub(r"\bKL\b", "K L", out)
    out = re.sub(r"(\d)\s*\^\s*(\d+)", r"\1 to the power \2", out)
    for symbol, words in _SYMBOLS.items():
        out = out.replace(symbol, words)
    out = re.sub(r"(?<=\s)-(?=\s*\d)", "minus ", out)
    out = re.sub(r"\s+([,.;:!?])", r"\1", out)
    out = re.sub(r",\s*,", ",", out)
    return " ".join(out.split())


def unspeakable(text: str) -> list[str]:
    """What in ``text`` should never reach a voice: symbols, brackets, formula syntax,
    and numbers written with trailing zeros ("1.000" reads as "one point zero zero zero")."""
    found = sorted({ch for ch in text if not SPEAKABLE.fullmatch(ch)})
    found += re.findall(r"\b\d+\.\d*0\b", text)
    found += re.findall(r"\b[a-z]_\w+|\^", text)
    return found

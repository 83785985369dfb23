"""The style analysis answer the fake Gemini gives (tests/fake_gemini.py speaks the wire)."""

from __future__ import annotations

from typing import Any

from tests.fake_gemini import FakeGemini

__all__ = ["STYLE_ANSWER", "FakeGeminiJson"]

STYLE_ANSWER: dict[str, Any] = {
    "items": ["Blazer", "trousers", "loafers"],
    "colours": [
        {"name": "navy", "hex": "#1f2a44", "share": 0.6},
        {"name": "cream", "hex": "#F6F1E0", "share": 0.3},
        {"name": "tan", "hex": "not a hex", "share": 0.1},
    ],
    "patterns": ["solid"],
    "materials": ["wool", "leather"],
    "silhouettes": ["tailored"],
    "formality": "smart-casual",
    "occasions": ["work", "dinner"],
    "aesthetics": [
        {"name": "classic", "confidence": 0.9},
        {"name": "boho", "confidence": 0.2},
        {"name": "cottagecore", "confidence": 0.5},
    ],
    "brightness": 0.4,
    "contrast": 0.5,
    "saturation": 0.2,
    "summary": "A tailored navy and cream work look.",
}


class FakeGeminiJson(FakeGemini):
    """The shared fake Gemini, answering a structured style analysis by default."""

    def __init__(self, statuses: list[int] | None = None, answer: Any = None) -> None:
        super().__init__(statuses, STYLE_ANSWER if answer is None else answer)

"""Style tools: analyse the shopper's photos, show, reset and adjust their style profile.

Photos arrive as image parts of the shopper's message; the tool reads them from the
invocation's user content (the model never has to pass image bytes around).
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

from google.adk.tools.tool_context import ToolContext

from cartmate.agent_runtime.results import tool_result
from cartmate.agent_runtime.services import ServiceProvider
from cartmate.errors import BadRequestError
from cartmate.style.analysis import StyleAnalysis
from cartmate.style.gemini_analysis import analyse_photo
from cartmate.style.images import load_image
from cartmate.style.profile import StyleProfile, normalise_word

__all__ = ["StyleTools"]

_MAX_IMAGES = 4


def _profile_view(profile: StyleProfile) -> dict[str, Any]:
    return {
        "leading_aesthetics": [
            {"name": name, "confidence": round(conf, 2)}
            for name, conf in profile.leading_aesthetics()
        ],
        "colours": dict(sorted(profile.colours.items(), key=lambda kv: -kv[1])[:6]),
        "likes": list(profile.likes),
        "dislikes": list(profile.dislikes),
        "images_analysed": profile.images_analysed,
    }


def _knows_more(profile: StyleProfile, likes: list[str], dislikes: list[str]) -> bool:
    """Whether the profile holds anything beyond these likes and dislikes."""
    return bool(
        set(profile.likes) - {normalise_word(w) for w in likes}
        or set(profile.dislikes) - {normalise_word(w) for w in dislikes}
        or profile.colours
        or profile.aesthetics
        or profile.categories
        or profile.price_band
    )


class StyleTools:
    """The style profiler's tools, bound to the process's services."""

    def __init__(self, provider: ServiceProvider) -> None:
        self._provider = provider

    @tool_result
    async def analyse_style_photo(
        self, tool_context: ToolContext, note: str | None = None
    ) -> dict[str, Any]:
        """Analyse the photo(s) the shopper attached to their message and learn their style.

        Args:
          note: Anything the shopper said about the photo (optional).
        """
        del note
        content = tool_context.user_content
        blobs = [
            p.inline_data
            for p in (content.parts if content and content.parts else [])
            if p.inline_data and p.inline_data.data
        ][:_MAX_IMAGES]
        if not blobs:
            raise BadRequestError("Please attach a photo (JPEG, PNG or WebP) for me to analyse.")
        services = await self._provider.get()
        # Decoding is CPU work: keep it off the event loop. Gemini analyses the photos when
        # the style profiler runs on Gemini; otherwise (or if it fails) the offline analyser.
        images = [await asyncio.to_thread(load_image, b.data or b"", b.mime_type) for b in blobs]
        analyses: list[StyleAnalysis] = [
            await analyse_photo(image, services.settings) for image in images
        ]
        now = datetime.now(UTC)

        def learn(profile: StyleProfile) -> StyleProfile:
            for analysis in analyses:
                profile.learn_from_analysis(analysis, now)
            return profile

        profile = await services.profiles.update(tool_context.user_id, learn)
        return {
            "status": "ok",
            "analyses": [a.model_dump(mode="json") for a in analyses],
            "summary": " ".join(a.summary for a in analyses),
            "profile": _profile_view(profile),
            "explanation": profile.explain(),
        }

    @tool_result
    async def show_style_profile(self, tool_context: ToolContext) -> dict[str, Any]:
        """The shopper's style profile: leading aesthetics, colours, likes and dislikes."""
        services = await self._provider.get()
        profile = await services.profiles.get(tool_context.user_id)
        return {"status": "ok", "profile": _profile_view(profile), "explanation": profile.explain()}

    @tool_result
    async def reset_style_profile(self, tool_context: ToolContext) -> dict[str, Any]:
        """Forget everything learned about the shopper's style."""
        services = await self._provider.get()
        await services.profiles.reset(tool_context.user_id)
        return {"status": "ok"}

    @tool_result
    async def record_style_preferences(
        self,
        tool_context: ToolContext,
        likes: list[str] | None = None,
        dislikes: list[str] | None = None,
        forget: list[str] | None = None,
        never: list[str] | None = None,
    ) -> dict[str, Any]:
        """Remember what the shopper says they like or dislike ("I don't like yellow"), or
        take back what they said about something ("forget what I said about gold").

        Args:
          likes: Colours, materials, styles or items the shopper likes.
          dislikes: Colours, materials, styles or items the shopper dislikes.
          forget: Words whose like or dislike the shopper takes back (the rest of the
            profile stays; to forget everything, reset the profile).
          never: Dislikes the shopper never wants to see ("never show me gold things",
            "nothing black, ever"): also left out of browsing and category lists.
        """
        likes = [w.strip().lower() for w in likes or [] if w.strip()][:20]
        dislikes = [w.strip().lower() for w in dislikes or [] if w.strip()][:20]
        forget = [w.strip().lower() for w in forget or [] if w.strip()][:20]
        never = [w.strip().lower() for w in never or [] if w.strip()][:20]
        if not likes and not dislikes and not forget and not never:
            raise BadRequestError('Tell me what you like or dislike, for example "no yellow".')
        services = await self._provider.get()

        def record(profile: StyleProfile) -> StyleProfile:
            profile.forget(forget)
            profile.record_statement(likes=likes, dislikes=dislikes)
            profile.never_show(never)
            return profile

        profile = await services.profiles.update(tool_context.user_id, record)
        said = []
        if forget:
            said.append("I've forgotten what you said about " + ", ".join(forget))
        if likes:
            said.append("you like " + ", ".join(likes))
        if dislikes:
            said.append("you don't like " + ", ".join(dislikes))
        if never:
            said.append("I won't show you anything " + ", ".join(never))
        return {
            "status": "ok",
            "likes": likes,
            "dislikes": dislikes,
            "never": never,
            "forgotten": forget,
            "summary": "Noted: " + " and ".join(said) + ".",
            # Only when the profile knows more than what was just said (no echo).
            "explanation": profile.explain() if _knows_more(profile, likes, dislikes) else "",
        }

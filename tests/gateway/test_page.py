"""The web chat page in a real browser: Debian's Chromium, driven by Playwright, on the gateway.

Needs the `playwright` Python package and `/usr/bin/chromium` (apt package `chromium`); the
tests skip without them. Playwright's own browser downloads are never used.
A screenshot of the page is kept in tests/artifacts/chat-page.png.
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from cartmate.config import Settings
from cartmate.gateway.app import create_app
from tests.agents.conftest import png_bytes
from tests.servers import serve

try:
    from playwright.async_api import Browser, Page, WebSocket, async_playwright, expect
except ImportError:
    pytest.skip("playwright is not installed (pip install playwright)", allow_module_level=True)

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    if os.environ.get("CARTMATE_REQUIRE_BROWSER"):  # CI installs it: missing is a failure
        raise RuntimeError("CARTMATE_REQUIRE_BROWSER is set but /usr/bin/chromium is missing")
    pytest.skip(
        "no browser: /usr/bin/chromium is missing (apt-get install chromium)",
        allow_module_level=True,
    )

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1200, "height": 820}
PHONE = {"width": 360, "height": 740}
WAIT_MS = 15_000

# Records every text the newest assistant bubble and the status line showed, to see streaming.
RECORDER = """
window.__shown = []; window.__activity = [];
new MutationObserver(() => {
  const texts = document.querySelectorAll('.msg--assistant .text');
  if (texts.length) window.__shown.push(texts[texts.length - 1].textContent);
  const status = document.getElementById('activity');
  if (status && status.textContent) window.__activity.push(status.textContent);
}).observe(document, {subtree: true, childList: true, characterData: true});
"""


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        try:
            yield launched
        finally:
            await launched.close()


class ChatPage:
    """The page plus what it received over its sockets and any uncaught script errors."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.sockets: list[WebSocket] = []
        self.frames: list[dict[str, Any]] = []
        self.errors: list[str] = []
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on("websocket", self._socket)

    def _socket(self, socket: WebSocket) -> None:
        self.sockets.append(socket)
        socket.on("framereceived", lambda payload: self.frames.append(json.loads(payload)))

    @classmethod
    async def open(cls, browser: Browser, base_url: str, viewport: dict[str, int]) -> ChatPage:
        page = await browser.new_page(viewport=viewport)  # type: ignore[arg-type]
        page.set_default_timeout(WAIT_MS)
        await page.add_init_script(RECORDER)
        chat = cls(page)
        await page.goto(base_url + "/")
        await expect(page.locator("#conn")).to_have_attribute("data-state", "online")
        return chat

    async def say(self, text: str) -> None:
        """Type and press Enter, then wait until the turn is over."""
        box = self.page.get_by_label("Message CartMate")
        await box.fill(text)
        await box.press("Enter")
        await self.settled()

    async def settled(self) -> None:
        await expect(self.page.locator("#stop")).to_be_hidden()
        await expect(self.page.locator("#send")).to_be_enabled()
        await expect(self.page.locator(".msg--waiting")).to_have_count(0)

    async def session(self) -> dict[str, Any]:
        return json.loads(
            await self.page.evaluate("sessionStorage.getItem('cartmate.session')") or "null"
        )

    def assistant(self) -> Any:
        return self.page.locator(".msg--assistant:not(.msg--intro)")


async def test_search_streams_and_the_cart_panel_follows(
    browser: Browser, gateway_url: str
) -> None:
    chat = await ChatPage.open(browser, gateway_url, DESKTOP)
    page = chat.page

    await chat.say("sunglasses under 25 dollars")
    await expect(chat.assistant().last.locator(".text")).to_contain_text("Sunglasses ($19.99)")
    answer = next(f["text"] for f in chat.frames if f.get("type") == "message")
    await expect(chat.assistant().last.locator(".text")).to_have_text(answer)
    partials = [f["text"] for f in chat.frames if f.get("type") == "partial"]
    assert len(partials) >= 2 and "".join(partials) == answer
    shown = await page.evaluate("window.__shown")
    assert any(0 < len(text) < len(answer) and answer.startswith(text) for text in shown), shown

    card = page.locator(".product", has_text="Sunglasses")
    await expect(card).to_have_count(1)
    await expect(card.locator(".price")).to_have_text("$19.99")
    await expect(card.locator(".category")).to_have_text("accessories")
    # Online Boutique's picture path is not served here: the initial stands in for it.
    await expect(card.locator(".pic .initial")).to_have_text("S")
    await expect(card.locator(".pic img")).to_have_count(0)
    await expect(page.locator("#currency")).to_have_text("Prices in USD")

    await chat.say("add two mugs to my cart")
    lines = page.locator(".cart .line")
    await expect(lines).to_have_count(1)
    await expect(lines.first.locator(".qty-name")).to_have_text("2 × Mug")
    await expect(page.locator(".cart .total strong")).to_have_text("$17.98")
    await expect(page.locator("#cart-summary")).to_have_text("2 items · $17.98")
    assert "Asking the cart manager…" in await page.evaluate("window.__activity")
    await expect(page.locator("#activity")).to_have_text("")

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / "chat-page.png"), animations="disabled")
    assert chat.errors == []


async def test_phone_width_keeps_the_composer_usable(browser: Browser, gateway_url: str) -> None:
    chat = await ChatPage.open(browser, gateway_url, PHONE)
    page = chat.page
    box = page.get_by_label("Message CartMate")
    await expect(box).to_be_visible()
    await expect(box).to_be_focused()
    await box.press_sequentially("first line")
    await box.press("Shift+Enter")
    await box.press_sequentially("second line")
    await expect(box).to_have_value("first line\nsecond line")
    await expect(page.locator(".msg--user")).to_have_count(0)  # Shift+Enter did not send

    await chat.say("something for the kitchen")
    await expect(page.locator(".product")).to_have_count(3)
    for control in (box, page.locator("#send"), page.locator("#attach")):
        where = await control.bounding_box()
        assert where is not None
        assert where["x"] >= 0 and where["x"] + where["width"] <= PHONE["width"]
        assert where["y"] >= 0 and where["y"] + where["height"] <= PHONE["height"]
    assert await page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    await page.screenshot(path=str(ARTIFACTS / "chat-page-phone.png"), animations="disabled")
    assert chat.errors == []


async def test_reconnects_and_resumes_the_session(browser: Browser, gateway_url: str) -> None:
    chat = await ChatPage.open(browser, gateway_url, DESKTOP)
    page = chat.page
    await chat.say("show my cart")
    before = await chat.session()
    assert before["last_seq"] > 0

    async with page.expect_websocket() as reopened:
        await page.evaluate("window.cartmate.socket.close()")
    resumed = (await reopened.value).url
    await expect(page.locator("#conn")).to_have_attribute("data-state", "online")
    assert f"session_id={before['session_id']}" in resumed
    assert f"last_seq={before['last_seq']}" in resumed
    hello = [f for f in chat.frames if f.get("type") == "session"]
    assert [f["resumed"] for f in hello] == [False, True]
    assert (await chat.session())["session_id"] == before["session_id"]

    await chat.say("add two mugs to my cart")
    await expect(page.locator(".cart .line .qty-name")).to_have_text("2 × Mug")

    await page.reload()  # a reloaded tab resumes the same session and shows the cart it had
    await expect(page.locator("#conn")).to_have_attribute("data-state", "online")
    await expect(page.locator(".cart .line .qty-name")).to_have_text("2 × Mug")
    hello = [f for f in chat.frames if f.get("type") == "session"]
    assert hello[-1]["resumed"] is True and hello[-1]["session_id"] == before["session_id"]
    await chat.say("show my cart")
    await expect(chat.assistant().last.locator(".text")).to_contain_text("2 × Mug")
    assert chat.errors == []


async def test_a_turn_survives_the_socket_dropping_mid_turn(
    browser: Browser, gateway_url: str
) -> None:
    chat = await ChatPage.open(browser, gateway_url, DESKTOP)
    page = chat.page
    box = page.get_by_label("Message CartMate")
    await box.fill("something for the kitchen")
    async with page.expect_websocket():
        await box.press("Enter")
        await page.evaluate("window.cartmate.socket.close()")  # the message is out, the turn not
    await chat.settled()

    # The missed frames were replayed once: one answer, whole, and the message counts as sent.
    answer = chat.assistant()
    await expect(answer).to_have_count(1)
    message = next(f for f in chat.frames if f.get("type") == "message")
    await expect(answer.locator(".text")).to_have_text(message["text"])
    await expect(answer.locator(".product")).to_have_count(3)
    await expect(page.locator(".msg--failed")).to_have_count(0)
    await expect(box).to_have_value("")

    # Frames seen before (seq <= the last one) are skipped if they ever come again.
    shown = await page.locator("#transcript").inner_text()
    again = [f for f in chat.frames if f["type"] != "session"]
    await page.evaluate(
        """(frames) => frames.forEach((frame) =>
             window.cartmate.socket.onmessage({data: JSON.stringify(frame)}))""",
        again,
    )
    assert await page.locator("#transcript").inner_text() == shown
    await expect(answer.locator(".product")).to_have_count(3)
    assert chat.errors == []


async def test_photo_upload_shows_a_thumbnail_and_a_style_card(
    browser: Browser, gateway_url: str
) -> None:
    chat = await ChatPage.open(browser, gateway_url, DESKTOP)
    page = chat.page
    await page.locator("#photo").set_input_files(
        files=[{"name": "red.png", "mimeType": "image/png", "buffer": png_bytes((200, 30, 30))}]
    )
    await expect(page.locator("#attachments img")).to_have_count(1)
    blue = base64.b64encode(png_bytes((30, 30, 200))).decode()
    await page.evaluate(  # a pasted image joins the attachments
        """(data) => {
          const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
          const dt = new DataTransfer();
          dt.items.add(new File([bytes], 'blue.png', {type: 'image/png'}));
          document.getElementById('message').dispatchEvent(
            new ClipboardEvent('paste', {clipboardData: dt, bubbles: true, cancelable: true}));
        }""",
        blue,
    )
    await expect(page.locator("#attachments img")).to_have_count(2)
    await page.locator("#attachments .remove").last.click()
    await expect(page.locator("#attachments img")).to_have_count(1)

    await page.get_by_label("Message CartMate").press("Enter")  # a photo alone is a message
    await chat.settled()
    await expect(page.locator(".msg--user .thumbs img")).to_have_count(1)
    await expect(page.locator("#attachments")).to_be_hidden()
    sent = await page.evaluate("document.querySelector('.msg--user .thumbs img').naturalWidth")
    assert sent == 64
    await expect(page.locator(".style-card")).to_contain_text("red")
    assert chat.errors == []


@pytest.fixture
async def limited_url(settings: Settings) -> AsyncIterator[str]:
    limited = settings.model_copy(update={"messages_per_minute": 1})
    async with serve(create_app(limited), lifespan="on") as url:
        yield url


async def test_rate_limited_message_is_explained_and_kept(
    browser: Browser, limited_url: str
) -> None:
    chat = await ChatPage.open(browser, limited_url, DESKTOP)
    page = chat.page
    await chat.say("hi")
    box = page.get_by_label("Message CartMate")
    await box.fill("show my cart")
    await box.press("Enter")
    await expect(page.locator(".note--error")).to_contain_text("a little fast")
    await expect(page.locator(".msg--failed")).to_contain_text("Not sent yet.")
    await expect(box).to_have_value("show my cart")  # ready to send again
    await expect(page.locator("#send")).to_be_enabled()
    assert chat.errors == []

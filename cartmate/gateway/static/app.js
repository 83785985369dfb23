// CartMate web chat. Speaks the gateway's WebSocket protocol (docs: websocket.md, version 1):
// one socket to /ws, resumed after a drop with session_id/token/last_seq kept in sessionStorage.
// Server text is only ever inserted with textContent, never as HTML.

const $ = (id) => document.getElementById(id);
const ui = {
  transcript: $("transcript"), activity: $("activity"), conn: $("conn"), currency: $("currency"),
  form: $("composer"), input: $("message"), photo: $("photo"), attachments: $("attachments"),
  send: $("send"), stop: $("stop"), cartDetails: $("cart-details"), cartSummary: $("cart-summary"),
  cartBody: $("cart-body"),
};

const STORE_KEY = "cartmate.session";
const CART_KEY = "cartmate.cart"; // the last cart shown, for a reloaded page
const IMAGE_TYPES = ["image/jpeg", "image/png", "image/webp"];
const MAX_IMAGES = 4; // the server's defaults: 4 images a message, 12 MB a frame
const MAX_FRAME_CHARS = 11 * 1024 * 1024;
const SHRINK_OVER_BYTES = 1.5 * 1024 * 1024; // bigger photos are re-encoded to at most 1600 px
const AGENTS = {
  product_discovery: "product finder", cart_manager: "cart manager",
  style_profiler: "style profiler", price_comparison: "price comparer",
};
const TOOLS = {
  search_products: "Searching the catalog", suggest_complements: "Finding things that go with it",
  get_product_details: "Looking up the product", view_cart: "Checking your cart",
  add_to_cart: "Adding to your cart", remove_from_cart: "Removing from your cart",
  set_cart_quantity: "Updating your cart", empty_cart: "Emptying your cart",
  compare_prices: "Comparing prices", create_price_alert: "Setting a price alert",
  list_price_alerts: "Checking your price alerts", delete_price_alert: "Removing a price alert",
  analyse_style_photo: "Looking at your photo", show_style_profile: "Reading your style profile",
  record_style_preferences: "Noting your preferences", reset_style_profile: "Resetting your style",
  set_display_currency: "Switching the currency",
};
const ERRORS = {
  busy: "I'm still working on your previous message. Please wait for it to finish.",
  rate_limited: "You're sending messages a little fast. Please wait a moment and try again.",
  too_large: "That's too large to send. Please try a smaller photo.",
  unavailable: "Part of the shop isn't answering right now. Please try again in a moment.",
  internal: "Something went wrong on our side. Please try again.",
};

const state = {
  socket: null,
  ready: false, // the socket's session frame has arrived
  session: load(), // {session_id, token, user_id, last_seq} or null
  retries: 0,
  pinger: 0,
  turns: new Map(), // turn_id -> {li, body, text}
  running: null, // turn_id of the turn in progress
  pending: null, // {id, text, li, sent}: the message waiting for its turn_start
  outbox: [], // frames written while the socket was down
  images: [], // [{mime_type, data, url}] attached to the next message
};

// ------------------------------------------------------------------ session storage

function load() {
  try { return JSON.parse(sessionStorage.getItem(STORE_KEY)) || null; } catch { return null; }
}

function save() {
  if (state.session) sessionStorage.setItem(STORE_KEY, JSON.stringify(state.session));
  else sessionStorage.removeItem(STORE_KEY);
}

// ------------------------------------------------------------------ connection

function connect() {
  const url = new URL("ws", location.href);
  url.protocol = location.protocol === "https:" ? "wss:" : "ws:";
  const s = state.session;
  if (s) {
    url.search = new URLSearchParams({
      session_id: s.session_id, token: s.token, last_seq: String(s.last_seq ?? 0),
    });
  }
  setConn("connecting", state.retries ? "Reconnecting…" : "Connecting…");
  const ws = new WebSocket(url);
  state.socket = ws;
  state.ready = false;
  ws.onmessage = (event) => {
    let frame;
    try { frame = JSON.parse(event.data); } catch { return; }
    if (frame && typeof frame === "object") onFrame(frame);
  };
  ws.onclose = (event) => {
    if (state.socket !== ws) return;
    state.socket = null;
    state.ready = false;
    clearInterval(state.pinger);
    if (event.code === 4401) { // this session's token was refused: start a new session
      state.session = null;
      save();
      renderCart(null, false);
      endTurnUi();
      note("Your earlier conversation couldn't be resumed, so I'm starting a new one.");
    }
    if (state.pending?.sent) releasePending("Not sent: the connection dropped.");
    const delay = Math.min(10000, 400 * 2 ** state.retries) * (0.75 + Math.random() / 2);
    state.retries += 1;
    setConn("offline", "Reconnecting…");
    setTimeout(connect, event.code === 4401 ? 0 : delay);
  };
}

/** Send now if the session is open, else queue (unless `queue` is false); true when sent. */
function transmit(frame, queue = true) {
  if (state.ready && state.socket?.readyState === WebSocket.OPEN) {
    state.socket.send(JSON.stringify(frame));
    return true;
  }
  if (queue) state.outbox.push(frame);
  return false;
}

function setConn(kind, text) {
  ui.conn.dataset.state = kind;
  ui.conn.textContent = text;
}

// ------------------------------------------------------------------ frames

function onFrame(frame) {
  if (frame.type === "session") return onSession(frame);
  if (typeof frame.seq === "number") {
    if (state.session && frame.seq <= state.session.last_seq) return; // seen before the drop
    if (state.session) {
      state.session.last_seq = frame.seq;
      save();
    }
  }
  switch (frame.type) {
    case "turn_start": return onTurnStart(frame);
    case "thinking": return activity(frame.text);
    case "delegation": return onDelegation(frame);
    case "tool":
      if (frame.status === "started") activity(`${TOOLS[frame.name] || words(frame.name)}…`);
      return;
    case "partial": return onPartial(frame);
    case "message": return onMessage(frame);
    case "turn_end": return onTurnEnd(frame);
    case "error": return onError(frame);
    case "notification": return onNotification(frame);
    default: return; // pong and frame types added later
  }
}

function onSession(frame) {
  const previous = state.session;
  const same = previous && previous.session_id === frame.session_id;
  state.session = {
    session_id: frame.session_id, token: frame.token, user_id: frame.user_id,
    last_seq: same && frame.resumed ? previous.last_seq : frame.seq,
  };
  save();
  if (previous && !same) { // the old session expired: the server opened a new one
    note("Your earlier conversation has expired, so this is a new one.");
    renderCart(null, false);
    endTurnUi();
  }
  state.retries = 0;
  state.ready = true;
  setConn("online", "Connected");
  clearInterval(state.pinger);
  state.pinger = setInterval(() => transmit({ type: "ping" }, false), 25000);
  for (const queued of state.outbox.splice(0)) transmit(queued);
  if (state.pending) state.pending.sent = true;
}

function onTurnStart(frame) {
  if (frame.message_id) {
    const li = ui.transcript.querySelector(`[data-message-id="${CSS.escape(frame.message_id)}"]`);
    if (li?.classList.contains("msg--failed")) { // it did arrive after all
      li.classList.remove("msg--failed");
      li.querySelector(".failed-note")?.remove();
      if (ui.input.value === li.querySelector(".text")?.textContent) ui.input.value = "";
    }
    if (state.pending?.id === frame.message_id) state.pending = null;
  }
  turn(frame.turn_id);
  state.running = frame.turn_id;
  setBusy(true);
}

function onDelegation(frame) {
  const who = AGENTS[frame.agent] || words(frame.agent);
  if (frame.status === "started") activity(`Asking the ${who}…`);
  else if (frame.status === "failed") activity(`The ${who} couldn't finish.`);
}

function onPartial(frame) {
  const t = turn(frame.turn_id);
  following(() => {
    t.text += frame.text;
    t.body.textContent = t.text;
    t.li.classList.remove("msg--waiting");
  });
}

function onMessage(frame) {
  const t = turn(frame.turn_id);
  following(() => {
    t.text = frame.text; // the partials' text, final
    t.body.textContent = frame.text;
    t.li.classList.remove("msg--waiting");
    renderData(t.li.querySelector(".bubble"), frame.data || {});
  });
}

function onTurnEnd(frame) {
  const t = state.turns.get(frame.turn_id);
  if (t) {
    const bubble = t.li.querySelector(".bubble");
    t.li.classList.remove("msg--waiting");
    bubble.setAttribute("aria-busy", "false");
    if (frame.status === "cancelled") addNote(t.li, "Stopped.");
    if (!t.text && !bubble.querySelector(".products, .quotes, .alerts, .style-card")) {
      if (frame.status === "cancelled") bubble.remove();
      else t.li.remove(); // nothing to show; an error note says why
    }
    state.turns.delete(frame.turn_id);
  }
  if (state.running === frame.turn_id || !state.running) endTurnUi();
}

function onError(frame) {
  if (!state.ready) { // refused before the session frame: the close that follows retries
    if (frame.code !== "unauthorized") setConn("offline", "Server busy, retrying…");
    return;
  }
  const text = ERRORS[frame.code] || frame.message || ERRORS.internal;
  if (!frame.turn_id && state.pending) { // the message we just sent was refused
    releasePending(frame.retryable ? "Not sent yet." : "Not sent.");
  }
  note(text, "error");
}

function onNotification(frame) {
  let text = frame.message || frame.text;
  if (!text && frame.product_name) {
    const now = frame.display_price ? ` is now ${frame.display_price}` : "";
    text = `Price alert: ${frame.product_name}${now}.`;
  }
  note(text || `Update: ${words(frame.kind || "notification")}`, "notice");
}

// ------------------------------------------------------------------ transcript

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function words(name) {
  return String(name || "").replace(/_/g, " ");
}

function nearBottom() {
  const t = ui.transcript;
  return t.scrollHeight - t.scrollTop - t.clientHeight < 120;
}

/** Run `change`, then keep the newest content in view if the reader was at the bottom. */
function following(change) {
  const stick = nearBottom();
  change();
  if (stick) ui.transcript.scrollTop = ui.transcript.scrollHeight;
}

function append(li) {
  following(() => ui.transcript.append(li));
}

function turn(turnId) {
  let t = state.turns.get(turnId);
  if (!t) {
    const li = el("li", "msg msg--assistant msg--waiting");
    const bubble = el("div", "bubble");
    bubble.setAttribute("aria-busy", "true");
    const body = el("p", "text");
    const dots = el("span", "dots");
    dots.setAttribute("aria-hidden", "true");
    dots.append(el("i"), el("i"), el("i"));
    bubble.append(body, dots);
    li.append(el("span", "visually-hidden", "CartMate: "), bubble);
    append(li);
    t = { li, body, text: "" };
    state.turns.set(turnId, t);
  }
  return t;
}

function addUserMessage(id, text, images) {
  const li = el("li", "msg msg--user");
  li.dataset.messageId = id;
  li.append(el("span", "visually-hidden", "You: "));
  if (images.length) {
    const row = el("div", "thumbs");
    images.forEach((image, index) => {
      const img = el("img");
      img.src = image.url;
      img.alt = `Your photo ${index + 1}`;
      row.append(img);
    });
    li.append(row);
  }
  if (text) {
    const bubble = el("div", "bubble");
    bubble.append(el("p", "text", text));
    li.append(bubble);
  }
  append(li);
  return li;
}

function addNote(li, text) {
  li.append(el("p", "failed-note", text));
}

function note(text, kind = "info") {
  const li = el("li", `note note--${kind}`, text);
  append(li);
}

function releasePending(why) {
  const pending = state.pending;
  if (!pending) return;
  state.pending = null;
  pending.li.classList.add("msg--failed");
  addNote(pending.li, why);
  if (!ui.input.value.trim()) ui.input.value = pending.text; // ready to send again
  autosize();
  setBusy(Boolean(state.running));
}

function activity(text) {
  ui.activity.textContent = text || "";
  ui.activity.classList.toggle("active", Boolean(text));
}

function endTurnUi() {
  state.running = null;
  activity("");
  setBusy(Boolean(state.pending));
}

function setBusy(busy) {
  ui.stop.hidden = !state.running;
  ui.send.disabled = busy;
  ui.form.classList.toggle("busy", busy);
}

// ------------------------------------------------------------------ structured data

function renderData(bubble, data) {
  const some = (list) => Array.isArray(list) && list.length > 0;
  if (some(data.products)) bubble.append(productList(data.products));
  if (data.cart) renderCart(data.cart);
  if (some(data.prices)) bubble.append(priceList(data.prices));
  if (some(data.alerts)) bubble.append(alertList(data.alerts));
  if (data.style_profile) {
    const card = styleCard(data.style_profile);
    if (card) bubble.append(card);
  }
  const money = data.cart?.total || data.products?.[0]?.price || data.prices?.[0]?.price;
  setCurrency(data.cart?.currency || money?.currency_code);
}

function formatMoney(money, display) {
  if (display) return display;
  if (!money) return "";
  const amount = Number(money.units || 0) + Number(money.nanos || 0) / 1e9;
  try {
    const format = { style: "currency", currency: money.currency_code };
    return new Intl.NumberFormat(undefined, format).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${money.currency_code || ""}`.trim();
  }
}

function picture(product) {
  const frame = el("div", "pic");
  const initial = el("span", "initial", (product.name || "?").trim().charAt(0).toUpperCase());
  initial.setAttribute("aria-hidden", "true");
  frame.style.setProperty("--hue", String(hue(product.name || "")));
  frame.append(initial);
  const src = String(product.picture || "");
  if (/^(https?:\/\/|\/)/.test(src)) {
    const img = el("img");
    img.alt = "";
    img.loading = "lazy";
    img.addEventListener("load", () => frame.classList.add("loaded"));
    img.addEventListener("error", () => img.remove());
    img.src = src;
    frame.append(img);
  }
  return frame;
}

function hue(text) {
  let h = 0;
  for (const ch of text) h = (h * 31 + ch.codePointAt(0)) % 360;
  return h;
}

function productList(products) {
  const list = el("ul", "products");
  list.setAttribute("aria-label", "Products");
  for (const p of products) {
    const card = el("li", "product");
    card.append(picture(p));
    const info = el("div", "info");
    info.append(el("h3", "name", p.name || "Product"));
    info.append(el("p", "price", formatMoney(p.price, p.display_price)));
    if (p.categories?.length) info.append(el("p", "category", p.categories.join(", ")));
    if (p.description) {
      const desc = el("p", "desc", p.description);
      desc.title = p.description;
      info.append(desc);
    }
    const add = el("button", "add", "Add to cart");
    add.type = "button";
    add.setAttribute("aria-label", `Add ${p.name} to cart`);
    add.addEventListener("click", () => say(`add ${p.name} to my cart`));
    info.append(add);
    card.append(info);
    list.append(card);
  }
  return list;
}

function priceList(prices) {
  const list = el("ul", "quotes");
  list.setAttribute("aria-label", "Prices at other shops");
  for (const q of prices) {
    const li = el("li");
    const linked = /^https?:\/\//.test(q.url || "");
    const shop = el(linked ? "a" : "span", "", q.retailer || (linked ? q.url : "Shop"));
    if (linked) {
      shop.href = q.url;
      shop.target = "_blank";
      shop.rel = "noopener noreferrer";
    }
    li.append(shop, el("span", "amount", formatMoney(q.price, q.display_price)));
    if (q.in_stock === false) li.append(el("span", "muted", "out of stock"));
    list.append(li);
  }
  return list;
}

function alertList(alerts) {
  const list = el("ul", "alerts");
  list.setAttribute("aria-label", "Price alerts");
  for (const a of alerts) {
    const target = formatMoney(a.target, a.display_target);
    const status = a.status && a.status !== "active" ? ` (${a.status})` : "";
    list.append(el("li", "", `${a.product_name || "Product"}: at or below ${target}${status}`));
  }
  return list;
}

function styleCard(profile) {
  const aesthetics = (profile.leading_aesthetics || []).filter((a) => a.confidence > 0);
  const colours = Object.entries(profile.colours || {}).sort((a, b) => b[1] - a[1]).slice(0, 4);
  if (!aesthetics.length && !colours.length) return null;
  const card = el("div", "style-card");
  card.append(el("h3", "", "Your style"));
  const chips = el("ul", "chips");
  for (const a of aesthetics) {
    chips.append(el("li", "chip", `${a.name} ${Math.round(a.confidence * 100)}%`));
  }
  for (const [name] of colours) {
    const chip = el("li", "chip chip--colour", name);
    chip.style.setProperty("--swatch", name);
    chips.append(chip);
  }
  card.append(chips);
  return card;
}

function renderCart(cart, flash = true) {
  if (cart) sessionStorage.setItem(CART_KEY, JSON.stringify(cart));
  else sessionStorage.removeItem(CART_KEY);
  const items = cart?.items || [];
  const count = cart?.item_count ?? items.reduce((n, i) => n + (i.quantity || 0), 0);
  const total = cart ? formatMoney(cart.total, cart.display_total) : "";
  const counted = `${count} item${count === 1 ? "" : "s"}`;
  ui.cartSummary.textContent = count ? `${counted} · ${total}` : "Empty";
  const body = el("div", "cart-body");
  body.id = "cart-body";
  if (!items.length) {
    body.append(el("p", "muted", "Your cart is empty."));
  } else {
    const list = el("ul", "lines");
    for (const line of items) {
      const li = el("li", "line");
      li.dataset.productId = line.product_id;
      li.append(
        el("span", "qty-name", `${line.quantity} × ${line.name}`),
        el("span", "line-total", formatMoney(line.line_total, line.display_line_total)),
        el("span", "unit muted", `${formatMoney(line.unit_price, line.display_unit_price)} each`),
      );
      list.append(li);
    }
    const totalRow = el("p", "total");
    totalRow.append(el("span", "", "Total"), el("strong", "", total));
    body.append(list, totalRow);
  }
  ui.cartBody.replaceWith(body);
  ui.cartBody = body;
  ui.cartDetails.classList.remove("flash");
  if (!flash) return;
  void ui.cartDetails.offsetWidth; // restart the highlight animation
  ui.cartDetails.classList.add("flash");
}

function setCurrency(code) {
  if (!code) return;
  ui.currency.hidden = false;
  ui.currency.textContent = `Prices in ${code}`;
}

// ------------------------------------------------------------------ composing

let counter = 0;
function newId() {
  counter += 1;
  return `m-${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2, 6)}`;
}

function say(text, images = []) {
  if (state.pending || state.running) {
    activity(`Still working on your last message…${state.running ? " (Stop cancels it)" : ""}`);
    return false;
  }
  const id = newId();
  const frame = { type: "message", id, text };
  if (images.length) frame.images = images.map(({ mime_type, data }) => ({ mime_type, data }));
  if (JSON.stringify(frame).length > MAX_FRAME_CHARS) {
    note("Those photos are too large to send together. Please send fewer or smaller ones.", "error");
    return false;
  }
  state.pending = { id, text, li: addUserMessage(id, text, images), sent: false };
  setBusy(true);
  activity("Sending…");
  state.pending.sent = transmit(frame);
  return true;
}

function submit() {
  const text = ui.input.value.trim();
  if (!text && !state.images.length) return;
  if (say(text, state.images)) {
    ui.input.value = "";
    state.images = [];
    renderAttachments();
    autosize();
  }
}

async function addFiles(files) {
  for (const file of files) {
    if (!IMAGE_TYPES.includes(file.type)) {
      note(`"${file.name || "That file"}" isn't a JPEG, PNG or WebP image.`, "error");
      continue;
    }
    if (state.images.length >= MAX_IMAGES) {
      note(`You can send up to ${MAX_IMAGES} photos at a time.`, "error");
      break;
    }
    try {
      const blob = file.size > SHRINK_OVER_BYTES ? await shrink(file) : file;
      const data = await base64(blob);
      state.images.push({ mime_type: blob.type, data, url: URL.createObjectURL(blob) });
    } catch {
      note("I couldn't read that image. Please try another one.", "error");
    }
  }
  renderAttachments();
}

async function shrink(file, max = 1600) {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, max / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("encode"))), "image/jpeg", 0.85));
}

function base64(blob) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).split(",", 2)[1] || "");
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

function renderAttachments() {
  ui.attachments.replaceChildren();
  ui.attachments.hidden = !state.images.length;
  state.images.forEach((image, index) => {
    const li = el("li");
    const img = el("img");
    img.src = image.url;
    img.alt = `Photo ${index + 1}`;
    const remove = el("button", "remove", "×");
    remove.type = "button";
    remove.setAttribute("aria-label", `Remove photo ${index + 1}`);
    remove.addEventListener("click", () => {
      state.images.splice(index, 1);
      renderAttachments();
      ui.input.focus();
    });
    li.append(img, remove);
    ui.attachments.append(li);
  });
}

function autosize() {
  ui.input.style.height = "auto";
  ui.input.style.height = `${Math.min(ui.input.scrollHeight, 160)}px`;
}

ui.form.addEventListener("submit", (event) => {
  event.preventDefault();
  submit();
});
ui.input.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    submit();
  } else if (event.key === "Escape" && state.running) {
    transmit({ type: "cancel" });
  }
});
ui.input.addEventListener("input", autosize);
ui.input.addEventListener("paste", (event) => {
  const files = [...(event.clipboardData?.files || [])].filter((f) => f.type.startsWith("image/"));
  if (files.length) {
    event.preventDefault();
    addFiles(files);
  }
});
ui.form.addEventListener("dragover", (event) => event.preventDefault());
ui.form.addEventListener("drop", (event) => {
  event.preventDefault();
  addFiles([...(event.dataTransfer?.files || [])]);
});
ui.photo.addEventListener("change", () => {
  addFiles([...ui.photo.files]);
  ui.photo.value = "";
  ui.input.focus();
});
$("attach").addEventListener("click", () => ui.photo.click());
ui.stop.addEventListener("click", () => {
  transmit({ type: "cancel" });
  ui.input.focus();
});
document.querySelectorAll("[data-say]").forEach((chip) =>
  chip.addEventListener("click", () => say(chip.dataset.say)));

ui.cartDetails.open = window.matchMedia("(min-width: 860px)").matches;
if (state.session) { // a reloaded page: show the last cart until the next one arrives
  try {
    const cart = JSON.parse(sessionStorage.getItem(CART_KEY));
    if (cart) {
      renderCart(cart, false);
      setCurrency(cart.currency);
    }
  } catch { /* nothing kept */ }
}
window.cartmate = { // for tests and debugging from the console
  get socket() { return state.socket; },
  get session() { return state.session; },
};
connect();
ui.input.focus();

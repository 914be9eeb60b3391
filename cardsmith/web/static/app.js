// Shared by every page: API calls with clear errors, the flash line, the speech basket, downloads.
"use strict";

const cs = {
  async api(path, options = {}) {
    const res = await fetch(path, { credentials: "same-origin", ...options });
    if (!res.ok) {
      let message = `${res.status} ${res.statusText}`;
      try { message = (await res.json()).detail || message; } catch (_) { /* not JSON */ }
      throw new Error(message);
    }
    return res;
  },
  async json(path, body) {
    const res = await cs.api(path, body === undefined ? {} : {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
    });
    return res.json();
  },
  flash(message, isError = false) {
    const el = document.getElementById("flash");
    el.textContent = message;
    el.className = isError ? "flash error" : "flash";
    el.hidden = !message;
  },
  async busy(button, work) {
    button.disabled = true;
    try { return await work(); } catch (err) { cs.flash(err.message, true); } finally { button.disabled = false; }
  },
  async download(path, body, filename) {
    const res = await cs.api(path, {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
    });
    const url = URL.createObjectURL(await res.blob());
    const a = Object.assign(document.createElement("a"), { href: url, download: filename });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  },
  basket: {
    key: "cardsmith.basket",
    items() { try { return JSON.parse(localStorage.getItem(this.key)) || []; } catch (_) { return []; } },
    save(items) { localStorage.setItem(this.key, JSON.stringify(items)); cs.basket.changed(); },
    // `counted` is the card's reading (words and what they are), for the speech's total time.
    add(id, tag, counted) { const items = this.items(); if (!items.some((i) => i.id === id)) items.push({ id, tag, ...counted }); this.save(items); },
    changed() { document.getElementById("basket-count").textContent = String(cs.basket.items().length); document.dispatchEvent(new Event("basket")); },
  },
};

// Any page's "Add to speech" buttons (search results, full library cards, a card's page).
document.addEventListener("DOMContentLoaded", () => {
  const inSpeech = new Set(cs.basket.items().map((i) => i.id));
  for (const button of document.querySelectorAll(".add-basket")) {
    if (inSpeech.has(button.dataset.id)) button.textContent = "In speech";
    button.addEventListener("click", () => {
      cs.basket.add(button.dataset.id, button.dataset.tag, cs.reading.count(button.closest(".card").querySelector(".body")));
      button.textContent = "In speech";
    });
  }
  cs.basket.changed();
});

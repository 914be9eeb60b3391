// Reading time of every card shown: debaters budget a speech by the words they read aloud, at
// their own speed (words per minute, set in the header and kept in localStorage).
"use strict";

cs.reading = {
  key: "cardsmith.wpm",
  wpm() { const n = Number(localStorage.getItem(this.key)); return n >= 60 && n <= 600 ? n : 250; },
  // What is read aloud: the highlighted words; with none, the underlined ones; else the whole body.
  // Pieces of other marks between them break words apart, so a clipped "gov|ernment" counts once.
  count(body) {
    const spans = [...body.querySelectorAll("span")];
    for (const [cls, basis] of [["h", "read"], ["u", "underlined"]]) {
      if (!spans.some((s) => s.classList.contains(cls))) continue;
      const text = spans.map((s) => (s.classList.contains(cls) ? s.textContent : " ")).join("");
      return { words: (text.match(/\S+/g) || []).length, basis };
    }
    return { words: (body.textContent.match(/\S+/g) || []).length, basis: "whole card" };
  },
  label({ words, basis }) {
    const secs = Math.round((60 * words) / this.wpm());
    return `${basis}: ${words} word${words === 1 ? "" : "s"} · ${Math.floor(secs / 60)}:${String(secs % 60).padStart(2, "0")} at ${this.wpm()} wpm`;
  },
  // Writes (or rewrites) the card's reading line under its body.
  show(card) {
    const body = card.querySelector(".body");
    let line = card.querySelector(".read-time");
    if (!line) { line = Object.assign(document.createElement("p"), { className: "read-time" }); body.after(line); }
    const counted = this.count(body);
    Object.assign(line.dataset, { words: String(counted.words), basis: counted.basis });
    line.textContent = this.label(counted);
    return counted;
  },
  showAll() { for (const card of document.querySelectorAll("article.card[data-kind=card], #card-view")) if (card.querySelector(".body")) this.show(card); },
};

document.addEventListener("DOMContentLoaded", () => {
  const input = document.getElementById("wpm");
  input.value = String(cs.reading.wpm());
  input.addEventListener("change", () => {
    if (!input.checkValidity()) { input.value = String(cs.reading.wpm()); return; }
    localStorage.setItem(cs.reading.key, input.value);
    cs.reading.showAll();
    document.dispatchEvent(new Event("wpm"));
  });
  cs.reading.showAll();
});

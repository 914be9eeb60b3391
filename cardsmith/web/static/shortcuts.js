// The card editors' keys (Cut page, card page), as Verbatim users know them: F9 underline, F10 emphasis, F11 highlight, with
// Alt+letter stand-ins for browsers and systems that keep the F-keys; "?" lists them.
"use strict";

const SHORTCUTS = [
  { keys: ["F9", "Alt+U"], code: "KeyU", action: "underline", what: "underline the words last clicked or dragged over; click or drag then marks underline" },
  { keys: ["F10", "Alt+E"], code: "KeyE", action: "emphasis", what: "emphasis, the same way" },
  { keys: ["F11", "Alt+H"], code: "KeyH", action: "highlight", what: "highlight, the same way" },
  { keys: ["Alt+N"], code: "KeyN", action: "next", what: "next best passage" },
  { keys: ["Alt+A"], code: "KeyA", action: "speech", what: "save the card and add it to the speech" },
  { keys: ["?"], action: "help", what: "this list" },
];

// `actions` maps each action name a page has to what it does (the card page's editor has only the
// mark keys); `active` says whether the card is on screen. F-keys work anywhere (Verbatim's keys work
// while typing); the others only outside text fields, so typing a "?" or Alt+letter there stays typing.
// The "?" list is on pages that have the #shortcuts-help dialog.
function installShortcuts(actions, active) {
  const help = document.getElementById("shortcuts-help");
  if (help) {
    help.querySelector("tbody").replaceChildren(...SHORTCUTS.filter((s) => s.action === "help" || actions[s.action]).map((s) => {
      const row = document.createElement("tr");
      row.append(el("td", "keys", s.keys.join(" or ")), el("td", "", s.what));
      return row;
    }));
    actions.help = () => { if (!help.open) help.showModal(); };
    document.getElementById("shortcuts-open").addEventListener("click", actions.help);
  }
  document.addEventListener("keydown", (ev) => {
    const hit = shortcutFor(ev, ev.target.closest("input, textarea, select, [contenteditable=true]"));
    if (!hit || !actions[hit.action] || (!active() && hit.action !== "help")) return;
    ev.preventDefault();
    actions[hit.action]();
  });
}

function shortcutFor(ev, typing) {
  if (/^F\d+$/.test(ev.key)) return SHORTCUTS.find((s) => s.keys.includes(ev.key));
  if (typing || ev.ctrlKey || ev.metaKey) return undefined;
  if (ev.altKey) return SHORTCUTS.find((s) => s.code === ev.code);
  return ev.key === "?" ? SHORTCUTS.find((s) => s.action === "help") : undefined;
}

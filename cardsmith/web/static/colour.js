// The highlight colour a debater reads in (Word's highlight colours), kept in localStorage: cards on
// every page are drawn in it, and the copied card and downloaded .docx use it.
"use strict";

cs.highlight = {
  key: "cardsmith.highlight",
  chosen() { try { return JSON.parse(localStorage.getItem(this.key)) || {}; } catch (_) { return {}; } },
  name() { return this.chosen().name || "yellow"; },
  css() { return this.chosen().css || "yellow"; },
};

document.documentElement.style.setProperty("--highlight", cs.highlight.css());
document.addEventListener("DOMContentLoaded", () => {
  const picker = document.getElementById("highlight-colour");
  if (!picker) return;
  picker.value = cs.highlight.name();
  picker.addEventListener("change", () => {
    const css = picker.selectedOptions[0].dataset.css;
    localStorage.setItem(cs.highlight.key, JSON.stringify({ name: picker.value, css }));
    document.documentElement.style.setProperty("--highlight", css);
  });
});

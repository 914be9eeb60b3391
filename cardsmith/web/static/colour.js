// How a debater's downloads and copies look, kept in localStorage: the highlight colour (Word's
// colours; cards on every page are drawn in it) and Verbatim's layout options: shrink (text outside
// the underline at 8 pt, shown so on the page too), condense and pilcrows (¶). Imported cards keep
// their own look; these lay out cards cut here.
"use strict";

cs.highlight = {
  key: "cardsmith.highlight",
  chosen() { try { return JSON.parse(localStorage.getItem(this.key)) || {}; } catch (_) { return {}; } },
  name() { return this.chosen().name || "yellow"; },
  css() { return this.chosen().css || "yellow"; },
};

cs.layout = {
  key: "cardsmith.layout",
  defaults: { shrink: true, condense: false, pilcrows: false },
  chosen() {
    let kept = {};
    try { kept = JSON.parse(localStorage.getItem(this.key)) || {}; } catch (_) { kept = {}; }
    return Object.fromEntries(Object.entries(this.defaults).map(([k, d]) => [k, typeof kept[k] === "boolean" ? kept[k] : d]));
  },
  // What /api/export is asked for: the colour and the layout, as `cardsmith export` takes them.
  options() { return { highlight: cs.highlight.name(), ...this.chosen() }; },
  show() { document.documentElement.classList.toggle("no-shrink", !this.chosen().shrink); },
};

document.documentElement.style.setProperty("--highlight", cs.highlight.css());
cs.layout.show();
document.addEventListener("DOMContentLoaded", () => {
  const picker = document.getElementById("highlight-colour");
  if (picker) {
    picker.value = cs.highlight.name();
    picker.addEventListener("change", () => {
      const css = picker.selectedOptions[0].dataset.css;
      localStorage.setItem(cs.highlight.key, JSON.stringify({ name: picker.value, css }));
      document.documentElement.style.setProperty("--highlight", css);
    });
  }
  for (const box of document.querySelectorAll("input[data-layout]")) {
    box.checked = cs.layout.chosen()[box.dataset.layout];
    box.addEventListener("change", () => {
      localStorage.setItem(cs.layout.key, JSON.stringify({ ...cs.layout.chosen(), [box.dataset.layout]: box.checked }));
      cs.layout.show();
    });
  }
});

// The Search page's speech basket: reorder it, download it as one .docx.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);

  function move(items, i, by) {
    const j = i + by;
    if (j < 0 || j >= items.length) return;
    [items[i], items[j]] = [items[j], items[i]];
    cs.basket.save(items);
  }

  function draw() {
    const items = cs.basket.items();
    $("basket-empty").hidden = items.length > 0;
    $("basket-download").disabled = items.length === 0;
    const untimed = items.filter((i) => i.words === undefined).length;
    $("basket-time").textContent = items.length ? cs.reading.label({ words: items.reduce((n, i) => n + (i.words || 0), 0), basis: "Speech" })
      + (untimed ? ` (${untimed} card${untimed === 1 ? "" : "s"} added before timing: add again to count)` : "") : "";
    $("basket-list").replaceChildren(...items.map((item, i) => {
      const li = document.createElement("li");
      const up = Object.assign(document.createElement("button"), { type: "button", textContent: "↑", title: "move up" });
      const down = Object.assign(document.createElement("button"), { type: "button", textContent: "↓", title: "move down" });
      const drop = Object.assign(document.createElement("button"), { type: "button", textContent: "✕", title: "remove" });
      up.onclick = () => move(items, i, -1);
      down.onclick = () => move(items, i, 1);
      drop.onclick = () => { items.splice(i, 1); cs.basket.save(items); };
      li.append(`${item.tag || item.id} `, up, down, drop);
      return li;
    }));
  }

  document.addEventListener("basket", draw);
  document.addEventListener("wpm", draw);
  $("basket-clear").addEventListener("click", () => cs.basket.save([]));
  $("basket-download").addEventListener("click", (ev) => cs.busy(ev.target, () =>
    cs.download("/api/export", { ids: cs.basket.items().map((i) => i.id), format: "docx", name: "speech", ...cs.layout.options() }, "speech.docx")));
})();

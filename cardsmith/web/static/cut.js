// The Cut page: send the source and claim to /api/cut, then edit, re-mark, save, copy or download.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const view = new CardView($("card-view"), () => { $("saved-as").textContent = ""; });
  let cards = [], manual = [], index = 0;  // manual[i]: passage i's hand-made marks

  function show(i) {
    index = i;
    view.load(cards[i], manual[i]);
    $("tag-edit").value = cards[i].tag;
    $("passage-label").textContent = `Passage ${i + 1} of ${cards.length}`;
    $("next-passage").disabled = cards.length < 2;
    fillCite(cards[i].cite);
    $("result").hidden = false;
    $("saved-as").textContent = "";
  }

  function fillCite(cite) {
    for (const input of document.querySelectorAll("[data-cite]")) {
      const value = cite[input.dataset.cite];
      input.value = Array.isArray(value) ? value.join(", ") : (value || "");
    }
    warn(cite.missing || [], cite.warnings || []);
  }

  function warn(missing, warnings) {
    const list = $("cite-warnings");
    list.replaceChildren(...missing.map((f) => el("li", "", `Missing: ${f}`)), ...warnings.map((w) => el("li", "", w)));
  }

  function current() {
    const card = view.toJSON();
    card.tag = $("tag-edit").value;
    return card;
  }

  $("cut-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    cs.busy($("cut-button"), async () => {
      cs.flash("Cutting…");
      const form = new FormData(ev.target);
      if (!$("source-file").files.length) form.delete("file");
      form.set("count", "5");
      form.set("clip", $("clip").checked ? "true" : "false");
      const data = await (await cs.api("/api/cut", { method: "POST", body: form })).json();
      cards = data.cards;
      manual = [];
      cs.flash("");
      show(0);
      refreshCite();
    });
  });

  $("next-passage").addEventListener("click", () => {
    cards[index] = current();  // keep this passage's edits when coming back to it
    manual[index] = view.manual();
    show((index + 1) % cards.length);
  });
  $("tag-edit").addEventListener("input", () => { view.card.tag = $("tag-edit").value; view.render(); });

  // Re-mark the card: the density slider (null until moved = the learned default) and clipping.
  const density = $("density"), clip = $("clip");
  let share = null;
  async function remark() {
    const marks = await cs.json("/api/mark", { tag: $("tag-edit").value, body: view.card.body, highlight: share, clip: clip.checked });
    view.setMarks(marks);
  }
  density.addEventListener("change", () => cs.busy(density, async () => {
    $("density-out").textContent = `${density.value}%`;
    share = Number(density.value) / 100;
    await remark();
  }));
  clip.addEventListener("change", () => cs.busy(clip, remark));

  async function refreshCite() {
    const fields = {};
    for (const input of document.querySelectorAll("[data-cite]")) {
      fields[input.dataset.cite] = input.dataset.cite === "authors"
        ? input.value.split(",").map((s) => s.trim()).filter(Boolean) : input.value.trim() || null;
    }
    const cite = await cs.json("/api/cite", fields);
    view.card.cite = { ...view.card.cite, ...cite };
    delete view.card.cite.missing;
    cards[index].cite = view.card.cite;
    view.render();
    warn(cite.missing, cite.warnings || []);
  }
  for (const input of document.querySelectorAll("[data-cite]")) {
    input.addEventListener("change", () => refreshCite().catch((err) => cs.flash(err.message, true)));
  }

  $("save-card").addEventListener("click", (ev) => cs.busy(ev.target, async () => {
    const saved = await cs.json("/api/cards", { cards: [current()], origin: "web: cut" });
    $("saved-as").textContent = saved.duplicates ? `Already in the library as ${saved.ids[0]}` : `Saved as ${saved.ids[0]}`;
  }));

  $("copy-card").addEventListener("click", (ev) => cs.busy(ev.target, async () => {
    view.card.tag = $("tag-edit").value;
    const html = view.richHTML(), text = view.plainText();
    if (navigator.clipboard && window.ClipboardItem) {
      await navigator.clipboard.write([new ClipboardItem({
        "text/html": new Blob([html], { type: "text/html" }), "text/plain": new Blob([text], { type: "text/plain" }),
      })]);
    } else {
      const holder = Object.assign(document.createElement("div"), { contentEditable: "true" });
      holder.innerHTML = html;  // built from textContent above: already escaped
      document.body.append(holder);
      const range = document.createRange();
      range.selectNodeContents(holder);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      document.execCommand("copy");
      holder.remove();
    }
    cs.flash("Copied: paste into Word to keep the formatting.");
  }));

  $("download-card").addEventListener("click", (ev) => cs.busy(ev.target, () =>
    cs.download("/api/export", { cards: [current()], format: "docx", name: "card" }, "card.docx")));
})();

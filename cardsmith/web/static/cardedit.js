// The card page's editor: a library card's tag, cite and marks (its body is verbatim), saved from
// the version the page showed, so a card changed meanwhile is refused with both versions named.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const saved = JSON.parse($("card-data").textContent);
  let marksTouched = false;
  const view = new CardView($("edit-card"), () => { marksTouched = true; });

  function preview() {
    view.card.tag = $("edit-tag").value;
    view.card.cite.short = $("edit-short").value;
    view.card.cite.full = $("edit-full").value;
    view.render();
  }

  function open(editing) {
    $("editor").hidden = !editing;
    $("card-shown").hidden = editing;
    $("edit-button").hidden = editing;
    if (!editing) return;
    marksTouched = false;
    view.load(saved);
    $("edit-tag").value = saved.tag;
    $("edit-short").value = saved.cite.short;
    $("edit-full").value = saved.cite.full;
  }

  // Only what changed is sent: untouched marks keep their exact spans and the import's formatting.
  function edit() {
    const out = { version: saved.version };
    if ($("edit-tag").value !== saved.tag) out.tag = $("edit-tag").value;
    if ($("edit-short").value !== saved.cite.short || $("edit-full").value !== saved.cite.full) {
      out.cite = { ...saved.cite, short: $("edit-short").value, full: $("edit-full").value };
    }
    if (marksTouched) {
      const card = view.toJSON();
      for (const kind of ["underline", "emphasis", "highlight"]) out[kind] = card[kind];
    }
    return out;
  }

  for (const id of ["edit-tag", "edit-short", "edit-full"]) $(id).addEventListener("input", preview);
  installShortcuts(view.markKeys(), () => !$("editor").hidden);
  $("edit-button").addEventListener("click", () => open(true));
  $("edit-cancel").addEventListener("click", () => open(false));
  $("edit-save").addEventListener("click", () => cs.busy($("edit-save"), async () => {
    await cs.api(`/api/cards/${encodeURIComponent(saved.id)}`, {
      method: "PATCH", headers: { "Content-Type": "application/json" }, body: JSON.stringify(edit()),
    });
    location.reload();
  }));
})();

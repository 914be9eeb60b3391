// The Cut page: send the source and claim to /api/cut, then edit, re-mark, save, copy or download.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const note = (text) => { $("card-note").textContent = text; };
  const view = new CardView($("card-view"), () => note(""));
  let cards = [], manual = [], index = 0;  // manual[i]: passage i's hand-made marks
  let precedents = [];  // precedents[i]: whose marks passage i took from the library (null: none)
  // Re-marks overlap (the slider moved, then clip ticked) and may come back out of order: only the
  // latest one's marks are shown, and changing passage discards any still on their way.
  let markSeq = 0;
  // The cite is the source's, shared by every passage. What reading the source noticed (a date
  // inferred, not stated) stays listed: the cite API, given only the fields, cannot know it.
  let sourceWarnings = [], citeMissing = [];

  function show(i) {
    index = i;
    view.load(cards[i], manual[i]);
    $("tag-edit").value = cards[i].tag;
    $("passage-label").textContent = `Passage ${i + 1} of ${cards.length}`;
    $("precedent-note").textContent = precedents[i] ? precedents[i].note : "";
    $("next-passage").disabled = cards.length < 2;
    fillCite(cards[i].cite);
    $("result").hidden = false;
    note("");
    markSeq += 1;
    if (share === null) showAuto(); else remark().catch((err) => cs.flash(err.message, true));
  }

  function fillCite(cite) {
    for (const input of document.querySelectorAll("[data-cite]")) {
      const value = cite[input.dataset.cite];
      input.value = Array.isArray(value) ? value.join(", ") : (value || "");
    }
    warn(citeMissing, cite.warnings || []);
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

  // A page the bookmarklet sent (through /static/clip.html): its selection is cut at once; with none
  // selected, the claim is asked for. It is the source until text is pasted or a file chosen.
  let sent = null;
  if (location.hash === "#clip") {
    history.replaceState(null, "", location.pathname);
    try { sent = JSON.parse(sessionStorage.getItem("cardsmith.clip")); } catch (_) { sent = null; }
    sessionStorage.removeItem("cardsmith.clip");
  }
  $("bookmarklet").addEventListener("click", (ev) => {
    ev.preventDefault();
    cs.flash("Drag this link to your bookmarks bar, then click the bookmark on an article.");
  });

  $("cut-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    cs.busy($("cut-button"), async () => {
      cs.flash("Cutting…");
      const form = new FormData(ev.target);
      if (!$("source-file").files.length) form.delete("file");
      if (sent && !form.has("file") && !form.get("text").trim()) {
        form.set("text", sent.html);
        form.set("kind", "html");
        form.set("passage", sent.selection);
      }
      form.set("count", "5");
      form.set("clip", $("clip").checked ? "true" : "false");
      const data = await (await cs.api("/api/cut", { method: "POST", body: form })).json();
      cards = data.cards;
      precedents = data.precedents || [];
      manual = [];
      sourceWarnings = data.metadata.warnings || [];
      citeMissing = [];
      cs.flash("");
      show(0);
      await refreshCite();
    });
  });

  $("next-passage").addEventListener("click", () => {
    cards[index] = current();  // keep this passage's edits when coming back to it
    manual[index] = view.manual();
    show((index + 1) % cards.length);
  });
  $("tag-edit").addEventListener("input", () => { view.card.tag = $("tag-edit").value; view.render(); });

  // Re-mark the card: the density slider (a share of the body's words) and clipping. "Auto" is the
  // learned density (share null): the slider then stands at the share those marks actually have.
  const density = $("density"), clip = $("clip");
  let share = null;
  async function remark() {
    const seq = ++markSeq;
    const marks = await cs.json("/api/mark", { tag: $("tag-edit").value, body: view.card.body, highlight: share, clip: clip.checked });
    if (seq !== markSeq) return;
    view.setMarks(marks);
    // The model's marks now, at the chosen density: the precedent's are set aside, and the note says so.
    if (precedents[index]) $("precedent-note").textContent = "model's marks (precedent set aside)";
    if (share === null) showAuto();
  }
  function showAuto() {
    density.value = String(Math.round(100 * view.share(MARK.highlight)));
    $("density-out").textContent = `auto (${density.value}% of words)`;
    $("density-auto").disabled = true;
  }
  density.addEventListener("change", () => cs.busy(density, async () => {
    $("density-out").textContent = `${density.value}% of words`;
    $("density-auto").disabled = false;
    share = Number(density.value) / 100;
    await remark();
  }));
  $("density-auto").addEventListener("click", (ev) => {
    ev.target.disabled = true;  // stays so: auto is now the state (cs.busy would enable it again)
    share = null;
    remark().catch((err) => { cs.flash(err.message, true); ev.target.disabled = false; });
  });
  clip.addEventListener("change", () => cs.busy(clip, remark));

  async function refreshCite() {
    const fields = {};
    for (const input of document.querySelectorAll("[data-cite]")) {
      fields[input.dataset.cite] = input.dataset.cite === "authors"
        ? input.value.split(",").map((s) => s.trim()).filter(Boolean) : input.value.trim() || null;
    }
    const { missing, ...made } = await cs.json("/api/cite", fields);
    made.warnings = [...new Set([...(made.warnings || []), ...sourceWarnings])];
    citeMissing = missing;
    for (const card of cards) card.cite = { ...card.cite, ...made };
    view.card.cite = { ...view.card.cite, ...made };
    view.render();
    warn(citeMissing, made.warnings);
  }
  for (const input of document.querySelectorAll("[data-cite]")) {
    input.addEventListener("change", () => refreshCite().catch((err) => cs.flash(err.message, true)));
  }

  $("save-card").addEventListener("click", (ev) => cs.busy(ev.target, async () => {
    const saved = await cs.json("/api/cards", { cards: [current()], origin: "web: cut" });
    note(saved.duplicates ? `Already in the library as ${saved.ids[0]}` : `Saved as ${saved.ids[0]}`);
  }));

  // The copy is the server's HTML export of the card (inline styles Word and LibreOffice keep), the
  // same renderer as the downloads. The clipboard is written before the fetch ends, while the click
  // still counts as the user's: it takes the HTML as a promise.
  $("copy-card").addEventListener("click", (ev) => cs.busy(ev.target, async () => {
    view.card.tag = $("tag-edit").value;
    const text = view.plainText();
    const html = cs.api("/api/export", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ cards: [current()], format: "html", fragment: true, ...cs.layout.options() }),
    }).then((res) => res.blob()).then((blob) => new Blob([blob], { type: "text/html" }));
    if (navigator.clipboard && window.ClipboardItem) {
      await navigator.clipboard.write([new ClipboardItem({
        "text/html": html, "text/plain": new Blob([text], { type: "text/plain" }),
      })]);
    } else {
      const holder = Object.assign(document.createElement("div"), { contentEditable: "true" });
      holder.innerHTML = await (await html).text();  // the server escapes every card string
      document.body.append(holder);
      const range = document.createRange();
      range.selectNodeContents(holder);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      document.execCommand("copy");
      holder.remove();
    }
    note("Copied: paste into Word to keep the formatting.");
  }));

  async function addToSpeech() {
    const card = current(), saved = await cs.json("/api/cards", { cards: [card], origin: "web: cut" });
    cs.basket.add(saved.ids[0], card.tag, cs.reading.count($("card-view").querySelector(".body")));
    note(`In the speech as ${saved.ids[0]}`);
  }
  $("speech-card").addEventListener("click", (ev) => cs.busy(ev.target, addToSpeech));

  installShortcuts({
    ...view.markKeys(), next: () => $("next-passage").click(), speech: () => cs.busy($("speech-card"), addToSpeech),
  }, () => !$("result").hidden);

  $("download-card").addEventListener("click", (ev) => cs.busy(ev.target, () =>
    cs.download("/api/export", { cards: [current()], format: "docx", name: "card", ...cs.layout.options() }, "card.docx")));

  if (sent && typeof sent.html === "string" && sent.html) {
    $("source-url").value = sent.url;
    $("clip-note").textContent = `Source: the page you sent, ${sent.title || sent.url}`;
    $("clip-note").hidden = false;
    if (sent.selection.trim()) $("cut-form").requestSubmit(); else $("claim").focus();
  } else {
    sent = null;
  }
})();

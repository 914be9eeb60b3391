// The Verify page: pick or paste a card, send it with its source, show the verdict and every difference in place.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  let picked = [];

  $("card-docx").addEventListener("change", () => cs.busy($("card-docx"), async () => {
    const form = new FormData();
    form.append("file", $("card-docx").files[0]);
    picked = (await (await cs.api("/api/docx/cards", { method: "POST", body: form })).json()).cards;
    const select = $("card-pick");
    select.replaceChildren(...picked.map((c, i) => Object.assign(document.createElement("option"), { value: String(i), textContent: c.tag || `card ${i + 1}` })));
    select.hidden = false;
    choose(0);
  }));
  $("card-pick").addEventListener("change", () => choose(Number($("card-pick").value)));
  function choose(i) { $("card-text").value = asPasted(picked[i]); }

  // A card as a debater pastes it: tag line, cite line, body. A card lacking a tag or cite would
  // be misread that way (its body's first line taken for the cite), so it stays JSON.
  function asPasted(card) {
    const cite = [card.cite.short, card.cite.full].filter(Boolean).join(" ").replace(/\s+/g, " ");
    const tag = card.tag.replace(/\s+/g, " ").trim();
    return tag && cite ? `${tag}\n${cite}\n${card.body}` : JSON.stringify(card, null, 1);
  }

  // A card page's "Verify" link (/verify?card=c12): that library card, its source looked up in the library.
  const fromLibrary = new URLSearchParams(location.search).get("card");
  if (fromLibrary) {
    cs.json(`/api/cards/${encodeURIComponent(fromLibrary)}`).then((card) => {
      delete card.version;
      $("card-text").value = asPasted(card);
      $("verify-library").checked = true;
    }).catch((err) => cs.flash(err.message, true));
  }

  function text(tagName, cls, content) {
    const node = document.createElement(tagName);
    if (cls) node.className = cls;
    node.textContent = content;
    return node;
  }

  function drawCard(body, diffs) {
    const root = $("verify-card"), p = text("p", "body", "");
    const sorted = [...diffs].sort((a, b) => a.card_start - b.card_start || a.card_end - b.card_end);
    let pos = 0;
    for (const d of sorted) {
      if (d.card_start < pos) continue;
      p.append(body.slice(pos, d.card_start));
      if (d.card_end > d.card_start) {
        const mark = text("mark", `diff ${d.kind}`, body.slice(d.card_start, d.card_end));
        mark.title = `${d.kind}: source has “${d.source_text}”`;
        p.append(mark);
      } else {
        const gap = text("span", "gap", `⟨${d.kind}: ${d.source_text}⟩`);
        gap.title = "in the source, not in the card";
        p.append(gap);
      }
      pos = d.card_end;
    }
    p.append(body.slice(pos));
    root.replaceChildren(p);
  }

  $("verify-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    cs.busy($("verify-button"), async () => {
      const form = new FormData(ev.target);
      if (!$("verify-source-files").files.length) form.delete("sources");
      const r = await (await cs.api("/api/verify", { method: "POST", body: form })).json();
      const names = { verbatim: "Verbatim", cosmetic: "Cosmetic differences only", altered: "Altered", not_found: "Source not found" };
      $("verdict").textContent = names[r.verdict] || r.verdict;
      $("verdict").className = `verdict ${r.verdict}`;
      const found = r.verdict !== "not_found";
      $("fidelity").textContent = found ? `Fidelity ${(100 * r.fidelity).toFixed(1)}% · ${r.source.path || ""} characters ${r.source.start}–${r.source.end}` : "";
      $("not-found-help").hidden = found;
      $("not-found-where").textContent = form.has("library") ? "neither the sources given nor the library (its sources and imported cards)" : "none of the sources given";
      $("found-parts").hidden = !found;
      drawCard(r.card.body, r.differences);
      $("differences").replaceChildren(...(r.differences.length ? r.differences.map((d) =>
        text("li", "", `${d.kind}: card “${d.card_text}” · source “${d.source_text}”`)) : [text("li", "muted", "none")]));
      $("context-before").textContent = r.context.before || "";
      $("context-after").textContent = r.context.after || "";
      $("context-flags").replaceChildren(...(r.context.flags || []).map((f) => text("li", "", `${f.kind} (${f.where} the card): “${f.cue}”`)));
      $("cite-missing").textContent = r.cite_missing.length ? `Missing: ${r.cite_missing.join(", ")}` : "The cite has every field a rule asks for.";
      $("verify-result").hidden = false;
      cs.flash("");
    });
  });
})();

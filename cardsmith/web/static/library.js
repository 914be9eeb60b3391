// The Library page: background imports whose progress survives a reload; deleting cards; the
// whole library as one .docx.
// Jobs live on the server: on load the page asks /api/jobs for them and polls the running ones.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const RECENT_S = 3600;

  function bar(job) {
    let box = document.getElementById(`job-${job.id}`);
    if (!box) {
      box = Object.assign(document.createElement("div"), { id: `job-${job.id}`, className: "job panel" });
      box.append(document.createElement("p"), Object.assign(document.createElement("div"), { className: "progress" }), document.createElement("ul"));
      box.children[1].append(document.createElement("div"));
      box.children[2].className = "warnings";
      $("jobs").prepend(box);
    }
    const pct = job.total ? Math.round((100 * job.done) / job.total) : 100;
    box.dataset.state = job.state;
    box.children[0].textContent = `Import of ${job.label}: ${job.done}/${job.total} files, ${job.added} new, ${job.duplicates} already there — ${job.state}`;
    box.children[1].firstChild.style.width = `${pct}%`;
    box.children[1].setAttribute("role", "progressbar");
    box.children[1].setAttribute("aria-valuenow", String(pct));
    box.children[2].replaceChildren(...job.errors.map((e) => Object.assign(document.createElement("li"), { textContent: e })));
  }

  async function refreshStats() {
    const stats = await (await cs.api("/api/stats")).json();
    $("stats").textContent = `${stats.cards} cards · ${stats.sources} sources · ${stats.passages} passages`;
  }

  async function poll(id) {
    for (;;) {
      let job;
      try { job = await (await cs.api(`/api/jobs/${encodeURIComponent(id)}`)).json(); } catch (err) { return; }
      bar(job);
      if (job.state !== "running") return refreshStats();
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  $("import-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const button = ev.target.querySelector("button");
    cs.busy(button, async () => {
      if (!$("import-files").files.length) throw new Error("choose files to import");
      const data = await (await cs.api("/api/import", { method: "POST", body: new FormData(ev.target) })).json();
      ev.target.reset();
      bar(data.job);
      poll(data.job.id);
    });
  });

  // Deleting cannot be undone (a re-import brings the card back), so it asks first.
  for (const button of document.querySelectorAll(".delete-card")) {
    button.addEventListener("click", () => {
      if (!confirm(`Delete “${button.dataset.tag || button.dataset.id}” from the library?`)) return;
      cs.busy(button, async () => {
        await cs.api(`/api/cards/${encodeURIComponent(button.dataset.id)}`, { method: "DELETE" });
        const group = button.closest(".group");
        button.closest(".row").remove();
        if (group && !group.querySelector(".row")) group.remove();
      });
    });
  }

  $("library-download").addEventListener("click", (ev) => cs.busy(ev.target, () =>
    cs.download("/api/export", { all: true, format: "docx", name: "library", ...cs.layout.options() }, "library.docx")));

  cs.api("/api/jobs").then((r) => r.json()).then(({ jobs }) => {
    const now = Date.now() / 1000;
    const recent = jobs.filter((j) => now - j.started < RECENT_S).reverse();
    for (const job of recent) {
      bar(job);
      if (job.state === "running") poll(job.id);
    }
    // A job that ended between drawing the page and this answer changed the counts the page shows.
    if (recent.some((j) => j.state !== "running")) return refreshStats();
  }).catch((err) => cs.flash(err.message, true));
})();

// The bookmarklet's landing page: a static file, so it needs no token and shows nothing private.
// The page that opened it sends its URL, title, HTML and selection once this page says it is
// ready; they are kept for this tab only (sessionStorage) and the Cut page takes them from there.
"use strict";

(() => {
  const status = document.getElementById("status");
  if (!window.opener) {
    status.textContent = "Open this page with the “Cut with cardsmith” bookmark (see the Cut page).";
    return;
  }
  addEventListener("message", (ev) => {
    const page = ev.data;
    if (ev.source !== window.opener || !page || page.type !== "cardsmith-clip" || typeof page.html !== "string") return;
    try {
      sessionStorage.setItem("cardsmith.clip", JSON.stringify({
        url: String(page.url || ""), title: String(page.title || ""), html: page.html, selection: String(page.selection || ""),
      }));
    } catch (_) {
      status.textContent = "This page is too large to send: save it and upload the file on the Cut page.";
      status.className = "flash error";
      return;
    }
    location.replace("/cut#clip");
  });
  window.opener.postMessage("cardsmith-ready", "*");  // no data in it: any page may know this one loaded
})();

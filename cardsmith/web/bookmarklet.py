"""The "Cut with cardsmith" bookmarklet: the page a debater is reading, sent to their own app.

The app refuses cross-origin POSTs, so the bookmarklet never posts to it. It opens the app's clip
page (a static file: no token needed, nothing private on it) in a new window and, once that page
says it is ready, hands it the page's URL, title, HTML and selection by ``postMessage`` addressed to
the app's origin alone. The clip page keeps them for its tab and opens the Cut page, whose script
sends them to /api/cut from the app's own origin (with the token cookie, when there is one).
Scripts, styles and other markup no reader uses are dropped first, so even a heavy page stays small.
"""

from __future__ import annotations

import json
from urllib.parse import quote

#: The code, without comments (a bookmark is one line), ``ORIGIN`` standing for the app's origin.
_CODE = """(() => {
  const app = ORIGIN;
  const win = window.open(app + "/static/clip.html", "_blank");
  if (!win) { alert("cardsmith: allow pop-ups on this site to cut from it"); return; }
  const page = document.documentElement.cloneNode(true);
  page.querySelectorAll("script:not([type='application/ld+json']), style, svg, noscript, iframe, template")
    .forEach((node) => node.remove());
  const data = {
    type: "cardsmith-clip", url: location.href, title: document.title,
    html: "<!doctype html>" + page.outerHTML, selection: String(getSelection()),
  };
  const send = (ev) => {
    if (ev.source !== win || ev.origin !== app || ev.data !== "cardsmith-ready") return;
    removeEventListener("message", send);
    win.postMessage(data, app);
  };
  addEventListener("message", send);
})();"""


def bookmarklet(origin: str) -> str:
    """The ``javascript:`` link for an app served at ``origin`` (``http://127.0.0.1:8000``)."""
    code = " ".join(line.strip() for line in _CODE.replace("ORIGIN", json.dumps(origin)).splitlines())
    return "javascript:" + quote(code, safe="")

// An editable card: marks kept as per-character flags, drawn word by word, toggled by click or drag.
// Text always enters the page through textContent, never as HTML.
"use strict";

const MARK = { underline: 1, emphasis: 2, highlight: 4 };
const CLASS = [[1, "u"], [2, "e"], [4, "h"]];

class CardView {
  constructor(root, onChange) {
    this.root = root;
    this.onChange = onChange || (() => {});
    this.card = null;
    root.addEventListener("mousedown", (ev) => {
      const w = ev.target.closest("[data-w]");
      this.dragFrom = w ? Number(w.dataset.w) : null;
    });
    root.addEventListener("mouseup", (ev) => {
      const w = ev.target.closest("[data-w]");
      if (w && this.dragFrom !== null) this.toggle(this.dragFrom, Number(w.dataset.w), this.mode());
      this.dragFrom = null;
    });
  }

  mode() { const checked = document.querySelector("input[name=mode]:checked"); return checked ? checked.value : "highlight"; }

  // `manual` is what `manual()` returned for this card before, so hand edits outlive leaving it.
  load(card, manual) {
    this.card = structuredClone(card);
    this.picked = null;  // the words last clicked or dragged over, which the mark keys re-mark
    this.flags = new Uint8Array(card.body.length);
    // Marks the user set or cleared by hand, per character: re-marking (the density slider) keeps them.
    this.forcedOn = manual ? manual.on.slice() : new Uint8Array(card.body.length);
    this.forcedOff = manual ? manual.off.slice() : new Uint8Array(card.body.length);
    this.setMarks(card);
  }

  manual() { return { on: this.forcedOn.slice(), off: this.forcedOff.slice() }; }

  setMarks(marks) {
    this.flags.fill(0);
    for (const [name, bit] of Object.entries(MARK)) {
      for (const [s, e] of marks[name] || []) for (let i = s; i < e; i++) this.flags[i] |= bit | (bit === MARK.emphasis ? MARK.underline : 0);
    }
    for (let i = 0; i < this.flags.length; i++) this.flags[i] = (this.flags[i] | this.forcedOn[i]) & ~this.forcedOff[i];
    this.words = [...this.card.body.matchAll(/\S+/g)].map((m) => [m.index, m.index + m[0].length]);
    this.fillGaps();
    this.render();
  }

  toggle(a, b, mode) {
    const bit = MARK[mode];
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    this.picked = [lo, hi];
    const s = this.words[lo][0], e = this.words[hi][1];
    const all = this.words.slice(lo, hi + 1).every(([ws, we]) => this.flags.subarray(ws, we).every((f) => f & bit));
    // Clearing the underline clears everything drawn on it; any other mark needs the underline.
    const bits = all ? (bit === MARK.underline ? 7 : bit) : bit | MARK.underline;
    for (let i = s; i < e; i++) {
      if (all) { this.flags[i] &= ~bits; this.forcedOff[i] |= bits; this.forcedOn[i] &= ~bits; }
      else { this.flags[i] |= bits; this.forcedOn[i] |= bits; this.forcedOff[i] &= ~bits; }
    }
    this.fillGaps();
    this.render();
    this.onChange();
  }

  // A mark key (F9/F10/F11): `mode` becomes what a click marks, and is toggled on the words last
  // clicked or dragged over, if any.
  markPicked(mode) {
    const radio = document.querySelector(`input[name=mode][value=${mode}]`);
    if (radio) radio.checked = true;
    if (this.picked) this.toggle(...this.picked, mode);
  }

  // The mark keys' actions, for installShortcuts.
  markKeys() { return Object.fromEntries(Object.keys(MARK).map((mode) => [mode, () => this.markPicked(mode)])); }

  fillGaps() {
    for (let i = 0; i + 1 < this.words.length; i++) {
      const left = this.flags[this.words[i][1] - 1], right = this.flags[this.words[i + 1][0]];
      for (let c = this.words[i][1]; c < this.words[i + 1][0]; c++) this.flags[c] = left & right;
    }
  }

  // The share of the body's words carrying `bit` (what the density slider shows for the learned marks).
  share(bit) { return this.words.length ? this.words.filter(([s]) => this.flags[s] & bit).length / this.words.length : 0; }

  spans(bit) {
    const out = [];
    let start = null;
    for (let i = 0; i <= this.flags.length; i++) {
      const on = i < this.flags.length && (this.flags[i] & bit);
      if (on && start === null) start = i;
      if (!on && start !== null) { out.push([start, i]); start = null; }
    }
    return out;
  }

  toJSON() {
    const card = structuredClone(this.card);
    for (const [name, bit] of Object.entries(MARK)) card[name] = this.spans(bit);
    return card;
  }

  // (text, class, word index or null) pieces: a new piece at every word edge and flag change.
  pieces() {
    const body = this.card.body, out = [];
    const wordAt = new Int32Array(body.length).fill(-1);
    this.words.forEach(([s, e], w) => wordAt.fill(w, s, e));
    let start = 0;
    for (let i = 1; i <= body.length; i++) {
      if (i === body.length || this.flags[i] !== this.flags[start] || wordAt[i] !== wordAt[start]) {
        const cls = CLASS.filter(([bit]) => this.flags[start] & bit).map(([, c]) => c).join(" ") || "plain";
        out.push([body.slice(start, i), cls, wordAt[start] >= 0 ? wordAt[start] : null]);
        start = i;
      }
    }
    return out;
  }

  render() {
    const c = this.card;
    const tag = el("p", "tag", c.tag);
    const cite = el("p", "cite");
    cite.append(el("span", "short", c.cite.short || ""), " " + (c.cite.full || ""));
    const body = el("p", "body"), lines = { lineStart: true };
    for (const [text, cls, w] of this.pieces()) {
      // A paragraph break is followed by Word's 8 pt of space after a paragraph (words hold no breaks).
      for (const shown of withoutBlankLines(text, lines).split(/(?<=\n)/)) {
        if (!shown) continue;
        const span = el("span", cls, shown);
        if (w !== null) span.dataset.w = String(w);
        if (w !== null && this.picked && w >= this.picked[0] && w <= this.picked[1]) span.classList.add("picked");
        body.append(span);
        if (shown.endsWith("\n")) body.append(el("span", "gap"));
      }
    }
    this.root.replaceChildren(tag, cite, body);
    cs.reading.show(this.root);
  }

  plainText() { return `${this.card.tag}\n${this.card.cite.short} ${this.card.cite.full}\n${this.card.body}`; }
}

// Blank lines dropped, as the .docx drops them (cards.segments draws a saved card the same);
// `state.lineStart` is whether the text drawn so far ends a line.
function withoutBlankLines(text, state) {
  let out = text.replace(/\n\s*\n/g, "\n");
  if (state.lineStart) out = out.replace(/^\s*\n/, "");
  state.lineStart = /\n[^\S\n]*$/.test(out) || (state.lineStart && !out.trim());
  return out;
}

function el(name, cls, text) {
  const node = document.createElement(name);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
}

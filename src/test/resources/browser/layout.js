// The layout problems of the page as the browser drew it, one line each (HtmlReportLayoutTest).
// A function body: arguments[0] is true when the page is laid out for print, where nothing scrolls.
const printing = arguments[0] === true;
const problems = [];
const root = document.documentElement;
const quote = s => JSON.stringify(s.replace(/\s+/g, ' ').trim().slice(0, 70));
const SLACK = 0.5; // sub-pixel rounding

// 1. The page itself never scrolls sideways.
if (root.scrollWidth > root.clientWidth) {
  problems.push(`the page is ${root.scrollWidth}px wide in a window ${root.clientWidth}px wide`);
}

// 2. A box whose content is wider than it scrolls on screen (never hides it); on paper nothing may be wider.
for (const el of document.body.querySelectorAll('*')) {
  const overflow = getComputedStyle(el).overflowX;
  if (overflow === 'visible' || el.scrollWidth <= el.clientWidth || el.closest('svg')) {
    continue;
  }
  if (printing) {
    problems.push(`printed, a <${el.localName}> needs ${el.scrollWidth}px but has ${el.clientWidth}px (paper cannot scroll)`);
  } else if (overflow !== 'auto' && overflow !== 'scroll') {
    problems.push(`a <${el.localName}> hides ${el.scrollWidth - el.clientWidth}px of its content (overflow-x: ${overflow})`);
  }
}

function textNodes(el) {
  const nodes = [];
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    nodes.push(n);
  }
  return nodes;
}

function rects(range) {
  return [...range.getClientRects()].filter(r => r.width > 0 && r.height > 0);
}

// 3. Every table cell's text inside the cell.
for (const cell of document.querySelectorAll('td, th')) {
  const box = cell.getBoundingClientRect();
  for (const node of textNodes(cell)) {
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of rects(range)) {
      if (r.left < box.left - SLACK || r.right > box.right + SLACK || r.top < box.top - SLACK || r.bottom > box.bottom + SLACK) {
        problems.push(`text ${quote(node.data)} reaches outside its cell (text ${Math.round(r.left)}..${Math.round(r.right)}px,`
            + ` cell ${Math.round(box.left)}..${Math.round(box.right)}px)`);
        break;
      }
    }
  }
}

// 4. Words break only at sensible points: an address never; a hostname only after a dot; any other
// word only after a character that is not a letter or digit (never between two letters).
const ADDRESS = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7})(?:\/\d{1,3})?$/i;
const HOSTNAME = /^(?=.*[a-z*])[a-z0-9*_-]+(?:\.[a-z0-9*_-]+)+$/i;

function chunks(word) {
  if (ADDRESS.test(word)) {
    return {kind: 'address', parts: [word]};
  }
  if (HOSTNAME.test(word)) {
    return {kind: 'hostname', parts: word.match(/[^.]+\.?/g)};
  }
  return {kind: 'word', parts: word.match(/[\p{L}\p{N}]*[^\p{L}\p{N}]?/gu).filter(p => p.length > 0)};
}

function onOneLine(rs) {
  if (rs.length < 2) {
    return true;
  }
  const tops = rs.map(r => r.top);
  return Math.max(...tops) - Math.min(...tops) < Math.min(...rs.map(r => r.height)) / 2;
}

function rangeOf(nodes, starts, from, to) {
  const range = document.createRange();
  let i = 0;
  while (i + 1 < nodes.length && starts[i + 1] <= from) {
    i++;
  }
  range.setStart(nodes[i], from - starts[i]);
  let j = i;
  while (j + 1 < nodes.length && starts[j + 1] < to) {
    j++;
  }
  range.setEnd(nodes[j], to - starts[j]);
  return range;
}

for (const el of document.querySelectorAll('h1, h2, h3, h4, p, li, td, th, figcaption')) {
  const nodes = textNodes(el);
  const starts = [];
  let text = '';
  for (const n of nodes) {
    starts.push(text.length);
    text += n.data;
  }
  for (const m of text.matchAll(/\S+/g)) {
    let word = m[0];
    let at = m.index;
    while (word.length > 1 && /^[("'[]/.test(word)) {
      word = word.slice(1);
      at++;
    }
    while (word.length > 1 && /[)"',;\]]$/.test(word)) {
      word = word.slice(0, -1);
    }
    if (!ADDRESS.test(word)) {
      word = word.replace(/[.:]+$/, '');
    }
    const {kind, parts} = chunks(word);
    let offset = at;
    for (const part of parts) {
      if (!onOneLine(rects(rangeOf(nodes, starts, offset, offset + part.length)))) {
        problems.push(`the ${kind} ${quote(word)} breaks inside ${quote(part)} (in a <${el.localName}>)`);
        break;
      }
      offset += part.length;
    }
  }
}

// 5. Charts: every label drawn at a readable size, inside its chart, and clear of the other labels.
const MIN_FONT_PX = 11;
for (const svg of document.querySelectorAll('svg')) {
  const box = svg.getBoundingClientRect();
  const labels = [...svg.querySelectorAll('text')];
  for (const t of labels) {
    const size = parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a;
    if (size < MIN_FONT_PX) {
      problems.push(`chart label ${quote(t.textContent)} is drawn ${size.toFixed(1)}px high (less than ${MIN_FONT_PX}px)`);
    }
    const r = t.getBoundingClientRect();
    if (r.left < box.left - SLACK || r.right > box.right + SLACK || r.top < box.top - SLACK || r.bottom > box.bottom + SLACK) {
      problems.push(`chart label ${quote(t.textContent)} reaches outside its chart`);
    }
  }
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      const a = labels[i].getBoundingClientRect();
      const b = labels[j].getBoundingClientRect();
      if (a.left < b.right - SLACK && b.left < a.right - SLACK && a.top < b.bottom - SLACK && b.top < a.bottom - SLACK) {
        problems.push(`chart labels ${quote(labels[i].textContent)} and ${quote(labels[j].textContent)} overlap`);
      }
    }
  }
}

return problems;

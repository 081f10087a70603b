// ctg report: search and sort the table of conventions, and show the
// passages a value was read from. The table is complete without this
// script; the script only hides, reorders and explains rows.
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");
  var data = JSON.parse(document.getElementById("ctg-data").textContent);
  var table = document.getElementById("conventions-table");
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var search = document.getElementById("search");
  var shown = document.getElementById("shown");
  var panel = document.getElementById("evidence");
  var headers = table.tHead.rows[0].cells;

  // Lower case, no accents, single spaces: "Vendée" is found by "vendee".
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .toLowerCase().replace(/\s+/g, " ");
  }

  // Words must all appear in a row; "a phrase in quotes" (or « guillemets »)
  // must appear as is.
  function terms(query) {
    var found = [];
    var re = /["\u00ab\u201c]([^"\u00bb\u201d]*)["\u00bb\u201d]|(\S+)/g;
    var m;
    while ((m = re.exec(fold(query))) !== null) {
      var term = (m[1] !== undefined ? m[1] : m[2]).trim();
      if (term) found.push(term);
    }
    return found;
  }

  function filter() {
    var wanted = terms(search.value);
    var count = 0;
    rows.forEach(function (row) {
      if (row.ctgText === undefined) row.ctgText = fold(row.textContent);
      var keep = wanted.every(function (t) { return row.ctgText.indexOf(t) >= 0; });
      row.hidden = !keep;
      if (keep) count += 1;
    });
    shown.textContent = count + " " + data.words.of + " " + rows.length + " conventions";
  }

  function sortKey(row, column) {
    var cell = row.cells[column];
    var key = cell.getAttribute("data-sort");
    return key === null ? fold(cell.textContent).trim() : key;
  }

  // Empty cells last in either direction; a column whose keys are all
  // numbers sorts as numbers, any other as text (one rule per column, so
  // that the order is consistent).
  function compare(a, b, direction) {
    if (a === "" || b === "") return a === b ? 0 : (a === "" ? 1 : -1);
    return (a < b ? -1 : (a > b ? 1 : 0)) * direction;
  }

  function sortBy(column) {
    var th = headers[column];
    var direction = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
    Array.prototype.forEach.call(headers, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", direction === 1 ? "ascending" : "descending");
    var keys = rows.map(function (row) { return sortKey(row, column); });
    var numeric = keys.every(function (k) { return k === "" || !isNaN(Number(k)); });
    var keyed = rows.map(function (row, i) {
      var key = keys[i];
      return [numeric && key !== "" ? Number(key) : key, i, row];
    });
    keyed.sort(function (p, q) { return compare(p[0], q[0], direction) || p[1] - q[1]; });
    // empty the body at once, then put the rows back in one go: moving
    // rows one by one within it takes seconds for 5,000 rows
    var fragment = document.createDocumentFragment();
    body.textContent = "";
    rows = keyed.map(function (p) { fragment.appendChild(p[2]); return p[2]; });
    body.appendChild(fragment);
  }

  Array.prototype.forEach.call(headers, function (th, column) {
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", function () { sortBy(column); });
  });

  function element(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function isSpace(c) { return /\s/.test(c); }

  // The passage in its snippet, cut to about `context` characters on each
  // side, at word boundaries.
  function passage(index) {
    var ev = data.evidence[index];
    var snippet = data.snippets[ev[0]];
    var doc = data.docs[snippet[0]];
    var text = snippet[2];
    var known = snippet[1] !== null;
    var from = Math.max(0, ev[1] - data.context);
    var to = Math.min(text.length, ev[2] + data.context);
    // cut inside the document's text: an ellipsis, and no broken word
    var cutBefore = known && (from > 0 || snippet[1] > 0);
    var cutAfter = known && (to < text.length || !snippet[3]);
    if (cutBefore) {
      var space = from;
      while (space < ev[1] && !isSpace(text.charAt(space))) space += 1;
      if (space < ev[1]) from = space + 1;
    }
    if (cutAfter) {
      var end = Math.min(to, text.length - 1);
      while (end > ev[2] && !isSpace(text.charAt(end))) end -= 1;
      if (end > ev[2]) to = end;
    }
    var box = element("div", "passage");
    var where = element("p", "where");
    where.appendChild(element("b", null, doc[0]));
    var facts = " (" + doc[1] + ")";
    if (ev[4] !== null) facts += " · page " + ev[4];
    where.appendChild(document.createTextNode(facts + " · " + data.words.rule + " "));
    where.appendChild(element("code", null, data.rules[ev[3]]));
    box.appendChild(where);
    var context = element("p", "context");
    var before = cutBefore ? "…" : "";
    var after = cutAfter ? "…" : "";
    var pageBreak = function (s) { return s.replace(/\f/g, "\n\n"); };
    context.appendChild(document.createTextNode(before + pageBreak(text.slice(from, ev[1]))));
    context.appendChild(element("mark", null, pageBreak(text.slice(ev[1], ev[2]))));
    context.appendChild(document.createTextNode(pageBreak(text.slice(ev[2], to)) + after));
    box.appendChild(context);
    if (!known) {
      box.appendChild(element("p", "note",
        data.words.no_context.replace("{file}", "text/" + doc[2] + ".txt")));
    }
    return box;
  }

  function source(index) {
    var doc = data.docs[index];
    var box = element("div", "passage");
    var where = element("p", "where");
    where.appendChild(element("b", null, doc[0]));
    where.appendChild(document.createTextNode(" (" + doc[1] + ") · " + data.words.record + " "));
    where.appendChild(element("code", null, doc[2]));
    box.appendChild(where);
    return box;
  }

  var opened = null;

  function close() {
    panel.hidden = true;
    if (opened) {
      opened.classList.remove("open");
      opened.focus();
      opened = null;
    }
  }

  function indices(value) {
    return value ? value.split(" ").map(Number) : [];
  }

  function open(link) {
    if (opened) opened.classList.remove("open");
    opened = link;
    link.classList.add("open");
    var cell = link.closest("td");
    var row = link.closest("tr");
    panel.textContent = "";
    var button = element("button", "close", data.words.close);
    button.type = "button";
    button.addEventListener("click", close);
    panel.appendChild(button);
    panel.appendChild(element("h2", null, headers[cell.cellIndex].textContent + ": " + link.textContent));
    panel.appendChild(element("p", "note", row.cells[0].textContent + " — " +
      (row.cells[1].textContent.split("\n")[0] || data.words.no_territory)));
    indices(link.getAttribute("data-ev")).forEach(function (i) { panel.appendChild(passage(i)); });
    indices(link.getAttribute("data-doc")).forEach(function (i) { panel.appendChild(source(i)); });
    panel.hidden = false;
    button.focus();
  }

  body.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-ev], a[data-doc]");
    if (!link) return;
    event.preventDefault();
    open(link);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !panel.hidden) close();
  });

  // A square of the map filters the table on its department.
  document.addEventListener("click", function (event) {
    var tile = event.target.closest("[data-q]");
    if (!tile) return;
    event.preventDefault();
    search.value = "\"" + tile.getAttribute("data-q") + "\"";
    filter();
    document.getElementById("conventions").scrollIntoView();
  });

  // #q=... in the address fills the search box.
  function fromAddress() {
    var hash = window.location.hash;
    if (hash.indexOf("#q=") === 0) {
      search.value = decodeURIComponent(hash.slice(3));
    }
    filter();
  }

  search.addEventListener("input", filter);
  window.addEventListener("hashchange", fromAddress);
  panel.hidden = true;
  fromAddress();
})();

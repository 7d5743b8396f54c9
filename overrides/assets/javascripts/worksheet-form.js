/* CLARINET handbook: the fillable form on a worksheet's page (markup: scripts/handbook/templates/
 * worksheet_form.html and form_fields.html; look: assets/stylesheets/worksheet-form.css).
 * Loaded on worksheet pages only. No inline script anywhere (the site's Content-Security-Policy
 * has no unsafe-inline); the words come from the form's data-msg-* attributes.
 *
 * The answers never leave the device: no request, no cookie. They are kept in this browser's
 * localStorage under "handbook-worksheet:<code>:<language>:<version>" (the version is a hash of
 * the worksheet's fields, written by the build), saved as the reader types and put back on the
 * next visit. When the worksheet has changed since, the answers of the older version are moved
 * over field by field (same id, an answer that fits) and the reader is told which could not be.
 *
 * 1. Reading and writing the answers of the form (one plain value per field id).
 * 2. Keeping them in the browser; deleting them (after a confirmation).
 * 3. Tables: rows added and removed, renumbered.
 * 4. Print: a clean handout (the article's other parts are left out) with every answer in full.
 * 5. Save to a file, open from a file (checked: the same worksheet, answers that fit).
 * 6. Copy as text, for an e-mail or a chat.
 */
(function () {
  "use strict";

  var form = document.querySelector("form.wf[data-wf-worksheet]");
  if (!form) return;

  var CODE = form.getAttribute("data-wf-worksheet");
  var SLUG = form.getAttribute("data-wf-slug");
  var LANG = form.getAttribute("data-wf-lang");
  var LOCALE = form.getAttribute("data-wf-locale") || LANG;
  var VERSION = form.getAttribute("data-wf-version");
  var TITLE = form.getAttribute("data-wf-title");
  var FORMAT = "clarinet-handbook-worksheet-answers";
  var PREFIX = "handbook-worksheet:" + CODE + ":" + LANG + ":";
  var KEY = PREFIX + VERSION;

  var status = form.querySelector("[data-wf-status]");
  var savedNote = form.querySelector("[data-wf-saved]");
  var copyBox = form.querySelector("[data-wf-copy]");
  var fileInput = form.querySelector("[data-wf-file]");

  function msg(name, values) {
    var text = form.getAttribute("data-msg-" + name) || "";
    Object.keys(values || {}).forEach(function (key) {
      text = text.split("{" + key + "}").join(values[key]);
    });
    return text;
  }

  function say(text) {
    // A status message (role="status"): emptied first, so the same words are announced again.
    status.textContent = "";
    setTimeout(function () { status.textContent = text; }, 30);
  }

  function when(iso, withTime) {
    var date = new Date(iso);
    if (isNaN(date.getTime())) return iso;
    var options = { day: "numeric", month: "long", year: "numeric" };
    if (withTime) { options.hour = "2-digit"; options.minute = "2-digit"; }
    try { return date.toLocaleString(LOCALE, options); } catch (e) { return date.toISOString().slice(0, 16); }
  }

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  /* --- 1. The answers -------------------------------------------------------------------------- */
  var fields = Array.prototype.map.call(form.querySelectorAll("[data-wf-field]"), function (box) {
    return { id: box.getAttribute("data-wf-field"), type: box.getAttribute("data-wf-type"),
             label: box.getAttribute("data-wf-label"), box: box };
  });
  var byId = {};
  fields.forEach(function (f) { byId[f.id] = f; });

  function labels() {
    var out = {};
    fields.forEach(function (f) { out[f.id] = f.label; });
    return out;
  }

  function rowsOf(f) { return f.box.querySelectorAll("tbody tr"); }

  /* The answer of one field, or null when it is empty. */
  function read(f) {
    var box = f.box;
    switch (f.type) {
      case "text": case "date": case "long_text":
        var value = box.querySelector("[data-wf-input]").value;
        return value.trim() ? value : null;
      case "checkboxes":
        var ticked = [];
        each(box.querySelectorAll("input:checked"), function (input) { ticked.push(Number(input.value)); });
        return ticked.length ? ticked : null;
      case "radio": case "rating":
        var chosen = box.querySelector("input:checked");
        return chosen ? Number(chosen.value) : null;
      case "signature":
        var name = box.querySelector('[data-wf-part="name"]').value;
        var date = box.querySelector('[data-wf-part="date"]').value;
        return name.trim() || date.trim() ? { name: name, date: date } : null;
      case "table":
        var rows = Array.prototype.map.call(rowsOf(f), function (tr) {
          return Array.prototype.map.call(tr.querySelectorAll("input.wf-input"), function (input) { return input.value; });
        });
        // Rows left empty at the end are not an answer (the form keeps the rows the sheet starts with).
        while (rows.length && rows[rows.length - 1].every(function (cell) { return !cell.trim(); })) rows.pop();
        return rows.length ? rows : null;
    }
    return null;
  }

  function collect() {
    var answers = {};
    fields.forEach(function (f) {
      var value = read(f);
      if (value !== null) answers[f.id] = value;
    });
    return answers;
  }

  function isText(value) { return typeof value === "string"; }
  function isIndex(value, count) { return typeof value === "number" && value % 1 === 0 && value >= 1 && value <= count; }

  /* Does this value fit this field (its type, its options, its columns)? */
  function fits(f, value) {
    var box = f.box;
    switch (f.type) {
      case "text": case "date": case "long_text":
        return isText(value);
      case "checkboxes":
        var count = box.querySelectorAll("input").length;
        return Array.isArray(value) && value.every(function (v) { return isIndex(v, count); });
      case "radio": case "rating":
        return isIndex(value, box.querySelectorAll("input").length);
      case "signature":
        return !!value && typeof value === "object" && !Array.isArray(value)
          && isText(value.name || "") && isText(value.date || "");
      case "table":
        var columns = box.querySelectorAll("thead th").length - 1;
        return Array.isArray(value) && value.length <= 200 && value.every(function (row) {
          return Array.isArray(row) && row.length <= columns && row.every(isText);
        });
    }
    return false;
  }

  /* Which answers fit the form (placed) and which do not (left out: their field ids). */
  function plan(answers) {
    var place = [], left = [];
    Object.keys(answers).forEach(function (id) {
      var f = Object.prototype.hasOwnProperty.call(byId, id) ? byId[id] : null;
      if (f && fits(f, answers[id])) place.push([f, answers[id]]);
      else left.push(id);
    });
    return { place: place, left: left };
  }

  function write(f, value) {
    var box = f.box;
    switch (f.type) {
      case "text": case "date": case "long_text":
        box.querySelector("[data-wf-input]").value = value;
        break;
      case "checkboxes":
        each(box.querySelectorAll("input"), function (input) { input.checked = value.indexOf(Number(input.value)) >= 0; });
        break;
      case "radio": case "rating":
        each(box.querySelectorAll("input"), function (input) { input.checked = Number(input.value) === value; });
        break;
      case "signature":
        box.querySelector('[data-wf-part="name"]').value = value.name || "";
        box.querySelector('[data-wf-part="date"]').value = value.date || "";
        break;
      case "table":
        setRowCount(f, Math.max(value.length, f.initialRows));
        each(rowsOf(f), function (tr, r) {
          each(tr.querySelectorAll("input.wf-input"), function (input, c) {
            input.value = value[r] && isText(value[r][c]) ? value[r][c] : "";
          });
        });
        break;
    }
  }

  function clearForm() {
    fields.forEach(function (f) {
      if (f.type === "table") setRowCount(f, f.initialRows);
      each(f.box.querySelectorAll("input.wf-input, textarea.wf-input"), function (input) { input.value = ""; });
      each(f.box.querySelectorAll("input[type=checkbox], input[type=radio]"), function (input) { input.checked = false; });
    });
  }

  /* Replace what the form holds by the answers that fit; return the ids of those that do not. */
  function fill(answers) {
    var p = plan(answers);
    clearForm();
    p.place.forEach(function (pair) { write(pair[0], pair[1]); });
    mirrorAll();
    return p.left;
  }

  function named(ids, names) {
    return ids.map(function (id) { return "“" + ((names && names[id]) || id) + "”"; }).join(", ");
  }

  /* --- 2. Kept in this browser ---------------------------------------------------------------- */
  var storage = null;
  try {
    storage = window.localStorage;
    storage.setItem(PREFIX + "test", "1");
    storage.removeItem(PREFIX + "test");
  } catch (e) {
    storage = null;
  }

  function ownKeys() {
    var keys = [];
    if (!storage) return keys;
    for (var i = 0; i < storage.length; i++) {
      var key = storage.key(i);
      if (key && key.indexOf(PREFIX) === 0) keys.push(key);
    }
    return keys;
  }

  function loadKey(key) {
    try {
      var data = JSON.parse(storage.getItem(key));
      return data && typeof data === "object" && data.answers && typeof data.answers === "object" ? data : null;
    } catch (e) {
      return null;
    }
  }

  var saveTimer = 0;
  function save() {
    clearTimeout(saveTimer);
    saveTimer = 0;
    if (!storage) return;
    var answers = collect();
    try {
      if (Object.keys(answers).length) {
        var now = new Date().toISOString();
        storage.setItem(KEY, JSON.stringify({ version: VERSION, saved: now, labels: labels(), answers: answers }));
        savedNote.textContent = msg("saved", { time: new Date(now).toLocaleTimeString(LOCALE, { hour: "2-digit", minute: "2-digit" }) });
      } else {
        storage.removeItem(KEY);
        savedNote.textContent = "";
      }
    } catch (e) {
      say(msg("no-storage"));
    }
  }
  function saveSoon() {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(save, 400);
  }

  function restore() {
    if (!storage) {
      say(msg("no-storage"));
      return;
    }
    var current = loadKey(KEY);
    if (current) {
      var left = fill(current.answers);
      if (left.length) say(msg("migrated", { fields: named(left, current.labels) }));
      else say(msg("restored", { date: when(current.saved, true) }));
      return;
    }
    // Answers given to an older version of this worksheet: the newest of them, moved over.
    var older = ownKeys().map(loadKey).filter(Boolean).sort(function (a, b) {
      return String(b.saved).localeCompare(String(a.saved));
    })[0];
    if (!older) return;
    var lost = fill(older.answers);
    save();  // under this version's key; the older key stays until the reader deletes the answers
    say(lost.length ? msg("migrated", { fields: named(lost, older.labels) })
                    : msg("restored", { date: when(older.saved, true) }));
  }

  function removeAll() {
    if (!window.confirm(msg("delete-confirm"))) return;
    clearTimeout(saveTimer);
    ownKeys().forEach(function (key) { storage.removeItem(key); });
    clearForm();
    mirrorAll();
    copyBox.hidden = true;
    savedNote.textContent = "";
    say(msg("deleted"));
  }

  /* --- 3. Table rows ------------------------------------------------------------------------- */
  function columnNames(f) {
    return Array.prototype.slice.call(f.box.querySelectorAll("thead th"), 0, -1).map(function (th) {
      return th.textContent.trim();
    });
  }

  /* Ids, names and accessible names follow the row's place: "Source, row 3", "Remove row 3". */
  function renumber(f) {
    var table = f.box.querySelector("[data-wf-table]");
    var word = table.getAttribute("data-wf-row-word");
    var names = columnNames(f);
    var rows = rowsOf(f);
    each(rows, function (tr, r) {
      var n = r + 1;
      each(tr.querySelectorAll("td"), function (td, c) {
        var input = td.querySelector("input.wf-input");
        var label = td.querySelector("label");
        if (input) {
          var id = "wf-" + f.id + "-r" + n + "c" + (c + 1);
          input.id = id;
          input.name = f.id + "-r" + n + "c" + (c + 1);
          input.setAttribute("aria-label", names[c] + ", " + word + " " + n);
          if (label) label.setAttribute("for", id);
        }
      });
      var remove = tr.querySelector("[data-wf-remove-row]");
      if (remove) {
        remove.setAttribute("aria-label", msg("remove-row", { n: n }));
        remove.hidden = rows.length <= 1;
      }
    });
  }

  function addRow(f) {
    var rows = rowsOf(f);
    var row = rows[rows.length - 1].cloneNode(true);
    each(row.querySelectorAll("input.wf-input"), function (input) { input.value = ""; });
    each(row.querySelectorAll(".wf-print"), function (copy) { copy.textContent = ""; });
    rows[0].parentNode.appendChild(row);
    renumber(f);
    return row;
  }

  function setRowCount(f, count) {
    var rows = rowsOf(f);
    for (var i = rows.length; i < count; i++) addRow(f);
    rows = rowsOf(f);
    for (var j = rows.length - 1; j >= Math.max(count, 1); j--) rows[j].remove();
    renumber(f);
  }

  /* --- 4. Print ------------------------------------------------------------------------------ */
  /* Each box to write in gets a copy of its text beside it (hidden on screen): on paper the copy
     is printed instead of the box, and grows with the text, which a box would cut off. */
  function mirror(input) {
    var copy = input.nextElementSibling;
    if (!copy || !copy.classList.contains("wf-print")) {
      copy = document.createElement("div");
      copy.className = "wf-print";
      copy.setAttribute("aria-hidden", "true");
      input.parentNode.insertBefore(copy, input.nextSibling);
    }
    copy.textContent = input.value;
  }
  function mirrorAll() {
    each(form.querySelectorAll("input.wf-input, textarea.wf-input"), mirror);
  }

  /* On paper the worksheet stands alone: its title, purpose and instructions, then the form. */
  function markHandout() {
    var article = form.closest("article") || form.parentNode;
    var section = "";
    each(article.children, function (child) {
      if (child.tagName === "H1") section = "title";
      else if (child.tagName === "H2") section = child.id;
      var keep = child === form || section === "title" && child.tagName !== "DIV"
        || section === "instructions";
      if (keep) child.classList.add("wf-keep");
    });
    article.classList.add("wf-handout");
  }

  /* --- 5. Files ----------------------------------------------------------------------------- */
  function saveFile() {
    var answers = collect();
    if (!Object.keys(answers).length) {
      say(msg("nothing"));
      return;
    }
    var now = new Date().toISOString();
    var data = { format: FORMAT, format_version: 1, worksheet: CODE, slug: SLUG, title: TITLE,
                 language: LANG, version: VERSION, saved: now, labels: labels(), answers: answers };
    var name = SLUG + "-" + LANG + "-answers-" + now.slice(0, 10) + ".json";
    var blob = new Blob([JSON.stringify(data, null, 2) + "\n"], { type: "application/json" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
    say(msg("file-saved", { file: name }));
  }

  function openText(text) {
    var data = null;
    try { data = JSON.parse(text); } catch (e) { data = null; }
    if (!data || typeof data !== "object" || data.format !== FORMAT || typeof data.worksheet !== "string"
        || !data.answers || typeof data.answers !== "object" || Array.isArray(data.answers)) {
      say(msg("file-invalid"));
      return;
    }
    if (data.worksheet !== CODE) {
      say(msg("file-other", { code: data.worksheet, "this": CODE }));
      return;
    }
    if (Object.keys(collect()).length && !window.confirm(msg("replace-confirm"))) return;
    var left = fill(data.answers);
    save();
    var date = when(data.saved, false);
    say(left.length ? msg("file-partly", { date: date, fields: named(left, data.labels) })
                    : msg("file-opened", { date: date }));
  }

  function openFile() {
    var file = fileInput.files && fileInput.files[0];
    fileInput.value = "";
    if (!file) return;
    if (file.size > 2000000) {
      say(msg("file-invalid"));
      return;
    }
    var reader = new FileReader();
    reader.onload = function () { openText(String(reader.result)); };
    reader.onerror = function () { say(msg("file-invalid")); };
    reader.readAsText(file);
  }

  /* --- 6. Copy as text ---------------------------------------------------------------------- */
  function choiceText(f, index) {
    var label = f.box.querySelector('label[for="wf-' + f.id + "-" + index + '"]');
    return label ? label.textContent.trim() : String(index);
  }

  function asText() {
    var answers = collect();
    var parts = [];
    fields.forEach(function (f) {
      var value = answers[f.id];
      if (value === undefined) return;
      var text;
      if (f.type === "checkboxes") {
        text = value.map(function (i) { return choiceText(f, i); }).join("; ");
      } else if (f.type === "radio" || f.type === "rating") {
        text = choiceText(f, value);
      } else if (f.type === "signature") {
        text = [value.name.trim(), value.date.trim()].filter(Boolean).join(", ");
      } else if (f.type === "table") {
        var names = columnNames(f);
        text = "\n" + value.map(function (row) {
          return "- " + row.map(function (cell, c) { return cell.trim() ? names[c] + ": " + cell.trim() : ""; })
            .filter(Boolean).join("; ");
        }).filter(function (line) { return line !== "- "; }).join("\n");
      } else {
        text = value.trim();
        if (text.indexOf("\n") >= 0) text = "\n" + text;
      }
      parts.push(f.label + ":" + (text.charAt(0) === "\n" ? "" : " ") + text);
    });
    return parts.length ? TITLE + "\n\n" + parts.join("\n") + "\n" : "";
  }

  function copy() {
    var text = asText();
    copyBox.hidden = true;
    if (!text) {
      say(msg("nothing"));
      return;
    }
    var area = copyBox.querySelector("textarea");
    area.value = text;
    function fallback() {
      // Some browsers refuse the clipboard: the text is shown, selected, to copy by hand.
      copyBox.hidden = false;
      area.focus();
      area.select();
      var copied = false;
      try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
      say(copied ? msg("copied") : msg("copy-failed"));
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () { say(msg("copied")); }, fallback);
    } else {
      fallback();
    }
  }

  /* --- wiring -------------------------------------------------------------------------------- */
  fields.forEach(function (f) {
    if (f.type !== "table") return;
    f.initialRows = rowsOf(f).length;
    var add = f.box.querySelector("[data-wf-add-row]");
    add.hidden = false;
    add.addEventListener("click", function () {
      var row = addRow(f);
      mirrorAll();
      row.querySelector("input.wf-input").focus();
      say(msg("row-added", { n: rowsOf(f).length }));
      saveSoon();
    });
    f.box.addEventListener("click", function (event) {
      var button = event.target.closest("[data-wf-remove-row]");
      if (!button) return;
      var row = button.closest("tr");
      var rows = Array.prototype.slice.call(rowsOf(f));
      var n = rows.indexOf(row) + 1;
      var next = rows[n] || rows[n - 2];
      row.remove();
      renumber(f);
      (next ? next.querySelector("input.wf-input") : add).focus();
      say(msg("row-removed", { n: n }));
      saveSoon();
    });
    renumber(f);
  });

  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("input", function (event) {
    if (event.target.classList.contains("wf-input")) mirror(event.target);
    if (!event.target.closest("[data-wf-copy]")) saveSoon();
  });
  form.addEventListener("change", function (event) {
    if (event.target === fileInput) openFile();
    else if (!event.target.closest("[data-wf-copy]")) saveSoon();
  });
  // Typing is saved within a moment; leaving the page saves at once.
  window.addEventListener("pagehide", function () { if (saveTimer) save(); });
  document.addEventListener("visibilitychange", function () { if (document.hidden && saveTimer) save(); });

  form.querySelector("[data-wf-tools]").addEventListener("click", function (event) {
    var button = event.target.closest("[data-wf-action]");
    if (!button) return;
    var action = button.getAttribute("data-wf-action");
    if (action === "print") window.print();
    else if (action === "save") saveFile();
    else if (action === "open") fileInput.click();
    else if (action === "copy") copy();
    else if (action === "delete") removeAll();
  });

  form.classList.add("wf-js");
  form.querySelector("[data-wf-tools]").hidden = false;
  markHandout();
  mirrorAll();
  restore();
})();

/* CLARINET handbook: the checklists of a page (Markdown task lists, "- [ ] …", which
 * pymdownx.tasklist renders as disabled check boxes and scripts/handbook/render/accessibility.py
 * names after their item) become boxes the reader can tick. Loaded only on pages with a checklist.
 *
 * The ticks are kept in this browser only (localStorage, one entry per page: no request, no
 * cookie), under each item's text, so that a tick stays with its item when the page is edited
 * around it; an item whose text changes starts unticked. They print as they are on screen
 * (assets/stylesheets/checklists.css).
 */
(function () {
  "use strict";

  var boxes = Array.prototype.slice.call(document.querySelectorAll(
    "article .task-list-control input[type=checkbox]"));
  if (!boxes.length) return;

  // One entry per page: its address without the file name of the offline copy's index.html.
  var KEY = "handbook-checklist:" + location.pathname.replace(/index\.html$/, "");
  var storage = null;
  try {
    storage = window.localStorage;
    storage.getItem(KEY);
  } catch (e) {
    storage = null;
  }

  function text(box) {
    var id = box.getAttribute("aria-labelledby");
    var label = id ? document.getElementById(id) : null;
    var item = box.closest("li");
    return ((label || item || box).textContent || "").replace(/\s+/g, " ").trim();
  }

  // The same text twice on a page: the second is "text #2".
  var seen = {};
  var names = boxes.map(function (box) {
    var name = text(box);
    seen[name] = (seen[name] || 0) + 1;
    return seen[name] > 1 ? name + " #" + seen[name] : name;
  });

  var ticked = {};
  if (storage) {
    try { ticked = JSON.parse(storage.getItem(KEY) || "{}") || {}; } catch (e) { ticked = {}; }
  }

  function save() {
    if (!storage) return;
    var now = {};
    boxes.forEach(function (box, i) { if (box.checked) now[names[i]] = true; });
    try {
      if (Object.keys(now).length) storage.setItem(KEY, JSON.stringify(now));
      else storage.removeItem(KEY);
    } catch (e) { /* full or refused: the ticks last as long as the page */ }
  }

  boxes.forEach(function (box, i) {
    box.disabled = false;
    box.removeAttribute("disabled");
    box.checked = ticked[names[i]] === true;
    box.closest("li").classList.add("handbook-check");
    box.addEventListener("change", save);
  });
  document.documentElement.classList.add("handbook-checklists");
})();

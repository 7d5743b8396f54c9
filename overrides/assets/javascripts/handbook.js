/* CLARINET handbook: the page's small behaviours. Loaded at the end of every page, after Material's
 * bundle but before the document is fully parsed-and-ready (Material mounts its components on
 * DOMContentLoaded, this script runs just before). No inline script anywhere: the site's
 * Content-Security-Policy has no unsafe-inline. The page's words come from the inert
 * <template id="handbook-ui"> (overrides/partials/handbook-ui.html).
 *
 * 1. Print: the Print button; collapsed blocks opened for printing.
 * 2. Search: the home page's search entry opens Material's search.
 * 3. Tables: a table wider than the screen becomes a named, keyboard-focusable scrolling region
 *    (its edge shadows are CSS, handbook.css); cells get their column's name (data-label) for
 *    the worksheet catalogue's card layout on phones.
 * 4. Glossary terms: the definition opens under the term (hover, focus, tap, Enter or Space),
 *    with a link to the full entry; it closes on Escape, on scroll and on a tap elsewhere.
 * 5. Language switch: the link to the other language carries the place being read (#anchor).
 * 6. Feedback: the e-mail link names the address the reader has open.
 */
(function () {
  "use strict";

  var ui = document.getElementById("handbook-ui");
  var uiContent = ui && ui.content ? ui.content : null;

  /* --- 1. Print ------------------------------------------------------------------------------ */
  var opened = [];
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-handbook-print]");
    if (button) {
      event.preventDefault();
      window.print();
    }
  });
  // Paper cannot be clicked: open every collapsed block before printing, close them afterwards.
  // (print.css also shows their content for browsers that print without these events.)
  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.filter.call(document.querySelectorAll("details:not([open])"), function (d) {
      d.setAttribute("open", "");
      return true;
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.removeAttribute("open"); });
    opened = [];
  });

  /* --- 2. Search entry (home page) ------------------------------------------------------------ */
  Array.prototype.forEach.call(document.querySelectorAll("[data-handbook-search]"), function (button) {
    var toggle = document.getElementById("__search");
    var holder = button.closest("[hidden]");
    if (!toggle) return;
    if (holder) holder.hidden = false;
    button.addEventListener("click", function () {
      // As Material itself opens search: check its toggle and tell it, then focus the field
      // (search-on-demand.js fetches the index on this change).
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change", { bubbles: true }));
      var input = document.querySelector(".md-search__input");
      if (input) setTimeout(function () { input.focus(); }, 50);
    });
  });

  /* --- 3. Tables -------------------------------------------------------------------------- */
  var tableLabel = ui ? ui.getAttribute("data-table-label") : "";

  function labelCells(table) {
    var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.textContent.trim();
    });
    Array.prototype.forEach.call(table.querySelectorAll("tbody tr"), function (row) {
      Array.prototype.forEach.call(row.children, function (cell, i) {
        if (heads[i] && !cell.hasAttribute("data-label")) cell.setAttribute("data-label", heads[i]);
      });
    });
    return heads;
  }

  // A table laid out as cards (the worksheet catalogue on phones, handbook.css) keeps its table
  // semantics for screen readers: some browsers drop them when a table is not displayed as one.
  function keepRoles(table) {
    var roles = [["table", "table"], ["thead, tbody", "rowgroup"], ["tr", "row"], ["th", "columnheader"], ["td", "cell"]];
    roles.forEach(function (pair) {
      if (pair[0] === "table") return table.setAttribute("role", "table");
      Array.prototype.forEach.call(table.querySelectorAll(pair[0]), function (el) { el.setAttribute("role", pair[1]); });
    });
  }

  function tables() {
    var names = {};
    Array.prototype.forEach.call(document.querySelectorAll("article table"), function (table) {
      var heads = labelCells(table);
      var wrap = table.closest(".md-typeset__scrollwrap");
      var before = (wrap || table).previousElementSibling;
      if (before && before.id === "catalogue" && !table.hasAttribute("role")) keepRoles(table);
      if (!wrap) return;
      var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
      wrap.classList.toggle("handbook-scrolls", scrolls);
      if (scrolls) {
        // A region reachable by Tab (arrow keys then scroll it), named after its columns so that
        // two tables on a page have different names.
        var name = tableLabel + (heads.length ? ": " + heads.join(", ") : "");
        names[name] = (names[name] || 0) + 1;
        if (names[name] > 1) name += " (" + names[name] + ")";
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", name);
      } else if (wrap.getAttribute("role") === "region") {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }

  /* --- 4. Glossary terms -------------------------------------------------------------------- */
  var glossaryLink = uiContent ? uiContent.querySelector(".handbook-term__link") : null;
  var terms = Array.prototype.slice.call(document.querySelectorAll("article abbr[title]"));
  var popup = null, current = null, openedAt = 0, openedScroll = 0, hoverTimer = 0, lastPointer = "";
  var refocusing = false;

  function termLink(abbr) {
    if (!glossaryLink) return null;
    var link = glossaryLink.cloneNode(true);
    var href = link.getAttribute("href");
    // The offline copy (file://) names folders' index.html: a folder would open as a file listing.
    if (location.protocol === "file:" && /\/$/.test(href)) href += "index.html";
    var id = abbr.getAttribute("data-glossary-term");
    link.setAttribute("href", id ? href + "#" + encodeURIComponent(id) : href);
    return link;
  }

  function place() {
    if (!popup || !current) return;
    var rects = current.getClientRects();
    if (!rects.length) return;
    var first = rects[0], last = rects[rects.length - 1];
    var gap = 6, margin = 8;
    var width = document.documentElement.clientWidth, height = window.innerHeight;
    popup.style.maxWidth = Math.min(width - 2 * margin, 352) + "px";
    var box = popup.getBoundingClientRect();
    var left = Math.max(margin, Math.min(last.left, width - margin - box.width));
    // Under the line being read; above it only when the space below is too small.
    var top = last.bottom + gap;
    if (top + box.height > height - margin && first.top - gap - box.height >= margin) {
      top = first.top - gap - box.height;
    }
    popup.style.left = Math.round(left) + "px";
    popup.style.top = Math.round(top) + "px";
  }

  function open(abbr) {
    if (current === abbr) return;
    close(false);
    current = abbr;
    popup = document.createElement("span");
    popup.className = "handbook-term";
    popup.id = "handbook-term";
    var text = document.createElement("span");
    text.className = "handbook-term__text";
    text.textContent = abbr.getAttribute("data-definition");
    popup.appendChild(text);
    var link = termLink(abbr);
    if (link) {
      popup.appendChild(document.createTextNode(" "));
      popup.appendChild(link);
    }
    // Right after the term in the document: Tab goes from the term to the link in its pop-up.
    abbr.parentNode.insertBefore(popup, abbr.nextSibling);
    abbr.setAttribute("aria-expanded", "true");
    abbr.setAttribute("aria-controls", popup.id);
    openedAt = Date.now();
    openedScroll = window.scrollY;
    place();
  }

  function close(refocus) {
    clearTimeout(hoverTimer);
    if (!current) return;
    var abbr = current;
    var hadFocus = popup && popup.contains(document.activeElement);
    abbr.setAttribute("aria-expanded", "false");
    abbr.removeAttribute("aria-controls");
    if (popup) popup.remove();
    popup = null;
    current = null;
    if (refocus && hadFocus) {
      refocusing = true;  // back on the term after Escape: it stays closed
      abbr.focus();
      refocusing = false;
    }
  }

  function termOf(target) {
    return target && target.closest ? target.closest("abbr[data-definition]") : null;
  }
  function inPopup(target) {
    return !!(popup && target && popup.contains(target));
  }

  if (terms.length) {
    terms.forEach(function (abbr) {
      // Material would turn the title into its own tooltip on DOMContentLoaded; this pop-up
      // replaces it for glossary terms, so the title moves to a data attribute first.
      abbr.setAttribute("data-definition", abbr.getAttribute("title"));
      abbr.removeAttribute("title");
      abbr.setAttribute("tabindex", "0");
      abbr.setAttribute("role", "button");
      abbr.setAttribute("aria-expanded", "false");
      abbr.classList.add("handbook-term-word");
    });

    document.addEventListener("pointerdown", function (event) {
      lastPointer = event.pointerType || "mouse";
      if (current && !termOf(event.target) && !inPopup(event.target)) close(false);
    }, true);

    // Mouse: open on hover after a moment, close when the pointer has left the term and its
    // pop-up (which it can move onto, to follow the link).
    document.addEventListener("pointerover", function (event) {
      if (event.pointerType !== "mouse") return;
      var abbr = termOf(event.target);
      if (abbr || inPopup(event.target)) {
        clearTimeout(hoverTimer);
        if (abbr && abbr !== current) hoverTimer = setTimeout(function () { open(abbr); }, 150);
      }
    });
    document.addEventListener("pointerout", function (event) {
      if (event.pointerType !== "mouse" || !current) return;
      var to = event.relatedTarget;
      if (termOf(to) === current || inPopup(to)) return;
      if (termOf(event.target) || inPopup(event.target)) {
        clearTimeout(hoverTimer);
        hoverTimer = setTimeout(function () {
          if (current && !current.contains(document.activeElement) && !inPopup(document.activeElement)) close(false);
        }, 300);
      }
    });

    // Tap or click: a tap toggles; a mouse click keeps what hovering opened.
    document.addEventListener("click", function (event) {
      var abbr = termOf(event.target);
      if (!abbr) return;
      if (abbr === current && lastPointer !== "mouse" && Date.now() - openedAt > 400) close(false);
      else open(abbr);
    });

    document.addEventListener("keydown", function (event) {
      var abbr = termOf(event.target);
      if (abbr && (event.key === "Enter" || event.key === " ")) {
        event.preventDefault();
        if (abbr === current) close(false); else open(abbr);
      } else if (event.key === "Escape" && current) {
        close(true);
      }
    });

    // Keyboard focus opens the definition (as Material's did); it closes when the focus has
    // left both the term and its pop-up.
    document.addEventListener("focusin", function (event) {
      var abbr = termOf(event.target);
      if (abbr && !refocusing && abbr.matches(":focus-visible")) open(abbr);
      else if (current && event.target !== current && !inPopup(event.target)) close(false);
    });

    // Scrolling moves the line away from the pop-up: it closes (a small movement, such as the
    // browser bringing a focused term into view, does not count).
    window.addEventListener("scroll", function (event) {
      if (!current) return;
      var target = event.target;
      if (target === document || target === document.documentElement || target === window) {
        if (Math.abs(window.scrollY - openedScroll) > 24) close(false);
      } else if (target.contains && target.contains(current)) {
        close(false);
      }
    }, true);
    var lastWidth = window.innerWidth;
    window.addEventListener("resize", function () {
      if (window.innerWidth !== lastWidth) close(false);
      lastWidth = window.innerWidth;
    });
  }

  /* --- 5. Language switch keeps the place --------------------------------------------------- */
  // The anchors are the same in both languages. The place is the element named in the address
  // (#…) while it is on screen, otherwise the last heading above the top of the screen.
  function placeAnchor() {
    var header = document.querySelector(".md-header");
    var top = header ? header.getBoundingClientRect().bottom : 0;
    var hash = location.hash.slice(1);
    if (hash) {
      var target = document.getElementById(decodeURIComponent(hash));
      if (target) {
        var r = target.getBoundingClientRect();
        if (r.bottom > top && r.top < window.innerHeight) return hash;
      }
    }
    var found = "";
    var headings = document.querySelectorAll("article h2[id], article h3[id], article h4[id], article .handbook-anchor[id]");
    for (var i = 0; i < headings.length; i++) {
      if (headings[i].getBoundingClientRect().top <= top + 8) found = headings[i].id;
      else break;
    }
    return found ? encodeURIComponent(found) : "";
  }

  function carry(event) {
    var link = event.target.closest && event.target.closest("a.md-select__link[hreflang]");
    if (!link) return;
    var base = link.getAttribute("data-handbook-href");
    if (base === null) {
      base = link.getAttribute("href");
      // A link that names its own place is left alone (the offline copy without a site address
      // points at the note on its home page instead of the other language).
      if (base.indexOf("#") !== -1) return;
      link.setAttribute("data-handbook-href", base);
    }
    var anchor = placeAnchor();
    link.setAttribute("href", anchor ? base + "#" + anchor : base);
  }
  ["pointerdown", "focusin", "click", "auxclick", "contextmenu"].forEach(function (type) {
    document.addEventListener(type, carry, true);
  });

  /* --- 6. Feedback by e-mail -------------------------------------------------------------- */
  if (/^https?:$/.test(location.protocol)) {
    Array.prototype.forEach.call(document.querySelectorAll("a[data-handbook-feedback]"), function (link) {
      var body = link.getAttribute("data-page-label") + ": " + location.href.split("#")[0] + "\r\n\r\n" +
        link.getAttribute("data-question") + "\r\n";
      link.setAttribute("href", "mailto:" + link.getAttribute("data-handbook-feedback") +
        "?subject=" + encodeURIComponent(link.getAttribute("data-subject")) + "&body=" + encodeURIComponent(body));
    });
  }

  /* --- when Material has mounted (it wraps the tables on DOMContentLoaded) -------------------- */
  function ready() {
    tables();
    var timer = 0;
    window.addEventListener("resize", function () {
      clearTimeout(timer);
      timer = setTimeout(tables, 150);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { setTimeout(ready, 0); });
  } else {
    setTimeout(ready, 0);
  }
})();

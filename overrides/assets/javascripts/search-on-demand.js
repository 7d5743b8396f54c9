/* CLARINET handbook: the search index only when the reader starts to search, and "Did you mean".
 *
 * 1. Material for MkDocs requests search/search_index.json as soon as a page loads (its search
 *    and its search-highlight components subscribe to the index at start-up), so every first
 *    visit of a page paid for the index of the whole handbook. This script runs before Material's
 *    bundle and holds back that one request until the reader opens the search: focuses the search
 *    field (also by the keys s, f or /), presses on the search icon or field, or toggles search on
 *    a phone. A page opened from a search result (?h=…, for highlighting) gets the index at once,
 *    as before. Nothing else changes: Material's own request goes out when released, and its
 *    worker builds the index then. The offline copy (file://) is left alone: Material loads
 *    search/search_index.js there only when search is opened.
 * 2. When a typed word was misspelt, the search worker searches the nearest word of the index
 *    instead (lunr/min/lunr.bg.min.js, part 4) and says so in its result. This script listens to
 *    the worker's messages (it wraps the Worker constructor before Material's bundle creates the
 *    worker – online a Web Worker, offline the iframe-worker shim) and shows, under the number of
 *    results, "Търсихте ли: прессъобщение?" / "Did you mean: …?": a button that puts the corrected
 *    query into the search field. Material rewrites that line with every result, so the note goes
 *    with the result it belongs to.
 * 3. The search worker itself waits too (online only): Material creates it as the page starts,
 *    which cost every first visit its script (about 12 KiB compressed) although it has nothing to
 *    do before the index arrives. The wrapped constructor returns a stand-in that keeps Material's
 *    listeners and starts the real worker at the first message Material sends it – the index, that
 *    is, once the reader starts to search (`make bench`: first visit of a chapter −13 KiB).
 * Works under the site's Content-Security-Policy: no inline script or style, no eval.
 */
(function () {
  "use strict";

  /* 2. "Did you mean" */
  var RESULT = 3;                       /* Material's SearchMessageType.RESULT */
  var LABEL = { bg: "Търсихте ли: ", en: "Did you mean: " };

  function corrected(query, corrections) {
    var out = query;
    corrections.forEach(function (fix) {
      var at = out.toLowerCase().indexOf(fix.typed);
      if (at !== -1)
        out = out.slice(0, at) + fix.word + out.slice(at + fix.typed.length);
    });
    return out;
  }

  function show(data) {
    var meta = document.querySelector(".md-search-result__meta");
    var input = document.querySelector("input.md-search__input");
    var fix = data && data.handbook;
    if (!meta || !input || !fix || !fix.corrections || !data.items || !data.items.length)
      return;
    var query = corrected(input.value, fix.corrections);
    if (query === input.value)
      return;
    var lang = (document.documentElement.lang || "bg").slice(0, 2);
    var line = document.createElement("span");
    line.className = "handbook-search-fix";
    line.style.display = "block";
    line.appendChild(document.createTextNode(LABEL[lang] || LABEL.en));
    var button = document.createElement("button");
    button.type = "button";
    button.className = "handbook-search-fix__query";
    button.textContent = query;
    button.style.font = "inherit";
    button.style.color = "var(--md-typeset-a-color)";
    button.style.textDecoration = "underline";
    button.style.background = "none";
    button.style.border = "0";
    button.style.padding = "0";
    button.style.cursor = "pointer";
    button.addEventListener("click", function () {
      input.value = query;
      input.focus();
      input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
    });
    line.appendChild(button);
    line.appendChild(document.createTextNode("?"));
    meta.appendChild(line);
  }

  function watch(worker) {
    if (worker && typeof worker.addEventListener === "function")
      worker.addEventListener("message", function (event) {
        var message = event.data;
        if (message && message.type === RESULT)
          setTimeout(function () { show(message.data); }, 0);  /* after Material's rendering */
      });
    return worker;
  }

  /* 3. A worker started at its first message; until then it only keeps its listeners. */
  function LazyWorker(Worker, url, options) {
    var real = null, listeners = [];
    function start() {
      if (!real) {
        real = watch(new Worker(url, options));
        listeners.splice(0).forEach(function (l) { real.addEventListener(l[0], l[1], l[2]); });
      }
      return real;
    }
    this.postMessage = function () {
      var worker = start();
      return worker.postMessage.apply(worker, arguments);
    };
    this.addEventListener = function (type, listener, options) {
      if (real) real.addEventListener(type, listener, options);
      else listeners.push([type, listener, options]);
    };
    this.removeEventListener = function (type, listener, options) {
      if (real) return real.removeEventListener(type, listener, options);
      listeners = listeners.filter(function (l) { return l[0] !== type || l[1] !== listener; });
    };
    this.dispatchEvent = function (event) { return start().dispatchEvent(event); };
    this.terminate = function () { if (real) real.terminate(); };
  }
  var lazy = /^https?:$/.test(location.protocol);

  function wrap(Worker) {
    if (typeof Worker !== "function" || Worker.handbookWatched)
      return Worker;
    var Watched = function (url, options) {
      return lazy ? new LazyWorker(Worker, url, options) : watch(new Worker(url, options));
    };
    Watched.prototype = Worker.prototype;
    Watched.handbookWatched = true;
    return Watched;
  }

  var worker = wrap(window.Worker);
  try {
    Object.defineProperty(window, "Worker", {
      configurable: true,
      get: function () { return worker; },
      set: function (value) { worker = wrap(value); }  /* the offline copy's iframe-worker shim */
    });
  } catch (error) { /* leave Material's worker alone */ }

  /* 1. The index on demand (online only) */
  if (location.protocol === "file:" || typeof XMLHttpRequest === "undefined")
    return;

  var INDEX = /\/search\/search_index\.json(?:[?#]|$)/;
  var held = [];
  var released = new URL(location.href).searchParams.has("h");

  function release() {
    if (released)
      return;
    released = true;
    held.splice(0).forEach(function (send) { send(); });
  }

  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.handbookSearchIndex = INDEX.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.handbookSearchIndex && !released) {
      var request = this, args = arguments;
      held.push(function () { send.apply(request, args); });
      return;
    }
    return send.apply(this, arguments);
  };

  function inSearch(target) {
    return !!(target && target.closest &&
      target.closest("[data-md-component=search], label[for=__search]"));
  }
  document.addEventListener("focusin", function (event) {
    if (inSearch(event.target)) release();
  }, true);
  document.addEventListener("pointerdown", function (event) {
    if (inSearch(event.target)) release();
  }, true);
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search" && event.target.checked) release();
  }, true);
})();

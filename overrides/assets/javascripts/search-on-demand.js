/* CLARINET handbook: fetch the search index only when the reader starts to search.
 *
 * Material for MkDocs requests search/search_index.json as soon as a page loads (its search and
 * its search-highlight components subscribe to the index at start-up), so every first visit of a
 * page paid for the index of the whole handbook. This script runs before Material's bundle and
 * holds back that one request until the reader opens the search: focuses the search field (also
 * by the keys s, f or /), presses on the search icon or field, or toggles search on a phone.
 * A page opened from a search result (?h=…, for highlighting) gets the index at once, as before.
 * Nothing else changes: Material's own request goes out when released, and its worker builds the
 * index then. The offline copy (file://) is left alone: Material loads search/search_index.js
 * there only when search is opened.
 */
(function () {
  "use strict";
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

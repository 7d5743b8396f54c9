/* CLARINET handbook: the glossary definitions that Material shows on hover or focus can be
   dismissed with Escape without moving the pointer or the focus (WCAG 1.4.13). They come back on
   the next focus change or when the pointer enters another element. */
(function () {
  "use strict";
  var root = document.documentElement;
  var DISMISSED = "handbook-tooltips-dismissed";
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && document.querySelector(".md-tooltip2--active")) {
      root.classList.add(DISMISSED);
    }
  });
  function show() { root.classList.remove(DISMISSED); }
  document.addEventListener("focusin", show);
  document.addEventListener("mouseover", show);
})();

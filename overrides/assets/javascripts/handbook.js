/* CLARINET handbook: the Print button, and collapsed blocks opened for printing. */
(function () {
  "use strict";
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
})();

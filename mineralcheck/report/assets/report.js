// Filters by verdict: one attribute on <body>, the stylesheet does the rest; printing opens all details.
(function () {
  "use strict";
  var buttons = document.querySelectorAll(".filters button");
  function choose(filter) {
    document.body.setAttribute("data-filter", filter);
    buttons.forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute("data-filter") === filter));
    });
  }
  buttons.forEach(function (button) {
    button.addEventListener("click", function () { choose(button.getAttribute("data-filter")); });
  });
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (details) { details.open = true; });
  });
})();

// Strongroom's only page script. Loaded with the per-response CSP nonce; no inline script
// or event handler attribute exists in the templates, so the CSP can forbid them all.
(function () {
  "use strict";

  // Put the cursor in the search box on the records list.
  var search = document.querySelector("form.search input[type=search]");
  if (search && !search.value) {
    search.focus();
  }

  // Forms marked data-confirm (log out) ask before they are sent.
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) {
        event.preventDefault();
      }
    });
  });

  document.documentElement.setAttribute("data-strongroom-script", "loaded");
})();

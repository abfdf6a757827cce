// On a phone the list filters would push the first result a screen or two down, and on a results
// page (filters or a search applied: `data-results`) the reader came for the results: fold them
// behind their summary button. Not when they show a mistake, which the reader has to see.
// Without this script (or on a wide screen before any filter) they stay open.
(function () {
  "use strict";
  var phone = window.matchMedia("(max-width: 40rem)").matches;
  document.querySelectorAll("details.filters-fold[open]").forEach(function (fold) {
    if (!phone && !fold.hasAttribute("data-results")) {
      return;
    }
    var form = fold.closest("form");
    if (!form || !form.querySelector(".form-errors, .has-error")) {
      fold.removeAttribute("open");
    }
  });
})();

// On a phone the list filters would push the first result a screen or two down: fold them
// behind their summary button. Not when they show a mistake, which the reader has to see.
// Without this script (or on a wide screen) they stay open.
(function () {
  "use strict";
  if (!window.matchMedia("(max-width: 40rem)").matches) {
    return;
  }
  document.querySelectorAll("details.filters-fold[open]").forEach(function (fold) {
    var form = fold.closest("form");
    if (!form || !form.querySelector(".form-errors, .has-error")) {
      fold.removeAttribute("open");
    }
  });
})();

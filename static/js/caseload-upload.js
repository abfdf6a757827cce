// The caseload upload's progress bar (templates/admin/interchange/caseload_upload.html); without
// JavaScript the form posts as usual. A file of its own: the admin's CSP allows no inline script.
(function () {
  var form = document.getElementById("caseload-form");
  form.addEventListener("submit", function (event) {
    if (!window.XMLHttpRequest || !window.FormData) return;
    event.preventDefault();
    var box = document.getElementById("caseload-progress"), bar = box.querySelector("progress"),
        status = box.querySelector("span"), request = new XMLHttpRequest();
    box.hidden = false;
    request.upload.onprogress = function (e) {
      if (e.lengthComputable) { bar.value = Math.round(100 * e.loaded / e.total); status.textContent = "Uploading: " + bar.value + "%"; }
    };
    request.upload.onload = function () { bar.removeAttribute("value"); status.textContent = "Uploaded. Checking every row against the ledger (a few seconds per thousand people)…"; };
    request.onload = function () { window.location.href = request.responseURL; };
    request.onerror = function () { status.textContent = "The upload failed: check the connection and try again."; };
    request.open("POST", form.action || window.location.href);
    request.send(new FormData(form));
  });
})();

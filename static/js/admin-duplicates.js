// The person add form: while a name is typed (the display name or a spelling in the rows
// below), list the people it already matches, in any script, so that the editor can open the
// existing record before filling in a new one. The check before the save stays
// (prisoners/admin/duplicates.py); this only says it earlier.
// The admin loads it in <head>: it starts once the form is there.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  if (!document.getElementById("id_not_a_duplicate")) {
    return; // not the add form
  }
  var endpoint = new URL("../possible-duplicates/", window.location.href);
  var nameField = document.getElementById("id_display_name");
  if (!nameField) {
    return;
  }
  var box = document.createElement("div");
  box.id = "possible-duplicates";
  box.className = "possible-duplicates";
  box.setAttribute("role", "status");
  box.setAttribute("aria-live", "polite");
  var row = nameField.closest(".form-row") || nameField.parentNode;
  row.appendChild(box);

  var timer = null;
  var latest = 0;

  function typedNames() {
    var names = [nameField.value];
    document.querySelectorAll("input[name^='names-'][name$='-name']").forEach(function (input) {
      names.push(input.value);
    });
    return names.map(function (name) { return name.trim(); }).filter(function (name) {
      return name.length >= 3;
    });
  }

  function show(matches, more) {
    box.textContent = "";
    if (!matches.length) {
      return;
    }
    var lead = document.createElement("strong");
    lead.textContent = "Possible duplicate: the name matches ";
    box.appendChild(lead);
    matches.forEach(function (match, index) {
      if (index) {
        box.appendChild(document.createTextNode(", "));
      }
      var link = document.createElement("a");
      link.href = match.url;
      link.target = "_blank";
      var isolated = document.createElement("bdi");
      isolated.textContent = match.name;
      link.appendChild(isolated);
      box.appendChild(link);
    });
    if (more) {
      box.appendChild(document.createTextNode(" and " + more + " more"));
    }
    box.appendChild(document.createTextNode(
      ". Open the existing record, or go on and tick “This is a different person”."
    ));
  }

  function check() {
    var names = typedNames();
    var asked = ++latest;
    if (!names.length) {
      show([], 0);
      return;
    }
    Promise.all(names.map(function (name) {
      var url = new URL(endpoint);
      url.searchParams.set("name", name);
      return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { matches: [], more: 0 }; });
    })).then(function (answers) {
      if (asked !== latest) {
        return; // a later keystroke has asked again
      }
      var seen = {};
      var matches = [];
      var more = 0;
      answers.forEach(function (answer) {
        more += answer.more;
        answer.matches.forEach(function (match) {
          if (!seen[match.url]) {
            seen[match.url] = true;
            matches.push(match);
          }
        });
      });
      show(matches, more);
    }).catch(function () { /* the check before the save still runs */ });
  }

  document.addEventListener("input", function (event) {
    var target = event.target;
    if (target === nameField || /^names-\d+-name$/.test(target.name || "")) {
      window.clearTimeout(timer);
      timer = window.setTimeout(check, 400);
    }
  });
});

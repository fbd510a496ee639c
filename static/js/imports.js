// The list of uploaded files (/importer/) follows the worker's progress: while a file is
// queued or being read, ask /importer/?format=json every few seconds and update the state
// of each row shown, announcing each change to screen readers. Without JavaScript the
// page says to reload it; nothing here is needed to use it.
(function () {
  "use strict";

  var WORKING = ["queued", "parsing"];
  var INTERVAL_MS = 3000;
  var MAX_POLLS = 1200; // an hour: a page left open stops asking

  function working(table) {
    return Array.prototype.some.call(table.querySelectorAll("tr[data-import]"), function (row) {
      return WORKING.indexOf(row.getAttribute("data-state")) !== -1;
    });
  }

  function link(href, text, name) {
    var anchor = document.createElement("a");
    anchor.href = href;
    anchor.textContent = text;
    var hidden = document.createElement("span");
    hidden.className = "visually-hidden";
    hidden.textContent = " " + name;
    anchor.appendChild(hidden);
    return anchor;
  }

  function update(table, item, news) {
    var row = table.querySelector('tr[data-import="' + item.id + '"]');
    if (!row || row.getAttribute("data-state") === item.state) {
      return;
    }
    row.setAttribute("data-state", item.state);
    var cell = row.querySelector(".import-state");
    cell.textContent = "";
    var state = document.createElement("span");
    state.className = "state state-" + item.state;
    state.textContent = item.state_label;
    cell.appendChild(state);
    var after = null;
    if (item.message) {
      after = document.createElement("span");
      after.className = "reason";
      after.textContent = item.message;
    } else if (item.state === "parsed") {
      after = link(item.preview_url, table.getAttribute("data-check-label"), item.filename);
    } else if (item.state === "imported" && item.meeting_url) {
      after = link(item.meeting_url, table.getAttribute("data-meeting-label"), item.filename);
    }
    if (after) {
      cell.appendChild(document.createElement("br"));
      cell.appendChild(after);
    }
    news.push(item.filename + ": " + item.state_label);
  }

  function start() {
    var table = document.getElementById("imports");
    var live = document.getElementById("imports-news");
    if (!table || !live || !window.fetch || !working(table)) {
      return;
    }
    var polls = 0;
    function poll() {
      polls += 1;
      fetch(table.getAttribute("data-poll"), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(response.status);
          }
          return response.json();
        })
        .then(function (data) {
          var news = [];
          data.imports.forEach(function (item) {
            update(table, item, news);
          });
          if (news.length) {
            live.textContent = news.join(". ");
          }
        })
        .catch(function () {
          // A failed request (a restart, a lost connection): try again at the next tick.
        })
        .then(function () {
          if (working(table) && polls < MAX_POLLS) {
            window.setTimeout(poll, INTERVAL_MS);
          } else {
            var notice = document.getElementById("imports-working");
            if (notice) {
              notice.hidden = true;
            }
          }
        });
    }
    window.setTimeout(poll, INTERVAL_MS);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

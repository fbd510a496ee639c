// Drag and drop on the upload form (/upload/): files dropped on the drop area go into the
// form's file field, and the chosen files are listed. The field itself (several files at
// once) works without this script.
(function () {
  "use strict";

  function start() {
    var form = document.querySelector("form.upload-form");
    var input = form && form.querySelector('input[type="file"]');
    if (!input || !window.DataTransfer) {
      return;
    }
    var zone = document.createElement("div");
    zone.className = "drop-zone";
    zone.textContent = form.getAttribute("data-drop-label");
    var list = document.createElement("ul");
    list.className = "chosen-files";
    list.setAttribute("aria-live", "polite");
    input.parentNode.insertBefore(zone, input.nextSibling);
    zone.parentNode.insertBefore(list, zone.nextSibling);

    function show() {
      list.textContent = "";
      Array.prototype.forEach.call(input.files, function (file) {
        var item = document.createElement("li");
        item.textContent = file.name;
        list.appendChild(item);
      });
    }

    ["dragenter", "dragover"].forEach(function (name) {
      zone.addEventListener(name, function (event) {
        event.preventDefault();
        zone.classList.add("drop-zone-active");
      });
    });
    ["dragleave", "drop"].forEach(function (name) {
      zone.addEventListener(name, function () {
        zone.classList.remove("drop-zone-active");
      });
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      var files = new DataTransfer();
      Array.prototype.forEach.call(input.files, function (file) {
        files.items.add(file);
      });
      Array.prototype.forEach.call(event.dataTransfer.files, function (file) {
        files.items.add(file);
      });
      input.files = files.files;
      show();
    });
    input.addEventListener("change", show);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

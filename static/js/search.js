// The search form (templates/search/includes/search_form.html): choosing another order
// applies it at once, as a reader expects of a sort menu. The form's hint saying so is shown
// only here, where it is true (WCAG 3.2.2). Without JavaScript the Search button sends the
// order with everything else; nothing here is needed to use the page.
(function () {
  "use strict";

  function enhance(select) {
    var form = select.form;
    if (!form) {
      return;
    }
    select.addEventListener("change", function () {
      if (typeof form.requestSubmit === "function") {
        form.requestSubmit();
      } else {
        form.submit();
      }
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("select[data-submit-on-change]"), enhance);
    Array.prototype.forEach.call(document.querySelectorAll("[data-shown-with-script]"), function (hint) {
      hint.hidden = false;
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

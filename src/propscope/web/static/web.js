/* propscope web pages: small conveniences only; every page works without this file. */
(function () {
  "use strict";
  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    if (!form || !form.classList || !form.classList.contains("analyze")) { return; }
    var button = form.querySelector("button[type=submit]");
    if (button) {
      window.setTimeout(function () { button.disabled = true; button.textContent = "Analyzing…"; }, 0);
    }
  });
}());

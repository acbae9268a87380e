// The text-size control (TT): scales article text in three steps each way, remembered per browser.
(function () {
  "use strict";
  var steps = [0.85, 0.93, 1, 1.12, 1.25, 1.4];
  var key = "marsad.textScale";
  function apply(index) {
    index = Math.max(0, Math.min(steps.length - 1, index));
    document.documentElement.style.setProperty("--text-scale", String(steps[index]));
    try { window.localStorage.setItem(key, String(index)); } catch (e) { /* private mode: size is not remembered */ }
    return index;
  }
  var saved = null;
  try { saved = window.localStorage.getItem(key); } catch (e) { saved = null; }
  var current = saved === null ? 2 : parseInt(saved, 10);
  if (isNaN(current)) { current = 2; }
  current = apply(current);
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-textsize]") : null;
    if (!button) { return; }
    var action = button.getAttribute("data-textsize");
    if (action === "larger") { current = apply(current + 1); }
    else if (action === "smaller") { current = apply(current - 1); }
    else { current = apply(2); }
  });
})();

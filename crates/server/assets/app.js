// Small conveniences only; every page works without script. No article text is ever written
// as HTML here: the script only toggles classes on elements the server rendered.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // Hovering a statement row (or a statement in the text) lights up its spans and its row.
  const lit = [];
  const light = (id) => {
    for (const el of lit.splice(0)) el.classList.remove("focus");
    if (id === null) return;
    for (const el of document.querySelectorAll(".text [data-stmt], table.statements tr[data-stmt]")) {
      if (el.dataset.stmt.split(" ").includes(id)) {
        el.classList.add("focus");
        lit.push(el);
      }
    }
  };
  for (const row of document.querySelectorAll("table.statements tr[data-stmt]")) {
    row.addEventListener("mouseenter", () => light(row.dataset.stmt));
    row.addEventListener("mouseleave", () => light(null));
  }
  for (const span of document.querySelectorAll(".text .content[data-stmt]")) {
    span.addEventListener("mouseenter", () => light(span.dataset.stmt));
    span.addEventListener("mouseleave", () => light(null));
  }
});

// A claim page links to its evidence as /documents/ID?hl=START-END: bring the first marked
// piece of it into view.
document.addEventListener("DOMContentLoaded", () => {
  const evidence = document.querySelector(".text mark.evidence");
  if (evidence) evidence.scrollIntoView({ block: "center" });
});

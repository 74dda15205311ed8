// samtale serve: reload the page when a file of the workspace changes.
//
// A page with forms (the after-meeting page, the overview) names its own address in
// #live[data-adresse]; when a file changes, that page is fetched again and compared by
// the versions its forms carry: the same versions (this page's own save, or a file the
// page does not show) mean nothing to do. When they differ and something typed into a
// form is not saved yet (or the page shows a refused form, data-skrevet), the page is
// not reloaded (that would lose it): it says so, and saving then gives the page again,
// made from the changed file with what was typed, to be saved once more.
"use strict";
(function () {
  if (!window.EventSource) {
    return;
  }
  const own = document.getElementById("live");
  let typed = Boolean(own && own.dataset.skrevet);
  function mark(event) {
    const form = event.target.form;
    if (form && (form.getAttribute("method") || "").toLowerCase() === "post") {
      typed = true;
    }
  }
  document.addEventListener("input", mark);
  document.addEventListener("change", mark);

  function versions(doc) {
    return Array.from(doc.querySelectorAll("form input[name=version]")).map(function (input) {
      const form = input.form;
      const name = form && form.querySelector("input[name=skema]");
      return (name ? name.getAttribute("value") : "") + "=" + input.getAttribute("value");
    }).join("\n");
  }
  function tell() {
    if (document.getElementById("fil-aendret")) {
      return;
    }
    const notice = document.createElement("p");
    notice.id = "fil-aendret";
    notice.className = "fejl";
    notice.setAttribute("role", "alert");
    notice.style.position = "sticky"; // in view wherever the page is scrolled to
    notice.style.top = "0";
    notice.style.zIndex = "10";
    notice.textContent = "Filen er ændret et andet sted, mens du skrev. Det, du har skrevet, står her stadig " +
      "og er ikke gemt: gem det, så viser siden den anden ændring og det, du skrev, og du gemmer igen.";
    const heading = document.querySelector("main h1");
    if (heading) {
      heading.insertAdjacentElement("afterend", notice);
    } else {
      document.body.insertBefore(notice, document.body.firstChild);
    }
  }
  function reload() {
    const here = window.location.pathname + window.location.search;
    if (!own || here === own.dataset.adresse) {
      window.location.reload();
    } else {
      window.location.assign(own.dataset.adresse); // a page a form's POST gave: not sent again
    }
  }
  async function changed() {
    if (!own) {
      window.location.reload();
      return;
    }
    try {
      const response = await fetch(own.dataset.adresse, { credentials: "same-origin" });
      const text = await response.text();
      const fresh = new DOMParser().parseFromString(text, "text/html");
      if (response.ok && fresh.getElementById("live") && versions(fresh) === versions(document)) {
        return;
      }
    } catch (error) {
      // the server is away for a moment: treat it as a change
    }
    if (typed) {
      tell();
    } else {
      reload();
    }
  }

  const changes = new EventSource("/_aendringer");
  changes.addEventListener("endret", changed);
})();

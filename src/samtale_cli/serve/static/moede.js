// samtale serve: the meeting mode. The clock (or ?nu=HH:MM, then running from there),
// the current item, the countdown, the chair's keys, and the minutes saved without
// leaving the page.
"use strict";
(function () {
  const root = document.getElementById("moede");
  if (!root) {
    return;
  }
  const items = Array.from(document.querySelectorAll("li.punkt"));
  const loaded = Date.now();
  const rehearsal = root.dataset.nu ? clockMinutes(root.dataset.nu) * 60 : null;
  let chosen = root.dataset.trin ? Number(root.dataset.trin) - 1 : null;
  let version = root.dataset.version;
  const timed = items.length > 0 && items[0].dataset.start !== undefined;

  function clockMinutes(text) {
    const parts = text.split(":");
    return Number(parts[0]) * 60 + Number(parts[1]);
  }
  function two(n) {
    return String(Math.floor(n)).padStart(2, "0");
  }
  function nowSeconds() {
    if (rehearsal !== null) {
      return rehearsal + (Date.now() - loaded) / 1000;
    }
    const d = new Date();
    return d.getHours() * 3600 + d.getMinutes() * 60 + d.getSeconds();
  }
  function start(li) {
    return Number(li.dataset.start) * 60;
  }
  function end(li) {
    return Number(li.dataset.slut) * 60;
  }
  function byClock(sec) {
    if (!timed) {
      return -1;
    }
    return items.findIndex(function (li) {
      return start(li) <= sec && sec < end(li);
    });
  }
  function label(li) {
    const nr = li.querySelector(".nr").textContent.trim();
    const topic = li.querySelector(".emne").textContent.trim();
    return nr ? nr + ". " + topic : topic;
  }
  function setText(id, text) {
    const el = document.getElementById(id);
    if (el && el.textContent !== text) {
      el.textContent = text;
    }
  }

  function show() {
    const sec = nowSeconds();
    const current = chosen !== null ? chosen : byClock(sec);
    let left = null;
    if (current >= 0 && timed) {
      left = end(items[current]) - sec;
    }
    items.forEach(function (li, k) {
      const isCurrent = k === current;
      if (isCurrent) {
        li.setAttribute("aria-current", "step");
      } else {
        li.removeAttribute("aria-current");
      }
      li.classList.toggle("nu", isCurrent);
      li.classList.toggle("forbi", timed && !isCurrent && end(li) <= sec);
      li.classList.toggle("senere", !isCurrent && !(timed && end(li) <= sec));
      li.classList.toggle("over", isCurrent && left !== null && left < 0);
    });
    setText("ur", two(sec / 3600 % 24) + ":" + two(sec / 60 % 60) + ":" + two(sec % 60));
    if (current >= 0) {
      const li = items[current];
      setText("nu-emne", label(li));
      const time = li.querySelector(".tid").textContent.trim();
      const duration = li.querySelector(".varighed").textContent.trim();
      setText("nu-tid", time ? "kl. " + time + " (" + duration + ")" : duration);
      setText("status", chosen !== null && byClock(sec) !== chosen && timed ? "Ordstyreren har valgt punktet; tryk U for at følge uret." : "");
    } else {
      setText("nu-emne", "–");
      setText("nu-tid", "");
      if (timed && sec < start(items[0])) {
        setText("status", "Mødet begynder kl. " + items[0].querySelector(".tid").textContent.split("–")[0] + ".");
      } else if (timed) {
        setText("status", "Mødet sluttede kl. " + items[items.length - 1].querySelector(".tid").textContent.split("–")[1] + ".");
      }
    }
    const countdown = document.getElementById("nedtaelling");
    if (left === null) {
      setText("nedtaelling", "–");
    } else {
      const abs = Math.abs(Math.round(left));
      const text = two(abs / 60) + ":" + two(abs % 60);
      setText("nedtaelling", left >= 0 ? text : text + " over tiden");
    }
    countdown.classList.toggle("over", left !== null && left < 0);
    countdown.classList.toggle("snart", left !== null && left >= 0 && left <= 120);
    let next = current + 1;
    if (current < 0) {
      next = timed && sec < start(items[0]) ? 0 : items.length;
    }
    if (next < items.length) {
      const time = items[next].querySelector(".tid").textContent.split("–")[0];
      setText("naeste", label(items[next]) + (time ? " kl. " + time : ""));
    } else {
      setText("naeste", "–");
    }
  }

  function remember() {
    const url = new URL(window.location.href);
    if (chosen === null) {
      url.searchParams.delete("trin");
    } else {
      url.searchParams.set("trin", String(chosen + 1));
    }
    window.history.replaceState(null, "", url);
  }
  function move(step) {
    let from = chosen !== null ? chosen : byClock(nowSeconds());
    if (from < 0) {
      from = step > 0 ? -1 : items.length;
    }
    chosen = Math.min(items.length - 1, Math.max(0, from + step));
    remember();
    show();
    items[chosen].scrollIntoView({ block: "start" });
  }
  function followClock() {
    chosen = null;
    remember();
    show();
  }

  // the sticky "Nu" panel covers the top of the page: an item scrolled to stands below it
  const panel = document.querySelector("section.nu");
  function makeRoom() {
    if (panel) {
      document.documentElement.style.scrollPaddingTop = (panel.offsetHeight + 12) + "px";
    }
  }
  makeRoom();
  window.addEventListener("resize", makeRoom);

  document.getElementById("forrige").addEventListener("click", function () { move(-1); });
  document.getElementById("naeste-knap").addEventListener("click", function () { move(1); });
  document.getElementById("uret").addEventListener("click", followClock);
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.target.closest("textarea, input, select")) {
      return;
    }
    const key = event.key;
    if (key === "ArrowRight" || key === "PageDown" || key === "n" || key === "N") {
      move(1);
    } else if (key === "ArrowLeft" || key === "PageUp" || key === "f" || key === "F") {
      move(-1);
    } else if (key === "u" || key === "U") {
      followClock();
    } else {
      return;
    }
    event.preventDefault();
  });

  // --- minutes ---
  function status(form, text, failed) {
    const el = form.querySelector(".gemt");
    el.textContent = text;
    el.classList.toggle("fejl", Boolean(failed));
  }
  function setVersion(value) {
    version = value;
    root.dataset.version = value;
    document.querySelectorAll("input[name=version]").forEach(function (input) { input.value = value; });
  }
  document.querySelectorAll("form.referatfelt").forEach(function (form) {
    const area = form.querySelector("textarea");
    area.addEventListener("input", function () {
      form.dataset.dirty = "1";
      status(form, "");
    });
    area.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
    form.addEventListener("submit", async function (event) {
      event.preventDefault();
      status(form, "Gemmer …");
      let response;
      try {
        response = await fetch(form.action, {
          method: "POST",
          body: new URLSearchParams(new FormData(form)),
          headers: { Accept: "application/json" },
          credentials: "same-origin",
        });
      } catch (error) {
        status(form, "Serveren svarer ikke. Referatet er ikke gemt.", true);
        return;
      }
      let data = {};
      try {
        data = await response.json();
      } catch (error) {
        data = {};
      }
      if (response.ok) {
        setVersion(data.version);
        delete form.dataset.dirty;
        area.defaultValue = area.value;
        const d = new Date();
        status(form, "Gemt kl. " + two(d.getHours()) + ":" + two(d.getMinutes()) + ".");
      } else if (response.status === 409) {
        status(form, "Filen er ændret et andet sted, så referatet er ikke gemt. Tryk “" + MERGE_LABEL +
          "” og gem igen: så kommer begge ændringer med.", true);
        offerMerge();
      } else {
        status(form, data.besked || "Referatet er ikke gemt (fejl " + response.status + ").", true);
      }
    });
  });

  // --- the file changed elsewhere while minutes were typed: merge ---
  // The page's minutes are fetched again: a box nobody typed in here takes the file's
  // text, a box typed in keeps what was typed (and shows the other text when the same
  // item's minutes were changed elsewhere too); the page then saves over the new version.
  const notice = document.getElementById("aendret");
  const mergeButton = document.getElementById("flet");
  const MERGE_LABEL = mergeButton ? mergeButton.textContent.trim() : "Hent ændringerne";
  function offerMerge() {
    if (notice) {
      notice.hidden = false;
      makeRoom();
    }
  }
  async function merge() {
    let fresh;
    try {
      const response = await fetch(window.location.href, { credentials: "same-origin" });
      if (!response.ok) {
        throw new Error(String(response.status));
      }
      fresh = new DOMParser().parseFromString(await response.text(), "text/html");
    } catch (error) {
      setText("aendret-tekst", "Siden kunne ikke hentes igen; prøv om lidt. Det, du har skrevet, står her stadig.");
      return;
    }
    const other = fresh.getElementById("moede");
    if (!other) {
      setText("aendret-tekst", "Filen har fejl nu (se 'samtale check'); ret dem, og prøv så igen. " +
        "Det, du har skrevet, står her stadig.");
      return;
    }
    let first = null;
    document.querySelectorAll("form.referatfelt").forEach(function (form) {
      const area = form.querySelector("textarea");
      const found = fresh.getElementById(area.id);
      const theirs = found ? found.value : "";
      if (!form.dataset.dirty) {
        area.value = theirs;
        area.defaultValue = theirs;
        return;
      }
      first = first || area;
      if (theirs !== area.defaultValue && theirs !== area.value) {
        status(form, "Også skrevet et andet sted: “" + theirs + "”. Din tekst står her; få det andet med, " +
          "hvis det skal med, og gem.", true);
      } else {
        status(form, "Den anden ændring er hentet; din tekst er ikke gemt endnu: gem den.");
      }
      area.defaultValue = theirs;
    });
    setVersion(other.dataset.version);
    if (notice) {
      notice.hidden = true;
      makeRoom();
    }
    if (first) {
      first.focus();
    }
  }
  if (mergeButton) {
    mergeButton.addEventListener("click", merge);
  }

  // --- a file changed: reload, unless someone is typing ---
  if (window.EventSource) {
    const changes = new EventSource(root.dataset.haendelser);
    changes.addEventListener("endret", async function () {
      let data;
      try {
        const response = await fetch(root.dataset.referat, { headers: { Accept: "application/json" } });
        data = await response.json();
      } catch (error) {
        return;
      }
      if (data.version === version) {
        return; // our own save
      }
      if (document.querySelector("form.referatfelt[data-dirty]")) {
        offerMerge();
      } else {
        window.location.reload();
      }
    });
  }

  show();
  window.setInterval(show, 1000);
})();

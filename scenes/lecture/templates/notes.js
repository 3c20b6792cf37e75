/* The notes window: follows the lecture page's presenter mode over a BroadcastChannel.
 *
 * It shows the current section's narration as speaker notes, the next section's
 * picture, the section's number out of the total and the time since the
 * presentation started. Its buttons (and Space and the arrow keys) send
 * commands back to the page. Offline: both pages come from the kit's folder.
 */
(function () {
  "use strict";

  var channel = new BroadcastChannel("explainer-lecture-kit");
  var root = document.querySelector("[data-notes]");
  var startedAt = null;

  function field(name) {
    return root.querySelector('[data-field="' + name + '"]');
  }

  function clock(ms) {
    var s = Math.max(0, Math.floor(ms / 1000));
    var h = Math.floor(s / 3600);
    var m = Math.floor((s % 3600) / 60);
    var pad = function (n) {
      return (n < 10 ? "0" : "") + n;
    };
    return h ? h + ":" + pad(m) + ":" + pad(s % 60) : m + ":" + pad(s % 60);
  }

  function tick() {
    field("elapsed").textContent = startedAt === null ? "0:00" : clock(Date.now() - startedAt);
  }

  var STATES = {
    playing: "Playing",
    waiting: "Paused at the end of the section",
    paused: "Paused",
    ended: "End of the video",
  };

  function show(message) {
    root.setAttribute("data-presenting", String(Boolean(message.presenting)));
    if (!message.presenting) {
      field("count").textContent = "Not presenting: press Present on the lecture page.";
      startedAt = null;
      tick();
      return;
    }
    startedAt = message.startedAt;
    root.setAttribute("data-section", String(message.index));
    field("label").textContent = message.label;
    field("count").textContent = "Section " + (message.index + 1) + " of " + message.total;
    field("title").textContent = message.title;
    field("state").textContent = STATES[message.state] || "";
    field("notes").textContent = message.notes;
    field("auto").textContent = message.auto ? "on" : "off";
    var poster = field("poster");
    if (message.next) {
      poster.src = message.next.poster;
      poster.alt = "The next section, " + message.next.title + ", at its end";
      poster.hidden = false;
      field("next").textContent = message.next.title;
    } else {
      poster.removeAttribute("src");
      poster.hidden = true;
      field("next").textContent = "Nothing after this section.";
    }
    document.title = "Notes: " + message.title;
    tick();
  }

  function command(action) {
    channel.postMessage({ type: "command", action: action });
  }

  channel.onmessage = function (event) {
    if (event.data && event.data.type === "state") show(event.data);
  };

  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-command]");
    if (button) command(button.getAttribute("data-command"));
  });

  var KEYS = {
    " ": "next", ArrowRight: "next", ArrowDown: "next", PageDown: "next",
    ArrowLeft: "back", ArrowUp: "back", PageUp: "back", a: "auto", A: "auto",
  };
  document.addEventListener("keydown", function (event) {
    var action = KEYS[event.key];
    if (!action || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    command(action);
  });

  window.setInterval(tick, 250);
  channel.postMessage({ type: "hello" }); // the page answers with where it is
})();

/* The page's script: chapter lists that seek, presenter mode, copy buttons.
 *
 * Presenter mode plays one section of a video and pauses on its last frame
 * (picture and sound: they are one media element); the space bar, the arrow keys
 * or a clicker's Page Down play the next one. With auto-advance it plays every
 * section through and starts again at the end, for a looping display. The
 * section times come from the page (data-chapters), the same times as the
 * chapter tracks and the markers inside the video files.
 *
 * The notes window (notes.html, opened with N) follows over a BroadcastChannel:
 * each change of section or state is sent there, and its buttons send commands
 * back. Nothing leaves the machine.
 */
(function () {
  "use strict";

  var players = {};
  var active = null;
  var CHANNEL = "explainer-lecture-kit";
  var channel = window.BroadcastChannel ? new BroadcastChannel(CHANNEL) : null;

  function send(message) {
    if (channel) channel.postMessage(message);
  }

  function Player(el) {
    this.el = el;
    this.video = el.querySelector("video");
    this.chapters = JSON.parse(el.getAttribute("data-chapters"));
    this.frame = 1 / (Number(el.getAttribute("data-fps")) || 30);
    this.bar = el.querySelector(".presenter-bar");
    this.status = el.querySelector(".presenter-status");
    this.index = 0;
    this.stopAt = null;
    this.auto = false;
    this.autoButton = el.querySelector('[data-action="auto"]');
    this.buttons = document.querySelectorAll('button.seek[data-video="' + this.video.id + '"]');
    var self = this;
    // Chapter tracks are off unless asked for; "hidden" loads their cues for scripts.
    for (var i = 0; i < this.video.textTracks.length; i++) {
      var track = this.video.textTracks[i];
      if (track.kind === "chapters") track.mode = "hidden";
    }
    this.video.addEventListener("timeupdate", function () {
      self.mark();
      self.check();
    });
    this.video.addEventListener("seeked", function () {
      self.mark();
    });
    this.video.addEventListener("ended", function () {
      if (self.presenting) self.setState("ended");
    });
  }

  Player.prototype.chapterAt = function (t) {
    for (var i = this.chapters.length - 1; i >= 0; i--) {
      if (t >= this.chapters[i].start - this.frame / 2) return i;
    }
    return 0;
  };

  // Mark the chapter being played in the chapter lists (aria-current).
  Player.prototype.mark = function () {
    var t = this.video.currentTime;
    var current = null;
    for (var i = 0; i < this.buttons.length; i++) {
      var start = Number(this.buttons[i].getAttribute("data-seek"));
      if (start <= t + 0.01 && (current === null || start >= current)) current = start;
    }
    for (var j = 0; j < this.buttons.length; j++) {
      var on = Number(this.buttons[j].getAttribute("data-seek")) === current;
      if (on) this.buttons[j].setAttribute("aria-current", "true");
      else this.buttons[j].removeAttribute("aria-current");
    }
  };

  Player.prototype.seek = function (t) {
    this.video.currentTime = t;
    if (this.presenting) {
      this.index = this.chapterAt(t);
      this.stopAt = this.chapters[this.index].end;
      this.setState(this.video.paused ? "paused" : "playing");
    }
  };

  // ---- presenter mode ------------------------------------------------------

  Player.prototype.setState = function (state) {
    var c = this.chapters[this.index];
    var n = this.chapters.length;
    var where = "Section " + (this.index + 1) + " of " + n + ": " + c.title;
    var text = {
      playing: where + (this.auto ? ". Playing through (auto-advance), looping at the end." : ". Playing."),
      waiting: where + ", done. Space or \u2192 for the next section, \u2190 to replay.",
      paused: where + ". Paused: Space or \u2192 to play.",
      ended: "End of the video. \u2190 replays the last section, Esc leaves.",
    }[state];
    if (state === "waiting" && this.index === n - 1) text = "End of the video. \u2190 replays the last section, Esc leaves.";
    this.el.setAttribute("data-state", state);
    this.el.setAttribute("data-section", String(this.index));
    this.status.textContent = text;
    this.broadcast();
  };

  // Tell the notes window where the presentation is.
  Player.prototype.broadcast = function () {
    var c = this.chapters[this.index];
    var next = this.chapters[this.index + 1] || (this.auto ? this.chapters[0] : null);
    send({
      type: "state",
      presenting: true,
      label: this.video.getAttribute("aria-label"),
      index: this.index,
      total: this.chapters.length,
      title: c.title,
      notes: c.notes || "",
      state: this.el.getAttribute("data-state"),
      next: next ? { title: next.title, poster: next.poster } : null,
      startedAt: this.startedAt,
      auto: this.auto,
    });
  };

  Player.prototype.play = function () {
    var self = this;
    var promise = this.video.play();
    if (promise && promise.catch) {
      promise.catch(function () {
        self.setState("paused");
      });
    }
    this.setState("playing");
    this.watch();
  };

  Player.prototype.playSection = function (i) {
    this.index = Math.max(0, Math.min(i, this.chapters.length - 1));
    this.stopAt = this.chapters[this.index].end;
    this.video.currentTime = this.chapters[this.index].start;
    this.play();
  };

  // Pause on the last frame of the section, whatever the frame rate; with
  // auto-advance, only follow the sections as they go by.
  Player.prototype.check = function () {
    if (!this.presenting || this.video.paused || this.stopAt === null) return;
    if (this.auto) {
      var now = this.chapterAt(this.video.currentTime);
      if (now !== this.index) {
        this.index = now;
        this.stopAt = this.chapters[now].end;
        this.setState("playing");
      }
      return;
    }
    if (this.index === this.chapters.length - 1) return; // the last one plays to the end
    if (this.video.currentTime >= this.stopAt - this.frame) this.hold();
  };

  Player.prototype.hold = function () {
    this.video.pause();
    this.video.currentTime = Math.max(this.chapters[this.index].start, this.stopAt - this.frame / 2);
    this.setState("waiting");
  };

  Player.prototype.watch = function () {
    var self = this;
    if (!this.presenting || this.video.paused) return;
    this.check();
    window.requestAnimationFrame(function () {
      self.watch();
    });
  };

  Player.prototype.next = function () {
    var state = this.el.getAttribute("data-state");
    if (!this.video.paused) {
      if (this.index < this.chapters.length - 1) this.hold();
      return;
    }
    if (state === "waiting" || state === "ended") {
      if (this.index < this.chapters.length - 1) this.playSection(this.index + 1);
      return;
    }
    this.stopAt = this.chapters[this.index].end;
    this.play();
  };

  Player.prototype.back = function () {
    var c = this.chapters[this.index];
    var justStarted = !this.video.paused && this.video.currentTime - c.start < 1;
    this.playSection(justStarted ? this.index - 1 : this.index);
  };

  Player.prototype.setAuto = function (on) {
    this.auto = on;
    this.video.loop = on; // a looping display starts again without a pause
    this.autoButton.setAttribute("aria-pressed", String(on));
  };

  Player.prototype.toggleAuto = function () {
    this.setAuto(!this.auto);
    var state = this.el.getAttribute("data-state");
    if (this.auto && (state === "waiting" || state === "ended")) this.next();
    else this.setState(state);
  };

  Player.prototype.openNotes = function () {
    var notes = window.open("notes.html", "explainer-notes", "popup,width=960,height=640");
    if (!notes) this.status.textContent = "The browser blocked the notes window: allow pop-ups for this page.";
  };

  Player.prototype.toggleCaptions = function () {
    for (var i = 0; i < this.video.textTracks.length; i++) {
      var track = this.video.textTracks[i];
      if (track.kind === "captions") track.mode = track.mode === "showing" ? "hidden" : "showing";
    }
  };

  Player.prototype.toggleFullscreen = function () {
    if (document.fullscreenElement) {
      document.exitFullscreen();
    } else if (this.el.requestFullscreen) {
      this.el.requestFullscreen().catch(function () {});
    }
  };

  Player.prototype.start = function (opener) {
    if (active && active !== this) active.stop();
    active = this;
    this.opener = opener || null;
    this.presenting = true;
    this.el.classList.add("presenting");
    this.video.controls = false;
    this.bar.hidden = false;
    this.el.setAttribute("tabindex", "-1");
    this.el.focus();
    this.startedAt = Date.now();
    this.playSection(0);
  };

  Player.prototype.stop = function () {
    this.presenting = false;
    this.setAuto(false);
    this.video.pause();
    this.el.classList.remove("presenting");
    this.el.removeAttribute("data-state");
    this.video.controls = true;
    this.bar.hidden = true;
    if (document.fullscreenElement === this.el) document.exitFullscreen();
    if (active === this) active = null;
    if (this.opener) this.opener.focus();
    send({ type: "state", presenting: false });
  };

  var ACTIONS = {
    next: "next",
    back: "back",
    auto: "toggleAuto",
    notes: "openNotes",
    fullscreen: "toggleFullscreen",
    captions: "toggleCaptions",
    exit: "stop",
  };

  function act(action) {
    if (active && ACTIONS[action]) active[ACTIONS[action]]();
  }

  if (channel) {
    channel.onmessage = function (event) {
      var message = event.data || {};
      if (message.type === "hello") {
        if (active) active.broadcast();
        else send({ type: "state", presenting: false });
      } else if (message.type === "command") {
        act(message.action);
      }
    };
  }

  // ---- wiring ----------------------------------------------------------------

  function copy(button) {
    var area = document.getElementById(button.getAttribute("data-copy"));
    var status = button.parentNode.querySelector(".copy-status");
    function done(ok) {
      if (status) status.textContent = ok ? "Copied." : "Select the code and copy it with Ctrl+C.";
    }
    area.select();
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(area.value).then(
        function () {
          done(true);
        },
        function () {
          done(document.execCommand && document.execCommand("copy"));
        }
      );
    } else {
      done(document.execCommand && document.execCommand("copy"));
    }
  }

  document.addEventListener("click", function (event) {
    var target = event.target.closest("button");
    if (!target) return;
    if (target.hasAttribute("data-seek")) {
      players[target.getAttribute("data-video")].seek(Number(target.getAttribute("data-seek")));
    } else if (target.hasAttribute("data-present")) {
      players[target.getAttribute("data-present")].start(target);
    } else if (target.hasAttribute("data-copy")) {
      copy(target);
    } else if (target.hasAttribute("data-action")) {
      act(target.getAttribute("data-action"));
    }
  });

  var KEYS = {
    " ": "next", ArrowRight: "next", ArrowDown: "next", PageDown: "next",
    ArrowLeft: "back", ArrowUp: "back", PageUp: "back",
    f: "fullscreen", F: "fullscreen", c: "captions", C: "captions", Escape: "exit",
    a: "auto", A: "auto", n: "notes", N: "notes",
  };

  document.addEventListener(
    "keydown",
    function (event) {
      if (!active || event.altKey || event.ctrlKey || event.metaKey) return;
      var tag = event.target && event.target.tagName;
      if (tag === "TEXTAREA" || tag === "INPUT" || tag === "SELECT") return;
      var action = KEYS[event.key];
      if (!action) return;
      // Space on a focused button would click it too: the presenter takes the key.
      event.preventDefault();
      event.stopPropagation();
      act(action);
    },
    true
  );

  var nodes = document.querySelectorAll("[data-player]");
  for (var i = 0; i < nodes.length; i++) {
    var player = new Player(nodes[i]);
    players[player.video.id] = player;
  }
  window.lectureKit = { players: players };
})();

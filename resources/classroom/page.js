// MNIST Studio: the student page. Plain JS, no framework, no network but this page's own server.
// Every text from the server or the student is shown with textContent (never as HTML).
"use strict";
(function () {
  const LANG = /^ko\b/i.test(navigator.language || "") ? "ko" : "en";
  const T = {
    en: {
      title: "MNIST Studio class", intro: "Draw digits with your class. The computer's networks try to read them.",
      code: "Join code", nickname: "Nickname", join: "Join", clear: "Clear", submit: "Submit", again: "Join again",
      draw: (d) => ["Draw ", d === 8 ? "an" : "a", " ", d], round: (r, i, n) => `Round ${r} · ${i}/${n}`,
      joining: "Joining…", saved: "Saved! Next one.", sending: "Saving…", lost: "Connection lost. Reconnecting…",
      back: "Connected again.", drawFirst: "Draw the digit first.", tooMany: "Too many tries for this network.",
      closed: "The class is closed. Thank you for drawing!", removed: "The teacher removed you from the class.",
      replaced: "This class page was opened somewhere else.", flood: "Too many messages: the connection was closed.",
      noServer: "Cannot reach the class. Is this phone on the same network as the teacher's computer?",
      needCode: "Type the 4-digit code from the screen.", needName: "Type a nickname.",
      reasons: {
        wrong_code: "That code is not right. Look at the screen again.",
        too_many_tries: "Too many wrong codes. Wait a minute, then try again.",
        bad_nickname: "Type a nickname.", class_full: "The class is full.",
        too_fast: "Slow down a little.", too_many_digits: "That was fast! Wait a few seconds.",
        blank: "Draw the digit first.", duplicate: "That drawing was saved already.",
        server_error: "The teacher's computer could not read that. Try again.",
      },
      other: "That did not work. Try again.",
    },
    ko: {
      title: "MNIST 스튜디오 수업", intro: "반 친구들과 함께 숫자를 그려요. 컴퓨터의 신경망이 읽어 봅니다.",
      code: "참여 코드", nickname: "별명", join: "참여하기", clear: "지우기", submit: "제출", again: "다시 참여하기",
      draw: (d) => ["숫자 ", d, [0, 1, 3, 6, 7, 8].includes(d) ? "을 그려 보세요" : "를 그려 보세요"],
      round: (r, i, n) => `${r}라운드 · ${i}/${n}`,
      joining: "참여하는 중…", saved: "저장했어요! 다음 숫자.", sending: "저장하는 중…",
      lost: "연결이 끊겼어요. 다시 연결하는 중…", back: "다시 연결됐어요.", drawFirst: "먼저 숫자를 그려 주세요.",
      tooMany: "이 네트워크에서 시도가 너무 많아요.", closed: "수업이 끝났어요. 그려 줘서 고마워요!",
      removed: "선생님이 수업에서 내보냈어요.", replaced: "이 수업 페이지가 다른 곳에서 열렸어요.",
      flood: "메시지가 너무 많아 연결이 끊겼어요.",
      noServer: "수업에 연결할 수 없어요. 이 휴대폰이 선생님 컴퓨터와 같은 네트워크에 있나요?",
      needCode: "화면에 있는 4자리 코드를 입력하세요.", needName: "별명을 입력하세요.",
      reasons: {
        wrong_code: "코드가 맞지 않아요. 화면을 다시 보세요.",
        too_many_tries: "틀린 코드가 너무 많아요. 1분 뒤에 다시 해 보세요.",
        bad_nickname: "별명을 입력하세요.", class_full: "수업 인원이 가득 찼어요.",
        too_fast: "조금 천천히 해 주세요.", too_many_digits: "너무 빨라요! 몇 초만 기다려 주세요.",
        blank: "먼저 숫자를 그려 주세요.", duplicate: "이 그림은 이미 저장됐어요.",
        server_error: "선생님 컴퓨터가 읽지 못했어요. 다시 해 보세요.",
      },
      other: "잘 안 됐어요. 다시 해 보세요.",
    },
  }[LANG];
  const JOIN_REASONS = ["wrong_code", "too_many_tries", "bad_nickname", "class_full"];
  const SEND_EVERY_MS = 120, IN_FLIGHT_MS = 2000, MIN_STEP = 0.004;
  const MAX_POINTS = 900, MAX_TOTAL = 3600, MAX_STROKES = 38;
  const $ = (id) => document.getElementById(id);
  document.documentElement.lang = LANG;
  document.querySelectorAll("[data-t]").forEach((el) => { el.textContent = T[el.dataset.t]; });
  document.title = T.title;

  // -- state ------------------------------------------------------------------------------------
  const store = (() => { try { return window.sessionStorage; } catch (e) { return null; } })();
  const saved = (() => { try { return JSON.parse((store && store.getItem("mnist-class")) || "{}"); } catch (e) { return {}; } })();
  let ws = null, joined = false, wanted = false, retries = 0, retryTimer = 0;
  let token = saved.token || "", code = saved.code || "", nickname = saved.nickname || "";
  let submitN = saved.n || 0, pendingSubmit = null;
  let strokes = [], drawing = null, activePointer = null, total = 0;
  let dirty = false, seq = 0, inFlightSince = 0, lastSent = 0, sendTimer = 0, currentDigit = -1;
  function remember() {
    if (store) store.setItem("mnist-class", JSON.stringify({ token, code, nickname, n: submitN }));
  }

  // -- screens ----------------------------------------------------------------------------------
  function show(id) { ["join", "draw", "gone"].forEach((s) => { $(s).hidden = s !== id; }); if (id === "draw") fit(); }
  function status(text, kind) { const el = $("status"); el.textContent = text || ""; el.className = "status " + (kind || ""); }
  function joinError(text) { $("join-error").textContent = text || ""; }
  function gone(text) { wanted = false; joined = false; show("gone"); $("gone-text").textContent = text; }

  // -- the connection ---------------------------------------------------------------------------
  function connect() {
    clearTimeout(retryTimer);
    const url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws";
    let socket;
    try { socket = new WebSocket(url); } catch (e) { scheduleRetry(); return; }
    ws = socket;
    socket.onopen = () => { send({ type: "join", code, nickname, lang: LANG, token }); };
    socket.onmessage = (ev) => { let m; try { m = JSON.parse(ev.data); } catch (e) { return; } receive(m); };
    socket.onclose = () => {
      if (ws !== socket) return;
      ws = null; inFlightSince = 0;
      if (!wanted) return;
      if (joined) { status(T.lost, "bad"); scheduleRetry(); }
      else { $("join-button").disabled = false; joinError(T.noServer); wanted = false; }
    };
  }
  function scheduleRetry() {
    const delay = Math.min(15000, 1000 * 2 ** Math.min(retries, 4)) * (0.75 + Math.random() * 0.5);
    retries += 1;
    retryTimer = setTimeout(connect, delay);
  }
  function send(obj) {
    if (!ws || ws.readyState !== WebSocket.OPEN) return false;
    ws.send(JSON.stringify(obj));
    return true;
  }

  function receive(m) {
    switch (m.type) {
      case "welcome":
        joined = true; retries = 0; token = String(m.token || ""); remember();
        $("who").textContent = String(m.nickname || nickname);
        if ($("draw").hidden) { show("draw"); status(""); } else status(T.back, "good");
        if (pendingSubmit) send({ type: "submit", strokes: pendingSubmit.strokes, n: pendingSubmit.n });
        else scheduleSend();
        break;
      case "prompt": setPrompt(m); break;
      case "answer":
        if (m.seq === seq) { inFlightSince = 0; showAnswer(m.models || {}); }
        scheduleSend();
        document.body.dataset.settled = m.seq === seq && !dirty ? "1" : "0"; // the answer is for what is drawn
        break;
      case "saved":
        if (pendingSubmit && m.n === pendingSubmit.n) {
          pendingSubmit = null; $("submit").disabled = false; clearDrawing();
          status(T.saved, "good"); flash();
        }
        break;
      case "error": onError(String(m.reason || ""), m); break;
      case "bye": {
        const r = String(m.reason || "");
        if (r === "removed") { token = ""; remember(); }
        gone(r === "removed" ? T.removed : r === "replaced" ? T.replaced : r === "flood" ? T.flood : T.closed);
        break;
      }
    }
  }
  function onError(reason, m) {
    const text = T.reasons[reason] || T.other;
    if (JOIN_REASONS.includes(reason)) { // also on a reconnect: the class may have been closed and opened anew
      joined = false; wanted = false; show("join"); joinError(text); $("join-button").disabled = false;
      if (ws) ws.close();
      return;
    }
    if (reason === "not_joined") { if (ws) ws.close(); return; }
    if (pendingSubmit && ["duplicate", "too_many_digits", "blank", "server_error", "bad_strokes"].includes(reason)) {
      if (reason === "duplicate") { pendingSubmit = null; clearDrawing(); }
      else pendingSubmit = null;
      $("submit").disabled = false;
    }
    inFlightSince = 0;
    status(text, "bad");
  }

  // -- prompt and answers -----------------------------------------------------------------------
  function setPrompt(m) {
    currentDigit = Number(m.digit);
    const parts = T.draw(currentDigit), el = $("prompt");
    el.textContent = "";
    parts.forEach((p) => {
      if (typeof p === "number") { const b = document.createElement("span"); b.className = "big"; b.textContent = String(p); el.appendChild(b); }
      else el.appendChild(document.createTextNode(p));
    });
    $("round").textContent = T.round(m.round, m.index, m.of);
    markAnswers();
  }
  function showAnswer(models) {
    [["MLP", "mlp"], ["CNN", "cnn"]].forEach(([name, id]) => {
      const a = models[name];
      $(id + "-digit").textContent = a ? String(a.digit) : "–";
      $(id + "-conf").textContent = a ? Math.round(100 * Number(a.confidence)) + "%" : "";
      $(id + "-digit").parentElement.dataset.digit = a ? String(a.digit) : "";
    });
    markAnswers();
  }
  function markAnswers() {
    document.querySelectorAll(".model").forEach((el) => {
      const d = el.dataset.digit;
      el.classList.toggle("right", d !== undefined && d !== "" && Number(d) === currentDigit);
      el.classList.toggle("wrong", d !== undefined && d !== "" && Number(d) !== currentDigit);
    });
  }
  function flash() { const pad = $("pad"); pad.classList.add("saved"); setTimeout(() => pad.classList.remove("saved"), 700); }

  // -- sending the drawing ----------------------------------------------------------------------
  function scheduleSend() {
    if (!joined || !dirty) return;
    const now = performance.now();
    if (inFlightSince && now - inFlightSince < IN_FLIGHT_MS) return; // its answer brings the next send
    const wait = SEND_EVERY_MS - (now - lastSent);
    if (wait > 0) { if (!sendTimer) sendTimer = setTimeout(() => { sendTimer = 0; scheduleSend(); }, wait); return; }
    dirty = false; seq += 1; lastSent = now;
    if (!strokes.length) { showAnswer({}); return; }
    inFlightSince = now;
    if (!send({ type: "strokes", strokes, seq })) { inFlightSince = 0; dirty = true; }
  }
  function changed() { dirty = true; document.body.dataset.settled = "0"; scheduleSend(); }

  // -- the canvas -------------------------------------------------------------------------------
  const canvas = $("canvas"), ctx = canvas.getContext("2d");
  let side = 1;
  function fit() {
    const r = canvas.getBoundingClientRect(), dpr = window.devicePixelRatio || 1;
    side = Math.max(1, Math.min(r.width, r.height));
    canvas.width = Math.round(r.width * dpr); canvas.height = Math.round(r.height * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    redraw();
  }
  function square() { const r = canvas.getBoundingClientRect(); return { x: r.left + (r.width - side) / 2, y: r.top + (r.height - side) / 2 }; }
  function unit(ev) {
    const s = square(), c = (v) => Math.round(Math.min(1.2, Math.max(-0.2, v)) * 10000) / 10000;
    return [c((ev.clientX - s.x) / side), c((ev.clientY - s.y) / side)];
  }
  function redraw() {
    const r = canvas.getBoundingClientRect();
    ctx.clearRect(0, 0, r.width, r.height);
    strokes.forEach((s) => paint(s, 0));
  }
  function paint(stroke, from) {
    const s = square(), r = canvas.getBoundingClientRect(), ox = s.x - r.left, oy = s.y - r.top;
    ctx.strokeStyle = "#1d2433"; ctx.fillStyle = "#1d2433"; ctx.lineCap = "round"; ctx.lineJoin = "round";
    ctx.lineWidth = Math.max(6, side * 0.055);
    const p = (i) => [ox + stroke[i][0] * side, oy + stroke[i][1] * side];
    if (stroke.length === 1) { const [x, y] = p(0); ctx.beginPath(); ctx.arc(x, y, ctx.lineWidth / 2, 0, 7); ctx.fill(); return; }
    ctx.beginPath();
    const [x0, y0] = p(Math.max(0, from - 1)); ctx.moveTo(x0, y0);
    for (let i = Math.max(1, from); i < stroke.length; i++) { const [x, y] = p(i); ctx.lineTo(x, y); }
    ctx.stroke();
  }
  function addPoint(ev) {
    if (!drawing || drawing.length >= MAX_POINTS || total >= MAX_TOTAL) return false;
    const pt = unit(ev), last = drawing[drawing.length - 1];
    if (last && Math.hypot(pt[0] - last[0], pt[1] - last[1]) < MIN_STEP) return false;
    drawing.push(pt); total += 1;
    return true;
  }
  canvas.addEventListener("pointerdown", (ev) => {
    if (activePointer !== null || !joined || pendingSubmit || strokes.length >= MAX_STROKES || total >= MAX_TOTAL) return;
    ev.preventDefault();
    activePointer = ev.pointerId;
    try { canvas.setPointerCapture(ev.pointerId); } catch (e) { /* synthetic pointers */ }
    drawing = []; strokes.push(drawing); addPoint(ev); paint(drawing, 0); changed();
  });
  canvas.addEventListener("pointermove", (ev) => {
    if (ev.pointerId !== activePointer || !drawing) return;
    ev.preventDefault();
    const before = drawing.length;
    const events = ev.getCoalescedEvents ? ev.getCoalescedEvents() : [];
    (events.length ? events : [ev]).forEach(addPoint);
    if (drawing.length > before) { paint(drawing, before); changed(); }
  });
  function end(ev) {
    if (ev.pointerId !== activePointer) return;
    activePointer = null; drawing = null; changed();
  }
  canvas.addEventListener("pointerup", end);
  canvas.addEventListener("pointercancel", end);
  canvas.addEventListener("contextmenu", (ev) => ev.preventDefault());
  window.addEventListener("resize", () => { if (!$("draw").hidden) fit(); });

  function clearDrawing() {
    strokes = []; drawing = null; activePointer = null; total = 0; redraw(); changed();
  }

  // -- buttons ----------------------------------------------------------------------------------
  // A finger lifted on the button acts at once: a tap right after the last stroke can lose its click (the
  // browser may wait to see a double tap). The click that may follow is then ignored; keys still click.
  function onTap(el, fn) {
    let tappedAt = -1e9;
    el.addEventListener("pointerup", (ev) => {
      if (ev.pointerType !== "touch" || el.disabled) return;
      const hit = document.elementFromPoint(ev.clientX, ev.clientY);
      if (hit && el.contains(hit)) { tappedAt = performance.now(); fn(); }
    });
    el.addEventListener("click", () => { if (performance.now() - tappedAt > 800) fn(); });
  }
  onTap($("clear"), () => { clearDrawing(); status(""); });
  onTap($("submit"), () => {
    if (!strokes.length) { status(T.drawFirst, "bad"); return; }
    if (pendingSubmit) return;
    submitN += 1; remember();
    pendingSubmit = { n: submitN, strokes: strokes.map((s) => s.slice()) };
    $("submit").disabled = true; status(T.sending);
    send({ type: "submit", strokes: pendingSubmit.strokes, n: pendingSubmit.n }); // resent after a reconnect
  });
  $("join-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    code = $("code").value.replace(/\D/g, "").slice(0, 4);
    nickname = $("nickname").value.trim().slice(0, 20);
    if (code.length !== 4) { joinError(T.needCode); return; }
    if (!nickname) { joinError(T.needName); return; }
    joinError(T.joining); $("join-button").disabled = true;
    if (saved.code !== code || saved.nickname !== nickname) token = "";
    remember(); start();
  });
  $("again").addEventListener("click", () => { token = ""; remember(); $("join-button").disabled = false; joinError(""); show("join"); });

  function start() { wanted = true; retries = 0; if (ws) { const old = ws; ws = null; old.close(); } connect(); }

  // A code in the address (#1234, from the QR code) or a session in progress fills the form.
  const fromHash = (location.hash || "").replace(/\D/g, "").slice(0, 4);
  $("code").value = fromHash || code;
  $("nickname").value = nickname;
  if (token && code && nickname && (!fromHash || fromHash === code)) { joinError(T.joining); start(); }
})();

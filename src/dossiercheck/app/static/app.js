// The page's only script: send the chosen files to this computer's own server, and follow a run's progress.
"use strict";
const WORDS = JSON.parse(document.getElementById("words").textContent);
const w = (key, params) => (WORDS[key] || key).replace(/\{(\w+)\}/g, (_, k) => (params && k in params ? params[k] : ""));
const $ = (id) => document.getElementById(id);

function say(text, isError) {
  const el = $(isError ? "error" : "status");
  if (el) el.textContent = text;
  if (isError && $("status")) $("status").textContent = "";
}

async function answer(response) {
  let body = {};
  try { body = await response.json(); } catch (e) { body = {}; }
  if (!response.ok) throw new Error(body.error || w("app.js.failed", {status: response.status}));
  return body;
}

// files: [{file, path}] — path relative to the dossier (a folder's own name already taken off)
async function send(kind, files, name) {
  if (!files.length) return;
  say("", true);
  try {
    await answer(await fetch("upload/start?kind=" + kind + "&name=" + encodeURIComponent(name || ""), {method: "POST"}));
    let n = 0;
    for (const f of files) {
      say(w("app.js.sending", {done: n, total: files.length, name: f.path}));
      await answer(await fetch("upload/file?path=" + encodeURIComponent(f.path), {method: "PUT", body: f.file}));
      n += 1;
    }
    say(w("app.js.sent", {total: files.length}));
    const level = $("level") ? $("level").value : "";
    const next = await answer(await fetch("upload/done?level=" + encodeURIComponent(level), {method: "POST"}));
    location.href = next.next;
  } catch (e) {
    say(e.message, true);
  }
}

const dropTop = (path) => path.split("/").slice(1).join("/") || path;

function fromInput(input, kind) {
  const picked = Array.from(input.files);
  const top = kind === "folder" && picked.length ? picked[0].webkitRelativePath.split("/")[0] : "";
  const files = picked.map((file) => ({
    file, path: kind === "folder" && file.webkitRelativePath ? dropTop(file.webkitRelativePath) : file.name}));
  input.value = "";
  send(kind, files, kind === "zip" && picked.length ? picked[0].name : top);
}

// A dropped folder is walked entry by entry (the browser gives no list of its files).
function walk(entry, path, out) {
  return new Promise((resolve) => {
    if (entry.isFile) {
      entry.file((file) => { out.push({file, path: path + entry.name}); resolve(); }, () => resolve());
    } else if (entry.isDirectory) {
      const reader = entry.createReader();
      const all = [];
      const more = () => reader.readEntries(async (batch) => {
        if (!batch.length) {
          for (const e of all) await walk(e, path + entry.name + "/", out);
          resolve();
        } else { all.push(...batch); more(); }
      }, () => resolve());
      more();
    } else resolve();
  });
}

async function dropped(event) {
  event.preventDefault();
  $("drop").classList.remove("over");
  const entries = Array.from(event.dataTransfer.items || []).map((i) => i.webkitGetAsEntry && i.webkitGetAsEntry()).filter(Boolean);
  const out = [];
  for (const e of entries) await walk(e, "", out);
  const folders = entries.filter((e) => e.isDirectory);
  if (out.length === 1 && /\.zip$/i.test(out[0].path)) return send("zip", out, out[0].path);
  if (folders.length === 1 && entries.length === 1) {
    return send("folder", out.map((f) => ({file: f.file, path: dropTop(f.path)})), folders[0].name);
  }
  return send(folders.length ? "folder" : "photos", out);
}

function watchJob() {
  const tick = async () => {
    try {
      const job = await answer(await fetch("job"));
      if (job.state !== "running") { location.reload(); return; }
      const pct = job.total ? Math.floor(100 * job.done / job.total) : 0;
      document.querySelector("#progress .fill").style.width = pct + "%";
      $("progress-text").textContent = w("app.js.progress", {done: job.done, total: job.total || "…"}) +
        (job.kind === "fix" ? " · " + w("app.js.fix_step", {step: job.step}) : "");
    } catch (e) { /* the server may be busy: ask again */ }
    setTimeout(tick, 700);
  };
  setTimeout(tick, 700);
}

function addRow() {
  const body = document.querySelector("#history tbody");
  const n = body.rows.length;
  const row = body.rows[n - 1].cloneNode(true);
  row.querySelectorAll("input").forEach((input) => {
    input.name = input.name.replace(/^wh_\d+_/, "wh_" + n + "_");
    if (input.type === "checkbox") input.checked = false; else input.value = "";
  });
  body.appendChild(row);
}

async function loadProfile(input) {
  const file = input.files[0];
  input.value = "";
  if (!file) return;
  try {
    const next = await answer(await fetch("profile/load", {method: "PUT", body: file}));
    location.href = next.next;
  } catch (e) { say(e.message, true); }
}

function fitReport(frame) {
  try { frame.style.height = (frame.contentDocument.documentElement.scrollHeight + 40) + "px"; } catch (e) { /* keep the CSS height */ }
}

document.addEventListener("DOMContentLoaded", () => {
  const pick = {"pick-folder": "folder", "pick-zip": "zip", "pick-photos": "photos"};
  for (const [id, kind] of Object.entries(pick)) {
    if ($(id)) $(id).addEventListener("change", (e) => fromInput(e.target, kind));
  }
  const drop = $("drop");
  if (drop) {
    drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
    drop.addEventListener("dragleave", () => drop.classList.remove("over"));
    drop.addEventListener("drop", dropped);
  }
  if ($("progress")) watchJob();
  if ($("add-row")) $("add-row").addEventListener("click", addRow);
  if ($("load-profile")) $("load-profile").addEventListener("change", (e) => loadProfile(e.target));
  const frame = $("report");
  if (frame) { frame.addEventListener("load", () => fitReport(frame)); if (frame.contentDocument && frame.contentDocument.readyState === "complete") fitReport(frame); }
});

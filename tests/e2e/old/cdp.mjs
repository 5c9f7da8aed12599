// Drives an old headless Chromium (from old/fetch.mjs) over the raw DevTools protocol: Playwright
// speaks a protocol newer than these builds. Clicks are real mouse events at the element's centre
// (so a dialog drawn off screen is caught), typing is Input.insertText, files go in through
// DOM.setFileInputFiles. Every page exception, console error, log error and non-file request is
// collected, as the harness does for current Chromium.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import WebSocket from "ws";
import { FLAGS } from "../harness.mjs";
import { browserDir } from "./fetch.mjs";

const OLD_FLAGS = ["--headless", "--no-sandbox", "--single-process", "--no-zygote", "--disable-gpu", "--remote-debugging-port=0"];

export async function launchOld(version) {
  const dir = await browserDir(version);
  const profile = mkdtempSync(join(tmpdir(), `jiean-chromium-${version}-`));
  const child = spawn(join(dir, "chromium"), [...OLD_FLAGS, ...FLAGS, `--user-data-dir=${profile}`, "about:blank"], {
    env: { ...process.env, LD_LIBRARY_PATH: `${dir}:${join(dir, "lib")}` },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const endpoint = await new Promise((resolve, reject) => {
    let log = "";
    const timer = setTimeout(() => reject(new Error(`Chromium ${version} did not start:\n${log}`)), 30000);
    child.stderr.on("data", (chunk) => {
      log += chunk;
      const found = /DevTools listening on (ws:\/\/\S+)/.exec(log);
      if (found) { clearTimeout(timer); resolve(found[1]); }
    });
    child.on("exit", (code) => reject(new Error(`Chromium ${version} exited (${code}):\n${log}`)));
  });
  const socket = new WebSocket(endpoint, { perMessageDeflate: false, maxPayload: 256 * 1024 * 1024 });
  await new Promise((resolve, reject) => { socket.once("open", resolve); socket.once("error", reject); });
  const browser = new Connection(socket);
  let target;
  for (let tries = 0; !target && tries < 300; tries++) {
    // The first page may be listed a moment after DevTools starts listening.
    if (tries) await new Promise((r) => setTimeout(r, 100));
    target = (await browser.send("Target.getTargets")).targetInfos.find((t) => t.type === "page");
  }
  const { sessionId } = await browser.send("Target.attachToTarget", { targetId: target.targetId, flatten: true });
  const page = new Page(browser, sessionId);
  await page.start();
  return {
    page,
    async close() {
      socket.close();
      child.kill("SIGKILL");
      await new Promise((resolve) => (child.exitCode === null ? child.once("exit", resolve) : resolve()));
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

class Connection {
  constructor(socket) {
    this.socket = socket;
    this.next = 1;
    this.waiting = new Map();
    this.listeners = [];
    socket.on("message", (data) => {
      const message = JSON.parse(data);
      const call = this.waiting.get(message.id);
      if (call) {
        this.waiting.delete(message.id);
        if (message.error) call.reject(new Error(`${call.method}: ${message.error.message}`));
        else call.resolve(message.result);
      } else if (message.method) {
        for (const listener of this.listeners) listener(message);
      }
    });
  }

  send(method, params = {}, sessionId) {
    const id = this.next++;
    this.socket.send(JSON.stringify({ id, method, params, sessionId }));
    return new Promise((resolve, reject) => this.waiting.set(id, { method, resolve, reject }));
  }
}

/** In-page lookup: the first element matching `css` whose text contains `text`, or the control of
 * the form field labelled `label`. */
const FIND = `(spec) => {
  if (spec.label) {
    const field = [...document.querySelectorAll("label.field")].find((f) => {
      const label = f.querySelector("span.label");
      return label && label.textContent.replace(/ \\*$/, "") === spec.label;
    });
    return field ? field.querySelector("input, textarea, select") : null;
  }
  return [...document.querySelectorAll(spec.css)].find((e) => !spec.text || e.textContent.includes(spec.text)) || null;
}`;

class Page {
  constructor(connection, sessionId) {
    this.connection = connection;
    this.sessionId = sessionId;
    this.errors = [];
    this.network = [];
    connection.listeners.push((message) => {
      if (message.sessionId !== sessionId) return;
      const { method, params } = message;
      if (method === "Runtime.exceptionThrown") {
        const d = params.exceptionDetails;
        this.errors.push(d.exception?.description ?? d.text);
      } else if (method === "Runtime.consoleAPICalled" && params.type === "error") {
        this.errors.push(params.args.map((a) => a.value ?? a.description).join(" "));
      } else if (method === "Log.entryAdded" && params.entry.level === "error") {
        this.errors.push(params.entry.text);
      } else if (method === "Network.requestWillBeSent") {
        const url = params.request.url;
        if (!/^(file|data|blob):/.test(url)) this.network.push(url);
      }
    });
  }

  send(method, params) {
    return this.connection.send(method, params, this.sessionId);
  }

  async start() {
    for (const domain of ["Page", "Runtime", "Log", "Network", "DOM"]) await this.send(`${domain}.enable`);
    await this.send("Emulation.setDeviceMetricsOverride", { width: 1280, height: 860, deviceScaleFactor: 1, mobile: false });
  }

  /** The value of `fn(arg)` in the page. */
  async evaluate(fn, arg) {
    const result = await this.send("Runtime.evaluate", {
      expression: `(${fn})(${JSON.stringify(arg)})`, awaitPromise: true, returnByValue: true,
    });
    if (result.exceptionDetails) throw new Error(`in page: ${result.exceptionDetails.exception?.description ?? result.exceptionDetails.text}`);
    return result.result.value;
  }

  async goto(url) {
    await this.send("Page.navigate", { url });
  }

  /** Reloads and waits until the new document has replaced the old one. */
  async reload() {
    await this.evaluate(() => { window.beforeReload = true; });
    await this.send("Page.reload", {});
    await this.waitFor(() => !window.beforeReload && document.readyState === "complete", null, "the reload");
  }

  /** Waits until `fn(arg)` is truthy in the page; returns its value. */
  async waitFor(fn, arg, what, timeout = 60000) {
    const until = Date.now() + timeout;
    for (;;) {
      const value = await this.evaluate(fn, arg).catch(() => null);
      if (value) return value;
      if (Date.now() > until) {
        const text = await this.evaluate(() => document.body.innerText.slice(0, 800)).catch(() => "");
        throw new Error(`timed out waiting for ${what}; the page shows:\n${text}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  waitForText(text) {
    return this.waitFor((t) => document.body && document.body.innerText.includes(t), text, `the text 「${text}」`);
  }

  /** Clicks the element with a real mouse event once it is on top and has stopped moving (a
   * banner appearing above it moves it); fails if something else covers it. */
  async click(spec) {
    const locate = `(spec) => {
      const e = (${FIND})(spec);
      if (!e) return null;
      e.scrollIntoView({ block: "center" });
      const r = e.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
      const top = document.elementFromPoint(x, y);
      return r.width > 0 && (top === e || e.contains(top)) ? { x, y } : null;
    }`;
    let at = await this.waitFor(locate, spec, `a clickable ${JSON.stringify(spec)}`);
    for (;;) {
      await new Promise((r) => setTimeout(r, 100));
      const again = await this.waitFor(locate, spec, `a clickable ${JSON.stringify(spec)}`);
      if (again.x === at.x && again.y === at.y) break;
      at = again;
    }
    for (const type of ["mousePressed", "mouseReleased"]) {
      await this.send("Input.dispatchMouseEvent", { type, x: at.x, y: at.y, button: "left", clickCount: 1 });
    }
  }

  /** Types into the form field labelled `label`, as a clerk would. */
  async fill(label, text) {
    await this.click({ label });
    await this.send("Input.insertText", { text });
  }

  async setFile(css, path) {
    const { result } = await this.send("Runtime.evaluate", { expression: `document.querySelector(${JSON.stringify(css)})` });
    await this.send("DOM.setFileInputFiles", { files: [path], objectId: result.objectId });
  }

  async screenshot(path) {
    const { data } = await this.send("Page.captureScreenshot", { format: "png" });
    writeFileSync(path, Buffer.from(data, "base64"));
  }
}

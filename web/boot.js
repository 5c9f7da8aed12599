// Starts the app: the data block's characters → gzip bytes → the app's CSS and wasm, all in memory
// (no request).
//
// Content-Security-Policy: the page's own policy allows only this script (by hash) and, for the
// boot alone, 'unsafe-eval' — Chromium before 97 compiles WebAssembly only under 'unsafe-eval'
// (it does not know 'wasm-unsafe-eval'). Once the module is compiled, and before any app code
// runs, a second policy `script-src 'none'` is added: from then on no script, eval or wasm
// compilation is allowed in any browser (README, Browsers).
//
// If the app stops anyway (a trap in the wasm: panic, unreachable, out of memory, or any error
// thrown through it), the last-resort screen says so, offers the stored data and a reload.
(function () {
  var started = false, stopped = false;

  function lockScripts() {
    var meta = document.createElement("meta");
    meta.httpEquiv = "Content-Security-Policy";
    meta.content = "script-src 'none'";
    document.head.appendChild(meta);
  }

  function element(tag, attributes, children) {
    var node = document.createElement(tag);
    for (var name in attributes) node[name] = attributes[name];
    (children || []).forEach(function (child) { node.append(child); });
    return node;
  }

  // Every local storage item of the app (keys `jiean/…`), as they are stored.
  function storedData() {
    var items = {};
    for (var i = 0; i < localStorage.length; i++) {
      var key = localStorage.key(i);
      if (key.indexOf("jiean/") === 0) items[key] = localStorage.getItem(key);
    }
    return JSON.stringify({ format: "jiean-local-storage", saved: new Date().toISOString(), items: items });
  }

  function download() {
    var link = element("a", {
      href: URL.createObjectURL(new Blob([storedData()], { type: "application/json" })),
      download: "信访积案台账-本机数据-" + new Date().toISOString().slice(0, 10) + ".json",
    });
    document.body.append(link);
    link.click();
    link.remove();
  }

  // The last-resort screen: the app is gone, the data is not.
  function stop(error) {
    if (stopped) return;
    stopped = true;
    var app = document.getElementById("app");
    if (app) app.remove();
    var boot = document.getElementById("boot");
    if (boot) boot.remove();
    var message = element("p", {}, ["此前已保存的数据仍在本机浏览器中。请先点“下载本机数据”留存一份，再点“重新打开”。如果重新打开后仍然出错，请把下载的文件和下面的技术信息交给技术人员。"]);
    var saveButton = element("button", { className: "primary", type: "button", textContent: "下载本机数据" });
    saveButton.addEventListener("click", function () {
      try {
        download();
      } catch (e) {
        message.textContent = "无法读取本机保存的数据（" + e.name + "）。请不要清除浏览器数据，联系技术人员。";
      }
    });
    var reloadButton = element("button", { type: "button", textContent: "重新打开" });
    reloadButton.addEventListener("click", function () { location.reload(); });
    var screen = element("div", { className: "crash" }, [
      element("h1", {}, ["程序出错，已停止运行"]),
      element("p", {}, ["信访积案台账遇到无法继续的内部错误，刚才的操作可能没有完成。"]),
      message,
      element("div", { className: "buttons" }, [saveButton, reloadButton]),
      element("details", {}, [element("summary", {}, ["技术信息"]), element("pre", {}, [String(error)])]),
    ]);
    screen.setAttribute("role", "alert");
    document.body.append(screen);
    saveButton.focus();
  }

  function cannotStart(error) {
    var boot = document.getElementById("boot");
    boot.className = "boot unsupported";
    boot.textContent = "";
    boot.append(
      element("h1", {}, ["程序无法启动"]),
      element("p", {}, ["本台账需要 Chrome 或 Edge 80 及以上版本（Windows 7 电脑可用 Chrome 109）、内核 Chromium 80 及以上的 360 浏览器或 QQ 浏览器（极速模式：点击地址栏右侧的闪电图标），或 Firefox 113 及以上。"]),
      element("details", {}, [element("summary", {}, ["技术信息"]), element("pre", {}, [String(error)])]),
    );
  }

  window.addEventListener("error", function (event) { if (started && event.error) stop(event.error); });
  window.addEventListener("unhandledrejection", function (event) { if (started) stop(event.reason); });

  (async function () {
    var text = document.getElementById("wasm-gz").textContent, high = {{HIGH_TABLE}}, back = {};
    for (var k = 0; k < 32; k++) back[high[k]] = 0x80 + k;
    var packed = new Uint8Array(text.length), n = 0;
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      if (c === 0x7f) c = [0, 13, 60, 127][text.charCodeAt(++i) - 48];
      else if (c >= 0x80 && c < 0xa0 || c > 0xff) c = back[c];
      packed[n++] = c;
    }
    var stream = new Blob([packed.subarray(0, n)]).stream().pipeThrough(new DecompressionStream("gzip"));
    // The CSS and the JS glue, each after its length (4 bytes, little-endian), then the wasm
    // (xtask, `payload`).
    var bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    var view = new DataView(bytes.buffer), at = 0;
    function part() {
      var start = at + 4;
      at = start + view.getUint32(at, true);
      return new TextDecoder().decode(bytes.subarray(start, at));
    }
    var style = document.createElement("style");
    style.textContent = part();
    document.head.appendChild(style);
    // wasm-bindgen's glue, from this file's own data block, run once under the 'unsafe-eval'
    // the compile needs anyway, before lockScripts forbids both.
    var wasm_bindgen = (0, eval)(part() + "\n;wasm_bindgen");
    var module = await WebAssembly.compile(bytes.subarray(at));
    lockScripts();
    started = true;
    await wasm_bindgen({ module_or_path: module });
  })().catch(function (error) {
    if (started) stop(error);
    else cannotStart(error);
  });
})();

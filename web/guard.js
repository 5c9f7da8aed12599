// Runs first, in every browser that runs scripts at all: ES3 only, so that Internet Explorer (360's
// 兼容模式) and Chromium below the floor run it too. Where the app cannot run it says in plain
// Chinese what to do, and stops the page there: the `plaintext` element turns the rest of the
// file (the packed wasm and the modern script) into hidden text, so no script error follows.
// The floor, Chromium 80, is where DecompressionStream and the glue's syntax (`?.`) arrive.
(function () {
  var doc = document, boot = doc.getElementById("boot");
  var supported = typeof WebAssembly === "object" && typeof DecompressionStream === "function";
  if (supported) {
    // Flex `gap` arrived in Chromium 84: mark older ones for the margins in app.css.
    var probe = doc.createElement("div");
    probe.style.cssText = "display:flex;flex-direction:column;row-gap:1px;position:absolute";
    probe.appendChild(doc.createElement("div"));
    probe.appendChild(doc.createElement("div"));
    doc.body.appendChild(probe);
    if (probe.scrollHeight !== 1) doc.documentElement.className += " no-flex-gap";
    doc.body.removeChild(probe);
    return;
  }
  var agent = navigator.userAgent, chromium = /Chrome\/(\d+)/.exec(agent);
  var ie = doc.documentMode || /MSIE |Trident\//.test(agent);
  var why = ie
    ? "当前浏览器处于兼容模式（IE 内核），无法运行本台账。"
    : chromium
      ? "当前浏览器的内核是 Chromium " + chromium[1] + "，低于本台账需要的 Chromium 80。"
      : "当前浏览器版本过低，无法运行本台账。";
  boot.className = "boot unsupported";
  boot.innerHTML =
    "<h1>此浏览器打不开信访积案台账</h1><p>" + why + "</p>" +
    "<p><b>用 360 浏览器、QQ 浏览器等双核浏览器：</b>请点击地址栏右侧的闪电图标，选择“极速模式”，页面会重新打开。</p>" +
    "<p><b>或换用以下浏览器打开本文件：</b>Chrome 或 Edge 80 及以上版本；Windows 7 电脑可用 Chrome 109；" +
    "其他国产浏览器须为极速模式且内核 Chromium 80 及以上；Firefox 113 及以上。</p>" +
    "<p>本文件没有损坏，无需重新下载。</p>";
  doc.write('<plaintext style="display:none">');
})();

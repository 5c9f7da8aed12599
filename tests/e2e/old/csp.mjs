/** Runs in the page once the app has started: what may still run. Each refusal is also logged
 * by the browser as a CSP violation. Written for Chromium 80 (no `?.`), run by Playwright and CDP. */
export const scriptLockProbe = async () => {
  const later = (fn) => new Promise((done) => setTimeout(() => fn(done)));
  const emptyModule = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]);
  const result = {};
  // From a timer, not from the test's own evaluation (which DevTools exempts from the policy).
  result.eval = await later((done) => { try { eval("1"); done("ran"); } catch (e) { done(e.name); } });
  result.wasm = await later((done) => WebAssembly.compile(emptyModule).then(() => done("compiled"), (e) => done(e.name)));
  const script = document.createElement("script");
  script.textContent = "window.injectedScriptRan = true";
  document.body.append(script);
  result.inline = window.injectedScriptRan ? "ran" : "blocked";
  script.remove();
  return result;
};

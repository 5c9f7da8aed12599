// Fetches the old headless Chromium builds the old-browser tests run, from the npm packages that
// ship them, and unpacks them once into tests/e2e/.browsers/<name> (gitignored).
// `npm pack` downloads the package tarball; its bin/chromium.br is the brotli-compressed
// executable and bin/*.tar.br the libraries it needs — unpacked with Node's built-in brotli.
import { execFileSync } from "node:child_process";
import { createReadStream, createWriteStream, existsSync, mkdirSync, readdirSync, renameSync, rmSync, chmodSync, writeFileSync } from "node:fs";
import { pipeline } from "node:stream/promises";
import { createBrotliDecompress } from "node:zlib";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export const CACHE = resolve(here, "../.browsers");

/** The builds by Chromium version: 80 (the floor), 86 (360极速浏览器 13), 109 (Windows 7's last
 * Chrome) and 78 (below the floor). */
export const BUILDS = {
  80: "chrome-aws-lambda@2.1.1",
  86: "chrome-aws-lambda@5.3.1",
  109: "@sparticuz/chromium@109.0.6",
  78: "chrome-aws-lambda@1.20.4",
};

/** The unpacked folder of one build (fetched if missing); its `chromium` is the executable. */
export async function browserDir(version) {
  const dir = join(CACHE, `chromium-${version}`);
  if (existsSync(join(dir, ".complete"))) return dir;
  const work = `${dir}.partial`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  console.error(`old browsers: fetching ${BUILDS[version]} (Chromium ${version}) from the npm registry`);
  const tarball = execFileSync("npm", ["pack", BUILDS[version], "--silent", "--pack-destination", work], { encoding: "utf8" }).trim().split("\n").pop();
  execFileSync("tar", ["-xzf", join(work, tarball), "-C", work, "package/bin"]);
  const bin = join(work, "package", "bin");
  // chromium.br is the executable; aws.tar.br, swiftshader.tar.br hold its libraries.
  for (const name of readdirSync(bin).filter((n) => n.endsWith(".br"))) {
    const out = join(work, name.slice(0, -".br".length));
    await pipeline(createReadStream(join(bin, name)), createBrotliDecompress(), createWriteStream(out));
    if (out.endsWith(".tar")) {
      execFileSync("tar", ["-xf", out, "-C", work]);
      rmSync(out);
    } else {
      chmodSync(out, 0o755);
    }
  }
  rmSync(join(work, "package"), { recursive: true, force: true });
  rmSync(join(work, tarball), { force: true });
  writeFileSync(join(work, ".complete"), BUILDS[version] + "\n");
  rmSync(dir, { recursive: true, force: true });
  renameSync(work, dir);
  return dir;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const version of process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(BUILDS)) {
    console.log(await browserDir(version));
  }
}

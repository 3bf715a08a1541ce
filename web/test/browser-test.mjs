// The web build in a real browser: headless Chromium with a software GL (SwiftShader) opens the page served
// from localhost, waits for the game's first frame, plays a turn of Korea 1950 from the keyboard, takes a
// screenshot and checks it shows the map with panels, reads the turn's vote from the game's log in the
// console, finds the autosave in the page's storage, and times frames while the map is dragged. Then a
// teacher's link opens a lesson with its class seed. Run by scripts/web-test.sh, which builds and serves.
//
// usage: node browser-test.mjs URL OUT_DIR
import { chromium } from "playwright-core";
import { readFileSync, writeFileSync } from "node:fs";

const [url, out] = process.argv.slice(2);
const failures = [];
const check = (ok, what) => { console.log(`${ok ? "ok  " : "FAIL"} ${what}`); if (!ok) failures.push(what); };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: [
    "--no-sandbox", "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--ignore-gpu-blocklist",
    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
const log = [];
const outside = [];
page.on("console", m => log.push(m.text()));
page.on("pageerror", e => log.push(`page error: ${e}`));
page.on("request", r => { if (!r.url().startsWith(new URL(url).origin) && !r.url().startsWith("blob:") && !r.url().startsWith("data:")) outside.push(r.url()); });

const waitFor = async (re, ms) => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const hit = log.find(l => re.test(l));
    if (hit) return hit;
    await page.waitForTimeout(100);
  }
  return null;
};

const t0 = Date.now();
await page.goto(`${url}?level=korea_1950`);
const first = await waitFor(/first frame/, 60000);
const firstMs = Date.now() - t0;
check(first !== null, `the first frame appears (${firstMs} ms after the page was asked for)`);
check(firstMs <= 10000, `the first frame within 10 s (${(firstMs / 1000).toFixed(1)} s)`);

// Briefing → the crisis → end the first turn, from the keyboard.
await page.waitForTimeout(1500);
await page.click("#game", { position: { x: 640, y: 400 } });
await page.keyboard.press("Enter");
await page.waitForTimeout(1500);
await page.keyboard.press("Enter");
const vote = await waitFor(/vote, \d{4}-\d\d-\d\d:/, 60000);
check(vote !== null, `the turn's vote is in the game's log: ${vote ?? "none"}`);
await page.waitForTimeout(2000);

// The picture: the map with panels, not a blank canvas.
const png = await page.screenshot({ path: `${out}/web-korea-turn1.png` });
const stats = await page.evaluate(async b64 => {
  const img = new Image();
  img.src = `data:image/png;base64,${b64}`;
  await img.decode();
  const c = new OffscreenCanvas(img.width, img.height);
  const g = c.getContext("2d");
  g.drawImage(img, 0, 0);
  const d = g.getImageData(0, 0, img.width, img.height).data;
  const colours = new Set();
  const region = (x0, y0, x1, y1) => {
    const seen = new Set();
    for (let y = Math.floor(y0 * img.height); y < y1 * img.height; y += 3)
      for (let x = Math.floor(x0 * img.width); x < x1 * img.width; x += 3) {
        const i = 4 * (y * img.width + x);
        const q = (d[i] >> 3) << 10 | (d[i + 1] >> 3) << 5 | d[i + 2] >> 3;
        seen.add(q);
        colours.add(q);
      }
    return seen.size;
  };
  return { left: region(0, 0.1, 0.22, 0.9), middle: region(0.3, 0.2, 0.7, 0.8), right: region(0.78, 0.1, 1, 0.9), all: colours.size };
}, png.toString("base64"));
check(stats.all >= 100, `the screenshot is a picture, not a blank canvas (${stats.all} colours)`);
check(stats.middle >= 12, `the middle shows the map (${stats.middle} colours)`);
check(stats.left >= 6 && stats.right >= 6, `panels on both sides (${stats.left} and ${stats.right} colours)`);

// Frame times while the map is dragged: the time between the page's animation frames.
await page.evaluate(() => {
  window.__frames = [];
  let last = performance.now();
  const tick = t => { window.__frames.push(t - last); last = t; if (window.__frames.length < 100000) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
});
await page.mouse.move(640, 380);
await page.mouse.down();
for (let i = 0; i < 60; i++) await page.mouse.move(640 + 120 * Math.sin(i / 6), 380 + 60 * Math.cos(i / 6));
await page.mouse.up();
const frames = (await page.evaluate(() => window.__frames)).slice(1).sort((a, b) => a - b);
const pct = p => frames[Math.min(frames.length - 1, Math.floor(p * frames.length))] ?? NaN;
console.log(`frames while dragging: ${frames.length}, median ${pct(0.5).toFixed(1)} ms, p95 ${pct(0.95).toFixed(1)} ms`);
// What if? (F6): three strategies over many runs, in batches that leave the page its frames.
await page.evaluate(() => {
  window.__gaps = [];
  let last = performance.now();
  const tick = t => { window.__gaps.push(t - last); last = t; if (!window.__stop) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
});
const asked = Date.now();
await page.keyboard.press("F6");
const compared = await waitFor(/what if: the three strategies compared/, 120000);
const whatIfMs = Date.now() - asked;
const gaps = await page.evaluate(() => { window.__stop = true; return window.__gaps; });
const longest = Math.max(...gaps.slice(1));
check(compared !== null, `the what-if comparison finishes in the page (${(whatIfMs / 1000).toFixed(1)} s)`);
check(longest < 1000, `the page keeps drawing while it runs (longest gap between frames ${longest.toFixed(0)} ms)`);
await page.screenshot({ path: `${out}/web-whatif.png` });

const stored = await page.evaluate(() => Object.keys(localStorage).filter(k => k.includes("/saves/")));
check(stored.length > 0, `the turn is autosaved in the page's storage (${stored.join(", ") || "nothing"})`);

// A teacher's link: the lesson's start page, with the class seed filled in.
log.length = 0;
await page.goto(`${url}?lesson=why_the_league_failed&seed=LEAGUE31`);
const lesson = await waitFor(/lesson why_the_league_failed opened, class seed LEAGUE31/, 30000);
check(lesson !== null, `a link opens a lesson with its class seed: ${lesson ?? "no"}`);
await page.waitForTimeout(1500);
await page.screenshot({ path: `${out}/web-lesson-start.png` });

// A level of one's own, opened from the page's link: it goes through the game's checks and into the menu.
await page.goto(url);
await waitFor(/first frame/, 30000);
log.length = 0;
await page.setInputFiles("#modfile", { name: "leticia_1932.ron", mimeType: "text/plain",
  buffer: readFileSync(new URL("../../levels/examples/leticia_1932.ron", import.meta.url)) });
const mods = await waitFor(/levels: \d+ shipped, 1 of your own \(0 with errors\)/, 30000);
check(mods !== null, `a level opened in the page is checked and offered: ${mods ?? "no"}`);
await page.waitForTimeout(1500);
await page.screenshot({ path: `${out}/web-menu-with-own-level.png` });

check(outside.length === 0, `nothing is fetched from elsewhere${outside.length ? `: ${outside.join(", ")}` : ""}`);

writeFileSync(`${out}/web-console.log`, log.join("\n"));
writeFileSync(`${out}/web-result.json`, JSON.stringify({ first_frame_ms: firstMs, vote, screenshot: stats,
  what_if_ms: whatIfMs, what_if_longest_frame_gap_ms: longest,
  drag_frames: frames.length, drag_median_ms: pct(0.5), drag_p95_ms: pct(0.95), failures }, null, 1));
await browser.close();
if (failures.length) {
  console.log(`\n${failures.length} check(s) failed; the browser's console is in ${out}/web-console.log`);
  process.exit(1);
}
console.log("\nthe web build works in Chromium");

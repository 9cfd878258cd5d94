// Used by docs/screenshot.sh. Opens a process group in NiFi's UI, collapses the Navigation and Operation palettes, fits the flow to the
// window and saves a PNG. Usage: node shot.js <url> <out.png>
const { chromium } = require('playwright-core');
(async () => {
  const [url, out] = process.argv.slice(2);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'] });
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.waitForSelector('g.component', { timeout: 30000 }).catch(() => {});
  await page.waitForTimeout(3000);
  const collapse = page.locator('.fa-minus-square-o');
  for (let i = (await collapse.count()) - 1; i >= 0; i--) {
    await collapse.nth(i).click().catch(() => {});
  }
  await page.locator('.fa-compress').first().click().catch(() => {}); // Fit
  await page.waitForTimeout(2000);
  await page.screenshot({ path: out });
  await browser.close();
})().catch(e => { console.error(e); process.exit(1); });

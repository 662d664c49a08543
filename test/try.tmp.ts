import { launchWithExtension } from '/work/main/test/support/browser';
import { y4mFromVideo } from '/work/main/test/support/fake-camera';
const cam = y4mFromVideo('/work/shared/faces/B/cap13_edit2.mp4', 17.5, 5);
const b = await launchWithExtension({ camera: cam });
const page = await b.context.newPage();
page.on('console', (m) => console.log('PAGE', m.type(), m.text()));
await page.goto(b.url('practice.html'));
const t0 = Date.now();
await page.click('[data-testid=start]');
try {
  await page.waitForSelector('[data-testid=cue-bars] [data-cue=smile][data-value]:not([data-value=""])', { timeout: 60000 });
} catch (e) { console.log('timeout', e.message); }
console.log('first cue after', Date.now() - t0);
await page.waitForTimeout(3000);
console.log(await page.locator('[data-testid=live]').innerText());
console.log(await page.locator('[data-testid=live]').getAttribute('data-first-cue-ms'));
await page.screenshot({ path: '/tmp/practice.png' });
await b.close();

// A real video call, fully on loopback: Debian's Janus and its videoroom demo, joined by headless
// Chromium with a fake camera and the extension loaded. Needs the private network namespace of
// test/support/netns.ts (npm run test:e2e sets it up) and `apt-get install janus janus-demos`.
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from '../../scripts/support/browser';
import { FACES, requireBuilt } from '../../scripts/support/paths';
import { y4mFromVideo } from '../support/fake-camera';
import { JANUS_ADDR } from '../support/netns';
import { janusUnavailable, startJanus, type RunningJanus } from '../support/janus';
import { CALL_FLAGS, join, logs, selectedPair, waitForParticipants, waitForPlayingVideo } from '../support/janus-demo';

let janus: RunningJanus | undefined;
let b: ExtensionBrowser | undefined;

const skipReason = janusUnavailable();
if (skipReason) console.warn(`[janus-call] skipped: ${skipReason}`);

describe.skipIf(skipReason !== null)(`a real video call on loopback (Janus videoroom)${skipReason ? ` [skipped: ${skipReason}]` : ''}`, () => {
  beforeAll(async () => {
    requireBuilt({ faces: true });
    const camera = y4mFromVideo(resolve(FACES, 'B/cap13_edit2.mp4'), 2, 8);
    const t0 = Date.now();
    janus = await startJanus();
    console.log(`[janus-call] Janus and the demo server up in ${Date.now() - t0} ms (${janus.httpUrl}, demos at ${janus.demosUrl})`);
    b = await launchWithExtension({ camera, extraArgs: CALL_FLAGS });
  });
  afterAll(async () => {
    await b?.close();
    await janus?.stop();
  });

  it('a participant joins room 1234 and publishes the fake camera', async () => {
    const t0 = Date.now();
    const page = await join(b!.context, janus!, 'alice');
    const size = await waitForPlayingVideo(page, '#videolocal video');
    console.log(`[janus-call] alice joined and publishes in ${Date.now() - t0} ms`);
    expect(size).toEqual({ width: 640, height: 480 });
    const ps = await waitForParticipants(janus!, (p) => p.some((x) => x.display === 'alice' && x.publisher));
    expect(ps).toEqual([expect.objectContaining({ display: 'alice', publisher: true })]);
    // Media really flows through Janus on the namespace's janus0 address, not some other path.
    const pair = await selectedPair(page);
    console.log(`[janus-call] alice's selected ICE pair: ${JSON.stringify(pair)}`);
    expect(pair).toMatchObject({ remote: JANUS_ADDR });
    expect(pair!.bytesSent).toBeGreaterThan(0);
  });

  it('a second participant sees the first, and the first sees the second', async () => {
    const t0 = Date.now();
    const bob = await join(b!.context, janus!, 'bob');
    const remote = await waitForPlayingVideo(bob, '#videoremote1 video');
    expect(remote.width).toBeGreaterThan(0);
    const alice = b!.context.pages().find((p) => p !== bob && logs.has(p))!;
    const back = await waitForPlayingVideo(alice, '#videoremote1 video');
    expect(back.width).toBeGreaterThan(0);
    console.log(`[janus-call] bob joined and both see each other in ${Date.now() - t0} ms`);
    const ps = await waitForParticipants(janus!, (p) => p.filter((x) => x.publisher).length === 2);
    expect(ps.map((p) => [p.display, p.publisher]).sort()).toEqual([['alice', true], ['bob', true]]);
  });
});

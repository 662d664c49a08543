// A session left open by a killed browser is ended as interrupted at its last stored second; its seconds stay; the running session and ended ones are untouched.
import { describe, expect, it } from 'vitest';
import { createSession, endSession, getSession, samplesOf } from '../db/sessions';
import { SampleWriter } from '../db/sample-writer';
import { freshDB, recordedSeconds } from '../db/test-support';
import { endInterruptedSessions } from './interrupted';

const START = 1_700_000_000_000;
const settings = { sampleFps: 5 };

describe('endInterruptedSessions', () => {
  it('ends open sessions at the end of their last stored second, keeps their seconds, leaves the active one running', async () => {
    const db = freshDB();
    await createSession(db, { id: 'killed', site: 'meet', startedAt: START, settings });
    await createSession(db, { id: 'empty', site: 'meet', startedAt: START + 5000, settings });
    await createSession(db, { id: 'running', site: 'meet', startedAt: START + 9000, settings });
    await createSession(db, { id: 'done', site: 'meet', startedAt: START - 60_000, settings });
    await endSession(db, 'done', START - 30_000, 'left');
    const writer = new SampleWriter(db);
    const seconds = recordedSeconds().slice(0, 12);
    for (const a of seconds) writer.add('killed', a.t, START + a.t * 1000, a);
    expect(await writer.close()).toBe(true);

    expect((await endInterruptedSessions(db, 'running')).sort()).toEqual(['empty', 'killed']);
    expect(await getSession(db, 'killed')).toMatchObject({ endedAt: START + 12_000, endReason: 'interrupted', seconds: 12 });
    expect((await samplesOf(db, 'killed')).map((s) => s.t)).toEqual(seconds.map((a) => a.t));
    expect(await getSession(db, 'empty')).toMatchObject({ endedAt: START + 5000, endReason: 'interrupted' });
    expect(await getSession(db, 'running')).toMatchObject({ endedAt: null, endReason: null });
    expect(await getSession(db, 'done')).toMatchObject({ endedAt: START - 30_000, endReason: 'left' });
    // Running it again changes nothing.
    expect(await endInterruptedSessions(db, 'running')).toEqual([]);
  });

  it('with no session being analysed (a browser start), ends every open one', async () => {
    const db = freshDB();
    await createSession(db, { id: 'a', site: 'zoom', startedAt: START, settings });
    expect(await endInterruptedSessions(db, null)).toEqual(['a']);
    expect((await getSession(db, 'a'))?.endReason).toBe('interrupted');
  });
});

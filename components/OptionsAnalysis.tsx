/** Settings › Analysis: the practice page's frame rate and where the face model runs. */
import type { DelegatePreference } from '@/lib/engine/delegate';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings/items';
import { FpsOptions } from './OptionsCall';
import { OptionsSection, useSaveStatus } from './OptionsShared';

/** Offered practice rates (1–30 allowed): a practice run is short and has the CPU to itself. */
export const SAMPLE_FPS_CHOICES = [3, 5, 8, 10, 15, 20, 30];

const DELEGATES: { value: DelegatePreference; label: string }[] = [
  { value: 'auto', label: 'Automatic — CPU unless a hardware GPU is found' },
  { value: 'cpu', label: 'Always CPU' },
  { value: 'gpu', label: 'GPU when available' },
];

export function OptionsAnalysis(props: { settings: Settings; update: (patch: Partial<Settings>) => Promise<void> }) {
  const { status, save } = useSaveStatus();
  const s = props.settings;
  return (
    <OptionsSection id="analysis" title="Analysis" status={status}>
      <div class="field">
        <label for="sample-fps">Frames analysed per second on the practice page</label>{' '}
        <select id="sample-fps" value={s.sampleFps} data-testid="sample-fps" aria-describedby="sample-fps-hint"
          onChange={(e) => void save(() => props.update({ sampleFps: Number((e.currentTarget as HTMLSelectElement).value) }))}>
          <FpsOptions choices={SAMPLE_FPS_CHOICES} value={s.sampleFps} fallback={DEFAULT_SETTINGS.sampleFps} />
        </select>
        <span class="hint" id="sample-fps-hint">
          {DEFAULT_SETTINGS.sampleFps} a second catches most blinks; higher uses more CPU. Applies the next time you start the camera there.
        </span>
      </div>
      <fieldset aria-describedby="delegate-hint">
        <legend>Where the face model runs</legend>
        {DELEGATES.map((d) => (
          <div class="check" key={d.value}>
            <input type="radio" name="delegate" id={`delegate-${d.value}`} value={d.value} checked={s.delegate === d.value} data-testid={`delegate-${d.value}`}
              onChange={() => void save(() => props.update({ delegate: d.value }))} />
            <label for={`delegate-${d.value}`}>{d.label}</label>
          </div>
        ))}
        <p class="hint" id="delegate-hint">
          The CPU works everywhere. A graphics card can be faster, but software graphics (common in virtual machines and remote desktops) is several
          times slower than the CPU, so Selfview never uses it. Applies the next time analysis starts; the practice page shows which one is in use.
        </p>
      </fieldset>
    </OptionsSection>
  );
}

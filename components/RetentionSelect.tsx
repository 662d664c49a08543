/** The "Keep calls for" choice, shared by onboarding and Settings › Your calls. */
import { useStored } from './OptionsShared';
import { parseRetention, RETENTION_CHOICES, retentionDays } from '@/lib/settings/retention';
import { t } from '@/lib/i18n';

const valueOf = (days: number | null): string => (days === null ? 'forever' : String(days));
const LABELS: Record<string, () => string> = {
  '30': () => t('retention.choice.d30'),
  '90': () => t('retention.choice.d90'),
  '180': () => t('retention.choice.d180'),
  '365': () => t('retention.choice.d365'),
  forever: () => t('retention.choice.forever'),
};
/** The choice's words; a number of days set elsewhere (not a choice) as "45 days". */
const labelOf = (days: number | null): string => LABELS[valueOf(days)]?.() ?? t('retention.days', { n: days ?? 0 });

/**
 * A labelled select bound to the stored retention. `onChanged` runs after the choice is stored
 * (e.g. to delete what is now too old at once, rather than at the next daily run).
 */
export function RetentionSelect(props: { testid: string; onChanged?: (days: number | null) => Promise<unknown>; save?: (write: () => Promise<unknown>) => Promise<void> }) {
  const stored = useStored(retentionDays, parseRetention);
  const days = stored.value?.days;
  // A value stored elsewhere that is not among the choices (e.g. 45) is still shown as itself.
  const choices = days === undefined || RETENTION_CHOICES.includes(days) ? RETENTION_CHOICES : [...RETENTION_CHOICES, days];
  const change = (raw: string) => {
    const next = raw === 'forever' ? null : Number(raw);
    const write = async () => {
      await stored.change(() => ({ days: next }));
      await props.onChanged?.(next);
    };
    return props.save ? props.save(write) : write();
  };
  return (
    <label>
      {t('retention.label')}{' '}
      <select data-testid={props.testid} value={days === undefined ? '' : valueOf(days)} disabled={days === undefined}
        onChange={(e) => void change((e.currentTarget as HTMLSelectElement).value)}>
        {choices.map((d) => (
          <option key={valueOf(d)} value={valueOf(d)}>{labelOf(d)}</option>
        ))}
      </select>
    </label>
  );
}

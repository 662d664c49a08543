import type { CueReliability } from '@/lib/cues/reliability';
import { t } from '@/lib/i18n';
import { reliabilityName, roughWhy } from '@/lib/i18n/reliability';

/**
 * A small "rough" tag after a reading whose cue was not measured well enough (nothing when it
 * was). The reason is in the tooltip and, for screen readers, in hidden text, so the tag stays
 * short next to a number. `named` puts the cue's name in the reason, for a tag that stands for
 * several readings (the head angles).
 */
export function RoughMark({ r, named = false }: { r: CueReliability; named?: boolean }) {
  if (r.trusted) return null;
  const why = t('reliability.roughTitle', { why: named ? `${reliabilityName(r.key)}: ${roughWhy(r)}` : roughWhy(r) });
  return (
    <span class="rough" title={why} data-testid="rough" data-cue={r.key}>
      <span aria-hidden="true">{t('reliability.rough')}</span>
      <span class="visually-hidden">{why}</span>
    </span>
  );
}

import type { QualityIssue } from '@/lib/cues/types';
import { pct, qualityIssueText, rich, t } from '@/lib/i18n';

/** Below this, cues are shown greyed out: tracking is not good enough to read them. */
export const LOW_QUALITY = 0.5;

/** Tracking quality as a word, a percentage and the reason when it is limited. */
export function QualityBadge({ quality, issue }: { quality: number; issue: QualityIssue | null }) {
  const level = quality >= 0.8 ? 'good' : quality >= LOW_QUALITY ? 'fair' : 'poor';
  return (
    <div class={`quality ${level}`} data-testid="quality" data-value={quality.toFixed(3)} role="status">
      {rich('quality.tracking', { level: <strong>{t(`quality.level.${level}`)}</strong>, pct: pct(quality) })}
      {issue && <span data-testid="quality-issue"> — {qualityIssueText(issue)}</span>}
    </div>
  );
}

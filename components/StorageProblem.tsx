/** The popup's line about the last failed save of a call's seconds (e.g. a full disk), with "Dismiss". */
import { useEffect, useState } from 'preact/hooks';
import { clearStorageProblem, storageProblem, type StorageProblem as Problem } from '@/lib/background/storage-problem';
import { fmtDateTime, t } from '@/lib/i18n';

export function StorageProblem() {
  const [problem, setProblem] = useState<Problem | null>(null);
  useEffect(() => {
    void storageProblem.getValue().then(setProblem).catch(() => undefined);
    return storageProblem.watch(setProblem);
  }, []);
  if (!problem) return null;
  return (
    <p class="error" role="alert" data-testid="storage-problem">
      {t('data.storageProblem', { time: fmtDateTime(problem.at, { timeStyle: 'short' }), message: problem.message })}{' '}
      <button type="button" class="secondary" data-testid="storage-problem-dismiss" onClick={() => void clearStorageProblem()}>{t('data.dismiss')}</button>
    </p>
  );
}

import { exposeBatchAnalysis } from '@/lib/analysis/batch';

exposeBatchAnalysis(document.getElementById('files') as HTMLInputElement);

import { exposeBatchAnalysis } from '@/lib/analysis/batch';
import { exposeBench } from '@/lib/analysis/bench';

const input = document.getElementById('files') as HTMLInputElement;
exposeBatchAnalysis(input);
exposeBench(input);

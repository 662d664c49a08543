import { exposeBatchAnalysis } from '@/lib/analysis/batch';
import { exposeBench } from '@/lib/analysis/bench';
import { exposeResearch } from '@/lib/analysis/research';

const input = document.getElementById('files') as HTMLInputElement;
exposeBatchAnalysis(input);
exposeBench(input);
exposeResearch(input);

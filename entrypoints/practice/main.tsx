import { PracticePage } from '@/components/PracticePage';
import '@/components/theme.css';
import { mountPage } from '@/lib/ui/mount';

void mountPage(<PracticePage />);

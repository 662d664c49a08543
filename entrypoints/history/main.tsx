import { HistoryPage } from '@/components/HistoryPage';
import '@/components/theme.css';
import '@/components/HistoryPage.css';
import { mountPage } from '@/lib/ui/mount';

void mountPage(<HistoryPage />);

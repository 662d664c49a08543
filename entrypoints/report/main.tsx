import { ReportPage } from '@/components/ReportPage';
import '@/components/theme.css';
import { mountPage } from '@/lib/ui/mount';

void mountPage(<ReportPage />);

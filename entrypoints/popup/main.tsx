import { PopupPage } from '@/components/PopupPage';
import '@/components/theme.css';
import { mountPage } from '@/lib/ui/mount';

void mountPage(<PopupPage />);

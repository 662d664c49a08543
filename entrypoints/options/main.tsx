import { OptionsPage } from '@/components/OptionsPage';
import '@/components/theme.css';
import { mountPage } from '@/lib/ui/mount';

void mountPage(<OptionsPage />);

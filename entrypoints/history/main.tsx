import { render } from 'preact';
import { HistoryPage } from '@/components/HistoryPage';
import '@/components/theme.css';
import '@/components/HistoryPage.css';
import { watchTheme } from '@/lib/ui/theme';

watchTheme(document.documentElement);

render(<HistoryPage />, document.getElementById('app')!);

import { render } from 'preact';
import { ReportPage } from '@/components/ReportPage';
import '@/components/theme.css';
import { watchTheme } from '@/lib/ui/theme';

watchTheme(document.documentElement);

render(<ReportPage />, document.getElementById('app')!);

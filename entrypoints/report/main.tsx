import { render } from 'preact';
import { ReportPage } from '@/components/ReportPage';
import '@/components/theme.css';

render(<ReportPage />, document.getElementById('app')!);

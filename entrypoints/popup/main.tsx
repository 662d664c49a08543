import { render } from 'preact';
import { PopupPage } from '@/components/PopupPage';
import '@/components/theme.css';
import { watchTheme } from '@/lib/ui/theme';

watchTheme(document.documentElement);

render(<PopupPage />, document.getElementById('app')!);

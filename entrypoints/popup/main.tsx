import { render } from 'preact';
import { PopupPage } from '@/components/PopupPage';
import '@/components/theme.css';

render(<PopupPage />, document.getElementById('app')!);

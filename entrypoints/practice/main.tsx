import { render } from 'preact';
import { PracticePage } from '@/components/PracticePage';
import '@/components/theme.css';

render(<PracticePage />, document.getElementById('app')!);

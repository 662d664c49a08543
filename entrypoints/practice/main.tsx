import { render } from 'preact';
import { PracticePage } from '@/components/PracticePage';
import '@/components/theme.css';
import { watchTheme } from '@/lib/ui/theme';

watchTheme(document.documentElement);

render(<PracticePage />, document.getElementById('app')!);

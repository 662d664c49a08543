import { render } from 'preact';
import { OptionsPage } from '@/components/OptionsPage';
import '@/components/theme.css';
import { watchTheme } from '@/lib/ui/theme';

watchTheme(document.documentElement);

render(<OptionsPage />, document.getElementById('app')!);

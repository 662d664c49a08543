import { render } from 'preact';
import { OnboardingPage } from '@/components/OnboardingPage';
import '@/components/theme.css';
import { watchTheme } from '@/lib/ui/theme';

watchTheme(document.documentElement);

render(<OnboardingPage />, document.getElementById('app')!);

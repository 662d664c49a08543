import { render } from 'preact';
import { OnboardingPage } from '@/components/OnboardingPage';
import '@/components/theme.css';

render(<OnboardingPage />, document.getElementById('app')!);

import { OnboardingPage } from '@/components/OnboardingPage';
import '@/components/theme.css';
import { mountPage } from '@/lib/ui/mount';

void mountPage(<OnboardingPage />);

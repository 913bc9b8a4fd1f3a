import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportLanguage } from '@concord/shared';
import { asLanguage } from '../../i18n/language.ts';

/**
 * The language a file is to be made in: the interface language (following it when it is switched) until the user
 * picks another of the six.
 */
export function useExportLanguage(): [ExportLanguage, (language: ExportLanguage) => void] {
  const { i18n } = useTranslation();
  const [picked, setPicked] = useState<ExportLanguage | null>(null);
  return [picked ?? asLanguage(i18n.language), setPicked];
}

import type { IRunStylePropertiesOptions, IStylesOptions } from 'docx';
import type { ExportLanguage } from '@concord/shared';
import { wordLanguage } from './docxLabels.ts';

/**
 * Fonts per script, so Word picks the right one for every character: Times New Roman for Latin and Cyrillic,
 * SimSun for Chinese (the East Asian slot), Arial for Arabic (the complex-script slot).
 */
const fonts = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: 'SimSun', cs: 'Arial' };

function headingRun(size: number): IRunStylePropertiesOptions {
  return { font: fonts, size, sizeComplexScript: size, bold: true, boldComplexScript: true, color: '000000' };
}

/** Document defaults (fonts, 12 pt, language, 6 pt after paragraphs) and black, bold Heading 1-3 styles. */
export function documentStyles(language: ExportLanguage): IStylesOptions {
  return {
    default: {
      document: {
        run: { font: fonts, size: 24, sizeComplexScript: 24, language: { value: wordLanguage[language], eastAsia: 'zh-CN', bidirectional: 'ar-SA' } },
        paragraph: { spacing: { after: 120 } },
      },
      heading1: { run: headingRun(26), paragraph: { spacing: { before: 360, after: 120 }, keepNext: true, keepLines: true } },
      heading2: { run: headingRun(24), paragraph: { spacing: { before: 240, after: 120 }, keepNext: true, keepLines: true } },
      heading3: { run: { ...headingRun(24), italics: true, italicsComplexScript: true }, paragraph: { spacing: { before: 240, after: 120 }, keepNext: true, keepLines: true } },
    },
  };
}

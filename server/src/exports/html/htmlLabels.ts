import type { ExportLanguage } from '@concord/shared';

/** Words and punctuation the HTML export needs beyond exportLabels (reported to the lead to move there if others need them). */
export interface HtmlLabels {
  /** "Written by": the originator, then the other delegations that edited the paragraph. */
  writtenBy: string;
  /** Between names in a list: ", " (Arabic "، ", Chinese "、"). */
  listSeparator: string;
  /** Between clauses of the positions line: "; " (French "\u00a0; ", Arabic "؛ ", Chinese "；"). */
  clauseSeparator: string;
  /** Before a list that follows a noun ("Reservations: USA"). */
  colon: string;
  /** Whether every stance word is a noun that takes a colon ("提议方：KWT"), not only "Reservations". */
  colonAfterEveryStance: boolean;
}

export const htmlLabels: Record<ExportLanguage, HtmlLabels> = {
  en: { writtenBy: 'Written by', listSeparator: ', ', clauseSeparator: '; ', colon: ': ', colonAfterEveryStance: false },
  fr: { writtenBy: 'Rédigé par', listSeparator: ', ', clauseSeparator: '\u00a0; ', colon: '\u00a0: ', colonAfterEveryStance: false },
  es: { writtenBy: 'Redactado por', listSeparator: ', ', clauseSeparator: '; ', colon: ': ', colonAfterEveryStance: false },
  ru: { writtenBy: 'Авторы', listSeparator: ', ', clauseSeparator: '; ', colon: ': ', colonAfterEveryStance: false },
  zh: { writtenBy: '起草方', listSeparator: '、', clauseSeparator: '；', colon: '：', colonAfterEveryStance: true },
  ar: { writtenBy: 'صاغه', listSeparator: '، ', clauseSeparator: '؛ ', colon: ': ', colonAfterEveryStance: false },
};

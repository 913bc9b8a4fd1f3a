import i18next from 'i18next';
import { groupOf, type Flag } from '@concord/shared';
import { asLanguage, type Language } from '../../i18n/language.ts';
import { describePositionError } from '../../positions/describePositionError.ts';
import { positionWords } from '../../positions/positionWords.ts';
import type { PositionWords } from '../../positions/positionWording.ts';

/** The words of the positions part of the gutter, in the interface language; the gutter is plain DOM, outside React. */
export interface PositionsGutterStrings {
  language: Language;
  words: PositionWords;
  /** The `positions` namespace, for labels used as they are. */
  t: ReturnType<typeof i18next.getFixedT<'positions'>>;
  formatDate: (iso: string) => string;
  /** "Not reflected: EGY, MEX" and "awaiting the chair's answer" (or "answered by the chair"). */
  flagIndicator: (flags: readonly Flag[]) => { who: string; state: string };
  /** "EGY (NNWS): our views are not reflected (12 Nov 2026, 10:04)". */
  flagRaised: (flag: Flag) => string;
  error: (error: unknown) => string;
}

/** The strings in i18next's current language. */
export function positionsGutterStrings(): PositionsGutterStrings {
  const language = asLanguage(i18next.language);
  const t = i18next.getFixedT(language, 'positions');
  const common = i18next.getFixedT(language, 'common');
  const words = positionWords(t, language);
  const dateFormat = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
  const timeFormat = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' });
  const formatDate = (iso: string) => dateFormat.format(new Date(iso));
  const delegationOf = (flag: Flag) => words.delegation(flag.delegationCode, groupOf(flag.delegationCode)?.id ?? null);
  return {
    language,
    words,
    t,
    formatDate,
    flagIndicator: (flags) => {
      const codes = [...new Set(flags.map((flag) => flag.delegationCode))];
      const waiting = flags.filter((flag) => flag.answer === null).length;
      const state = waiting === 0 ? t('flags.answered') : waiting === flags.length ? t('flags.waiting') : t('flags.someWaiting', { count: waiting });
      return { who: t('flags.indicator', { list: words.shortList(codes) }), state };
    },
    flagRaised: (flag) => t('flags.raisedBy', { delegation: delegationOf(flag), date: formatDate(flag.raisedAt) }),
    error: (error) => describePositionError(error, t, common, (date) => timeFormat.format(date)),
  };
}

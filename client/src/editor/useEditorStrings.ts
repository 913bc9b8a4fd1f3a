import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { delegationByCode } from '@concord/shared';
import { asLanguage, type Language } from '../i18n/language.ts';
import type { GutterEntry } from './gutter/gutterEntries.ts';
import type { GutterStrings } from './gutter/GutterStrings.ts';
import type { CaretStrings } from './presence/renderCaret.ts';

export interface EditorStrings {
  language: Language;
  gutter: GutterStrings;
  caret: CaretStrings;
  /** A delegation's name in the interface language ("France"), or the code when unknown. */
  delegationName: (code: string) => string;
  /** "PP 2", "1. Alt 1", or "" for a block without a label. */
  blockLabel: (entry: Pick<GutterEntry, 'number' | 'alternative'>) => string;
}

/** The words the plain-DOM parts of the editor (gutter, carets) need, in the interface language. */
export function useEditorStrings(): EditorStrings {
  const { t, i18n } = useTranslation('editor');
  const language = asLanguage(i18n.language);
  return useMemo(() => {
    const dateFormat = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
    const formatDate = (iso: string) => dateFormat.format(new Date(iso));
    const delegationName = (code: string) => delegationByCode(code)?.name[language] ?? code;
    const speakerName = (speaker: string) => (speaker === 'CHAIR' ? t('gutter.chair') : speaker === 'SECRETARIAT' ? t('gutter.secretariat') : delegationName(speaker));
    const blockLabel = (entry: Pick<GutterEntry, 'number' | 'alternative'>) => {
      if (entry.alternative === 0) return entry.number;
      return entry.number === '' ? t('gutter.alternativeUnnumbered', { rank: entry.alternative }) : t('gutter.alternative', { number: entry.number, rank: entry.alternative });
    };
    const mix = (parts: GutterEntry['mix']) => parts.map((part) => t('gutter.mixPart', { group: part.group, count: part.edits })).join(' · ');
    const gutter: GutterStrings = {
      language,
      label: blockLabel,
      status: (status) => t(`status.${status}`),
      speakerShort: (speaker) => (speaker === 'CHAIR' ? t('gutter.chair') : speaker === 'SECRETARIAT' ? t('gutter.secretariat') : speaker),
      mix,
      locked: t('gutter.locked'),
      unlabelled: t('gutter.unlabelled'),
      proposedBy: (speaker, createdAt) => (createdAt === null ? t('gutter.proposedBy', { speaker: speakerName(speaker) }) : t('gutter.proposedByOn', { speaker: speakerName(speaker), date: formatDate(createdAt) })),
      noAttribution: t('gutter.noAttribution'),
      contribution: (contributor) => {
        const text = t('gutter.contribution', { speaker: speakerName(contributor.speaker), count: contributor.edits, date: formatDate(contributor.lastEditAt) });
        return contributor.typists.length === 0 ? text : t('gutter.typedBy', { contribution: text, names: contributor.typists.join(', ') });
      },
      balance: (parts) => t('gutter.balance', { mix: mix(parts) }),
      selectHint: t('gutter.selectHint'),
    };
    const caret: CaretStrings = {
      label: (user) => {
        if (user.typingFor !== null) return t('caret.typingFor', { name: user.name, delegation: user.typingFor });
        if (user.role === 'chair') return t('caret.labelWithGroup', { name: user.name, affiliation: user.affiliation, group: t('presence.chairBadge') });
        if (user.role === 'secretariat') return t('caret.label', { name: user.name, affiliation: t('presence.secretariatBadge') });
        return user.group === null ? t('caret.label', { name: user.name, affiliation: user.affiliation }) : t('caret.labelWithGroup', { name: user.name, affiliation: user.affiliation, group: user.group });
      },
    };
    return { language, gutter, caret, delegationName, blockLabel };
  }, [t, language]);
}

import type { Committee, DocumentKind, ExportLanguage } from '@concord/shared';
import { otherUnLanguageLabels } from './otherUnLanguageLabels.ts';

/** The words of the progress report, in the six official UN languages (Spanish, Russian, Chinese and Arabic in otherUnLanguageLabels.ts). */
export interface ReportLabels {
  title: string;
  period: (from: string, to: string) => string;
  generatedAt: string;
  documentsHeading: string;
  phase: string;
  documentTitle: string;
  session: string;
  agreedOfTotal: string;
  agreedAdRef: string;
  draft: string;
  snapshots: string;
  noDocuments: string;
  documentsNote: string;
  /** Under a document's title: the snapshot its paragraphs were counted in (`date` as dayIn writes it). */
  countedIn: (number: number, date: string) => string;
  threadsHeading: string;
  opened: string;
  resolved: string;
  resolvedWithOverride: string;
  openAtEnd: string;
  participationHeading: string;
  group: string;
  activeDelegations: string;
  edits: string;
  comments: string;
  presiding: string;
  editsNote: string;
  observersHeading: string;
  organisations: string;
  observerComments: string;
  none: string;
  chartHeading: string;
  chartDescription: string;
  weekOf: string;
  observersSeries: string;
  /** The chart's numbers as a table. */
  chartTable: string;
  phases: Record<DocumentKind, string>;
  /** The NPT groups' names where the committee's data (English and French only) has none in the language. */
  groups: Record<string, string>;
  direction: 'ltr' | 'rtl';
}

const leftToRightMark = '\u200E';

/**
 * A day within a sentence of the language. In Arabic a left-to-right mark goes before it: after an Arabic letter,
 * the bidi algorithm would take its digits for Arabic numbers and print 2026-01-31 as 31-01-2026.
 */
export function dayIn(day: string, labels: Pick<ReportLabels, 'direction'>): string {
  return labels.direction === 'rtl' ? `${leftToRightMark}${day}` : day;
}

export const reportLabels: Record<ExportLanguage, ReportLabels> = {
  en: {
    title: 'Annual progress report of the subsidiary committee on negative security assurances',
    period: (from, to) => `Period: ${from} to ${to}`,
    generatedAt: 'Generated on',
    documentsHeading: 'Documents and their phases',
    phase: 'Phase',
    documentTitle: 'Title',
    session: 'Session',
    agreedOfTotal: 'Paragraphs agreed / total',
    agreedAdRef: 'Agreed ad referendum',
    draft: 'Draft',
    snapshots: 'Snapshots taken in the period',
    noDocuments: 'No documents.',
    documentsNote: 'For a period that is over, paragraphs are counted in the last snapshot of each document taken by its end (named under the title); otherwise, and for a document with no such snapshot, as stored when this report was generated. Headings are not counted.',
    countedIn: (number, date) => `Counted in snapshot ${number} of ${date}`,
    threadsHeading: 'Discussion threads',
    opened: 'Threads opened',
    resolved: 'Threads resolved',
    resolvedWithOverride: 'Resolved by the Chair without both groups’ input',
    openAtEnd: 'Open at the end of the period',
    participationHeading: 'Participation by group',
    group: 'Group',
    activeDelegations: 'Active delegations',
    edits: 'Edits',
    comments: 'Comments',
    presiding: 'Chair and Secretariat',
    editsNote: 'An edit is an editing session: a run of changes to one paragraph with no pause over a minute, counted on the day (UTC) it began.',
    observersHeading: 'Observers',
    organisations: 'Organisations that commented',
    observerComments: 'Comments by observers',
    none: 'None',
    chartHeading: 'Participation over time',
    chartDescription: 'Comments and edits per week, by group; observers’ comments apart.',
    weekOf: 'Week of',
    observersSeries: 'Observers',
    chartTable: 'Figures by week',
    phases: {
      'phase1-options-report': 'Phase 1: report of options',
      'phase2-action-plan': 'Phase 2: action plan',
      'phase3-instrument': 'Phase 3: international instrument',
      'annual-progress-report': 'Annual progress report',
      other: 'Other',
    },
    groups: {},
    direction: 'ltr',
  },
  fr: {
    title: 'Rapport annuel sur les progrès accomplis du comité subsidiaire sur les assurances négatives de sécurité',
    period: (from, to) => `Période du ${from} au ${to}`,
    generatedAt: 'Établi le',
    documentsHeading: 'Documents et phases',
    phase: 'Phase',
    documentTitle: 'Titre',
    session: 'Session',
    agreedOfTotal: 'Paragraphes agréés / total',
    agreedAdRef: 'Agréés ad referendum',
    draft: 'Projet',
    snapshots: 'Instantanés pris pendant la période',
    noDocuments: 'Aucun document.',
    documentsNote: 'Pour une période achevée, les paragraphes sont comptés dans le dernier instantané de chaque document pris avant sa fin (indiqué sous le titre) ; sinon, et pour un document sans tel instantané, tels qu’enregistrés lors de l’établissement du présent rapport. Les titres ne sont pas comptés.',
    countedIn: (number, date) => `Compté dans l’instantané ${number} du ${date}`,
    threadsHeading: 'Fils de discussion',
    opened: 'Fils ouverts',
    resolved: 'Fils résolus',
    resolvedWithOverride: 'Résolus par la présidence sans la contribution des deux groupes',
    openAtEnd: 'Ouverts à la fin de la période',
    participationHeading: 'Participation par groupe',
    group: 'Groupe',
    activeDelegations: 'Délégations actives',
    edits: 'Modifications',
    comments: 'Commentaires',
    presiding: 'Présidence et Secrétariat',
    editsNote: 'Une modification est une séance de rédaction : une suite de changements apportés à un paragraphe sans pause de plus d’une minute, comptée le jour (UTC) où elle a commencé.',
    observersHeading: 'Observateurs',
    organisations: 'Organisations ayant formulé des commentaires',
    observerComments: 'Commentaires des observateurs',
    none: 'Aucune',
    chartHeading: 'Participation au fil du temps',
    chartDescription: 'Commentaires et modifications par semaine et par groupe ; commentaires des observateurs à part.',
    weekOf: 'Semaine du',
    observersSeries: 'Observateurs',
    chartTable: 'Chiffres par semaine',
    phases: {
      'phase1-options-report': 'Phase 1 : rapport sur les options',
      'phase2-action-plan': 'Phase 2 : plan d’action',
      'phase3-instrument': 'Phase 3 : instrument international',
      'annual-progress-report': 'Rapport annuel sur les progrès accomplis',
      other: 'Autre',
    },
    groups: {},
    direction: 'ltr',
  },
  ...otherUnLanguageLabels,
};

/** A group's name in the language: the committee's own (English, French), else this table's, else its id. */
export function groupName(groupId: string, language: ExportLanguage, committee: Committee): string {
  const group = committee.groups.find((candidate) => candidate.id === groupId);
  if (group !== undefined && (language === 'en' || language === 'fr')) return group.name[language];
  return reportLabels[language].groups[groupId] ?? group?.name.en ?? groupId;
}

/** "Counted in snapshot 3 of 12 December 2025", in the report's language. */
export function countedInWords(countedIn: { number: number; createdAt: string }, words: ReportLabels): string {
  return words.countedIn(countedIn.number, dayIn(countedIn.createdAt.slice(0, 10), words));
}

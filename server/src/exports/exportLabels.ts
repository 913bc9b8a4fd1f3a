import type { BlockStatus, ExportLanguage, Stance } from '@concord/shared';

/** The words an export adds around the committee's text, in the six official UN languages. */
export interface ExportLabels {
  /** Shown on every export of the live document. */
  draft: string;
  /** "Snapshot 3: <name>". */
  snapshot: (number: number, name: string) => string;
  agreedText: string;
  compilation: string;
  status: Record<BlockStatus, string>;
  alternative: (rank: number) => string;
  stance: Record<Stance, string>;
  /** Direction of the language's script. */
  direction: 'ltr' | 'rtl';
  /** Sub-paragraph marker for the n-th item (1-based) of a lettered list: "(a)" in English, "a)" in French. */
  subparagraph: (index: number) => string;
  verification: string;
  /** Before the delegations that wrote a paragraph (the originator first). */
  writtenBy: string;
  /** Between names in a list: ", " (Arabic "، ", Chinese "、"). */
  listSeparator: string;
  /** Between the clauses of the positions line: "; " (French "\u00a0; ", Arabic "؛ ", Chinese "；"). */
  clauseSeparator: string;
  /** Before a list that follows a noun ("Reservations: USA"; French "\u00a0: "). */
  colon: string;
  /** Whether every stance word is a noun that takes a colon ("提议方：KWT"), not only "Reservations". */
  colonAfterEveryStance: boolean;
}

const latinLetter = (index: number) => String.fromCharCode(96 + (((index - 1) % 26) + 1));
const cyrillicLetters = 'абвгдежзиклмнопрстуфхцчшщэюя';
const arabicLetters = ['أ', 'ب', 'ج', 'د', 'ه', 'و', 'ز', 'ح', 'ط', 'ي', 'ك', 'ل', 'م', 'ن', 'س', 'ع', 'ف', 'ص', 'ق', 'ر', 'ش', 'ت', 'ث', 'خ', 'ذ', 'ض', 'ظ', 'غ'];

export const exportLabels: Record<ExportLanguage, ExportLabels> = {
  en: {
    draft: 'DRAFT: not agreed text',
    snapshot: (number, name) => `Snapshot ${number}: ${name}`,
    agreedText: 'Agreed text',
    compilation: 'Compilation text',
    status: { draft: 'Draft', 'agreed-ad-ref': 'Agreed ad referendum', agreed: 'Agreed' },
    alternative: (rank) => `Alt ${rank}`,
    stance: { proposes: 'Proposed by', supports: 'Supported by', opposes: 'Opposed by', reservation: 'Reservations' },
    direction: 'ltr',
    subparagraph: (index) => `(${latinLetter(index)})`,
    verification: 'SHA-256 of the snapshot',
    writtenBy: 'Written by',
    listSeparator: ', ',
    clauseSeparator: '; ',
    colon: ': ',
    colonAfterEveryStance: false,
  },
  fr: {
    draft: 'PROJET : texte non agréé',
    snapshot: (number, name) => `Instantané ${number} : ${name}`,
    agreedText: 'Texte agréé',
    compilation: 'Texte de compilation',
    status: { draft: 'Projet', 'agreed-ad-ref': 'Agréé ad referendum', agreed: 'Agréé' },
    alternative: (rank) => `Variante ${rank}`,
    stance: { proposes: 'Proposé par', supports: 'Appuyé par', opposes: 'Contesté par', reservation: 'Réserves' },
    direction: 'ltr',
    subparagraph: (index) => `${latinLetter(index)})`,
    verification: "SHA-256 de l'instantané",
    writtenBy: 'Rédigé par',
    listSeparator: ', ',
    clauseSeparator: '\u00a0; ',
    colon: '\u00a0: ',
    colonAfterEveryStance: false,
  },
  es: {
    draft: 'PROYECTO: texto no acordado',
    snapshot: (number, name) => `Instantánea ${number}: ${name}`,
    agreedText: 'Texto acordado',
    compilation: 'Texto de compilación',
    status: { draft: 'Proyecto', 'agreed-ad-ref': 'Acordado ad referéndum', agreed: 'Acordado' },
    alternative: (rank) => `Alt. ${rank}`,
    stance: { proposes: 'Propuesto por', supports: 'Apoyado por', opposes: 'Objetado por', reservation: 'Reservas' },
    direction: 'ltr',
    subparagraph: (index) => `${latinLetter(index)})`,
    verification: 'SHA-256 de la instantánea',
    writtenBy: 'Redactado por',
    listSeparator: ', ',
    clauseSeparator: '; ',
    colon: ': ',
    colonAfterEveryStance: false,
  },
  ru: {
    draft: 'ПРОЕКТ: несогласованный текст',
    snapshot: (number, name) => `Снимок ${number}: ${name}`,
    agreedText: 'Согласованный текст',
    compilation: 'Сводный текст',
    status: { draft: 'Проект', 'agreed-ad-ref': 'Согласовано ad referendum', agreed: 'Согласовано' },
    alternative: (rank) => `Вариант ${rank}`,
    stance: { proposes: 'Предложено', supports: 'Поддержано', opposes: 'Возражения', reservation: 'Оговорки' },
    direction: 'ltr',
    subparagraph: (index) => `${cyrillicLetters[(index - 1) % cyrillicLetters.length]})`,
    verification: 'SHA-256 снимка',
    writtenBy: 'Авторы',
    listSeparator: ', ',
    clauseSeparator: '; ',
    colon: ': ',
    colonAfterEveryStance: false,
  },
  zh: {
    draft: '草案：未商定案文',
    snapshot: (number, name) => `快照 ${number}：${name}`,
    agreedText: '商定案文',
    compilation: '汇编案文',
    status: { draft: '草案', 'agreed-ad-ref': '待核准商定', agreed: '已商定' },
    alternative: (rank) => `备选 ${rank}`,
    stance: { proposes: '提议方', supports: '支持方', opposes: '反对方', reservation: '保留' },
    direction: 'ltr',
    subparagraph: (index) => `(${latinLetter(index)})`,
    verification: '快照 SHA-256',
    writtenBy: '起草方',
    listSeparator: '、',
    clauseSeparator: '；',
    colon: '：',
    colonAfterEveryStance: true,
  },
  ar: {
    draft: 'مشروع: نص غير متفق عليه',
    snapshot: (number, name) => `اللقطة ${number}: ${name}`,
    agreedText: 'النص المتفق عليه',
    compilation: 'النص التجميعي',
    status: { draft: 'مشروع', 'agreed-ad-ref': 'متفق عليه بشرط الاستشارة', agreed: 'متفق عليه' },
    alternative: (rank) => `البديل ${rank}`,
    stance: { proposes: 'اقترحه', supports: 'أيده', opposes: 'اعترض عليه', reservation: 'تحفظات' },
    direction: 'rtl',
    subparagraph: (index) => `(${arabicLetters[(index - 1) % arabicLetters.length]})`,
    verification: 'بصمة SHA-256 للقطة',
    writtenBy: 'صاغه',
    listSeparator: '، ',
    clauseSeparator: '؛ ',
    colon: ': ',
    colonAfterEveryStance: false,
  },
};

const stances: readonly Stance[] = ['proposes', 'supports', 'opposes', 'reservation'];

/**
 * "Proposed by KWT; supported by EGY, IRL; opposed by FRA; reservations: USA": only the stances someone took, in the
 * language's words and punctuation; "" when nobody took one. Plain text, for the caller to escape. Every format uses it.
 */
export function positionsLine(positions: Readonly<Record<Stance, readonly string[]>>, language: ExportLanguage): string {
  const labels = exportLabels[language];
  return stances
    .filter((stance) => positions[stance].length > 0)
    .map((stance, index) => {
      const word = index === 0 ? labels.stance[stance] : labels.stance[stance].charAt(0).toLocaleLowerCase(language) + labels.stance[stance].slice(1);
      const joiner = stance === 'reservation' || labels.colonAfterEveryStance ? labels.colon : ' ';
      return `${word}${joiner}${positions[stance].join(labels.listSeparator)}`;
    })
    .join(labels.clauseSeparator);
}

/** Who wrote a block: its originator first, then every other delegation (or CHAIR, SECRETARIAT) that edited it. */
export function authorsOf({ originator, contributors }: { originator: string | null; contributors: readonly string[] }): string[] {
  return originator === null ? [...contributors] : [originator, ...contributors.filter((code) => code !== originator)];
}

/** "Written by: EGY, FRA", or "" when the ledger names nobody. */
export function writtenByLine(attribution: { originator: string | null; contributors: readonly string[] }, language: ExportLanguage): string {
  const labels = exportLabels[language];
  const authors = authorsOf(attribution);
  return authors.length === 0 ? '' : `${labels.writtenBy}${labels.colon}${authors.join(labels.listSeparator)}`;
}

/** "1.", "PP 2", "1. Alt 1", or "" for an unnumbered block. */
export function labelText(label: { number: string; alternative: number }, labels: ExportLabels): string {
  return [label.number, label.alternative > 0 ? labels.alternative(label.alternative) : ''].filter((part) => part !== '').join(' ');
}

import type { ComparisonKind, ExportLanguage } from '@concord/shared';

/** The words a redline adds beyond exportLabels, in the six official UN languages (reported to the lead to move there if others need them). */
export interface RedlineLabels {
  /** Under the title: what this document is. */
  comparison: string;
  earlier: string;
  later: string;
  /** In the margin and the summary: what happened to a paragraph. */
  kind: Record<ComparisonKind, string>;
  legend: string;
  deleted: string;
  inserted: string;
  /** Text inside brackets, not yet agreed wording. */
  bracketed: string;
  /** The sign of a paragraph break added (split) or taken out (merge). */
  paragraphBreak: string;
  /** The margin bar beside every paragraph that changed. */
  changeBar: string;
  /** Before the words of the margin notes in the legend. */
  marginNotes: string;
  summary: string;
  statusChanges: string;
  /** When nothing differs. */
  identical: string;
  /** "3. (formerly 2.)": a paragraph renumbered between the versions; the word comes before the former label. */
  formerly: string;
}

export const redlineLabels: Record<ExportLanguage, RedlineLabels> = {
  en: {
    comparison: 'Comparison of two versions',
    earlier: 'Earlier version',
    later: 'Later version',
    kind: { unchanged: 'Unchanged', changed: 'Changed', added: 'Added', removed: 'Deleted', moved: 'Moved', split: 'Split', merged: 'Merged' },
    legend: 'How to read this comparison',
    deleted: 'Deleted text',
    inserted: 'Inserted text',
    bracketed: 'Text in brackets (not agreed)',
    paragraphBreak: 'Paragraph break',
    changeBar: 'Paragraph that changed',
    marginNotes: 'In the margin, what happened to the paragraph:',
    summary: 'Summary',
    statusChanges: 'Status changes',
    identical: 'The two versions are identical.',
    formerly: 'formerly',
  },
  fr: {
    comparison: 'Comparaison de deux versions',
    earlier: 'Version antérieure',
    later: 'Version ultérieure',
    kind: { unchanged: 'Inchangé', changed: 'Modifié', added: 'Ajouté', removed: 'Supprimé', moved: 'Déplacé', split: 'Scindé', merged: 'Fusionné' },
    legend: 'Comment lire cette comparaison',
    deleted: 'Texte supprimé',
    inserted: 'Texte inséré',
    bracketed: 'Texte entre crochets (non agréé)',
    paragraphBreak: 'Saut de paragraphe',
    changeBar: 'Paragraphe modifié',
    marginNotes: 'Dans la marge, ce qu’il est advenu du paragraphe\u00a0:',
    summary: 'Résumé',
    statusChanges: 'Changements de statut',
    identical: 'Les deux versions sont identiques.',
    formerly: 'anciennement',
  },
  es: {
    comparison: 'Comparación de dos versiones',
    earlier: 'Versión anterior',
    later: 'Versión posterior',
    kind: { unchanged: 'Sin cambios', changed: 'Modificado', added: 'Añadido', removed: 'Suprimido', moved: 'Desplazado', split: 'Dividido', merged: 'Fusionado' },
    legend: 'Cómo leer esta comparación',
    deleted: 'Texto suprimido',
    inserted: 'Texto insertado',
    bracketed: 'Texto entre corchetes (no acordado)',
    paragraphBreak: 'Salto de párrafo',
    changeBar: 'Párrafo modificado',
    marginNotes: 'En el margen, lo que ocurrió con el párrafo:',
    summary: 'Resumen',
    statusChanges: 'Cambios de estado',
    identical: 'Las dos versiones son idénticas.',
    formerly: 'antes',
  },
  ru: {
    comparison: 'Сравнение двух версий',
    earlier: 'Предыдущая версия',
    later: 'Последующая версия',
    kind: { unchanged: 'Без изменений', changed: 'Изменено', added: 'Добавлено', removed: 'Исключено', moved: 'Перемещено', split: 'Разделено', merged: 'Объединено' },
    legend: 'Как читать это сравнение',
    deleted: 'Исключённый текст',
    inserted: 'Добавленный текст',
    bracketed: 'Текст в квадратных скобках (не согласован)',
    paragraphBreak: 'Разрыв абзаца',
    changeBar: 'Измененный пункт',
    marginNotes: 'На полях — что произошло с пунктом:',
    summary: 'Сводка',
    statusChanges: 'Изменения статуса',
    identical: 'Обе версии идентичны.',
    formerly: 'ранее',
  },
  zh: {
    comparison: '两个版本的比较',
    earlier: '较早版本',
    later: '较晚版本',
    kind: { unchanged: '未改动', changed: '已修改', added: '新增', removed: '删除', moved: '移动', split: '拆分', merged: '合并' },
    legend: '阅读说明',
    deleted: '删除的案文',
    inserted: '插入的案文',
    bracketed: '方括号内案文（未商定）',
    paragraphBreak: '分段',
    changeBar: '有改动的段落',
    marginNotes: '页边注明段落的变化：',
    summary: '摘要',
    statusChanges: '状态变更',
    identical: '两个版本完全相同。',
    formerly: '原',
  },
  ar: {
    comparison: 'مقارنة بين نسختين',
    earlier: 'النسخة السابقة',
    later: 'النسخة اللاحقة',
    kind: { unchanged: 'دون تغيير', changed: 'معدَّل', added: 'مضاف', removed: 'محذوف', moved: 'منقول', split: 'مقسَّم', merged: 'مدمج' },
    legend: 'كيفية قراءة هذه المقارنة',
    deleted: 'نص محذوف',
    inserted: 'نص مُدرج',
    bracketed: 'نص بين معقوفتين (غير متفق عليه)',
    paragraphBreak: 'فاصل فقرة',
    changeBar: 'فقرة معدَّلة',
    marginNotes: 'في الهامش، ما طرأ على الفقرة:',
    summary: 'موجز',
    statusChanges: 'تغييرات الحالة',
    identical: 'النسختان متطابقتان.',
    formerly: 'سابقاً',
  },
};

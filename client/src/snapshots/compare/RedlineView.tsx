import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { comparisonKinds, type Comparison } from '@concord/shared/snapshots/compareSchema';
import { openingWordsOf, RedlineEntry } from './RedlineEntry.tsx';
import { redlinePieces } from './redlineLayout.ts';
import { useLabelText } from './useLabelText.ts';

/** The summary (counts, status changes), a legend, and the redline paragraph by paragraph. */
export function RedlineView({ comparison }: { comparison: Comparison }) {
  const { t } = useTranslation('snapshots');
  const labelText = useLabelText();
  const [onlyChanges, setOnlyChanges] = useState(false);
  const filterId = useId();
  const { counts, statusChanges } = comparison.summary;
  const identical = comparisonKinds.every((kind) => kind === 'unchanged' || counts[kind] === 0);
  // Empty paragraphs of the outline that stayed empty say nothing: left out.
  const blank = (entry: Comparison['entries'][number]) => entry.kind === 'unchanged' && entry.words.every((word) => word.part !== 'text' || word.text.trim() === '');
  const shown = comparison.entries.filter((entry) => !blank(entry) && (!onlyChanges || entry.kind !== 'unchanged'));
  return (
    <div className="redline" data-testid="redline">
      <h3>{t('compare.summary')}</h3>
      {identical ? (
        <p data-testid="redline-identical">{t('compare.identical')}</p>
      ) : (
        <ul className="redline__counts" data-testid="redline-counts">
          {comparisonKinds
            .filter((kind) => counts[kind] > 0)
            .map((kind) => (
              <li key={kind} className={`redline__count redline__count--${kind}`}>
                <strong>{counts[kind]}</strong> {t(`compare.counts.${kind}`, { count: counts[kind] })}
              </li>
            ))}
        </ul>
      )}
      {statusChanges.length > 0 && (
        <>
          <h4>{t('compare.statusChanges')}</h4>
          <ul className="redline__status-changes" data-testid="redline-status-changes">
            {statusChanges.map((change) => {
              const entry = comparison.entries[change.entry];
              const name = change.label.number !== '' || change.label.alternative > 0 ? labelText(change.label) : entry === undefined ? '' : `“${openingWordsOf(entry)}”`;
              return (
                <li key={change.entry}>
                  {t('compare.statusChange', { name, from: t(`status.${change.from}`), to: t(`status.${change.to}`) })}
                </li>
              );
            })}
          </ul>
        </>
      )}
      <div className="redline__toolbar">
        <p className="redline__legend">
          {t('compare.legend')} <del>{t('compare.legendDeleted')}</del> <ins>{t('compare.legendInserted')}</ins> <span className="redline__bracketed">{t('compare.legendBracketed')}</span>
        </p>
        <label className="redline__filter" htmlFor={filterId}>
          <input id={filterId} type="checkbox" checked={onlyChanges} onChange={(event) => setOnlyChanges(event.target.checked)} />
          {t('compare.onlyChanges')}
        </label>
      </div>
      <ol className="redline__entries" aria-label={t('compare.entries')}>
        {shown.map((entry, index) => (
          <RedlineEntry key={`${entry.beforeIds.join('+')}>${entry.afterIds.join('+')}#${index}`} entry={entry} pieces={redlinePieces(entry)} />
        ))}
      </ol>
    </div>
  );
}

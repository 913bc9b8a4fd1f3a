import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportLanguage, SnapshotSummary } from '@concord/shared';
import type { Comparison } from '@concord/shared/snapshots/compareSchema';
import { compareSnapshot, comparisonDownloadUrl, type ComparedVersion } from '../../api/snapshots.ts';
import { Button } from '../../components/Button.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Field } from '../../components/Field.tsx';
import { Notice } from '../../components/Notice.tsx';
import { exportLanguages, languageAutonyms } from '../exports/exportChoices.ts';
import { useExportLanguage } from '../exports/useExportLanguage.ts';
import { RedlineView } from './RedlineView.tsx';

const live = 'live';

/** Which two versions were compared, and how the screen names them. */
interface Compared {
  earlier: SnapshotSummary;
  later: ComparedVersion;
  laterName: string;
  /** The later version picked is an older snapshot: the redline reads backwards in time. */
  backwards: boolean;
  comparison: Comparison;
}

/**
 * Compare: an earlier snapshot against a later one or the live text, shown as a redline (what was struck through,
 * what was inserted, which paragraphs moved, split, merged, were added or removed, which statuses changed), with
 * the same redline to download as an HTML file.
 */
export function ComparePanel({ snapshots }: { snapshots: readonly SnapshotSummary[] }) {
  const { t } = useTranslation('snapshots');
  const newestFirst = [...snapshots].sort((first, second) => second.number - first.number);
  // Null until the user picks: the newest snapshot, including one taken while the screen is open.
  const [earlierId, setEarlierId] = useState<string | null>(null);
  const [laterId, setLaterId] = useState<string>(live);
  const [language, setLanguage] = useExportLanguage();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [same, setSame] = useState(false);
  const [result, setResult] = useState<Compared | null>(null);
  const nameOf = (snapshot: SnapshotSummary) => t('compare.snapshotOption', { number: snapshot.number, name: snapshot.name });
  const earlier = snapshots.find((snapshot) => snapshot.id === earlierId) ?? newestFirst[0];

  if (earlier === undefined) return <p className="muted">{t('compare.needSnapshot')}</p>;

  const compare = async (event: FormEvent) => {
    event.preventDefault();
    const laterSnapshot = snapshots.find((snapshot) => snapshot.id === laterId);
    const later: ComparedVersion = laterSnapshot === undefined ? { kind: 'live' } : { kind: 'snapshot', snapshotId: laterSnapshot.id };
    setSame(laterSnapshot?.id === earlier.id);
    if (laterSnapshot?.id === earlier.id) return;
    setBusy(true);
    setError(null);
    try {
      const comparison = await compareSnapshot(earlier.id, later);
      const laterName = laterSnapshot === undefined ? t('compare.liveOption') : nameOf(laterSnapshot);
      setResult({ earlier, later, laterName, backwards: laterSnapshot !== undefined && laterSnapshot.number < earlier.number, comparison });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="compare-panel">
      <form className="form" onSubmit={(event) => void compare(event)} noValidate>
        <div className="form__row">
          <Field label={t('compare.earlier')} hint={t('compare.earlierHint')} className="form__grow">
            {(control) => (
              <select {...control} value={earlier.id} onChange={(event) => setEarlierId(event.target.value)} data-testid="compare-earlier">
                {newestFirst.map((snapshot) => (
                  <option key={snapshot.id} value={snapshot.id}>
                    {nameOf(snapshot)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('compare.later')} hint={t('compare.laterHint')} error={same ? t('compare.same') : null} className="form__grow">
            {(control) => (
              <select {...control} value={laterId} onChange={(event) => setLaterId(event.target.value)} data-testid="compare-later">
                <option value={live}>{t('compare.liveOption')}</option>
                {newestFirst.map((snapshot) => (
                  <option key={snapshot.id} value={snapshot.id}>
                    {nameOf(snapshot)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div className="form__actions">
          <Button type="submit" variant="primary" disabled={busy}>
            {busy ? t('compare.comparing') : t('compare.submit')}
          </Button>
        </div>
      </form>
      {error !== null && <ErrorNotice error={error} />}
      {result !== null && (
        <section className="compare-result" aria-labelledby="compare-result-title">
          <div className="compare-result__heading">
            <h3 id="compare-result-title" dir="auto">
              {t('compare.resultTitle', { earlier: nameOf(result.earlier), later: result.laterName })}
            </h3>
            <div className="compare-result__download">
              <Field label={t('compare.downloadLanguage')}>
                {(control) => (
                  <select {...control} value={language} onChange={(event) => setLanguage(event.target.value as ExportLanguage)}>
                    {exportLanguages.map((code) => (
                      <option key={code} value={code} lang={code}>
                        {languageAutonyms[code]}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <a className="button button--secondary" href={comparisonDownloadUrl(result.earlier.id, result.later, 'html', language)} download data-testid="redline-download">
                {t('compare.download')}
              </a>
              <a className="button button--secondary" href={comparisonDownloadUrl(result.earlier.id, result.later, 'docx', language)} download data-testid="redline-download-docx">
                {t('compare.downloadDocx')}
              </a>
            </div>
          </div>
          {result.later.kind === 'live' && <Notice tone="info">{t('compare.liveNote')}</Notice>}
          {result.backwards && <Notice tone="info">{t('compare.backwards')}</Notice>}
          <RedlineView comparison={result.comparison} />
        </section>
      )}
    </div>
  );
}

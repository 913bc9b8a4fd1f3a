import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SnapshotSummary } from '@concord/shared';
import { createSnapshot } from '../../api/snapshots.ts';
import { Button } from '../../components/Button.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Field } from '../../components/Field.tsx';
import { Notice } from '../../components/Notice.tsx';

/** Chairs and the secretariat freeze the stored text into the next numbered, signed snapshot. */
export function FreezeForm({ documentId, onTaken }: { documentId: string; onTaken: (snapshot: SnapshotSummary) => void }) {
  const { t } = useTranslation('snapshots');
  const [name, setName] = useState('');
  const [missingName, setMissingName] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [taken, setTaken] = useState<SnapshotSummary | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    setMissingName(trimmed === '');
    if (trimmed === '') return;
    setBusy(true);
    setError(null);
    setTaken(null);
    try {
      const snapshot = await createSnapshot(documentId, trimmed);
      setTaken(snapshot);
      setName('');
      onTaken(snapshot);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel freeze-form" aria-labelledby="freeze-title">
      <h2 id="freeze-title" className="panel__title">
        {t('freeze.title')}
      </h2>
      <p className="screen__intro">{t('freeze.intro')}</p>
      <form className="form freeze-form__row" onSubmit={(event) => void submit(event)} noValidate>
        <Field label={t('freeze.name')} hint={t('freeze.hint')} error={missingName ? t('freeze.nameRequired') : null} className="form__grow">
          {(control) => <input {...control} type="text" maxLength={120} value={name} onChange={(event) => setName(event.target.value)} autoComplete="off" />}
        </Field>
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? t('freeze.submitting') : t('freeze.submit')}
        </Button>
      </form>
      {error !== null && <ErrorNotice error={error} />}
      {taken !== null && (
        <Notice tone="success">
          <p>{t('freeze.done', { number: taken.number, name: taken.name })}</p>
        </Notice>
      )}
    </section>
  );
}

import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { nsaCommittee, threadRulesFor, type Flag } from '@concord/shared';
import { answerFlag } from '../../api/positions.ts';
import { Button } from '../../components/Button.tsx';
import { Field } from '../../components/Field.tsx';
import { describePositionError } from '../describePositionError.ts';

const rules = threadRulesFor(nsaCommittee);

/** A chair's written answer to a flag; on a refusal the message shows under the field and the text stays. */
export function FlagAnswerForm({ flag, onAnswered }: { flag: Flag; onAnswered: (flag: Flag) => void }) {
  const { t, i18n } = useTranslation('positions');
  const { t: common } = useTranslation();
  const [answer, setAnswer] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (answer.trim() === '' || sending) return;
    setSending(true);
    setError(null);
    try {
      onAnswered(await answerFlag(flag.id, answer.trim()));
    } catch (failure) {
      const timeFormat = new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit' });
      setError(describePositionError(failure, t, common, (date) => timeFormat.format(date)));
    } finally {
      setSending(false);
    }
  };
  return (
    <form className="compilation-answer" onSubmit={(event) => void submit(event)} noValidate>
      <Field label={t('compilation.answerLabel')} hint={t('compilation.answerHint')} error={error}>
        {(control) => <textarea {...control} rows={3} maxLength={rules.maxReasonLength} value={answer} onChange={(event) => setAnswer(event.target.value)} />}
      </Field>
      <Button type="submit" variant="primary" disabled={sending || answer.trim() === ''}>
        {sending ? t('compilation.answerSending') : t('compilation.answerSubmit')}
      </Button>
    </form>
  );
}

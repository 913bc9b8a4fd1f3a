import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { defaultThreadRules } from '@concord/shared';
import { Button } from '../components/Button.tsx';
import { ActionError } from './ActionError.tsx';
import { useAction } from './useAction.ts';

export interface ReasonFormProps {
  label: string;
  hint?: string;
  submitLabel: string;
  /** Resolves when done; a rejection (the server refused) keeps the form and its text, with the error under it. */
  onSubmit: (reason: string) => Promise<unknown>;
  onCancel: () => void;
  testId?: string;
}

/** A chair's written reason (reject, hide, resolve without both groups): required, recorded, and kept if refused. */
export function ReasonForm({ label, hint, submitLabel, onSubmit, onCancel, testId }: ReasonFormProps) {
  const { t } = useTranslation('discussion');
  const id = useId();
  const [reason, setReason] = useState('');
  const action = useAction();
  const input = useRef<HTMLTextAreaElement>(null);
  useEffect(() => input.current?.focus(), []);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim() === '') return;
    await action.run(() => onSubmit(reason.trim()));
  };
  return (
    <form className="reason-form" onSubmit={(event) => void submit(event)} data-testid={testId}>
      <label htmlFor={id} className="reason-form__label">
        {label}
      </label>
      {hint !== undefined && (
        <p className="reason-form__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <textarea
        id={id}
        className="reason-form__input"
        rows={2}
        required
        maxLength={defaultThreadRules.maxReasonLength}
        value={reason}
        aria-describedby={hint !== undefined ? `${id}-hint` : undefined}
        onChange={(event) => setReason(event.target.value)}
        ref={input}
      />
      <ActionError error={action.error} />
      <div className="reason-form__actions">
        <Button type="submit" variant="primary" disabled={action.pending || reason.trim() === ''}>
          {submitLabel}
        </Button>
        <Button variant="quiet" onClick={onCancel}>
          {t('actions.cancel')}
        </Button>
      </div>
    </form>
  );
}

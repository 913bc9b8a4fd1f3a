import { useId, type ReactNode } from 'react';
import { classNames } from './classNames.ts';

/** What a form control needs to be labelled and described. Spread it on the <input>, <select> or <textarea>. */
export interface ControlProps {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': true | undefined;
}

export interface FieldProps {
  label: string;
  hint?: string | undefined;
  /** Shown under the control, announced with it, and marks it invalid. */
  error?: string | null | undefined;
  className?: string | undefined;
  children: (control: ControlProps) => ReactNode;
}

/** A labelled form control with an optional hint and error, wired for screen readers. */
export function Field({ label, hint, error, className, children }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const hasError = error !== undefined && error !== null && error !== '';
  const describedBy = [hint !== undefined ? hintId : null, hasError ? errorId : null].filter((value) => value !== null).join(' ');
  return (
    <div className={classNames('field', hasError && 'field--invalid', className)}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {hint !== undefined && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      {children({ id, 'aria-describedby': describedBy === '' ? undefined : describedBy, 'aria-invalid': hasError ? true : undefined })}
      {hasError && (
        <p className="field__error" id={errorId}>
          <span className="field__error-icon" aria-hidden="true">
            !
          </span>
          {error}
        </p>
      )}
    </div>
  );
}

import type { ComponentProps } from 'react';
import { classNames } from './classNames.ts';

export interface ButtonProps extends ComponentProps<'button'> {
  /** primary: the one main action of a form; secondary: other actions; danger: disabling, removing; quiet: low-key (row actions). */
  variant?: 'primary' | 'secondary' | 'danger' | 'quiet';
}

/** A button that never submits a form by accident (type defaults to "button"); `ref` passes through (React 19). */
export function Button({ variant = 'secondary', type = 'button', className, ...props }: ButtonProps) {
  return <button type={type} className={classNames('button', `button--${variant}`, className)} {...props} />;
}

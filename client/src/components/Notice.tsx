import type { ReactNode } from 'react';
import { classNames } from './classNames.ts';

export interface NoticeProps {
  /** error: announced at once (role=alert); success and info: announced politely (role=status). */
  tone: 'error' | 'success' | 'info';
  children: ReactNode;
  className?: string;
}

const icons = { error: '!', success: '✓', info: 'i' } as const;

/** A message box; its icon and wording, not only its colour, say what kind of message it is. */
export function Notice({ tone, children, className }: NoticeProps) {
  return (
    <div className={classNames('notice', `notice--${tone}`, className)} role={tone === 'error' ? 'alert' : 'status'}>
      <span className="notice__icon" aria-hidden="true">
        {icons[tone]}
      </span>
      <div className="notice__body">{children}</div>
    </div>
  );
}

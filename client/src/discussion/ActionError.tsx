import { useTranslation } from 'react-i18next';
import { Notice } from '../components/Notice.tsx';
import { describeThreadError } from './model/describeThreadError.ts';

/** The server's answer to a refused action, in the interface language, shown right under the action. */
export function ActionError({ error }: { error: unknown }) {
  const { t } = useTranslation('discussion');
  if (error === null || error === undefined) return null;
  const description = describeThreadError(error);
  const text =
    description.key === 'rate_limited' && description.retryAfterSeconds !== null
      ? t('errors.rate_limited_wait', { count: description.retryAfterSeconds })
      : t(`errors.${description.key}`);
  return (
    <Notice tone="error" className="discussion-error">
      <p>{text}</p>
      {description.detail !== null && (
        // The server's remarks are in English: they name the rule.
        <p lang="en" className="discussion-error__detail">
          {description.detail}
        </p>
      )}
    </Notice>
  );
}

import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/ApiError.ts';
import { asLanguage } from '../i18n/language.ts';
import { describeApiError } from './describeApiError.ts';
import { Notice } from './Notice.tsx';

/** An API error as a message box; a refused form lists the server's remarks field by field. */
export function ErrorNotice({ error, className }: { error: unknown; className?: string }) {
  const { t, i18n } = useTranslation();
  const language = asLanguage(i18n.language);
  const formatTime = (date: Date) => new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' }).format(date);
  const issues = error instanceof ApiError && error.code === 'invalid_request' ? error.issues : [];
  return (
    <Notice tone="error" {...(className !== undefined ? { className } : {})}>
      <p>{describeApiError(error, t, formatTime)}</p>
      {issues.length > 0 && (
        <ul className="notice__details">
          {issues.map((issue) => (
            <li key={`${issue.path}:${issue.message}`}>
              {/* The server's remarks are in English: they name the schema's rule. */}
              <span lang="en">{issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`}</span>
            </li>
          ))}
        </ul>
      )}
    </Notice>
  );
}

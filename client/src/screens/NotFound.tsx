import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../components/useDocumentTitle.ts';
import { Link } from '../routing/Link.tsx';
import { paths } from '../routing/routes.ts';

export interface NotFoundProps {
  /** Set when the page exists but this account may not see it: the sentence says why. */
  forbiddenReason?: string;
}

/** An address that leads nowhere, or to a page this account may not open. */
export function NotFound({ forbiddenReason }: NotFoundProps) {
  const { t } = useTranslation();
  const title = forbiddenReason === undefined ? t('notFound.title') : t('forbidden.title');
  useDocumentTitle(title);
  return (
    <section className="screen screen--narrow">
      <h1 tabIndex={-1}>{title}</h1>
      <p>{forbiddenReason ?? t('notFound.body')}</p>
      <p>
        <Link to={paths.documents}>{t('notFound.back')}</Link>
      </p>
    </section>
  );
}

import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { nsaCommittee, roleLabels, type User } from '@concord/shared';
import { Button } from '../../components/Button.tsx';
import type { CollaborationSession } from '../collaboration/CollaborationSession.ts';
import type { EditorStrings } from '../useEditorStrings.ts';

interface TypingForProps {
  session: CollaborationSession;
  typingFor: string | null;
  user: User;
  strings: EditorStrings;
}

/** For chairs and the secretariat: the delegation whose proposal they are typing in (message 102). */
export function TypingForSelect({ session, typingFor, user, strings }: TypingForProps) {
  const { t } = useTranslation('editor');
  const { language } = strings;
  const delegations = useMemo(() => {
    const collator = new Intl.Collator(language);
    return [...nsaCommittee.delegations].sort((left, right) => collator.compare(left.name[language], right.name[language]));
  }, [language]);
  return (
    <label className="drafting-toolbar__field typing-for-select">
      <span>{t('typingFor.label')}</span>
      <select name="typingFor" value={typingFor ?? ''} onChange={(event) => session.setTypingFor(event.target.value === '' ? null : event.target.value)}>
        <option value="">{t('typingFor.nobody', { role: roleLabels[user.role][language] })}</option>
        {delegations.map((delegation) => (
          <option key={delegation.code} value={delegation.code}>
            {delegation.name[language]}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Says loudly, while it lasts, that one's edits are attributed to another delegation. */
export function TypingForBanner({ session, typingFor, strings }: Omit<TypingForProps, 'user'>) {
  const { t } = useTranslation('editor');
  if (typingFor === null) return null;
  const delegation = strings.delegationName(typingFor);
  return (
    <div className="typing-for-banner" role="status">
      <p>
        <strong>{t('typingFor.banner', { delegation })}</strong> <span>{t('typingFor.explanation')}</span>
      </p>
      <Button variant="secondary" onClick={() => session.setTypingFor(null)}>
        {t('typingFor.stop', { delegation })}
      </Button>
    </div>
  );
}

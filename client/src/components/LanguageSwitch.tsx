import { useTranslation } from 'react-i18next';
import { asLanguage, supportedLanguages } from '../i18n/language.ts';

/** EN / FR: a labelled group of toggle buttons; each is read as its code and its name in that language ("FR Français"). */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current = asLanguage(i18n.language);
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {supportedLanguages.map((language) => (
        <button
          key={language}
          type="button"
          className="language-switch__option"
          lang={language}
          aria-pressed={language === current}
          onClick={() => void i18n.changeLanguage(language)}
        >
          {language.toUpperCase()}
          <span className="visually-hidden"> {t(`language.${language}`)}</span>
        </button>
      ))}
    </div>
  );
}

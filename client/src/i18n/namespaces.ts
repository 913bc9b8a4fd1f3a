import i18next from 'i18next';
import type { Language } from './language.ts';

/** One namespace's texts, in every language the client speaks. */
export type NamespaceTexts = Record<Language, object>;

/**
 * Adds the namespaces that ship with a screen's code (the editor, snapshots, reports...), called when its module
 * loads, before it renders: the first download carries only `common` and `notifications`, which the header needs.
 */
export function addNamespaces(namespaces: Record<string, NamespaceTexts>): void {
  for (const [namespace, texts] of Object.entries(namespaces)) {
    for (const [language, bundle] of Object.entries(texts)) {
      if (!i18next.hasResourceBundle(language, namespace)) i18next.addResourceBundle(language, namespace, bundle);
    }
  }
}

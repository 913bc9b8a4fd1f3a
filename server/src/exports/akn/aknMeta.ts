import { nsaCommittee, type BlockStatus, type ExportLanguage } from '@concord/shared';
import { exportLabels } from '../exportLabels.ts';
import type { ExportSource } from '../ExportSource.ts';
import { committeeReference, concordReference, referencesElement } from './aknReferences.ts';
import { element, type XmlElement } from './xmlWriter.ts';

/** ISO 639-2 (terminology) codes, as Akoma Ntoso URIs and FRBRlanguage use them. */
export const iso6392: Record<ExportLanguage, string> = { en: 'eng', fr: 'fra', es: 'spa', ru: 'rus', zh: 'zho', ar: 'ara' };

/** Concord's own metadata (snapshot identity and hash), in <proprietary> and <presentation> under this namespace. */
export const concordNamespace = 'urn:concord:akn-export:1';

/** The day of an ISO timestamp. */
export const dayOf = (isoDate: string) => isoDate.slice(0, 10);

export interface FrbrUris {
  work: string;
  expression: string;
}

/**
 * FRBR URIs after the Akoma Ntoso naming convention (/akn/<country>/<type>/<subtype>/<author>/<date>/<number>):
 * the work is the document (its id), the expression one language of one snapshot (or of the live draft on that
 * day) in one mode, since agreed and compilation texts differ.
 */
export function frbrUris(source: ExportSource): FrbrUris {
  const work = `/akn/un/statement/deliberation/${nsaCommittee.id}/${dayOf(source.date)}/${source.content.documentId}`;
  const version = source.snapshot === null ? `draft-${dayOf(source.date)}` : `snapshot-${source.snapshot.number}`;
  return { work, expression: `${work}/${iso6392[source.language]}@${version}-${source.mode}` };
}

function identificationElement(source: ExportSource): XmlElement {
  const { work, expression } = frbrUris(source);
  const date = dayOf(source.date);
  const dateName = source.snapshot === null ? 'draft' : 'snapshot';
  const committee = `#${committeeReference}`;
  return element('identification', { source: `#${concordReference}` }, [
    element('FRBRWork', {}, [
      element('FRBRthis', { value: `${work}/!main` }),
      element('FRBRuri', { value: work }),
      // The UN-style symbol is the name the work is known by.
      element('FRBRalias', { value: source.symbol, name: 'symbol' }),
      element('FRBRdate', { date, name: dateName }),
      element('FRBRauthor', { href: committee }),
      element('FRBRcountry', { value: 'un' }),
      element('FRBRsubtype', { value: 'deliberation' }),
      element('FRBRnumber', { value: source.content.documentId }),
    ]),
    element('FRBRExpression', {}, [
      element('FRBRthis', { value: `${expression}/!main` }),
      element('FRBRuri', { value: expression }),
      element('FRBRdate', { date, name: dateName }),
      element('FRBRauthor', { href: committee }),
      ...(source.snapshot === null ? [] : [element('FRBRversionNumber', { value: source.snapshot.number })]),
      element('FRBRlanguage', { language: iso6392[source.language] }),
    ]),
    element('FRBRManifestation', {}, [
      element('FRBRthis', { value: `${expression}/!main.xml` }),
      element('FRBRuri', { value: `${expression}.akn` }),
      element('FRBRdate', { date, name: 'XMLMarkup' }),
      element('FRBRauthor', { href: `#${concordReference}` }),
      element('FRBRformat', { value: 'application/akn+xml' }),
    ]),
  ]);
}

/** Where the text comes from: a signed snapshot (with its SHA-256) or the live draft. */
function proprietaryElement(source: ExportSource): XmlElement {
  const origin =
    source.snapshot === null
      ? element('concord:draft', { date: source.date })
      : element('concord:snapshot', {
          id: source.snapshot.id,
          number: source.snapshot.number,
          name: source.snapshot.name,
          createdAt: source.snapshot.createdAt,
          sha256: source.snapshot.sha256,
          keyId: source.snapshot.keyId,
        });
  return element('proprietary', { source: `#${concordReference}` }, [
    element('concord:export', { 'xmlns:concord': concordNamespace, documentId: source.content.documentId, kind: source.content.kind, mode: source.mode, language: source.language }, [origin]),
  ]);
}

/** The script direction of the export's language (Akoma Ntoso has no attribute for it; presentation is its place). */
function presentationElement(language: ExportLanguage): XmlElement {
  return element('presentation', { source: `#${concordReference}` }, [
    element('concord:direction', { 'xmlns:concord': concordNamespace, value: exportLabels[language].direction }),
  ]);
}

/** <meta>: identification, references (the agents and statuses `codes` and `statuses` name), proprietary, presentation. */
export function metaElement(source: ExportSource, codes: ReadonlySet<string>, statuses: ReadonlySet<BlockStatus>): XmlElement {
  return element('meta', {}, [
    identificationElement(source),
    referencesElement(codes, statuses, source.language),
    proprietaryElement(source),
    presentationElement(source.language),
  ]);
}

import { delegationByCode, nptObserverOrganisations, nsaCommittee, roleLabels, type BlockStatus, type ExportLanguage, type LocalizedName } from '@concord/shared';
import { exportLabels } from '../exportLabels.ts';
import { element, type XmlElement } from './xmlWriter.ts';

/** The TLC entry every FRBRauthor and the identification's source point at. */
export const committeeReference = 'committee';
export const concordReference = 'concord';

/** How an author named in the ledger (a delegation code, CHAIR, SECRETARIAT, an observer) appears in the text. */
export interface Agent {
  /** eId of its TLC entry in <references>. */
  reference: string;
  /** Inline element naming it in the text: <person> for the chair, <organization> for everyone else. */
  inline: 'person' | 'organization';
}

/** The agent an attribution or stance code refers to. Codes are upper-case letters, digits and "-", so the eId is too. */
export function agentOf(code: string): Agent {
  return { reference: code.toLowerCase().replace(/[^a-z0-9-]/g, '-'), inline: code === 'CHAIR' ? 'person' : 'organization' };
}

/** eId of the TLCConcept for a paragraph status, referred to by compilation-mode blocks. */
export function statusReference(status: BlockStatus): string {
  return `status-${status}`;
}

const nameIn = (name: LocalizedName, language: ExportLanguage) => (language === 'fr' ? name.fr : name.en);

function agentName(code: string, language: ExportLanguage): string {
  if (code === 'CHAIR') return nameIn(roleLabels.chair, language);
  if (code === 'SECRETARIAT') return nameIn(roleLabels.secretariat, language);
  const named = delegationByCode(code) ?? nptObserverOrganisations.find((organisation) => organisation.id === code);
  return named === undefined ? code : nameIn(named.name, language);
}

function agentEntry(code: string, language: ExportLanguage): XmlElement {
  const agent = agentOf(code);
  const kind = agent.inline === 'person' ? 'person' : 'organization';
  return element(agent.inline === 'person' ? 'TLCPerson' : 'TLCOrganization', {
    eId: agent.reference,
    href: `/akn/ontology/${kind}/un/${nsaCommittee.id}/${agent.reference}`,
    showAs: agentName(code, language),
  });
}

/**
 * <references>: the committee (author of the work), Concord (author of the markup), every delegation or office
 * the text names, and the status concepts compilation-mode blocks refer to. Sorted, so the output is stable.
 */
export function referencesElement(codes: ReadonlySet<string>, statuses: ReadonlySet<BlockStatus>, language: ExportLanguage): XmlElement {
  const statusOrder: BlockStatus[] = ['draft', 'agreed-ad-ref', 'agreed'];
  return element('references', { source: `#${concordReference}` }, [
    element('TLCOrganization', {
      eId: committeeReference,
      href: `/akn/ontology/organization/un/${nsaCommittee.id}`,
      showAs: nameIn(nsaCommittee.name, language),
    }),
    element('TLCOrganization', { eId: concordReference, href: '/akn/ontology/organization/concord', showAs: 'Concord' }),
    ...[...codes].sort().map((code) => agentEntry(code, language)),
    ...statusOrder
      .filter((status) => statuses.has(status))
      .map((status) =>
        element('TLCConcept', {
          eId: statusReference(status),
          href: `/akn/ontology/concept/concord/status/${status}`,
          showAs: exportLabels[language].status[status],
        }),
      ),
  ]);
}

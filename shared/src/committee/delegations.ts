/**
 * The States parties to the Treaty on the Non-Proliferation of Nuclear Weapons (NPT), as committee data.
 *
 * Source: the status of the NPT kept by its depositaries (Russian Federation, United Kingdom, United States)
 * and published by UNODA (treaties.unoda.org/t/npt); the count of 191 States parties is the one given in the
 * working paper's domain notes. Compiled 2026-11-30.
 * MUST be verified against the UNODA treaties database before it is presented as authoritative.
 *
 * How 191 is reached: the 193 UN Member States, minus the four that never joined (India, Israel, Pakistan,
 * South Sudan) = 189, plus the two non-member observer States (Holy See, State of Palestine) = 191.
 * The 191 include the Democratic People's Republic of Korea, whose withdrawal (2003) is disputed (see its entry).
 *
 * Names are short UN-style names (UNTERM short forms; "United Kingdom" shortened from the full short form).
 * Codes are ISO 3166-1 alpha-3.
 */
import { z } from 'zod';
import { findDuplicates } from './findDuplicates.ts';
import { groupIdSchema, nptGroupIdSchema } from './groups.ts';
import { localizedNameSchema } from './localizedName.ts';

export const delegationCodeSchema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'a delegation code is an ISO 3166-1 alpha-3 code: three capital letters (e.g. "FRA")');
export type DelegationCode = z.infer<typeof delegationCodeSchema>;

/** A delegation of any committee: its group is checked against the committee's groups (see committee.ts). */
export const delegationSchema = z.object({
  code: delegationCodeSchema,
  name: localizedNameSchema,
  group: groupIdSchema,
});
export type Delegation = z.infer<typeof delegationSchema>;

/** Adds one issue per repeated code, pointing at the repeat and naming the first occurrence. */
export function addDuplicateCodeIssues(delegations: ReadonlyArray<{ code: string }>, context: z.RefinementCtx): void {
  for (const duplicate of findDuplicates(delegations.map((delegation) => delegation.code))) {
    context.addIssue({
      code: 'custom',
      message: `duplicate delegation code "${duplicate.value}" (first at index ${duplicate.firstIndex})`,
      path: [duplicate.index, 'code'],
    });
  }
}

export const delegationListSchema = z.array(delegationSchema).superRefine(addDuplicateCodeIssues);

/** The nuclear-weapon States under article IX.3 of the NPT: a closed list, fixed by the treaty. */
export const NPT_NUCLEAR_WEAPON_STATES = ['CHN', 'FRA', 'GBR', 'RUS', 'USA'] as const;

export const nptDelegationSchema = delegationSchema.extend({ group: nptGroupIdSchema });
export type NptDelegation = z.infer<typeof nptDelegationSchema>;

export const nptDelegationListSchema = z
  .array(nptDelegationSchema)
  .superRefine(addDuplicateCodeIssues)
  .superRefine((delegations, context) => {
    const nuclearWeaponStates = delegations.filter((delegation) => delegation.group === 'NWS').map((delegation) => delegation.code);
    const expected: readonly string[] = NPT_NUCLEAR_WEAPON_STATES;
    const sameSet = nuclearWeaponStates.length === expected.length && expected.every((code) => nuclearWeaponStates.includes(code));
    if (!sameSet) {
      context.addIssue({
        code: 'custom',
        message: `the NPT has exactly 5 nuclear-weapon States (${expected.join(', ')}); this list marks ${nuclearWeaponStates.length} as NWS: ${nuclearWeaponStates.join(', ') || 'none'}`,
        path: [],
      });
    }
  });

const unMemberStates: NptDelegation[] = [
  { code: 'AFG', name: { en: 'Afghanistan', fr: 'Afghanistan' }, group: 'NNWS' },
  { code: 'ALB', name: { en: 'Albania', fr: 'Albanie' }, group: 'NNWS' },
  { code: 'DZA', name: { en: 'Algeria', fr: 'Algérie' }, group: 'NNWS' },
  { code: 'AND', name: { en: 'Andorra', fr: 'Andorre' }, group: 'NNWS' },
  { code: 'AGO', name: { en: 'Angola', fr: 'Angola' }, group: 'NNWS' },
  { code: 'ATG', name: { en: 'Antigua and Barbuda', fr: 'Antigua-et-Barbuda' }, group: 'NNWS' },
  { code: 'ARG', name: { en: 'Argentina', fr: 'Argentine' }, group: 'NNWS' },
  { code: 'ARM', name: { en: 'Armenia', fr: 'Arménie' }, group: 'NNWS' },
  { code: 'AUS', name: { en: 'Australia', fr: 'Australie' }, group: 'NNWS' },
  { code: 'AUT', name: { en: 'Austria', fr: 'Autriche' }, group: 'NNWS' },
  { code: 'AZE', name: { en: 'Azerbaijan', fr: 'Azerbaïdjan' }, group: 'NNWS' },
  { code: 'BHS', name: { en: 'Bahamas', fr: 'Bahamas' }, group: 'NNWS' },
  { code: 'BHR', name: { en: 'Bahrain', fr: 'Bahreïn' }, group: 'NNWS' },
  { code: 'BGD', name: { en: 'Bangladesh', fr: 'Bangladesh' }, group: 'NNWS' },
  { code: 'BRB', name: { en: 'Barbados', fr: 'Barbade' }, group: 'NNWS' },
  { code: 'BLR', name: { en: 'Belarus', fr: 'Bélarus' }, group: 'NNWS' },
  { code: 'BEL', name: { en: 'Belgium', fr: 'Belgique' }, group: 'NNWS' },
  { code: 'BLZ', name: { en: 'Belize', fr: 'Belize' }, group: 'NNWS' },
  { code: 'BEN', name: { en: 'Benin', fr: 'Bénin' }, group: 'NNWS' },
  { code: 'BTN', name: { en: 'Bhutan', fr: 'Bhoutan' }, group: 'NNWS' },
  { code: 'BOL', name: { en: 'Bolivia (Plurinational State of)', fr: 'Bolivie (État plurinational de)' }, group: 'NNWS' },
  { code: 'BIH', name: { en: 'Bosnia and Herzegovina', fr: 'Bosnie-Herzégovine' }, group: 'NNWS' },
  { code: 'BWA', name: { en: 'Botswana', fr: 'Botswana' }, group: 'NNWS' },
  { code: 'BRA', name: { en: 'Brazil', fr: 'Brésil' }, group: 'NNWS' },
  { code: 'BRN', name: { en: 'Brunei Darussalam', fr: 'Brunéi Darussalam' }, group: 'NNWS' },
  { code: 'BGR', name: { en: 'Bulgaria', fr: 'Bulgarie' }, group: 'NNWS' },
  { code: 'BFA', name: { en: 'Burkina Faso', fr: 'Burkina Faso' }, group: 'NNWS' },
  { code: 'BDI', name: { en: 'Burundi', fr: 'Burundi' }, group: 'NNWS' },
  { code: 'CPV', name: { en: 'Cabo Verde', fr: 'Cabo Verde' }, group: 'NNWS' },
  { code: 'KHM', name: { en: 'Cambodia', fr: 'Cambodge' }, group: 'NNWS' },
  { code: 'CMR', name: { en: 'Cameroon', fr: 'Cameroun' }, group: 'NNWS' },
  { code: 'CAN', name: { en: 'Canada', fr: 'Canada' }, group: 'NNWS' },
  { code: 'CAF', name: { en: 'Central African Republic', fr: 'République centrafricaine' }, group: 'NNWS' },
  { code: 'TCD', name: { en: 'Chad', fr: 'Tchad' }, group: 'NNWS' },
  { code: 'CHL', name: { en: 'Chile', fr: 'Chili' }, group: 'NNWS' },
  { code: 'CHN', name: { en: 'China', fr: 'Chine' }, group: 'NWS' },
  { code: 'COL', name: { en: 'Colombia', fr: 'Colombie' }, group: 'NNWS' },
  { code: 'COM', name: { en: 'Comoros', fr: 'Comores' }, group: 'NNWS' },
  { code: 'COG', name: { en: 'Congo', fr: 'Congo' }, group: 'NNWS' },
  { code: 'CRI', name: { en: 'Costa Rica', fr: 'Costa Rica' }, group: 'NNWS' },
  { code: 'CIV', name: { en: "Côte d'Ivoire", fr: "Côte d'Ivoire" }, group: 'NNWS' },
  { code: 'HRV', name: { en: 'Croatia', fr: 'Croatie' }, group: 'NNWS' },
  { code: 'CUB', name: { en: 'Cuba', fr: 'Cuba' }, group: 'NNWS' },
  { code: 'CYP', name: { en: 'Cyprus', fr: 'Chypre' }, group: 'NNWS' },
  { code: 'CZE', name: { en: 'Czechia', fr: 'Tchéquie' }, group: 'NNWS' },
  // Announced its withdrawal on 10 January 2003; no States parties' decision has settled whether it took effect,
  // and UNODA's treaty status still lists it without resolving that. Counted here so the total is 191 (see header).
  { code: 'PRK', name: { en: "Democratic People's Republic of Korea", fr: 'République populaire démocratique de Corée' }, group: 'NNWS' },
  { code: 'COD', name: { en: 'Democratic Republic of the Congo', fr: 'République démocratique du Congo' }, group: 'NNWS' },
  { code: 'DNK', name: { en: 'Denmark', fr: 'Danemark' }, group: 'NNWS' },
  { code: 'DJI', name: { en: 'Djibouti', fr: 'Djibouti' }, group: 'NNWS' },
  { code: 'DMA', name: { en: 'Dominica', fr: 'Dominique' }, group: 'NNWS' },
  { code: 'DOM', name: { en: 'Dominican Republic', fr: 'République dominicaine' }, group: 'NNWS' },
  { code: 'ECU', name: { en: 'Ecuador', fr: 'Équateur' }, group: 'NNWS' },
  { code: 'EGY', name: { en: 'Egypt', fr: 'Égypte' }, group: 'NNWS' },
  { code: 'SLV', name: { en: 'El Salvador', fr: 'El Salvador' }, group: 'NNWS' },
  { code: 'GNQ', name: { en: 'Equatorial Guinea', fr: 'Guinée équatoriale' }, group: 'NNWS' },
  { code: 'ERI', name: { en: 'Eritrea', fr: 'Érythrée' }, group: 'NNWS' },
  { code: 'EST', name: { en: 'Estonia', fr: 'Estonie' }, group: 'NNWS' },
  { code: 'SWZ', name: { en: 'Eswatini', fr: 'Eswatini' }, group: 'NNWS' },
  { code: 'ETH', name: { en: 'Ethiopia', fr: 'Éthiopie' }, group: 'NNWS' },
  { code: 'FJI', name: { en: 'Fiji', fr: 'Fidji' }, group: 'NNWS' },
  { code: 'FIN', name: { en: 'Finland', fr: 'Finlande' }, group: 'NNWS' },
  { code: 'FRA', name: { en: 'France', fr: 'France' }, group: 'NWS' },
  { code: 'GAB', name: { en: 'Gabon', fr: 'Gabon' }, group: 'NNWS' },
  { code: 'GMB', name: { en: 'Gambia', fr: 'Gambie' }, group: 'NNWS' },
  { code: 'GEO', name: { en: 'Georgia', fr: 'Géorgie' }, group: 'NNWS' },
  { code: 'DEU', name: { en: 'Germany', fr: 'Allemagne' }, group: 'NNWS' },
  { code: 'GHA', name: { en: 'Ghana', fr: 'Ghana' }, group: 'NNWS' },
  { code: 'GRC', name: { en: 'Greece', fr: 'Grèce' }, group: 'NNWS' },
  { code: 'GRD', name: { en: 'Grenada', fr: 'Grenade' }, group: 'NNWS' },
  { code: 'GTM', name: { en: 'Guatemala', fr: 'Guatemala' }, group: 'NNWS' },
  { code: 'GIN', name: { en: 'Guinea', fr: 'Guinée' }, group: 'NNWS' },
  { code: 'GNB', name: { en: 'Guinea-Bissau', fr: 'Guinée-Bissau' }, group: 'NNWS' },
  { code: 'GUY', name: { en: 'Guyana', fr: 'Guyana' }, group: 'NNWS' },
  { code: 'HTI', name: { en: 'Haiti', fr: 'Haïti' }, group: 'NNWS' },
  { code: 'HND', name: { en: 'Honduras', fr: 'Honduras' }, group: 'NNWS' },
  { code: 'HUN', name: { en: 'Hungary', fr: 'Hongrie' }, group: 'NNWS' },
  { code: 'ISL', name: { en: 'Iceland', fr: 'Islande' }, group: 'NNWS' },
  { code: 'IDN', name: { en: 'Indonesia', fr: 'Indonésie' }, group: 'NNWS' },
  { code: 'IRN', name: { en: 'Iran (Islamic Republic of)', fr: "Iran (République islamique d')" }, group: 'NNWS' },
  { code: 'IRQ', name: { en: 'Iraq', fr: 'Iraq' }, group: 'NNWS' },
  { code: 'IRL', name: { en: 'Ireland', fr: 'Irlande' }, group: 'NNWS' },
  { code: 'ITA', name: { en: 'Italy', fr: 'Italie' }, group: 'NNWS' },
  { code: 'JAM', name: { en: 'Jamaica', fr: 'Jamaïque' }, group: 'NNWS' },
  { code: 'JPN', name: { en: 'Japan', fr: 'Japon' }, group: 'NNWS' },
  { code: 'JOR', name: { en: 'Jordan', fr: 'Jordanie' }, group: 'NNWS' },
  { code: 'KAZ', name: { en: 'Kazakhstan', fr: 'Kazakhstan' }, group: 'NNWS' },
  { code: 'KEN', name: { en: 'Kenya', fr: 'Kenya' }, group: 'NNWS' },
  { code: 'KIR', name: { en: 'Kiribati', fr: 'Kiribati' }, group: 'NNWS' },
  { code: 'KWT', name: { en: 'Kuwait', fr: 'Koweït' }, group: 'NNWS' },
  { code: 'KGZ', name: { en: 'Kyrgyzstan', fr: 'Kirghizistan' }, group: 'NNWS' },
  { code: 'LAO', name: { en: "Lao People's Democratic Republic", fr: 'République démocratique populaire lao' }, group: 'NNWS' },
  { code: 'LVA', name: { en: 'Latvia', fr: 'Lettonie' }, group: 'NNWS' },
  { code: 'LBN', name: { en: 'Lebanon', fr: 'Liban' }, group: 'NNWS' },
  { code: 'LSO', name: { en: 'Lesotho', fr: 'Lesotho' }, group: 'NNWS' },
  { code: 'LBR', name: { en: 'Liberia', fr: 'Libéria' }, group: 'NNWS' },
  { code: 'LBY', name: { en: 'Libya', fr: 'Libye' }, group: 'NNWS' },
  { code: 'LIE', name: { en: 'Liechtenstein', fr: 'Liechtenstein' }, group: 'NNWS' },
  { code: 'LTU', name: { en: 'Lithuania', fr: 'Lituanie' }, group: 'NNWS' },
  { code: 'LUX', name: { en: 'Luxembourg', fr: 'Luxembourg' }, group: 'NNWS' },
  { code: 'MDG', name: { en: 'Madagascar', fr: 'Madagascar' }, group: 'NNWS' },
  { code: 'MWI', name: { en: 'Malawi', fr: 'Malawi' }, group: 'NNWS' },
  { code: 'MYS', name: { en: 'Malaysia', fr: 'Malaisie' }, group: 'NNWS' },
  { code: 'MDV', name: { en: 'Maldives', fr: 'Maldives' }, group: 'NNWS' },
  { code: 'MLI', name: { en: 'Mali', fr: 'Mali' }, group: 'NNWS' },
  { code: 'MLT', name: { en: 'Malta', fr: 'Malte' }, group: 'NNWS' },
  { code: 'MHL', name: { en: 'Marshall Islands', fr: 'Îles Marshall' }, group: 'NNWS' },
  { code: 'MRT', name: { en: 'Mauritania', fr: 'Mauritanie' }, group: 'NNWS' },
  { code: 'MUS', name: { en: 'Mauritius', fr: 'Maurice' }, group: 'NNWS' },
  { code: 'MEX', name: { en: 'Mexico', fr: 'Mexique' }, group: 'NNWS' },
  { code: 'FSM', name: { en: 'Micronesia (Federated States of)', fr: 'Micronésie (États fédérés de)' }, group: 'NNWS' },
  { code: 'MCO', name: { en: 'Monaco', fr: 'Monaco' }, group: 'NNWS' },
  { code: 'MNG', name: { en: 'Mongolia', fr: 'Mongolie' }, group: 'NNWS' },
  { code: 'MNE', name: { en: 'Montenegro', fr: 'Monténégro' }, group: 'NNWS' },
  { code: 'MAR', name: { en: 'Morocco', fr: 'Maroc' }, group: 'NNWS' },
  { code: 'MOZ', name: { en: 'Mozambique', fr: 'Mozambique' }, group: 'NNWS' },
  { code: 'MMR', name: { en: 'Myanmar', fr: 'Myanmar' }, group: 'NNWS' },
  { code: 'NAM', name: { en: 'Namibia', fr: 'Namibie' }, group: 'NNWS' },
  { code: 'NRU', name: { en: 'Nauru', fr: 'Nauru' }, group: 'NNWS' },
  { code: 'NPL', name: { en: 'Nepal', fr: 'Népal' }, group: 'NNWS' },
  { code: 'NLD', name: { en: 'Netherlands (Kingdom of the)', fr: 'Pays-Bas (Royaume des)' }, group: 'NNWS' },
  { code: 'NZL', name: { en: 'New Zealand', fr: 'Nouvelle-Zélande' }, group: 'NNWS' },
  { code: 'NIC', name: { en: 'Nicaragua', fr: 'Nicaragua' }, group: 'NNWS' },
  { code: 'NER', name: { en: 'Niger', fr: 'Niger' }, group: 'NNWS' },
  { code: 'NGA', name: { en: 'Nigeria', fr: 'Nigéria' }, group: 'NNWS' },
  { code: 'MKD', name: { en: 'North Macedonia', fr: 'Macédoine du Nord' }, group: 'NNWS' },
  { code: 'NOR', name: { en: 'Norway', fr: 'Norvège' }, group: 'NNWS' },
  { code: 'OMN', name: { en: 'Oman', fr: 'Oman' }, group: 'NNWS' },
  { code: 'PLW', name: { en: 'Palau', fr: 'Palaos' }, group: 'NNWS' },
  { code: 'PAN', name: { en: 'Panama', fr: 'Panama' }, group: 'NNWS' },
  { code: 'PNG', name: { en: 'Papua New Guinea', fr: 'Papouasie-Nouvelle-Guinée' }, group: 'NNWS' },
  { code: 'PRY', name: { en: 'Paraguay', fr: 'Paraguay' }, group: 'NNWS' },
  { code: 'PER', name: { en: 'Peru', fr: 'Pérou' }, group: 'NNWS' },
  { code: 'PHL', name: { en: 'Philippines', fr: 'Philippines' }, group: 'NNWS' },
  { code: 'POL', name: { en: 'Poland', fr: 'Pologne' }, group: 'NNWS' },
  { code: 'PRT', name: { en: 'Portugal', fr: 'Portugal' }, group: 'NNWS' },
  { code: 'QAT', name: { en: 'Qatar', fr: 'Qatar' }, group: 'NNWS' },
  { code: 'KOR', name: { en: 'Republic of Korea', fr: 'République de Corée' }, group: 'NNWS' },
  { code: 'MDA', name: { en: 'Republic of Moldova', fr: 'République de Moldova' }, group: 'NNWS' },
  { code: 'ROU', name: { en: 'Romania', fr: 'Roumanie' }, group: 'NNWS' },
  { code: 'RUS', name: { en: 'Russian Federation', fr: 'Fédération de Russie' }, group: 'NWS' },
  { code: 'RWA', name: { en: 'Rwanda', fr: 'Rwanda' }, group: 'NNWS' },
  { code: 'KNA', name: { en: 'Saint Kitts and Nevis', fr: 'Saint-Kitts-et-Nevis' }, group: 'NNWS' },
  { code: 'LCA', name: { en: 'Saint Lucia', fr: 'Sainte-Lucie' }, group: 'NNWS' },
  { code: 'VCT', name: { en: 'Saint Vincent and the Grenadines', fr: 'Saint-Vincent-et-les Grenadines' }, group: 'NNWS' },
  { code: 'WSM', name: { en: 'Samoa', fr: 'Samoa' }, group: 'NNWS' },
  { code: 'SMR', name: { en: 'San Marino', fr: 'Saint-Marin' }, group: 'NNWS' },
  { code: 'STP', name: { en: 'Sao Tome and Principe', fr: 'Sao Tomé-et-Principe' }, group: 'NNWS' },
  { code: 'SAU', name: { en: 'Saudi Arabia', fr: 'Arabie saoudite' }, group: 'NNWS' },
  { code: 'SEN', name: { en: 'Senegal', fr: 'Sénégal' }, group: 'NNWS' },
  { code: 'SRB', name: { en: 'Serbia', fr: 'Serbie' }, group: 'NNWS' },
  { code: 'SYC', name: { en: 'Seychelles', fr: 'Seychelles' }, group: 'NNWS' },
  { code: 'SLE', name: { en: 'Sierra Leone', fr: 'Sierra Leone' }, group: 'NNWS' },
  { code: 'SGP', name: { en: 'Singapore', fr: 'Singapour' }, group: 'NNWS' },
  { code: 'SVK', name: { en: 'Slovakia', fr: 'Slovaquie' }, group: 'NNWS' },
  { code: 'SVN', name: { en: 'Slovenia', fr: 'Slovénie' }, group: 'NNWS' },
  { code: 'SLB', name: { en: 'Solomon Islands', fr: 'Îles Salomon' }, group: 'NNWS' },
  { code: 'SOM', name: { en: 'Somalia', fr: 'Somalie' }, group: 'NNWS' },
  { code: 'ZAF', name: { en: 'South Africa', fr: 'Afrique du Sud' }, group: 'NNWS' },
  { code: 'ESP', name: { en: 'Spain', fr: 'Espagne' }, group: 'NNWS' },
  { code: 'LKA', name: { en: 'Sri Lanka', fr: 'Sri Lanka' }, group: 'NNWS' },
  { code: 'SDN', name: { en: 'Sudan', fr: 'Soudan' }, group: 'NNWS' },
  { code: 'SUR', name: { en: 'Suriname', fr: 'Suriname' }, group: 'NNWS' },
  { code: 'SWE', name: { en: 'Sweden', fr: 'Suède' }, group: 'NNWS' },
  { code: 'CHE', name: { en: 'Switzerland', fr: 'Suisse' }, group: 'NNWS' },
  { code: 'SYR', name: { en: 'Syrian Arab Republic', fr: 'République arabe syrienne' }, group: 'NNWS' },
  { code: 'TJK', name: { en: 'Tajikistan', fr: 'Tadjikistan' }, group: 'NNWS' },
  { code: 'THA', name: { en: 'Thailand', fr: 'Thaïlande' }, group: 'NNWS' },
  { code: 'TLS', name: { en: 'Timor-Leste', fr: 'Timor-Leste' }, group: 'NNWS' },
  { code: 'TGO', name: { en: 'Togo', fr: 'Togo' }, group: 'NNWS' },
  { code: 'TON', name: { en: 'Tonga', fr: 'Tonga' }, group: 'NNWS' },
  { code: 'TTO', name: { en: 'Trinidad and Tobago', fr: 'Trinité-et-Tobago' }, group: 'NNWS' },
  { code: 'TUN', name: { en: 'Tunisia', fr: 'Tunisie' }, group: 'NNWS' },
  { code: 'TUR', name: { en: 'Türkiye', fr: 'Türkiye' }, group: 'NNWS' },
  { code: 'TKM', name: { en: 'Turkmenistan', fr: 'Turkménistan' }, group: 'NNWS' },
  { code: 'TUV', name: { en: 'Tuvalu', fr: 'Tuvalu' }, group: 'NNWS' },
  { code: 'UGA', name: { en: 'Uganda', fr: 'Ouganda' }, group: 'NNWS' },
  { code: 'UKR', name: { en: 'Ukraine', fr: 'Ukraine' }, group: 'NNWS' },
  { code: 'ARE', name: { en: 'United Arab Emirates', fr: 'Émirats arabes unis' }, group: 'NNWS' },
  { code: 'GBR', name: { en: 'United Kingdom', fr: 'Royaume-Uni' }, group: 'NWS' },
  { code: 'TZA', name: { en: 'United Republic of Tanzania', fr: 'République-Unie de Tanzanie' }, group: 'NNWS' },
  { code: 'USA', name: { en: 'United States of America', fr: "États-Unis d'Amérique" }, group: 'NWS' },
  { code: 'URY', name: { en: 'Uruguay', fr: 'Uruguay' }, group: 'NNWS' },
  { code: 'UZB', name: { en: 'Uzbekistan', fr: 'Ouzbékistan' }, group: 'NNWS' },
  { code: 'VUT', name: { en: 'Vanuatu', fr: 'Vanuatu' }, group: 'NNWS' },
  { code: 'VEN', name: { en: 'Venezuela (Bolivarian Republic of)', fr: 'Venezuela (République bolivarienne du)' }, group: 'NNWS' },
  { code: 'VNM', name: { en: 'Viet Nam', fr: 'Viet Nam' }, group: 'NNWS' },
  { code: 'YEM', name: { en: 'Yemen', fr: 'Yémen' }, group: 'NNWS' },
  { code: 'ZMB', name: { en: 'Zambia', fr: 'Zambie' }, group: 'NNWS' },
  { code: 'ZWE', name: { en: 'Zimbabwe', fr: 'Zimbabwe' }, group: 'NNWS' },
];

/** Non-member observer States of the UN that are parties to the NPT. */
const nonMemberObserverStates: NptDelegation[] = [
  { code: 'VAT', name: { en: 'Holy See', fr: 'Saint-Siège' }, group: 'NNWS' },
  { code: 'PSE', name: { en: 'State of Palestine', fr: 'État de Palestine' }, group: 'NNWS' },
];

/** The 191 NPT States parties, validated when this module loads (unique codes, exactly the 5 NWS). */
export const nptDelegations: readonly NptDelegation[] = nptDelegationListSchema.parse([...unMemberStates, ...nonMemberObserverStates]);

import type { CreateDocument, CreateUser } from '@concord/shared';

/** Published in the README: a demo installation is for trying Concord out, never for real work. */
export const demoPassword = 'concord-demo-2026';

/**
 * The demo committee: the secretariat, a chair from Kuwait (which proposed the committee), delegates
 * of two nuclear-weapon States (France, United States) and of three non-nuclear-weapon States
 * (Egypt, Ireland, Mexico), and an observer from the IAEA.
 */
export const demoAccounts: readonly CreateUser[] = [
  { email: 'secretariat@demo.concord.example', name: 'Demo Secretariat', role: 'secretariat', affiliation: { kind: 'secretariat' } },
  { email: 'chair.kwt@demo.concord.example', name: 'Demo Chair (Kuwait)', role: 'chair', affiliation: { kind: 'delegation', delegationCode: 'KWT' } },
  { email: 'delegate.fra@demo.concord.example', name: 'Demo Delegate (France)', role: 'delegate', affiliation: { kind: 'delegation', delegationCode: 'FRA' } },
  { email: 'delegate.usa@demo.concord.example', name: 'Demo Delegate (United States)', role: 'delegate', affiliation: { kind: 'delegation', delegationCode: 'USA' } },
  { email: 'delegate.egy@demo.concord.example', name: 'Demo Delegate (Egypt)', role: 'delegate', affiliation: { kind: 'delegation', delegationCode: 'EGY' } },
  { email: 'delegate.irl@demo.concord.example', name: 'Demo Delegate (Ireland)', role: 'delegate', affiliation: { kind: 'delegation', delegationCode: 'IRL' } },
  { email: 'delegate.mex@demo.concord.example', name: 'Demo Delegate (Mexico)', role: 'delegate', affiliation: { kind: 'delegation', delegationCode: 'MEX' } },
  { email: 'observer.iaea@demo.concord.example', name: 'Demo Observer (IAEA)', role: 'observer', affiliation: { kind: 'observer', organisationId: 'IAEA' } },
];

export const demoDocuments: readonly CreateDocument[] = [
  { title: 'Phase 1 options report on negative security assurances (demo)', kind: 'phase1-options-report', session: '2026, first session (demo)' },
  { title: 'Annual progress report 2026 (demo)', kind: 'annual-progress-report', session: '2026, first session (demo)' },
];

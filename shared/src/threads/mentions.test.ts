import { describe, expect, it } from 'vitest';
import { mentionedDelegations } from './mentions.ts';

describe('mentionedDelegations', () => {
  it.each([
    ['one mention', 'Could @FRA clarify?', ['FRA']],
    ['several, in order, each once', '@KWT and @FRA, then @KWT again (@EGY).', ['KWT', 'FRA', 'EGY']],
    ['at the start and end of lines', '@USA\nthanks @GBR', ['USA', 'GBR']],
    ['not a State party', 'Ask @IND and @ISR', []],
    ['not an ISO code', '@XYZ @ABC', []],
    ['lower case is not a mention', '@fra', []],
    ['a longer word', '@FRANCE @FRA2 @FRA_', []],
    ['inside an email address', 'write to desk@FRA or a.b@GBR', []],
    ['a double at sign', '@@FRA', []],
    ['an empty body', '', []],
    ['a group is not a delegation', '@NWS @NNWS', []],
    ['punctuation after the code', '@CHN: yes; @RUS, no.', ['CHN', 'RUS']],
  ])('%s', (_name, body, codes) => {
    expect(mentionedDelegations(body)).toEqual(codes);
  });
});

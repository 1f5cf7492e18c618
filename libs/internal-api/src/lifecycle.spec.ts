import { z } from 'zod';
import { defineContract } from './contract';
import { duplicateSubjects, expiredContracts } from './lifecycle';
import { publishedContracts } from './registry';

const sample = (dates: { deprecated?: string; removeAfter?: string }) =>
  defineContract({ module: 'sales', entity: 'lead', verb: 'get', version: 1, request: z.object({}), reply: z.object({}), ...dates });

describe('contract lifecycle', () => {
  it('serves no version past its removeAfter date', () => {
    expect(expiredContracts(publishedContracts, new Date()).map((c) => c.subject)).toEqual([]);
  });

  it('flags a version still registered after its removeAfter date', () => {
    const old = sample({ deprecated: '2026-01-01', removeAfter: '2026-06-30' });
    expect(expiredContracts([old], new Date('2026-07-01T00:00:00Z'))).toEqual([old]);
    expect(expiredContracts([old], new Date('2026-06-30T12:00:00Z'))).toEqual([]);
  });

  it('registers each subject once', () => {
    expect(duplicateSubjects(publishedContracts)).toEqual([]);
    expect(duplicateSubjects([sample({}), sample({})])).toEqual(['sales.v1.lead.get']);
  });

  it('names subjects <module>.v<major>.<entity>.<verb>', () => {
    expect(sample({}).subject).toBe('sales.v1.lead.get');
  });

  it.each([
    [{ module: 'Sales' }, /module/],
    [{ version: 0 }, /version/],
    [{ removeAfter: '2027-01-01' }, /needs a deprecated date/],
    [{ deprecated: '01/02/2027' }, /YYYY-MM-DD/],
  ])('rejects an invalid definition %o', (override, message) => {
    expect(() =>
      defineContract({ module: 'sales', entity: 'lead', verb: 'get', version: 1, request: z.object({}), reply: z.object({}), ...override }),
    ).toThrow(message);
  });
});

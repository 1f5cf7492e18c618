import { defineStatusContract } from '../../common/service-status';

export const accountingV1 = {
  statusGet: defineStatusContract('accounting'),
} as const;
export * from './permissions';

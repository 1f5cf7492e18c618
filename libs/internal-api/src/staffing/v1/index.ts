import { defineStatusContract } from '../../common/service-status';

export const staffingV1 = {
  statusGet: defineStatusContract('staffing'),
} as const;
export * from './permissions';

import { defineStatusContract } from '../../common/service-status';

export const complaintsV1 = {
  statusGet: defineStatusContract('complaints'),
} as const;
export * from './permissions';

import { defineStatusContract } from '../../common/service-status';

export const salesV1 = {
  statusGet: defineStatusContract('sales'),
} as const;
export * from './permissions';

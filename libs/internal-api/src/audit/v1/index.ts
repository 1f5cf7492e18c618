import { defineStatusContract } from '../../common/service-status';

export const auditV1 = {
  statusGet: defineStatusContract('audit'),
} as const;
export * from './permissions';

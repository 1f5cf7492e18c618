import { defineStatusContract } from '../../common/service-status';

export const identityV1 = {
  statusGet: defineStatusContract('identity'),
} as const;

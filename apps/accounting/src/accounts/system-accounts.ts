/** Account types; the chart every tenant starts with is seeded by the ledger migration. */
export const accountTypes = ['asset', 'liability', 'equity', 'income', 'expense'] as const;
export type AccountType = (typeof accountTypes)[number];

/** Accounts of the seeded chart that the ledger itself posts to. */
export const systemAccounts = {
  bank: '1100',
  receivables: '1200',
  payables: '2100',
  vatPayable: '2200',
  retainedEarnings: '3200',
  exchangeDifference: '7900',
} as const;

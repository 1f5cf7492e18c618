import { definePermissions } from '../../common/permissions';

export const accountingPermissions = definePermissions('accounting', {
  accountRead: ['account:read', 'Read the chart of accounts'],
  accountManage: ['account:manage', 'Create, change and deactivate accounts'],
  journalEntryRead: ['journal-entry:read', 'Read journal entries'],
  journalEntryCreate: ['journal-entry:create', 'Draft journal entries'],
  journalEntryPost: ['journal-entry:post', 'Post and reverse journal entries'],
  periodClose: ['period:close', 'Close fiscal periods'],
  periodReopen: ['period:reopen', 'Reopen closed fiscal periods'],
  customerManage: ['customer:manage', 'Create and change customers'],
  invoiceRead: ['invoice:read', 'Read invoices'],
  invoiceCreate: ['invoice:create', 'Draft and issue invoices'],
  invoiceVoid: ['invoice:void', 'Void invoices and issue credit notes'],
  paymentCreate: ['payment:create', 'Record and allocate payments'],
  reportRead: ['report:read', 'Run financial reports'],
});

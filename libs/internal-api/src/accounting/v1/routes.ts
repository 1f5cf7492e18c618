import { defineRoutes, requires } from '../../common/routes';
import { accountingV1 as c } from './contracts';
import { accountingPermissions as p } from './permissions';

const module = 'accounting';

/** Accounting's public HTTP API, served by the gateway for tenants with the module enabled. */
export const accountingRoutes = defineRoutes([
  { method: 'GET', path: '/v1/accounting/settings', contract: c.settingsGet, access: requires(p.accountRead), module },
  { method: 'PUT', path: '/v1/accounting/settings', contract: c.settingsSet, access: requires(p.accountManage), module },
  { method: 'GET', path: '/v1/accounting/accounts', contract: c.accountList, access: requires(p.accountRead), module },
  { method: 'POST', path: '/v1/accounting/accounts', contract: c.accountCreate, access: requires(p.accountManage), module, successStatus: 201 },
  { method: 'POST', path: '/v1/accounting/accounts/:code/deactivate', contract: c.accountDeactivate, access: requires(p.accountManage), module },
  { method: 'POST', path: '/v1/accounting/journal-entries', contract: c.journalEntryRecord, access: requires(p.journalEntryPost), module, successStatus: 201 },
  { method: 'POST', path: '/v1/accounting/journal-entries/drafts', contract: c.journalEntryDraft, access: requires(p.journalEntryCreate), module, successStatus: 201 },
  { method: 'POST', path: '/v1/accounting/journal-entries/:id/post', contract: c.journalEntryPost, access: requires(p.journalEntryPost), module },
  { method: 'POST', path: '/v1/accounting/journal-entries/:id/reverse', contract: c.journalEntryReverse, access: requires(p.journalEntryPost), module, successStatus: 201 },
  { method: 'GET', path: '/v1/accounting/journal-entries/:id', contract: c.journalEntryGet, access: requires(p.journalEntryRead), module },
  { method: 'GET', path: '/v1/accounting/periods', contract: c.periodList, access: requires(p.journalEntryRead), module },
  { method: 'POST', path: '/v1/accounting/periods/:period/close', contract: c.periodClose, access: requires(p.periodClose), module },
  { method: 'POST', path: '/v1/accounting/periods/:period/reopen', contract: c.periodReopen, access: requires(p.periodReopen), module },
  { method: 'POST', path: '/v1/accounting/customers', contract: c.customerCreate, access: requires(p.customerManage), module, successStatus: 201 },
  { method: 'GET', path: '/v1/accounting/customers', contract: c.customerList, access: requires(p.invoiceRead), module },
  { method: 'POST', path: '/v1/accounting/invoices', contract: c.invoiceDraft, access: requires(p.invoiceCreate), module, successStatus: 201 },
  { method: 'POST', path: '/v1/accounting/invoices/:id/issue', contract: c.invoiceIssue, access: requires(p.invoiceCreate), module },
  { method: 'POST', path: '/v1/accounting/invoices/:id/void', contract: c.invoiceVoid, access: requires(p.invoiceVoid), module },
  { method: 'GET', path: '/v1/accounting/invoices/:id', contract: c.invoiceGet, access: requires(p.invoiceRead), module },
  { method: 'POST', path: '/v1/accounting/payments', contract: c.paymentRecord, access: requires(p.paymentCreate), module, successStatus: 201 },
  { method: 'POST', path: '/v1/accounting/credit-notes', contract: c.creditNoteIssue, access: requires(p.invoiceVoid), module, successStatus: 201 },
  { method: 'GET', path: '/v1/accounting/reports/aged-receivables', contract: c.agedReceivables, access: requires(p.reportRead), module },
  { method: 'GET', path: '/v1/accounting/reports/trial-balance', contract: c.trialBalance, access: requires(p.reportRead), module },
  { method: 'GET', path: '/v1/accounting/reports/profit-and-loss', contract: c.profitAndLoss, access: requires(p.reportRead), module },
  { method: 'GET', path: '/v1/accounting/reports/balance-sheet', contract: c.balanceSheet, access: requires(p.reportRead), module },
  { method: 'GET', path: '/v1/accounting/reports/general-ledger/:accountCode', contract: c.generalLedger, access: requires(p.reportRead), module },
]);

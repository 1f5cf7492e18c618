import { Module } from '@nestjs/common';
import { AuditOutboxModule } from '@ido/audit';
import { IdentityModule } from '@ido/identity';
import { accountingV1 } from '@ido/internal-api';
import { statusController } from '@ido/platform-runtime';
import { AccountsController } from './accounts/accounts.controller';
import { AccountsRepository } from './accounts/accounts.repository';
import { AccountsService } from './accounts/accounts.service';
import { LedgerSettings, LedgerSettingsController } from './accounts/ledger-settings';
import { LedgerDatabase } from './database/ledger-database';
import { JournalRepository } from './ledger/journal.repository';
import { LedgerController } from './ledger/ledger.controller';
import { LedgerService } from './ledger/ledger.service';
import { PeriodsController } from './periods/periods.controller';
import { PeriodsService } from './periods/periods.service';
import { AgedReceivablesReport } from './receivables/aged-receivables.service';
import { InvoicesService } from './receivables/invoices.service';
import { PaymentsService } from './receivables/payments.service';
import { ReceivablesController } from './receivables/receivables.controller';
import { ReceivablesRepository } from './receivables/receivables.repository';
import { ReportsController } from './reports/reports.controller';
import { ReportsRepository } from './reports/reports.repository';
import { ReportsService } from './reports/reports.service';

/** The double-entry ledger: chart of accounts, journal entries, periods, receivables, reports. */
@Module({
  imports: [IdentityModule.forService(), AuditOutboxModule.forService()],
  controllers: [statusController(accountingV1.statusGet), LedgerSettingsController, AccountsController, LedgerController, PeriodsController, ReportsController, ReceivablesController],
  providers: [LedgerDatabase, LedgerSettings, AccountsRepository, AccountsService, JournalRepository, LedgerService, PeriodsService, ReportsRepository, ReportsService, ReceivablesRepository, InvoicesService, PaymentsService, AgedReceivablesReport],
})
export class AccountingModule {}

import { Controller, Inject, Injectable } from '@nestjs/common';
import { AuditLog } from '@ido/audit';
import { type Actor, currentActor, Requires } from '@ido/identity';
import { accountingPermissions as can, accountingV1, type ParsedRequestOf } from '@ido/internal-api';
import { Handles, IdoError } from '@ido/platform-messaging';
import { LedgerDatabase } from '../database/ledger-database';
import { isCurrency } from '../ledger/money';

/** The tenant's base currency: chosen before the first posting, fixed after (every base amount depends on it). */
@Injectable()
export class LedgerSettings {
  constructor(
    @Inject(LedgerDatabase) private readonly db: LedgerDatabase,
    @Inject(AuditLog) private readonly audit: AuditLog,
  ) {}

  async get(tenant: string) {
    return this.db.read(tenant, async (db) => ({ baseCurrency: (await db.ledgerSetting.findUniqueOrThrow({ where: { singleton: true } })).baseCurrency }));
  }

  async setBaseCurrency(actor: Actor, baseCurrency: string) {
    const tenant = actor.tenant;
    if (!isCurrency(baseCurrency)) throw new IdoError('VALIDATION_FAILED', `Unknown currency ${baseCurrency}`);
    return this.db.transaction(tenant, async (tx) => {
      await tx.$executeRaw`LOCK TABLE journal_entry IN SHARE MODE`;
      if ((await tx.journalEntry.count()) > 0) throw new IdoError('PRECONDITION_FAILED', 'The base currency is fixed once the ledger has entries');
      const before = await tx.ledgerSetting.findUniqueOrThrow({ where: { singleton: true } });
      await tx.ledgerSetting.update({ where: { singleton: true }, data: { baseCurrency } });
      await this.audit.record(tx, {
        tenant,
        actor: { kind: actor.kind, id: actor.id },
        action: 'accounting.settings.set',
        entity: { type: 'ledger-settings', id: tenant },
        before: { baseCurrency: before.baseCurrency },
        after: { baseCurrency },
      });
      return { baseCurrency };
    });
  }
}

@Controller()
export class LedgerSettingsController {
  constructor(@Inject(LedgerSettings) private readonly settings: LedgerSettings) {}

  @Requires(can.accountRead)
  @Handles(accountingV1.settingsGet)
  get() {
    return this.settings.get(currentActor().tenant);
  }

  @Requires(can.accountManage)
  @Handles(accountingV1.settingsSet)
  set(request: ParsedRequestOf<typeof accountingV1.settingsSet>) {
    return this.settings.setBaseCurrency(currentActor(), request.baseCurrency);
  }
}

import { z } from 'zod';
import type { Contract } from './contract';
import type { EventContract } from './common/events';

/** The frozen, comparable form of a contract version. Dates are not part of it. */
export function contractSnapshot(contract: Contract) {
  return {
    subject: contract.subject,
    request: z.toJSONSchema(contract.request, { io: 'input' }),
    reply: z.toJSONSchema(contract.reply, { io: 'output' }),
  };
}

export function snapshotFileName(contract: Contract): string {
  return `${contract.module}/v${contract.version}/${contract.entity}.${contract.verb}.json`;
}

/** The frozen form of an event version: what consumers may rely on. */
export function eventSnapshot(event: EventContract) {
  return { subject: event.subject, payload: z.toJSONSchema(event.payload, { io: 'output' }) };
}

export function eventSnapshotFileName(event: EventContract): string {
  return `${event.module}/v${event.version}/events/${event.name}.json`;
}

/** Contracts still registered although their removal date has passed. */
export function expiredContracts(contracts: readonly Contract[], today: Date): Contract[] {
  const day = today.toISOString().slice(0, 10);
  return contracts.filter((c) => c.removeAfter !== undefined && c.removeAfter < day);
}

export function duplicateSubjects(contracts: readonly Contract[]): string[] {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const { subject } of contracts) {
    if (seen.has(subject)) duplicates.add(subject);
    seen.add(subject);
  }
  return [...duplicates];
}

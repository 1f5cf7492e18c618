import { randomBytes } from 'node:crypto';

/** Test namespaces start with this, so sweeps never touch a real environment. */
export const testNamespacePrefix = 'idot_';

/**
 * A namespace unique to one test file's run: its databases and NATS subjects are
 * its own. The creation time is encoded so a later run can sweep leftovers.
 */
export function newTestNamespace(): string {
  return `${testNamespacePrefix}${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

export function namespaceCreatedAt(name: string): Date | undefined {
  const match = /^idot_([0-9a-z]+)_/.exec(name);
  return match?.[1] ? new Date(parseInt(match[1], 36)) : undefined;
}
